"""Tests on a block's text that several rules ask: word counts, keys for comparing blocks,
whether a line reads as a paragraph or a headline.

A leaf of the rules package (it imports no rule), so every rule can use it without
one rule importing another. The cached ones are asked many times of the same
texts within a page; their caches are bounded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicon import NOT_ALNUM, ends_sentence


@lru_cache(maxsize=16384)
def words(text: str) -> int:
    """Word count; cached because every rule asks it of the same block texts."""
    return len(text.split())




_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())
"""The ASCII characters ``NOT_ALNUM`` matches (``\\W`` and ``_``)."""


@lru_cache(maxsize=16384)
def block_key(text: str) -> str:
    """Text folded for comparing blocks: case, dashes, quotes, spacing and punctuation ignored.

    ASCII spaces and punctuation go in one C pass over the bytes (an ASCII byte is never part
    of a longer UTF-8 sequence); the regex then only meets the few non-ASCII ones, so it
    builds far fewer pieces. Same key as ``NOT_ALNUM.sub("", NFKC(text).casefold())``
    (``block_key_reference``; a test holds them together).
    """
    if text.isascii():  # NFKC leaves ASCII as it is, and casefold is lower there
        return text.encode("ascii").translate(_ASCII_LOWER, _ASCII_NOT_ALNUM).decode("ascii")
    key = _without_ascii_punct(unicodedata.normalize("NFKC", text).casefold())
    # isalnum() is true exactly when no character matches [\W_] (checked over all code points):
    # most lines hold no non-ASCII punctuation, and need no regex pass at all
    return key if key.isalnum() else NOT_ALNUM.sub("", key)


def block_key_reference(text: str) -> str:
    """The plain definition of ``block_key``."""
    return NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def _without_ascii_punct(text: str) -> str:
    """``text`` without its ASCII spaces and punctuation (lone surrogates pass through)."""
    raw = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_NOT_ALNUM)
    return raw.decode("utf-8", "surrogatepass")


def is_long_paragraph(text: str) -> bool:
    """A paragraph of the story: long, or fairly long and ending as a sentence does."""
    return words(text) >= 30 or (words(text) >= 15 and ends_sentence(text))


def is_title_like(text: str) -> bool:
    """A headline: a few words, not a sentence ending in a full stop, not all lower case."""
    n = words(text)
    return 3 <= n <= 30 and len(text) <= 250 and not text.rstrip().endswith((".", ",", ";", ":")) and not text.islower()


_INNER_PUNCT = re.compile(r"[,.;:!?，。、](?:\s|$)")
_NON_LETTER = re.compile(r"[^\w\s]|[\d_]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def weight(text: str) -> float:
    """Length in words; scripts written without spaces count two characters a word."""
    cjk = len(_CJK.findall(text)) if not text.isascii() else 0
    return max(words(text), cjk / 2)


def is_prose(text: str, n: float, min_words: int = 7) -> bool:
    """Reads as running text: at least ``min_words`` words (``n``, see ``weight``), mostly letters,
    sentence punctuation."""
    if n < min_words:
        return False
    ends = ends_sentence(text, clause=True)
    if not ends and n < 2 * min_words:
        return False  # the cheap tests first: the letter count below reads the whole text
    visible = len(text) - text.count(" ")
    limit = 0.4 * visible
    if visible - _ascii_letters(text) > limit and len(_NON_LETTER.findall(text)) > limit:
        return False  # (ASCII letters are never counted: with enough of them the count is not needed)
    return ends or len(_INNER_PUNCT.findall(text)) >= 2


_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())


def _ascii_letters(text: str) -> int:
    """How many ASCII letters ``text`` holds (two C passes, far cheaper than a regex count)."""
    return len(text.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTERS))
