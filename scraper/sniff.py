"""HTML or plain-text dump? Decided by content, never by file name."""

from __future__ import annotations

import re

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|article|p|section|script|!--)\b", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?(?:p|div|span|a|br|li|ul|h[1-6]|article|section|table|td|tr|img|figure|body|html|head|meta|link|script)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True for markup: starts like an HTML document, or is dense with common tags."""
    head = text[:65536]
    if _HTML_START.match(head[:2048]):
        return True
    tags = _TAG.findall(head)
    return len(tags) >= 5 and sum(map(len, tags)) > 0.10 * len(head)
