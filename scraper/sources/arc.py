"""ARC files (the Internet Archive's format before WARC; gzipped or not) -> Pages.

FastWARC reads WARC only, and ARC is simple: after a ``filedesc://`` version
block, each record is one header line ``URL IP DATE CONTENT-TYPE LENGTH`` (v2
adds fields before LENGTH, which stays last) followed by LENGTH bytes holding
the HTTP response as received. Source is ``path#offset`` (ARC has no record ids).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..model import Page
from .stats import SourceStats
from .warc import is_page, page_from_record

_MAX_LINE = 64 * 1024


def _split_http(block: bytes) -> tuple[int | None, dict[str, str], bytes]:
    """Status, lower-cased headers and body of a stored HTTP response."""
    if not block.startswith(b"HTTP/"):
        return None, {}, block
    end = block.find(b"\r\n\r\n")
    sep = 4
    if end < 0:
        end, sep = block.find(b"\n\n"), 2
    if end < 0:
        end, sep = len(block), 0
    lines = block[:end].decode("latin-1").splitlines()
    parts = lines[0].split(None, 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    return status, headers, block[end + sep:]


def _arc_date(stamp: str) -> str | None:
    if len(stamp) >= 14 and stamp[:14].isdigit():
        return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[8:10]}:{stamp[10:12]}:{stamp[12:14]}Z"
    return None


def iter_arc_pages(path: Path | str, max_bytes: int = 50_000_000, stats: SourceStats | None = None,
                   stream: BinaryIO | None = None) -> Iterator[Page]:
    stats = stats if stats is not None else SourceStats()
    name = str(path)
    raw = stream if stream is not None else open(path, "rb")
    try:
        head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
        fh: BinaryIO = gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw  # type: ignore[assignment]
        offset = 0
        while True:
            line = fh.readline(_MAX_LINE)
            if not line:
                return
            offset += len(line)
            if not line.strip():
                continue
            fields = line.decode("latin-1").split()
            if len(fields) < 5 or not fields[-1].isdigit():
                raise ValueError(f"not an ARC record header at byte {offset - len(line)} (of the uncompressed stream)")
            start, length = offset - len(line), int(fields[-1])
            url = fields[0]
            if length > max_bytes + _MAX_LINE:  # too large to be a page: pass over it in pieces
                left = length
                while left > 0 and (piece := fh.read(min(left, 1 << 20))):
                    left -= len(piece)
                offset += length - left
                yield Page(source=f"{name}#{start}", data=b"", url=url, error={
                    "type": "PageTooLarge", "message": f"record is {length} bytes, over the cap of {max_bytes}"})
                if left:
                    return
                continue
            block = fh.read(length)
            offset += len(block)
            if url.startswith("filedesc://"):
                stats.skipped_records += 1
                continue
            status, headers, body = _split_http(block)
            headers.setdefault("content-type", fields[3])
            if len(block) == length and not is_page(headers.get("content-type"), status):
                stats.skipped_records += 1
                continue
            expected = len(body) + (length - len(block))
            yield page_from_record(f"{name}#{start}", url, headers, body[:max_bytes + 1], expected=expected,
                                   status=status, fetched_at=_arc_date(fields[2]), max_bytes=max_bytes)
            if len(block) < length:
                return
    except Exception as exc:  # noqa: BLE001 - a corrupt archive becomes an error record
        yield Page(source=name, data=b"", error={"type": type(exc).__name__, "message": str(exc) or repr(exc)})
    finally:
        if stream is None:
            raw.close()
