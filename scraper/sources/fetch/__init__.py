"""Fetching pages over HTTP: polite (robots.txt, per-host limits and delays), fault-tolerant
(retries with backoff, caps, timeouts), feeds and sitemaps expanded, raw responses archivable to WARC.

Small policies, one module each: ``urls`` (normalization), ``robots``, ``throttle``,
``retry``, ``client`` (the fetch of one URL), ``discover`` (feeds, sitemaps),
``rawlog`` (WARC writer), ``stream`` (async fetcher -> iterator of Pages).
"""

from .client import Fetcher
from .stream import PageStream
from .urls import normalize_url

__all__ = ["Fetcher", "PageStream", "normalize_url"]
