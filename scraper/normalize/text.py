"""Canonical text: mojibake repaired, Unicode NFC, one paragraph a block, clean whitespace."""

from __future__ import annotations

import re
import unicodedata

import ftfy

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"[^\S\n]+")
_FTFY = ftfy.TextFixerConfig(
    unescape_html=True, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
    normalization="NFC", explain=False,
)


def canonical(text: str) -> str:
    """One block's text made canonical: repaired, NFC, invisible characters dropped, spaces folded."""
    if not text:
        return ""
    if not text.isascii():
        text = ftfy.fix_text(text, config=_FTFY)
    elif "&" in text:
        text = ftfy.fix_text(text, config=_FTFY)
    text = _INVISIBLE.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    return unicodedata.normalize("NFC", text)


def join_blocks(texts: list[str]) -> str:
    """Kept blocks -> the record's text: one paragraph a block, a blank line between."""
    return "\n\n".join(t for t in texts if t)


def word_count(text: str) -> int:
    return len(text.split())
