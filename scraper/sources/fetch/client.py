"""Fetch one URL under every policy: scheme, robots.txt, per-host throttle, retries, redirects, caps.

Redirects are followed by hand (not by httpx) so that each hop is checked like
a new URL (http/https only, robots.txt, loop detection) and every hop can be
archived. Bodies are streamed raw and decoded here, so both the bytes on the
wire and the decoded bytes are capped while they arrive.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urldefrag

import httpx

from ...config import FetchSettings
from ...model import Page
from ..http_body import BodyTooLarge, ContentDecoder
from .rawlog import WarcLog
from .retry import RetryPolicy, TotalTimeout
from .robots import MAX_ROBOTS_BYTES, RobotsCache
from .throttle import HostThrottle
from .urls import host_of, normalize_url

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_PAGE_TYPES = ("text/", "application/xhtml+xml")
ACCEPT_PAGE = "text/html,application/xhtml+xml,text/plain;q=0.8,*/*;q=0.1"


class UnsupportedContentType(ValueError):
    """The response is not HTML or text (a PDF, an image...): nothing to clean."""


class TooManyRedirects(Exception):
    """More redirects than ``max_redirects``."""


class RedirectLoop(Exception):
    """A redirect leads back to a URL already visited."""


class HTTPError(Exception):
    """The final response has a status other than 2xx."""


@dataclass(slots=True)
class Response:
    url: str
    status: int
    headers: dict[str, str]
    """Lower-case names; repeated headers joined with ", "."""
    body: bytes
    """Content-Encoding undone."""
    fetched_at: str


@dataclass(slots=True)
class Trail:
    """Where a fetch got to, so a failure can still report the last URL and status."""

    url: str
    status: int | None = None
    hops: list[str] = field(default_factory=list)


def now_iso() -> str:
    """UTC, whole seconds: the same string in the record and in the WARC-Date of the archive."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_page_type(content_type: str) -> bool:
    """HTML or text, or no type at all (the pipeline sniffs the bytes then)."""
    media = content_type.split(";", 1)[0].strip().lower()
    return not media or media.startswith(_PAGE_TYPES)


def _joined(headers: httpx.Headers) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in headers.multi_items():
        key = key.lower()
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


