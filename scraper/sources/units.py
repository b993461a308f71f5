"""Work units: what a worker is handed so that it reads its own input.

The process that plans a run never reads page bytes: it hands out units, and
each worker opens and reads what its unit names. A unit is one of

* a list of whole files (one large file, or a run of small ones, so a
  directory of many small dumps costs one message per batch, not per page);
* a byte range of one large archive or JSON Lines file, cut at a record (gzip
  member, line) boundary by the source kind's splitter;
* pages already in memory (standard input, fetched pages, library callers).

``read_unit`` is the worker's side and yields the same Pages, in the same
order, as reading the whole input in one process would.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..model import Page
from .files import GZIP_MAGIC, _error_page, gunzip, pages_from_stream, sniff_head, walk
from .registry import sniff
from .stats import SourceStats

SPLIT_MIN = 256 << 10
"""Files up to twice this are never split; a piece is at least this large (finding a cut costs one small read)."""
SPLIT_MAX = 64 << 20
BATCH_FILES = 32
BATCH_BYTES = 4 << 20


@dataclass(frozen=True, slots=True)
class WorkUnit:
    paths: tuple[str, ...] = ()
    """Whole inputs read in turn; with ``end`` set, the single file whose byte range this unit is."""
    start: int = 0
    end: int | None = None
    first: int = 1
    """Ordinal of the first record of the range (its line number, for JSON Lines)."""
    pages: tuple[Page, ...] = field(default=())
    """Pages already read (standard input, fetched pages)."""

    @property
    def ranged(self) -> bool:
        return self.end is not None or self.start > 0

    def label(self) -> str:
        if self.ranged:
            return f"{self.paths[0]}#bytes={self.start}-{'' if self.end is None else self.end}"
        return self.paths[0] if self.paths else (self.pages[0].source if self.pages else "")


def _open_local(path: str) -> BinaryIO:
    return open(path, "rb")


def read_unit(unit: WorkUnit, max_bytes: int, stats: SourceStats,
              opener: Callable[[str], BinaryIO] = _open_local) -> Iterator[Page]:
    """The unit's Pages, in input order; ``opener`` opens a path (an fsspec URL, for a cluster)."""
    yield from unit.pages
    if unit.ranged:
        path = unit.paths[0]
        yield from pages_from_stream(path, lambda: opener(path), max_bytes, stats, unit.start, unit.end, unit.first)
        return
    for path in unit.paths:
        yield from pages_from_stream(path, lambda p=path: opener(p), max_bytes, stats)


def split_file(path: str, size: int, workers: int) -> list[WorkUnit]:
    """One local file as units: byte ranges when it is large and its kind can be split, else whole."""
    if size > 2 * SPLIT_MIN and workers > 1:
        pieces = _pieces(path, size, min(SPLIT_MAX, max(SPLIT_MIN, size // (16 * workers))))
        if pieces:
            return pieces
    return [WorkUnit((path,))]


def _pieces(path: str, size: int, target: int) -> list[WorkUnit] | None:
    """Byte-range units of one large file whose kind can be split; None when it cannot."""
    try:
        kind = sniff(sniff_head(lambda: open(path, "rb")), path)
        if kind is None or kind.split is None:
            return None
        with open(path, "rb") as fh:
            points = kind.split(fh, target)
    except (OSError, EOFError, zlib.error):
        return None
    if len(points) < 2:
        return None
    ends = [p for p, _ in points[1:]] + [None]
    return [WorkUnit((path,), start, end, first) for (start, first), end in zip(points, ends)]


def plan_units(paths: Iterable[str], max_bytes: int = 50_000_000, *, workers: int = 1, stdin: object = None,
               exclude: Iterable[str] = ()) -> Iterator[WorkUnit]:
    """Units for command-line paths (files, directories, ``-``), in input order.

    Small files are batched; a file of more than ``SPLIT_MIN`` bytes whose kind
    can be split is cut into pieces of about a sixteenth of it per worker (so
    workers stay busy to the end), within ``SPLIT_MIN``..``SPLIT_MAX``.
    Problems found while listing (a missing file, a broken link) become error
    pages carried by a unit, so they keep their place in the output order.
    """
    excluded = {os.path.realpath(p) for p in exclude}
    batch: list[str] = []
    batch_bytes = 0

    def flush() -> Iterator[WorkUnit]:
        nonlocal batch, batch_bytes
        if batch:
            yield WorkUnit(tuple(batch))
        batch, batch_bytes = [], 0

    def one_file(path: Path) -> Iterator[WorkUnit]:
        nonlocal batch_bytes
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if size > 2 * SPLIT_MIN and workers > 1:
            target = min(SPLIT_MAX, max(SPLIT_MIN, size // (16 * workers)))
            pieces = _pieces(str(path), size, target)
            if pieces:
                yield from flush()
                yield from pieces
                return
        batch.append(str(path))
        batch_bytes += size
        if len(batch) >= BATCH_FILES or batch_bytes >= BATCH_BYTES:
            yield from flush()

    def error(page: Page) -> Iterator[WorkUnit]:
        yield from flush()
        yield WorkUnit(pages=(page,))

    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)  # type: ignore[attr-defined]
            if len(data) > max_bytes:
                yield from error(_error_page("-", ValueError(f"standard input is over the size cap of {max_bytes} bytes")))
                continue
            try:
                page = Page(source="-", data=gunzip(data, max_bytes) if data.startswith(GZIP_MAGIC) else data)
            except (EOFError, ValueError, zlib.error) as exc:
                page = _error_page("-", exc)
            yield from error(page)
            continue
        path = Path(raw)
        if path.is_dir():
            for item in walk(path):
                if isinstance(item, tuple):
                    yield from error(_error_page(str(item[0]), item[1]))
                elif os.path.realpath(item) not in excluded:
                    yield from one_file(item)
        elif path.is_file():
            yield from one_file(path)
        elif path.exists():
            yield from error(_error_page(raw, OSError(f"not a regular file: {raw}")))
        else:
            yield from error(_error_page(raw, FileNotFoundError(f"no such file or directory: {raw}")))
    yield from flush()


def units_of_pages(pages: Iterable[Page], size: int) -> Iterator[WorkUnit]:
    """Pages already in memory, ``size`` to a unit."""
    chunk: list[Page] = []
    for page in pages:
        chunk.append(page)
        if len(chunk) >= size:
            yield WorkUnit(pages=tuple(chunk))
            chunk = []
    if chunk:
        yield WorkUnit(pages=tuple(chunk))
