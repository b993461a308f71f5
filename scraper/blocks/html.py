"""HTML pages -> blocks of the main content.

Our own extractor: prune chrome (prune.py), cut the page into text units
(segment.py), pick the element holding the most net prose (score.py) and turn
the units inside it into blocks. Where it is not confident (little prose, no
clear container), trafilatura extracts that page instead, and the returned
extractor name says which path produced the text.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from ..lexicon import alnum_only, ends_sentence
from ..model import Block, BlockKind, Evidence
from .extractor import Extraction, ParsedPage, text_chars
from . import pagetype
from .prune import Typed, prune
from .score import Choice, choose, weight, weight_of_text
from .segment import THREAD_PROSE_BEFORE, Segmentation, Unit, segment

if TYPE_CHECKING:
    from lxml import etree

MIN_SCORE = 150.0
"""Net prose (characters) the chosen container must hold for us to trust it."""
MIN_PROSE_SHARE = 0.4
"""Share of the page's prose the chosen container must hold: less means the article is split
or the page is a list of teasers, where we are not sure which part is the article."""
ALL_PROSE_CHARS = 1000
ALL_PROSE_SHARE = 0.9
"""A container holding this much prose, and nearly all of the page's, is the article whatever
its net score."""
MAX_LINK_DENSITY = 0.5
MAX_BYLINE_WORDS = 12
TAIL_PROSE = 40.0
MAX_LABEL_CHARS = 60
MAX_INTRO_CHARS = 80
BODY_MIN_CHARS = 400
"""A declared article body (JSON-LD articleBody) shorter than this is a teaser, not the text."""
BODY_MIN_COVER = 0.6
"""Share of our prose the declared body must contain before it may veto the rest."""
_TAG = re.compile(r"<[^>]*>")

_KIND_BY_TAG = {
    "p": BlockKind.PARAGRAPH,
    "head": BlockKind.HEADING,
    "item": BlockKind.LIST_ITEM,
    "quote": BlockKind.QUOTE,
    "code": BlockKind.CODE,
    "row": BlockKind.TABLE_ROW,
}


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _walk(el: etree._Element, out: list[Block]) -> None:
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "row":
            cells = [_text(c) for c in child if isinstance(c.tag, str)]
            text = " | ".join(c for c in cells if c)
            if text:
                out.append(Block(text, BlockKind.TABLE_ROW))
        elif tag in ("p", "head", "item", "code") or (tag == "quote" and not any(isinstance(c.tag, str) and c.tag == "p" for c in child)):
            text = _text(child)
            if text:
                level = int(child.get("rend", "h2")[1:] or 2) if tag == "head" and child.get("rend", "").startswith("h") else 0
                out.append(Block(text, _KIND_BY_TAG[tag], level=level))
        else:
            _walk(child, out)


def trafilatura_blocks(html: str, url: str | None = None, fast: bool = True) -> list[Block]:
    """Main-content blocks as trafilatura finds them (the fallback path). ``fast`` skips its
    second opinions (readability, jusText): most of its time on the pages that come here.
    Imported here, not at the top: most pages never come here, and trafilatura takes
    about 0.2 s to import, which a one-page run or a fresh worker would pay for nothing."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        html, url=url, fast=fast, output_format="xml", include_comments=False, include_tables=True,
        include_images=False, include_formatting=False, with_metadata=False, deduplicate=False,
    )
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"))
    blocks: list[Block] = []
    main = root.find("main")
    _walk(main if main is not None else root, blocks)
    return blocks


def confident(choice: Choice | None) -> bool:
    """Is the chosen container clearly an article?"""
    if choice is None:
        return False
    if choice.prose_chars >= ALL_PROSE_CHARS and choice.prose_chars >= ALL_PROSE_SHARE * choice.total_prose:
        return True  # it holds the page's prose, however many short lines (code, tables) pull its score down
    return choice.score >= MIN_SCORE and choice.prose_chars >= MIN_PROSE_SHARE * choice.total_prose


