"""The article region of a plain-text dump, found from the lines alone.

A browser copy-paste of a page holds the article somewhere among menus,
language pickers, cookie text, teasers and footers. Article lines are long and
read as sentences; chrome comes in runs of short, link-like lines, repeats
itself, or was already judged cruft by a pattern rule. Each block gets a score
(positive for prose, negative for chrome) and the article is the contiguous
stretch with the highest total (a maximum-sum subarray), so short lines between
paragraphs (subheadings, list items) stay while runs of chrome outside go.
Then the edges move: up to an earlier stretch of prose (an article above its
longer comment thread), up to the run of menu lines or the byline above the
body (headline, standfirst, a fact box), and a lone blurb after the body is
dropped; a region ending on a colon takes the list it announces. The headline
is looked for in that head (``find_headline``).

Inside the region, full sentences can still be the site's: the article ends at
its first after-article line (a bio, a pitch, the comment form; rules/tail.py),
site notices go wherever they sit, and so do caption lines (rules/captions.py),
short date stamps, repeated menu lines and pairs of short lines between
paragraphs. Those phrase lists are data files.

Only signals that hold in every language decide the region: lengths,
punctuation, letter/digit shares, repetition and position. Thresholds live in
``RegionParams`` so they can be tuned as data.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..model import Block, BlockKind
from ..lexicon import ends_sentence
from ..normalize.dates import has_date
from .base import ANCHOR, BOX_HEAD, DATELINE, Matcher, RuleContext
from .predicates import is_prose, is_title_like, weight, words
from .captions import CAPTION_LINE, is_caption_line
from .line_shapes import holds_headline, is_item_list
from .predicates import block_key
from .teasers import teaser_lines
from .tail import AFTER_ARTICLE, SITE_NOTICE, find_article_end, is_after_article, is_section_head, is_site_notice


@dataclass(frozen=True, slots=True)
class RegionParams:
    """Weights of the line score; units are words."""

    prose_offset: float = 6.0
    """A sentence-like line scores its words minus this."""
    prose_cap: float = 80.0
    """Words above this add nothing: one huge block must not outweigh the page."""
    short_penalty: float = 3.0
    """A line that is not prose costs this much..."""
    short_word_credit: float = 0.4
    """...minus this much a word (a heading-like line costs less than a menu item)..."""
    short_floor: float = 0.5
    """...but never less than this."""
    run_growth: float = 0.5
    """A short line costs this much more for each short line between it and the nearest prose line:
    a subheading beside a paragraph is cheap, the middle of a menu is dear."""
    run_cap: int = 4
    repeated_factor: float = 0.3
    """A line whose text appears elsewhere in the dump keeps this share of its prose score."""
    repeated_penalty: float = 3.0
    """Extra cost of a short line repeated elsewhere in the dump (menus given twice)."""
    removed_penalty: float = 2.0
    """A block a pattern rule already removed as cruft."""
    anchor_bonus: float = 0.0
    """A block typed as byline, dateline or title: it sits at the head of the article."""
    density_window: int = 1
    """Neighbours on each side looked at for the prose density of a line."""
    density_floor: float = 0.3
    """A prose line with no prose neighbours keeps this share of its score (teasers stand alone)."""
    min_prose_words: int = 7
    """Fewer words than this is never prose, whatever its punctuation."""
    earlier_rounds: int = 3
    """How many such stretches may join, one above the other."""
    earlier_share: float = 0.05
    """A stretch of prose above the best one, scoring at least this share of it, joins the
    region (the article above its comments); 0 switches it off."""
    head_window: int = 20
    """How many blocks above the first prose line the headline, byline or dateline may sit."""
    dek_words: int = 12
    """A headline candidate this long may be the standfirst under the real headline (see ``find_headline``)."""
    head_skip: int = 3
    """With no byline, the headline is one of this many kept lines above the first prose line."""
    extend_to_anchor: bool = True
    """Keep the lines between the headline (or byline) and the first prose line (a lede, a kicker)."""
    extend_head: float = 120.0
    """How much chrome score the region's start may cross upwards to reach more prose (see ``_extend``)."""
    extend_tail: float = 0.0
    """The same for the region's end, downwards."""
    menu_run: int = 3
    """This many menu-like lines in a row end the article's head (see ``_below_menu``); 0 switches it off."""
    menu_words: int = 3
    """A menu-like line has at most this many words and no sentence ending."""
    menu_window: int = 25
    """How far above the first prose line the head may reach."""
    anchor_window: int = 50
    """How far above the region a byline or dateline may pull its start (see ``_anchored_start``)."""
    anchor_tolerance: float = 30.0
    """How much chrome may lie between that anchor and the first prose line under it."""
    drop_repeats: bool = True
    """Drop lines inside the region that recur outside it (see ``_drop_repeats``)."""
    short_run_min: int = 2
    short_run_max: int = 2
    """Runs of this many short lines inside the body go (see ``_drop_short_runs``); 0 switches it off."""
    short_run_words: int = 12
    """...and every line of it has at most this many words (a long unpunctuated line is text)."""
    run_keeps_colon: bool = True
    """...unless one of them ends with a colon (a label and its value, a lead-in and its command)."""
    box_max_lines: int = 8
    """At most this many headlines under a related heading inside the article go with it."""
    tail_trim_rounds: int = 1
    """How many lone paragraphs ``_trim_tail`` may drop from the region's end."""
    tail_trim_gap: int = 2
    """Chrome lines that must separate such a paragraph from the body."""
    tail_trim_words: int = 40
    """Longer closing paragraphs are taken as the article's own."""
    min_region_words: int = 40
    """Below this total score the best region is not trusted and the dump is left as it is."""
    head_label_words: int = 4
    """Between the headline and the first prose line, a line of at most this many words not ended as a
    sentence is a label (a section name, "Print", "Share"): kicker, standfirst and byline are longer or
    taken by their rules. 0 keeps them."""
    section_heads: bool = True
    """Drop the site's section heads (share, rate, "more on this topic") anywhere inside the region."""
    skip_teasers: bool = True
    """Score the lines of teaser units as chrome and drop them inside the region (see rules/teasers.py),
    unless no region is left without them."""
    drop_notices: bool = True
    """Drop site notices anywhere in the dump (affiliate disclosures, paywall meters; see rules/tail.py)."""
    date_line_words: int = 6
    """Lines of at most this many words holding a date (a dateline, a teaser's stamp) go; 0 is off."""
    drop_captions: bool = True
    """Drop caption lines inside the region (see rules/captions.py)."""
    tail_cue_share: float = 0.7
    """An after-article line (bio, pitch, comment form; see rules/tail.py) with at least this share
    of the region's prose above it ends the article; 0 switches it off."""
    colon_run: int = 10
    """A region ending on a line with a trailing colon takes up to this many unique lines under it."""
    colon_label_words: int = 5
    """A label of two to this many words ending with a colon right under the region's end counts as its end."""
    strong_cue_share: float = 0.15
    """A comment form or a blog post's meta line ends the article with this share of its prose above."""
    tail_cue_run: int = 3
    """...unless more than this many prose lines in a row follow it (the story goes on)."""


