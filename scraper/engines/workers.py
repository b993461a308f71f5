"""Guarded worker processes that clean work units: the one pool under every caller.

Callers hand a unit (``scraper.sources.units``: a few file paths, a byte range
of one archive, or pages already in memory) to an idle worker with ``submit``
and collect finished records with ``poll``. ``PoolEngine`` plans units from
inputs and writes the records (``scraper clean``, ``scraper fetch``,
``clean_many``); the service (``scraper serve``) submits a one-page unit per
request as requests come.

Why not ``concurrent.futures``: a page that hangs inside a C extension cannot
be interrupted, only its process can be killed, and a killed worker breaks a
``ProcessPoolExecutor`` for good. Here each worker has its own pair of pipes (a
unit goes only to an idle worker, so neither side can block the other) and
publishes the page it is on (its index in the unit, when it started, its
source) in a small shared-memory slot, with no message per page. A page past
``[run] page_timeout`` gets its worker killed and becomes a ``PageTimeout``
record; a worker that dies gives a ``WorkerCrashed`` record for the page it was
on; a page past ``[run] max_page_memory_mb`` (an address-space limit on each
worker) is a ``PageMemoryError`` record and its worker exits. A fresh worker
then takes the unit over from the first page whose record had not come back,
passing over the page that failed, so every page gives exactly one record.

A worker reads its own unit, cleans each page, encodes the record when the
caller gives an ``encode`` (the sink's, so the parent only writes bytes) and
sends records in batches; a unit's last batch goes as soon as the unit ends.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..config import Config
from ..model import Article, Page
from ..sources.stats import SourceStats
from ..sources.units import WorkUnit, read_unit
from .report import OUTCOMES, Summary

ProcessFn = Callable[[Page, Config, bool], Article]
"""The per-page function: ``scraper.pipeline.process`` unless a caller plugs in another."""

Record = tuple[int, int, Any]
"""``(index of the page in its unit, outcome code, the Article or its encoded bytes)``; the code is
``CODE[outcome]``, plus ``TRUNCATED`` when a work limit cut the record short (the summary counts both)."""

Finished = tuple[int, list[Record], bool]
"""What ``poll`` gives per unit: ``(unit id, records, whether the unit is done)``."""

CODE = {name: i for i, name in enumerate(OUTCOMES)}
"""Outcome name -> the code records carry (``OUTCOMES[code % TRUNCATED]`` is the name)."""

TRUNCATED = len(OUTCOMES)
"""Added to a record's code when the record is ``truncated``, so the parent counts it without decoding."""


def outcome_code(article: Article) -> int:
    return CODE[article.outcome] + (TRUNCATED if article.truncated else 0)

_INFO_BYTES = 8192
_BATCH = 32
_BATCH_SECONDS = 1.0
"""A batch goes when it has ``_BATCH`` records or is this old: slow pages still cost the parent one
message per several pages."""
_LAST = 1 << 62
"""Index of a unit's closing record (a unit whose reading kills its workers), sorted after its pages."""


def default_context() -> Any:
    """``fork`` where there is one: workers start in milliseconds with the pipeline
    already imported, and callers need no ``if __name__ == "__main__"`` guard.
    Forking is only safe while the parent has one thread: see ``spawn_context``."""
    if "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context("spawn")


def spawn_context(ctx: Any, process_fn: Any, initializer: Any) -> Any:
    """The context new workers start from: ``ctx`` while forking is safe; the fork server otherwise.

    ``scraper fetch`` runs its fetcher in a thread (and ``scraper serve`` drives
    the pool from one), and a worker replaced mid-run would be forked from a
    process whose other thread may hold a lock; the fork server is a clean
    one-thread process started by exec. Only the default per-page function
    goes that way: a caller's own ``process_fn``/``initializer`` may not be
    importable there.
    """
    if (ctx.get_start_method() != "fork" or threading.active_count() == 1
            or process_fn is not None or initializer is not None
            or "forkserver" not in mp.get_all_start_methods()):
        return ctx
    server = mp.get_context("forkserver")
    server.set_forkserver_preload(["scraper.pipeline"])
    return server


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


