"""Which hosts ``/fetch`` may reach: public addresses only, unless the config lists a host or network.

A service that fetches URLs for its callers must not become their way into the
network it sits in (SSRF). The check is on addresses, never on how a URL spells
its host: a host is resolved (or read as an IP literal in any spelling the C
resolver accepts: ``2130706433``, ``0177.0.0.1``, ``0x7f.1``, ``127.1``) and
every address it resolves to must be public, with IPv4 addresses embedded in
IPv6 (mapped, 6to4, Teredo, NAT64) judged as the IPv4 address they carry.
``GuardedTransport`` then connects to exactly the address that was checked, so a
second DNS answer cannot swap in another one, and every redirect hop is a new
request that passes the same check.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class ForbiddenAddress(Exception):
    """The URL's host is, or resolves to, an address that is not public (and is not allowed by config)."""


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if it carries one."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if int(ip) >> 32 == 0 and int(ip) > 1:  # IPv4-compatible ::a.b.c.d (deprecated, still routable by some stacks)
        return ipaddress.IPv4Address(int(ip))
    return None


def is_public(ip: IPAddress) -> bool:
    """A globally routable unicast address: not private, loopback, link-local, multicast, reserved, unspecified."""
    inner = embedded_ipv4(ip)
    if inner is not None and not is_public(inner):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback
                                 or ip.is_unspecified or ip.is_private)


def ip_literal(host: str) -> IPAddress | None:
    """``host`` as an IP address if it is one in any spelling (dotted, decimal, octal, hex, short), else None."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if "%" in host:  # an IPv6 zone id: fe80::1%eth0
        try:
            return ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))  # the classic forms: 127.1, 0x7f.1, 017700000001
    except (OSError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Public addresses always; beyond that only the hosts and networks the config lists."""

    hosts: frozenset[str] = frozenset()
    domains: tuple[str, ...] = ()
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def from_allowlist(cls, entries: Iterable[str]) -> "AddressPolicy":
        hosts, domains, networks = set(), [], []
        for entry in entries:
            entry = entry.strip().lower()
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
                continue
            except ValueError:
                pass
            if entry.startswith("."):
                domains.append(entry)
            elif entry:
                hosts.add(entry)
        return cls(frozenset(hosts), tuple(domains), tuple(networks))

    def host_allowed(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return host in self.hosts or any(host.endswith(d) or host == d[1:] for d in self.domains)

    def address_allowed(self, ip: IPAddress) -> bool:
        return is_public(ip) or any(ip in net for net in self.networks)

    async def resolve(self, host: str, port: int) -> str | None:
        """The checked address to connect to, or None for a listed host (connect by name).

        Raises ``ForbiddenAddress`` when the host, or any address it resolves to, is not allowed.
        """
        if not host:
            raise ForbiddenAddress("the URL has no host")
        if self.host_allowed(host):
            return None
        literal = ip_literal(host)
        if literal is not None:
            addresses = [literal]
        else:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except socket.gaierror as exc:
                raise httpx.ConnectError(f"cannot resolve {host}: {exc.strerror or exc}") from None
            addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
        refused = [ip for ip in addresses if not self.address_allowed(ip)]
        if refused or not addresses:
            shown = ", ".join(dict.fromkeys(str(ip) for ip in refused))
            raise ForbiddenAddress(f"{host} is not a public address ({shown}); "
                                   "list it in [serve] fetch_allow to fetch from it")
        return str(addresses[0])

    async def check_url(self, url: str) -> None:
        """Raise ``ForbiddenAddress`` unless ``url``'s host may be fetched."""
        parts = urlsplit(url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            port = 80
        await self.resolve(parts.hostname or "", port)


class GuardedTransport(httpx.AsyncBaseTransport):
    """httpx's transport, but each request goes to the address ``policy`` checked for its host.

    The URL's host is replaced by that address; the Host header and the TLS
    server name (``sni_hostname``) keep the name, so virtual hosts and
    certificate checks work as before.
    """

    def __init__(self, policy: AddressPolicy, limits: httpx.Limits) -> None:
        self.policy = policy
        self.inner = httpx.AsyncHTTPTransport(limits=limits)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        address = await self.policy.resolve(url.host, url.port or (443 if url.scheme == "https" else 80))
        if address is not None:
            extensions = dict(request.extensions)
            if url.scheme == "https":
                extensions.setdefault("sni_hostname", url.host)
            request = httpx.Request(request.method, url.copy_with(host=address), headers=request.headers,
                                    stream=request.stream, extensions=extensions)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()