DEFAULT_PARAMS = RegionParams()

_NON_LETTER = re.compile(r"[^\w\s]|[\d_]")
TEASER_BOX = "teaser-box"
TEASER_UNIT = "teaser-unit"
HEADLINE_LINE = "headline-line"
ITEM_LIST = "item-list"
HEAD_CHROME = "head-chrome"
SECTION_HEAD = "section-head"
DATE_LINE = "date-line"
REPEATED_CHROME = "repeated-chrome"
SHORT_RUN = "chrome-run"
_METADATA = (BlockKind.BYLINE, BlockKind.CAPTION, BlockKind.TITLE)


def _repeat_key(text: str) -> str:
    """Text folded just enough to see a menu or teaser given twice (cheaper than ``block_key``)."""
    return " ".join(text.casefold().split())


def _distance_to_prose(prose: Sequence[bool]) -> list[int]:
    """For each line, how many lines away the nearest prose line is (0 for prose)."""
    far = len(prose) + 1
    dist = [far] * len(prose)
    last = -far
    for i, p in enumerate(prose):
        if p:
            last = i
        dist[i] = i - last
    last = 2 * far
    for i in range(len(prose) - 1, -1, -1):
        if prose[i]:
            last = i
        dist[i] = min(dist[i], last - i)
    return dist


