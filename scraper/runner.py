"""Batches: pages in, one record out per page, counts kept for the summary.

``run`` cleans in this process (``workers=1``, under a per-page time limit,
``scraper.deadline``) or in a pool of worker processes (``scraper.parallel``)
with a per-page time and memory guard; either way the
records stream out as they are made and this process is the only writer.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .config import Config
from .deadline import guarded
from .model import Article, Page
from .parallel import PagePool, PoolOptions, ProcessFn
from .pipeline import process
from .sinks import Sink
from .sources.stats import SourceStats


@dataclass(slots=True)
class Summary:
    ok: int = 0
    empty: int = 0
    failed: int = 0
    skipped: int = 0
    """Sources already in the output (resume)."""
    skipped_records: int = 0
    """Archive records that are not pages (WARC requests, metadata, images, ...)."""
    bytes_read: int = 0
    """Bytes of page input handed to the cleaner."""
    damaged: int = 0
    """Unreadable archive spans, each one ``DamagedArchive`` record (counted in ``failed`` too)."""
    started: float = field(default_factory=time.perf_counter)

    @property
    def total(self) -> int:
        return self.ok + self.empty + self.failed

    def count(self, article: Article) -> None:
        setattr(self, article.outcome, getattr(self, article.outcome) + 1)

    def line(self) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        skipped = f", {self.skipped} skipped (already done)" if self.skipped else ""
        records = f"; {self.skipped_records} non-page archive records skipped" if self.skipped_records else ""
        if self.damaged:
            records += f"; {self.damaged} damaged archive spans"
        return (f"{self.total} records: {self.ok} ok, {self.empty} empty, {self.failed} failed{skipped}{records}; "
                f"{_size(self.bytes_read)} read; {elapsed:.1f} s, {self.total / elapsed:.1f} docs/s")

    @property
    def exit_code(self) -> int:
        """0 when every record is a non-empty article, 1 otherwise."""
        return 0 if self.failed == 0 and self.empty == 0 else 1


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def run(pages: Iterable[Page], sink: Sink, config: Config, *, explain: bool = False,
        skip: set[str] | None = None, progress: bool | None = None, workers: int = 1,
        ordered: bool = False, stats: SourceStats | None = None, process_fn: ProcessFn | None = None,
        initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> Summary:
    """Clean ``pages`` into ``sink``; every page gives exactly one record.

    ``workers`` > 1 cleans in that many processes (output in completion order
    unless ``ordered``); ``process_fn``/``initializer`` let another engine or a
    test swap the per-page function. ``stats`` is the source's counter of
    skipped archive records, shown in the progress line and the summary.
    """
    summary = Summary()
    skip = skip or set()

    def todo() -> Iterator[Page]:
        for page in pages:
            if page.source in skip:
                summary.skipped += 1
                continue
            summary.bytes_read += len(page.data)
            yield page

    if workers <= 1 and initializer is None:
        fn = guarded(process_fn or process, config.run.page_timeout)
        articles = (fn(page, config, explain) for page in todo())
        pool = None
    else:
        pool = PagePool(config, explain, PoolOptions(
            workers=max(1, workers), chunk_size=config.run.chunk_size, page_timeout=config.run.page_timeout,
            memory_mb=config.run.max_page_memory_mb, ordered=ordered, process_fn=process_fn,
            initializer=initializer, initargs=initargs))
        articles = pool.imap(todo())
    bar = _progress_bar(progress)
    try:
        for article in articles:
            sink.write(article)
            summary.count(article)
            if bar is not None:
                bar.update(1)
                postfix = {"ok": summary.ok, "empty": summary.empty, "failed": summary.failed,
                           "read": _size(summary.bytes_read)}
                if stats is not None and stats.skipped_records:
                    postfix["non-page"] = stats.skipped_records
                bar.set_postfix(postfix, refresh=False)
    finally:
        if pool is not None:
            articles.close()  # type: ignore[union-attr]
        if bar is not None:
            bar.close()
        if stats is not None:
            summary.skipped_records = stats.skipped_records
            summary.damaged = stats.damaged
    return summary


def _progress_bar(progress: bool | None):
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, delay=2.0, dynamic_ncols=True)
