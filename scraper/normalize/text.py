"""Canonical text: mojibake repaired, Unicode NFC, one paragraph a block, clean whitespace."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ftfy

from ..lexicon import alnum_only

# Zero-width characters, soft hyphens (invisible hyphenation hints) and C0 controls.
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
"""A character class's body: the characters ``canonical`` drops."""
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# UTF-8 read as Latin-1 / Windows-1252 turns each lead byte (C2-F4) into "Â".."ô" followed by
# a continuation byte shown as U+0080-U+00BF or a cp1252 punctuation sign. Text without such a
# pair has nothing for ftfy's (slow) repair pass to fix.
MOJIBAKE_LEADS = "\u00c2-\u00f4"
MOJIBAKE_FOLLOWERS = ("\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                      "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
_MOJIBAKE_HINT = re.compile(f"[{MOJIBAKE_LEADS}][{MOJIBAKE_FOLLOWERS}]")
_SPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
"""A run of spaces other than one plain space (runs of one " " are left as they are: fewer matches)."""
_FTFY = ftfy.TextFixerConfig(
    unescape_html=True, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
    normalization="NFC", explain=False,
)


CACHED_CHARS = 200
"""Texts up to this long (metadata values, short lines) are made canonical or keyed once per process:
resolution and the readers ask for the same values many times (two in three calls on the dev pages
repeat one). Longer texts (paragraphs) rarely repeat and would only fill the cache."""
CACHED = 8192
PARAGRAPH_CHARS = 4000
"""Longer texts than ``CACHED_CHARS`` up to this long (paragraphs) go to a small cache of their own:
a page's record asks for the same paragraphs again (its closing lines and first lines are read for
a distributor before the text is joined), and each costs several microseconds. Longer texts are
computed every time, so the cache stays small whatever the pages hold."""
PARAGRAPHS_CACHED = 128
"""More than a page's repeats need (they come within one record's building)."""


def canonical(text: str) -> str:
    """One block's text made canonical: repaired, NFC, invisible characters dropped, spaces folded."""
    if not text:
        return ""
    n = len(text)
    if n <= CACHED_CHARS:
        return _canonical_cached(text)
    return _canonical_paragraph(text) if n <= PARAGRAPH_CHARS else make_canonical(text)


def make_canonical(text: str) -> str:
    """``canonical``, computed (the plain path: no cache)."""
    if not text:
        return ""
    if "&" in text or (not text.isascii() and _MOJIBAKE_HINT.search(text)):
        text = ftfy.fix_text(text, config=_FTFY)
    if not text.isprintable():
        text = _SPACE.sub(" ", _INVISIBLE.sub("", text))
    elif "  " in text:  # printable text holds no invisible character and no space but " "
        text = _SPACE.sub(" ", text)
    return unicodedata.normalize("NFC", text.strip())


_canonical_cached = lru_cache(maxsize=CACHED)(make_canonical)
_canonical_paragraph = lru_cache(maxsize=PARAGRAPHS_CACHED)(make_canonical)


def letters_key(text: str) -> str:
    """The text's letters and digits, case-folded: names and titles compared without spacing,
    punctuation or case."""
    return _letters_key_cached(text) if len(text) <= CACHED_CHARS else make_letters_key(text)


def make_letters_key(text: str) -> str:
    """``letters_key``, computed (the plain path: no cache)."""
    return alnum_only(text.casefold())


_letters_key_cached = lru_cache(maxsize=CACHED)(make_letters_key)


def join_blocks(texts: list[str]) -> str:
    """Kept blocks -> the record's text: one paragraph a block, a blank line between."""
    return "\n\n".join(t for t in texts if t)


def word_count(text: str) -> int:
    return len(text.split())


def fold_key(text: str) -> str:
    """``letters_key`` after compatibility normalisation (NFKC): the key under which two captions,
    credits or organisation names are the same."""
    return letters_key(unicodedata.normalize("NFKC", text))
