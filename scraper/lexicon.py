"""Characters and words several heuristics share, each defined once (data in ``lexicon.toml``).

A leaf module: it imports nothing from the package, so rules, block builders and
metadata readers can all use it. Each entry says one thing ("a sentence ends
with one of these", "these words lead a byline"); the code that asks the
question keeps its own thresholds.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

LEXICON_FILE = Path(__file__).with_name("lexicon.toml")


@lru_cache(maxsize=1)
def _data() -> dict:
    with open(LEXICON_FILE, "rb") as fh:
        return tomllib.load(fh)


SENTENCE_END: str = _data()["punctuation"]["sentence_end"]
"""Characters that end a sentence."""
CLAUSE_END: str = _data()["punctuation"]["clause_end"]
"""Characters that end a clause or a label (``:``, ``;``)."""
CLOSERS: str = _data()["punctuation"]["closers"]
"""Closing quotes and brackets that may follow a sentence's final mark."""

_SENTENCE_MARKS = frozenset(SENTENCE_END)
_CLAUSE_MARKS = frozenset(SENTENCE_END + CLAUSE_END)

NOT_ALNUM = re.compile(r"[\W_]+")
"""Everything but letters and digits (``\\w`` is ``str.isalnum`` plus the underscore)."""


def ends_sentence(text: str, clause: bool = False) -> bool:
    """The text ends as a sentence does: a sentence mark (with ``clause``, also ``:`` or ``;``),
    then any closing quotes or brackets, then any spaces. Reads only the end of the text."""
    end = text.rstrip().rstrip(CLOSERS)
    return bool(end) and end[-1] in (_CLAUSE_MARKS if clause else _SENTENCE_MARKS)


_MARKS_AND_CLOSERS = frozenset(SENTENCE_END + CLAUSE_END + CLOSERS)


def ends_with_mark(text: str) -> bool:
    """The last visible character is a sentence or clause mark or a closing quote or bracket:
    a line that ends where its writer ended it (not one cut at a fixed width)."""
    end = text.rstrip()
    return bool(end) and end[-1] in _MARKS_AND_CLOSERS


TRUNCATION: tuple[str, ...] = tuple(_data()["punctuation"]["truncation"])
"""The marks a site ends a text with when it cut it short (an excerpt's ellipsis)."""


def is_truncated(text: str) -> bool:
    """The text ends with a truncation mark: an excerpt the site cut short, not a whole paragraph."""
    return text.rstrip().endswith(TRUNCATION)


def alnum_only(text: str) -> str:
    """``text`` with everything but its letters and digits removed (case kept)."""
    return NOT_ALNUM.sub("", text)


def words(section: str, key: str) -> tuple[str, ...]:
    """A word list of the lexicon, as written in the data file (``words("byline", "leads")``)."""
    return tuple(_data()[section][key])


def alternation(*lists: tuple[str, ...]) -> str:
    """The words of ``lists`` as one non-capturing regex alternation, in the order given."""
    seen: dict[str, None] = {}
    for lst in lists:
        for w in lst:
            seen.setdefault(w)
    return "(?:" + "|".join(re.escape(w) for w in seen) + ")"


_REFERENCE = re.compile(r"\\L<(\w+)\.(\w+)>")


def expand(pattern: str) -> str:
    """A pattern with ``\\L<section.key>`` references to lexicon word lists, the references
    replaced by their alternations: data files name a shared list instead of copying it."""
    return _REFERENCE.sub(lambda m: alternation(words(m.group(1), m.group(2))), pattern)