def _failure(info: list[Any], error_type: str, message: str) -> Article:
    source, url, final_url, status, fetched_at = info
    return Article.failure(source, error_type, message, url=url, final_url=final_url, status=status,
                           fetched_at=fetched_at)


def _page_info(page: Page) -> bytes:
    info = json.dumps([page.source, page.url, page.final_url, page.status, page.fetched_at]).encode()
    if len(info) >= _INFO_BYTES:
        info = json.dumps([page.source[:2000], None, None, page.status, page.fetched_at]).encode()
    return info


@dataclass(slots=True)
class _Setup:
    config: Config
    explain: bool
    encode: Callable[[Article], bytes] | None
    process_fn: ProcessFn | None
    initializer: Callable[..., None] | None
    initargs: tuple
    memory_mb: int
    skip: frozenset[str]


def _worker_main(tasks: Connection, conn: Connection, slot: Any, info: Any, setup: _Setup,
                 inherited: list[Connection]) -> None:
    """Take ``(uid, unit, resume_at, bad)`` until ``None``; send batches of ``(index, outcome, record)``."""
    _die_with_parent()
    for other in inherited:  # the parent's ends of other workers' pipes, copied by fork: keeping them
        other.close()        # open would hide those workers' EOF from them
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if setup.initializer is not None:
        setup.initializer(*setup.initargs)
    if setup.memory_mb > 0:
        _limit_memory(setup.memory_mb)
    conn.send(("ready",))
    process_fn = setup.process_fn
    if process_fn is None:
        from .. import pipeline

        def process_fn(page: Page, cfg: Config, exp: bool) -> Article:
            return pipeline.process(page, cfg, exp)  # looked up per call, so an initializer may swap it
    config, explain, encode, skip = setup.config, setup.explain, setup.encode, setup.skip
    max_bytes = config.run.max_page_bytes
    while True:
        try:
            task = tasks.recv()
        except EOFError:
            break
        if task is None:
            break
        uid, unit, resume_at, bad = task
        stats = SourceStats()
        batch: list[Record] = []
        skipped = read = 0
        last = time.monotonic()
        through = resume_at

        def send(finished: bool) -> None:
            nonlocal batch, skipped, read, last
            conn.send(("batch", uid, through, batch, (skipped, read, stats.skipped_records, stats.damaged),
                       finished))
            batch, skipped, read = [], 0, 0
            stats.skipped_records = stats.damaged = 0
            last = time.monotonic()

        for index, page in enumerate(read_unit(unit, max_bytes, stats)):
            if index < resume_at or index in bad:
                continue
            if page.source in skip:
                skipped += 1
                through = index + 1
                continue
            info.value = _page_info(page)
            slot[1] = time.monotonic()
            slot[0] = index
            try:
                article = process_fn(page, config, explain)
            except MemoryError:
                article = Article.failure(page.source, "MemoryError", "", url=page.url, final_url=page.final_url,
                                          status=page.status, fetched_at=page.fetched_at)
            slot[0] = -1
            over = article.error is not None and article.error.get("type") in ("MemoryError", "PageMemoryError")
            if over:
                article.error = {"type": "PageMemoryError",
                                 "message": f"page needed more than the memory cap of {setup.memory_mb} MB"}
            read += len(page.data)
            batch.append((index, outcome_code(article), encode(article) if encode is not None else article))
            through = index + 1
            if over:
                send(False)
                conn.close()
                os._exit(0)  # the heap may be in a bad state: a fresh worker takes the unit over
            if len(batch) >= _BATCH or time.monotonic() - last > _BATCH_SECONDS:
                send(False)
        send(True)
    conn.close()


@dataclass(slots=True)
class _Worker:
    proc: Any
    tasks: Connection
    conn: Connection
    slot: Any
    info: Any
    uid: int = -1
    """The unit it is on; -1 when idle."""
    ready: bool = False
    """Set up (initializer run, limits set); a worker that dies before this is a broken setup."""


@dataclass(slots=True)
class _UnitState:
    unit: WorkUnit
    through: int = 0
    """Pages of the unit accounted for (records back, or passed over)."""
    bad: set[int] = field(default_factory=set)
    """Pages that failed with their worker; a replacement passes over them."""
    sent_at: int = 0
    barren: int = 0
    """Workers lost on this unit in a row with no page finished: the unit itself kills them."""

    @property
    def complete(self) -> bool:
        """Every page accounted for; known here only for pages in memory (a unit that reads files is
        handed on, and its next worker finds out)."""
        return not self.unit.paths and self.through >= len(self.unit.pages)


