"""The ways an HTML page's article is found, tried in a stated order.

1. ``html`` (html.MarkupExtractor): our own extractor over the pruned page. A
   confident container is the article; only a body the page declares as data
   that is over twice as long replaces it (the markup held a teaser).
2. ``page-data`` (pagedata.PageDataExtractor): the body the page holds as data
   (JSON-LD ``articleBody``, a framework state blob), taken when the markup is
   not confident and found no more text than it.
3. A page still unsure is checked for being a list (section front, search or tag
   page; pagetype.py): a list gets no text at all.
4. ``trafilatura`` (html.TrafilaturaExtractor): the fallback for the rest, its
   repeated paragraphs removed.
5. Otherwise the markup path's own result stands.

An extractor that raises (a parser error on mangled markup) is passed over and
the next one tried; the failure is kept for ``--explain``. Whatever is chosen
passes the work limits (limits.py), which count what they cut.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from ..model import Block, Evidence
from . import pagetype
from .extractor import Extraction, Extractor, ParsedPage
from .html import MarkupExtractor, TrafilaturaExtractor
from .limits import Budget, cap
from .pagedata import PageDataExtractor, state_scripts
from .text import text_to_blocks

log = logging.getLogger(__name__)

DATA_OVER_MARKUP = 2.0
"""A declared body this many times longer than a confident markup text replaces it."""


@dataclass(slots=True)
class Outcome:
    """The chosen blocks with what the choice was based on (for the record and ``--explain``)."""

    blocks: list[Block]
    extractor: str
    page_type: str
    tried: list[str] = field(default_factory=list)
    signals: dict[str, object] | None = None
    failures: list[str] = field(default_factory=list)

    def diagnostics(self) -> dict[str, object]:
        out: dict[str, object] = {"extractors_tried": self.tried}
        if self.signals is not None:
            out["page_type_signals"] = self.signals
        if self.failures:
            out["extractor_failures"] = self.failures
        return out


def _try(extractor: Extractor, page: ParsedPage, outcome: Outcome, **kwargs: int) -> Extraction | None:
    outcome.tried.append(extractor.name)
    try:
        return extractor.extract(page, **kwargs) if kwargs else extractor.extract(page)
    except Exception as exc:  # noqa: BLE001 - a parser error in one path falls through to the next
        log.debug("extractor %s failed", extractor.name, exc_info=True)
        outcome.failures.append(f"{extractor.name}: {type(exc).__name__}: {exc}")
        return None


def extract(page: ParsedPage, budget: Budget) -> Outcome:
    """Run the extractors in their stated order (see the module docstring)."""
    outcome = Outcome([], "html", pagetype.ARTICLE)
    markup_x = MarkupExtractor()
    markup = _try(markup_x, page, outcome)
    if markup is not None and not markup.blocks:
        markup.confident = False  # a container with no text in it is no answer: the next paths are tried
    data_x = PageDataExtractor()
    signals = pagetype.signals(markup_x.seg, page.declared)
    outcome.signals = signals.as_dict()
    if pagetype.is_list(signals, confident=markup is not None and markup.confident):
        outcome.page_type = pagetype.LIST
        return outcome
    if markup is not None and markup.confident:
        chosen = markup
        need = int(DATA_OVER_MARKUP * max(1, markup.chars))
        if data_x.may_hold(page, need):
            data = _try(data_x, page, outcome, min_chars=need)
            if data is not None and data.chars >= need:
                chosen = data
        return _finish(outcome, chosen, budget)
    floor = markup.chars if markup is not None else 0
    data = _try(data_x, page, outcome, min_chars=floor) if data_x.may_hold(page, floor) else None
    if data is not None and data.chars >= floor:
        return _finish(outcome, data, budget)
    fallback = _try(TrafilaturaExtractor(), page, outcome)
    chosen = fallback or markup
    if chosen is not None and pagetype.is_other(signals, chosen.chars):
        outcome.page_type = pagetype.OTHER
        return outcome
    return _finish(outcome, chosen, budget)


def _finish(outcome: Outcome, chosen: Extraction | None, budget: Budget) -> Outcome:
    if chosen is None or not chosen.blocks:
        outcome.page_type = pagetype.OTHER
        if chosen is not None:
            outcome.extractor = chosen.name
        return outcome
    outcome.extractor = chosen.name
    outcome.blocks = cap(chosen.blocks, budget)
    return outcome


def text_outcome(text: str, budget: Budget) -> Outcome:
    """A plain-text dump: its lines are the blocks (text.py), under the same limits."""
    blocks = cap(text_to_blocks(text), budget)
    return Outcome(blocks, "text", pagetype.ARTICLE if blocks else pagetype.OTHER)


def html_to_blocks(html: str, url: str | None = None, tree: LexborHTMLParser | None = None,
                   evidence: Sequence[Evidence] = (), fallback: str = "fast") -> tuple[list[Block], str]:
    """Blocks of the article and the name of the path that produced them, without work limits.
    ``tree`` is the page already parsed (it is pruned in place); without one it is parsed here."""
    if tree is None:
        tree = LexborHTMLParser(html)
    page = ParsedPage(html, url, tree, evidence, fallback, state_scripts(tree), pagetype.declared_types(tree))
    outcome = extract(page, Budget(10**12, 10**15))
    return outcome.blocks, outcome.extractor
