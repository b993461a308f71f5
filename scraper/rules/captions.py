"""Captions: caption lines inside a plain-text article, and the credits inside captions.

Caption lines inside a plain-text article: a photo's caption, found by its credit.

A browser copy-paste keeps the captions of the article's pictures as lines
between its paragraphs. They read like sentences, so the region finder keeps
them; what gives them away is the credit or pointer they carry ("(Photo: …)",
"(REUTERS/…)", "(l.)", "Symbolbild"). The phrase list is data (``text_captions.toml``).

Captions found by other readers (an HTML figcaption, a block the builder typed
as a caption) often end with the picture's credit; ``credit_reader`` reads it
with the tests of the rules that recognise captions (role ``caption``), for the
metadata readers that run after the rules.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .base import CAPTION, RuleContext

CAPTIONS_FILE = Path(__file__).with_name("text_captions.toml")
CAPTION_LINE = "caption-line"


@lru_cache(maxsize=1)
def _caption_pattern() -> tuple[re.Pattern[str], int]:
    """The caption cues, compiled once per process into one alternation for lower-cased lines
    (faster than IGNORECASE; the file writes them in lower case)."""
    with open(CAPTIONS_FILE, "rb") as fh:
        data = tomllib.load(fh)
    return re.compile("|".join(f"(?:{p})" for p in data["patterns"])), int(data["max_words"])


def is_caption_line(text: str) -> bool:
    """True for a line that reads as a picture's caption or credit."""
    pattern, max_words = _caption_pattern()
    return len(text.split()) <= max_words and pattern.search(text.lower()) is not None


CreditReader = Callable[[str], "str | None"]


def credit_reader(ctx: RuleContext) -> CreditReader | None:
    """Reads an image credit out of a caption's text with the tests of the running rules that
    recognise captions (role ``caption``, their ``credit`` capture); None when none runs."""
    readers = tuple(match for _, match in ctx.matchers.get(CAPTION, ()))
    if not readers:
        return None

    def read(caption: str) -> str | None:
        for match in readers:
            credit = (match(caption) or {}).get("credit")
            if credit:
                return credit
        return None

    return read
