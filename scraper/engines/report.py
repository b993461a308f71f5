"""What every engine reports: the run's counts (``Summary``) and the progress bar."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any

from ..model import Article
from ..sources.stats import SourceStats

OUTCOMES = ("ok", "empty", "failed")


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

    def absorb(self, stats: SourceStats) -> None:
        """Add a source's counters (read in this process or reported by a worker)."""
        self.skipped_records += stats.skipped_records
        self.damaged += stats.damaged

    def add(self, counts: dict[str, Any]) -> None:
        """Add another engine's or task's counts (``ok``, ``failed``, ``bytes_read``, ...)."""
        for key in ("ok", "empty", "failed", "skipped", "skipped_records", "bytes_read", "damaged"):
            setattr(self, key, getattr(self, key) + int(counts.get(key, 0)))

    def line(self) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        skipped = f", {self.skipped} skipped (already done)" if self.skipped else ""
        records = f"; {self.skipped_records} non-page archive records skipped" if self.skipped_records else ""
        if self.damaged:
            records += f"; {self.damaged} damaged archive spans"
        return (f"{self.total} records: {self.ok} ok, {self.empty} empty, {self.failed} failed{skipped}{records}; "
                f"{size(self.bytes_read)} read; {elapsed:.1f} s, {self.total / elapsed:.1f} docs/s")

    @property
    def exit_code(self) -> int:
        """0 when every record is a non-empty article, 1 otherwise."""
        return 0 if self.failed == 0 and self.empty == 0 else 1


def size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


class Progress:
    """A tqdm bar on stderr when it is a terminal (or when asked); does nothing otherwise."""

    def __init__(self, enabled: bool | None, unit: str = "doc", total: int | None = None) -> None:
        if enabled is None:
            enabled = sys.stderr.isatty()
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(unit=unit, file=sys.stderr, delay=2.0, dynamic_ncols=True, total=total)

    def update(self, n: int, summary: Summary, skipped_records: int = 0) -> None:
        if self.bar is None or n <= 0:
            return
        self.bar.update(n)
        postfix: dict[str, Any] = {"ok": summary.ok, "empty": summary.empty, "failed": summary.failed,
                                   "read": size(summary.bytes_read)}
        if skipped_records or summary.skipped_records:
            postfix["non-page"] = skipped_records or summary.skipped_records
        self.bar.set_postfix(postfix, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
