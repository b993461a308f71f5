"""The fetcher lives in ``scraper.sources.fetch`` (it is one of the sources); this name stays for code
written against it: ``scraper.fetch.PageStream``, ``scraper.fetch.urls`` and the other modules."""

import sys

from ..sources import fetch as _fetch
from ..sources.fetch import (Fetcher, PageStream, client, discover, normalize_url, rawlog, retry, robots,  # noqa: F401
                             stream, throttle, urls)

for _name in ("client", "discover", "rawlog", "retry", "robots", "stream", "throttle", "urls"):
    sys.modules[f"{__name__}.{_name}"] = getattr(_fetch, _name)

__all__ = ["Fetcher", "PageStream", "normalize_url"]