def line_scores(blocks: Sequence[Block], params: RegionParams = DEFAULT_PARAMS,
                teasers: frozenset[int] = frozenset()) -> list[float]:
    """One score a block: positive for article prose, negative for chrome. The lines of
    ``teasers`` (rules/teasers.py) score as chrome, however well they read."""
    keys = [_repeat_key(b.text) for b in blocks]
    counts = Counter(k for k in keys if k)
    sizes = [weight(b.text) for b in blocks]
    prose = [b.kept and i not in teasers and is_prose(b.text, n, params.min_prose_words)
             for i, (b, n) in enumerate(zip(blocks, sizes))]
    dist = _distance_to_prose(prose)
    w = params.density_window
    scores = []
    for i, (b, key, n) in enumerate(zip(blocks, keys, sizes)):
        if not b.kept:
            if ANCHOR in b.roles:
                scores.append(params.anchor_bonus)
            else:
                scores.append(0.0 if b.kind in _METADATA else -params.removed_penalty)
            continue
        if prose[i]:
            near = prose[max(0, i - w) : i] + prose[i + 1 : i + 1 + w]
            density = sum(near) / (2 * w)
            s = (min(n, params.prose_cap) - params.prose_offset) * (params.density_floor + (1 - params.density_floor) * density)
            if counts[key] > 1:
                s *= params.repeated_factor
        else:
            cost = max(params.short_floor, params.short_penalty - params.short_word_credit * n)
            s = -cost * (1 + params.run_growth * min(dist[i] - 1, params.run_cap))
            if counts[key] > 1:
                s -= params.repeated_penalty
        scores.append(s)
    return scores


def best_region(scores: Sequence[float]) -> tuple[int, int, float]:
    """Start, end (inclusive) and total of the contiguous stretch with the highest sum."""
    best = (0, -1, 0.0)
    start, total = 0, 0.0
    for i, s in enumerate(scores):
        if total <= 0:
            start, total = i, s
        else:
            total += s
        if total > best[2]:
            best = (start, i, total)
    return best


def find_region(blocks: Sequence[Block], params: RegionParams | None = None) -> tuple[int, int] | None:
    """First and last index of the article's blocks, or None when no stretch reads as an article."""
    params = params or DEFAULT_PARAMS
    if not blocks:
        return None
    teasers = teaser_lines(blocks) if params.skip_teasers else frozenset()
    scores = line_scores(blocks, params, teasers)
    lo, hi, total = best_region(scores)
    if teasers and (hi < lo or total < params.min_region_words):
        scores = line_scores(blocks, params)  # the teasers are all the page has: a list page
        lo, hi, total = best_region(scores)
    if hi < lo or total < params.min_region_words:
        return None
    for _ in range(params.earlier_rounds):
        if lo == 0:
            break
        e_lo, e_hi, e_total = best_region(scores[:lo])
        if e_hi < e_lo or e_total < max(params.min_region_words, params.earlier_share * total):
            break
        lo = e_lo  # an article above a longer comment thread or teaser list: keep both
    hi = _trim_tail(blocks, scores, lo, hi, params)
    start = min(_extend(scores, lo, -1, params.extend_head), _anchored_start(blocks, scores, lo, params))
    if params.menu_run:
        start = min(start, _below_menu(blocks, start, params))
    hi = _extend(scores, hi, 1, params.extend_tail)
    if params.colon_run:
        hi = _after_colon(blocks, hi, params)
    return start, hi