LEAD_SCAN = 12
"""Units before the container searched for the article's headline."""
LEAD_MAX_LINKS = 0.3


def _title_keys(evidence: Sequence[Evidence]) -> list[str]:
    return [k for k in (_key(htmllib.unescape(e.value)) for e in evidence if e.field == "title") if len(k) >= 8]


def _is_headline(text: str, titles: list[str]) -> bool:
    """Does a heading repeat the page's declared title (whole, or the title with the site name)?"""
    key = _key(text)
    return len(key) >= 8 and any(key in t or t in key for t in titles)


def _in_figure(seg: Segmentation, element: int, levels: int = 4) -> bool:
    """Is the element inside a <figure> (an image's caption, whatever its markup says)?"""
    for _ in range(levels):
        if element < 0:
            return False
        if seg.tag[element] == "figure":
            return True
        element = seg.parent[element]
    return False


def lead_units(seg: Segmentation, elements: list[int], titles: list[str]) -> set[int]:
    """Prose between the article's headline and the chosen container: a standfirst or lead
    that the layout put in the header beside the title, outside the body's box.

    Only when a heading right above the container repeats the page's declared title, so the
    units in between are known to sit between the headline and its text."""
    if not titles:
        return set()
    ranges = [(e, seg.end[e]) for e in elements]
    units = seg.units
    inside = _inside(seg, ranges)
    first = next((i for i, u in enumerate(units) if inside[u.inner]), None)
    if not first:
        return set()
    for h in range(first - 1, max(-1, first - 1 - LEAD_SCAN), -1):
        u = units[h]
        if u.kind is BlockKind.HEADING and _is_headline(u.text, titles):
            return {i for i in range(h + 1, first)
                    if units[i].link_density <= LEAD_MAX_LINKS and (weight(units[i]) > 0 or _is_dek(units[i]))
                    and not _in_figure(seg, units[i].element)}
    return set()


DEK_MIN_WORDS = 4


def _is_dek(unit: Unit) -> bool:
    """A subheading right under the headline (an <h2> standfirst): the article's own summary
    line, short and without sentence punctuation, so it has no weight as prose."""
    return unit.kind is BlockKind.HEADING and unit.level > 1 and len(unit.text.split()) >= DEK_MIN_WORDS


def _inside(seg: Segmentation, ranges: Sequence[tuple[int, int]]) -> bytearray:
    """For each element id, 1 when it lies in one of ``ranges`` (``lo <= id < hi``): one lookup a
    unit instead of a generator over the ranges."""
    inside = bytearray(len(seg.tag))
    for lo, hi in ranges:
        inside[lo:hi] = b"\x01" * (hi - lo)
    return inside


def units_to_blocks(seg: Segmentation, elements: list[int], extra: set[int] = frozenset(),
                    titles: Sequence[str] = ()) -> list[Block]:
    """The units inside ``elements`` (and the ``extra`` unit indices) as blocks, link lists and
    date stamps left out. ``titles`` (keys of the page's declared titles) mark its headline."""
    ranges = [(e, seg.end[e]) for e in elements]
    blocks: list[Block] = []
    boxes: list[int] = []
    """For each block, the element around its own block element (the box it sits in)."""
    owners: list[int] = []
    """For each block, its own block element (a box itself, for text set loose in a box)."""
    label_ok = True
    """False once a link list has followed the last block: a label right before a link list is its heading."""
    units = seg.units
    if len(ranges) == 1:  # the usual case, without a generator per unit
        (lo, hi), = ranges
        picked = [i for i, u in enumerate(units) if lo <= u.inner < hi or i in extra]
    else:
        inside = _inside(seg, ranges)
        picked = [i for i, u in enumerate(units) if inside[u.inner] or i in extra]
    stop = _thread_start(seg, ranges, picked)
    picked = [units[i] for i in picked if i < stop]
    teasers = _teaser_run_blurbs(picked) | _cut_short_teasers(picked) | _closing_teaser(picked, seg.parent)
    if teasers:
        picked = [u for j, u in enumerate(picked) if j not in teasers]
    for j, u in enumerate(picked):
        ld = u.link_density
        if ld > MAX_LINK_DENSITY:
            if blocks and label_ok and _is_label(blocks[-1]) and _link_run(picked, j) >= LINK_LIST_MIN:
                blocks.pop()
                boxes.pop()
                owners.pop()
            label_ok = False
            continue
        if u.in_time or u.thread or (u.kind is not BlockKind.CODE and looks_like_script(u.text)):
            continue
        label_ok = True
        kind = u.kind
        if kind is BlockKind.BYLINE and len(u.text.split()) > MAX_BYLINE_WORDS:
            continue  # an author box or bio, not a byline
        blocks.append(Block(u.text, kind, link_density=ld, level=u.level if kind is BlockKind.HEADING else 0))
        boxes.append(seg.parent[u.element])
        owners.append(u.element)
    return _trim_head(_trim_tail(blocks, boxes, owners), titles)


