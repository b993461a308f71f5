"""Byline elements of an HTML page -> byline evidence.

Pages mark the author's name in many ways (itemprop=author, rel=author, a
"byline" or "author" class, a link to an author page). The selectors, tried in
a stated order, and the regions that never hold the story's byline (comments,
sidebars, teasers, footers) are data in byline_html.toml. Only the first
selector that finds a name outside those regions speaks, and only for the
elements that sit together with its first hit, so names in a list of other
stories further down never become authors.

Byline lines in the text (byline_text_evidence) come next: a line opening with
a byline word by the headline ("Von Jane Doe", "Eine Kolumne von Jane Doe"),
then a signature ending the article, then the last resorts (a copyright or
licence holder, a press release's contact person).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..lexicon import words as lexicon_words
from ..model import Evidence
from .bylines import DATE_HEAD, GENRE_LEAD, LABELS, LEADS, WRITING, is_organisation, is_person_name, looks_like_byline, parse_byline
from .first_names import is_given_name
from .guards import first_char_guard, opening_chars, opening_guard
from .marked import MarkedElements


@dataclass(frozen=True, slots=True)
class BylineSelectors:
    selectors: tuple[str, ...]
    excluded_tags: frozenset[str]
    excluded_words: re.Pattern[str]
    story_regions: re.Pattern[str]
    embeds: re.Pattern[str]
    contact_labels: frozenset[str]
    sign_off: re.Pattern[str]
    contact_boxes: MarkedElements
    """Elements whose class holds a contact word (byline_html.toml contact_classes, probed by contact_probes)."""
    card_names: str
    """The element holding the name inside an author box ("<div class="author-box"><div class="name">")."""
    gate: SelectorGate
    credit: re.Pattern[str]
    """A credit phrase opening an end-credit part ("Reporting by", "Editing by"), and what follows it."""
    credit_split: re.Pattern[str]
    """Where an end-credit line splits into parts: ";", or "," before a credit phrase."""
    credit_writers: frozenset[str]
    """The credit phrases naming the story's writers (the others name editors and helpers)."""


Condition = tuple[str, str, bool]
"""An attribute, a word its value holds (case aside) on every element a selector part matches, and
whether as a whole word ([class~=author], .author) or anywhere ([class*=author])."""

GATED_ATTRIBUTES = frozenset({"class", "id", "itemprop", "href"})
"""Attributes whose words gate a selector. Nearly every element has a class, few one with a byline
word, and such words make the costly selectors ("[class~=author] a" and nine more alternatives);
itemprop="author" makes two, one with a descendant part; links to author pages six alternatives."""
PROBE_PREFIX = 3
"""Words of one attribute that share their first characters are probed by their common start
("aut" for author, autor, auteur): one alternative less each, the exact test is made on the hits."""


@dataclass(frozen=True, slots=True)
class SelectorGate:
    """What each byline selector needs the page to hold, read in one CSS pass per attribute.

    Each alternative of a selector costs a walk over the whole page, and most
    pages hold no element with the class or itemprop words most selectors ask
    for: one probe for those words tells which selectors can match at all.
    """

    probes: dict[str, str]
    """Attribute -> one selector finding every element whose value holds any of its words."""
    conditions: dict[str, frozenset[Condition]]
    needs: tuple[frozenset[Condition] | None, ...]
    """Per selector: it can match only where one of these conditions is met (None: no gate)."""


_ATTRIBUTE_TEST = re.compile(r"""\[\s*([\w-]+)\s*([~*|^$]?)=\s*(?:"([^"]*)"|'([^']*)'|([^\]\s"']+))\s*(?:[iIsS]\s*)?\]""")
_CLASS_TEST = re.compile(r"\.([\w-]+)")
_BRACKETS = re.compile(r"\[[^\]]*\]")
_FIRST_PART = re.compile(r"(?:\[[^\]]*\]|[^\s>+~\[])+")


def _first_condition(alternative: str) -> Condition | None:
    """A condition that every element matched by the alternative's first (outermost) part meets, or None."""
    part = _FIRST_PART.match(alternative.strip())
    if part is None or "(" in alternative or ":" in part.group(0):
        return None  # pseudo-classes and the like: no gate
    text = part.group(0)
    for test in _ATTRIBUTE_TEST.finditer(text):
        value = test.group(3) or test.group(4) or test.group(5) or ""
        if test.group(1).lower() in GATED_ATTRIBUTES and value:
            return test.group(1).lower(), value.lower(), test.group(2) == "~" and value.split() == [value]
    name = _CLASS_TEST.search(_BRACKETS.sub("", text))
    return ("class", name.group(1).lower(), True) if name else None


def selector_gate(selectors: Sequence[str]) -> SelectorGate:
    """The gate of a list of selectors (each a comma-separated list of alternatives)."""
    needs: list[frozenset[Condition] | None] = []
    for selector in selectors:
        found = [_first_condition(alt) for alt in selector.split(",")]
        needs.append(None if any(c is None for c in found) else frozenset(c for c in found if c))
    every = {c for n in needs if n for c in n}
    conditions = {attr: frozenset(c for c in every if c[0] == attr) for attr in sorted({c[0] for c in every})}
    probes = {}
    for attr, own in conditions.items():
        probes[attr] = ", ".join(f'[{attr}*="{word}" i]' for word in _probe_words({w for _, w, _ in own}))
    return SelectorGate(probes, conditions, tuple(needs))


