"""JSON Lines of ``{"url": ..., "html": ...}`` objects (or ``"text"``) -> one Page per line, streamed.

A line is read at most ``max_bytes`` long, so one huge line gives an error
record instead of a memory spike, and a dump of any size is read in constant
memory. Source is ``file#Lnumber``. An uncompressed file can be read in byte
ranges cut at line starts (the splitter counts lines, so numbers stay right).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import BinaryIO

from ..decode import utf8_bytes
from ..model import Page
from .registry import Opener, SourceKind, register
from .stats import SourceStats

SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def _error(where: str, exc: BaseException, url: str | None = None) -> Page:
    return Page(source=where, data=b"", url=url, error={"type": type(exc).__name__, "message": str(exc) or repr(exc)})


def _lines(data: bytes | BinaryIO, max_bytes: int, end: int | None, start: int) -> Iterator[bytes]:
    if isinstance(data, bytes):
        yield from data.splitlines(keepends=True)
        return
    pos = start
    while end is None or pos < end:
        line = data.readline(max_bytes + 2)
        if not line:
            return
        pos += len(line)
        if len(line) > max_bytes + 1 and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
                line = data.readline(1 << 20)
                pos += len(line)
            yield b""  # marks the over-long line
            continue
        yield line


def iter_jsonl_pages(data: bytes | BinaryIO, source: str, max_bytes: int = 50_000_000, first: int = 1,
                     start: int = 0, end: int | None = None) -> Iterator[Page]:
    """Pages of the lines of ``data`` (from byte ``start`` of the stream, which is already there, to ``end``)."""
    for number, line in enumerate(_lines(data, max_bytes, end, start), first):
        where = f"{source}#L{number}"
        if line == b"":
            yield oversize_line(where, max_bytes)
            continue
        page = page_from_line(line, where)
        if page is not None:
            yield page


def oversize_line(where: str, max_bytes: int) -> Page:
    return _error(where, ValueError(f"line is over the size cap of {max_bytes} bytes"))


def page_from_line(line: bytes, where: str) -> Page | None:
    """One ``{"url", "html"}`` line -> a Page (an error Page when it is not such an object); None when blank."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise ValueError("expected a JSON object with \"html\" or \"text\"")
        body = obj.get("html") if obj.get("html") is not None else obj.get("text", "")
        if not isinstance(body, str):
            raise ValueError('expected a string in "html" or "text"')
    except ValueError as exc:
        return _error(where, exc)
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    return Page(source=where, data=utf8_bytes(body), url=url)


def read_jsonl(name: str, open_fn: Opener, max_bytes: int, stats: SourceStats, start: int = 0,
               end: int | None = None, first: int = 1) -> Iterator[Page]:
    with open_fn() as raw:
        if name.endswith(".gz"):
            with gzip.GzipFile(fileobj=raw) as fh:
                yield from iter_jsonl_pages(fh, name, max_bytes)
            return
        raw.seek(start)
        yield from iter_jsonl_pages(raw, name, max_bytes, first, start, end)


def split_lines(fh: BinaryIO, target: int) -> list[tuple[int, int]]:
    """Line starts about ``target`` bytes apart, with their line numbers (an uncompressed file only)."""
    if fh.read(2) == b"\x1f\x8b":
        return [(0, 1)]
    fh.seek(0)
    points, pos, line, mark = [(0, 1)], 0, 1, target
    while chunk := fh.read(1 << 20):
        at = 0
        while pos + len(chunk) > mark:
            cut = chunk.find(b"\n", max(at, mark - pos))
            if cut < 0:
                break
            line += chunk.count(b"\n", at, cut + 1)
            at = cut + 1
            points.append((pos + at, line))
            mark = pos + at + target
        line += chunk.count(b"\n", at)
        pos += len(chunk)
    if points[-1][0] >= pos:
        points.pop()
    return points


register(SourceKind("jsonl", lambda head, name: name.endswith(SUFFIXES), read_jsonl, split_lines))
