"""From linked records to stories: rewrite groups over exact/near components, ids, match, original."""

from __future__ import annotations

import hashlib
from typing import Any, Callable

import numpy as np

from .features import Meta
from .graph import EXACT, NEAR, REWRITE, TIER_NAMES, UnionFind
from .original import attributed_to, choose_original
from .rewrite import average_link, scored_pairs
from .settings import ClusterSettings


def story_id(source: str) -> str:
    return "s-" + hashlib.blake2b(source.encode("utf-8"), digest_size=8).hexdigest()


def assemble(metas: list[Meta], uf: UnionFind, settings: ClusterSettings,
             vectors: Callable[[list[int]], np.ndarray] | None,
             overlap: Callable[[int, int], tuple[float, float]]) -> list[dict[str, Any]]:
    """The ``story`` object of every record, in record order."""
    components = uf.components()
    root_of_rep: dict[int, int] = {}
    for root, members in components.items():
        ok = [m for m in members if metas[m].ok]
        if ok:
            rep = max(ok, key=lambda m: (metas[m].n_shingles, -m))
            root_of_rep[rep] = root
    stories: list[list[int]] = []  # component roots per story
    if settings.rewrite.enabled and vectors is not None and len(root_of_rep) > 1:
        groups = {rep: [m for m in components[root] if metas[m].ok] for rep, root in root_of_rep.items()}
        pairs = scored_pairs(groups, metas, vectors, settings.rewrite)
        grouped: set[int] = set()
        for group in average_link(pairs, settings.rewrite.link):
            stories.append([root_of_rep[r] for r in group])
            grouped.update(group)
            for r in group:  # a record joined only by a rewrite link is a rewrite
                for m in components[root_of_rep[r]]:
                    uf.tier[m] = max(int(uf.tier[m]), REWRITE)
        stories.extend([root] for rep, root in root_of_rep.items() if rep not in grouped)
        stories.extend([root] for root, members in components.items()
                       if not any(metas[m].ok for m in members))
    else:
        stories = [[root] for root in components]
    out: list[dict[str, Any]] = [{}] * len(metas)
    for roots in stories:
        members = sorted(m for r in roots for m in components[r])
        if len(members) == 1:
            m = members[0]
            out[m] = {"id": story_id(metas[m].source), "match": None, "original": None,
                      "attributed_to": attributed_to(members, metas)}
            continue
        one_copy_group = len(roots) == 1 and all(uf.tier[m] in (EXACT, NEAR) for m in members)
        original = choose_original(members, metas, one_copy_group, overlap)
        credit = attributed_to(members, metas) if original is None else None
        sid = story_id(metas[members[0]].source)
        for m in members:
            out[m] = {"id": sid, "match": TIER_NAMES[int(uf.tier[m])],
                      "original": metas[original].source if original is not None else None,
                      "attributed_to": credit}
    return out