def _probe_words(words: set[str]) -> list[str]:
    """Fewer words that every one of ``words`` holds one of: a word holding another (autor in
    autoren) goes, and words with the same first PROBE_PREFIX characters share their common start."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:PROBE_PREFIX], []).append(word)
    probed = {os.path.commonprefix(group) for group in groups.values()}
    return sorted(w for w in probed if not any(o != w and o in w for o in probed))


def _met(tree: LexborHTMLParser, gate: SelectorGate, attr: str) -> set[Condition]:
    """The conditions on ``attr`` that an element of the page meets (a superset of what the selectors
    test: any case, any part of the value)."""
    met: set[Condition] = set()
    for node in tree.css(gate.probes[attr]):
        value = (node.attributes.get(attr) or "").lower()
        words = value.split()
        met.update(c for c in gate.conditions[attr] if c[1] in (words if c[2] else value))
    return met


def _can_match(tree: LexborHTMLParser, gate: SelectorGate, rank: int, met: dict[str, set[Condition]]) -> bool:
    """False when no element of the page meets a condition the selector at ``rank`` needs.

    ``met``: the conditions met so far, by attribute; an attribute's probe runs
    the first time a selector needs it.
    """
    needs = gate.needs[rank]
    if needs is None:
        return True
    for attr in {c[0] for c in needs}:
        if attr not in met:
            met[attr] = _met(tree, gate, attr)
        if needs & met[attr]:
            return True
    return False


@lru_cache(maxsize=1)
def byline_selectors() -> BylineSelectors:
    with open(Path(__file__).with_name("byline_html.toml"), "rb") as fh:
        raw = tomllib.load(fh)
    words = "|".join(re.escape(w) for w in sorted(raw["excluded_words"], key=len, reverse=True))
    return BylineSelectors(
        selectors=tuple(raw["selectors"]),
        excluded_tags=frozenset(raw["excluded_tags"]),
        excluded_words=re.compile(rf"(?:^|[\s_-])(?:{words})(?:$|[\s_-])", re.IGNORECASE),
        story_regions=re.compile("|".join(re.escape(w) for w in raw["story_regions"]), re.IGNORECASE),
        contact_labels=frozenset(raw["contact_labels"]),
        sign_off=re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in sorted(raw["sign_offs"], key=len, reverse=True))
                            + r")[\s,!.]+", re.IGNORECASE),
        contact_boxes=MarkedElements(tuple(raw["contact_classes"]), tuple(raw["contact_probes"]), ("class",)),
        card_names=raw["card_names"],
        embeds=re.compile(rf"(?:^|\s)(?:{'|'.join(re.escape(w) for w in raw['embed_words'])})(?:$|\s)", re.IGNORECASE),
        gate=selector_gate(raw["selectors"]),
        credit=_credit_pattern(raw["end_credits"]),
        credit_split=_credit_pattern(raw["end_credits"], split=True),
        credit_writers=frozenset(" ".join(p.casefold().split()) for p in raw["end_credits"]["writers"]),
    )


def _credit_pattern(raw: dict[str, list[str]], split: bool = False) -> re.Pattern[str]:
    """The end-credit phrases (longest first) opening a part, or (``split``) the separators between parts."""
    phrases = sorted({*raw["writers"], *raw["others"]}, key=len, reverse=True)
    words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    if split:
        return re.compile(rf"\s*;\s*|,\s*(?=(?:{words})(?:\s*:|\s))", re.IGNORECASE)
    return re.compile(rf"^\s*(?P<phrase>{words})(?:\s*:\s*|\s+)(?P<names>\S.*)$", re.IGNORECASE | re.DOTALL)


MAX_DEPTH = 25
LAYOUT_PROBE = 'h1, article:not([class*="comment" i]), [itemprop~=articleBody]'
"""A marked region holding one of these is a page layout wrapper ("content-area has-sidebar"), not a sidebar."""
MAX_TEXT = 120


def _excluded(node: LexborNode, data: BylineSelectors, own_marks: bool = True) -> bool:
    """True when the node sits in a region that is not the story's byline.

    ``own_marks=False`` ignores the class of the node itself: a byline line
    styled "teaser-cat" is not a teaser box (a box of other stories marks a
    container around its bylines).
    """
    current: LexborNode | None = node
    depth = 0
    aside = boxed = False
    while current is not None and depth < MAX_DEPTH:
        tag = current.tag or ""
        if tag in ("body", "html"):
            return aside
        if tag == "article" and aside:
            aside = False  # an <aside> inside the story's <article> is its meta column, not a sidebar
        elif tag in data.excluded_tags:
            if tag != "aside":
                return True
            aside = not boxed
        elif tag == "a" and depth and _teaser_link(current, node):
            return True
        attrs = current.attributes
        style = attrs.get('class') or ''
        if style and _embed_marked(style, data):
            return True  # an embedded social post, whatever the element's own style
        marks = f"{style} {attrs.get('id') or ''}" if own_marks or depth else ""
        kind = _region_marked(marks, data) if marks.strip() else NO_REGION
        if kind == AUTHOR_BOX:
            boxed = True  # "widget author": the author's own box, in a sidebar <aside> or not
        elif kind == OTHER_REGION and current.css_first(LAYOUT_PROBE) is None:
            return True  # a region marked as a sidebar/widget that does not hold the story itself
        current = current.parent
        depth += 1
    return aside


TEASER_EXTRA = 40
"""Characters a link around a byline holds beyond it that make the link a teaser card (headline, summary)."""


def _teaser_link(link: LexborNode, node: LexborNode) -> bool:
    """A link around the byline that holds more than it: a teaser card of another story, whose byline names
    that story's writer ("<a href=/other-story>headline, summary, <span class=author>Von Jane Doe</span></a>").
    A link to the writer's own page (an author card with a bio) is the story's."""
    if _BYLINE_CLASS.search(link.attributes.get("href") or "") or "author" in (link.attributes.get("rel") or ""):
        return False
    return len(_text(link)) > len(_text(node)) + TEASER_EXTRA


_AUTHOR_WORD = re.compile(r"(?:^|[\s_-])(?:authors?|autor|autoren|auteurs?)(?=$|\s)", re.IGNORECASE)
_BOX_WORDS = re.compile(r"(?:^|[\s_-])(?:widget|sidebar)(?=$|[\s_-])", re.IGNORECASE)


def _author_widget(marks: str, data: BylineSelectors) -> bool:
    """A box marked as the author's ("widget author", "sidebar author"), not as other stories' (teaser, related)."""
    return bool(_AUTHOR_WORD.search(marks)) and not data.excluded_words.search(_BOX_WORDS.sub(" ", marks))


NO_REGION, AUTHOR_BOX, OTHER_REGION = 0, 1, 2
"""What an element's class and id say of the region it marks (``region_kind``)."""
MARKS_CACHED = 4096


def region_kind(marks: str, data: BylineSelectors) -> int:
    """OTHER_REGION when ``marks`` (an element's class and id) hold an excluded region's word and name no
    region of the story itself; AUTHOR_BOX when such a region is the author's own box; else NO_REGION."""
    if not data.excluded_words.search(marks) or data.story_regions.search(marks):
        return NO_REGION
    return AUTHOR_BOX if _author_widget(marks, data) else OTHER_REGION


@lru_cache(maxsize=MARKS_CACHED)
def _region_kind_cached(marks: str) -> int:
    return region_kind(marks, byline_selectors())


@lru_cache(maxsize=MARKS_CACHED)
def _embed_cached(style: str) -> bool:
    return bool(byline_selectors().embeds.search(style))


def _region_marked(marks: str, data: BylineSelectors) -> int:
    """``region_kind``, read once per class and id: the regions' tests walk up from every byline candidate,
    through the same few ancestors on a page and the same class names across pages."""
    return _region_kind_cached(marks) if data is byline_selectors() else region_kind(marks, data)


def _embed_marked(style: str, data: BylineSelectors) -> bool:
    """``data.embeds`` found in a class, read once per class (as ``_region_marked``)."""
    return _embed_cached(style) if data is byline_selectors() else bool(data.embeds.search(style))


