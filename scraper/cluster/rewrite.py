"""The rewrite tier: the same event told in other words.

Cosine of title+lead vectors, gated by language and a publication-date window; a pair from
``consider`` up needs a second opinion (shared names and numbers), or, where either text names too
few to judge by, a cosine of ``accept``. Groups then form by
average link: two groups merge only while the mean score over *all* their cross pairs stays above
``link``, and a gated or unrelated pair scores 0, so a chain A~B~C never pulls in an unrelated C.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

import numpy as np

from .features import Meta
from .settings import RewriteSettings


def _readings(iso: str, swapped: bool) -> list[date]:
    """The date, and with ``swapped`` the date with day and month exchanged where that is a date too."""
    d = date.fromisoformat(iso)
    if swapped and d.day <= 12 and d.day != d.month:
        return [d, d.replace(month=d.day, day=d.month)]
    return [d]


def far_apart(a: str, b: str, s: RewriteSettings) -> bool:
    """Both dates outside the window, however an ambiguous day/month is read (ISO dates in)."""
    try:
        return all(abs((x - y).days) > s.date_window_days
                   for x in _readings(a, s.swapped_dates) for y in _readings(b, s.swapped_dates))
    except ValueError:
        return False


def gated(a: Meta, b: Meta, s: RewriteSettings) -> bool:
    """True when language or dates rule the pair out whatever the vectors say."""
    if s.same_language and a.language and b.language and a.language != b.language:
        return True
    if not (s.covers(a.language) and s.covers(b.language)):
        return True
    return bool(a.published and b.published and far_apart(a.published, b.published, s))


def entity_jaccard(a: np.ndarray | None, b: np.ndarray | None, s: RewriteSettings) -> float | None:
    """Jaccard of the two texts' sets of names and numbers; None when either has too few to judge by."""
    if a is None or b is None or min(len(a), len(b)) < s.min_entities:
        return None
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def pair_score(cos: float, a: Meta, b: Meta, s: RewriteSettings) -> float:
    """The pair's score (its cosine) when it is a rewrite pair, else 0.

    Where both texts name enough people, places and figures, they must share enough of them whatever
    the cosine: two guides to one question, or two reports on one subject, read alike without being
    one event, and an event's rewrite keeps its names and numbers. Where either names too few, only a
    cosine of ``accept`` joins."""
    if cos < s.consider or gated(a, b, s):
        return 0.0
    shared = entity_jaccard(a.entities, b.entities, s)
    if shared is None:
        return cos if cos >= s.accept else 0.0
    return cos if shared >= s.entity_jaccard else 0.0


def scored_pairs(groups: dict[int, list[int]], metas: list[Meta], vectors: Callable[[list[int]], np.ndarray],
                 s: RewriteSettings, chunk_cells: int = 1 << 24) -> dict[tuple[int, int], float]:
    """Rewrite pairs between copy groups (representative -> its records), by blocks of the cosine matrix
    over all their records. Two groups score their best pair of members: copies of one text differ by
    what their extraction kept (a text dump's menu lines open its lead), and the cleanest copy speaks
    for the group."""
    if len(groups) < 2:
        return {}
    records = [m for rep in sorted(groups) for m in groups[rep]]
    owner = [rep for rep in sorted(groups) for _ in groups[rep]]
    matrix = vectors(records)
    rows = max(1, chunk_cells // len(records))
    pairs: dict[tuple[int, int], float] = {}
    for start in range(0, len(records), rows):
        block = matrix[start:start + rows] @ matrix.T
        xs, ys = np.nonzero(block >= s.consider)
        for x, y in zip(xs.tolist(), ys.tolist()):
            i = start + x
            ra, rb = owner[i], owner[y]
            if ra >= rb:
                continue
            score = pair_score(float(block[x, y]), metas[records[i]], metas[records[y]], s)
            if score > pairs.get((ra, rb), 0.0):
                pairs[(ra, rb)] = score
    return pairs


def average_link(pairs: dict[tuple[int, int], float], link: float) -> list[list[int]]:
    """Groups of two or more, merged best pair first while the mean over all cross pairs stays >= link."""
    group_of: dict[int, list[int]] = {}
    for (a, b), _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        ga = group_of.get(a, [a])
        gb = group_of.get(b, [b])
        if ga is gb:
            continue
        total = sum(pairs.get((x, y) if x < y else (y, x), 0.0) for x in ga for y in gb)
        if total / (len(ga) * len(gb)) < link:
            continue
        merged = sorted(ga + gb)
        for m in merged:
            group_of[m] = merged
    seen: set[int] = set()
    groups = []
    for g in group_of.values():
        if id(g) not in seen:
            seen.add(id(g))
            groups.append(g)
    return sorted(groups)