def _unique_line(blocks: Sequence[Block], i: int) -> bool:
    """A kept line the dump gives only once (menus and teasers come twice)."""
    key = _repeat_key(blocks[i].text)
    return blocks[i].kept and sum(1 for b in blocks if _repeat_key(b.text) == key) == 1


def _unstopped_sentence(block: Block, params: RegionParams) -> bool:
    """A kept line long enough for a sentence that ends on a word, not in capitals: a sentence
    whose full stop is missing (a heading in capitals or a "Next post →" link is none)."""
    text = block.text.rstrip()
    return (block.kept and words(text) >= params.min_prose_words and text[-1:].isalpha()
            and not text.isupper())


def _after_colon(blocks: Sequence[Block], hi: int, params: RegionParams) -> int:
    """A region ending on a line that ends with a colon announces what follows (a list, a command,
    a table): the lines under it up to the next chrome line are the article's. So does a short
    label ending with a colon right under the region's last line ("Contents:")."""
    if (params.colon_label_words and hi + 1 < len(blocks) and blocks[hi + 1].kept
            and 2 <= len(blocks[hi + 1].text.split()) <= params.colon_label_words and _unique_line(blocks, hi + 1)
            and not is_after_article(blocks[hi + 1].text)):
        hi += blocks[hi + 1].text.rstrip().endswith(":")
    if not blocks[hi].text.rstrip().endswith(":") or is_after_article(blocks[hi].text):
        return hi
    j = hi + 1
    while j < len(blocks) and j - hi <= params.colon_run and _unique_line(blocks, j) and not is_after_article(blocks[j].text):
        if j + 1 < len(blocks) and len(blocks[j].text.split()) <= 2 and len(blocks[j + 1].text.split()) <= 2:
            break  # two menu words in a row: the footer
        j += 1
    return j - 1


def _below_menu(blocks: Sequence[Block], lo: int, params: RegionParams) -> int:
    """The first line under the nearest run of menu-like lines above ``lo``.

    Between the site's menus and the body sit the headline, kicker, byline,
    standfirst, a table of contents or a fact box: all the article's own. A run
    of very short lines (a menu, a language picker, a breadcrumb trail) ends it.
    With no such run close enough, ``lo`` stays.
    """
    run, below = 0, lo
    for i in range(lo - 1, max(-1, lo - params.menu_window - 1), -1):
        b = blocks[i]
        if not b.kept:
            if ANCHOR not in b.roles and b.kind not in _METADATA:
                run += 1
            if run >= params.menu_run:
                return below
            continue
        if len(b.text.split()) <= params.menu_words and not ends_sentence(b.text, clause=True):
            run += 1
            if run >= params.menu_run:
                return below
        else:
            run, below = 0, i
    return lo


def _anchored_start(blocks: Sequence[Block], scores: Sequence[float], lo: int, params: RegionParams) -> int:
    """The first prose line under a byline or dateline a little above the region, if any:
    a lede set apart from the body by a fact box, a table of contents or inline teasers."""
    top = max(0, lo - params.anchor_window)
    for i in range(lo - 1, top - 1, -1):
        if blocks[i].kind is BlockKind.BYLINE or DATELINE in blocks[i].roles:
            crossed = 0.0
            for j in range(i + 1, lo):
                if scores[j] > 0:
                    return j
                crossed += scores[j]
                if crossed < -params.anchor_tolerance:
                    break
            return lo
    return lo


def _trim_tail(blocks: Sequence[Block], scores: Sequence[float], lo: int, hi: int, params: RegionParams) -> int:
    """Drop a lone paragraph set off after the body by chrome lines: an author box, a
    newsletter pitch, an "about us" blurb, a teaser sit there, rarely the article's last words."""
    for _ in range(params.tail_trim_rounds):
        j, gap = hi - 1, 0
        while j > lo and scores[j] <= 0:
            gap += blocks[j].kept  # an advertisement marker removed by its rule is no gap
            j -= 1
        if j <= lo or gap < params.tail_trim_gap or weight(blocks[hi].text) > params.tail_trim_words:
            break
        hi = j
    return hi


