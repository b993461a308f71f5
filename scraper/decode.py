"""Bytes -> text, once per page: binary refused, BOM, declared charset, detection.

Lenient where text exists: damaged bytes become U+FFFD, control bytes (a
NUL-padded tail, stray NULs) are dropped, and markup that no detector can name
an encoding for is still read as UTF-8 with replacements; each repair is counted
(``Decoded.replaced``) for ``--explain``. Only bytes that hold no readable text
(a known binary format, byte soup) are refused.

Mojibake repair and Unicode normalisation happen later, on the extracted text
(normalize/text.py), where they cost little.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer


from .errors import DecodeError
from .sniff import looks_like_html


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0
    """Characters that could not be decoded (now U+FFFD) plus control bytes dropped."""


# Magic numbers of formats that are never a page, with a name for the error record.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"RIFF", "RIFF media"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "WOFF font"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_CONTROL = bytes(range(0, 32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(b"\x0c", b"")


def sniff_binary(data: bytes) -> str | None:
    """Name of the binary format ``data`` is in, or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if any(data.startswith(bom) for bom, _ in _BOMS[1:]):
        return None  # UTF-16/32 text has NULs but is text
    head = data[:8192]
    if not head:
        return None
    controls = len(head) - len(head.translate(None, _CONTROL))  # one pass deleting the control bytes
    if controls / len(head) > 0.05:
        return "binary data"
    return None


def _known(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    # Pages labelled Latin-1 or ASCII are in practice Windows-1252 (as browsers assume).
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def declared_charset(data: bytes, headers: dict[str, str] | None = None) -> str | None:
    """Charset from the HTTP Content-Type header, else from a <meta> in the first 4 KB."""
    content_type = (headers or {}).get("content-type", "")
    m = _HEADER_CHARSET.search(content_type)
    if m and _known(m.group(1)):
        return _known(m.group(1))
    m = _META_CHARSET.search(data[:4096])
    if m:
        return _known(m.group(1).decode("ascii", "ignore"))
    return None


def decode(data: bytes, headers: dict[str, str] | None = None) -> tuple[str, str]:
    """Decode page bytes; returns (text, encoding used). Raises DecodeError for non-text."""
    d = decode_page(data, headers)
    return d.text, d.encoding


MAX_REPLACED_SHARE = 0.2
"""Past this share of undecodable characters, lenient UTF-8 is byte soup, not damaged text."""


def decode_page(data: bytes, headers: dict[str, str] | None = None) -> Decoded:
    """Decode page bytes, leniently where the bytes hold text (see the module docstring)."""
    binary = sniff_binary(data)
    dropped = 0
    if binary is not None:
        cleaned = data.translate(None, _CONTROL) if binary == "binary data" else b""
        if not cleaned or not (_markup_in(cleaned) or _prose_in(cleaned)):
            raise DecodeError(f"not a text page: looks like {binary}")
        dropped = len(data) - len(cleaned)  # text with NULs or control bytes spliced in: drop them
        data = cleaned
    d = _decode_text(data, headers)
    return Decoded(d.text, d.encoding, d.replaced + dropped) if dropped else d


def _markup_in(data: bytes) -> bool:
    return looks_like_html(data[:65536].decode("latin-1"))


MIN_LETTER_SHARE = 0.5
"""Share of letters among the visible characters above which bytes hold prose, not binary."""


def _prose_in(data: bytes) -> bool:
    """True when the bytes (control bytes already dropped) read as text: mostly letters in some
    script once decoded leniently (UTF-8, else every byte a Windows-1252 character), few bytes
    undecodable. A plain-text dump with a NUL-padded tail passes; compressed or binary data,
    where high bytes are everywhere, does not."""
    head = data[:65536]
    text = head.decode("utf-8", errors="replace")
    if text.count("\ufffd") > 0.02 * max(1, len(text)):
        text = head.decode("cp1252", errors="replace")
        if sum(b >= 0x80 for b in head) > 0.1 * len(head):
            return False
    visible = [c for c in text if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    return len(visible) > 0 and letters >= MIN_LETTER_SHARE * len(visible)


def _replace(data: bytes, codec: str) -> Decoded:
    text = data.decode(codec, errors="replace")
    return Decoded(text, codec, text.count("\ufffd"))


def _decode_text(data: bytes, headers: dict[str, str] | None) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _replace(data, codec)
    if not data.isascii():
        try:
            # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever a label says: other
            # encodings almost never form valid multi-byte sequences by chance.
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    declared = declared_charset(data, headers)
    if declared:
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies; detect below
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        bad_share = _utf8_error_share(data)
        if bad_share < 0.01 and exc.start > 0:
            # UTF-8 with a few stray bytes: keep it UTF-8, mark the damage.
            return _replace(data, "utf-8")
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is not None and best.encoding is not None and best.chaos <= 0.5:
        return _replace(data, best.encoding)
    # No encoding reads cleanly: markup or prose is still read as UTF-8, its damaged bytes replaced.
    if _markup_in(data) or _prose_in(data):
        lenient = _replace(data, "utf-8")
        if lenient.replaced <= MAX_REPLACED_SHARE * max(1, len(lenient.text)):
            return lenient
        return _replace(data, "cp1252")  # every byte a character: the tags and ASCII text survive
    if best is None or best.encoding is None:
        raise DecodeError("undecodable bytes: no text encoding fits")
    raise DecodeError(f"undecodable bytes: best guess {best.encoding} gives garbled text")


_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_bytes(text: str) -> bytes:
    """Text handed over as a str (the library call, JSON Lines input) as UTF-8 bytes. A lone
    surrogate (a broken "\\ud800" escape in JSON) cannot be encoded: it becomes U+FFFD, as an
    undecodable byte does, instead of an exception that would end the batch."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def _utf8_error_share(data: bytes) -> float:
    text = data.decode("utf-8", errors="replace")
    return text.count("\ufffd") / max(1, len(text))
