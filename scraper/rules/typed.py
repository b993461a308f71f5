"""Rules that compare blocks with what is already known: blocks a builder typed, the page's
title repeated in the body, and blocks repeating earlier ones."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Block, BlockKind, Evidence
from .base import ANCHOR, CAPTION, RuleContext
from .predicates import block_key, is_prose, weight, words


@dataclass(slots=True)
class TypedBlockRule:
    """Blocks a builder already typed (captions, bylines, the title) leave the text and become evidence."""

    name: str
    kind: BlockKind
    field: str
    roles: frozenset[str] = frozenset()
    about: str = ""
    phase: str = "typed"

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        for b in blocks:
            if b.kept and b.kind is self.kind:
                b.remove(self.name, self.roles)
                ctx.evidence.append(Evidence(self.field, b.text, f"rule:{self.name}"))


MAX_TITLE_WORDS = 40
"""Longer than any headline: such a title is a damaged page's unclosed <h1> holding the story itself."""


@dataclass(slots=True)
class TitleRepeatRule:
    """The page title repeated as a body block is metadata, not text."""

    name: str = "title-repeat"
    phase: str = "typed"
    roles: frozenset[str] = frozenset()
    about: str = "The page's title repeated as a body block."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        if not ctx.title:
            return
        key = block_key(ctx.title)
        if not key or words(ctx.title) > MAX_TITLE_WORDS:
            return  # a "title" of that length is a headline tag left open over the whole story, which stays text
        for b in blocks:
            if b.kept and block_key(b.text) == key:
                b.remove(self.name)


@dataclass(slots=True)
class DuplicateRule:
    """A block repeating an earlier one (a caption given twice, a pull quote) goes, unless the
    earlier one was already removed and story stands between them (``_story_between``).

    Blocks are compared folded (case, dashes, punctuation), so "Pool - Getty"
    and "Pool – Getty" are the same. Very short blocks are left alone: a list
    item "Yes" may well repeat in an article.
    """

    name: str = "duplicate-block"
    phase: str = "duplicates"
    roles: frozenset[str] = frozenset()
    about: str = "A block repeating an earlier one (a caption given twice, a pull quote)."
    min_words: int = 4

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        first: dict[str, int] = {}
        """Each key's block that stands for it: the first, or the story's own paragraph (below)."""
        for i, b in enumerate(blocks):
            if words(b.text) < self.min_words and b.kind is not BlockKind.CAPTION:
                continue
            key = block_key(b.text)
            if not key:
                continue
            j = first.get(key)
            if j is None:
                first[key] = i
            elif b.kept and not blocks[j].kept and _story_between(blocks, j, i):
                first[key] = i  # the earlier copy was a pull quote set ahead of its paragraph, and went
            else:
                b.remove(self.name)


def _story_between(blocks: list[Block], lo: int, hi: int) -> bool:
    """Does a kept paragraph of prose stand between ``blocks[lo]`` and ``blocks[hi]``?

    A pull quote is set a few paragraphs ahead of the sentence it repeats; when a rule took the
    box out (as a caption), the later copy is the story's own paragraph and stays. A caption
    given twice (a small-screen and a large-screen copy, a lightbox) has its copies side by side,
    with no story between, and the second still goes."""
    for b in blocks[lo + 1:hi]:
        if b.kept and b.kind is BlockKind.PARAGRAPH and is_prose(b.text, weight(b.text)):
            return True
    return False


def rules() -> list[TypedBlockRule | TitleRepeatRule | DuplicateRule]:
    return [
        TypedBlockRule("title-block", BlockKind.TITLE, "title", frozenset({ANCHOR}),
                       "Blocks the page builder typed as the title: the title, out of the text."),
        TypedBlockRule("caption", BlockKind.CAPTION, "caption", frozenset({CAPTION}),
                       "Blocks the page builder typed as captions (figcaption): to captions."),
        TypedBlockRule("byline-block", BlockKind.BYLINE, "byline", frozenset({ANCHOR}),
                       "Blocks the page builder typed as bylines: to authors."),
        TitleRepeatRule(),
        DuplicateRule(),
    ]
