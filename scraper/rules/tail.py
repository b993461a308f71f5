"""Where a plain-text article ends: the first after-article line in its last part.

The article region (rules/region.py) is the densest stretch of prose, so it
often runs on past the story into the full sentences a site puts after it: the
author's bio, a newsletter or donation pitch, the comment form and its policy,
a licence or disclaimer, a blog's "posted in" line, or a short head such as
"Share this article" or "More on this topic" over teasers. Such a line, once
most of the region's prose lies above it, ends the article: it and the rest of
the region go. The cues are phrase lists kept as data (``tail_cues.toml``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Block, BlockKind
from .base import PITCH, RuleContext
from .literals import CueGate, any_required, contains_any, folded, split_gate
from .predicates import is_prose, weight, words

CUES_FILE = Path(__file__).with_name("tail_cues.toml")
AFTER_ARTICLE = "after-article"
SITE_NOTICE = "site-notice"


DOUBLE_QUOTES = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
"""Double quotation marks, straight and typographic. Single ones are left out: an apostrophe
looks the same."""


def in_quotation(text: str, pos: int) -> bool:
    """Is ``text[pos]`` inside quoted speech: after an odd number of double quotation marks?

    Each mark toggles, whichever way it faces: English “…”, German „…“ and French «…» alike,
    and a paragraph that goes on with a quote opened above (no closing mark) counts as inside."""
    return sum(1 for c in text[:pos] if c in DOUBLE_QUOTES) % 2 == 1


@dataclass(frozen=True, slots=True)
class CueList:
    """One section of the cue file: a single alternation and the longest line it judges."""

    pattern: re.Pattern[str]
    max_words: int
    folded: bool
    """True when the pattern was compiled for lower-cased text (faster than IGNORECASE)."""
    cues: tuple[str, ...] | None = None
    """Strings one of which every match holds (see rules/literals.py): a line holding none is not searched."""
    gate: CueGate | None = None
    """The same test part by part (literals.CueGate): a line holding a common cue ("says", "like")
    runs the few patterns that need it, not the whole alternation over its every position."""

    def search(self, text: str, n: int) -> bool:
        if n > self.max_words:
            return False
        if self.gate is None:
            return self.search_plain(text, n)
        if self.folded:
            text = folded(text) if text.isascii() else text.lower()  # the same for ASCII, and cached
            return self.gate(text, text)
        return self.gate(text, folded(text))

    def in_speech(self, text: str) -> bool:
        """True when every match in ``text`` lies inside quoted speech (see ``in_quotation``):
        "The statement continued: \"... working to support us\"" is a speaker's sentence that
        happens to hold a pitch's words, not the site's pitch. Asked only of a line that matched."""
        if not any(q in text for q in DOUBLE_QUOTES):
            return False
        probe = (folded(text) if text.isascii() else text.lower()) if self.folded else text
        starts = [m.start() for m in self.pattern.finditer(probe)]
        return bool(starts) and all(in_quotation(probe, i) for i in starts)

    def search_plain(self, text: str, n: int) -> bool:
        """``search`` as one regex over the whole alternation (the reference the gate is tested against)."""
        if n > self.max_words:
            return False
        if self.folded:
            text = folded(text) if text.isascii() else text.lower()  # the same for ASCII, and cached
            if self.cues is not None and not contains_any(text, self.cues):
                return False
        elif self.cues is not None and not contains_any(folded(text), self.cues):
            return False
        return self.pattern.search(text) is not None


@dataclass(frozen=True, slots=True)
class TailCues:
    strong: CueList
    sentence: CueList
    head: CueList
    notice: CueList


def _compile(section: dict) -> CueList:
    sources = section["patterns"]
    source = "|".join(f"(?:{p})" for p in sources)
    folded = "(?-i:" not in source  # a case-sensitive part (a capitalised name) needs the original text
    flags = 0 if folded else re.IGNORECASE
    pattern = re.compile(source, flags)
    return CueList(pattern, int(section["max_words"]), folded, any_required([pattern]),
                   split_gate(sources, flags, pattern))


@lru_cache(maxsize=1)
def load_cues(path: Path = CUES_FILE) -> TailCues:
    """The cue lists, compiled once per process into one alternation each."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    return TailCues(*(_compile(data[name]) for name in ("strong", "sentence", "head", "notice")))


