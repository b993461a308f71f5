"""Record framing for archives (WARC, ARC; gzipped or not) that survives damage.

The libraries read a well-formed archive fast, but they stop at the first bad
byte: a cut gzip member, junk, or a ``Content-Length`` that lies swallows every
record after it. Here framing is checked record by record, and damage costs
only the damaged span:

* gzipped: each gzip member is decoded on its own (the output kept up to a cap,
  the rest only counted, so a bomb never grows memory). A member that does not
  decode is skipped by scanning for the next member header whose first bytes
  decode to a record header.
* plain: a record is accepted when its declared length ends where the next
  record (or the file) starts; otherwise the reader scans for the next record
  header at a record boundary.

Each unreadable span is one ``Damage`` (a byte range of the file). A declared
length is never trusted past the end of its member or file. ``start``/``end``
select the records that begin in a byte range, so a large file can be split
between workers at record (or member) boundaries.
"""

from __future__ import annotations

import re
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

try:  # ISA-L's inflate: the same interface as zlib's, about twice as fast
    from isal import isal_zlib as _inflate

    _INFLATE_ERRORS: tuple[type[Exception], ...] = (zlib.error, _inflate.error)
except ImportError:  # pragma: no cover - the plain zlib path is the reference
    _inflate = zlib  # type: ignore[assignment]
    _INFLATE_ERRORS = (zlib.error,)

HEAD_MAX = 64 * 1024
"""Longest record header read, and the prefix of an oversize block kept (enough for HTTP headers)."""
_CHUNK = 1 << 20
_GZIP_MEMBER = re.compile(rb"\x1f\x8b\x08")
_BLANK = b" \t\r\n\x00"


@dataclass(slots=True)
class Span:
    """One record as stored: its header and block (only a prefix when ``oversize``)."""

    offset: int
    """File offset: the gzip member that holds it, or the record's first byte in a plain file."""
    header: bytes
    block: bytes
    length: int
    """Declared block length."""
    oversize: bool = False
    inner: int | None = None
    """Offset inside its gzip member when a member holds several records."""


@dataclass(slots=True)
class Damage:
    """A byte range of the file that holds no readable record."""

    start: int
    end: int
    message: str


class RecordFormat(Protocol):
    trailer: bytes
    """What follows each block (``\\r\\n\\r\\n`` for WARC, ``\\n`` for ARC)."""

    def header(self, buf: bytes, at: int) -> tuple[int, int] | None:
        """``(end of header, declared block length)`` when a whole record header starts at ``buf[at:]``."""

    def candidates(self, buf: bytes, at: int) -> Iterator[int]:
        """Positions from ``at`` where a record header may start (checked with ``header`` afterwards)."""

    def starts_record(self, buf: bytes) -> bool:
        """Cheap test on the first bytes of a member or after a block: does a record header start here?"""


def _skip_blank(buf: bytes, at: int) -> int:
    n = len(buf)
    while at < n and buf[at] in _BLANK:
        at += 1
    return at


def _read_at(fh: BinaryIO, offset: int, size: int) -> bytes:
    fh.seek(offset)
    return fh.read(size)


def _size(fh: BinaryIO) -> int:
    fh.seek(0, 2)
    return fh.tell()


# -- plain (uncompressed) framing ------------------------------------------------------

def _boundary_ok(fh: BinaryIO, fmt: RecordFormat, at: int, size: int) -> bool:
    """Does the record that ends at ``at`` end where the file or the next record begins?"""
    if at > size:
        return False
    tail = _read_at(fh, at, 4096)
    if tail.startswith(fmt.trailer):
        return True  # the block ends as it must; damage after it is the next record's own
    i = _skip_blank(tail, 0)
    return i == len(tail) or fmt.starts_record(tail[i:])


def _resync_plain(fh: BinaryIO, fmt: RecordFormat, frm: int, size: int) -> int:
    """The next offset >= ``frm`` where a whole record header starts at a line start; ``size`` when none."""
    pos = frm
    while pos < size:
        chunk = _read_at(fh, pos, _CHUNK + HEAD_MAX)
        for i in fmt.candidates(chunk, 0):
            if i >= _CHUNK:
                break
            if pos + i > 0 and (chunk[i - 1:i] if i else _read_at(fh, pos - 1, 1)) != b"\n":
                continue
            head = chunk[i:i + HEAD_MAX] if i + HEAD_MAX <= len(chunk) else _read_at(fh, pos + i, HEAD_MAX)
            if fmt.header(head, 0) is not None:
                return pos + i
        pos += _CHUNK
    return size


