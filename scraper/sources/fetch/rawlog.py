"""``--save-raw``: every HTTP exchange written to a WARC file as received, for offline re-cleaning.

Each response becomes a standard WARC ``response`` record (status line, headers
and body exactly as the server sent them, Content-Encoding included) followed by
the ``request`` record that produced it. The only change: a de-chunked body is
stored whole, so ``Transfer-Encoding`` is dropped and ``Content-Length`` set.
A gzipped file is one gzip member per record, flushed as written, so an
interrupted run leaves every finished record readable.
"""

from __future__ import annotations

import os
from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ... import __name__ as _pkg

_HOP_HEADERS = {"transfer-encoding", "content-length"}


class WarcLog:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        path = os.fspath(path)
        new = not os.path.exists(path) or os.path.getsize(path) == 0
        self.fh = open(path, "ab")  # a resumed run appends to the same archive
        self.writer = WARCWriter(self.fh, gzip=path.endswith(".gz"))
        if new:
            info = self.writer.create_warcinfo_record(os.path.basename(path), {"software": _pkg, "format": "WARC File Format 1.0"})
            self.writer.write_record(info)
            self.fh.flush()

    def write(self, *, url: str, date: str, request_line: str, request_headers: list[tuple[str, str]],
              http_version: str, status: int, reason: str, response_headers: list[tuple[str, str]],
              body: bytes) -> None:
        """Write one response record and its request record."""
        headers = [(k, v) for k, v in response_headers if k.lower() not in _HOP_HEADERS]
        headers.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} {reason}".strip(), headers, protocol=http_version)
        response = self.writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                                  warc_headers_dict={"WARC-Date": date}, http_headers=http)
        request = self.writer.create_warc_record(
            url, "request", payload=BytesIO(b""), length=0,
            warc_headers_dict={"WARC-Date": date,
                               "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")},
            http_headers=StatusAndHeaders(request_line, request_headers, is_http_request=True))
        self.writer.write_record(response)
        self.writer.write_record(request)
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()
