"""Union-find over records and the candidate pairs a bucket partition yields."""

from __future__ import annotations

from typing import Iterator

import numpy as np

NONE, REWRITE, NEAR, EXACT = 0, 1, 2, 3
TIER_NAMES = {NONE: None, REWRITE: "rewrite", NEAR: "near", EXACT: "exact"}


class UnionFind:
    """Components of records; ``tier[i]`` is the strongest tier of an edge that record i took part in."""

    def __init__(self, n: int) -> None:
        self.parent = np.arange(n, dtype=np.int64)
        self.tier = np.zeros(n, dtype=np.int8)

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return int(root)

    def union(self, a: int, b: int, tier: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra > rb:
                ra, rb = rb, ra
            self.parent[rb] = ra  # the smaller index is the root: the same roots whatever the edge order
        self.tier[a] = max(self.tier[a], tier)
        self.tier[b] = max(self.tier[b], tier)

    def components(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            groups.setdefault(self.find(i), []).append(i)
        return groups


def bucket_pairs(rows: np.ndarray, max_bucket: int, fan: int = 8) -> Iterator[tuple[int, int]]:
    """Pairs of records that share a key, each pair once per bucket with the smaller index first.

    A bucket of up to ``max_bucket`` members gives all its pairs; a larger one (boilerplate that
    survived cleaning, a feed of empty stubs) pairs each member with its first ``fan`` members only.
    """
    if len(rows) < 2:
        return
    keys, idx = rows["key"], rows["idx"]
    order = np.lexsort((idx, keys))
    keys, idx = keys[order], idx[order]
    distinct = np.r_[True, (keys[1:] != keys[:-1]) | (idx[1:] != idx[:-1])]  # each record once per key
    keys, idx = keys[distinct], idx[distinct]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    shared = ends - starts >= 2  # most keys belong to one record: only the others are walked in Python
    members_of = idx.tolist()
    for s, e in zip(starts[shared].tolist(), ends[shared].tolist()):
        members = members_of[s:e]
        if len(members) <= max_bucket:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    yield members[x], members[y]
        else:
            for x in range(len(members)):
                for y in range(min(x, fan)):
                    yield members[y], members[x]
