"""URL normalization, so one article reached by two spellings of its URL is fetched once.

Lower-cased scheme and host, IDNA host, no default port, no fragment, no
tracking parameters (list in urls.toml), ``/`` for an empty path, unreserved
characters un-escaped and the rest percent-encoded the same way every time.
Query parameter order is kept: some sites care about it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_QUERY_SAFE = "/:@!$'()*,;-._~?"


class UnsupportedScheme(ValueError):
    """Only http and https URLs are fetched."""


def _load_tracking() -> tuple[tuple[str, ...], frozenset[str]]:
    with open(Path(__file__).with_name("urls.toml"), "rb") as fh:
        data = tomllib.load(fh)
    return tuple(p.lower() for p in data["prefixes"]), frozenset(n.lower() for n in data["names"])


_TRACKING_PREFIXES, _TRACKING_NAMES = _load_tracking()


def is_tracking(param: str) -> bool:
    name = param.lower()
    return name in _TRACKING_NAMES or name.startswith(_TRACKING_PREFIXES)


def _host(hostname: str) -> str:
    host = hostname.rstrip(".").lower()
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    return host


_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _escape(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char in _UNRESERVED else "%" + match.group(1).upper()


def _requote(part: str, safe: str) -> str:
    """Unreserved escapes decoded, other escapes upper-cased, unsafe characters escaped (``%2F`` stays)."""
    return quote(_ESCAPE.sub(_escape, part), safe=safe + "%")


def normalize_url(url: str) -> str:
    """The canonical spelling of ``url``. Raises UnsupportedScheme for anything but http(s)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise UnsupportedScheme(f"only http and https URLs are fetched, not {scheme or 'a relative URL'}: {url}")
    if not parts.hostname:
        raise ValueError(f"URL has no host: {url}")
    host = _host(parts.hostname)
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"bad port in URL: {url}") from exc
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username is not None:
        auth = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{auth}@{netloc}"
    path = _requote(parts.path, _PATH_SAFE) or "/"
    query = ""
    if parts.query:
        pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)]
        query = urlencode(pairs, safe=_QUERY_SAFE, quote_via=quote)
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    """``scheme://host[:port]``: the unit robots.txt, concurrency and delays apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def unique(urls: Iterable[str], seen: set[str] | None = None) -> Iterator[tuple[str, str | None, Exception | None]]:
    """``(url as given, normalized url, error)`` for each URL whose normalized form is new.

    An unusable URL comes out once with its error (it still becomes a record).
    """
    seen = set() if seen is None else seen
    for raw in urls:
        raw = raw.strip()
        if not raw:
            continue
        try:
            norm = normalize_url(raw)
        except ValueError as exc:
            if raw not in seen:
                seen.add(raw)
                yield raw, None, exc
            continue
        if norm not in seen:
            seen.add(norm)
            yield raw, norm, None
