"""The plain engine: pages read and cleaned one after another in this process.

The reference every other engine is tested against. A page is cleaned under a
per-page time limit (``scraper.deadline``); nothing can cap its memory here.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..deadline import guarded
from ..pipeline import process
from ..sinks import Sink
from ..sources.stats import SourceStats
from ..sources.units import WorkUnit, read_unit
from .base import Job
from .report import Progress, Summary


class LocalEngine:
    def __init__(self, sink: Sink, process_fn=None) -> None:
        self.sink = sink
        self.process_fn = process_fn

    def run(self, units: Iterable[WorkUnit], job: Job) -> Summary:
        summary, stats = Summary(), SourceStats()
        clean = guarded(self.process_fn or process, job.config.run.page_timeout)
        bar = Progress(job.progress)
        try:
            for unit in units:
                for page in read_unit(unit, job.config.run.max_page_bytes, stats):
                    if page.source in job.skip:
                        summary.skipped += 1
                        continue
                    summary.bytes_read += len(page.data)
                    article = clean(page, job.config, job.explain)
                    self.sink.write(article)
                    summary.count(article)
                    bar.update(1, summary, stats.skipped_records)
        finally:
            bar.close()
            summary.absorb(stats)
        return summary