def _in_embed(node: LexborNode, data: BylineSelectors) -> bool:
    """True inside an embedded social post ("A post shared by ..." credits its poster)."""
    current: LexborNode | None = node
    for _ in range(MAX_DEPTH):
        if current is None or current.tag in ("body", "html"):
            return False
        style = current.attributes.get("class")
        if style and _embed_marked(style, data):
            return True
        current = current.parent
    return False


MAX_PROSE = 120
MAX_GROUP = 8
ORG_BYLINE_RANK = 3
"""From this selector on (class-marked bylines, not itemprop/rel), a byline that credits only an organisation ends the search."""
"""More name elements than this side by side are a list (tags, a staff page), not one story's byline."""


def _in_prose(node: LexborNode) -> bool:
    """A link inside running text (a writer's bio naming a book or a band), not a byline of its own."""
    parent = node.parent
    if node.tag != "a" or parent is None:
        return False
    own = sum(len((child.text_content or "").strip()) for child in parent.iter(include_text=True) if child.tag == "-text")
    return own > MAX_PROSE  # the parent's own words, not a widget nested in it


def _could_be_one(name: str) -> bool:
    """A name a class-marked element may give alone: anything but a capitalised word that is no known given name."""
    if " " in name or not (name[:1].isupper() and name[1:].islower()):
        return True  # full names, initials, scripts without case
    return is_given_name(name) or bool(_ACCOUNT.match(name))


def _text(node: LexborNode) -> str:
    return " ".join(node.text(deep=True, separator=" ").split())


def _group_key(node: LexborNode) -> int | None:
    """Identity of the element two levels up: names under the same one are one byline."""
    parent = node.parent
    grand = parent.parent if parent is not None else None
    return (grand or parent or node).mem_id


_BYLINE_CLASS = re.compile(r"author|byline|autor|auteur", re.IGNORECASE)


def _page_marks(tree: LexborHTMLParser) -> bool:
    """True when <html> or <body> wears a byline word ("single-author"): a page state, not a byline."""
    return any(_BYLINE_CLASS.search(node.attributes.get("class") or "")
               for node in (tree.root, tree.body) if node is not None)


def _marked_below_body(node: LexborNode) -> bool:
    """True when the node or an ancestor below <body> wears a byline word."""
    current: LexborNode | None = node
    for _ in range(MAX_DEPTH):
        if current is None or current.tag in ("body", "html"):
            return False
        if _BYLINE_CLASS.search(current.attributes.get("class") or ""):
            return True
        current = current.parent
    return False


def byline_element_evidence(tree: LexborHTMLParser) -> list[Evidence]:
    """Byline evidence from the page's marked elements, with one CSS pass over the whole page.

    Every match of a byline selector is, or sits inside, an element whose own
    attributes hold what the selector's outermost part asks for ("aut" in its
    class, "author" in its itemprop, ...). One pass finds those anchors; each
    selector, in rank order, then reads only the anchors' subtrees (the
    outermost anchors: disjoint, in page order), so its matches come in the
    same order and number as from a pass over the page. The evidence is that
    of ``byline_element_evidence_ranked`` (one pass per selector), the reference.
    """
    data = byline_selectors()
    anchors = tree.css(_anchor_probe(data.selectors))
    if not anchors:
        return []
    seen: set[int] = set()
    outer: list[LexborNode] = []
    for node in anchors:  # page order: an anchor comes after the anchors around it
        if node.mem_id in seen:
            continue  # listed once per probe alternative it matches
        seen.add(node.mem_id)
        parent = node.parent
        while parent is not None and parent.mem_id not in seen:
            parent = parent.parent
        if parent is None:
            outer.append(node)
    gate = data.gate
    met = {attr: _met_in(anchors, gate, attr) for attr in gate.conditions}
    page_marked = _page_marks(tree)
    for rank, selector in enumerate(data.selectors):
        needs = gate.needs[rank]
        if needs is not None and not any(needs & met[attr] for attr in {c[0] for c in needs}):
            continue  # no element holds what the selector asks for: its search would find nothing
        nodes = [node for anchor in outer for node in anchor.css(selector) if node.tag not in ("body", "html")]
        found = _rank_evidence(rank, selector, nodes, data, page_marked)
        if found is None:
            return []
        if found:
            return found
    return []


@lru_cache(maxsize=4)
def _anchor_probe(selectors: tuple[str, ...]) -> str:
    """One selector list finding the elements every byline selector's matches sit in: the gate's
    probes, and the selectors that have no gate, whole."""
    gate = selector_gate(selectors)
    return ", ".join([*gate.probes.values(), *(s for s, n in zip(selectors, gate.needs) if n is None)])


def _met_in(nodes: list[LexborNode], gate: SelectorGate, attr: str) -> set[Condition]:
    """The conditions on ``attr`` that one of ``nodes`` meets (as ``_met``, on the anchors found
    already: an element whose ``attr`` meets a condition matches that attribute's probe)."""
    met: set[Condition] = set()
    for node in nodes:
        value = (node.attributes.get(attr) or "").lower()
        if value:
            words = value.split()
            met.update(c for c in gate.conditions[attr] if c[1] in (words if c[2] else value))
    return met


def byline_element_evidence_ranked(tree: LexborHTMLParser) -> list[Evidence]:
    """The reference reading: one CSS pass per selector, in rank order, each gated by a probe."""
    data = byline_selectors()
    page_marked = _page_marks(tree)
    met: dict[str, set[Condition]] = {}
    for rank, selector in enumerate(data.selectors):
        if not _can_match(tree, data.gate, rank, met):
            continue  # no element holds what the selector asks for: its search would find nothing
        nodes = [node for node in tree.css(selector) if node.tag not in ("body", "html")]
        found = _rank_evidence(rank, selector, nodes, data, page_marked)
        if found is None:
            return []
        if found:
            return found
    return []


def _rank_evidence(rank: int, selector: str, nodes: list[LexborNode], data: BylineSelectors,
                   page_marked: bool) -> list[Evidence] | None:
    """The evidence of the selector at ``rank`` from its matches ``nodes`` (page order); None when
    the byline credits only a desk or a wire, which ends the search."""
    group: int | None = None
    out: list[Evidence] = []
    labels = 0
    for node in nodes:
        # The tests on the node's place come first: each skips the node whatever its text says,
        # and they cost less than reading the text as a byline (the cheapest first, _excluded last).
        if _in_prose(node):
            continue
        if page_marked and "class" in selector and not _marked_below_body(node):
            continue  # matched through the body's own class: any link on the page would do
        key = _group_key(node)
        if group is not None and key != group:
            continue
        named = node.css_first('[itemprop="name"]')  # the name inside a card with photo and credits
        text = _text(named if named is not None else node)
        if not text:
            continue  # nothing inside it has text either
        if named is None and _unread(text):
            card = node.css_first(data.card_names)  # an author box: name, job title, links, bio
            text = _text(card) if card is not None else text
        if not text or len(text) > MAX_TEXT or _excluded(node, data):
            continue
        parsed = parse_byline(text, allow_single=True)
        if rank >= ORG_BYLINE_RANK and parsed.authors and not any(_could_be_one(n) for n in parsed.authors):
            labels += 1  # a lone capitalised word under a class mark ("Nachricht"): a teaser's label, not a writer
            continue
        if not parsed.authors:
            if (group is None and rank >= ORG_BYLINE_RANK and parsed.organisations and not parsed.unknown
                    and len(text.split()) <= 4):
                return None  # "auto-motor.at Redaktion", "Reuters": the byline credits a desk or a wire, no person
            continue
        group = key
        out.append(Evidence("byline", text, f"html:byline-element:{rank}"))
    if out and len(out) + labels <= MAX_GROUP:
        return out
    return []


