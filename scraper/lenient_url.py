"""URL parts of values read from a page, where a damaged value must not end the page.

``urllib.parse.urlsplit`` raises ``ValueError`` on some malformed input (an unbalanced
``[`` taken for an IPv6 host, say). A canonical link or an author field of a damaged
page can hold exactly that; to the readers it is simply no URL.
"""

from __future__ import annotations

from urllib.parse import SplitResult
from urllib.parse import urlsplit as _urlsplit

_NONE = SplitResult("", "", "", "", "")


def urlsplit(value: str) -> SplitResult:
    """``urllib.parse.urlsplit(value)``, or empty parts where the value is no parsable URL."""
    try:
        return _urlsplit(value)
    except ValueError:
        return _NONE
