"""Test helper: archives of 8 response records (WARC or ARC, gzipped member by member or plain)
with one record damaged or hostile in a chosen way, built on the fly."""

from __future__ import annotations

import gzip
import io
import zlib

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warcfile import article_html

def _bomb(decoded: int = 200_000_000) -> bytes:
    """A gzip body that decodes to ``decoded`` bytes of text."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"all work and no play " * 50_000
    parts = [comp.compress(chunk) for _ in range(decoded // len(chunk))]
    return b"".join(parts) + comp.flush()


def _warc_member(n: int, body: bytes | None = None, headers=(), gz: bool = True) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *headers], protocol="HTTP/1.1")
    rec = writer.create_warc_record(f"https://dmg.example/{n}", "response",
                                    payload=io.BytesIO(article_html(n) if body is None else body), http_headers=http)
    writer.write_record(rec)
    return out.getvalue()


def _arc_member(n: int, body: bytes | None = None, gz: bool = True, length: int | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + (article_html(n) if body is None else body)
    line = b"http://dmg.example/%d 10.0.0.1 20050614070144 text/html %d\n" % (n, length or len(http))
    raw = line + http + b"\n"
    return gzip.compress(raw) if gz else raw


def _arc_head(gz: bool = True) -> bytes:
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    raw = b"filedesc://t.arc 0.0.0.0 20050614070159 text/plain %d\n" % len(desc) + desc + b"\n"
    return gzip.compress(raw) if gz else raw


def _lying_warc(n: int) -> bytes:
    member = gzip.decompress(_warc_member(n))
    length = member.split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0]
    return gzip.compress(member.replace(b"Content-Length: " + length, b"Content-Length: 900000000", 1))


def build(kind: str, case: str) -> tuple[bytes, str]:
    arc = kind == "arc"
    member = (lambda n, **kw: _arc_member(n, **kw)) if arc else (lambda n, **kw: _warc_member(n, **kw))
    members = [member(n) for n in range(8)]
    name = "crawl.arc.gz" if arc else "crawl.warc.gz"
    if case == "bomb":
        members[3] = (_arc_member(3, body=_bomb()) if arc else
                      _warc_member(3, body=_bomb(), headers=[("Content-Encoding", "gzip")]))
        if arc:  # ARC bodies carry no Content-Encoding header of their own: put it in the stored HTTP head
            raw = gzip.decompress(members[3]).replace(b"Content-Type: text/html\r\n",
                                                      b"Content-Type: text/html\r\nContent-Encoding: gzip\r\n", 1)
            fields = raw.split(b"\n", 1)[0].split()
            body_len = len(raw.split(b"\n", 1)[1]) - 1
            raw = b" ".join(fields[:-1]) + b" %d\n" % body_len + raw.split(b"\n", 1)[1]
            members[3] = gzip.compress(raw)
    elif case == "cut":
        members[3] = members[3][: len(members[3]) // 2]
    elif case == "junk":
        members[3] = bytes((i * 7919) % 251 for i in range(len(members[3])))
    elif case == "lying-length":
        members[3] = _arc_member(3, length=900_000_000) if arc else _lying_warc(3)
    elif case == "truncated-final":
        members.append(member(8))
        members[8] = members[8][: len(members[8]) // 2]
        members = members[:3] + members[4:]  # keep 8 records: 7 good ones and the cut one at the end
    elif case == "not-gzip":
        plain = [(_arc_member(n, gz=False) if arc else _warc_member(n, gz=False)) for n in range(8)]
        plain[3] = b"garbage where a record was\r\n" * 20
        return (_arc_head(False) if arc else b"") + b"".join(plain), name
    return (_arc_head() if arc else b"") + b"".join(members), name


