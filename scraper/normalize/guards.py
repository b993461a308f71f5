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

from ..rules.regex_tree import ASSERT, ASSERT_NOT, AT, IN, LIT, REPEAT, SUB, Node, RegexSyntaxError, parse


def first_char_guard(words: Iterable[str]) -> str:
    """A lookahead for the characters ``words`` open with, to stand right before their alternation."""
    return "(?=[" + "".join(re.escape(c) for c in sorted({w[0] for w in words if w})) + "])"


def opening_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can open with, as written (case aside), or None when that is
    not a short list: a class with ranges or categories, ``.``, a part that may match nothing, syntax
    ``regex_tree`` does not read. Lookarounds and anchors are passed over (they match no character)."""
    try:
        tree = parse(pattern)
    except RegexSyntaxError:
        return None
    chars, may_be_empty = _opening(tree)
    return None if chars is None or may_be_empty or not chars else frozenset(chars)


def opening_guard(pattern: str) -> str:
    """``first_char_guard`` for the characters a match of ``pattern`` opens with; "" (no guard) when unknown."""
    chars = opening_chars(pattern)
    return "" if chars is None else first_char_guard(chars)


def _opening(items: list[Node]) -> tuple[set[str] | None, bool]:
    """(opening characters, whether the sequence may match nothing) of a sequence of nodes."""
    out: set[str] = set()
    for item in items:
        chars, may_be_empty = _opening_node(item)
        if chars is None:
            return None, False
        out |= chars
        if not may_be_empty:
            return out, False
    return out, True


def _opening_node(node: Node) -> tuple[set[str] | None, bool]:
    kind = node[0]
    if kind == LIT:
        return {node[1]}, False
    if kind == IN:
        return (None, False) if node[1] is None or node[2] else (set(node[1]), False)
    if kind == SUB:
        out: set[str] = set()
        empty = False
        for alt in node[1]:
            chars, may_be_empty = _opening(alt)
            if chars is None:
                return None, False
            out |= chars
            empty = empty or may_be_empty
        return out, empty
    if kind == REPEAT:
        chars, may_be_empty = _opening(node[3])
        return chars, chars is not None and (node[1] == 0 or may_be_empty)
    if kind in (AT, ASSERT, ASSERT_NOT):
        return set(), True
    return None, False  # ".", a category, a backreference