def _extend(scores: Sequence[float], edge: int, step: int, tolerance: float) -> int:
    """Move a region edge outwards to the farthest positive line reachable without the running
    sum of the lines crossed falling below ``-tolerance``: a lede or a closing line set apart
    from the body by a list or a kicker stays, a teaser beyond a run of chrome does not."""
    best, total, i = edge, 0.0, edge + step
    while 0 <= i < len(scores):
        total += scores[i]
        if total < -tolerance:
            break
        if scores[i] > 0:
            best = i
        i += step
    return best


def find_headline(blocks: Sequence[Block], lo: int, params: RegionParams | None = None) -> int | None:
    """Index of the headline of the article starting at ``lo``, from the lines just above it.

    With a byline near the start, the title-like line nearest above it; else the
    title-like line among the last few kept lines above the first prose. A long
    line found so is a standfirst when a shorter title-like line sits right above
    it: that one is the headline, and the standfirst stays in the text.
    """
    params = params or DEFAULT_PARAMS
    at = _find_headline(blocks, lo, params)
    if at is None or weight(blocks[at].text) < params.dek_words:
        return at
    above = next((i for i in range(at - 1, max(-1, at - 3), -1)
                  if blocks[i].kept and not _is_stamp(blocks[i].text, params)), None)
    if above is not None and _reads_as_headline(blocks[above].text) and weight(blocks[above].text) < weight(blocks[at].text):
        return above
    return at


def _is_stamp(text: str, params: RegionParams) -> bool:
    """A short line holding a date (a dateline, "date - author"): it may sit between headline and standfirst."""
    return len(text.split()) <= params.date_line_words and has_date(text)


def _reads_as_headline(text: str) -> bool:
    """Title-like and mostly letters (not a date, time or counter line)."""
    visible = len(text) - text.count(" ")
    return is_title_like(text) and len(_NON_LETTER.findall(text)) <= 0.25 * visible


def may_be_headline(text: str) -> bool:
    """Title-like, and not the site's furniture ("Enjoyed this story?", "Share with friends")."""
    return is_title_like(text) and not is_after_article(text)


def _find_headline(blocks: Sequence[Block], lo: int, params: RegionParams | None = None) -> int | None:
    params = params or DEFAULT_PARAMS
    core = next((i for i in range(lo, len(blocks)) if blocks[i].kept and is_prose(blocks[i].text, weight(blocks[i].text), params.min_prose_words)), lo)
    top = max(0, lo - params.head_window)
    byline_at = next((i for i in range(min(len(blocks) - 1, core + 2), top - 1, -1)
                      if blocks[i].kind is BlockKind.BYLINE or DATELINE in blocks[i].roles), None)
    if byline_at is not None:
        for i in range(byline_at - 1, max(0, byline_at - params.head_skip - 1) - 1, -1):
            if blocks[i].kept and may_be_headline(blocks[i].text):
                return i
    for i in range(lo, core):
        if blocks[i].kept and may_be_headline(blocks[i].text):
            return i
    seen = 0
    for i in range(lo - 1, top - 1, -1):
        b = blocks[i]
        if not b.kept:
            continue
        if may_be_headline(b.text):
            return i
        seen += 1
        if seen >= params.head_skip:
            break
    return None


def _head_start(blocks: Sequence[Block], lo: int, params: RegionParams) -> int:
    """Move the start up to just below an anchor (title, byline, dateline) a few lines above."""
    if not params.extend_to_anchor:
        return lo
    top = max(0, lo - params.head_window)
    for i in range(lo - 1, top - 1, -1):
        if ANCHOR in blocks[i].roles:
            return i + 1
    return lo


