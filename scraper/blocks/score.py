"""Which element holds the article: the subtree with the most net prose.

Every unit gets a weight: prose (long, few links, sentence punctuation) counts
for its length, short lines and link lists count against. An element's score
is the sum over the units inside it; the article container is the element with
the highest score, so a container is widened to a parent only when what the
parent adds is more prose than chrome. Nothing here reads words of a
particular language: length, links and punctuation work in every script.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import BlockKind
from .segment import INLINE_BOXES, Segmentation, Unit

_PUNCT = re.compile(r"[.!?;:,…。！？；，、،؛।]")
CONTAINERS = frozenset({"body", "div", "section", "article", "main", "td", "form", "center", "header", "span", "font"})
"""Elements that may hold a whole article; a lone paragraph or list never is one (its siblings belong too)."""
SHORT = 25
DESCEND_SHARE = 0.8
SIBLING_MIN = 60.0
SIBLING_LEVELS = 3
LINKLESS_MIN_CHARS = 40
SIBLING_MAX_LINKS = 0.3
"""A sibling of the chosen element joins it when it holds this much net prose and few links
(a lead paragraph or a second body part kept apart by the layout)."""
"""A unit's first characters that pay for its place: shorter lines are chrome until proven otherwise."""


def weight(unit: Unit) -> float:
    """How much a unit speaks for the element holding it being the article."""
    if unit.kind in (BlockKind.CAPTION, BlockKind.BYLINE) or unit.in_time or unit.thread:
        return 0.0  # a comment thread's text never makes its box the article
    return weight_of_text(unit.text, unit.link_density)


def weight_of_text(text: str, ld: float) -> float:
    n = len(text)
    if ld > 0.5:
        return -n * ld
    prose = n * (1.0 - ld)
    if _PUNCT.search(text) is None:
        prose *= 0.5
    return prose - SHORT


TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr"})
"""A layout table's own elements: the cells inside are the boxes the article may fill."""
COLUMN_SHARE = 0.6
"""Share of the score a table cell needs to be chosen over its row: the cells of a row are
columns side by side, and an article never runs on into the column beside it."""


def _children(seg: Segmentation, e: int) -> list[int]:
    """The containers inside ``e`` one level down, a layout table's rows and bodies looked through."""
    parent, tags, end = seg.parent, seg.tag, seg.end
    out = []
    c = e + 1
    while c < end[e]:
        if tags[c] in CONTAINERS:
            out.append(c)
            c = end[c]
        elif tags[c] in TABLE_PARTS:
            c += 1  # into it: its cells count as children
        else:
            c = end[c]
    return out


def _descend(seg: Segmentation, score: list[float], best: int) -> int:
    """Move into the child holding most of the chosen element's score: a page-wide wrapper
    wins when a little prose sits outside the article (a footer blurb, a comment), but the
    article is the child that carries it. A cell beside other cells of its row needs less
    (COLUMN_SHARE): the column next to the article is a sidebar, whatever prose it holds."""
    parent, tags = seg.parent, seg.tag
    while True:
        kids = _children(seg, best)
        top = max(kids, key=score.__getitem__, default=None)
        if top is None:
            return best
        share = DESCEND_SHARE
        if tags[top] == "td" and sum(1 for k in kids if parent[k] == parent[top]) > 1:
            share = COLUMN_SHARE
        if score[top] < share * score[best]:
            return best
        best = top


@dataclass(slots=True)
class Choice:
    element: int
    score: float
    prose_chars: int
    """Characters of prose units inside the chosen element."""
    total_prose: int
    """Characters of prose units on the whole page."""
    elements: list[int]
    """The chosen element and the prose-rich siblings joined to it, in document order."""
    loose: set[int] = field(default_factory=set)
    """Indices of units joined on their own: prose set loose in a wrapper of the chosen element
    (a lead in the wrapper's own text, a paragraph the layout left outside the body's box)."""


