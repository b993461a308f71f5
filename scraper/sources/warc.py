"""WARC files (gzipped or not) -> one Page per HTTP response (or resource) record holding HTML or text.

Other records (requests, metadata, warcinfo, revisits, images, PDFs, redirects
and other non-2xx responses) are not pages: they are skipped and counted in
``SourceStats``. A body stored with its ``Content-Encoding`` (as a crawler
received it) is decoded here, under the size cap. Framing and damage are
``framing``'s job: one bad record or byte range costs that record (an error
record naming it and its offset) or that span (a ``DamagedArchive`` record), and
reading goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from ..model import Page
from .framing import HEAD_MAX, Damage, Span, iter_spans, split_points
from .http_body import decode_content_encoding
from .http_head import split_http
from .registry import Opener, SourceKind, register
from .stats import SourceStats

PAGE_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")
"""Content types that are pages; a record without one is taken as HTML."""

_CONTENT_LENGTH = re.compile(rb"\ncontent-length:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)
_VERSION = re.compile(rb"WARC/\d")


class TruncatedRecord(EOFError):
    """The archive ends (or breaks) inside this record's body."""


class WarcFormat:
    """WARC framing for ``framing``: a header block, a blank line, ``Content-Length`` bytes, ``\\r\\n\\r\\n``."""

    trailer = b"\r\n\r\n"

    def header(self, buf: bytes, at: int) -> tuple[int, int] | None:
        if not _VERSION.match(buf, at):
            return None
        end, sep = buf.find(b"\r\n\r\n", at, at + HEAD_MAX), 4
        if end < 0:
            end, sep = buf.find(b"\n\n", at, at + HEAD_MAX), 2
            if end < 0:
                return None
        found = _CONTENT_LENGTH.search(buf, at, end + 2)
        return (end + sep, int(found.group(1))) if found else None

    def candidates(self, buf: bytes, at: int) -> Iterator[int]:
        return (m.start() for m in _VERSION.finditer(buf, at))

    def starts_record(self, buf: bytes) -> bool:
        return _VERSION.match(buf) is not None


WARC = WarcFormat()


def is_page(content_type: str | None, status: int | None) -> bool:
    """A 2xx (or status-less) record whose media type is HTML, XHTML, XML or plain text."""
    if status is not None and not 200 <= status < 300:
        return False
    ctype = (content_type or "text/html").split(";")[0].strip().lower()
    return not ctype or any(ctype.startswith(t) for t in PAGE_TYPES)


def page_from_record(source: str, url: str | None, headers: Mapping[str, str], body: bytes, *,
                     expected: int | None, status: int | None, fetched_at: str | None, max_bytes: int) -> Page:
    """The Page for one archived response: truncation checked, Content-Encoding undone, size capped."""
    error = None
    if expected is not None and len(body) < expected and len(body) <= max_bytes:
        exc: Exception = TruncatedRecord(f"record is truncated: {len(body)} of {expected} body bytes present")
        error = {"type": type(exc).__name__, "message": str(exc)}
    elif len(body) > max_bytes:
        error = {"type": "PageTooLarge", "message": f"record body is over the cap of {max_bytes} bytes"}
    if error is not None:
        return Page(source=source, data=b"", url=url, headers=dict(headers), status=status,
                    fetched_at=fetched_at, error=error)
    data = decode_content_encoding(headers, body, max_bytes)
    # The body is decoded now: drop the header so nothing downstream decodes it twice.
    clean = {k: v for k, v in headers.items() if k != "content-encoding"}
    return Page(source=source, data=data, url=url, headers=clean, status=status, fetched_at=fetched_at)


def damaged_page(name: str, damage: Damage) -> Page:
    """One error record for an unreadable span; its source names the byte range, so a rerun finds it again."""
    return Page(source=f"{name}#bytes={damage.start}-{damage.end}", data=b"", error={
        "type": "DamagedArchive",
        "message": f"bytes {damage.start}-{damage.end} hold no readable record: {damage.message}"})


def record_failed(page_source: str, url: str | None, offset: int, exc: BaseException) -> Page:
    """One record that could not be turned into a page (a bomb, a bad body): an error record for it alone."""
    rid = page_source.rsplit("#", 1)[-1]
    return Page(source=page_source, data=b"", url=url, error={
        "type": type(exc).__name__, "message": f"{exc or repr(exc)} (record {rid} at byte {offset})"})


def _fields(header: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in header.decode("utf-8", "replace").splitlines()[1:]:
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip().lower()] = value.strip()
    return out


def _page(name: str, span: Span, max_bytes: int, stats: SourceStats) -> Page | None:
    fields = _fields(span.header)
    kind = fields.get("warc-type", "")
    rid = fields.get("warc-record-id", "").strip("<>") or str(span.offset)
    source, url = f"{name}#{rid}", fields.get("warc-target-uri")
    try:
        if kind == "response":
            http = split_http(span.block)
            if http is None:
                stats.skipped_records += 1
                return None
            status, headers, body = http
        elif kind == "resource":
            status, headers, body = None, {"content-type": fields.get("content-type", "")}, span.block
        else:
            stats.skipped_records += 1
            return None
        if not is_page(headers.get("content-type"), status):
            stats.skipped_records += 1
            return None
        if span.oversize:
            return Page(source=source, data=b"", url=url, status=status, fetched_at=fields.get("warc-date"), error={
                "type": "PageTooLarge",
                "message": f"record body is over the cap of {max_bytes} bytes (record {rid} at byte {span.offset})"})
        return page_from_record(source, url, headers, body, expected=None, status=status,
                                fetched_at=fields.get("warc-date"), max_bytes=max_bytes)
    except Exception as exc:  # noqa: BLE001 - one bad record is one error record; the file goes on
        return record_failed(source, url, span.offset, exc)


def read_warc(name: str, open_fn: Opener, max_bytes: int, stats: SourceStats, start: int = 0,
              end: int | None = None, first: int = 1) -> Iterator[Page]:
    """Page records of one WARC that begin in ``[start, end)``; source is ``name#record-id``."""
    with open_fn() as fh:
        for item in iter_spans(fh, WARC, max_bytes, start, end):
            if isinstance(item, Damage):
                stats.damaged += 1
                yield damaged_page(name, item)
            elif (page := _page(name, item, max_bytes, stats)) is not None:
                yield page


def iter_warc_pages(path: str, max_bytes: int = 50_000_000, stats: SourceStats | None = None,
                    stream: BinaryIO | None = None) -> Iterator[Page]:
    """Every page record of the WARC at ``path`` (or in ``stream``)."""
    from contextlib import nullcontext

    opener = (lambda: nullcontext(stream)) if stream is not None else (lambda: open(path, "rb"))
    yield from read_warc(str(path), opener, max_bytes, stats if stats is not None else SourceStats())  # type: ignore[arg-type]


register(SourceKind("warc", lambda head, name: _VERSION.match(head) is not None, read_warc,
                    lambda fh, target: [(p, 1) for p in split_points(fh, WARC, target)]))