def iter_plain(fh: BinaryIO, fmt: RecordFormat, cap: int, start: int = 0, end: int | None = None
               ) -> Iterator[Span | Damage]:
    """Records of an uncompressed archive that begin in ``[start, end)``, and its damaged spans."""
    size = _size(fh)
    end = size if end is None else min(end, size)
    pos = start
    while pos < end:
        head = _read_at(fh, pos, HEAD_MAX)
        i = _skip_blank(head, 0)
        if i == len(head):
            pos += len(head)
            if len(head) < HEAD_MAX:
                return
            continue
        rec = pos + i
        if rec >= end:
            return
        parsed = fmt.header(head, i)
        if parsed is None:
            nxt = _resync_plain(fh, fmt, rec + 1, size)
            yield Damage(rec, nxt, "no record header here")
            pos = nxt
            continue
        hend, length = parsed
        block_at, block_end = pos + hend, pos + hend + length
        if not _boundary_ok(fh, fmt, block_end, size):
            nxt = _resync_plain(fh, fmt, rec + 1, size)
            why = ("past the end of the file" if block_end > size else "but the next record does not start there")
            yield Damage(rec, nxt, f"record declares a {length}-byte block {why}")
            pos = nxt
            continue
        header = head[i:hend]
        if length > cap:
            yield Span(rec, header, _read_at(fh, block_at, HEAD_MAX), length, oversize=True)
        elif hend + length <= len(head):
            yield Span(rec, header, head[hend:hend + length], length)
        else:
            yield Span(rec, header, _read_at(fh, block_at, length), length)
        pos = block_end


# -- gzip framing ----------------------------------------------------------------------

class _Member:
    __slots__ = ("data", "total", "end")

    def __init__(self, data: bytes, total: int, end: int) -> None:
        self.data, self.total, self.end = data, total, end


def _decode_member(fh: BinaryIO, pos: int, keep: int, sink: BinaryIO | None = None) -> _Member:
    """Decode the gzip member at ``pos``: its first ``keep`` bytes (all of them into ``sink`` if given).

    Raises ``zlib.error`` for a corrupt member and ``EOFError`` when the file ends inside it.
    """
    fh.seek(pos)
    d = _inflate.decompressobj(31)
    kept: list[bytes] = []
    have = total = consumed = 0
    step = 1 << 15  # most members are one page: small reads first
    while True:
        buf = fh.read(step)
        step = min(step * 2, _CHUNK)
        if not buf:
            raise EOFError("the file ends inside this gzip member")
        while buf:
            room = keep - have
            piece = d.decompress(buf, room if room > 0 and sink is None else _CHUNK)
            total += len(piece)
            if sink is not None:
                sink.write(piece)
            elif room > 0:
                kept.append(piece)
                have += len(piece)
            if d.eof:
                consumed += len(buf) - len(d.unused_data)
                return _Member(b"".join(kept), total, pos + consumed)
            consumed += len(buf) - len(d.unconsumed_tail)
            buf = d.unconsumed_tail


def _member_starts_record(fh: BinaryIO, fmt: RecordFormat, pos: int) -> bool:
    raw = _read_at(fh, pos, 16384)
    try:
        head = zlib.decompressobj(31).decompress(raw, 512)
    except zlib.error:
        return False
    i = _skip_blank(head, 0)
    return i < len(head) and fmt.starts_record(head[i:])


def _resync_gzip(fh: BinaryIO, fmt: RecordFormat, frm: int, size: int) -> int:
    """The next gzip member at or after ``frm`` whose first bytes decode to a record header; ``size`` when none."""
    pos = frm
    while pos < size:
        chunk = _read_at(fh, pos, _CHUNK + 2)
        for m in _GZIP_MEMBER.finditer(chunk):
            if m.start() >= _CHUNK:
                break
            if _member_starts_record(fh, fmt, pos + m.start()):
                return pos + m.start()
        pos += _CHUNK
    return size