def choose(seg: Segmentation, box_links: float = 0.0) -> Choice | None:
    """The best-scoring element, or None when the page has no prose at all. ``box_links``: the
    share of its text a box set before the article may hold in links and still join it as a
    text without links (an ingredient list linking its products, where the caller knows the
    page is a recipe)."""
    n = len(seg.tag)
    if n == 0 or not seg.units:
        return None
    score = [0.0] * n
    prose = [0] * n
    chars = [0] * n
    links = [0] * n
    for u in seg.units:
        w = weight(u)
        e = u.inner
        score[e] += w
        chars[e] += len(u.text)
        links[e] += u.link_chars
        if w > 0:
            prose[e] += len(u.text)
    parent = seg.parent
    # Preorder ids: every child has a larger id than its parent, so one reverse pass sums subtrees.
    for e in range(n - 1, 0, -1):
        if not chars[e]:
            continue  # no text inside: nothing to add
        p = parent[e]
        if p >= 0:
            score[p] += score[e]
            prose[p] += prose[e]
            chars[p] += chars[e]
            links[p] += links[e]
    tags = seg.tag
    best = max((e for e in range(n) if tags[e] in CONTAINERS), key=score.__getitem__, default=0)
    top = best
    best = _descend(seg, score, top)
    elements = [best]

    def joinable(e: int) -> bool:
        return score[e] >= SIBLING_MIN and links[e] <= SIBLING_MAX_LINKS * chars[e]

    def linkless(e: int) -> bool:
        # Text without links set before the article inside its wrapper: an ingredient
        # list, a fact box, a lead made of short lines.
        return chars[e] >= LINKLESS_MIN_CHARS and links[e] <= box_links * chars[e]

    walked: list[tuple[int, int]] = []
    """(wrapper, the child of it on the way to the chosen element), inner to outer."""
    node = best
    while node != top:
        # Between the article and the wrapper we left: a lead or intro placed before it joins
        # (not a column beside it: the cells of a table row are side by side).
        p = parent[node]
        if tags[p] != "tr":
            elements.extend(e for e in _child_ids(seg, p, node) if joinable(e) or linkless(e))
        if tags[node] in INLINE_BOXES:
            elements.extend(_split_off(seg, node, joinable))
        walked.append((p, node))
        node = p
    for _ in range(SIBLING_LEVELS):
        p = parent[node]
        if p < 0:
            break
        elements.extend(e for e in _child_ids(seg, p, seg.end[p]) if e != node
                        and (joinable(e) or (e < node and linkless(e))))
        walked.append((p, node))
        node = p
    elements.sort()
    return Choice(best, score[best], prose[best], prose[0], elements, _loose_units(seg, walked))


def _child_ids(seg: Segmentation, p: int, stop: int) -> list[int]:
    """The elements right inside ``p`` that start before ``stop``, in order: in preorder a child's
    next sibling starts where its subtree ends."""
    end = seg.end
    out = []
    e = p + 1
    while e < stop:
        out.append(e)
        e = end[e]
    return out


def _split_off(seg: Segmentation, box: int, joinable: Callable[[int], bool]) -> list[int]:
    """The prose blocks right after an inline box on the way down: the parser closes a
    ``<font>`` early around unclosed paragraphs and sets the last ones beside it, so they
    belong to it while they keep coming as joinable prose."""
    parent, end = seg.parent, seg.end
    p = parent[box]
    out = []
    e = end[box]
    while e < end[p] and parent[e] == p:
        if not joinable(e):
            break
        out.append(e)
        e = end[e]
    return out


def _loose_units(seg: Segmentation, walked: list[tuple[int, int]]) -> set[int]:
    """Units held by a wrapper itself (text in it, not in a child element) that join the
    article by the rules of a joined sibling: before the way down, prose without links;
    after it, prose with few links."""
    if not walked:
        return set()
    where = {p: child for p, child in walked}
    first: dict[int, int] = {}
    """Wrapper -> index of the first unit inside its child on the way down."""
    out: set[int] = set()
    units = seg.units
    end = seg.end
    for i, u in enumerate(units):
        for p, child in walked:
            if p not in first and child <= u.inner < end[child]:
                first[p] = i
        child = where.get(u.inner)
        if child is None:
            continue
        w = weight(u)
        if w <= 0:
            continue
        if u.inner not in first:  # before the way down
            if len(u.text) >= LINKLESS_MIN_CHARS and u.link_chars == 0:
                out.add(i)
        elif w >= SIBLING_MIN and u.link_chars <= SIBLING_MAX_LINKS * len(u.text):
            out.add(i)
    return out
