"""The same clustering on a Ray cluster: features per shard, a bucket shuffle per partition,
verification per pair of shards, connected components and stories on the driver.

    shards --features--> (metas, bucket rows by partition, shingles, vectors)   one task a shard
    partition p of every shard --pairs--> candidate pairs                       one task a partition
    candidate pairs of shards (a, b) + their shingles --verify--> edges          one task a shard pair
    driver: union-find over the edges (exact first), rewrite tier, originals     as the local run

Every step runs the local engine's own functions on the same partitions, so the stories are the same.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from .features import record_features
from .graph import EXACT, NEAR, UnionFind, bucket_pairs
from .local import key63, near_match
from .records import Shard, read_shard, shards
from .settings import ClusterSettings
from .shingles import overlap
from .store import BUCKET
from .stories import assemble

FAMILIES = ("exact", "near", "anchor")
LINES_PER_SHARD = 2000


def _partitioned(keys: list[np.ndarray], idx: list[np.ndarray], partitions: int) -> list[np.ndarray]:
    rows = np.empty(sum(len(k) for k in keys), dtype=BUCKET)
    if len(rows):
        rows["key"] = np.concatenate(keys)
        rows["idx"] = np.concatenate(idx)
    part = rows["key"] % np.uint64(partitions)
    return [rows[part == p] for p in range(partitions)]


def shard_features(shard: Shard, settings: ClusterSettings) -> tuple[list, dict, list, np.ndarray | None]:
    """Metas, bucket rows per family and partition, shingle sets and title+lead vectors of one shard."""
    from .embed import DIM, embed

    metas, shingles, leads = [], [], []
    keys: dict[str, list[np.ndarray]] = {f: [] for f in FAMILIES}
    idxs: dict[str, list[np.ndarray]] = {f: [] for f in FAMILIES}
    for n, record in enumerate(read_shard(shard)):
        f = record_features(shard.base + n, record, settings)
        metas.append(f.meta)
        shingles.append(f.shingles)
        leads.append(f.lead)
        family_keys = {"exact": np.array([key63(k) for k in f.exact_keys], dtype=np.uint64),
                       "near": f.bands, "anchor": f.anchors.astype(np.uint64)}
        for family, k in family_keys.items():
            keys[family].append(k)
            idxs[family].append(np.full(len(k), f.idx, dtype=np.uint32))
    parts = {f: _partitioned(keys[f], idxs[f], settings.near.partitions) for f in FAMILIES}
    vectors = None
    if settings.rewrite.enabled:
        vectors = np.zeros((len(leads), DIM), dtype=np.float16)
        have = [i for i, lead in enumerate(leads) if lead]
        for start in range(0, len(have), settings.rewrite.batch):
            chunk = have[start:start + settings.rewrite.batch]
            vectors[chunk] = embed([leads[i] for i in chunk])
    return metas, parts, shingles, vectors


def partition_pairs(family: str, settings: ClusterSettings, *parts: np.ndarray) -> np.ndarray:
    """Candidate pairs of one partition of one key family, over all shards."""
    rows = np.concatenate(parts) if parts else np.empty(0, dtype=BUCKET)
    if family == "exact":
        found = list(bucket_pairs(rows, max_bucket=2, fan=1))
    else:
        found = list(bucket_pairs(rows, settings.near.max_bucket))
    return np.array(sorted(set(found)), dtype=np.int64).reshape(-1, 2)


def verify_pairs(pairs: np.ndarray, base_a: int, base_b: int, shingles_a: list, shingles_b: list,
                 settings: ClusterSettings) -> np.ndarray:
    keep = [i for i, (a, b) in enumerate(pairs.tolist())
            if near_match(shingles_a[a - base_a], shingles_b[b - base_b], settings)]
    return pairs[keep]


def stories_on_ray(paths: list[str], settings: ClusterSettings, *, address: str | None = None,
                   lines_per_shard: int = LINES_PER_SHARD) -> list[dict[str, Any]]:
    import ray

    from ..engines.ray_engine import start_ray

    start_ray(address)
    plan = shards(paths, lines_per_shard)
    features = ray.remote(num_returns=4)(shard_features)
    pairs_task = ray.remote(partition_pairs)
    verify_task = ray.remote(verify_pairs)
    settings_ref = ray.put(settings)
    outs = [features.remote(s, settings_ref) for s in plan]
    metas = [m for out in outs for m in ray.get(out[0])]
    parts = ray.get([out[1] for out in outs])  # small: keys and indices only
    shingle_refs = [out[2] for out in outs]
    n = len(metas)
    shard_of = np.zeros(n, dtype=np.int64)
    for i, s in enumerate(plan):
        shard_of[s.base:s.base + s.count] = i

    uf = UnionFind(n)
    candidates = {}
    for family in FAMILIES:
        refs = [pairs_task.remote(family, settings_ref, *(p[family][k] for p in parts))
                for k in range(settings.near.partitions)]
        found = [x for x in ray.get(refs) if len(x)]
        candidates[family] = np.unique(np.concatenate(found), axis=0) if found else np.empty((0, 2), np.int64)
    for a, b in candidates["exact"].tolist():
        uf.union(a, b, EXACT)
    near = np.unique(np.concatenate([candidates["near"], candidates["anchor"]]), axis=0)
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (a, b) in enumerate(near.tolist()):
        groups[(int(shard_of[a]), int(shard_of[b]))].append(i)
    refs = [verify_task.remote(near[rows], plan[sa].base, plan[sb].base, shingle_refs[sa], shingle_refs[sb],
                               settings_ref) for (sa, sb), rows in sorted(groups.items())]
    for edges in ray.get(refs):
        for a, b in edges.tolist():
            uf.union(a, b, NEAR)

    vectors = None
    if settings.rewrite.enabled:
        matrix = np.concatenate([ray.get(out[3]) for out in outs]).astype(np.float32)

        def vectors(idxs: list[int]) -> np.ndarray:
            return matrix[idxs]

    cache: dict[int, list] = {}

    def shingles(i: int) -> np.ndarray:
        s = int(shard_of[i])
        if s not in cache:
            cache[s] = ray.get(shingle_refs[s])
        return cache[s][i - plan[s].base]

    return assemble(metas, uf, settings, vectors, lambda a, b: overlap(shingles(a), shingles(b)))
