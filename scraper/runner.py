"""Batches: pages in, one record out per page, counts kept for the summary."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .config import Config
from .model import Article, Page
from .pipeline import process
from .sinks import Sink


@dataclass(slots=True)
class Summary:
    ok: int = 0
    empty: int = 0
    failed: int = 0
    skipped: int = 0
    """Sources already in the output (resume)."""
    started: float = field(default_factory=time.perf_counter)

    @property
    def total(self) -> int:
        return self.ok + self.empty + self.failed

    def count(self, article: Article) -> None:
        setattr(self, article.outcome, getattr(self, article.outcome) + 1)

    def line(self) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        skipped = f", {self.skipped} skipped (already done)" if self.skipped else ""
        return (f"{self.total} records: {self.ok} ok, {self.empty} empty, {self.failed} failed{skipped}; "
                f"{elapsed:.1f} s, {self.total / elapsed:.1f} docs/s")

    @property
    def exit_code(self) -> int:
        """0 when every record is a non-empty article, 1 otherwise."""
        return 0 if self.failed == 0 and self.empty == 0 else 1


def clean_pages(pages: Iterable[Page], config: Config, explain: bool = False) -> Iterator[Article]:
    """Single-process: each page through the pipeline, in input order."""
    for page in pages:
        yield process(page, config, explain)


def run(pages: Iterable[Page], sink: Sink, config: Config, *, explain: bool = False,
        skip: set[str] | None = None, progress: bool | None = None) -> Summary:
    """Clean ``pages`` into ``sink``; every page gives exactly one record."""
    summary = Summary()
    skip = skip or set()

    def todo() -> Iterator[Page]:
        for page in pages:
            if page.source in skip:
                summary.skipped += 1
                continue
            yield page

    bar = _progress_bar(progress)
    try:
        for article in clean_pages(todo(), config, explain):
            sink.write(article)
            summary.count(article)
            if bar is not None:
                bar.update(1)
                bar.set_postfix(ok=summary.ok, empty=summary.empty, failed=summary.failed, refresh=False)
    finally:
        if bar is not None:
            bar.close()
    return summary


def _progress_bar(progress: bool | None):
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, delay=2.0, dynamic_ncols=True)
