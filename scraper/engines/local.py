"""The plain engine: pages read and cleaned one after another in this process.

The reference every other engine is tested against. A page is cleaned under a
per-page time limit (``scraper.deadline``); nothing can cap its memory here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..deadline import guarded
from ..model import Article
from ..pipeline import process
from ..sinks import Sink
from ..sources.stats import SourceStats
from ..sources.units import WorkUnit, read_unit
from .base import Job
from .report import Progress, Summary


class LocalEngine:
    def __init__(self, sink: Sink | None, process_fn=None) -> None:
        self.sink = sink
        self.process_fn = process_fn

    def run(self, units: Iterable[WorkUnit], job: Job) -> Summary:
        """Every page of ``units`` into the sink, one record each."""
        summary = Summary()
        bar = Progress(job.progress)
        articles = self.articles(units, job, summary)
        try:
            for article in articles:
                self.sink.write(article)  # type: ignore[union-attr]
                summary.count(article)
                bar.update(1, summary)
        finally:
            articles.close()
            bar.close()
        return summary

    def articles(self, units: Iterable[WorkUnit], job: Job, summary: Summary) -> Iterator[Article]:
        """Every page of ``units`` as an ``Article``; ``summary`` gets the source's counts (skipped, bytes
        read, non-page archive records, damaged spans); outcomes are the caller's to count."""
        stats = SourceStats()
        clean = guarded(self.process_fn or process, job.config.run.page_timeout)
        for unit in units:
            for page in read_unit(unit, job.config.run.max_page_bytes, stats):
                summary.absorb(stats)
                stats.skipped_records = stats.damaged = 0
                if page.source in job.skip:
                    summary.skipped += 1
                    continue
                summary.bytes_read += len(page.data)
                yield clean(page, job.config, job.explain)
        summary.absorb(stats)
