"""Word shingles as 32-bit hashes and their MinHash signature (datasketch) cut into LSH band keys.

Hashes are stable across processes and machines (CRC-32 of each word, combined with fixed
multipliers), so local and distributed runs build the same buckets.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from datasketch import MinHash

_MULT = np.uint64(0x9E3779B97F4A7C15)


_P = 1099511628211  # odd, so it has an inverse mod 2^64
_POWERS = np.ones(1, dtype=np.uint64)
_INVERSE_POWERS = np.ones(1, dtype=np.uint64)


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P^i and P^-i (mod 2^64) for i < n, grown on demand and kept for the process."""
    global _POWERS, _INVERSE_POWERS
    if len(_POWERS) < n:
        size = max(n, 2 * len(_POWERS))
        with np.errstate(over="ignore"):
            _POWERS = np.cumprod(np.r_[np.uint64(1), np.full(size - 1, _P, dtype=np.uint64)], dtype=np.uint64)
            inverse = np.uint64(pow(_P, -1, 1 << 64))
            _INVERSE_POWERS = np.cumprod(np.r_[np.uint64(1), np.full(size - 1, inverse, dtype=np.uint64)],
                                         dtype=np.uint64)
    return _POWERS[:n], _INVERSE_POWERS[:n]


def word_hashes(joined: str) -> np.ndarray:
    """A 64-bit polynomial hash of each word of ``joined`` (words separated by one space), all words at
    once: prefix sums of byte*P^i, each word's slice shifted back to position 0 by P^-start."""
    data = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
    n = len(data)
    powers, inverse = _powers(n + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum((data.astype(np.uint64) + np.uint64(1)) * powers[:n], dtype=np.uint64, out=prefix[1:])
        spaces = np.flatnonzero(data == 32)
        starts = np.r_[0, spaces + 1]
        ends = np.r_[spaces, n]
        return (prefix[ends] - prefix[starts]) * inverse[starts]


def shingle_sequence(word_list: list[str], k: int, joined: str | None = None) -> np.ndarray:
    """The uint32 hash of each ``k``-word shingle in text order (one shingle for a shorter text)."""
    if not word_list:
        return np.empty(0, dtype=np.uint32)
    w = word_hashes(joined if joined is not None else " ".join(word_list))
    n = max(len(w) - k + 1, 1)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(k, len(w))):
            h = h * _MULT + w[j:j + n]
        h ^= h >> np.uint64(29)
        h *= _MULT
        h ^= h >> np.uint64(32)
    return (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def first_occurrences(seq: np.ndarray) -> np.ndarray:
    """The distinct values of ``seq`` in the order they first occur."""
    _, first = np.unique(seq, return_index=True)
    first.sort()
    return seq[first]


def shingle_hashes(word_list: list[str], k: int, joined: str | None = None) -> np.ndarray:
    """The distinct uint32 shingle hashes in text order: a set for Jaccard and containment, an order
    for telling whole passages from edits inside sentences (``edits``)."""
    return first_occurrences(shingle_sequence(word_list, k, joined))


def _identity(value: int) -> int:
    return value


def signature_reference(hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """The MinHash signature of a shingle set (``num_perm`` uint64 values), computed by datasketch."""
    mh = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity, scheme="legacy")
    mh.update_batch(hashes.tolist())
    return mh.hashvalues


_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity, scheme="legacy").permutations
    return a.astype(np.uint64), b.astype(np.uint64)


def signature(hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """The same signature as ``signature_reference`` from datasketch's permutations (a, b): min over
    shingles of ((a*h + b) mod (2^61-1)) & (2^32-1), in one numpy expression instead of a MinHash
    object per record (whose set-up costs more than the hashing)."""
    a, b = _permutations(num_perm, seed)
    if not len(hashes):
        return np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    hv = hashes.astype(np.uint64)[:, None]
    with np.errstate(over="ignore"):
        y = hv * a + b  # wraps mod 2^64, as in datasketch
    # y mod (2^61 - 1) without a division: 2^61 = 1 (mod 2^61 - 1), so y = (y >> 61) + (y & p).
    y = (y >> np.uint64(61)) + (y & _MERSENNE)
    y -= np.where(y >= _MERSENNE, _MERSENNE, np.uint64(0))
    return np.bitwise_and(y, _MAX_HASH).min(axis=0)


_BAND_MULT = np.random.default_rng(20261204).integers(1, 1 << 62, size=64, dtype=np.uint64) | np.uint64(1)


def band_keys(sig: np.ndarray, bands: int) -> np.ndarray:
    """One 63-bit key per band: its rows and its index combined by fixed odd multipliers (mod 2^64)."""
    rows = sig.reshape(bands, -1).astype(np.uint64)
    r = rows.shape[1]
    with np.errstate(over="ignore"):
        keys = (rows * _BAND_MULT[:r]).sum(axis=1, dtype=np.uint64)
        keys = keys * _BAND_MULT[r] + np.arange(bands, dtype=np.uint64) * _BAND_MULT[r + 1]
        keys ^= keys >> np.uint64(31)
    return keys >> np.uint64(1)


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) of two arrays of distinct hashes."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def edits(short: np.ndarray, long: np.ndarray, k: int) -> int:
    """Edits inside sentences: runs of fewer than ``2k`` of ``short``'s shingles (in text order) missing
    from ``long`` between two shared ones.

    A changed, added or dropped word breaks the ``k`` shingles over it, so an outlet's edit of a copy
    leaves short gaps in the shared text; a copy that differs only by whole blocks (other chrome, a
    paragraph the other extraction left out, an excerpt) shares its passages word for word and leaves
    none.
    """
    ref = np.sort(long)
    at = np.minimum(np.searchsorted(ref, short), len(ref) - 1)
    shared = np.r_[False, ref[at] == short, False].astype(np.int8)
    step = np.diff(shared)
    ends = np.flatnonzero(step == -1)  # the first missing position after each shared run
    starts = np.flatnonzero(step == 1)  # the first shared position of each run
    gaps = starts[1:] - ends[:-1]
    return int(np.count_nonzero(gaps < 2 * k))
