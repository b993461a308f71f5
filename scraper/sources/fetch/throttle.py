"""Per-host politeness: at most N requests in flight to one host, and a gap between their starts.

The gap is the configured ``per_host_delay``, raised for a host by its
robots.txt ``Crawl-delay`` (``set_delay``), and a host that answered 429/503
with ``Retry-After`` gets no new request before then (``defer``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostThrottle:
    """``async with throttle.slot(host):`` waits for a free per-host slot, then for the host's delay."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host = max(1, per_host)
        self.delay = max(0.0, delay)
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, seconds: float) -> None:
        """A longer gap for one host (never shorter than the configured one)."""
        if seconds > self.delay:
            self._delays[host] = seconds

    def defer(self, host: str, seconds: float) -> None:
        """No request to ``host`` starts within the next ``seconds``."""
        until = time.monotonic() + seconds
        if until > self._next_start.get(host, 0.0):
            self._next_start[host] = until

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        sem = self._slots.get(host)
        if sem is None:
            sem = self._slots[host] = asyncio.Semaphore(self.per_host)
        async with sem:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self._delays.get(host, self.delay)  # reserved before any await
            if start > now:
                await asyncio.sleep(start - now)
            yield