def _unread(text: str) -> bool:
    """True when an element's whole text is no byline: too long, or more than names."""
    if len(text) > MAX_TEXT:
        return True
    parsed = parse_byline(text, allow_single=True)
    return not parsed.authors or bool(parsed.unknown)


_LEAD_WORDS = (
    r"(?:(?:" + WRITING + r"|interview|ein artikel|ein beitrag)\s+" + LEADS + "|"
    + GENRE_LEAD + r"\s+" + LEADS + r"(?=\s)|" + LEADS + "|" + LABELS + r"|text|texte|interview|redaktion\s*:|"
    r"posted on|published on|veröffentlicht am|thread starter|themenstarter|started by)")
_LEAD_MARKS = r"[\s\-–—―~*•·|>]*"
_CJK_MARKS = r"[\s\-–—―~*•·|>\[［]*"
_LEAD = (
    _LEAD_MARKS + opening_guard(_LEAD_WORDS) + _LEAD_WORDS + r"(?:\b|(?<=[^\w\s]))\s*[:：]?|"
    + _CJK_MARKS + first_char_guard(lexicon_words("byline", "cjk_leads"))
    + "(?:" + "|".join(map(re.escape, lexicon_words("byline", "cjk_leads"))) + r")\s*[:：]?")
_BYLINE_LEAD = re.compile(f"^(?:{_LEAD})", re.IGNORECASE)
"""A text node that opens a byline line ("Eine Kolumne von", "A guest post by" name the genre first);
the lead words before "posted on" name the writer. Most text nodes open with a letter no lead word
opens with: the guard fails them on one class test (guards.py), and the CJK lead words have a guard of their own."""
_DIGIT = re.compile(r"\d")
"""Every date ``DATE_HEAD`` reads holds a digit: a text node without one is passed over before it."""
_CJK_DATELINE = re.compile(r"^\s*【[^】＝=]{1,15}[＝=](?P<names>[\u4e00-\u9fff]{2,4}(?:[、・][\u4e00-\u9fff]{2,4})*)】")
"""A Japanese dateline naming the correspondent: "【ロンドン＝岡田浩幸】" (an agency there, "【北京＝共同】", is resolved away)."""
_INTERVIEW_HEAD = re.compile(r"^[\s\-–—―~*•·|>]*interview\b(?!\s*(?::|by|von|mit|with))", re.IGNORECASE)
""""Interview" as a heading ("Interview at-a-glance"), not as a credit ("Interview: Jane Doe", "Interview by ...")."""
_PREPOSITION = re.compile(r"^[\s\-–—―~*•·|>]*(?:von|par|por|di|door|de|av|af)\b", re.IGNORECASE)
"""Byline words that are also prepositions ("von Dienstag bis Freitag")."""
_NAMING_LEAD = re.compile(r"^[\s\-–—―~*•·|>]*(?:(?:posted|written|story|words)\s+)?by\b", re.IGNORECASE)
"""Lead words that vouch for a one-word name ("Posted by Konstantin"); "von Dienstag" is a preposition, "Text vorlesen" a button."""
MAX_LINE = 90
MAX_TEXT_NODES = 1500
REGION_LEVELS = 6




def _headline_region(tree: LexborHTMLParser, h1s: list[LexborNode] | None = None,
                     title: str | None = None) -> LexborNode | None:
    """Where a byline line is looked for: around the first <h1> (a few levels up), else the whole body.

    With the page's ``title`` known, an <h1> that shares none of its words is no headline (a search
    overlay's "No matches", a logo): when every <h1> is such, the body is searched.
    """
    h1s = tree.css("h1") if h1s is None else h1s
    texts = [(h, h.text(deep=True).strip()) for h in h1s[:5]]
    h1 = next((h for h, text in texts if text), None)  # not an empty logo <h1>
    if h1 is not None and title:
        words = _words(title)
        h1 = next((h for h, text in texts if text and _words(text) & words), None) if words else h1
    if h1 is None:
        return tree.body
    region = h1
    for _ in range(REGION_LEVELS):
        if region.parent is None or region.parent.tag in ("body", "html"):
            break
        region = region.parent
    return region


def _words(text: str) -> set[str]:
    """The words of a headline that carry its sense (four letters or more), case-folded."""
    return {w for w in re.findall(r"\w{4,}", text.casefold())}


def byline_text_evidence(tree: LexborHTMLParser, h1s: list[LexborNode] | None = None,
                         descriptions: list[dict[str, str | None]] | None = None,
                         title: str | None = None) -> list[Evidence]:
    """A byline line written in the page ("Von Jane Doe", "Ein Artikel von Jane Doe | 27.01.2022").

    Text nodes that open with a byline word are read together with their
    element; the first line that reads as names only, outside excluded
    regions, is the evidence; else a signature ending the article. Then a
    byline that the description meta opens with. ``h1s`` (the <h1> elements)
    and ``descriptions`` (the description metas' attributes): when the caller
    has them already. The last resorts (copyright holder, press contact) are
    a reader of their own (``last_resort_evidence``). ``title``: the page's <title>, to tell its headline.
    """
    root = _headline_region(tree, h1s, title)
    if root is None:
        return []
    line = _byline_line(root)
    wider = _widen(root, WIDER_LEVELS)
    if not line and wider is not root:
        line = _byline_line(wider, explicit=True)  # a byline column beside the headline's
    line = line or end_byline_evidence(tree)
    return line + description_byline_evidence(tree, descriptions)


LINE_ORIGINS = ("html:byline-text", "html:byline-end")
"""Origins of the byline lines ``byline_text_evidence`` finds in the page's text."""


WIDER_LEVELS = 3
"""Levels above the headline region searched again for lines that open with a byline word."""


def _widen(region: LexborNode, levels: int) -> LexborNode:
    """``levels`` ancestors up, short of <body>."""
    for _ in range(levels):
        if region.parent is None or region.parent.tag in ("body", "html"):
            break
        region = region.parent
    return region


