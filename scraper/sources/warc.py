"""WARC files (gzipped or not) -> one Page per HTTP response record with an HTML or text body."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from ..model import Page

_TEXT_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


def iter_warc_pages(path: Path) -> Iterator[Page]:
    """Response records become Pages (source ``file#record-id``); other records are skipped."""
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
                record_id = record.record_id or ""
                source = f"{path}#{record_id}"
                url = record.headers.get("WARC-Target-URI")
                http = record.http_headers
                headers = {k.lower(): v for k, v in http.items()} if http is not None else {}
                ctype = headers.get("content-type", "text/html").lower()
                if not any(t in ctype for t in _TEXT_TYPES):
                    continue
                try:
                    body = record.reader.read()
                except Exception as exc:  # noqa: BLE001 - a corrupt record becomes an error record
                    yield Page(source=source, data=b"", url=url, error={"type": type(exc).__name__, "message": str(exc)})
                    continue
                yield Page(source=source, data=body, url=url, headers=headers,
                           status=http.status_code if http is not None else None,
                           fetched_at=record.headers.get("WARC-Date"))
    except Exception as exc:  # noqa: BLE001
        yield Page(source=str(path), data=b"", error={"type": type(exc).__name__, "message": str(exc)})
