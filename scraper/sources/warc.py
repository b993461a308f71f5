"""WARC files (gzipped or not) -> one Page per HTTP response (or resource) record holding HTML or text.

Other records (requests, metadata, warcinfo, revisits, images, PDFs, redirects
and other non-2xx responses) are not pages: they are skipped and counted in
``SourceStats``. A body stored with its ``Content-Encoding`` (as a crawler
received it) is decoded here. A truncated record becomes an error record; a
corrupt stretch that the reader cannot get past ends the file with one error
record naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from ..model import Page
from .http_body import decode_content_encoding
from .stats import SourceStats

PAGE_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")
"""Content types that are pages; a record without one is taken as HTML."""


class TruncatedRecord(EOFError):
    """The archive ends (or breaks) inside this record's body."""


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


def iter_warc_pages(path: Path | str, max_bytes: int = 50_000_000, stats: SourceStats | None = None,
                    stream: BinaryIO | None = None) -> Iterator[Page]:
    """Page records of one WARC (``stream`` if given, else the file at ``path``); source is ``path#record-id``."""
    stats = stats if stats is not None else SourceStats()
    name = str(path)
    fh = stream if stream is not None else open(path, "rb")
    try:
        for record in ArchiveIterator(fh, record_types=WarcRecordType.any_type, parse_http=True):
            kind = record.record_type
            http = record.http_headers if kind == WarcRecordType.response else None
            if kind == WarcRecordType.response and http is not None:
                headers = {k.lower(): v for k, v in http.items()}
                status = http.status_code
            elif kind == WarcRecordType.resource:
                headers = {"content-type": record.headers.get("Content-Type", "")}
                status = None
            else:
                stats.skipped_records += 1
                continue
            if not is_page(headers.get("content-type"), status):
                stats.skipped_records += 1
                continue
            body = record.reader.read(max_bytes + 1)
            yield page_from_record(f"{name}#{(record.record_id or str(record.stream_pos)).strip('<>')}",
                                   record.headers.get("WARC-Target-URI"), headers, body,
                                   expected=record.content_length, status=status,
                                   fetched_at=record.headers.get("WARC-Date"), max_bytes=max_bytes)
    except Exception as exc:  # noqa: BLE001 - a corrupt archive becomes an error record, the run goes on
        yield Page(source=name, data=b"", error={"type": type(exc).__name__, "message": str(exc) or repr(exc)})
    finally:
        if stream is None:
            fh.close()