def _byline_line(root: LexborNode, explicit: bool = False) -> list[Evidence]:
    """The first byline line under ``root``.

    ``explicit`` (a wider search): only lines opening with a byline word, and a
    lone word only when shaped like a user name ("by Method" is a recipe step).

    The walk passes over text nodes of ASCII white space without making them
    Python objects (a third of a page's nodes); they open no line, but count
    towards MAX_TEXT_NODES, so a line found is checked to stand within that
    many nodes (``_within``). ``_byline_line_plain`` walks every node, the reference.
    """
    data = byline_selectors()
    for count, node in enumerate(root.traverse(include_text=True, skip_empty=True)):
        if count > MAX_TEXT_NODES:
            break
        if not node.is_text_node:
            continue
        raw = node.text_content or ""
        cjk = "【" in raw[:3] and raw[:3].lstrip().startswith("【")
        lead = dated = None
        if len(raw) <= MAX_LINE and not raw.isspace():
            lead = _BYLINE_LEAD.match(raw)
            dated = not lead and not explicit and _DIGIT.search(raw) and DATE_HEAD.match(raw)
        if cjk or lead or dated:
            found = _line_at(node, raw, cjk, lead, bool(dated), explicit, data)
            if found:
                # past the limit, the plain walk stops before this node, every line before it read as none
                return found if _within(root, node, MAX_TEXT_NODES) else []
    return []


def _within(root: LexborNode, node: LexborNode, limit: int) -> bool:
    """True when ``node`` is among the first ``limit`` + 1 nodes of ``root``'s walk (text nodes included)."""
    for count, other in enumerate(root.traverse(include_text=True)):
        if count > limit:
            return False
        if other.mem_id == node.mem_id:
            return True
    return False


def _byline_line_plain(root: LexborNode, explicit: bool = False) -> list[Evidence]:
    """``_byline_line`` walking every text node of ``root`` (up to MAX_TEXT_NODES nodes)."""
    data = byline_selectors()
    for count, node in enumerate(root.traverse(include_text=True)):
        if count > MAX_TEXT_NODES:
            break
        if node.tag != "-text":
            continue
        raw = node.text_content or ""
        cjk = "【" in raw[:3] and raw[:3].lstrip().startswith("【")
        lead = _BYLINE_LEAD.match(raw)
        dated = not explicit and _DIGIT.search(raw) and DATE_HEAD.match(raw)
        found = _line_at(node, raw, cjk, lead, bool(dated), explicit, data)
        if found:
            return found
    return []


def _line_at(node: LexborNode, raw: str, cjk: bool, lead: re.Match[str] | None, dated: bool, explicit: bool,
             data: BylineSelectors) -> list[Evidence]:
    """The byline line the text node ``raw`` opens (``cjk``: it opens with "【"; ``lead``: its byline
    word; ``dated``: it opens with a date), or []."""
    if cjk:
        own = _CJK_DATELINE.match(raw)  # "【ロンドン＝岡田浩幸】１０日に…": the correspondent opens the story
        if own and node.parent is not None and not _excluded(node.parent, data):
            return [Evidence("byline", own.group("names"), "html:byline-text")]
    if len(raw) > MAX_LINE or raw.isspace() or not (lead or dated):
        return []
    # "Posted by Konstantin", "von zahlenzauberin": a lead word may vouch for one word; "Interview" heads a box
    single = bool(lead) and not _INTERVIEW_HEAD.match(raw)
    by_lead = bool(_NAMING_LEAD.match(raw)) and not explicit
    line = node.parent
    if lead and line is not None and _in_embed(line, data):
        return []
    for level in range(2):
        if line is None:
            break
        text = _line_text(line, node)
        if len(text) > MAX_LINE:
            break
        labelled = _is_label(text)
        if labelled:
            text = _labelled_line(line, text)
        if ((labelled or looks_like_byline(text, allow_single=single))
                and _names_people(parse_byline(text, allow_single=single).authors, vouched=bool(lead) and not explicit,
                                  by_lead=by_lead or (labelled and not explicit and not _PREPOSITION.match(text)))
                and not _excluded(line, data, own_marks=level > 0)):  # the line's own style class is no region
            return [Evidence("byline", text, "html:byline-text")]
        line = line.parent
    own = " ".join(raw.split())
    if (lead and not _is_label(own) and looks_like_byline(own, allow_single=single)
            and _names_people(parse_byline(own, allow_single=single).authors, vouched=not explicit, by_lead=by_lead)
            and node.parent is not None and not _excluded(node.parent, data, own_marks=False)):
        return [Evidence("byline", own, "html:byline-text")]  # "【纠错】 责任编辑： 焦鹏": the line is the text itself
    return []


def _line_text(element: LexborNode, node: LexborNode) -> str:
    """The element's text, or only the line ``node`` sits on when <br> breaks it into lines.

    "Von Jane Doe und John Roe<br>Kakuma/Kenia ..." is a byline line and a dateline;
    a line that is only the lead word ("Von<br>Jane Doe") keeps the whole.
    """
    if element.css_first("br") is None:
        return _text(element)
    lines: list[list[str]] = [[]]
    mine = -1
    for child in element.traverse(include_text=True):
        if child.tag == "br":
            lines.append([])
        elif child.tag == "-text":
            lines[-1].append(child.text_content or "")
            if child.mem_id == node.mem_id:
                mine = len(lines) - 1
    if mine < 0:
        return _text(element)
    text = " ".join(" ".join(lines[mine]).split())
    return text if text and not _is_label(text) else _text(element)


_USER_NAME = re.compile(r"^(?:[a-z][\w.-]*|\w*[\d_]\w*)$")
"""A one-word user name ("zahlenzauberin", "Marianne1"), not a capitalised word ("Dienstag")."""


def _names_people(names: list[str], vouched: bool, by_lead: bool = False) -> bool:
    """Names found, each a person.

    Without a byline word before them ("04.02.2022 | Aktuelle Meldung") each
    must open with a given name; after "von"/"par" (also prepositions) a lone
    word must be shaped like a user name, after "by" any lone word will do.
    """
    if not names:
        return False
    if not vouched:
        return all(is_given_name(n.split()[0]) or _USER_NAME.match(n) for n in names)
    return by_lead or all(_USER_NAME.match(n) or is_person_name(n) for n in names)


def _is_label(text: str) -> bool:
    """A byline word alone in its element ("Autor:", "By"): the name follows it."""
    m = _BYLINE_LEAD.match(text)
    return bool(m) and not text[m.end():].strip()


LABEL_LEVELS = 3
"""Levels a byline label may fill alone (its field in a label/value layout) before its name's field follows."""


