"""Plain-text page dumps -> blocks.

A dump is what a browser copy-paste gives: one block per line, or paragraphs
separated by blank lines. Hard-wrapped paragraphs (lines cut at a fixed width
inside a paragraph) are joined back. Judging which lines are chrome is left to
the rules, as for HTML.
"""

from __future__ import annotations

import re

from ..lexicon import ends_with_mark
from ..model import Block, BlockKind

_BULLET = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,3}[.)]|[a-z]\))\s+")
_MARK = re.compile(r"^\s*[-*•·▪►]\s+")
"""A bullet sign is layout and goes; an item's number is part of its text (a ranked list)."""


def _is_hard_wrapped(paragraphs: list[list[str]]) -> bool:
    """True when multi-line paragraphs look cut at a fixed width rather than one line a block."""
    multi = [p for p in paragraphs if len(p) > 1]
    if not multi or len(multi) < len(paragraphs) * 0.3:
        return False
    inner = [line for p in multi for line in p[:-1]]
    if not inner:
        return False
    lengths = sorted(len(line) for line in inner)
    width = lengths[int(len(lengths) * 0.9)]
    if not 40 <= width <= 100:
        return False
    # Cut lines fill the width; a menu or a list written one item a line does not.
    full = sum(1 for line in inner if len(line) >= 0.6 * width)
    if full / len(inner) < 0.7:
        return False
    unended = sum(1 for line in inner if not ends_with_mark(line))
    return unended / len(inner) > 0.6


def text_to_blocks(text: str) -> list[Block]:
    """Split a dump into blocks, one per paragraph."""
    paragraphs: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    paragraphs = [p for p in paragraphs if p]
    joined = _is_hard_wrapped(paragraphs)
    blocks: list[Block] = []
    for para in paragraphs:
        lines = [" ".join(para)] if joined and not any(_BULLET.match(l) for l in para[1:]) else para
        for line in lines:
            if _BULLET.match(line):
                blocks.append(Block(_MARK.sub("", line, count=1), BlockKind.LIST_ITEM))
            else:
                blocks.append(Block(line, BlockKind.PARAGRAPH))
    return blocks
