"""robots.txt, fetched once per host (scheme + host + port) and kept for the run.

Follows RFC 9309: a 2xx file is obeyed (parsed by protego); a 4xx means no
rules; a 5xx or an unreachable server means "disallow everything" for now,
since the site may be down or overloaded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from protego import Protego

from .urls import host_of

MAX_ROBOTS_BYTES = 512 * 1024
"""RFC 9309 asks crawlers to parse at least 500 KiB."""

Loader = Callable[[str], Awaitable[tuple[int, bytes]]]
"""robots.txt URL -> (HTTP status, body); raises on a network failure."""


class RobotsDisallowed(PermissionError):
    """robots.txt forbids this URL to our user agent."""


class _Verdict:
    """Rules for one host: a parsed file, allow-all, or disallow-all with a reason."""

    __slots__ = ("rules", "blocked")

    def __init__(self, rules: Protego | None = None, blocked: str | None = None) -> None:
        self.rules = rules
        self.blocked = blocked


class RobotsCache:
    def __init__(self, user_agent: str, load: Loader) -> None:
        self.user_agent = user_agent
        self.load = load
        self._verdicts: dict[str, _Verdict] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def check(self, url: str) -> None:
        """Raise RobotsDisallowed unless ``url`` may be fetched."""
        verdict = await self._verdict(host_of(url))
        if verdict.blocked:
            raise RobotsDisallowed(verdict.blocked)
        if verdict.rules is not None and not verdict.rules.can_fetch(url, self.user_agent):
            raise RobotsDisallowed(f"robots.txt disallows {url}")

    async def crawl_delay(self, url: str) -> float | None:
        """The host's ``Crawl-delay`` for our user agent, if its robots.txt sets one."""
        verdict = await self._verdict(host_of(url))
        if verdict.rules is None:
            return None
        delay = verdict.rules.crawl_delay(self.user_agent)
        return float(delay) if delay else None

    async def _verdict(self, host: str) -> _Verdict:
        verdict = self._verdicts.get(host)
        if verdict is not None:
            return verdict
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:  # one fetch per host, however many URLs wait for it
            verdict = self._verdicts.get(host)
            if verdict is None:
                verdict = self._verdicts[host] = await self._fetch(host)
                self._locks.pop(host, None)
        return verdict

    async def _fetch(self, host: str) -> _Verdict:
        robots_url = f"{host}/robots.txt"
        try:
            status, body = await self.load(robots_url)
        except Exception as exc:  # noqa: BLE001 - any failure to read it means "stay out" (RFC 9309 2.3.1.4)
            return _Verdict(blocked=f"robots.txt unreachable ({type(exc).__name__}: {exc}); not fetching from {host}")
        if 200 <= status < 300:
            text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            try:
                return _Verdict(rules=Protego.parse(text))
            except Exception:  # noqa: BLE001 - an unparsable file holds no rules we can obey
                return _Verdict()
        if 400 <= status < 500:
            return _Verdict()
        return _Verdict(blocked=f"robots.txt answered HTTP {status}; not fetching from {host}")
