"""Captions: caption lines inside a plain-text article, and the credits inside captions.

Caption lines inside a plain-text article: a photo's caption, found by its credit.

A browser copy-paste keeps the captions of the article's pictures as lines
between its paragraphs. They read like sentences, so the region finder keeps
them; what gives them away is the credit or pointer they carry ("(Photo: …)",
"(REUTERS/…)", "(l.)", "Symbolbild"). The phrase list is data (``text_captions.toml``).

Captions found by other readers (an HTML figcaption, a block the builder typed
as a caption) often end with the picture's credit; ``caption-credit`` reads it
with the tests of the rules that recognise captions (role ``caption``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Block, Evidence
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


@dataclass(slots=True)
class CaptionCreditRule:
    """Image credits inside captions other readers found ("... (Photo by Jane Doe / Getty Images)"),
    read with the tests of the caption rules; the captions those rules read themselves are skipped
    (their credits are already evidence). Removes no block."""

    name: str = "caption-credit"
    phase: str = "end"
    roles: frozenset[str] = frozenset()
    about: str = "Credits inside captions found elsewhere (figcaptions, typed captions): to credits; removes nothing."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        readers = ctx.matchers.get(CAPTION, ())
        if not readers:
            return
        own = {f"rule:{name}" for name, _ in readers}
        found = []
        for ev in ctx.evidence:
            if ev.field != "caption" or ev.origin in own:
                continue
            text = " ".join(ev.value.split())
            for _, match in readers:
                credit = (match(text) or {}).get("credit")
                if credit:
                    found.append(Evidence("credit", credit, "caption:credit"))
                    break
        ctx.evidence.extend(found)


def rules() -> list[CaptionCreditRule]:
    return [CaptionCreditRule()]
