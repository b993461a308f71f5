"""Teaser units of a plain-text dump: other stories given as a headline and a blurb.

Lists of other stories (related, latest, most read) copy into a dump as lines that
read like the article's own: each teaser is a headline line and a one-paragraph
blurb, often with a date or a category between, closed by a "read more" link or
cut short with an ellipsis. One such line proves little (an article may end a
paragraph with "…", or link to more). The unit repeated does: the same "read
more" line closing two blurbs, or two blurbs cut short under headlines in a row.
Articles with subheadings share the shape but not the marks, so they stay.

A leaf of the rules package (no rule imported): ``region.py`` scores these lines
as chrome when it looks for the article, and removes them inside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon import is_truncated
from ..model import Block
from ..normalize.dates import has_date
from .base import BOX_HEAD
from .predicates import block_key, weight, words


@dataclass(frozen=True, slots=True)
class TeaserParams:
    """Shape of a teaser unit; units are lines and words."""

    headline_words: int = 25
    """A teaser's headline has at most this many words and does not end with a full stop."""
    blurb_words: int = 7
    """A blurb has at least this many words."""
    marker_words: int = 5
    """A "read more" line closing a unit has at most this many words..."""
    marker_repeats: int = 2
    """...and the page gives it at least this many times."""
    meta_lines: int = 2
    """Lines between headline, blurb and marker that may be skipped: a date, a category, a removed line."""
    meta_words: int = 6
    """A kept line skipped so is a short one holding a date."""
    run_gap: int = 3
    """Units cut short with an ellipsis count when another lies within this many lines."""


DEFAULT_TEASERS = TeaserParams()


def teaser_lines(blocks: Sequence[Block], params: TeaserParams = DEFAULT_TEASERS) -> frozenset[int]:
    """Indexes of the lines of the page's teaser units (headline, blurb, marker and what lies between)."""
    units = _marked_units(blocks, params) + _cut_units(blocks, params)
    return frozenset(i for first, last in units for i in range(first, last + 1))


def _marked_units(blocks: Sequence[Block], params: TeaserParams) -> list[tuple[int, int]]:
    """Units closed by a "read more" line (a box-head rule removed it) the page repeats."""
    markers = [i for i, b in enumerate(blocks)
               if not b.kept and BOX_HEAD in b.roles and words(b.text) <= params.marker_words]
    counts = Counter(block_key(blocks[i].text) for i in markers)
    units = []
    for m in markers:
        if counts[block_key(blocks[m].text)] < params.marker_repeats:
            continue
        head = _unit_head(blocks, m, params)
        if head is not None:
            units.append((head, m))
    return units


def _cut_units(blocks: Sequence[Block], params: TeaserParams) -> list[tuple[int, int]]:
    """Units whose blurb ends cut short, when another such unit lies close by."""
    found = []
    for i, b in enumerate(blocks):
        if b.kept and is_truncated(b.text) and weight(b.text) >= params.blurb_words:
            head = _above(blocks, i, params)
            if head is not None and _is_headline(blocks[head].text, params):
                found.append((head, i))
    return [u for k, u in enumerate(found)
            if (k and u[0] - found[k - 1][1] <= params.run_gap)
            or (k + 1 < len(found) and found[k + 1][0] - u[1] <= params.run_gap)]


def _unit_head(blocks: Sequence[Block], marker: int, params: TeaserParams) -> int | None:
    """The headline of the unit a marker closes: a blurb right above it, a headline right above that."""
    blurb = _above(blocks, marker, params)
    if blurb is None or weight(blocks[blurb].text) < params.blurb_words:
        return None
    head = _above(blocks, blurb, params)
    return head if head is not None and _is_headline(blocks[head].text, params) else None


def _above(blocks: Sequence[Block], i: int, params: TeaserParams) -> int | None:
    """The nearest kept line above ``i`` that is no date or removed line, skipping at most ``meta_lines``."""
    for j in range(i - 1, max(-1, i - params.meta_lines - 2), -1):
        b = blocks[j]
        if b.kept and not (words(b.text) <= params.meta_words and has_date(b.text)):
            return j
    return None


def _is_headline(text: str, params: TeaserParams) -> bool:
    """A teaser's headline: a few words, not ended as a sentence is (a question or exclamation may be)."""
    end = text.rstrip()
    return 2 <= words(text) <= params.headline_words and (not end.endswith((".", ";", ":")) or is_truncated(end))
