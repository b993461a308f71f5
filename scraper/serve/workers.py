"""Cleaning for the service: the worker pool of ``scraper clean``, fed one request at a time.

Each page is a one-page work unit for the pool (``scraper.engines.workers.WorkerPool``),
which keeps its guards: a page past ``[run] page_timeout`` becomes a
``PageTimeout`` record and its worker is replaced, one past the memory cap a
``PageMemoryError`` record. It is driven by one thread of its own, because its
calls block; requests reach that thread through a queue and get their records
back as asyncio futures. The queue is bounded: when ``queue_limit`` pages
already wait for a worker, ``submit`` raises ``Busy`` at once, and the request
is answered 503 instead of piling up.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
import threading
from collections import deque

from ..config import Config
from ..engines.workers import WorkerPool
from ..model import Article, Page
from ..sources.units import WorkUnit


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class Broken(Exception):
    """The workers cannot run (they die while starting); the service cannot clean."""


class CleaningService:
    """Pages in from any number of asyncio tasks, records out, cleaned in ``workers`` processes."""

    def __init__(self, config: Config, workers: int, queue_limit: int) -> None:
        # Workers always explain: whether a request wants provenance and removed blocks is the
        # request's choice, and dropping two keys afterwards gives exactly the plain record.
        self.config = config
        self.pool = WorkerPool(workers, config, explain=True)
        self.queue_limit = max(0, queue_limit)
        self.workers = max(1, workers)
        self._waiting: deque[tuple[int, Page]] = deque()
        self._futures: dict[int, tuple[asyncio.AbstractEventLoop, asyncio.Future[Article]]] = {}
        self._lock = threading.Lock()
        self._seq = itertools.count()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None
        self.broken: str | None = None
        self.in_progress = 0

    # -- the asyncio side -------------------------------------------------------------
    def start(self) -> None:
        """Start the workers (forked while this process still has one thread, after the pool's
        warm-up: no cold first request per worker), then the driving thread."""
        self.pool.start()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._thread = threading.Thread(target=self._run, name="scraper-serve-pool", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._wake()
        if self._thread is not None:
            self._thread.join(10)
        for sock in (self._wake_r, self._wake_w):
            if sock is not None:
                sock.close()

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    async def clean(self, page: Page, *, queue: bool = True) -> Article:
        """The record for ``page``. ``queue=False`` skips the queue limit (a stream that bounds itself)."""
        if self.broken is not None:
            raise Broken(self.broken)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Article] = loop.create_future()
        with self._lock:
            if queue and len(self._waiting) >= self.queue_limit and self.in_progress >= self.workers:
                raise Busy(f"{len(self._waiting)} pages are waiting for a worker")
            seq = next(self._seq)
            self._futures[seq] = (loop, future)
            self._waiting.append((seq, page))
        self._wake()
        try:
            return await future
        finally:
            if not future.done():  # the request went away (timeout, client gone): drop the page if still queued
                with self._lock:
                    self._futures.pop(seq, None)

    def _wake(self) -> None:
        try:
            if self._wake_w is not None:
                self._wake_w.send(b"x")
        except OSError:  # buffer full (a wake is pending anyway) or closed
            pass

    # -- the pool's thread ------------------------------------------------------------
    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self._dispatch()
                results = self.pool.poll(self._wake_r)
                self._drain_wake()
                for seq, records, _finished in results:
                    for record in records:  # one page a unit: its one record
                        self._settle(seq, record[2])
        except Exception as exc:  # noqa: BLE001 - reported to every waiting request and on /health
            self.broken = f"{type(exc).__name__}: {exc}"
            with self._lock:
                futures = list(self._futures.items())
                self._futures.clear()
                self._waiting.clear()
            for seq, (loop, future) in futures:
                loop.call_soon_threadsafe(_fail, future, Broken(self.broken))
        finally:
            self.pool.close()

    def _dispatch(self) -> None:
        with self._lock:
            while self._waiting:
                seq, page = self._waiting[0]
                if seq not in self._futures:  # its request is gone
                    self._waiting.popleft()
                    continue
                if not self.pool.submit(seq, WorkUnit(pages=(page,))):
                    break
                self._waiting.popleft()
                self.in_progress += 1

    def _settle(self, seq: int, article: Article) -> None:
        with self._lock:
            self.in_progress -= 1
            entry = self._futures.pop(seq, None)
        if entry is not None:
            loop, future = entry
            try:
                loop.call_soon_threadsafe(_resolve, future, article)
            except RuntimeError:  # the loop is closed: the server is going down
                pass

    def _drain_wake(self) -> None:
        try:
            while self._wake_r is not None and self._wake_r.recv(4096):
                pass
        except OSError:
            pass


def _resolve(future: asyncio.Future[Article], article: Article) -> None:
    if not future.done():
        future.set_result(article)


def _fail(future: asyncio.Future[Article], exc: BaseException) -> None:
    if not future.done():
        future.set_exception(exc)
