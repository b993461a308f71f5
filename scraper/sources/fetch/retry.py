"""When to try a request again, and how long to wait first.

Retried: connection errors, timeouts, 408, 429 and every 5xx. Not retried: other
4xx (the answer will not change). The wait doubles each try with jitter (so many
clients do not retry in step), never exceeds ``backoff_max``, and a server's
``Retry-After`` (seconds or an HTTP date) replaces it, within the same ceiling.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from ...config import FetchSettings


class TotalTimeout(TimeoutError):
    """One response took longer than ``total_timeout`` end to end."""


_RETRY_EXCEPTIONS: tuple[type[BaseException], ...] = (
    httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, TotalTimeout,
)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header, or None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    retries: int
    base: float
    ceiling: float

    @classmethod
    def from_settings(cls, settings: FetchSettings) -> "RetryPolicy":
        return cls(settings.retries, settings.backoff_base, settings.backoff_max)

    @staticmethod
    def retryable_status(status: int) -> bool:
        return status in (408, 429) or 500 <= status <= 599

    @staticmethod
    def retryable_error(exc: BaseException) -> bool:
        return isinstance(exc, _RETRY_EXCEPTIONS)

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds to wait before try number ``attempt + 1`` (``attempt`` counts from 0)."""
        asked = parse_retry_after(retry_after)
        if asked is not None:
            return min(asked, self.ceiling)
        step = min(self.ceiling, self.base * (2 ** attempt))
        return step / 2 + random.uniform(0, step / 2)