@dataclass(slots=True)
class _RegionStep:
    """One step of the region phase of a text dump. The steps share the region through the
    context: ``outside-article`` finds it, the others judge the lines inside it."""

    name: str = ""
    phase: str = "region"
    roles: frozenset[str] = frozenset()
    about: str = ""
    params: RegionParams = DEFAULT_PARAMS

    def span(self, ctx: RuleContext) -> tuple[int, int] | None:
        """The article region, when one was found and trusted."""
        return ctx.region if ctx.plain_text and ctx.region_trusted else None

    def kept_inside(self, blocks: list[Block], ctx: RuleContext) -> Iterator[Block]:
        """The lines still kept inside the trusted region, in order (none without one): what the
        line-by-line steps judge. A line removed on the way is not yielded again."""
        span = self.span(ctx)
        if span is None:
            return
        lo, hi = span
        for b in blocks[lo : hi + 1]:
            if b.kept:
                yield b


@dataclass(slots=True)
class SiteNoticeRule(_RegionStep):
    name: str = SITE_NOTICE
    about: str = "Text dumps: site notices wherever they sit (affiliate disclosures, paywall meters)."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        if ctx.plain_text and self.params.drop_notices:
            for b in blocks:
                if b.kept and is_site_notice(b.text):
                    b.remove(self.name)


@dataclass(slots=True)
class OutsideArticleRule(_RegionStep):
    """In a text dump, blocks outside the densest stretch of prose are page chrome.

    The region may start earlier than its first prose line: up to the headline
    (or byline) just above it, when the lines between cost little. With no
    trusted region, the short lines after the last prose line still go (the
    footer; a closing sentence missing only its full stop stays), and the span
    of the prose is left for ``after-article``.
    """

    name: str = "outside-article"
    about: str = "Text dumps: the lines outside the article region (the densest stretch of prose)."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        if not ctx.plain_text:
            return
        params = self.params
        region = find_region(blocks, params)
        if region is None:
            last = next((i for i in range(len(blocks) - 1, -1, -1)
                         if blocks[i].kept and is_prose(blocks[i].text, weight(blocks[i].text), params.min_prose_words)), None)
            if last is None:
                return
            if last + 1 < len(blocks) and _unstopped_sentence(blocks[last + 1], params):
                last += 1  # the text's closing sentence, its full stop missing
            for b in blocks[last + 1 :]:
                b.remove(self.name)
            first = next(i for i, b in enumerate(blocks) if b.kept)
            ctx.region, ctx.region_trusted = (first, last), False
            return
        lo, hi = region
        lo = _head_start(blocks, lo, params)
        for b in blocks[:lo]:
            b.remove(self.name)
        for b in blocks[hi + 1 :]:
            b.remove(self.name)
        ctx.region, ctx.region_trusted = (lo, hi), True


@dataclass(slots=True)
class AfterArticleRule(_RegionStep):
    name: str = AFTER_ARTICLE
    about: str = "Text dumps: the region's tail from its first after-article line on (a bio, a pitch, the comment form)."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        if not ctx.plain_text or ctx.region is None or not self.params.tail_cue_share:
            return
        lo, hi = ctx.region
        hi = _cut_after_article(blocks, lo, hi, self.params, self.name)
        if ctx.region_trusted:
            ctx.region = (lo, hi)


@dataclass(slots=True)
class TeaserBoxRule(_RegionStep):
    name: str = TEASER_BOX
    about: str = "Text dumps: the short lines under a teaser box's head (\"Related\", \"Read also\") inside the article."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        span = self.span(ctx)
        if span is not None:
            heads = tuple(match for _, match in ctx.matchers.get(BOX_HEAD, ()))
            _drop_teaser_boxes(blocks, *span, self.params, heads, self.name)


@dataclass(slots=True)
class TeaserUnitRule(_RegionStep):
    name: str = TEASER_UNIT
    about: str = "Text dumps: other stories' teasers inside the article (a headline and a blurb, closed by \"read more\" or cut short)."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        span = self.span(ctx)
        if span is None or not self.params.skip_teasers:
            return
        lo, hi = span
        for i in teaser_lines(blocks):
            if lo <= i <= hi:
                blocks[i].remove(self.name)