def _labelled_line(label: LexborNode, text: str) -> str:
    """A byline word alone in its element with the names beside it: the whole line when the label's
    parent is a short line that opens with it ("<span>By </span><span>Jane Doe</span>, <span>John Roe</span>"),
    else the label and its next sibling (<h5>Autor:</h5> Jane Doe/Agency), or, where the label fills
    its own field of a label/value layout, the next field ("By" | "Jane Doe", "Date" | "May 5")."""
    parent = label.parent
    field = label
    for _ in range(LABEL_LEVELS):  # "<div><p><b>By</b></p></div><div><p>Jane Doe</p></div>": the label fills its field
        if parent is None or parent.tag in ("body", "html"):
            break
        whole = _text(parent)
        if whole != text:
            if whole.startswith(text) and len(whole) <= MAX_LINE and field is label:
                return whole
            break
        field, parent = parent, parent.parent
    return f"{text} {_next_text(field)}"


def _next_text(node: LexborNode) -> str:
    """Text of the first non-empty sibling after ``node`` (a name beside its label)."""
    sibling = node.next
    for _ in range(3):
        if sibling is None:
            break
        text = " ".join((sibling.text(deep=True, separator=" ") or "").split())
        if text:
            return text[:MAX_LINE]
        sibling = sibling.next
    return ""


_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:(?:19|20)\d{2})?)?)?"
    r"\s*,?\s*(?:by\s+)?(?P<name>[^|,;.©]{3,60}?)\s*(?:[.,|;].*)?$", re.IGNORECASE)
_YEARS_BY = re.compile(r"^[\W]*(?:19|20)\d{2}(?:\s*[-–]\s*(?:(?:19|20)\d{2})?)?\s+by\s+(?P<name>[^|,;.©]{3,60}?)\s*(?:[.,|;].*)?$",
                       re.IGNORECASE)
"""A copyright line without its sign, after a licence link: "(Creative Commons) 2006-2008 by Jane Doe"."""
LICENCE_HOLDER = '[property="cc:attributionName"], [rel~="cc:attributionURL"]'
"""The holder a Creative Commons licence notice names ("<a rel="cc:attributionURL">Jane Doe</a>")."""
_PICTURE_MARKS = re.compile(r"caption|credit|foto|photo|bild|image|img|media|gallery|picture", re.IGNORECASE)
MAX_COPYRIGHT_NODES = 20000


_ACADEMIC = re.compile(r"^(?:(?:dr|prof|dipl|ing|mag|med|rer|nat|phil|mba|msc)\.(?:-\w+\.)?\s*)+", re.IGNORECASE)
MAX_CONTACT_NODES = 8000
MAX_CONTACT_BOXES = 3
"""Contact boxes read, as the page lists them (``tree.css(contact_boxes.selector)``: a box once per word it holds)."""
CONTACT_LOOKAHEAD = 4


def last_resort_evidence(tree: LexborHTMLParser) -> list[Evidence]:
    """The person a copyright line or licence notice names, else a press release's contact person.

    Copyright: "© 2019 Jane Doe", "Copyright (c) 2012- Jane Doe. All rights
    reserved.", "2006-2008 by Jane Doe", a Creative Commons notice's attribution
    name. On a personal site the copyright holder is the writer. Only a full
    person name that opens with a known given name counts ("© TALENT Schweiz" is
    a company), and never a picture credit (a line inside a figure, caption or
    credit box).

    Contact: "Pressekontakt<br>Dr. Jane Doe<br>Pressesprecherin ...": a contact
    label alone in its element is followed, within a few text nodes, by such a
    name (an academic title allowed); or an element styled as a contact box holds one.

    Both are the last resorts for authors (trust.toml: html:copyright, then
    html:contact); one walk over the body's text nodes serves both. The walk is
    made only when the body's text, read in one call, holds a copyright line
    that names a person or a contact label (``_walk_may_find``): on most pages
    it holds neither. The contact boxes are found through shorter probes (``MarkedElements.find_listed``).
    ``last_resort_evidence_plain`` always walks and selects the boxes by the whole selector, the reference.
    """
    return _last_resort(tree, plain=False)


def last_resort_evidence_plain(tree: LexborHTMLParser) -> list[Evidence]:
    return _last_resort(tree, plain=True)


def _last_resort(tree: LexborHTMLParser, plain: bool) -> list[Evidence]:
    body = tree.body
    if body is None:
        return []
    data = byline_selectors()
    contact: Evidence | None = None
    if plain or _walk_may_find(body, data):
        found, contact = _last_resort_walk(body, data)
        if found is not None:
            return [found]
    for node in tree.css(LICENCE_HOLDER):
        name = _text(node)
        if _holder(name) and not _in_picture(node):
            return [Evidence("byline", name, "html:copyright")]
    if contact is not None:
        return [contact]
    if plain:
        boxes = tree.css(data.contact_boxes.selector)
    else:  # the same list through fewer selector alternatives
        boxes = data.contact_boxes.find_listed(tree.root) if tree.root is not None else []
    for box in boxes[:MAX_CONTACT_BOXES]:
        for node in box.traverse(include_text=True):
            name = _contact_name((node.text_content or "").strip()) if node.tag == "-text" else None
            if name:
                return [Evidence("byline", name, "html:contact")]
    return []


def _last_resort_walk(body: LexborNode, data: BylineSelectors) -> tuple[Evidence | None, Evidence | None]:
    """(the copyright holder, the first contact person) the body's text nodes name, in one walk."""
    contact: Evidence | None = None
    ahead = 0
    for count, node in enumerate(body.traverse(include_text=True)):
        if count > MAX_COPYRIGHT_NODES:
            break
        if node.tag != "-text":
            continue
        raw = node.text_content or ""
        if len(raw) <= MAX_COPYRIGHT_LINE and ("©" in raw or "opyright" in raw or "(c)" in raw or "(C)" in raw or "by " in raw):
            holder = _copyright_holder(node, raw)
            if holder:
                return Evidence("byline", holder, "html:copyright"), None
        if contact is not None or count > MAX_CONTACT_NODES:
            continue
        text = raw.strip()
        if not text:
            continue
        if ahead:
            ahead -= 1
            name = _contact_name(text)
            if name and not _in_link(node) and not _excluded(node.parent, data):
                contact = Evidence("byline", name, "html:contact")
        elif len(text) <= 40 and text.rstrip(" :").casefold() in data.contact_labels and not _in_link(node):
            ahead = CONTACT_LOOKAHEAD  # a label, not a menu link to the contact page
    return None, contact


MAX_COPYRIGHT_LINE = 160
_HOLDER_OPENINGS = re.compile(r"\x00(?=\s*(?:©|\(c\)|copyright)|\W*(?:19|20)\d\d)", re.IGNORECASE)
"""Text fragments (each after a "\\x00") that ``_COPYRIGHT`` or ``_YEARS_BY`` may read: a copyright sign or word,
or a year, opening the text (past white space and marks)."""