def is_site_notice(text: str, cues: TailCues | None = None) -> bool:
    """True for a site notice that is never the story's (affiliate disclosure, paywall meter, ...)."""
    return (cues or load_cues()).notice.search(text, len(text.split()))


def is_comment_or_post_meta(text: str, cues: TailCues | None = None) -> bool:
    """True for a line of a comment form or thread, or a blog post's meta or navigation line."""
    return (cues or load_cues()).strong.search(text, len(text.split()))


def is_section_head(text: str, cues: TailCues | None = None) -> bool:
    """True for a short line opening an after-article section (share, rate, more on the topic)."""
    return (cues or load_cues()).head.search(text, len(text.split()))


def is_after_article(text: str, cues: TailCues | None = None) -> bool:
    """True for a line that reads as the site's after-article furniture."""
    cues = cues or load_cues()
    n = len(text.split())
    return cues.strong.search(text, n) or cues.head.search(text, n) or cues.sentence.search(text, n)


def find_article_end(blocks: Sequence[Block], lo: int, hi: int, prose_words: Sequence[float],
                     share: float, max_run_after: int = 1, strong_share: float = 1.0) -> int | None:
    """Index of the first after-article line in ``blocks[lo:hi+1]`` with at least ``share`` of the
    region's prose words above it, or None. ``prose_words[i]`` is the prose weight of block ``lo+i``.

    A cue followed by more than ``max_run_after`` prose lines in a row is not the end: the story
    goes on (a box inside it, or a writer who mentions a newsletter), only lone teasers follow one.
    A comment form or a post's meta line ends it with only ``strong_share`` of the prose above,
    whatever follows: the comments under it read as prose too.
    """
    total = sum(prose_words)
    if total <= 0:
        return None
    cues = load_cues()
    runs = _prose_runs_after(blocks, lo, hi, prose_words)
    strong_at, share_at = strong_share * total, share * total
    before = 0.0
    for k in range(hi - lo + 1):
        b = blocks[lo + k]
        if (b.kept or PITCH in b.roles) and before > 0 and (before >= strong_at or before >= share_at):
            text = b.text
            n = words(text)
            strong_tried = before >= strong_at
            if strong_tried and cues.strong.search(text, n):
                return lo + k
            if before >= share_at and runs[k] <= max_run_after and (
                    (not strong_tried and cues.strong.search(text, n))
                    or cues.head.search(text, n)
                    or (cues.sentence.search(text, n) and not cues.sentence.in_speech(text))):
                return lo + k  # is_after_article, the strong cues asked once; a quoted sentence is speech
        before += prose_words[k]
    return None


def _prose_runs_after(blocks: Sequence[Block], lo: int, hi: int, prose_words: Sequence[float]) -> list[int]:
    """For each block of the region, the longest run of consecutive kept prose lines after it."""
    out = [0] * (hi - lo + 1)
    best = run = 0
    for k in range(hi - lo, -1, -1):
        out[k] = best
        if not blocks[lo + k].kept:
            continue
        run = run + 1 if prose_words[k] > 0 else 0
        best = max(best, run)
    return out


@dataclass(slots=True)
class ArticleEndRule:
    """On an HTML page, the site's after-article furniture left inside the article's box (an
    author bio, a newsletter or donation pitch, a disclaimer, a "more on this" head) ends the
    article once most of its prose lies above it: it and what follows go.

    The cues are the text path's (rules/tail_cues.toml); a cue followed by more than
    ``max_run_after`` prose paragraphs is not the end (a box inside the story)."""

    name: str = "article-end"
    phase: str = "end"
    roles: frozenset[str] = frozenset()
    about: str = "HTML: after-article furniture left in the article's box (a bio, a pitch, a disclaimer) and what follows."
    share: float = 0.7
    max_run_after: int = 2
    strong_share: float = 0.5

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        if ctx.plain_text:
            return  # the text path finds its end inside rules/region.py
        prose = [n if b.kept and b.kind is not BlockKind.HEADING and is_prose(b.text, n := weight(b.text)) else 0.0
                 for b in blocks]
        if not blocks:
            return
        end = find_article_end(blocks, 0, len(blocks) - 1, prose, self.share, self.max_run_after, self.strong_share)
        if end is None:
            return
        for b in blocks[end:]:
            if b.kept:
                b.remove(self.name)


def rules() -> list[ArticleEndRule]:
    return [ArticleEndRule()]
