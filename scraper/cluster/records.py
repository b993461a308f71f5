"""Reading records (JSON Lines, optionally gzipped) in order, whole or by shards of byte ranges."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from typing import IO, Any, Iterable, Iterator


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


def parse_line(line: bytes, where: str) -> dict[str, Any]:
    """A record, or an error record when the line is not a JSON object (so every line gives one record)."""
    try:
        record = json.loads(line)
    except ValueError as exc:
        return {"source": where, "text": "", "error": {"type": "InvalidRecord", "message": f"not JSON: {exc}"}}
    if not isinstance(record, dict):
        return {"source": where, "text": "", "error": {"type": "InvalidRecord", "message": "not a JSON object"}}
    return record


def iter_file(path: str, start: int = 0, end: int | None = None, label: str | None = None
              ) -> Iterator[dict[str, Any]]:
    """Records of one file; ``label`` names it in the source of records made for bad lines."""
    with _open(path) as fh:
        if start:
            fh.seek(start)
        pos = start
        n = 0
        for line in fh:
            pos += len(line)
            if line.strip():
                n += 1
                yield parse_line(line, f"{label or path}#@{pos - len(line)}")
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