def iter_gzip(fh: BinaryIO, fmt: RecordFormat, cap: int, start: int = 0, end: int | None = None
              ) -> Iterator[Span | Damage]:
    """Records of a gzipped archive whose members begin in ``[start, end)``, and its damaged spans."""
    size = _size(fh)
    end = size if end is None else min(end, size)
    pos = start
    keep = cap + HEAD_MAX
    while pos < end:
        try:
            if _read_at(fh, pos, 3) != b"\x1f\x8b\x08":  # (from the reader's buffer: no extra system call)
                if not _read_at(fh, pos, HEAD_MAX).strip(_BLANK) and pos + HEAD_MAX >= size:
                    return  # padding at the end of the file
                raise zlib.error("no gzip member starts here")
            member = _decode_member(fh, pos, keep)
        except (*_INFLATE_ERRORS, EOFError) as exc:
            nxt = _resync_gzip(fh, fmt, pos + 1, size)
            yield Damage(pos, nxt, f"unreadable gzip data ({exc})")
            pos = nxt
            continue
        yield from _records_of_member(fh, fmt, cap, pos, member, keep)
        pos = member.end


def _records_of_member(fh: BinaryIO, fmt: RecordFormat, cap: int, pos: int, member: _Member, keep: int
                       ) -> Iterator[Span | Damage]:
    data = member.data
    i = _skip_blank(data, 0)
    if i == len(data):
        return  # an empty member
    parsed = fmt.header(data, i)
    if parsed is None:
        yield Damage(pos, member.end, "a gzip member that does not start with a record header")
        return
    hend, length = parsed
    if member.total > len(data):  # over the cap: one huge record, or several records in one member
        rest = member.total - (hend + length)
        if rest < 0:
            yield Damage(pos, member.end, f"record declares a {length}-byte block past the end of its gzip member")
        elif rest > 64:
            yield from _spooled(fh, fmt, cap, pos, member)
        else:
            yield Span(pos, data[i:hend], data[hend:hend + HEAD_MAX], length, oversize=True)
        return
    if hend + length <= len(data) and not data[hend + length:].strip(_BLANK):
        yield Span(pos, data[i:hend], data[hend:hend + length], length)  # the usual case: one record a member
        return
    from io import BytesIO

    inner = list(iter_plain(BytesIO(data), fmt, cap))
    damaged = False
    for item in inner:
        if isinstance(item, Damage):
            if not damaged:  # one error record per member, whatever is wrong inside it
                yield Damage(pos, member.end, f"inside the gzip member: {item.message}")
            damaged = True
        else:
            item.inner, item.offset = (item.offset if len(inner) > 1 else None), pos
            yield item


def _spooled(fh: BinaryIO, fmt: RecordFormat, cap: int, pos: int, member: _Member) -> Iterator[Span | Damage]:
    """A member over the cap holding several records (a whole file gzipped at once): decoded to a
    temporary file, then framed as a plain archive."""
    with tempfile.TemporaryFile() as tmp:
        _decode_member(fh, pos, 0, sink=tmp)
        damaged = False
        for item in iter_plain(tmp, fmt, cap):
            if isinstance(item, Damage):
                if not damaged:
                    yield Damage(pos, member.end, f"inside the gzip member, at byte {item.start} of its data: "
                                                  f"{item.message}")
                damaged = True
            else:
                item.inner, item.offset = item.offset, pos
                yield item


def iter_spans(fh: BinaryIO, fmt: RecordFormat, cap: int, start: int = 0, end: int | None = None
               ) -> Iterator[Span | Damage]:
    """Records and damaged spans of an archive, gzipped or not (sniffed from its first bytes)."""
    gz = _read_at(fh, 0, 2) == b"\x1f\x8b"
    yield from (iter_gzip if gz else iter_plain)(fh, fmt, cap, start, end)


def split_points(fh: BinaryIO, fmt: RecordFormat, target: int) -> list[int]:
    """Offsets (the first is 0) that cut the file into pieces of about ``target`` bytes at record starts.

    Found without reading the records: from each target offset, the next gzip
    member (or plain record header at a line start) that decodes to a record header.
    """
    size = _size(fh)
    gz = _read_at(fh, 0, 2) == b"\x1f\x8b"
    points = [0]
    at = target
    while at < size:
        nxt = (_resync_gzip if gz else _resync_plain)(fh, fmt, at, size)
        if nxt >= size:
            break
        points.append(nxt)
        at = nxt + target
    return points
