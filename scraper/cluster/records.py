"""Reading records (JSON Lines, optionally gzipped) in order, whole or by shards of byte ranges."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from typing import IO, Any, Callable, Iterable, Iterator


@dataclass(frozen=True, slots=True)
class Shard:
    """Lines ``[start, end)`` (byte offsets) of one file, whose first record has global index ``base``."""

    path: str
    start: int
    end: int
    base: int
    count: int


def _open(path: str) -> IO[bytes]:
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")


def parse_line(line: bytes, where: str | Callable[[], str]) -> dict[str, Any]:
    """A record, or an error record when the line is not a JSON object (so every line gives one record).
    ``where`` names the line in that error record (a callable: made only when needed)."""
    try:
        record = json.loads(line)
    except ValueError as exc:
        return _invalid(where, f"not JSON: {exc}")
    if not isinstance(record, dict):
        return _invalid(where, "not a JSON object")
    return record


def _invalid(where: str | Callable[[], str], message: str) -> dict[str, Any]:
    source = where() if callable(where) else where
    return {"source": source, "text": "", "error": {"type": "InvalidRecord", "message": message}}


def iter_file(path: str, start: int = 0, end: int | None = None, label: str | None = None
              ) -> Iterator[dict[str, Any]]:
    """Records of one file; ``label`` names it in the source of records made for bad lines."""
    with _open(path) as fh:
        if start:
            fh.seek(start)
        name = label or path
        pos = start
        for line in fh:
            at = pos
            pos += len(line)
            if line.strip():
                yield parse_line(line, lambda: f"{name}#@{at}")
            if end is not None and pos >= end:
                break


def iter_records(paths: Iterable[str], labels: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    for path in paths:
        yield from iter_file(path, label=(labels or {}).get(path))


def shards(paths: Iterable[str], lines_per_shard: int) -> list[Shard]:
    """Cut the inputs into shards of about ``lines_per_shard`` records (gzip files are one shard each)."""
    out: list[Shard] = []
    base = 0
    for path in paths:
        if path.endswith(".gz"):
            count = sum(1 for _ in iter_file(path))
            out.append(Shard(path, 0, -1, base, count))
            base += count
            continue
        start = pos = count = 0
        with open(path, "rb") as fh:
            for line in fh:
                pos += len(line)
                if line.strip():
                    count += 1
                if count == lines_per_shard:
                    out.append(Shard(path, start, pos, base, count))
                    base += count
                    start, count = pos, 0
        if count:
            out.append(Shard(path, start, pos, base, count))
            base += count
    return out


def read_shard(shard: Shard) -> Iterator[dict[str, Any]]:
    if shard.end < 0:
        return iter_file(shard.path)
    return iter_file(shard.path, shard.start, shard.end)
