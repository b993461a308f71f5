"""The HTTP service: the same records as ``scraper clean`` and ``scraper fetch``, over HTTP.

Routes are thin: a body or a URL becomes a ``Page``, the worker pool cleans it
(``workers.CleaningService``), and the record goes back as the CLI writes it.
Everything that can go wrong for a request answers with a JSON ``error`` object
(``errors.py``); a page that goes wrong is still a record.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ..config import Config
from ..sources.fetch import Fetcher
from ..sources.fetch.urls import normalize_url
from ..model import Article, Page
from ..pipeline import process
from ..sources.jsonl import oversize_line, page_from_line
from .addresses import AddressPolicy, ForbiddenAddress, GuardedTransport
from .body import declared_too_large, lines_capped, read_capped, too_large, unread
from .errors import ERROR_SCHEMA, ApiError, error_response
from .schema import record_schema
from .workers import Broken, Busy, CleaningService

NDJSON_TYPES = ("application/x-ndjson", "application/jsonl", "application/jsonlines", "application/json-lines")


@dataclass(slots=True)
class _State:
    config: Config
    service: CleaningService
    fetcher: Fetcher
    policy: AddressPolicy


_PLAIN_FIELDS = frozenset(Article(source="").to_dict())
"""The fields of a record made without explain (those with explain-only extras left out when unset)."""


def record_json(article: Article, explain: bool) -> str:
    """The record exactly as ``scraper clean`` writes it (with or without ``--explain``), one line."""
    record = article.to_dict()
    if not explain:
        record = {key: value for key, value in record.items() if key in _PLAIN_FIELDS}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def create_app(config: Config, workers: int | None = None) -> FastAPI:
    """The ASGI application; its lifespan starts the cleaning workers and the fetcher."""
    settings = config.serve
    count = workers or settings.workers or config.run.worker_count
    token = settings.token.encode()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = CleaningService(config, count, settings.queue_limit)
        service.start()
        policy = AddressPolicy.from_allowlist(settings.fetch_allow)
        limits = httpx.Limits(max_connections=max(1, config.fetch.concurrency),
                              max_keepalive_connections=max(1, config.fetch.concurrency))
        fetcher = Fetcher(config.fetch, transport=GuardedTransport(policy, limits), check_url=policy.check_url)
        try:
            async with fetcher:
                app.state.scraper = _State(config, service, fetcher, policy)
                yield
        finally:
            service.close()

    app = FastAPI(title="scraper", summary="Boilerplate-stripping news scraper and normalizer",
                  description="Clean news pages into one record each: the article text and its metadata, "
                              "the same records as `scraper clean` and `scraper fetch` write.",
                  version=_version(), lifespan=lifespan)
    bearer = HTTPBearer(auto_error=False, description="`[serve] token` of the server's config, when set")

    async def authorized(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        if not token:
            return
        given = (credentials.credentials if credentials is not None else "").encode()
        if not hmac.compare_digest(given, token):
            raise ApiError(401, "Unauthorized", "a valid bearer token is required",
                           headers={"WWW-Authenticate": "Bearer"})

    _error_handlers(app)
    errors = {code: {"description": what, "content": {"application/json": {"schema": ERROR_SCHEMA}}}
              for code, what in ((400, "malformed request"), (401, "missing or wrong bearer token"),
                                 (413, "body over the cap"), (503, "workers busy: retry after Retry-After seconds"),
                                 (504, "no record within the request timeout"))}
    record_body = {"application/json": {"schema": record_schema()}}

    @app.post("/clean", dependencies=[Depends(authorized)], summary="Clean one page, or many as JSON Lines",
              response_class=Response,
              responses={200: {"description": "the record (one JSON object), or with an `application/x-ndjson` "
                                              "body one record a line, in input order",
                               "content": {**record_body, "application/x-ndjson": {"schema": record_schema()}}},
                         **errors, 415: {"description": "unsupported Content-Encoding"}},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "text/html": {"schema": {"type": "string", "format": "binary"}},
                  "text/plain": {"schema": {"type": "string", "format": "binary"}},
                  "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                  "application/x-ndjson": {"schema": {"type": "string", "description":
                                                      'one {"url": ..., "html": ...} object a line'}}}}})
    async def clean(request: Request,
                    url: str | None = Query(None, description="URL of the page, for metadata and links"),
                    explain: bool = Query(False, description="add provenance and removed blocks")) -> Response:
        """The page as the body, bytes as sent (HTML or a text dump; gzip Content-Encoding is undone).
        The record is exactly what `scraper clean` writes for the same bytes; `source` is the `url`
        parameter, or `-`. With `Content-Type: application/x-ndjson` the body holds many
        `{"url", "html"}` lines and the records stream back, one a line, `source` `-#L<line>`."""
        state: _State = request.app.state.scraper
        media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media in NDJSON_TYPES:
            return await _stream(request, state, explain)
        limit = state.config.serve
        declared_too_large(request.headers, limit.max_body_bytes)
        try:
            async with asyncio.timeout(limit.request_timeout):
                body = await read_capped(request.stream(), request.headers.get("content-encoding", ""),
                                         limit.max_body_bytes)
                article = await _clean(state, Page(source=url or "-", data=body, url=url))
        except TimeoutError:
            raise _timeout(limit.request_timeout) from None
        return Response(record_json(article, explain), media_type="application/json")

    @app.get("/fetch", dependencies=[Depends(authorized)], summary="Fetch a URL and clean it",
             response_class=Response,
             responses={200: {"description": "the record, as `scraper fetch` writes it (a failed fetch is a "
                                             "record with `error` set)", "content": record_body},
                        403: {"description": "the URL's host is not a public address (or a redirect led to one)",
                              "content": {"application/json": {"schema": ERROR_SCHEMA}}}, **errors})
    async def fetch(request: Request, url: str = Query(..., description="http or https URL of the page"),
                    explain: bool = Query(False, description="add provenance and removed blocks")) -> Response:
        """Fetched with the fetcher's politeness (robots.txt, per-host delay), retries and caps. Only
        public addresses are reached, checked on the resolved address of the URL and of every
        redirect; `[serve] fetch_allow` lists exceptions."""
        state: _State = request.app.state.scraper
        try:
            await state.policy.check_url(url)
            normalized = normalize_url(url)
        except ForbiddenAddress as exc:
            raise ApiError(403, "ForbiddenAddress", str(exc)) from None
        except (ValueError, httpx.InvalidURL) as exc:
            raise ApiError(400, "BadURL", str(exc) or "not an http(s) URL") from None
        except httpx.ConnectError as exc:
            raise ApiError(400, "BadURL", str(exc)) from None
        try:
            async with asyncio.timeout(state.config.serve.request_timeout):
                page = await state.fetcher.fetch_page(url, normalized)
                article = await _clean(state, page)
        except TimeoutError:
            raise _timeout(state.config.serve.request_timeout) from None
        forbidden = article.error is not None and article.error.get("type") == "ForbiddenAddress"
        return Response(record_json(article, explain), status_code=403 if forbidden else 200,
                        media_type="application/json")

    @app.get("/health", summary="Whether the workers can clean",
             responses={503: {"description": "the workers cannot start"}})
    async def health(request: Request) -> Response:
        service: CleaningService = request.app.state.scraper.service
        body = {"status": "ok" if service.broken is None else "broken", "workers": service.workers,
                "in_progress": service.in_progress, "waiting": service.waiting}
        if service.broken is not None:
            body["error"] = {"type": "WorkersUnavailable", "message": service.broken}
        return Response(json.dumps(body), status_code=200 if service.broken is None else 503,
                        media_type="application/json")

    @app.get("/version", dependencies=[Depends(authorized)], summary="The scraper's version")
    async def version() -> dict[str, str]:
        return {"version": _version()}

    return app


async def _clean(state: _State, page: Page, *, queue: bool = True) -> Article:
    if page.error is not None:  # nothing to clean: the record is made here, no worker needed
        return process(page, state.config)
    try:
        return await state.service.clean(page, queue=queue)
    except Busy as exc:
        raise _busy(state, str(exc)) from None
    except Broken as exc:
        raise ApiError(503, "WorkersUnavailable", str(exc)) from None


def _busy(state: _State, why: str) -> ApiError:
    retry = str(state.config.serve.retry_after)
    return ApiError(503, "Busy", f"all workers are busy ({why}); retry after {retry} s", headers={"Retry-After": retry})


def _timeout(seconds: float) -> ApiError:
    return ApiError(504, "RequestTimeout", f"no record within the request timeout of {seconds:g} s")


async def _stream(request: Request, state: _State, explain: bool) -> Response:
    """Records for an ``application/x-ndjson`` body, streamed back in input order as they are ready.

    At most two pages a worker are in flight for one stream, and the body is read
    no faster than records go out, so a long upload holds flat memory and cannot
    crowd out other requests. A first line that is not a JSON object is a 400
    (the body is not JSON Lines at all); a bad line later is an error record.
    """
    limit = state.config.serve
    service = state.service
    if service.waiting >= service.queue_limit and service.in_progress >= service.workers:
        raise _busy(state, f"{service.waiting} pages are waiting for a worker")
    lines = lines_capped(request.stream(), request.headers.get("content-encoding", ""), limit.max_body_bytes)
    numbered = _numbered(lines, limit.request_timeout)
    try:
        first = await anext(numbered, None)
    except TimeoutError:
        raise ApiError(408, "RequestTimeout", "the body did not arrive within the request timeout") from None
    if first is not None:
        if first[1] is None:
            raise too_large(limit.max_body_bytes)
        try:
            if not isinstance(json.loads(first[1]), dict):
                raise ValueError("a line is not a JSON object")
        except ValueError as exc:
            raise unread(400, "MalformedBody", f"the body is not JSON Lines of objects: line 1: {exc}") from None
    window = 2 * state.service.workers

    async def records() -> AsyncIterator[str]:
        pending: deque[asyncio.Future[Article]] = deque()
        try:
            item = first
            while item is not None:
                number, line = item
                where = f"-#L{number}"
                page = oversize_line(where, limit.max_body_bytes) if line is None else page_from_line(line, where)
                if page is not None:
                    pending.append(asyncio.ensure_future(_clean(state, page, queue=False)))
                while pending and (len(pending) >= window or pending[0].done()):
                    yield await _record_line(pending.popleft(), explain)
                try:
                    item = await anext(numbered, None)
                except TimeoutError:
                    item = None
                    yield json.dumps({"error": {"type": "RequestTimeout",
                                                "message": "the rest of the body did not arrive in time"}}) + "\n"
            while pending:
                yield await _record_line(pending.popleft(), explain)
        finally:
            for future in pending:
                future.cancel()

    return LineStream(records())


class LineStream(Response):
    """Records sent as they come, one line each, while the request body is still being read.

    Starlette's ``StreamingResponse`` may read the request's messages to notice a
    client that went away, which would take body chunks from under ``_stream``;
    this response only sends. A client that goes away is noticed by the body
    reader (``ClientDisconnect``), which ends the stream.
    """

    media_type = "application/x-ndjson"

    def __init__(self, lines: AsyncIterator[str]) -> None:
        super().__init__(media_type=self.media_type)
        self.lines = lines

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(k, v) for k, v in self.raw_headers if k != b"content-length"]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        async for line in self.lines:
            await send({"type": "http.response.body", "body": line.encode(), "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _record_line(future: asyncio.Future[Article], explain: bool) -> str:
    try:
        return record_json(await future, explain)
    except ApiError as exc:
        return json.dumps({"error": {"type": exc.type, "message": exc.message}}) + "\n"


async def _numbered(lines: AsyncIterator[bytes | None], timeout: float) -> AsyncIterator[tuple[int, bytes | None]]:
    """``(line number, line)``; each line must arrive within ``timeout`` (a stalled client cannot hold a slot)."""
    number = 0
    while True:
        async with asyncio.timeout(timeout):
            line = await anext(lines, StopAsyncIteration)
        if line is StopAsyncIteration:
            return
        number += 1
        yield number, line  # type: ignore[misc]


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return error_response(exc.status, exc.type, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
                             for e in exc.errors())
        return error_response(400, "BadRequest", problems or "malformed request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(exc.status_code, "HTTPError", str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:  # the trace goes to the log, never out
        return error_response(500, "InternalError", "the server failed on this request; see its log")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("scraper")
    except Exception:  # noqa: BLE001 - not installed as a package
        return "unknown"