SCRIPT_MARKS = frozenset("{}=;")
SCRIPT_MIN_MARKS = 6
SCRIPT_MARK_SHARE = 0.03
"""Braces, assignments and semicolons this often in a line of text are script source, not prose."""
_SCRIPT_SHAPES = ("{", "}", "('", "(\"", "()", ");")
"""A block or a call: what script source has and a formula does not."""


_CODE_OPS = re.compile(r"&&|\|\||[!=]==?|\+=|\(\)")
CODE_OPS_MIN = 4
"""Logical and comparison operators, empty calls: this many mark script source however long
its lines of names are (code without semicolons, where the marks above are too thin)."""


def looks_like_script(text: str) -> bool:
    """Script source shown as text (a script cut short by a stray end tag in one of its strings,
    an inline handler's code): prose of any language seldom has braces and assignments at all."""
    if "=" not in text or not any(m in text for m in _SCRIPT_SHAPES):
        return False  # a formula ("a = 4 cm; b = 3 cm") has assignments but no calls or blocks
    marks = sum(1 for c in text if c in SCRIPT_MARKS)
    if marks >= SCRIPT_MIN_MARKS and marks >= SCRIPT_MARK_SHARE * len(text):
        return True
    return marks >= SCRIPT_MIN_MARKS and len(_CODE_OPS.findall(text)) >= CODE_OPS_MIN


def _thread_start(seg: Segmentation, ranges: list[tuple[int, int]], picked: list[int]) -> int:
    """Index of the first unit of a comment thread that opens inside the article's box after
    some of its prose (segment.py finds the anchors): the article ends there, whatever box the
    thread's entries sit in."""
    units = seg.units
    for start, box in seg.threads:
        if any(lo <= box < hi for lo, hi in ranges) and any(
                i < start and len(units[i].text) >= THREAD_PROSE_BEFORE and units[i].link_density < LEAD_MAX_LINKS
                for i in picked):
            return start
    return len(units)


TEASER_RUN_MIN = 3
"""Teasers in a row (a headline link, then one short text) that make a list of other stories."""
TEASER_RUN_AFTER = 0.5
"""Share of the article's prose that must lie above such a run: a river of teasers follows a story."""


