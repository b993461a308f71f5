"""Test helper: write a real WARC (with warcio) holding the records a test asks for."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def article_html(n: int, title: str | None = None) -> bytes:
    """A small but real news page: chrome around a few article paragraphs."""
    title = title or f"Council approves plan number {n}"
    paras = "".join(
        f"<p>Paragraph {i} of story {n}: the city council met on Tuesday and voted to approve the new "
        f"transit plan after a long public hearing where residents spoke for and against it.</p>"
        for i in range(4))
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{paras}</article><footer>Subscribe to our newsletter</footer></body></html>"
            ).encode()


def write_warc(path: Path, records: list[dict], gzip: bool = True) -> list[str]:
    """Write ``records`` ({url, body, type?, content_type?, headers?, status?}); returns the record ids."""
    ids = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for rec in records:
            kind = rec.get("type", "response")
            http = None
            if kind in ("response", "request"):
                status_line = "GET / HTTP/1.1" if kind == "request" else f"{rec.get('status', 200)} OK"
                headers = [("Content-Type", rec.get("content_type", "text/html; charset=utf-8"))]
                headers += rec.get("headers", [])
                http = StatusAndHeaders(status_line, headers, protocol="HTTP/1.1", is_http_request=kind == "request")
            warc_headers = None
            record = writer.create_warc_record(rec["url"], kind, payload=io.BytesIO(rec["body"]),
                                               http_headers=http, warc_content_type=rec.get("content_type", "")
                                               if kind == "resource" else None, warc_headers_dict=warc_headers)
            ids.append(record.rec_headers.get_header("WARC-Record-ID"))
            writer.write_record(record)
    return ids
