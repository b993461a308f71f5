"""ARC files (the Internet Archive's format before WARC; gzipped or not) -> Pages.

After a ``filedesc://`` version block, each record is one header line
``URL IP DATE CONTENT-TYPE LENGTH`` (version 2 adds fields before LENGTH,
which stays last) followed by LENGTH bytes holding the HTTP response as
received. warcio reads ARC too, but only version 1 headers (it splits the line
into five fields from the right, so a version 2 header's URL swallows the extra
fields), and like every library it stops at damage; so the header line is read
here and the framing (with recovery from damage) is ``framing``'s. Source is
``path#offset``: the file offset of the record, or of its gzip member
(``path#member+offset`` when a member holds several records).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Page
from .framing import HEAD_MAX, Damage, Span, iter_spans, split_points
from .http_head import split_http
from .registry import Opener, SourceKind, register
from .stats import SourceStats
from .warc import damaged_page, is_page, page_from_record, record_failed

_LINE_START = re.compile(rb"(?:(?<=\n)|^)[A-Za-z][A-Za-z0-9+.-]*:\S* \S+ \d{14}\S* ")


class ArcFormat:
    """ARC framing for ``framing``: a header line ending in the block length, the block, a newline."""

    trailer = b"\n"

    def header(self, buf: bytes, at: int) -> tuple[int, int] | None:
        end = buf.find(b"\n", at, at + HEAD_MAX)
        if end < 0 or not _LINE_START.match(buf, at):
            return None
        fields = buf[at:end].split()
        if len(fields) < 5 or not fields[-1].isdigit():
            return None
        return end + 1, int(fields[-1])

    def candidates(self, buf: bytes, at: int) -> Iterator[int]:
        return (m.start() for m in _LINE_START.finditer(buf, at))

    def starts_record(self, buf: bytes) -> bool:
        return _LINE_START.match(buf) is not None


ARC = ArcFormat()


def _arc_date(stamp: str) -> str | None:
    if len(stamp) >= 14 and stamp[:14].isdigit():
        return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[8:10]}:{stamp[10:12]}:{stamp[12:14]}Z"
    return None


def _page(name: str, span: Span, max_bytes: int, stats: SourceStats) -> Page | None:
    fields = span.header.decode("latin-1").split()
    url = fields[0]
    if url.startswith("filedesc://"):
        stats.skipped_records += 1
        return None
    where = f"{span.offset}" if span.inner is None else f"{span.offset}+{span.inner}"
    source = f"{name}#{where}"
    try:
        status, headers, body = split_http(span.block) or (None, {}, span.block)
        headers.setdefault("content-type", fields[3])
        if not is_page(headers.get("content-type"), status):
            stats.skipped_records += 1
            return None
        if span.oversize:
            return Page(source=source, data=b"", url=url, error={
                "type": "PageTooLarge", "message": f"record is {span.length} bytes, over the cap of {max_bytes} "
                                                   f"(record at byte {span.offset})"})
        return page_from_record(source, url, headers, body, expected=None, status=status,
                                fetched_at=_arc_date(fields[2]), max_bytes=max_bytes)
    except Exception as exc:  # noqa: BLE001 - one bad record is one error record; the file goes on
        return record_failed(source, url, span.offset, exc)


def read_arc(name: str, open_fn: Opener, max_bytes: int, stats: SourceStats, start: int = 0,
             end: int | None = None, first: int = 1) -> Iterator[Page]:
    """Page records of one ARC file that begin in ``[start, end)``."""
    with open_fn() as fh:
        for item in iter_spans(fh, ARC, max_bytes, start, end):
            if isinstance(item, Damage):
                stats.damaged += 1
                yield damaged_page(name, item)
            elif (page := _page(name, item, max_bytes, stats)) is not None:
                yield page


register(SourceKind("arc", lambda head, name: head.startswith(b"filedesc://"), read_arc,
                    lambda fh, target: [(p, 1) for p in split_points(fh, ARC, target)]))
