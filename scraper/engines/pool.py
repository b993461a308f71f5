"""The pool engine: worker processes that read their own input and send back finished records.

This process only plans: it hands each idle worker a work unit (a few file
paths, or a byte range of one archive) and writes what comes back. A worker
reads its unit, cleans each page, encodes the record in the sink's format
(``Sink.encode``) and sends records in batches, so this process spends a few
microseconds per page and the pool scales with the cores.

The guards of ``scraper.parallel`` hold per page. Each worker publishes the
page it is on (its index in the unit, when it started, its source) in a small
shared-memory slot, with no message per page. A page past ``page_timeout``
gets its worker killed and becomes a ``PageTimeout`` record; a worker that
dies gives a ``WorkerCrashed`` record for the page it was on; a page past the
memory cap is a ``PageMemoryError`` record and its worker exits. A fresh
worker then takes the unit over from the first page whose record had not come
back, passing over the page that failed, so every page gives exactly one record.

``ordered`` output holds each unit's records until the units before it are
written; at most ``4 x workers`` units are in flight, so memory stays flat.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..config import Config
from ..model import Article, Page
from ..parallel import ProcessFn, _context, _die_with_parent, _limit_memory, spawn_context
from ..sinks import Sink
from ..sources.stats import SourceStats
from ..sources.units import WorkUnit, read_unit
from .base import Job
from .report import OUTCOMES, Progress, Summary

_INFO_BYTES = 8192
_BATCH = 32
_BATCH_SECONDS = 1.0
"""A batch goes when it has ``_BATCH`` records or is this old: slow pages still cost the parent one
message per several pages."""
_CODE = {name: i for i, name in enumerate(OUTCOMES)}


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
    skip: set[str]


def _worker_main(tasks: Connection, conn: Connection, slot: Any, info: Any, setup: _Setup,
                 inherited: list[Connection]) -> None:
    """Take ``(uid, unit, resume_at, bad)`` until ``None``; send batches of ``(index, outcome, record)``."""
    _die_with_parent()
    for other in inherited:  # the parent's ends of other workers' pipes, copied by fork
        other.close()
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
        batch: list[tuple[int, int, Any]] = []
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
                article = Article.failure(page.source, "MemoryError", "", url=page.url)
            slot[0] = -1
            over = article.error is not None and article.error.get("type") in ("MemoryError", "PageMemoryError")
            if over:
                article.error = {"type": "PageMemoryError",
                                 "message": f"page needed more than the memory cap of {setup.memory_mb} MB"}
            read += len(page.data)
            batch.append((index, _CODE[article.outcome], encode(article) if encode is not None else article))
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
    records: list[tuple[int, int, Any]] = field(default_factory=list)
    """Held records (ordered runs)."""
    finished: bool = False


class PoolEngine:
    """``workers`` processes that read their own work units; see the module docstring."""

    def __init__(self, sink: Sink, workers: int = 2, *, process_fn: ProcessFn | None = None,
                 initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> None:
        self.sink = sink
        self.n = max(1, workers)
        self.process_fn, self.initializer, self.initargs = process_fn, initializer, initargs
        encode = getattr(type(sink), "encode", None)
        self.encode = encode if encode is not None and hasattr(sink, "write_encoded") else None
        self.workers: list[_Worker] = []
        self.replaced = 0
        self.barren_deaths = 0
        self.ctx = _context()

    # -- workers -------------------------------------------------------------------------
    def _spawn_context(self) -> Any:
        """See ``scraper.parallel.spawn_context`` (``scraper fetch`` runs its fetcher in a thread)."""
        return spawn_context(self.ctx, self.process_fn, self.initializer)

    def _spawn(self) -> _Worker:
        ctx = self._spawn_context()
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

    def _close(self) -> None:
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

    def _assign(self, worker: _Worker, uid: int, state: _UnitState) -> None:
        worker.uid = uid
        state.sent_at = state.through
        try:
            worker.tasks.send((uid, state.unit, state.through, frozenset(state.bad)))
        except OSError:
            pass  # the worker is gone; its pipe's EOF hands the unit on

    # -- the run -------------------------------------------------------------------------
    def run(self, units: Iterable[WorkUnit], job: Job) -> Summary:
        run_cfg = job.config.run
        self.setup = _Setup(job.config, job.explain, self.encode, self.process_fn, self.initializer,
                            self.initargs, run_cfg.max_page_memory_mb, job.skip)
        self.timeout = run_cfg.page_timeout
        summary = Summary()
        bar = Progress(job.progress)
        try:
            for batch in self._batches(iter(units), job.ordered, summary):
                self._write(batch, summary, bar)
        finally:
            self._close()
            bar.close()
        return summary

    def _write(self, records: list[tuple[int, int, Any]], summary: Summary, bar: Progress) -> None:
        if not records:
            return
        if self.encode is not None:
            self.sink.write_encoded(b"".join(r[2] for r in records))  # type: ignore[attr-defined]
        else:
            for record in records:
                self.sink.write(record[2])
        for record in records:
            name = OUTCOMES[record[1]]
            setattr(summary, name, getattr(summary, name) + 1)
        bar.update(len(records), summary)

    def _batches(self, units: Iterator[WorkUnit], ordered: bool, summary: Summary
                 ) -> Iterator[list[tuple[int, int, Any]]]:
        states: dict[int, _UnitState] = {}
        waiting: deque[int] = deque()  # units to (re)assign before new ones
        next_uid = 0
        next_out = 0  # ordered: the unit whose records are written next
        exhausted = False
        window = 4 * self.n
        for _ in range(self.n):
            self.workers.append(self._spawn())
        while True:
            for worker in self.workers:
                if worker.uid >= 0:
                    continue
                if waiting:
                    uid = waiting.popleft()
                    self._assign(worker, uid, states[uid])
                elif not exhausted and (not ordered or next_uid - next_out < window):
                    unit = next(units, None)
                    if unit is None:
                        exhausted = True
                        continue
                    states[next_uid] = _UnitState(unit)
                    self._assign(worker, next_uid, states[next_uid])
                    next_uid += 1
            if exhausted and not states:
                return
            out: list[tuple[int, int, Any]] = []
            for uid, records, finished in self._collect(states, waiting, summary):
                state = states[uid]
                if not ordered:
                    out.extend(records)
                    if finished:
                        del states[uid]
                    continue
                state.records.extend(records)
                state.finished = state.finished or finished
            if ordered:
                while next_out in states and states[next_out].finished:
                    out.extend(sorted(states.pop(next_out).records, key=lambda r: r[0]))
                    next_out += 1
            if out:
                yield out

    def _collect(self, states: dict[int, _UnitState], waiting: deque[int], summary: Summary
                 ) -> list[tuple[int, list[tuple[int, int, Any]], bool]]:
        """Wait for batches (or a page's deadline); returns ``(unit, records, unit finished)``."""
        got: list[tuple[int, list[tuple[int, int, Any]], bool]] = []
        busy = [w for w in self.workers if w.uid >= 0 or not w.ready]
        if not busy:
            return got
        now = time.monotonic()
        deadlines = [w.slot[1] + self.timeout for w in busy if w.slot[0] >= 0]
        wait_for = max(0.0, min(deadlines) - now) if deadlines else 1.0
        ready = wait([w.conn for w in busy], timeout=min(wait_for, 1.0) + 0.01)
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
                    state = states[uid]
                    state.through = through
                    if records:
                        state.barren = 0
                    summary.skipped += skipped
                    summary.bytes_read += read
                    summary.skipped_records += non_page
                    summary.damaged += damaged
                    if finished:
                        worker.uid = -1
                    got.append((uid, records, finished))
            except (EOFError, OSError):
                got.extend(self._lost(worker, states, waiting, timed_out=False))
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.uid >= 0 and worker.slot[0] >= 0 and now - worker.slot[1] > self.timeout:
                got.extend(self._lost(worker, states, waiting, timed_out=True))
        return got

    def _lost(self, worker: _Worker, states: dict[int, _UnitState], waiting: deque[int], *, timed_out: bool
              ) -> list[tuple[int, list[tuple[int, int, Any]], bool]]:
        """A worker was killed (timeout) or died: the page it was on failed; its unit goes to a fresh worker."""
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join(1)
        code = worker.proc.exitcode
        if not worker.ready:
            self.barren_deaths += 1
            if self.barren_deaths > 3:
                raise RuntimeError(f"worker processes die while starting (exit code {code}); see the error above")
        got: list[tuple[int, list[tuple[int, int, Any]], bool]] = []
        uid, index = worker.uid, int(worker.slot[0])
        if uid >= 0:
            state = states[uid]
            if index >= 0:
                info = json.loads(worker.info.value or b'["?", null, null, null, null]')
                if timed_out:
                    # the words of scraper.deadline's record, so every engine writes the same record
                    article = _failure(info, "PageTimeout", f"page took longer than the limit of {self.timeout:g} s")
                else:
                    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                    article = _failure(info, "WorkerCrashed", f"the worker cleaning this page died ({how})")
                state.bad.add(index)
                got.append((uid, [(index, _CODE["failed"], self.encode(article) if self.encode else article)], False))
            elif state.through == state.sent_at:
                state.barren += 1
            if state.barren >= 3:  # the unit's reading itself kills workers: one record says so
                article = Article.failure(state.unit.label(), "WorkerCrashed",
                                          "reading this input killed its worker three times")
                got.append((uid, [(1 << 62, _CODE["failed"], self.encode(article) if self.encode else article)], True))
            else:
                waiting.appendleft(uid)
        self._discard(worker)
        self.replaced += 1
        fresh = self._spawn()
        self.workers[self.workers.index(worker)] = fresh
        return got