class Fetcher:
    """One shared httpx client and the policies around it. Use as ``async with Fetcher(settings) as f``."""

    def __init__(self, settings: FetchSettings, raw_log: WarcLog | None = None, *,
                 transport: httpx.AsyncBaseTransport | None = None,
                 check_url: Callable[[str], Awaitable[None]] | None = None) -> None:
        self.settings = settings
        self.raw_log = raw_log
        self.transport = transport
        """Sends the requests (default: httpx's own); ``scraper serve`` pins each to a checked address."""
        self.check_url = check_url
        """Awaited before the first request and every redirect hop; raises to refuse the URL."""
        self.retry = RetryPolicy.from_settings(settings)
        self.throttle = HostThrottle(settings.per_host_concurrency, settings.per_host_delay)
        self.robots = RobotsCache(settings.user_agent, self._load_robots) if settings.respect_robots else None
        self.client: httpx.AsyncClient | None = None
        self.in_flight = asyncio.Semaphore(max(1, settings.concurrency))
        """Requests in flight in total (``concurrency``)."""

    async def __aenter__(self) -> "Fetcher":
        s = self.settings
        self.client = httpx.AsyncClient(
            headers={"User-Agent": s.user_agent, "Accept": ACCEPT_PAGE, "Accept-Encoding": "gzip, deflate, br"},
            timeout=httpx.Timeout(connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout, pool=None),
            limits=httpx.Limits(max_connections=max(1, s.concurrency), max_keepalive_connections=max(1, s.concurrency)),
            follow_redirects=False, transport=self.transport,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.client is not None:
            await self.client.aclose()

    # -- public -------------------------------------------------------------

    async def fetch_page(self, source: str, url: str) -> Page:
        """``url`` (normalized) -> a Page with the decoded body, or a Page with ``error`` set. Never raises."""
        trail = Trail(url)
        try:
            resp = await self.get(url, trail, page=True, max_bytes=self.settings.max_body_bytes)
            if not 200 <= resp.status < 300:
                raise HTTPError(f"HTTP {resp.status} {_reason(resp.status)} from {resp.url}".replace("  ", " "))
        except Exception as exc:  # noqa: BLE001 - every URL ends as a record
            return Page(source=source, data=b"", url=url, final_url=trail.url, status=trail.status,
                        fetched_at=now_iso(), error={"type": type(exc).__name__, "message": str(exc) or repr(exc)})
        # The body is decoded already: drop Content-Encoding so nothing downstream decodes it twice.
        headers = {k: v for k, v in resp.headers.items() if k != "content-encoding"}
        return Page(source=source, data=resp.body, url=url, final_url=resp.url, headers=headers,
                    fetched_at=resp.fetched_at, status=resp.status)

    async def get(self, url: str, trail: Trail | None = None, *, page: bool = False,
                  max_bytes: int | None = None, robots: bool = True) -> Response:
        """GET with redirects followed (each hop checked), retries, and the size cap. Raises on failure."""
        trail = trail or Trail(url)
        max_bytes = self.settings.max_body_bytes if max_bytes is None else max_bytes
        seen = {normalize_url(url)}
        current = url
        for _ in range(self.settings.max_redirects + 1):
            trail.url = current
            trail.hops.append(current)
            if self.check_url is not None:
                await self.check_url(current)
            if robots and self.robots is not None:
                await self.robots.check(current)
                delay = await self.robots.crawl_delay(current)
                if delay:
                    self.throttle.set_delay(host_of(current), min(delay, self.settings.backoff_max))
            resp = await self._with_retries(current, trail, page, max_bytes)
            location = resp.headers.get("location")
            if resp.status not in REDIRECT_STATUSES or not location:
                return resp
            target = urldefrag(urljoin(current, location.strip())).url
            key = normalize_url(target)  # raises UnsupportedScheme for ftp:, javascript:, ...
            if key in seen:
                raise RedirectLoop(f"redirect loop: {current} -> {target} (visited before)")
            seen.add(key)
            current = target
        trail.url = current
        raise TooManyRedirects(f"more than {self.settings.max_redirects} redirects, last to {current}")

    # -- policies -----------------------------------------------------------

    async def _with_retries(self, url: str, trail: Trail, page: bool, max_bytes: int) -> Response:
        for attempt in range(self.retry.retries + 1):
            last = attempt == self.retry.retries
            try:
                resp = await self._once(url, trail, page, max_bytes)
            except Exception as exc:
                if last or not self.retry.retryable_error(exc):
                    raise
                await asyncio.sleep(self.retry.delay(attempt))
                continue
            if last or not self.retry.retryable_status(resp.status):
                return resp
            wait = self.retry.delay(attempt, resp.headers.get("retry-after"))
            if "retry-after" in resp.headers:
                self.throttle.defer(host_of(url), wait)  # the whole host asked for a pause, not just this URL
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _once(self, url: str, trail: Trail, page: bool, max_bytes: int) -> Response:
        assert self.client is not None, "use Fetcher as an async context manager"
        # Host slot first, then a global one: a URL waiting for a busy host holds no global slot,
        # so other hosts' URLs overtake it.
        async with self.throttle.slot(host_of(url)), self.in_flight:
            try:
                async with asyncio.timeout(self.settings.total_timeout):
                    return await self._exchange(url, trail, page, max_bytes)
            except TimeoutError:  # asyncio.timeout's; httpx's own timeouts are not TimeoutError
                raise TotalTimeout(f"no complete response within {self.settings.total_timeout} s") from None

    async def _exchange(self, url: str, trail: Trail, page: bool, max_bytes: int) -> Response:
        assert self.client is not None
        request = self.client.build_request("GET", url)
        response = await self.client.send(request, stream=True)
        try:
            fetched_at = now_iso()
            headers = _joined(response.headers)
            status = trail.status = response.status_code
            if page and 200 <= status < 300 and not is_page_type(headers.get("content-type", "")):
                raise UnsupportedContentType(f"content type {headers['content-type']!r} is not HTML or text")
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise BodyTooLarge(f"Content-Length {declared} is over the cap of {max_bytes} bytes")
            decoder = ContentDecoder(headers, max_bytes)
            raw = bytearray()
            async for chunk in response.aiter_raw():
                raw += chunk
                if len(raw) > max_bytes:
                    raise BodyTooLarge(f"body is over the cap of {max_bytes} bytes (aborted while streaming)")
                decoder.feed(chunk)
            body = decoder.finish()
        finally:
            await response.aclose()
        if self.raw_log is not None and page:
            self._archive(request, response, bytes(raw), fetched_at)
        return Response(url=str(response.url), status=status, headers=headers, body=body, fetched_at=fetched_at)

    def _archive(self, request: httpx.Request, response: httpx.Response, raw: bytes, fetched_at: str) -> None:
        assert self.raw_log is not None
        latin = lambda pairs: [(k.decode("latin-1"), v.decode("latin-1")) for k, v in pairs]  # noqa: E731
        self.raw_log.write(
            url=str(request.url), date=fetched_at,
            request_line=f"GET {request.url.raw_path.decode('ascii')} {response.http_version}",
            request_headers=latin(request.headers.raw), http_version=response.http_version,
            status=response.status_code, reason=response.reason_phrase, response_headers=latin(response.headers.raw),
            body=raw)

    async def _load_robots(self, robots_url: str) -> tuple[int, bytes]:
        resp = await self.get(robots_url, max_bytes=MAX_ROBOTS_BYTES * 4, robots=False)
        return resp.status, resp.body


def _reason(status: int) -> str:
    try:
        from http import HTTPStatus

        return HTTPStatus(status).phrase
    except ValueError:
        return ""
