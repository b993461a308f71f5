"""Word shingles as 32-bit hashes and their one-permutation MinHash signature cut into LSH band keys.

Hashes are stable across processes and machines (CRC-32 of each word, combined with fixed
multipliers), so local and distributed runs build the same buckets.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from .canon import canonical, word_chars, words

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


def word_hashes(text: str) -> np.ndarray:
    """A 64-bit polynomial hash of each canonical word of ``text`` (the words ``canon.words`` finds), all
    words at once: the canonical text as code points, words found by a lookup table, prefix sums of
    (code point + 1) * P^i, each word's slice shifted back to position 0 by P^-start."""
    cps = np.frombuffer(canonical(text).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = len(cps)
    is_word = np.zeros(n + 2, dtype=np.int8)
    is_word[1:-1] = word_chars()[cps]
    step = np.diff(is_word)
    starts = np.flatnonzero(step == 1)
    ends = np.flatnonzero(step == -1)
    powers, inverse = _powers(n + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        terms = cps.astype(np.uint64)
        terms += np.uint64(1)
        terms *= powers[:n]
        np.cumsum(terms, out=prefix[1:])
        hashes = prefix[ends]
        hashes -= prefix[starts]
        hashes *= inverse[starts]
        return hashes


def word_hashes_reference(text: str) -> np.ndarray:
    """``word_hashes`` word by word in plain Python, from ``canon.words``."""
    out = []
    for word in words(text):
        h = 0
        for i, ch in enumerate(word):
            h = (h + (ord(ch) + 1) * pow(_P, i, 1 << 64)) % (1 << 64)
        out.append(h)
    return np.array(out, dtype=np.uint64)


def shingle_sequence(w: np.ndarray, k: int) -> np.ndarray:
    """The uint32 hash of each ``k``-word shingle of the word hashes ``w``, in text order (one shingle
    for a shorter text)."""
    if not len(w):
        return np.empty(0, dtype=np.uint32)
    n = max(len(w) - k + 1, 1)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(k, len(w))):
            h *= _MULT
            h += w[j:j + n]
        h ^= h >> np.uint64(29)
        h *= _MULT
        h ^= h >> np.uint64(32)
    return (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def first_occurrences_reference(seq: np.ndarray) -> np.ndarray:
    """``first_occurrences`` through ``np.unique``."""
    _, first = np.unique(seq, return_index=True)
    first.sort()
    return seq[first]


def first_occurrences(seq: np.ndarray) -> np.ndarray:
    """The distinct values of the uint32 array ``seq`` in the order they first occur: one sort of
    (value, position) packed in 64 bits, the first position of each value, those positions in order.
    Most texts repeat no shingle, which one sort of the values tells first."""
    if len(seq) < 2:
        return seq.copy()
    ordered = np.sort(seq)
    if (ordered[1:] != ordered[:-1]).all():
        return seq.copy()
    packed = seq.astype(np.uint64) << np.uint64(32)
    packed |= np.arange(len(seq), dtype=np.uint64)
    packed.sort()
    values = packed >> np.uint64(32)
    first = packed[np.r_[True, values[1:] != values[:-1]]] & np.uint64(0xFFFFFFFF)
    first.sort()
    return seq[first]


def shingle_hashes(w: np.ndarray, k: int) -> np.ndarray:
    """The distinct uint32 shingle hashes of the word hashes ``w`` in text order: a set for Jaccard and
    containment, an order for telling whole passages from edits inside sentences (``edits``)."""
    return first_occurrences(shingle_sequence(w, k))


def text_shingles(text: str, k: int) -> np.ndarray:
    """``shingle_hashes`` of a text."""
    return shingle_hashes(word_hashes(text), k)


@lru_cache(maxsize=8)
def _mixer(seed: int) -> tuple[int, int]:
    """The seed's permutation of 32-bit values: xor with a mask, times an odd multiplier (mod 2^32)."""
    mask, mult = np.random.default_rng(seed).integers(1, 1 << 32, size=2, dtype=np.uint64).tolist()
    return mask, mult | 1


@lru_cache(maxsize=8)
def _bin_starts(num_perm: int) -> np.ndarray:
    """The smallest mixed value of each bin (bin ``i`` holds the values v with floor(v * num_perm / 2^32) = i),
    then 2^32 - 1 so that the last bin ends after every value."""
    starts = [-(-(i << 32) // num_perm) for i in range(num_perm)]
    return np.array(starts + [(1 << 32) - 1], dtype=np.uint32)


_EMPTY = np.uint64((1 << 64) - 1)


def signature_reference(hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """``signature`` shingle by shingle in plain Python."""
    mask, mult = _mixer(seed)
    mins: list[int | None] = [None] * num_perm
    for h in hashes.tolist():
        v = ((h ^ mask) * mult) % (1 << 32)
        b = v * num_perm >> 32
        if mins[b] is None or v < mins[b]:
            mins[b] = v
    out = []
    for i in range(num_perm):
        for d in range(num_perm):
            v = mins[(i + d) % num_perm]
            if v is not None:
                out.append(v + (d << 32))
                break
        else:
            out.append(int(_EMPTY))
    return np.array(out, dtype=np.uint64)


def signature(hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """A one-permutation MinHash signature of a set of distinct uint32 shingle hashes (``num_perm`` uint64).

    Every shingle is mixed once by the seed's permutation of 32-bit values; the value range is cut into
    ``num_perm`` bins and a bin's entry is its smallest value. Two sets agree on a bin that either fills
    with a probability equal to their Jaccard similarity, as with ``num_perm`` separate permutations, at
    the cost of one sort of the shingles instead of ``num_perm`` passes over them. A bin no shingle falls in borrows the next filled bin's
    value (circularly), plus its distance times 2^32, which no filled bin's value reaches (densification:
    short texts still get a full signature, and two such texts agree where their sets do).
    """
    if not len(hashes):
        return np.full(num_perm, _EMPTY, dtype=np.uint64)
    mask, mult = _mixer(seed)
    v = hashes.astype(np.uint32) ^ np.uint32(mask)
    v *= np.uint32(mult)  # wraps mod 2^32
    v.sort()
    at = np.searchsorted(v, _bin_starts(num_perm))
    at[-1] = len(v)
    filled = np.flatnonzero(at[1:] > at[:-1])
    mins = v[at[filled]].astype(np.uint64)
    if len(filled) == num_perm:
        return mins
    bins = np.arange(num_perm)
    nxt = np.searchsorted(filled, bins)  # the first filled bin at or after each bin, circularly
    wrap = nxt == len(filled)
    source = filled[np.where(wrap, 0, nxt)]
    distance = (source - bins) % num_perm
    return mins[np.where(wrap, 0, nxt)] + (distance.astype(np.uint64) << np.uint64(32))


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