def _teaser_run_blurbs(picked: Sequence[Unit]) -> set[int]:
    """Positions of the blurbs of teaser runs after the story: headline links, each followed by
    one short text without links (section heads may stand between them). The links go anyway
    (link density); their blurbs read as prose and would be appended to the article. A run
    counts when most of the prose outside such runs lies above it."""
    prose = [len(u.text) if u.link_density < LEAD_MAX_LINKS and len(u.text) >= pagetype.PROSE_MIN_CHARS else 0
             for u in picked]
    runs: list[list[int]] = []
    run: list[int] = []
    titled = False

    def close() -> None:
        if len(run) >= TEASER_RUN_MIN:
            runs.append(list(run))
        run.clear()

    for j, u in enumerate(picked):
        if u.link_density > MAX_LINK_DENSITY:
            # Inside a run any link line heads the next teaser (a two-word headline, a section link).
            titled = titled or bool(run) or pagetype.is_teaser_title(u.text)
        elif titled and pagetype.is_blurb(u.text, u.link_density):
            run.append(j)
            titled = False
        elif prose[j]:
            if run and run[-1] == j - 1:
                run.pop()  # a second paragraph: that "blurb" opened a part of the story
            close()
            titled = False
    close()
    if not runs:
        return set()
    in_runs = {j for r in runs for j in r}
    story = [0 if j in in_runs else n for j, n in enumerate(prose)]
    total = sum(story)
    return {j for r in runs if sum(story[:r[0]]) >= TEASER_RUN_AFTER * total for j in r}


CLOSING_BLURBS_MAX = 2
CALL_TO_ACTION_WORDS = 3
CLOSING_STORY_SHARE = 2.0
"""A closing teaser's texts are at most this many short ones, and the story above it holds at
least this many times their characters of prose."""


def _closing_teaser(picked: Sequence[Unit], parent: Sequence[int]) -> set[int]:
    """Positions of a lone teaser or offer box closing the article's box: a heading over one or
    two short texts in a box of its own (not the story's last part's box), marked as a pointer
    elsewhere by a link: a headline link on top, or a short link line right under it ("more",
    "to all articles"; a headline-sized link there may be the story's own last reference). Its
    text reads as prose and would end the article otherwise."""
    last = next((j for j in range(len(picked) - 1, -1, -1)
                 if picked[j].link_density <= MAX_LINK_DENSITY and picked[j].kind is not BlockKind.HEADING
                 and weight(picked[j]) > 0), None)
    if last is None:
        return set()
    first = last
    while (last - first < CLOSING_BLURBS_MAX and pagetype.is_blurb(picked[first].text, picked[first].link_density)
           and first > 0 and picked[first - 1].kind is not BlockKind.HEADING
           and picked[first - 1].link_density <= MAX_LINK_DENSITY and weight(picked[first - 1]) > 0):
        first -= 1
    blurbs = range(first, last + 1)
    if first < 1 or not all(pagetype.is_blurb(picked[j].text, picked[j].link_density) for j in blurbs):
        return set()
    head = picked[first - 1]
    titled = head.link_density > MAX_LINK_DENSITY and pagetype.is_teaser_title(head.text)
    if not (titled or head.kind is BlockKind.HEADING):
        return set()
    after = picked[last + 1] if last + 1 < len(picked) else None
    if not titled and (after is None or after.link_density <= MAX_LINK_DENSITY
                       or len(after.text.split()) > CALL_TO_ACTION_WORDS):
        return set()  # a plain heading needs its box's call to action ("more", "all articles") under it
    story = [u for u in picked[:first - 1] if u.link_density < LEAD_MAX_LINKS and weight(u) > 0]
    if not story or parent[story[-1].element] in (parent[head.element], parent[picked[first].element]):
        return set()
    if sum(len(u.text) for u in story) < CLOSING_STORY_SHARE * sum(len(picked[j].text) for j in blurbs):
        return set()
    return {first - 1, *blurbs}


_ELLIPSES = ("...", "…")
MORE_LINK_WORDS = 3
"""A "more" link under a teaser: a link line of at most this many words."""


def _cut_short_teasers(picked: Sequence[Unit]) -> set[int]:
    """Positions of teaser texts cut short: a text ending in an ellipsis between a headline link
    and a short link line ("[ more ]", "Link zum Artikel") is the start of another page's story,
    wherever the box stands (a promo box above the story, one teaser in its column). An
    ellipsis inside a story's text is never framed by links on both sides."""
    out = set()
    for j in range(1, len(picked) - 1):
        u = picked[j]
        if (u.text.endswith(_ELLIPSES) and u.link_density <= LEAD_MAX_LINKS
                and picked[j - 1].link_density > MAX_LINK_DENSITY
                and picked[j + 1].link_density > MAX_LINK_DENSITY
                and len(picked[j + 1].text.split()) <= MORE_LINK_WORDS):
            out.add(j)
    return out


