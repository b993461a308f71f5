"""Flatten markup that would make the HTML parser quadratic, before parsing it.

An HTML tree builder does work proportional to the stack of open elements for
each tag, so 50,000 nested (or never closed) divs cost minutes. The nesting
depth is estimated with C-speed substring counts over fixed-size chunks (opens
minus closes, less the tags that never or optionally close), so the check
itself stays linear and cheap on ordinary pages. A page nested deeper than any
real page is not refused: its container and inline tags are taken out (a block
container becomes a line break), which keeps every word and every paragraph
boundary while no element can nest any more.
"""

from __future__ import annotations

import re

import numpy as np

MAX_DEPTH = 6000
"""Estimated open-element depth above which a page becomes an error record."""
_CHUNK = 16_384
_NO_CLOSE = (b"<br", b"<img", b"<meta", b"<link", b"<input", b"<hr", b"<wbr", b"<source", b"<area", b"<col",
             b"<embed", b"<param", b"<track", b"<p", b"<li", b"<td", b"<th", b"<tr", b"<dt", b"<dd", b"<option", b"<!")

_CONTAINER = re.compile(
    rb"</?(?:div|section|article|main|header|footer|aside|nav|table|tbody|thead|tfoot|tr|td|th|ul|ol|dl|dd|dt|"
    rb"blockquote|center|form|fieldset|figure|figcaption|details|summary|address|pre)\b[^>]*>", re.IGNORECASE)
_KEEP = rb"p|br|h[1-6]|li|title|meta|link|script|style|head|body|html|!doctype"
_OTHER = re.compile(rb"<(?!/?(?:" + _KEEP + rb")\b)/?[a-zA-Z][^>]*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(rb"<[^>]*>")


def estimated_depth(html: str | bytes) -> int:
    """Largest open-minus-closed tag count seen at a chunk boundary (an upper-bound style estimate).

    Works on the raw bytes when given them (byte counting is several times faster than on str).
    """
    data = html if isinstance(html, bytes) else html.encode("utf-8", "replace")
    if data.count(b"<") < MAX_DEPTH:
        return 0  # too few tags to nest that deep
    depth = peak = 0
    for start in range(0, len(data), _CHUNK):
        chunk = data[start : start + _CHUNK].lower()
        closes = chunk.count(b"</")
        opens = chunk.count(b"<") - closes
        opens -= sum(chunk.count(t) for t in _NO_CLOSE) + chunk.count(b"/>")
        depth = max(0, depth + opens - closes)
        peak = max(peak, depth)
    return peak


def count_tags(data: bytes) -> int:
    """``data.count(b"<")`` in one vectorised pass: the count every page pays, where ``bytes.count``
    of one byte steps through the page a byte at a time (three times slower on the dev pages).
    ``count_tags_plain`` is the plain count (a test holds the two together)."""
    return int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) == 0x3C))


def count_tags_plain(data: bytes) -> int:
    """The plain count, the reference for ``count_tags``."""
    return data.count(b"<")


def too_deep(html: str | bytes, limit: int = MAX_DEPTH) -> int:
    """The estimated depth when the page would nest more than ``limit`` elements, else 0."""
    data = html if isinstance(html, bytes) else html.encode("utf-8", "replace")
    tags = count_tags(data)
    if tags <= limit:
        return 0  # fewer tags than the limit: nothing can nest that deep
    if tags - data.count(b"</") + len(data) // _CHUNK + 1 <= limit:
        return 0  # the estimate never exceeds the tags left open (plus one "</" split per chunk edge)
    depth = estimated_depth(data)
    return depth if depth > limit else 0


def flatten(html: str, limit: int = MAX_DEPTH) -> str:
    """``html`` without the tags that can nest: block containers become ``<br>``, other elements
    (inline, unknown) lose their tags; paragraphs, headings, list items and the head stay. Should
    the rest still nest too deep, every tag goes and a line break stands for each block."""
    data = html.encode("utf-8", "surrogatepass")
    flat = _OTHER.sub(b"", _CONTAINER.sub(b"<br>", data))
    if too_deep(flat, limit):
        flat = b"<html><body><p>" + _ANY_TAG.sub(b"<br>", flat) + b"</p></body></html>"
    return flat.decode("utf-8", "surrogatepass")
