"""The rewrite tier: the same event told in other words.

Cosine of title+lead vectors, gated by language and a publication-date window; a pair between
``consider`` and ``accept`` needs a second opinion (shared names and numbers). Groups then form by
average link: two groups merge only while the mean score over *all* their cross pairs stays above
``link``, and a gated or unrelated pair scores 0, so a chain A~B~C never pulls in an unrelated C.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

import numpy as np

from .features import Meta
from .settings import RewriteSettings


def _days(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def gated(a: Meta, b: Meta, s: RewriteSettings) -> bool:
    """True when language or dates rule the pair out whatever the vectors say."""
    if s.same_language and a.language and b.language and a.language != b.language:
        return True
    if a.published and b.published:
        try:
            return _days(a.published, b.published) > s.date_window_days
        except ValueError:
            return False
    return False


def entity_agreement(a: np.ndarray | None, b: np.ndarray | None, s: RewriteSettings) -> bool:
    """The second opinion: the two texts share enough of their names and numbers (Jaccard of the sets)."""
    if a is None or b is None or min(len(a), len(b)) < s.min_entities:
        return False
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared) >= s.entity_jaccard


def pair_score(cos: float, a: Meta, b: Meta, s: RewriteSettings) -> float:
    """The pair's score (its cosine) when it is a rewrite pair, else 0."""
    if cos < s.consider or gated(a, b, s):
        return 0.0
    if cos >= s.accept or entity_agreement(a.entities, b.entities, s):
        return cos
    return 0.0


def scored_pairs(reps: list[int], metas: list[Meta], vectors: Callable[[list[int]], np.ndarray],
                 s: RewriteSettings, chunk_cells: int = 1 << 24) -> dict[tuple[int, int], float]:
    """All rewrite pairs among ``reps`` (record indices), by blocks of the cosine matrix."""
    if len(reps) < 2:
        return {}
    matrix = vectors(reps)
    rows = max(1, chunk_cells // len(reps))
    pairs: dict[tuple[int, int], float] = {}
    for start in range(0, len(reps), rows):
        block = matrix[start:start + rows] @ matrix.T
        xs, ys = np.nonzero(block >= s.consider)
        for x, y in zip(xs.tolist(), ys.tolist()):
            i, j = start + x, y
            if j <= i:
                continue
            a, b = reps[i], reps[j]
            score = pair_score(float(block[x, y]), metas[a], metas[b], s)
            if score > 0:
                pairs[(a, b)] = score
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
