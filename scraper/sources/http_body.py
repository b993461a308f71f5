"""HTTP bodies "as received" -> the bytes the server meant (Content-Encoding undone), with a size cap.

Used by the fetcher while streaming (so a compression bomb is stopped as it
grows) and by readers of raw archives (WARC responses are stored as received,
so they may still carry ``Content-Encoding: gzip`` or ``br``).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

import brotli


class BodyTooLarge(ValueError):
    """A body (raw or decoded) grew past the configured cap."""


class UnsupportedEncoding(ValueError):
    """A Content-Encoding this module cannot undo."""


class _Zlib:
    def __init__(self, wbits: int) -> None:
        self.wbits = wbits
        self.d: zlib._Decompress | None = None
        self.raw_deflate_tried = False

    def process(self, data: bytes, limit: int) -> bytes:
        if self.d is None:
            if not data:
                return b""
            wbits = self.wbits
            if wbits == 15 and (data[0] & 0x0F) != 8:
                wbits = -15  # "deflate" sent as a raw stream, as some servers do
            self.d = zlib.decompressobj(wbits)
        out = self.d.decompress(data, limit + 1)
        if len(out) > limit or self.d.unconsumed_tail:
            raise BodyTooLarge(f"decoded body grows past the cap of {limit} bytes")
        if self.d.eof and self.d.unused_data and self.wbits == 31:
            rest, self.d = self.d.unused_data, None  # another gzip member follows
            out += self.process(rest, limit - len(out))
        return out

    def flush(self) -> bytes:
        return self.d.flush() if self.d is not None else b""


class _Brotli:
    def __init__(self) -> None:
        self.d = brotli.Decompressor()

    def process(self, data: bytes, limit: int) -> bytes:
        out = bytearray(self.d.process(data, output_buffer_limit=limit + 1))
        while len(out) <= limit and not self.d.can_accept_more_data():
            out += self.d.process(b"", output_buffer_limit=limit + 1 - len(out))
        if len(out) > limit:
            raise BodyTooLarge(f"decoded body grows past the cap of {limit} bytes")
        return bytes(out)

    def flush(self) -> bytes:
        return b""


def _stage(name: str):
    if name in ("gzip", "x-gzip"):
        return _Zlib(31)
    if name == "deflate":
        return _Zlib(15)
    if name == "br":
        return _Brotli()
    raise UnsupportedEncoding(f"unsupported Content-Encoding: {name}")


def encodings(headers: Mapping[str, str]) -> list[str]:
    """The codings applied to the body, in the order they were applied (identity left out)."""
    value = next((v for k, v in headers.items() if k.lower() == "content-encoding"), "")
    return [c.strip().lower() for c in value.split(",") if c.strip() and c.strip().lower() != "identity"]


class ContentDecoder:
    """Undo Content-Encoding chunk by chunk; the decoded body may not pass ``max_bytes``."""

    def __init__(self, headers: Mapping[str, str], max_bytes: int) -> None:
        self.stages = [_stage(name) for name in reversed(encodings(headers))]
        self.max_bytes = max_bytes
        self.out = bytearray()

    def feed(self, chunk: bytes) -> None:
        for stage in self.stages:
            chunk = stage.process(chunk, self.max_bytes - len(self.out))
        self.out += chunk
        if len(self.out) > self.max_bytes:
            raise BodyTooLarge(f"body is over the cap of {self.max_bytes} bytes")

    def finish(self) -> bytes:
        tail = b""
        for stage in self.stages:  # push what each stage still holds through the stages after it
            passed = stage.process(tail, self.max_bytes - len(self.out)) if tail else b""
            tail = passed + stage.flush()
        self.out += tail
        if len(self.out) > self.max_bytes:
            raise BodyTooLarge(f"body is over the cap of {self.max_bytes} bytes")
        return bytes(self.out)


def decode_content_encoding(headers: Mapping[str, str], body: bytes, max_bytes: int = 50_000_000) -> bytes:
    """The body with its Content-Encoding undone; unchanged when none, or when it is not actually encoded.

    Lenient on purpose, for archives: some writers store the decoded body but keep
    the header, so a body that fails to decode is returned as it is.
    """
    if not encodings(headers):
        return body
    decoder = ContentDecoder(headers, max_bytes)
    try:
        decoder.feed(body)
        return decoder.finish()
    except (zlib.error, brotli.error, UnsupportedEncoding):
        return body