LINK_LIST_MIN = 2
"""Links in a row that make a list whose label goes with it; one link line (a "to the offer »"
button) leaves the short line above it (a sign-off, a name) alone."""


def _link_run(units: Sequence[Unit], start: int) -> int:
    """How many link-dense units follow in a row from ``start``."""
    n = 0
    for u in units[start:]:
        if u.link_density <= MAX_LINK_DENSITY:
            break
        n += 1
        if n >= LINK_LIST_MIN:
            break
    return n


HEAD_SCAN = 8
"""Blocks before the article's title that are looked at by the head trim."""


def _trim_head(blocks: list[Block], titles: Sequence[str] = ()) -> list[Block]:
    """Short lines above the article's top heading (a kicker, a breadcrumb, a date and
    section stamp) are page furniture: the title opens the article. The top heading is an
    ``<h1>``, or a heading of any level that repeats the page's declared title (layouts that
    keep ``<h1>`` for the site's name set the headline in an ``<h2>``)."""
    for i, b in enumerate(blocks[:HEAD_SCAN]):
        if b.kind is BlockKind.HEADING and (b.level == 1 or (titles and _is_headline(b.text, titles))):
            if i and all(_is_label(x) for x in blocks[:i]):
                return blocks[i:]
            return blocks
    return blocks


def _is_label(block: Block) -> bool:
    """A short line that is not a sentence: a heading or a "Related:" style label."""
    return len(block.text) <= MAX_LABEL_CHARS and not ends_sentence(block.text)


def _is_prose(block: Block) -> bool:
    """A block that can end an article: a sentence, or a long line."""
    if block.link_density > 0.3 or block.kind is BlockKind.HEADING:
        return False  # a heading, even one asking a question, opens a part: it never ends the article
    if block.kind in (BlockKind.CODE, BlockKind.TABLE_ROW):
        return True
    if ends_sentence(block.text):
        return True
    return block.kind is not BlockKind.HEADING and weight_of_text(block.text, block.link_density) >= TAIL_PROSE


def _trim_tail(blocks: list[Block], boxes: list[int], owners: Sequence[int] = ()) -> list[Block]:
    """The article ends with its last prose block: short lines after it in another box are the
    page's tail (contact boxes, "more on this" headings, tag lists); short lines in the same
    box as the prose (a sign-off, a last list) stay. Text set loose in the prose's box, after
    its paragraphs (``<div><p>…</p><cite>With files from …</cite></div>``), is in that box too,
    though its own block element is the box itself. ``owners``: each block's own element."""
    for i in range(len(blocks) - 1, -1, -1):
        if _is_prose(blocks[i]):
            box = boxes[i]
            end = i + 1
            while end < len(blocks) and (boxes[end] == box or (owners and owners[end] == box)):
                end += 1
            while end > i + 1 and (_introduces(blocks[end - 1]) or _heads_nothing(blocks[end - 1])):
                end -= 1
            while end > 0 and _introduces(blocks[end - 1]):
                end -= 1
            return blocks[:end]
    return blocks


def _heads_nothing(block: Block) -> bool:
    """A heading left last: it opens a part (a teaser, an offer box) of which nothing was kept.
    A statement set as a heading (a pull quote ending with a full stop) is the story's own."""
    return block.kind is BlockKind.HEADING and not block.text.rstrip().endswith(_STATEMENT_ENDS)


_STATEMENT_ENDS = (".", "!", "。", "！")


def _introduces(block: Block) -> bool:
    """A short line ending in a colon with nothing after it: the label of a part that was cut
    (a link list, a contact box), not article text."""
    return len(block.text) <= MAX_INTRO_CHARS and block.text.endswith((":", "："))


