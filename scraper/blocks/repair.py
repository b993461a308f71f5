"""Markup damage that would hide a whole page from the parser, mended before parsing.

An HTML parser reads ``<title>`` and ``<textarea>`` as raw text up to their closing tag;
a page whose ``</title>`` was lost (a truncated or hand-edited head) becomes one long title
and an empty body, in a browser as in our parser. Such a page still holds its article:
the element is closed where its text plausibly ends (the end of its first non-blank line, or the next
tag). A closing tag mangled past recognition (``</title<``) counts as lost, as it does
for the parser.
"""

from __future__ import annotations

import re

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
