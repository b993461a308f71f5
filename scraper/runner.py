"""Which engine cleans a batch, and batches for library callers: pages in, one record out per page.

``engine_for`` is the one choice of engine for a worker count: ``LocalEngine``
(``workers=1``: this process, under a per-page time limit) or ``PoolEngine``
(worker processes with a per-page time and memory guard). ``scraper clean``
and ``clean_many``/``fetch_many`` ask it too. ``run`` wraps pages already in
memory (or produced by a stream, like the fetcher's) into work units and hands
them to that engine; ``scraper clean`` plans units from paths instead, so that
workers read their own files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .config import Config
from .engines.base import Job
from .engines.local import LocalEngine
from .engines.pool import PoolEngine
from .engines.report import Summary
from .engines.workers import ProcessFn
from .model import Page
from .sinks import Sink
from .sources.stats import SourceStats
from .sources.units import units_of_pages

__all__ = ["Summary", "engine_for", "run"]


def engine_for(workers: int, sink: Sink | None = None, *, process_fn: ProcessFn | None = None,
               initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> LocalEngine | PoolEngine:
    """This process for one worker (unless an ``initializer`` must run in workers), else the guarded pool."""
    if workers <= 1 and initializer is None:
        return LocalEngine(sink, process_fn)
    return PoolEngine(sink, workers, process_fn=process_fn, initializer=initializer, initargs=initargs)


def run(pages: Iterable[Page], sink: Sink, config: Config, *, explain: bool = False,
        skip: set[str] | None = None, progress: bool | None = None, workers: int = 1,
        ordered: bool = False, stats: SourceStats | None = None, process_fn: ProcessFn | None = None,
        initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> Summary:
    """Clean ``pages`` into ``sink``; every page gives exactly one record.

    ``workers`` > 1 cleans in that many processes (output in completion order
    unless ``ordered``); ``process_fn``/``initializer`` let a caller or a test
    swap the per-page function. ``stats`` is the counter of the source that
    produced ``pages`` (non-page archive records, damaged spans), added to the summary.
    """
    job = Job(config, explain, ordered, progress, set(skip or ()))
    engine = engine_for(workers, sink, process_fn=process_fn, initializer=initializer, initargs=initargs)
    summary = engine.run(units_of_pages(pages, max(1, config.run.chunk_size)), job)
    if stats is not None:
        summary.absorb(stats)
    return summary
