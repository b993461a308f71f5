"""The kinds of input, found by sniffing content: each source module registers one.

A kind says how to recognise an input from its first (decoded) bytes and its
name, and how to read it into Pages, whole or in a byte range (``splittable``
kinds can be cut at record boundaries so several workers share one file).
``pages_from_stream`` asks the kinds in registration order; the plain page
(one HTML or text file) is the fallback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..model import Page
from .stats import SourceStats

Opener = Callable[[], BinaryIO]
Reader = Callable[..., Iterator[Page]]
"""``(name, open_fn, max_bytes, stats, start=0, end=None, first=1)`` -> Pages of the records that begin in
``[start, end)``; ``first`` is the ordinal of the first record there (the line number, for JSON Lines)."""
Splitter = Callable[[BinaryIO, int], list[tuple[int, int]]]
"""``(file, target bytes)`` -> ``(offset, first)`` where pieces start; the first piece starts at 0."""


@dataclass(frozen=True, slots=True)
class SourceKind:
    name: str
    sniff: Callable[[bytes, str], bool]
    """``(first bytes, gunzipped if the file is gzip; input name)`` -> is it this kind?"""
    read: Reader
    split: Splitter | None = None
    """Set for kinds that can be read in byte ranges."""


_KINDS: list[SourceKind] = []


def register(kind: SourceKind) -> SourceKind:
    _KINDS[:] = [k for k in _KINDS if k.name != kind.name] + [kind]
    return kind


def sniff(head: bytes, name: str) -> SourceKind | None:
    """The first registered kind that recognises the input; ``None``: a single page."""
    return next((kind for kind in _KINDS if kind.sniff(head, name)), None)


def kinds() -> list[str]:
    return [k.name for k in _KINDS]