def _key(text: str) -> str:
    """Letters and digits only, lower-cased: markup, spacing, soft hyphens and quotes differ
    between a page's text and its declared body."""
    return alnum_only(text.lower())


def filter_by_declared_body(blocks: list[Block], evidence: Sequence[Evidence]) -> list[Block]:
    """The page's own statement of its article text (JSON-LD articleBody) vetoes blocks it lacks.

    Only a full body counts: it must be long and contain most of our prose already, else it is
    a teaser or a different text and nothing is dropped."""
    bodies = [e.value for e in evidence if e.field == "article_body"]
    if not bodies or not blocks:
        return blocks
    body = _key(htmllib.unescape(_TAG.sub(" ", max(bodies, key=len))))
    if len(body) < BODY_MIN_CHARS:
        return blocks
    found = [_key(b.text) in body for b in blocks]
    if not any(found):
        return blocks
    first = found.index(True)
    # A lead or standfirst before the body is often left out of it: coverage counts from the
    # first block the body holds.
    prose = [len(b.text) if b.kind is not BlockKind.HEADING and i >= first else 0 for i, b in enumerate(blocks)]
    total = sum(prose)
    if not total or sum(n for n, f in zip(prose, found) if f) < BODY_MIN_COVER * total:
        return blocks
    last = max(i for i, f in enumerate(found) if f)
    # Only the tail goes: a lead or standfirst before the body is often left out of it.
    return blocks[:last + 1]


class MarkupExtractor:
    """Our own path: prune, segment, choose the container, turn its units into blocks.
    Keeps the segmentation for the page-type signals of an unsure page."""

    name = "html"

    def __init__(self) -> None:
        self.seg: Segmentation | None = None

    def extract(self, page: ParsedPage) -> Extraction | None:
        marks: dict[int, str] = {}
        typed = Typed()
        body = prune(page.tree, marks=marks, typed=typed)
        if body is None:
            return None
        seg = self.seg = segment(body, marks=marks, typed=typed)
        choice = choose(seg, RECIPE_BOX_LINKS if pagetype.RECIPE in page.declared else 0.0)
        if choice is None:
            return None
        titles = _title_keys(page.evidence)
        extra = lead_units(seg, choice.elements, titles) | choice.loose
        blocks = filter_by_declared_body(units_to_blocks(seg, choice.elements, extra, titles), page.evidence)
        return Extraction(self.name, blocks, confident(choice), text_chars(blocks))


RECIPE_BOX_LINKS = 0.25
"""On a page that declares itself a recipe, a box set before the method joins it with up to this
share of its text in links: the ingredient list links the products it names."""


FALLBACK_MAX_CHARS = 3_000_000
"""Pages larger than this never go to trafilatura (it is slow on them); ours is linear."""
REPEAT_MIN_CHARS = 40
"""Shorter lines (a heading, a "Photo:" label) may rightly repeat."""


class TrafilaturaExtractor:
    """trafilatura over the whole page, the paragraphs it repeats removed."""

    name = "trafilatura"

    def extract(self, page: ParsedPage) -> Extraction | None:
        if page.fallback == "off" or len(page.html) > FALLBACK_MAX_CHARS:
            return None
        blocks = drop_repeats(trafilatura_blocks(page.html, page.url, fast=page.fallback == "fast"))
        blocks = filter_by_declared_body(blocks, page.evidence)
        return Extraction(self.name, blocks, chars=text_chars(blocks)) if blocks else None


def drop_repeats(blocks: list[Block]) -> list[Block]:
    """Each paragraph once: trafilatura's fallbacks can hand back a paragraph twice (its own pass
    and a second opinion merged), so a later block whose text (letters and digits, case folded)
    repeats an earlier one's is dropped."""
    seen: set[str] = set()
    out = []
    for b in blocks:
        key = _key(b.text)
        if len(key) >= REPEAT_MIN_CHARS:
            if key in seen:
                continue
            seen.add(key)
        out.append(b)
    return out
