"""Markup damage that would hide a whole page from the parser, mended before parsing.

An HTML parser reads ``<title>`` and ``<textarea>`` as raw text up to their closing tag;
a page whose ``</title>`` was lost (a truncated or hand-edited head) becomes one long title
and an empty body, in a browser as in our parser. Such a page still holds its article:
the element is closed where its text plausibly ends (the end of its first non-blank line, or the next
tag). A closing tag mangled past recognition (``</title<``) counts as lost, as it does
for the parser.

A ``<script src="...`` whose address never closes its quote where the line ends swallows
the markup after it: the tag ends at the next quote, and the script's raw text then runs
to the next ``</script>``, over the page's article. An address holds no line break and no
``>``, so one that runs over a line end into a ``>`` is cut at that line end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from selectolax.lexbor import LexborNode

_OPEN = re.compile(r"<(title|textarea)\b[^>]*>", re.IGNORECASE)
_END = re.compile(r"[\r\n<]")
_START = re.compile(r"\s*")
HEAD_SCAN = 65_536
"""Characters searched for an opening <title>/<textarea>: the head of the page."""


def close_raw_text(html: str) -> str:
    """``html`` with a never-closed ``<title>``/``<textarea>`` closed at the end of its first line of text."""
    m = _OPEN.search(html, 0, HEAD_SCAN)
    while m is not None:
        name = m.group(1).lower()
        # Only "</title" followed by a space, "/" or ">" ends the element ("</title<" does not).
        close = re.compile(f"</{name}[\\s/>]", re.IGNORECASE)
        if close.search(html, m.end()) is None:
            start = _START.match(html, m.end())
            end = _END.search(html, start.end() if start is not None else m.end())
            cut = end.start() if end is not None else len(html)
            return html[:cut] + f"</{name}>" + html[cut:]
        m = _OPEN.search(html, m.end(), HEAD_SCAN)
    return html


_SCRIPT_SRC = re.compile(r"""<script\b[^>]*?\ssrc\s*=\s*(["'])""", re.IGNORECASE)


def swallowed_by_script(scripts: Sequence[LexborNode]) -> bool:
    """Does a script with an address hold markup as its text (the sign of an address left open)?
    Asked of the parsed page, so only a page showing the damage is searched and parsed again."""
    for node in scripts:
        attrs = node.attributes
        if "src" in attrs and "<" in (node.text(deep=True) or ""):
            return True
    return False


def close_script_src(html: str) -> str:
    """``html`` with each script address that runs over a line end into markup closed at that line end."""
    out: list[str] = []
    done = 0
    for m in _SCRIPT_SRC.finditer(html):
        start = m.end()
        if start < done:
            continue
        close = html.find(m.group(1), start)
        if close < 0:
            close = len(html)
        newline = _LINE_END.search(html, start, close)
        if newline is None or html.find(">", start, close) < 0:
            continue
        out.append(html[done:newline.start()])
        out.append(m.group(1) + ">")
        done = newline.start()
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


_LINE_END = re.compile(r"[\r\n]")
