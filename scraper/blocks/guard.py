"""Refuse markup that would make the HTML parser quadratic, before parsing it.

An HTML tree builder does work proportional to the stack of open elements for
each tag, so 50,000 nested (or never closed) divs cost minutes. The nesting
depth is estimated with C-speed substring counts over fixed-size chunks (opens
minus closes, less the tags that never or optionally close), so the check
itself stays linear and cheap on ordinary pages.
"""

from __future__ import annotations

MAX_DEPTH = 6000
"""Estimated open-element depth above which a page becomes an error record."""
_CHUNK = 16_384
_NO_CLOSE = (b"<br", b"<img", b"<meta", b"<link", b"<input", b"<hr", b"<wbr", b"<source", b"<area", b"<col",
             b"<embed", b"<param", b"<track", b"<p", b"<li", b"<td", b"<th", b"<tr", b"<dt", b"<dd", b"<option", b"<!")


class NestingTooDeep(ValueError):
    """The page nests elements deeper than any real page does."""


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


def check_nesting(html: str | bytes, limit: int = MAX_DEPTH) -> None:
    """Raise NestingTooDeep when the page would nest more than ``limit`` elements."""
    data = html if isinstance(html, bytes) else html.encode("utf-8", "replace")
    tags = data.count(b"<")
    if tags <= limit:
        return  # fewer tags than the limit: nothing can nest that deep
    if tags - data.count(b"</") + len(data) // _CHUNK + 1 <= limit:
        return  # the estimate never exceeds the tags left open (plus one "</" split per chunk edge)
    depth = estimated_depth(data)
    if depth > limit:
        raise NestingTooDeep(f"markup nests about {depth} elements deep (limit {limit}); refusing to parse")
