"""A process pool for pages: chunks in, one record out per page, in a stream.

Why not ``concurrent.futures``: a page that hangs inside a C extension cannot
be interrupted, only its process can be killed, and a killed worker breaks a
``ProcessPoolExecutor`` for good. Here each worker has its own pair of pipes
(a chunk goes only to an idle worker, so neither side can block the other), so the parent knows which page each worker is on; when a
page runs past ``page_timeout`` its worker is killed, the page becomes a
``PageTimeout`` error record, a fresh worker takes over the rest of the chunk,
and the run goes on. Workers also run under an address-space limit, so a page
that needs too much memory becomes a ``PageMemoryError`` record.

Memory stays flat: at most ``window`` pages are read ahead of the output (that
also bounds the reorder buffer of ``ordered`` runs). The parent is the only
process that reads sources and writes records.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from .config import Config
from .model import Article, Page

ProcessFn = Callable[[Page, Config, bool], Article]
"""The per-page function: ``scraper.pipeline.process`` unless a caller plugs in another."""


def _context() -> Any:
    """``fork`` where there is one: workers start in milliseconds with the pipeline
    already imported, and callers need no ``if __name__ == "__main__"`` guard.
    Forking is only safe while the parent has one thread: see ``spawn_context``."""
    if "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context("spawn")


def _limit_memory(extra_mb: int) -> None:
    """Cap this process's address space at its current size plus ``extra_mb``."""
    try:
        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return
    limit = current + extra_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _die_with_parent() -> None:
    """Linux: get SIGKILL when the parent dies, even if it was killed; a page never outlives its run."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_main(tasks: Connection, conn: Connection, config: Config, explain: bool, process_fn: ProcessFn | None,
                 initializer: Callable[..., None] | None, initargs: tuple, memory_mb: int,
                 inherited: list[Connection]) -> None:
    """Take chunks of ``(seq, page)`` until ``None``; answer ``(seq, article)`` per page."""
    _die_with_parent()
    for other in inherited:  # the parent's ends of other workers' pipes, copied by fork: keeping them
        other.close()        # open would hide those workers' EOF from them
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if initializer is not None:
        initializer(*initargs)
    if memory_mb > 0:
        _limit_memory(memory_mb)
    conn.send((-1, None))  # ready: set up without failing
    if process_fn is None:
        from . import pipeline

        def process_fn(page: Page, cfg: Config, exp: bool) -> Article:
            return pipeline.process(page, cfg, exp)  # looked up per call, so an initializer may swap it
    while True:
        try:
            chunk = tasks.recv()
        except EOFError:
            break
        if chunk is None:
            break
        for seq, page in chunk:
            try:
                article = process_fn(page, config, explain)
            except MemoryError:
                article = _failure(page, "MemoryError", "")
            if article.error is not None and article.error.get("type") in ("MemoryError", "PageMemoryError"):
                article.error = {"type": "PageMemoryError",
                                 "message": f"page needed more than the memory cap of {memory_mb} MB"}
                conn.send((seq, article))
                conn.close()
                os._exit(0)  # the heap may be in a bad state: let a fresh worker take over
            conn.send((seq, article))
    conn.close()


def _failure(page: Page, error_type: str, message: str) -> Article:
    return Article.failure(page.source, error_type, message, url=page.url, final_url=page.final_url,
                           status=page.status, fetched_at=page.fetched_at)


@dataclass(slots=True)
class _Worker:
    proc: Any
    tasks: Connection
    conn: Connection
    outstanding: deque[int] = field(default_factory=deque)
    """Sequence numbers sent to this worker and not yet answered, in the order it takes them."""
    since: float = 0.0
    """When the page at the front of ``outstanding`` started."""
    ready: bool = False
    """Set up (initializer run, limits set); a worker that dies before this is a broken setup."""


@dataclass(slots=True)
class PoolOptions:
    workers: int = 2
    chunk_size: int = 8
    page_timeout: float = 30.0
    memory_mb: int = 0
    ordered: bool = False
    process_fn: ProcessFn | None = None
    initializer: Callable[..., None] | None = None
    initargs: tuple = ()


def spawn_context(ctx: Any, process_fn: Any, initializer: Any) -> Any:
    """The context new workers start from: ``ctx`` while forking is safe; the fork server otherwise.

    ``scraper fetch`` runs its fetcher in a thread, and a worker replaced
    mid-run would be forked from a process whose other thread may hold a
    lock; the fork server is a clean one-thread process started by exec.
    Only the default per-page function goes that way: a caller's own
    ``process_fn``/``initializer`` may not be importable there.
    """
    if (ctx.get_start_method() != "fork" or threading.active_count() == 1
            or process_fn is not None or initializer is not None
            or "forkserver" not in mp.get_all_start_methods()):
        return ctx
    server = mp.get_context("forkserver")
    server.set_forkserver_preload(["scraper.pipeline"])
    return server


class PagePool:
    """Runs pages through ``process_fn`` in worker processes; see the module docstring."""

    def __init__(self, config: Config, explain: bool, options: PoolOptions) -> None:
        self.config = config
        self.explain = explain
        self.opt = options
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.pending: dict[int, Page] = {}
        self.replaced = 0
        """Workers killed or lost and started again (timeouts, memory, crashes)."""
        self.barren_deaths = 0
        """Workers in a row that died before they were ready: a broken setup, not a bad page."""

    # -- workers -------------------------------------------------------------------------
    def _spawn_context(self) -> Any:
        """See ``spawn_context``."""
        return spawn_context(self.ctx, self.opt.process_fn, self.opt.initializer)

    def _spawn(self) -> _Worker:
        ctx = self._spawn_context()
        task_r, task_w = ctx.Pipe(duplex=False)
        reader, writer = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_worker_main, daemon=True,
                           args=(task_r, writer, self.config, self.explain, self.opt.process_fn,
                                 self.opt.initializer, self.opt.initargs, self.opt.memory_mb,
                                 [c for w in self.workers for c in (w.tasks, w.conn)]
                                 if ctx.get_start_method() == "fork" else []))
        proc.start()
        writer.close()
        task_r.close()
        return _Worker(proc, task_w, reader)

    def _send(self, worker: _Worker, chunk: list[tuple[int, Page]]) -> None:
        if not worker.outstanding:
            worker.since = time.monotonic()
        worker.outstanding.extend(seq for seq, _ in chunk)
        try:
            worker.tasks.send(chunk)
        except OSError:
            pass  # the worker is gone; the result pipe's EOF hands its pages on

    def _discard(self, worker: _Worker) -> None:
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join(5)
        worker.tasks.close()
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        """Swap a dead or killed worker for a new one that takes over its unanswered pages."""
        self._discard(worker)
        self.replaced += 1
        fresh = self._spawn()
        self.workers[self.workers.index(worker)] = fresh
        rest = [(seq, self.pending[seq]) for seq in worker.outstanding]
        if rest:
            self._send(fresh, rest)

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.tasks.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for worker in self.workers:
            worker.proc.join(max(0.0, deadline - time.monotonic()))
            self._discard(worker)
        self.workers = []

    # -- the run -------------------------------------------------------------------------
    def imap(self, pages: Iterable[Page]) -> Iterator[Article]:
        """One record per page, as soon as it is ready (in input order if ``ordered``)."""
        opt = self.opt
        window = max(opt.workers * opt.chunk_size * 4, 2 * opt.chunk_size)
        source = iter(pages)
        exhausted = False
        next_seq = 0
        next_out = 0
        done: dict[int, Article] = {}
        try:
            for _ in range(max(1, opt.workers)):
                self.workers.append(self._spawn())
            while True:
                # A chunk to every idle worker, keeping at most ``window`` pages in flight.
                for worker in self.workers:
                    if not exhausted and not worker.outstanding and len(self.pending) + len(done) < window:
                        chunk: list[tuple[int, Page]] = []
                        for page in source:
                            chunk.append((next_seq, page))
                            self.pending[next_seq] = page
                            next_seq += 1
                            if len(chunk) >= opt.chunk_size:
                                break
                        else:
                            exhausted = True
                        if chunk:
                            self._send(worker, chunk)
                if exhausted and not self.pending and not done:
                    return
                for seq, article in self._collect():
                    if not opt.ordered:
                        yield article
                        continue
                    done[seq] = article
                    while next_out in done:
                        yield done.pop(next_out)
                        next_out += 1
                if opt.ordered and not self.pending:
                    while next_out in done:
                        yield done.pop(next_out)
                        next_out += 1
        finally:
            for worker in self.workers:
                if worker.outstanding:  # stopped early (error, Ctrl-C): don't wait for work in flight
                    worker.proc.kill()
            self.close()

    # -- one page at a time, for a long-running caller (``scraper serve``) -----------------
    def start(self) -> None:
        """Start the workers; then ``submit`` and ``poll`` take pages as they come, not from one iterable."""
        while len(self.workers) < max(1, self.opt.workers):
            self.workers.append(self._spawn())

    def submit(self, seq: int, page: Page) -> bool:
        """Give ``page`` to an idle worker under the caller's unique ``seq``; False when every worker is busy.

        One page a worker, so a page never waits behind a slow one while another worker is free.
        """
        for worker in self.workers:
            if not worker.outstanding:
                self.pending[seq] = page
                self._send(worker, [(seq, page)])
                return True
        return False

    def poll(self, wake: Any = None) -> list[tuple[int, Article]]:
        """Records now final (answers, timeouts, crashes); waits at most a second, less once ``wake``
        (anything ``multiprocessing.connection.wait`` accepts) is readable."""
        return self._collect(wake)

    def _collect(self, wake: Any = None) -> list[tuple[int, Article]]:
        """Wait for answers (or a timeout); returns the records that are now final."""
        out: list[tuple[int, Article]] = []
        busy = [w for w in self.workers if w.outstanding]
        extra = [wake] if wake is not None else []
        if not busy:
            if extra:
                wait(extra, timeout=1.0)
            return out
        now = time.monotonic()
        wait_for = max(0.0, min(w.since + self.opt.page_timeout for w in busy) - now)
        ready = wait([w.conn for w in busy] + extra, timeout=min(wait_for, 1.0) + 0.01)
        for worker in busy:
            if worker.conn not in ready:
                continue
            try:
                while worker.conn.poll():
                    seq, article = worker.conn.recv()
                    if seq < 0:
                        worker.ready = True
                        self.barren_deaths = 0
                        continue
                    worker.outstanding.remove(seq)
                    worker.since = time.monotonic()
                    self.pending.pop(seq, None)
                    out.append((seq, article))
            except (EOFError, OSError):
                out.extend(self._lost(worker))
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.outstanding and now - worker.since > self.opt.page_timeout:
                seq = worker.outstanding.popleft()
                page = self.pending.pop(seq)
                out.append((seq, _failure(page, "PageTimeout",
                                          f"page took longer than the limit of {self.opt.page_timeout:g} s; "
                                          "its worker was stopped")))
                self._replace(worker)
        return out

    def _lost(self, worker: _Worker) -> list[tuple[int, Article]]:
        """A worker exited: the page it was on (if any) failed; the rest go to a replacement."""
        out: list[tuple[int, Article]] = []
        worker.proc.join(1)
        code = worker.proc.exitcode
        if not worker.ready:
            self.barren_deaths += 1
            if self.barren_deaths > 3:
                raise RuntimeError(f"worker processes die while starting (exit code {code}); see the error above")
        elif worker.outstanding and code != 0:
            seq = worker.outstanding.popleft()
            page = self.pending.pop(seq)
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            out.append((seq, _failure(page, "WorkerCrashed", f"the worker cleaning this page died ({how})")))
        self._replace(worker)
        return out
