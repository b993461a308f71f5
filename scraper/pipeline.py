"""Page -> Article, with every failure captured as an error record.

The order of a page's way through: decode (lenient where text exists), HTML or
plain text (sniffed), for HTML the markup repairs and the nesting flattener, one
parse, the metadata readers (before pruning changes the tree), the extractor
chain (blocks/chain.py) under the work limits, the cruft rules, the record. An
error in the input becomes a record of a type from the closed set in errors.py;
an error of ours becomes ``InternalError``, logged with its traceback.
"""

from __future__ import annotations

import logging

from selectolax.lexbor import LexborHTMLParser

from .blocks import pagetype
from .blocks.chain import extract, html_to_blocks, text_outcome
from .blocks.extractor import ParsedPage
from .blocks.guard import flatten, too_deep
from .blocks.limits import Budget
from .blocks.pagedata import state_scripts
from .blocks.repair import close_raw_text, close_script_src, swallowed_by_script
from .config import Config
from .decode import decode_page
from .errors import INTERNAL, DecodeError, EmptyInput, PageError, PageTooLarge, source_error_type
from .model import Article, Page
from .normalize.first_names import given_names
from .normalize.html_meta import page_elements
from .normalize.language import detect as detect_language
from .normalize.read import read_html
from .normalize.resolve import pick
from .record import build_article
from .rules.captions import credit_reader
from .rules.engine import RuleContext, apply_rules
from .sniff import looks_like_html

log = logging.getLogger("scraper")

_WARM_UP_SENTENCE = "The council met on Tuesday and agreed that the new ferry timetable starts next spring."
_WARM_UP_PAGE = ("<html lang='en'><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
                 "<p class='byline'>By Jane Example, Example Wire</p><time datetime='2024-05-06'>May 6, 2024</time>"
                 + f"<p>{_WARM_UP_SENTENCE}</p>" * 5 + "</article></body></html>").encode()


def warm_up(config: Config) -> None:
    """Load now what the pipeline otherwise loads on a page's first need of it (the language
    model, the given-name table, compiled patterns and tables).

    A pool calls this before it forks its workers, so those are loaded once and shared by
    every worker instead of loaded again, slowly, by each; a benchmark calls it so that
    per-process set-up is not timed as if it were a page's work.
    """
    process(Page(source="warm-up", data=_WARM_UP_PAGE), config)
    given_names()  # read only when a byline's name is in doubt, which the warm-up page's is not
    detect_language(_WARM_UP_SENTENCE)  # the page declares its language, so its text is not asked
    import trafilatura  # noqa: F401 - the fallback extractor, imported on the first page that needs it


def process(page: Page, config: Config, explain: bool = False) -> Article:
    """Clean one page. Never raises for a bad page: the error goes into the record."""
    if page.error is not None:
        kind = page.error.get("type", "")
        recorded = source_error_type(kind)
        message = page.error.get("message", "")
        return _failure(page, recorded, message if recorded == kind else f"{kind}: {message}")
    try:
        return _process(page, config, explain)
    except PageError as exc:
        return _failure(page, type(exc).__name__, str(exc))
    except MemoryError:
        return _failure(page, "PageMemoryError", "the page needed more memory than there was")
    except Exception as exc:  # noqa: BLE001 - a bug of ours must never stop a batch, nor pass for a bad page
        log.error("internal error cleaning %s", page.source, exc_info=True)
        return _failure(page, INTERNAL, f"{type(exc).__name__}: {exc}" if str(exc) else repr(exc))


def _failure(page: Page, error_type: str, message: str) -> Article:
    return Article.failure(page.source, error_type, message, url=page.url, final_url=page.final_url,
                           status=page.status, fetched_at=page.fetched_at)


def parse_html(text: str, raw: bytes | None = None, encoding: str = "", replaced: int = 0) -> LexborHTMLParser:
    """The parse of ``text``. The parser reads UTF-8 bytes: a page that came as UTF-8, decoded
    without a repair (``raw`` is None when anything changed the text), is handed over as its own
    bytes, which are exactly ``text`` encoded again; that encoding costs a tenth of the parse."""
    if raw is not None and encoding == "utf-8" and not replaced:
        return LexborHTMLParser(raw)
    return LexborHTMLParser(text)


def _process(page: Page, config: Config, explain: bool) -> Article:
    if not page.data or page.data.isspace():  # unlike strip(), no copy of a large page
        raise EmptyInput("input is empty")
    if len(page.data) > config.run.max_page_bytes:
        raise PageTooLarge(f"input is {len(page.data)} bytes, over the cap of {config.run.max_page_bytes}")
    decoded = decode_page(page.data, page.headers)
    text = decoded.text
    ctx = RuleContext(disabled=config.rules.disabled)
    budget = Budget(config.extract.max_blocks, config.extract.max_text_chars)
    diagnostics: dict[str, object] = {"encoding": decoded.encoding, "replaced_chars": decoded.replaced}
    if looks_like_html(text):
        # The nesting estimate counts tags in bytes (several times faster than in str); an encoding
        # that is not ASCII-compatible (UTF-16/32), or bytes decode dropped, hide the tags from a byte count.
        wide = decoded.encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32"))
        depth = too_deep(text if wide or decoded.replaced else page.data)
        if depth:
            text = flatten(text)
            diagnostics["flattened_depth"] = depth
        text = close_raw_text(text)
        tree = parse_html(text, page.data if text is decoded.text else None, decoded.encoding, decoded.replaced)
        url = page.final_url or page.url
        # Metadata first: the extractors prune nodes out of this tree in place. One pass finds the
        # elements that the metadata readers, the page data and the page type read (JSON-LD parsed once).
        elements = page_elements(tree)
        if swallowed_by_script(elements.scripts):
            mended = close_script_src(text)
            if mended is not text:  # parsed again only on the rare damaged page
                text = mended
                tree = LexborHTMLParser(text)
                elements = page_elements(tree)
        ctx.evidence.extend(read_html(tree, url, text, elements))
        ctx.title, _ = pick(ctx.evidence, "title")
        page_in = ParsedPage(text, url, tree, ctx.evidence, config.extract.fallback,
                             state_scripts(tree, elements.scripts),
                             pagetype.declared_types(tree, elements.json_ld_data, elements.metas))
        outcome = extract(page_in, budget)
    else:
        ctx.plain_text = True
        outcome = text_outcome(text, budget)
    apply_rules(outcome.blocks, ctx)
    article = build_article(page, outcome.blocks, ctx.evidence, config, outcome.extractor, explain,
                            credit=credit_reader(ctx))
    article.page_type = outcome.page_type if article.text or outcome.page_type == pagetype.LIST else pagetype.OTHER
    article.truncated = budget.truncated
    if explain:
        diagnostics.update(outcome.diagnostics())
        diagnostics["truncated_by"] = budget.report()
        article.diagnostics = diagnostics
    return article


__all__ = ["DecodeError", "EmptyInput", "PageTooLarge", "html_to_blocks", "process"]
