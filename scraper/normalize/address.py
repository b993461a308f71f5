"""The host a page's metadata speaks for: its own, or, for a web archive's copy, the archived page's.

A web archive serves its copy of a page under an address that holds the
original one (``https://web.archive.org/web/20160330101229/http://example.net/story``,
the form Wayback-style archives share). The copy's site, outlet and title
suffix are the original page's: the archive is only where it was fetched.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache

from ..lenient_url import urlsplit

_ARCHIVED = re.compile(r"^https?://[^/]+/(?:[\w.-]+/)*(\d{14})(?:[a-z]{2}_)?/+(https?:/+[\w-]+(?:\.[\w-]+)+(?:[/?#:].*)?)$",
                       re.IGNORECASE)
"""An archive's address: a capture time (14 digits, an optional "id_"-style mode) before the original
address with its scheme (an article number and a path do not make one)."""


def archived_address(url: str) -> str | None:
    """The original address inside a web archive's address, or None when ``url`` is no archived copy's."""
    m = _ARCHIVED.match(url.strip())
    if not m:
        return None
    return re.sub(r"^(https?):/+", r"\1://", m.group(2), flags=re.IGNORECASE)


def capture_time(url: str | None) -> str | None:
    """When a web archive captured the page its address holds (ISO 8601, UTC), or None: the page was
    fetched then, so nothing it states was published later."""
    m = _ARCHIVED.match(url.strip()) if url else None
    if not m:
        return None
    try:
        return datetime.strptime(m.group(1), "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc).isoformat()
    except ValueError:
        return None


def host_of(url: str | None) -> str | None:
    """The lower-cased host of ``url``; for a web archive's copy, the host of the archived page.

    Cached per process: the readers ask for the host of the same page address and canonical
    link about six times a page (``read_host`` is the plain reading)."""
    return _host_cached(url) if url else None


def read_host(url: str | None) -> str | None:
    """``host_of`` without the cache."""
    if not url:
        return None
    url = archived_address(url) or url
    host = urlsplit(url).hostname
    return host.lower() if host else None


_host_cached = lru_cache(maxsize=256)(read_host)
