"""Damage done to page bytes the way real dumps get damaged, for the robustness tests.

Each mutation is a plain function of the bytes and a seeded ``random.Random``, so the
property test (which draws the seeds with hypothesis) and a wider local run over dev
pages (a seeded loop) apply exactly the same damage, and a failing case is replayed
from its (mutation, seed) pairs alone.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Sequence

Mutation = Callable[[bytes, random.Random], bytes]

NESTED_DIVS = 10_000
ODD_CHARSETS = ("utf-7", "utf-16", "utf-32", "cp037", "iso-2022-jp", "shift_jis", "x-user-defined",
                "koi8-r", "gb18030", "macintosh", "utf-8lies", "", "\"", "charset=utf-16le")
"""Declared charsets a damaged or careless page carries: wide ones over ASCII bytes, EBCDIC,
stateful ones, unknown labels, empty and malformed values."""
MANGLED_ATTRIBUTES = (b' class="abc', b" ='x'", b' a=b=c "', b" data-x=\"<p>\"", b' style=\'>',
                      b" \x00id=1", b' href="javascript:"" x', b" ==", b' """', b" <", b" title='</div>", b' href="http://[" content="//[x"')
"""Attribute text that breaks quoting or tokenising: unclosed quotes, stray ``=``, tags inside
values, NULs in names."""
_OPEN_TAG = re.compile(rb"<[a-zA-Z][a-zA-Z0-9]*")


def _spot(data: bytes, rng: random.Random) -> int:
    return rng.randrange(len(data) + 1)


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut the page anywhere after its first byte (a transfer or a disk that stopped)."""
    return data[: rng.randrange(1, len(data) + 1)] if data else data


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """Flip random bits of up to 1 byte in 200 (a bad disk, a broken transfer encoding)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, max(1, len(data) // 200))):
        if out:
            out[rng.randrange(len(out))] ^= rng.randrange(1, 256)
    return bytes(out)


def stray_angles(data: bytes, rng: random.Random) -> bytes:
    """Unbalanced or doubled ``<``: lone ones spliced in, some tags opened twice (``<<p>``)."""
    out = data
    for _ in range(rng.randint(1, 20)):
        i = _spot(out, rng)
        out = out[:i] + rng.choice((b"<", b"<<", b"< ", b"<!", b"</")) + out[i:]
    opens = [m.start() for m in _OPEN_TAG.finditer(out)]
    for i in sorted(rng.sample(opens, min(len(opens), rng.randint(0, 30))), reverse=True):
        out = out[:i] + b"<" + out[i:]
    return out


def nested_divs(data: bytes, rng: random.Random) -> bytes:
    """Splice 10,000 nested ``<div>``s in, closed or never closed (generated or broken templates)."""
    i = _spot(data, rng)
    tail = b"</div>" * NESTED_DIVS if rng.random() < 0.5 else b""
    return data[:i] + b"<div>" * NESTED_DIVS + tail + data[i:]


def nul_padding(data: bytes, rng: random.Random) -> bytes:
    """NULs after (a preallocated file never filled), before, or in runs inside the page."""
    pad = b"\x00" * rng.choice((1, 512, 4096, 65536, 300_000))
    where = rng.random()
    if where < 0.5:
        return data + pad
    if where < 0.7:
        return pad + data
    i = _spot(data, rng)
    return data[:i] + pad + data[i:]


def odd_charset(data: bytes, rng: random.Random) -> bytes:
    """Declare a charset that does not fit the bytes (or does not exist) early in the page."""
    meta = b'<meta charset="' + rng.choice(ODD_CHARSETS).encode() + b'">'
    if rng.random() < 0.5:
        meta = b'<meta http-equiv="Content-Type" content="text/html; charset=' + rng.choice(ODD_CHARSETS).encode() + b'">'
    i = data.lower().find(b"<head>")
    at = i + 6 if i >= 0 else rng.randrange(min(len(data), 512) + 1)
    return data[:at] + meta + data[at:]


def mangle_attributes(data: bytes, rng: random.Random) -> bytes:
    """Broken attribute text inside some tags."""
    tags = [m.end() for m in _OPEN_TAG.finditer(data)]
    out = data
    for i in sorted(rng.sample(tags, min(len(tags), rng.randint(1, 12))), reverse=True):
        out = out[:i] + rng.choice(MANGLED_ATTRIBUTES) + out[i:]
    return out


MUTATIONS: dict[str, Mutation] = {
    "truncate": truncate,
    "flip_bytes": flip_bytes,
    "stray_angles": stray_angles,
    "nested_divs": nested_divs,
    "nul_padding": nul_padding,
    "odd_charset": odd_charset,
    "mangle_attributes": mangle_attributes,
}


def mutate(data: bytes, steps: Sequence[tuple[str, int]]) -> bytes:
    """``data`` with each named mutation applied in turn, each with its own seed."""
    for name, seed in steps:
        data = MUTATIONS[name](data, random.Random(seed))
    return data


READABLE_CHARS = 200
"""A plain extractor's output of at least this many characters, mostly letters, is an article."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"<(?:html|head|body|p|div|article|br|span|a|title|meta)\b", re.IGNORECASE)


def plain_decode(data: bytes) -> str:
    """The simplest lenient decode: UTF-8 with replacement characters, control characters dropped."""
    return _CONTROL.sub("", data.decode("utf-8", errors="replace"))


def readable(text: str) -> bool:
    """Enough text, most of it letters in any script (not replacement characters or markup debris)."""
    if len(text) < READABLE_CHARS:
        return False
    visible = [c for c in text if not c.isspace()]
    letters = sum(1 for c in visible if unicodedata.category(c)[0] in "LM")
    return letters >= 0.6 * len(visible) and text.count("\ufffd") <= 0.02 * len(text)


def plain_extract(data: bytes) -> str:
    """What a plain reading finds in the leniently decoded page: trafilatura alone (default options)
    on markup; on a plain-text dump (no markup at all) its text as it stands."""
    import trafilatura

    text = plain_decode(data)
    if not _MARKUP.search(text):
        return text
    try:
        return trafilatura.extract(text) or ""
    except Exception:  # noqa: BLE001 - the reference may fail too; then it found nothing
        return ""
