"""The headline of a plain-text dump, and the site chrome above it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Block, BlockKind, Evidence
from .base import ANCHOR, RuleContext
from .predicates import is_long_paragraph
from .region import find_headline, find_region, may_be_headline


@dataclass(slots=True)
class PageHeadRule:
    """In a text dump, the lines above the headline are site chrome (masthead, menus, signup).

    The headline is found from the lines alone, at the head of the article
    region (rules/region.py): the title-like line nearest above the byline, or
    the first title-like line between the menus and the first prose line. With
    no region, the title-like line right above the first long paragraph when
    only short lines precede it.
    """

    name: str = "page-head"
    phase: str = "head"
    roles: frozenset[str] = frozenset()
    about: str = "Text dumps: the lines above the headline (masthead, menus, signup)."
    title_rule: str = "title-block"
    """The name the headline line is removed under (it becomes the title)."""

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        if not ctx.plain_text:
            return
        region = find_region(blocks)
        title_at = self._find_title(blocks) if region is None else find_headline(blocks, region[0])
        if title_at is None:
            return
        title = blocks[title_at]
        for b in blocks[:title_at]:
            b.remove(self.name)
        title.kind = BlockKind.TITLE
        title.remove(self.title_rule, frozenset({ANCHOR}))
        ctx.evidence.append(Evidence("title", title.text, "text:title-line"))

    @staticmethod
    def _find_title(blocks: Sequence[Block]) -> int | None:
        limit = max(3, len(blocks) // 2)
        byline_at = next((i for i, b in enumerate(blocks[:limit]) if b.kind is BlockKind.BYLINE), None)
        if byline_at is not None:
            for i in range(byline_at - 1, -1, -1):
                b = blocks[i]
                if b.kept and may_be_headline(b.text):
                    return i
            return None
        for i, b in enumerate(blocks):
            if not b.kept:
                continue
            if is_long_paragraph(b.text):
                earlier = [j for j in range(i) if blocks[j].kept]
                if earlier and may_be_headline(blocks[earlier[-1]].text):
                    return earlier[-1]
                return None
        return None


def rules() -> list[PageHeadRule]:
    return [PageHeadRule()]
