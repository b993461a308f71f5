"""The pool engine: work units planned here, cleaned by guarded workers that read their own input.

This process only plans: it hands each idle worker of the pool
(``engines.workers.WorkerPool``, with its per-page time and memory guards) a
work unit and writes what comes back. Workers encode each record in the
sink's format (``Sink.encode``) and send records in batches, so this process
spends a few microseconds per page and the pool scales with the cores.

``ordered`` output holds each unit's records until the units before it are
written; at most ``4 x workers`` units are in flight, so memory stays flat.
``articles`` gives the same records as a stream of ``Article`` (``clean_many``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..model import Article
from ..sinks import Sink
from ..sources.units import WorkUnit
from .base import Job
from .report import OUTCOMES, Progress, Summary
from .workers import TRUNCATED, ProcessFn, Record, WorkerPool


class PoolEngine:
    """``workers`` processes that read their own work units; see the module docstring."""

    def __init__(self, sink: Sink | None, workers: int = 2, *, process_fn: ProcessFn | None = None,
                 initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> None:
        self.sink = sink
        self.n = max(1, workers)
        self.process_fn, self.initializer, self.initargs = process_fn, initializer, initargs
        encode = getattr(type(sink), "encode", None)
        self.encode = encode if encode is not None and hasattr(sink, "write_encoded") else None
        self.pool: WorkerPool | None = None

    def run(self, units: Iterable[WorkUnit], job: Job) -> Summary:
        """Every page of ``units`` into the sink, one record each."""
        summary = Summary()
        bar = Progress(job.progress)
        batches = self._batches(iter(units), job, summary, self.encode)
        try:
            for batch in batches:
                self._write(batch, summary, bar)
        finally:
            batches.close()
            bar.close()
        return summary

    def articles(self, units: Iterable[WorkUnit], job: Job, summary: Summary) -> Iterator[Article]:
        """Every page of ``units`` as an ``Article``, as they are ready; the workers stop when this is closed.
        ``summary`` gets the workers' counts (skipped, bytes read, ...); outcomes are the caller's to count."""
        batches = self._batches(iter(units), job, summary, None)
        try:
            for batch in batches:
                for record in batch:
                    yield record[2]
        finally:
            batches.close()

    def _write(self, records: list[Record], summary: Summary, bar: Progress) -> None:
        if self.encode is not None:
            self.sink.write_encoded(b"".join(r[2] for r in records))  # type: ignore[union-attr]
        else:
            for record in records:
                self.sink.write(record[2])  # type: ignore[union-attr]
        for record in records:
            name = OUTCOMES[record[1] % TRUNCATED]
            setattr(summary, name, getattr(summary, name) + 1)
            summary.truncated += record[1] >= TRUNCATED
        bar.update(len(records), summary)

    def _batches(self, units: Iterator[WorkUnit], job: Job, summary: Summary, encode: Any
                 ) -> Iterator[list[Record]]:
        pool = self.pool = WorkerPool(self.n, job.config, job.explain, encode=encode, skip=job.skip,
                                      process_fn=self.process_fn, initializer=self.initializer,
                                      initargs=self.initargs, summary=summary)
        held: dict[int, list[Record]] = {}  # ordered: records of units not yet written
        done: set[int] = set()
        next_uid = next_out = 0  # next_out, ordered: the unit whose records are written next
        exhausted = False
        window = 4 * self.n
        try:
            pool.start()
            while True:
                while not exhausted and (not job.ordered or next_uid - next_out < window) and pool.has_idle():
                    unit = next(units, None)
                    if unit is None:
                        exhausted = True
                        break
                    pool.submit(next_uid, unit)
                    next_uid += 1
                if exhausted and not pool.in_flight:
                    return
                out: list[Record] = []
                for uid, records, finished in pool.poll():
                    if not job.ordered:
                        out.extend(records)
                        continue
                    held.setdefault(uid, []).extend(records)
                    if finished:
                        done.add(uid)
                while next_out in done:
                    done.discard(next_out)
                    out.extend(sorted(held.pop(next_out, []), key=lambda r: r[0]))
                    next_out += 1
                if out:
                    yield out
        finally:
            pool.close()