WIDER_FOLDS = {"ss": "ßẞ", "ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "st": "ﬅﬆ"}
"""Letters that case-fold to two or three letters ("ß" to "ss", "ﬁ" to "fi"): a pattern's case aside does not
read them so. Every other letter folds to the one letter it matches case aside (a test holds both to every
code point)."""


def _fold_variants(word: str) -> list[str]:
    """``word`` (case-folded) and its spellings with the letters that fold to two or three of its letters
    ("pressekontakt", "preßekontakt", "preẞekontakt")."""
    if not word:
        return [""]
    out = [word[0] + rest for rest in _fold_variants(word[1:])]
    for folded, letters in WIDER_FOLDS.items():
        if word.startswith(folded):
            out += [letter + rest for letter in letters for rest in _fold_variants(word[len(folded):])]
    return out


@lru_cache(maxsize=4)
def _contact_openings(labels: frozenset[str]) -> re.Pattern[str]:
    """Text fragments (each after a "\\x00") that may be a contact label, white space and colons around it
    aside: every text whose case-folded form is a label matches (a case-aside match of its spellings)."""
    spellings = {v for label in labels for v in _fold_variants(label)}
    words = "|".join(re.escape(w) for w in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"\x00(?=\s*{first_char_guard(spellings)}(?:{words})[\s:]*\x00)", re.IGNORECASE)


def _walk_may_find(body: LexborNode, data: BylineSelectors) -> bool:
    """False when no text node of ``body`` names a copyright holder (``_copyright_name``) and no contact
    label is followed, within CONTACT_LOOKAHEAD text nodes, by a contact name (``_contact_name``): then
    the walk finds neither. Read off the body's text in one call, its text nodes apart (ASCII white
    space alone is none of these, nor counts as a node after a label)."""
    joined = f"\x00{body.text(deep=True, separator=chr(0), skip_empty=True)}\x00"
    for m in _HOLDER_OPENINGS.finditer(joined):
        raw = joined[m.end():joined.index("\x00", m.end())]
        if len(raw) <= MAX_COPYRIGHT_LINE and _copyright_name(raw) is not None:
            return True
    fragments: list[str] | None = None
    for m in _contact_openings(data.contact_labels).finditer(joined):
        if fragments is None:
            fragments = joined.split("\x00")  # the text nodes
        after = (f.strip() for f in fragments[joined.count("\x00", 0, m.start()) + 2:])
        if any(_contact_name(text) for text in islice((t for t in after if t), CONTACT_LOOKAHEAD)):
            return True
    return False


def _copyright_holder(node: LexborNode, raw: str) -> str | None:
    """The person a copyright text node names, or None."""
    found = _copyright_name(raw)
    if found is not None and not _in_picture(node, marks=found[1]):
        return found[0]
    return None


def _copyright_name(raw: str) -> tuple[str, bool] | None:
    """(the person a copyright text names, whether it has a copyright sign) or None; the text alone,
    not where it stands."""
    signed = "©" in raw or "opyright" in raw or "(c)" in raw or "(C)" in raw
    if signed:
        m = _COPYRIGHT.match(" ".join(raw.split()))
    elif "by " in raw:
        m = _YEARS_BY.match(" ".join(raw.split()))  # years are no photo credit: a site's "credits" box may hold it
    else:
        return None
    if m is not None and _holder(m.group("name").strip()):
        return m.group("name").strip(), signed
    return None


def _in_link(node: LexborNode) -> bool:
    """True for text inside a link (menus and teasers link their entries)."""
    current = node.parent
    for _ in range(3):
        if current is None:
            return False
        if current.tag == "a":
            return True
        current = current.parent
    return False


def _contact_name(text: str) -> str | None:
    """A full person name alone in a text node, an academic title allowed and dropped ("Dr. Jane Doe" -> "Jane Doe")."""
    if not 4 <= len(text) <= 60:
        return None
    bare = _ACADEMIC.sub("", text).strip()
    return bare if bare and is_person_name(text) and _holder(bare) else None  # authors carry no academic titles


def _holder(name: str) -> bool:
    """A person's full name opening with a known given name ("© TALENT Schweiz" is a company)."""
    return is_person_name(name) and is_given_name(name.split()[0]) and not is_organisation(name)


def _in_picture(node: LexborNode, marks: bool = True) -> bool:
    """True inside a figure, a caption or (``marks``) a photo credit box (a photographer, not the writer)."""
    current = node.parent
    for _ in range(5):
        if current is None or current.tag in ("body", "html"):
            return False
        if current.tag in ("figure", "figcaption", "picture"):
            return True
        if marks and _PICTURE_MARKS.search(f"{current.attributes.get('class') or ''} {current.attributes.get('id') or ''}"):
            return True
        current = current.parent
    return False


MIN_BODY_PARAGRAPH = 80
END_BLOCKS = 4
MAX_END_LINE = 60
_SIGNATURE_TAGS = frozenset({"em", "strong", "b", "i", "span", "p", "div"})


def _article_body(tree: LexborHTMLParser) -> LexborNode | None:
    """The element holding most of the page's long paragraphs (two at least)."""
    counts: dict[int, tuple[int, LexborNode]] = {}
    for p in tree.css("p")[:600]:
        parent = p.parent
        if parent is None or len(p.text(deep=True)) < MIN_BODY_PARAGRAPH:
            continue
        n, _ = counts.get(parent.mem_id, (0, parent))
        counts[parent.mem_id] = (n + 1, parent)
    if not counts:
        return None
    n, body = max(counts.values(), key=lambda item: item[0])
    return body if n >= 2 else None


def end_byline_evidence(tree: LexborHTMLParser) -> list[Evidence]:
    """A writer signing at the end of the article: "<p><em>Jane Doe</em></p>", "— Jane Doe", "Text: Jane Doe",
    or the writers end credits name ("(Reporting by Jane Doe; Editing by John Roe)": ``end_credit_names``).

    Only the last few blocks of the article body are read; a line counts when
    it holds nothing but person names that each open with a known given name
    (a signature, not a heading or a quote).
    """
    body = _article_body(tree)
    if body is None:
        return []
    data = byline_selectors()
    for block in _last_blocks(body, END_BLOCKS):
        whole = _text(block)
        credited = end_credit_names(whole, data)
        if credited:
            return [Evidence("byline", " and ".join(credited), "html:byline-end")]  # joined: every name is a writer
        for node in (block, _last_inline(block)):
            if node is None:
                continue
            text = whole if node is block else _text(node)
            if len(text) > MAX_END_LINE:
                continue
            signed = _signed_off(text, data)
            if signed:
                return [Evidence("byline", signed, "html:byline-end")]
            if not looks_like_byline(text):
                continue
            names = parse_byline(text).authors
            if names and all(is_given_name(n.split()[0]) for n in names):
                return [Evidence("byline", text, "html:byline-end")]
    return []


MAX_CREDIT_LINE = 600
_CREDIT_TAIL = re.compile(r"\((?P<credits>[^()]{8,600})\)\s*$")
"""End credits in parentheses closing the last paragraph: "... it said. (Reporting by Jane Doe; Editing by John Roe)"."""


def end_credit_names(text: str, data: BylineSelectors) -> list[str] | None:
    """The writers an end-credit line names, or None when ``text`` is no such line.

    "(Reporting by Jane Doe in London and John Roe; Editing by Max Mustermann)"
    gives Jane Doe and John Roe: every part must open with a credit phrase
    (byline_html.toml [end_credits]); writers' parts give their people (a
    place after "in" dropped), editors' and helpers' parts ("Additional
    reporting by", "Editing by") none. A line crediting only helpers names no writer.
    """
    if len(text) > MAX_CREDIT_LINE + 400 or not text:
        return None
    line = text.strip()
    if line.endswith(")"):
        tail = _CREDIT_TAIL.search(line)
        if tail is None:
            return None
        line = tail.group("credits")
    line = line.strip(" .")
    if len(line) > MAX_CREDIT_LINE or data.credit.match(line) is None:
        return None
    names: list[str] = []
    for part in data.credit_split.split(line):
        m = data.credit.match(part)
        if m is None:
            return None  # prose, not a list of credits
        if " ".join(m.group("phrase").casefold().split()) not in data.credit_writers:
            continue
        parsed = parse_byline(m.group("names").strip(" .:"))
        if parsed.unknown or not parsed.authors:
            return None
        names.extend(n for n in parsed.authors if n not in names)
    return names or None


def _last_blocks(body: LexborNode, count: int) -> list[LexborNode]:
    """The body's last ``count`` children that may hold a signature (a signature tag, some text), last first.
    Read from the end: only the children after the last ``count`` such ones are passed over, not every
    paragraph's text (``_last_blocks_plain`` reads them all; a test holds the two to the same result)."""
    out = []
    for child in reversed(list(body.iter())):
        if child.tag in _SIGNATURE_TAGS and _text(child):
            out.append(child)
            if len(out) == count:
                break
    return out


def _last_blocks_plain(body: LexborNode, count: int) -> list[LexborNode]:
    blocks = [c for c in body.iter() if c.tag in _SIGNATURE_TAGS and _text(c)]
    return list(reversed(blocks[-count:]))


def _signed_off(text: str, data: BylineSelectors) -> str | None:
    """The name after a sign-off ("Euer HansEhrlich", "Liebe Grüße, Jane"): the sign-off vouches for one word."""
    m = data.sign_off.match(text)
    if m is None:
        return None
    rest = text[m.end():].strip(" ,!.")
    if not rest or not rest[0].isupper():
        return None
    parsed = parse_byline(rest, allow_single=True)
    if len(parsed.authors) != 1 or parsed.unknown or parsed.organisations:
        return None
    name = parsed.authors[0]
    if " " not in name and not (is_given_name(name) or _ACCOUNT.match(name)):
        return None  # "Ihre Meinung" is a heading; "Jane" or "HansEhrlich" sign
    return rest


_ACCOUNT = re.compile(r"^\w*(?:[a-z][A-Z]|[\d_])\w*$")
"""A user name by its shape: an inner capital or a digit ("HansEhrlich", "Marianne1")."""


def _last_inline(block: LexborNode) -> LexborNode | None:
    """The emphasised run that ends a paragraph ("... Gefühle.<br><em>Jane Doe</em>")."""
    last = None
    for child in block.iter(include_text=True):  # text after the run ("<b>Jane Doe,</b> a student, ...") ends no signature
        if child.tag != "-text" or (child.text_content or "").strip():
            last = child
    if last is None or last.tag not in ("em", "strong", "b", "i"):
        return None
    return last


_SLUG = re.compile(r"/(?P<slug>[^\W\d_]+(?:[-_][^\W\d_]+){1,3})(?:\.?html?)?/?$")


def profile_name_evidence(evidence: Sequence[Evidence], markup: str | None) -> list[Evidence]:
    """A writer named only by the profile URL an author tag gives ("/contributors/jane-q-doe"), when the page
    shows that name as it spells it ("Jane Q Doe"): the slug alone may be a handle or an old name."""
    if not markup:
        return []
    for ev in evidence:
        if ev.field != "author" or not ev.value.strip().lower().startswith(("http://", "https://")):
            continue
        m = _SLUG.search(ev.value.strip().split("?")[0])
        if m is None:
            continue
        words = re.split(r"[-_]", m.group("slug"))
        if words[-1].lower().endswith("html"):
            words[-1] = words[-1][:-4]
        name = " ".join(w[:1].upper() + w[1:] for w in words if w)
        if len(name.split()) < 2 or not is_person_name(name):
            continue
        shown = re.search(r"(?<![\w-])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w-])", markup, re.IGNORECASE)
        if shown is not None:
            return [Evidence("byline", " ".join(shown.group(0).split()), "html:profile-url")]
    return []


_DESCRIPTION_CUT = re.compile(r"\s[–—-]\s|\s\(|[.!?:]\s|\s{2,}")
DESCRIPTION_SELECTOR = 'meta[name="description"], meta[property="og:description"]'


def is_description(attrs: dict[str, str | None]) -> bool:
    """The attributes of a <meta> that DESCRIPTION_SELECTOR selects."""
    return attrs.get("name") == "description" or attrs.get("property") == "og:description"


def description_byline_evidence(tree: LexborHTMLParser,
                                descriptions: list[dict[str, str | None]] | None = None) -> list[Evidence]:
    """A description that opens with the byline ("Posted by Jane Doe and John Roe - Security team Over the ...").

    Blog platforms put the post's first line, often its byline, in the
    description; the names run up to a dash, a parenthesis or a sentence end.
    ``descriptions``: the attributes of the description metas, when the caller has them already.
    """
    if descriptions is None:
        descriptions = [node.attributes for node in tree.css(DESCRIPTION_SELECTOR)]
    for attrs in descriptions:
        content = " ".join((attrs.get("content") or attrs.get("value") or "").split())
        lead = _BYLINE_LEAD.match(content)
        if lead is None or DATE_HEAD.match(content) or not _NAMING_LEAD.match(content) and not lead.group(0).strip():
            continue
        cut = _DESCRIPTION_CUT.search(content, lead.end())
        head = content[: cut.start()] if cut else content
        if len(head) <= MAX_LINE and looks_like_byline(head):
            names = parse_byline(head).authors
            if names and all(" " in n for n in names):
                return [Evidence("byline", head, "meta:description-byline")]
    return []