class WorkerPool:
    """``workers`` guarded processes cleaning work units; see the module docstring.

    Counts the workers report (sources skipped, bytes read, non-page archive
    records, damaged spans) go into ``summary``; outcomes are the caller's to count.
    """

    def __init__(self, workers: int, config: Config, explain: bool = False, *,
                 encode: Callable[[Article], bytes] | None = None, skip: set[str] | frozenset[str] = frozenset(),
                 process_fn: ProcessFn | None = None, initializer: Callable[..., None] | None = None,
                 initargs: tuple = (), summary: Summary | None = None) -> None:
        self.n = max(1, workers)
        self.setup = _Setup(config, explain, encode, process_fn, initializer, initargs,
                            config.run.max_page_memory_mb, frozenset(skip))
        self.timeout = config.run.page_timeout
        self.summary = Summary() if summary is None else summary
        self.ctx = default_context()
        self.workers: list[_Worker] = []
        self.states: dict[int, _UnitState] = {}
        self.waiting: deque[int] = deque()
        """Units taken from a lost worker, handed to the next idle one before any new unit."""
        self.replaced = 0
        """Workers killed or lost and started again (timeouts, memory, crashes)."""
        self.barren_deaths = 0
        """Workers in a row that died before they were ready: a broken setup, not a bad page."""

    @property
    def in_flight(self) -> int:
        """Units submitted and not finished."""
        return len(self.states)

    # -- workers -------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        ctx = spawn_context(self.ctx, self.setup.process_fn, self.setup.initializer)
        task_r, task_w = ctx.Pipe(duplex=False)
        reader, writer = ctx.Pipe(duplex=False)
        slot = ctx.RawArray("d", 2)
        slot[0] = -1
        info = ctx.RawArray("c", _INFO_BYTES)
        proc = ctx.Process(target=_worker_main, daemon=True, args=(
            task_r, writer, slot, info, self.setup,
            [c for w in self.workers for c in (w.tasks, w.conn)] if ctx.get_start_method() == "fork" else []))
        proc.start()
        writer.close()
        task_r.close()
        return _Worker(proc, task_w, reader, slot, info)

    def _discard(self, worker: _Worker) -> None:
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join(5)
        worker.tasks.close()
        worker.conn.close()

    def start(self) -> None:
        """Start the workers (forked from this process while it has one thread).

        Workers forked with the default per-page function find the pipeline warmed up
        (``pipeline.warm_up``): what it loads on first use is loaded here once and
        shared, not loaded again by each worker.
        """
        if (self.setup.process_fn is None and not self.workers
                and spawn_context(self.ctx, None, None).get_start_method() == "fork"):
            from .. import pipeline

            pipeline.warm_up(self.setup.config)
        while len(self.workers) < self.n:
            self.workers.append(self._spawn())

    def close(self) -> None:
        """Stop the workers: idle ones finish, busy ones (a run stopped early) are killed."""
        for worker in self.workers:
            try:
                worker.tasks.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for worker in self.workers:
            if worker.uid >= 0:
                worker.proc.kill()  # stopped early (error, Ctrl-C): don't wait for work in flight
            worker.proc.join(max(0.0, deadline - time.monotonic()))
            self._discard(worker)
        self.workers = []

    # -- units in ------------------------------------------------------------------------
    def _assign(self, worker: _Worker, uid: int) -> None:
        state = self.states[uid]
        worker.uid = uid
        state.sent_at = state.through
        try:
            worker.tasks.send((uid, state.unit, state.through, frozenset(state.bad)))
        except OSError:
            pass  # the worker is gone; its pipe's EOF hands the unit on

    def _idle(self) -> _Worker | None:
        """An idle worker, once units taken from lost workers have been handed on."""
        for worker in self.workers:
            if worker.uid < 0:
                if not self.waiting:
                    return worker
                self._assign(worker, self.waiting.popleft())
        return None

    def has_idle(self) -> bool:
        return self._idle() is not None

    def submit(self, uid: int, unit: WorkUnit) -> bool:
        """Give ``unit`` to an idle worker under the caller's unique ``uid``; False when every worker is busy.

        A unit goes only to an idle worker, so it never waits behind a slow one while another is free.
        """
        worker = self._idle()
        if worker is None:
            return False
        self.states[uid] = _UnitState(unit)
        self._assign(worker, uid)
        return True

    # -- records out ---------------------------------------------------------------------
    def poll(self, wake: Any = None) -> list[Finished]:
        """Records now final (batches, timeouts, crashes), per unit; waits at most about a second, less
        once ``wake`` (anything ``multiprocessing.connection.wait`` accepts) is readable."""
        self._idle()  # units of lost workers go on before the wait
        got: list[Finished] = []
        busy = [w for w in self.workers if w.uid >= 0 or not w.ready]
        extra = [wake] if wake is not None else []
        if not busy:
            if extra:
                wait(extra, timeout=1.0)
            return got
        now = time.monotonic()
        deadlines = [w.slot[1] + self.timeout for w in busy if w.slot[0] >= 0]
        wait_for = max(0.0, min(deadlines) - now) if deadlines else 1.0
        ready = wait([w.conn for w in busy] + extra, timeout=min(wait_for, 1.0) + 0.01)
        for worker in busy:
            if worker.conn not in ready:
                continue
            try:
                while worker.conn.poll():
                    msg = worker.conn.recv()
                    if msg[0] == "ready":
                        worker.ready = True
                        self.barren_deaths = 0
                        continue
                    _, uid, through, records, (skipped, read, non_page, damaged), finished = msg
                    state = self.states[uid]
                    state.through = through
                    if records:
                        state.barren = 0
                    self.summary.skipped += skipped
                    self.summary.bytes_read += read
                    self.summary.skipped_records += non_page
                    self.summary.damaged += damaged
                    if finished:
                        worker.uid = -1
                        del self.states[uid]
                    got.append((uid, records, finished))
            except (EOFError, OSError):
                got.extend(self._lost(worker, timed_out=False))
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.uid >= 0 and worker.slot[0] >= 0 and now - worker.slot[1] > self.timeout:
                got.extend(self._lost(worker, timed_out=True))
        return got

    def _record(self, article: Article) -> Any:
        return self.setup.encode(article) if self.setup.encode is not None else article

    def _lost(self, worker: _Worker, *, timed_out: bool) -> list[Finished]:
        """A worker was killed (timeout) or died: the page it was on failed; its unit goes to a fresh worker."""
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join(1)
        code = worker.proc.exitcode
        if not worker.ready:
            self.barren_deaths += 1
            if self.barren_deaths > 3:
                raise RuntimeError(f"worker processes die while starting (exit code {code}); see the error above")
        got: list[Finished] = []
        uid, index = worker.uid, int(worker.slot[0])
        if uid >= 0:
            state = self.states[uid]
            records: list[Record] = []
            if index >= 0:
                info = json.loads(worker.info.value or b'["?", null, null, null, null]')
                if timed_out:
                    # the words of scraper.deadline's record, so every engine writes the same record
                    article = _failure(info, "PageTimeout", f"page took longer than the limit of {self.timeout:g} s")
                else:
                    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                    article = _failure(info, "WorkerCrashed", f"the worker cleaning this page died ({how})")
                state.bad.add(index)
                if index == state.through:  # every page before it is in: the failed one is accounted for too
                    state.through = index + 1
                records.append((index, CODE["failed"], self._record(article)))
            elif state.through == state.sent_at:
                state.barren += 1
            if state.barren >= 3:  # the unit's reading itself kills workers: one record says so
                article = Article.failure(state.unit.label(), "WorkerCrashed",
                                          "reading this input killed its worker three times")
                records.append((_LAST, CODE["failed"], self._record(article)))
                finished = True
            else:
                finished = state.complete
            if finished:
                del self.states[uid]
            else:
                self.waiting.appendleft(uid)
            got.append((uid, records, finished))
        self._discard(worker)
        self.replaced += 1
        self.workers[self.workers.index(worker)] = self._spawn()
        return got