@dataclass(slots=True)
class SectionHeadRule(_RegionStep):
    """Inside the article, a line that opens one of the site's sections (share, rate, "more on this
    topic") is the site's wherever it sits. Only the line goes: what follows it may be the story's.
    With no trusted region, the span of the prose is judged the same way. A line a teaser box's
    head rule also matches (role ``box-head``) is left to that rule: near the end it cuts the list."""

    name: str = SECTION_HEAD
    about: str = "Text dumps: a line opening one of the site's sections (share, rate, more on the topic) inside the article."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        if not self.params.section_heads or not ctx.plain_text or ctx.region is None:
            return
        lo, hi = ctx.region
        heads = tuple(match for _, match in ctx.matchers.get(BOX_HEAD, ()))
        for b in blocks[lo : hi + 1]:
            if b.kept and is_section_head(b.text) and not any(match(b.text) is not None for match in heads):
                b.remove(self.name, self.roles)


@dataclass(slots=True)
class RepeatedChromeRule(_RegionStep):
    name: str = REPEATED_CHROME
    about: str = "Text dumps: short lines inside the body that the page also gives outside it (menu, teaser)."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        span = self.span(ctx)
        if span is not None and self.params.drop_repeats:
            _drop_repeats(blocks, *span, self.params, self.name)


@dataclass(slots=True)
class ChromeRunRule(_RegionStep):
    name: str = SHORT_RUN
    about: str = "Text dumps: a pair of short lines between paragraphs (a share line, a box head, a teaser)."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        span = self.span(ctx)
        if span is not None and self.params.short_run_max:
            _drop_short_runs(blocks, *span, self.params, self.name)


@dataclass(slots=True)
class CaptionLineRule(_RegionStep):
    name: str = CAPTION_LINE
    about: str = "Text dumps: caption lines inside the article, known by their credit or pointer."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        if self.params.drop_captions and ctx.plain_text and ctx.region is not None:
            lo, hi = ctx.region  # also the prose span of a dump with no trusted region: a credit is a credit
            for b in (b for b in blocks[lo : hi + 1] if b.kept):
                if is_caption_line(b.text):
                    b.remove(self.name)


@dataclass(slots=True)
class HeadlineLineRule(_RegionStep):
    name: str = HEADLINE_LINE
    about: str = "Text dumps: lines inside the article holding its headline and more (a breadcrumb, a comment thread's head)."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        headline = next((b for b in blocks if b.kind is BlockKind.TITLE and ANCHOR in b.roles), None)
        if headline is None:
            return
        key = block_key(headline.text)
        for b in self.kept_inside(blocks, ctx):
            if holds_headline(b.text, key):
                b.remove(self.name)


@dataclass(slots=True)
class ItemListRule(_RegionStep):
    name: str = ITEM_LIST
    about: str = "Text dumps: a line of short items split by separators inside the article (tags, categories, a menu)."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        for b in self.kept_inside(blocks, ctx):
            if is_item_list(b.text):
                b.remove(self.name)


@dataclass(slots=True)
class HeadChromeRule(_RegionStep):
    name: str = HEAD_CHROME
    about: str = "Text dumps: short labels (a section name, a UI word) and after-article furniture (a share or comment line) between the headline and the body."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        for b in self.kept_inside(blocks, ctx):
            if is_prose(b.text, weight(b.text), self.params.min_prose_words):
                return
            if is_after_article(b.text) or (words(b.text) <= self.params.head_label_words
                                            and not ends_sentence(b.text, clause=True)):
                b.remove(self.name)


@dataclass(slots=True)
class DateLineRule(_RegionStep):
    name: str = DATE_LINE
    about: str = "Text dumps: short date stamps inside the article (a dateline, a teaser's date)."

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        limit = self.params.date_line_words
        if not limit:
            return
        for b in self.kept_inside(blocks, ctx):
            if len(b.text.split()) <= limit and has_date(b.text) and not ends_sentence(b.text, clause=True):
                b.remove(self.name)


def rules() -> list[_RegionStep]:
    """The region phase, in the order its steps run."""
    return [SiteNoticeRule(), OutsideArticleRule(), AfterArticleRule(), TeaserUnitRule(), TeaserBoxRule(), SectionHeadRule(), RepeatedChromeRule(),
            ChromeRunRule(), CaptionLineRule(), DateLineRule(), HeadlineLineRule(), ItemListRule(), HeadChromeRule()]


