"""The local engine: one pass to features (spilled to disk), buckets one partition at a time, a second
pass to write every record back with its story. Memory grows only by a few bytes a record
(union-find arrays, the small per-record facts), never by texts, signatures or buckets."""

from __future__ import annotations

import hashlib
import itertools
import tempfile
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from .embed import DIM, embed
from .features import Features, Meta, record_features
from .graph import EXACT, NEAR, UnionFind, bucket_pairs
from .settings import ClusterSettings
from .shingles import edits, overlap
from .store import BucketSpill, ShingleStore, VectorStore
from .stories import assemble


def key63(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little") >> 1


def near_match(a: np.ndarray, b: np.ndarray, settings: ClusterSettings) -> bool:
    """Verified near-duplicates: Jaccard, or containment of the shorter text, at their thresholds; or,
    at a lower containment, a shorter text whose shared part is whole passages of the longer one
    (the same page extracted with other blocks, not another outlet's edit of the text)."""
    near = settings.near
    if min(len(a), len(b)) < near.min_shingles:
        return False
    jaccard, containment = overlap(a, b)
    if jaccard >= near.jaccard or containment >= near.containment:
        return True
    if containment < near.passage_containment:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return edits(short, long, near.shingle) <= near.max_edits


class LocalIndex:
    """Collects features record by record, then links them into stories."""

    def __init__(self, directory: Path, settings: ClusterSettings) -> None:
        self.settings = settings
        self.metas: list[Meta] = []
        self.shingles = ShingleStore(directory)
        self.exact = BucketSpill(directory, "exact", settings.near.partitions)
        self.near = BucketSpill(directory, "near", settings.near.partitions)
        self.anchors = BucketSpill(directory, "anchor", settings.near.partitions)
        self.vectors = VectorStore(directory, DIM)
        self._pending: list[tuple[int, str]] = []

    def add(self, f: Features) -> None:
        self.metas.append(f.meta)
        self.exact.add(np.array([key63(k) for k in f.exact_keys], dtype=np.uint64), f.idx)
        self.near.add(f.bands, f.idx)
        self.anchors.add(f.anchors, f.idx)
        self.shingles.add(f.shingles)
        if self.settings.rewrite.enabled:
            if f.lead:
                self._pending.append((f.idx, f.lead))
            if len(self._pending) >= self.settings.rewrite.batch:
                self._embed()

    def _embed(self) -> None:
        if not self._pending:
            return
        vecs = embed([lead for _, lead in self._pending])
        for (idx, _), vec in zip(self._pending, vecs):
            self.vectors.add(idx, vec)
        self._pending.clear()

    def solve(self) -> list[dict[str, Any]]:
        if self.settings.rewrite.enabled:
            self._embed()
        for store in (self.shingles, self.exact, self.near, self.anchors, self.vectors):
            store.finish()
        uf = UnionFind(len(self.metas))
        for part in self.exact.partitions():
            for a, b in bucket_pairs(part, max_bucket=2, fan=1):  # exact copies: each joins the first
                uf.union(a, b, EXACT)
        for part in itertools.chain(self.near.partitions(), self.anchors.partitions()):
            for a, b in bucket_pairs(part, self.settings.near.max_bucket):
                if uf.find(a) != uf.find(b) and near_match(self.shingles.get(a), self.shingles.get(b),
                                                          self.settings):
                    uf.union(a, b, NEAR)
        vectors = self.vectors.get if self.settings.rewrite.enabled else None
        return assemble(self.metas, uf, self.settings, vectors,
                        lambda a, b: overlap(self.shingles.get(a), self.shingles.get(b)))


def stories_for(records: Iterable[dict[str, Any]], settings: ClusterSettings,
                workdir: str | None = None) -> list[dict[str, Any]]:
    """The story of each record, in order (records are read once and not kept)."""
    with tempfile.TemporaryDirectory(prefix="scraper-cluster-", dir=workdir) as tmp:
        index = LocalIndex(Path(tmp), settings)
        for idx, record in enumerate(records):
            index.add(record_features(idx, record, settings))
        return index.solve()
