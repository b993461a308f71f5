"""First-character guards for patterns that try a long alternation of words at many positions.

The regex engine tries each alternative in turn wherever the pattern may start,
and with IGNORECASE it cannot skip an alternative by its first letter: on a
page's markup, where a source label may follow any ">" or a script key any
quote, that is one test per word at thousands of positions. A lookahead for the
characters the words open with, put before the alternation, fails those
positions on one class test. It is built from the same words, under the same
flags, so it never rejects a position where a word stands (tests hold it to the
plain pattern).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def first_char_guard(words: Iterable[str]) -> str:
    """A lookahead for the characters ``words`` open with, to stand right before their alternation."""
    return "(?=[" + "".join(re.escape(c) for c in sorted({w[0] for w in words if w})) + "])"
