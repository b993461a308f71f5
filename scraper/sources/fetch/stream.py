"""The async fetcher, run in a background thread, handing Pages to synchronous code.

``PageStream`` is a plain iterator of Pages, so it feeds ``runner.run`` like any
other source. A bounded queue sits between the two: the fetcher never runs more
than ``buffer`` pages ahead of the cleaner (memory stays flat on long lists), and
the first record is written as soon as the first page arrives. Pages come out
in the order they finish, not the order given.
"""

from __future__ import annotations

import asyncio
import os
import queue
import threading
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass

from ...config import FetchSettings
from ...model import Page
from .client import Fetcher, now_iso
from .discover import MAX_DISCOVERY_BYTES, parse_discovery
from .rawlog import WarcLog
from .urls import normalize_url, unique

MAX_SITEMAP_DEPTH = 4
"""Sitemap index -> sitemap -> ... nesting followed at most this deep (indexes of indexes exist)."""


@dataclass(slots=True)
class _End:
    error: BaseException | None = None


def _ended(item: object) -> bool:
    """Whether ``item`` is the end of the stream; the fetcher's own failure is raised here."""
    if not isinstance(item, _End):
        return False
    if item.error is not None:
        raise RuntimeError(f"fetcher failed: {item.error!r}") from item.error
    return True


def _error_page(source: str, exc: BaseException, url: str | None = None, status: int | None = None) -> Page:
    return Page(source=source, data=b"", url=url, final_url=url, status=status, fetched_at=now_iso(),
                error={"type": type(exc).__name__, "message": str(exc) or repr(exc)})


