"""Request bodies under a cap: whole (one page) or line by line (``application/x-ndjson``).

The cap is enforced while the bytes arrive, before they are all in memory, and
again after ``Content-Encoding: gzip`` is undone (a small gzip body can unpack
to gigabytes).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterator

from .errors import ApiError


def unread(status: int, type_: str, message: str) -> ApiError:
    """An error given before the whole body is read: the connection closes after it (the unread
    rest of the body must not be taken for the next request)."""
    return ApiError(status, type_, message, headers={"Connection": "close"})


def too_large(cap: int) -> ApiError:
    return unread(413, "BodyTooLarge", f"the request body is over the cap of {cap} bytes")


class _Inflater:
    """Undoes the request's Content-Encoding chunk by chunk, never past ``cap`` bytes."""

    def __init__(self, encoding: str, cap: int) -> None:
        encoding = encoding.strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise unread(415, "UnsupportedEncoding", f"Content-Encoding {encoding!r} is not supported (gzip, deflate)")
        self.cap = cap
        self.zlib = None if encoding in ("", "identity") else zlib.decompressobj(47 if "gzip" in encoding else 15)

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        """The decoded bytes of ``chunk``, in pieces of at most ``cap + 1`` bytes (a bomb never inflates whole)."""
        if self.zlib is None:
            yield chunk
            return
        data = chunk
        while data:
            try:
                out = self.zlib.decompress(data, self.cap + 1)
            except zlib.error as exc:
                raise unread(400, "MalformedBody", f"the body is not valid for its Content-Encoding: {exc}") from None
            yield out
            data = self.zlib.unconsumed_tail

    def finish(self) -> bytes:
        if self.zlib is None:
            return b""
        if not self.zlib.eof:
            raise unread(400, "MalformedBody", "the compressed body ends early")
        return self.zlib.flush()


def declared_too_large(headers: dict[str, str] | object, cap: int) -> None:
    declared = headers.get("content-length", "")  # type: ignore[attr-defined]
    encoding = headers.get("content-encoding", "")  # type: ignore[attr-defined]
    if declared.isdigit() and int(declared) > cap and encoding in ("", "identity"):
        raise too_large(cap)


async def read_capped(chunks: AsyncIterator[bytes], encoding: str, cap: int) -> bytes:
    """The whole body, decoded; ``ApiError`` 413 past ``cap`` bytes."""
    inflater = _Inflater(encoding, cap)
    body = bytearray()
    async for chunk in chunks:
        for piece in inflater.feed(chunk):
            body += piece
            if len(body) > cap:
                raise too_large(cap)
    body += inflater.finish()
    if len(body) > cap:
        raise too_large(cap)
    return bytes(body)


class _LineSplitter:
    """Bytes in, lines out; a line longer than ``cap`` comes out once as ``None`` and its bytes are dropped."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.buf = bytearray()
        self.skipping = False

    def feed(self, data: bytes) -> Iterator[bytes | None]:
        self.buf += data
        while True:
            cut = self.buf.find(b"\n")
            if cut < 0:
                break
            line = bytes(self.buf[:cut])
            del self.buf[:cut + 1]
            if self.skipping:
                self.skipping = False
            else:
                yield line if len(line) <= self.cap else None
        if len(self.buf) > self.cap:
            if not self.skipping:
                self.skipping = True
                yield None
            self.buf.clear()

    def finish(self) -> Iterator[bytes | None]:
        if self.buf and not self.skipping:
            yield bytes(self.buf)


async def lines_capped(chunks: AsyncIterator[bytes], encoding: str, cap: int) -> AsyncIterator[bytes | None]:
    """The body's lines, newline cut off; ``None`` in place of a line over ``cap`` bytes (memory stays flat)."""
    inflater = _Inflater(encoding, cap)
    lines = _LineSplitter(cap)
    async for chunk in chunks:
        for piece in inflater.feed(chunk):
            for line in lines.feed(piece):
                yield line
    for line in lines.feed(inflater.finish()):
        yield line
    for line in lines.finish():
        yield line
