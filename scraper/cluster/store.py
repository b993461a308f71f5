"""On-disk parts of a local run, so memory stays flat in the number of records:
shingle sets in one append-only file, bucket keys spilled to partition files, vectors in a memmap."""

from __future__ import annotations

import os
from array import array
from pathlib import Path
from typing import Iterator

import numpy as np

BUCKET = np.dtype([("key", "<u8"), ("idx", "<u4")])


class ShingleStore:
    """Each record's distinct shingle hashes (in text order), appended in record order, read back by index."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "shingles.u32"
        self._fh = open(self.path, "wb")
        self.offsets = array("q", [0])
        self._mm: np.ndarray | None = None

    def add(self, hashes: np.ndarray) -> None:
        self._fh.write(hashes.astype(np.uint32, copy=False).tobytes())
        self.offsets.append(self.offsets[-1] + len(hashes))

    def finish(self) -> None:
        self._fh.close()
        if self.offsets[-1]:
            self._mm = np.memmap(self.path, dtype=np.uint32, mode="r")

    def get(self, idx: int) -> np.ndarray:
        start, end = self.offsets[idx], self.offsets[idx + 1]
        if self._mm is None or start == end:
            return np.empty(0, dtype=np.uint32)
        return np.asarray(self._mm[start:end])


class BucketSpill:
    """(key, record) rows hashed into partition files through one bounded buffer; read back one
    partition at a time."""

    def __init__(self, directory: Path, name: str, partitions: int, buffer_rows: int = 65536) -> None:
        self.paths = [directory / f"{name}-{p:03d}.bkt" for p in range(partitions)]
        self._keys: list[np.ndarray] = []
        self._idx: list[np.ndarray] = []
        self._rows = 0
        self._buffer_rows = buffer_rows
        for path in self.paths:
            path.write_bytes(b"")

    def add(self, keys: np.ndarray, idx: int) -> None:
        if not len(keys):
            return
        self._keys.append(np.asarray(keys, dtype=np.uint64))
        self._idx.append(np.full(len(keys), idx, dtype=np.uint32))
        self._rows += len(keys)
        if self._rows >= self._buffer_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        rows = np.empty(self._rows, dtype=BUCKET)
        rows["key"] = np.concatenate(self._keys)
        rows["idx"] = np.concatenate(self._idx)
        part = rows["key"] % np.uint64(len(self.paths))
        order = np.argsort(part, kind="stable")
        rows, part = rows[order], part[order]
        bounds = np.searchsorted(part, np.arange(len(self.paths) + 1, dtype=np.uint64))
        for p, path in enumerate(self.paths):
            if bounds[p] < bounds[p + 1]:
                with open(path, "ab") as fh:
                    rows[bounds[p]:bounds[p + 1]].tofile(fh)
        self._keys.clear()
        self._idx.clear()
        self._rows = 0

    def finish(self) -> None:
        self._flush()

    def partitions(self) -> Iterator[np.ndarray]:
        for path in self.paths:
            rows = np.fromfile(path, dtype=BUCKET) if os.path.getsize(path) else np.empty(0, dtype=BUCKET)
            yield rows


class VectorStore:
    """Float16 vectors appended by record, read back by index (zeros for records without one)."""

    def __init__(self, directory: Path, dim: int) -> None:
        self.path = directory / "vectors.f16"
        self.dim = dim
        self._fh = open(self.path, "wb")
        self.rows = array("q")  # record idx -> row, -1 when none
        self._count = 0
        self._mm: np.ndarray | None = None

    def add(self, idx: int, vectors: np.ndarray | None) -> None:
        while len(self.rows) < idx:
            self.rows.append(-1)
        if vectors is None:
            self.rows.append(-1)
            return
        self._fh.write(vectors.astype(np.float16).tobytes())
        self.rows.append(self._count)
        self._count += 1

    def finish(self) -> None:
        self._fh.close()
        if self._count:
            self._mm = np.memmap(self.path, dtype=np.float16, mode="r", shape=(self._count, self.dim))

    def get(self, idxs: list[int]) -> np.ndarray:
        out = np.zeros((len(idxs), self.dim), dtype=np.float32)
        for n, i in enumerate(idxs):
            row = self.rows[i] if i < len(self.rows) else -1
            if row >= 0 and self._mm is not None:
                out[n] = self._mm[row]
        return out