class PageStream:
    """Fetch ``urls`` plus the articles of ``feeds`` and ``sitemaps``; iterate to get one Page per URL.

    ``done`` holds sources already written (resume): those URLs are not fetched
    at all, and ``skipped`` counts them. Duplicate URLs (after normalization) are
    fetched once. Up to ``window`` URLs are in progress at a time, each waiting
    for its host's slot; ``concurrency`` requests are in flight in total.
    """

    def __init__(self, urls: Iterable[str], settings: FetchSettings, *, feeds: Iterable[str] = (),
                 sitemaps: Iterable[str] = (), save_raw: str | os.PathLike[str] | None = None,
                 done: Iterable[str] = (), buffer: int = 64, window: int | None = None) -> None:
        self.urls = urls
        self.settings = settings
        self.discovery = [*feeds, *sitemaps]
        self.save_raw = save_raw
        self.done = set(done)
        self.done_keys = set(self.done)
        for source in self.done:
            try:
                self.done_keys.add(normalize_url(source))
            except ValueError:
                pass
        self.skipped = 0
        self.fetched = 0
        self._out: queue.Queue[Page | _End] = queue.Queue(maxsize=max(1, buffer))
        self._stop = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None
        self._ready: asyncio.Queue[Page] | None = None
        self.window = window or max(64, 4 * max(1, settings.concurrency))
        """URLs in progress at once. Larger than ``concurrency`` so that URLs of idle hosts
        overtake those waiting for a busy host; bounded so memory stays flat."""

    # -- the synchronous side -------------------------------------------------

    def __iter__(self) -> Iterator[Page]:
        self._thread = threading.Thread(target=self._thread_main, name="scraper-fetch", daemon=True)
        self._thread.start()
        try:
            while True:
                item = self._out.get()
                if _ended(item):
                    return
                yield item
        finally:
            self.close()

    def close(self) -> None:
        """Stop fetching (used on Ctrl-C or when the consumer stops early) and wait briefly for the thread."""
        self._stop.set()
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(task.cancel)
            except RuntimeError:
                pass  # the loop already finished
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5.0)

    def __enter__(self) -> "PageStream":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the asynchronous side ------------------------------------------------

    def _thread_main(self) -> None:
        end = _End()
        try:
            asyncio.run(self._main())
        except asyncio.CancelledError:
            pass
        except BaseException as exc:  # noqa: BLE001 - reported to the consumer, which re-raises
            end.error = exc
        self._put_blocking(end)

    def _put_blocking(self, item: Page | _End) -> None:
        while True:
            try:
                self._out.put(item, timeout=0.1)
                return
            except queue.Full:
                if self._stop.is_set():
                    return

    async def _emit(self, page: Page) -> None:
        """Hand a page towards the consumer; waits (without polling) while the cleaner is behind."""
        assert self._ready is not None
        await self._ready.put(page)

    async def _forward(self) -> None:
        """Move pages from the loop's queue to the consumer's, one blocking put at a time in a helper thread.

        Only this task touches the thread-safe queue, so a full queue costs one
        parked thread, not a busy loop of workers retrying (which would steal the
        GIL from the cleaner).
        """
        assert self._ready is not None
        while True:
            page = await self._ready.get()
            if self._out.full():
                await asyncio.to_thread(self._put_blocking, page)
            else:
                self._out.put_nowait(page)  # only this task puts, the consumer only takes: cannot fail
            self._ready.task_done()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.current_task()
        if self._stop.is_set():
            return
        self._ready = asyncio.Queue(maxsize=max(1, self.settings.concurrency))
        forwarder = asyncio.create_task(self._forward())
        try:
            await self._fetch_all()
        finally:
            forwarder.cancel()

    async def pages(self) -> AsyncIterator[Page]:
        """The same Pages, fetched in the running event loop instead of a thread of their own.

        For callers that already run a loop: no second loop, no thread. Stopping
        early (``aclose``, cancellation) cancels the fetches still in flight.
        """
        self._ready = asyncio.Queue(maxsize=max(1, self.settings.concurrency))
        end = _End()

        async def fetch_all() -> None:
            try:
                await self._fetch_all()
            except Exception as exc:  # noqa: BLE001 - re-raised on the consumer's side
                end.error = exc
            assert self._ready is not None
            await self._ready.put(end)  # type: ignore[arg-type]

        task = asyncio.create_task(fetch_all())
        try:
            while True:
                item: Page | _End = await self._ready.get()
                self._ready.task_done()
                if _ended(item):
                    return
                yield item
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _fetch_all(self) -> None:
        """Fetch everything, handing each page to ``_ready``; returns once every page was taken."""
        assert self._ready is not None
        raw_log = WarcLog(self.save_raw) if self.save_raw else None
        try:
            async with Fetcher(self.settings, raw_log) as fetcher:
                tasks: set[asyncio.Task[None]] = set()
                window = asyncio.Semaphore(self.window)
                try:
                    await self._produce(fetcher, tasks, window)
                    while tasks:
                        await asyncio.gather(*list(tasks))
                    await self._ready.join()  # every page handed over before the end marker
                finally:
                    for task in tasks:
                        task.cancel()
        finally:
            if raw_log is not None:
                raw_log.close()

    async def _one(self, fetcher: Fetcher, source: str, url: str | None, error: Exception | None,
                   window: asyncio.Semaphore) -> None:
        try:
            page = _error_page(source, error) if error is not None or url is None else \
                await fetcher.fetch_page(source, url)
            self.fetched += 1
            await self._emit(page)
        finally:
            window.release()

    async def _produce(self, fetcher: Fetcher, tasks: set[asyncio.Task[None]], window: asyncio.Semaphore) -> None:
        seen: set[str] = set()

        async def enqueue(urls: Iterable[str]) -> None:
            for raw, norm, error in unique(urls, seen):
                if raw in self.done or (norm is not None and norm in self.done_keys):
                    self.skipped += 1
                    continue
                await window.acquire()  # at most ``window`` URLs started and not yet handed over
                task = asyncio.create_task(self._one(fetcher, raw, norm, error, window))
                tasks.add(task)
                task.add_done_callback(tasks.discard)

        await enqueue(self.urls)
        visited: set[str] = set()
        for start in self.discovery:
            await self._discover(fetcher, start, 0, visited, enqueue)

    async def _discover(self, fetcher: Fetcher, url: str, depth: int, visited: set[str], enqueue) -> None:
        """Fetch a feed or sitemap and queue what it lists; a failure becomes a record for that document."""
        try:
            key = normalize_url(url)
        except ValueError as exc:
            await self._emit(_error_page(url, exc))
            return
        if key in visited:
            return
        visited.add(key)
        try:
            resp = await fetcher.get(key, max_bytes=MAX_DISCOVERY_BYTES)
            if not 200 <= resp.status < 300:
                await self._emit(_error_page(url, RuntimeError(f"HTTP {resp.status} fetching feed/sitemap {resp.url}"),
                                             url=key, status=resp.status))
                return
            found = parse_discovery(resp.body, resp.url)
        except Exception as exc:  # noqa: BLE001 - a bad feed is a record, not a crash
            await self._emit(_error_page(url, exc, url=key))
            return
        await enqueue(found.pages)
        for child in found.sitemaps:
            if depth + 1 > MAX_SITEMAP_DEPTH:
                await self._emit(_error_page(child, ValueError(f"sitemap nesting deeper than {MAX_SITEMAP_DEPTH}")))
                continue
            await self._discover(fetcher, child, depth + 1, visited, enqueue)