def _cut_after_article(blocks: Sequence[Block], lo: int, hi: int, params: RegionParams, name: str = AFTER_ARTICLE) -> int:
    """Remove the region's tail from its first after-article line on; the new last index."""
    sizes = [weight(b.text) if b.kept else 0.0 for b in blocks[lo : hi + 1]]
    prose = [n if n and is_prose(b.text, n, params.min_prose_words) else 0.0 for b, n in zip(blocks[lo : hi + 1], sizes)]
    end = find_article_end(blocks, lo, hi, prose, params.tail_cue_share, params.tail_cue_run, params.strong_cue_share)
    if end is None:
        return hi
    for b in blocks[end : hi + 1]:
        b.remove(name)
    return end - 1


def _drop_short_runs(blocks: Sequence[Block], lo: int, hi: int, params: RegionParams, name: str = SHORT_RUN) -> None:
    """Inside the body, a few short lines in a row between paragraphs are a share line, an author
    box head, a caption and credit, a teaser: one subheading stands alone, a list runs longer,
    and a label the article repeats (a recurring step heading) is its own."""
    kept = [i for i in range(lo, hi + 1) if blocks[i].kept]
    labels = Counter(_repeat_key(blocks[i].text) for i in kept)
    prose = [is_prose(blocks[i].text, weight(blocks[i].text), params.min_prose_words) for i in kept]
    if True not in prose:
        return
    j = prose.index(True)
    while j < len(kept):
        if prose[j]:
            j += 1
            continue
        k = j
        while k < len(kept) and not prose[k]:
            k += 1
        if params.short_run_min <= k - j <= params.short_run_max and k < len(kept):
            run = [blocks[kept[m]] for m in range(j, k)]
            if all(b.kind is BlockKind.PARAGRAPH and labels[_repeat_key(b.text)] == 1
                   and weight(b.text) <= params.short_run_words for b in run) and not (
                    params.run_keeps_colon and any(b.text.rstrip().endswith(":") and not is_after_article(b.text) for b in run)):
                for b in run:
                    b.remove(name)
        j = k


def _drop_repeats(blocks: Sequence[Block], lo: int, hi: int, params: RegionParams, name: str = REPEATED_CHROME) -> None:
    """A short line inside the article body that the page also gives outside it (a section
    name from the menu, a teaser headline, a share or subscribe line) is the site's. The head
    above the first prose line (headline, kicker, repeated in a breadcrumb) and labels the
    article itself repeats (a recipe's or a quiz's recurring heading) stay."""
    inside = Counter(_repeat_key(b.text) for b in blocks[lo : hi + 1])
    outside = {_repeat_key(b.text) for b in (*blocks[:lo], *blocks[hi + 1 :])}
    body = False
    for b in blocks[lo : hi + 1]:
        if not b.kept:
            continue
        if is_prose(b.text, weight(b.text), params.min_prose_words):
            body = True
            continue
        key = _repeat_key(b.text)
        if body and key in outside and inside[key] == 1:
            b.remove(name)


def _drop_teaser_boxes(blocks: Sequence[Block], lo: int, hi: int, params: RegionParams,
                       heads: Sequence[Matcher] = (), name: str = TEASER_BOX) -> None:
    """Inside the article, the short lines right under a "related"/"read also" heading are the
    box's headlines: they go with it, up to the next line that reads as prose. A heading is a
    block removed as a box head, or a kept line one of ``heads`` (the box-head rules' tests) matches."""
    i = lo
    while i <= hi:
        b = blocks[i]
        if not (BOX_HEAD in b.roles or (b.kept and any(match(b.text) is not None for match in heads))):
            i += 1
            continue
        j = i + 1
        while j <= hi and j - i <= params.box_max_lines:
            b = blocks[j]
            if b.kept and is_prose(b.text, weight(b.text), params.min_prose_words):
                break
            b.remove(name)
            j += 1
        i = j
