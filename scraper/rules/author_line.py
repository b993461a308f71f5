"""A byline line that names the page's own authors without a "By": "Jane Doe | 14 March 2024".

The byline rule (patterns.toml) needs a lead word to tell a byline from a sentence.
When the page's metadata already names its authors, a short block made only of
those names, a date, and byline filler words ("and", "updated", "3 min read") is
the byline too, whatever its wording: it goes from the text. Names are matched
as whole words, case folded; one full author name must be in the line, so a
sentence that mentions the author ("Jane Doe said ...") keeps its other words
and stays.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Block, BlockKind, Evidence
from .base import RuleContext
from .predicates import words

VOCABULARY_FILE = Path(__file__).with_name("author_line.toml")
_TOKEN = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?", re.UNICODE)
AUTHOR_FIELDS = ("author", "byline")


@lru_cache(maxsize=1)
def filler_words() -> frozenset[str]:
    """Words a byline line may hold besides names and numbers, loaded once per process."""
    from ..normalize.dates import vocabulary

    with open(VOCABULARY_FILE, "rb") as fh:
        data = tomllib.load(fh)
    found = {w for key in ("leads", "joiners", "clock", "weekdays") for w in data[key]}
    found.update(vocabulary().months)  # every month spelling the date reader knows
    return frozenset(w.casefold() for w in found)


def _tokens(text: str) -> list[str]:
    return [t.rstrip(".").casefold() for t in _TOKEN.findall(text)]


def author_names(evidence: list[Evidence]) -> list[list[str]]:
    """The authors the page's metadata and bylines name, each as its folded words."""
    from ..normalize.bylines import parse_byline

    names: list[list[str]] = []
    for e in evidence:
        if e.field not in AUTHOR_FIELDS:
            continue
        for name in parse_byline(e.value).authors if e.field == "byline" else [e.value]:
            toks = _tokens(name)
            if len(toks) >= 2 and toks not in names:
                names.append(toks)
    return names


def may_name(text: str, names: list[list[str]]) -> bool:
    """False when no name can be in ``text``: some word of each is missing from the folded text.

    Case folding goes character by character, so a folded token is a substring of the folded
    text; a plain substring test per name word, far cheaper than tokenising every line."""
    low = text.casefold()
    return any(all(w in low for w in name) for name in names)


def is_author_line(text: str, names: list[list[str]]) -> bool:
    """Only the given names (one at least, in full), dates and byline filler words."""
    toks = _tokens(text)
    if not any(toks[i:i + len(name)] == name for name in names for i in range(len(toks) - len(name) + 1)):
        return False
    filler = filler_words()
    name_words = {w for name in names for w in name}
    return all(t in name_words or t in filler or any(c.isdigit() for c in t) for t in toks)


@dataclass(slots=True)
class AuthorLineRule:
    """Removes byline lines that name the page's known authors without a lead word."""

    name: str = "author-line"
    phase: str = "names"
    roles: frozenset[str] = frozenset()
    about: str = "Byline lines without a lead word that name the authors the page's metadata gives."
    max_words: int = 16

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        names = author_names(ctx.evidence)
        if not names:
            return
        for b in blocks:
            if (b.kept and words(b.text) <= self.max_words and may_name(b.text, names)
                    and is_author_line(b.text, names)):
                b.kind = BlockKind.BYLINE
                b.remove(self.name)


def rules() -> list[AuthorLineRule]:
    return [AuthorLineRule()]
