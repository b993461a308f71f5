"""Article or not: a section front, a teaser list, a search or tag page is not an article.

Decided only where the markup path is not sure of an article (a confident
container is an article), from signals that hold in every language: what the
page declares itself to be (JSON-LD ``@type``, ``og:type``), and the shape of its
text (many headline links, few paragraphs). A list page gets no text: stitching
its teasers together would make an article that was never written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .segment import Segmentation

ARTICLE = "article"
LIST = "list"
OTHER = "other"
RECIPE = "recipe"
"""A declared page type (JSON-LD ``@type``) whose ingredient list is part of its text."""

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
    "techarticle", "scholarlyarticle", "report", "review", "recipe",
})
LIST_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})
"""Declared page types that list other pages (not ``website``: article pages declare their site too)."""
TEASER_MIN_CHARS = 15
TEASER_MAX_CHARS = 200
TEASER_MIN_WORDS = 3
PARAGRAPH_CHARS = 150
BLURB_MIN_CHARS = 40
BLURB_MAX_CHARS = 500
PROSE_MIN_CHARS = 40
LIST_MIN_BLURBS = 6
LIST_BLURB_SHARE = 0.6
"""A page whose prose is mostly teaser blurbs (a headline link, then a short text without links),
at least this many, is a list: on an article page the story's own paragraphs hold most prose."""
LIST_MAX_PARAGRAPHS = 3
"""Paragraphs (prose that is no teaser blurb) from which a page holds a story of its own."""


@dataclass(slots=True)
class Signals:
    declared: list[str] = field(default_factory=list)
    """Types the page declares (JSON-LD @type, og:type), lower-cased."""
    teasers: int = 0
    """Units that are a headline-sized link (a teaser's title)."""
    paragraphs: int = 0
    """Units that are a paragraph of prose without links."""
    blurbs: int = 0
    """Short texts without links right after a teaser's title."""
    blurb_chars: int = 0
    prose_chars: int = 0
    """Characters of all text units with few links."""

    def as_dict(self) -> dict[str, object]:
        return {"declared": self.declared, "teasers": self.teasers, "blurbs": self.blurbs,
                "paragraphs": self.paragraphs, "blurb_chars": self.blurb_chars, "prose_chars": self.prose_chars}


def declared_types(tree: LexborHTMLParser, json_ld: Sequence[Any] | None = None,
                   metas: Sequence[dict[str, str | None]] | None = None) -> list[str]:
    """The page's own statement of what it is: JSON-LD top-level @type values and og:type.

    ``json_ld`` (the parsed JSON-LD values) and ``metas`` (the attributes of every
    <meta>), when the caller has them from its own pass over the page; without
    them the page is searched here (the plain path; a test holds both together).
    """
    out: list[str] = []
    for data in _json_ld(tree) if json_ld is None else json_ld:
        items = list(data) if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                items.extend(i for i in item["@graph"] if isinstance(i, dict))
                continue
            kind = item.get("@type") if isinstance(item, dict) else None
            for k in kind if isinstance(kind, list) else [kind]:
                if isinstance(k, str):
                    out.append(k.lower())
    if metas is None:
        og = tree.css_first('meta[property="og:type"]')
        og_attrs = og.attributes if og is not None else None
    else:
        og_attrs = next((attrs for attrs in metas if attrs.get("property") == "og:type"), None)
    if og_attrs is not None and og_attrs.get("content"):
        out.append((og_attrs["content"] or "").strip().lower())
    return out


def _json_ld(tree: LexborHTMLParser) -> Iterator[Any]:
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            yield json.loads(node.text(deep=True) or "null", strict=False)
        except (ValueError, RecursionError):
            continue


def is_teaser_title(text: str) -> bool:
    """A headline-sized link line (its link density is the caller's to judge)."""
    return TEASER_MIN_CHARS <= len(text) <= TEASER_MAX_CHARS and text.count(" ") + 1 >= TEASER_MIN_WORDS


def is_blurb(text: str, link_density: float) -> bool:
    """A short text without links, the size of a teaser's summary."""
    return link_density < 0.3 and BLURB_MIN_CHARS <= len(text) <= BLURB_MAX_CHARS


def signals(seg: Segmentation | None, declared: list[str]) -> Signals:
    s = Signals(declared=declared)
    if seg is None:
        return s
    after_teaser = False
    for u in seg.units:
        n = len(u.text)
        ld = u.link_density
        if ld > 0.5:
            after_teaser = is_teaser_title(u.text)
            s.teasers += after_teaser
            continue
        if ld < 0.3 and n >= PROSE_MIN_CHARS:
            s.prose_chars += n
            s.paragraphs += n >= PARAGRAPH_CHARS
            if after_teaser and is_blurb(u.text, ld):
                s.blurbs += 1
                s.blurb_chars += n
        after_teaser = False
    return s


def is_list(s: Signals, confident: bool = False) -> bool:
    """No article declared, and either a listing declared or the shape of one.

    ``confident``: the markup path found a confident article container. If it holds paragraphs of
    its own, the shape alone (a run of teaser blurbs, as many stories end with) does not make it a
    list: only a page that declares itself a listing is one."""
    kinds = set(s.declared)
    if kinds & ARTICLE_TYPES:
        return False
    if kinds & LIST_TYPES and s.paragraphs < LIST_MAX_PARAGRAPHS:
        return True
    if confident and s.paragraphs >= LIST_MAX_PARAGRAPHS:
        return False
    return s.blurbs >= LIST_MIN_BLURBS and s.blurb_chars >= LIST_BLURB_SHARE * s.prose_chars


OTHER_MAX_CHARS = 150
"""Text this short found on an unsure page that declares no article is a page's furniture
(a video player's title, a login prompt), not an article."""


def is_other(s: Signals, text_chars: int) -> bool:
    """An unsure page with next to no text, not one line of prose, and no article declared: no article."""
    return text_chars < OTHER_MAX_CHARS and s.prose_chars == 0 and not set(s.declared) & ARTICLE_TYPES
