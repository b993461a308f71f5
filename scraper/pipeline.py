"""Page -> Article, with every failure captured as an error record."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from .blocks.guard import check_nesting
from .blocks.html import html_to_blocks
from .blocks.repair import close_raw_text
from .blocks.text import text_to_blocks
from .config import Config
from .decode import DecodeError, decode
from .model import Article, Page
from .normalize.read import read_html
from .normalize.resolve import pick
from .record import build_article
from .rules.captions import credit_reader
from .rules.engine import RuleContext, apply_rules
from .sniff import looks_like_html


class PageTooLarge(ValueError):
    """The input is over the configured size cap."""


def process(page: Page, config: Config, explain: bool = False) -> Article:
    """Clean one page. Never raises for a bad page: the error goes into the record."""
    if page.error is not None:
        return Article.failure(page.source, page.error.get("type", "Error"), page.error.get("message", ""),
                               url=page.url, final_url=page.final_url, status=page.status, fetched_at=page.fetched_at)
    try:
        return _process(page, config, explain)
    except Exception as exc:  # noqa: BLE001 - a bad page must never stop a batch
        return Article.failure(page.source, type(exc).__name__, str(exc) or repr(exc), url=page.url,
                               final_url=page.final_url, status=page.status, fetched_at=page.fetched_at)


def _process(page: Page, config: Config, explain: bool) -> Article:
    if not page.data or page.data.isspace():  # unlike strip(), no copy of a large page
        raise EmptyInput("input is empty")
    if len(page.data) > config.run.max_page_bytes:
        raise PageTooLarge(f"input is {len(page.data)} bytes, over the cap of {config.run.max_page_bytes}")
    text, encoding = decode(page.data, page.headers)
    ctx = RuleContext(disabled=config.rules.disabled)
    if looks_like_html(text):
        # The nesting guard counts tags in bytes (several times faster than in str); an encoding
        # that is not ASCII-compatible (UTF-16/32) hides the tags from a byte count.
        wide = encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32"))
        check_nesting(text if wide else page.data)
        text = close_raw_text(text)
        tree = LexborHTMLParser(text)
        # Metadata first: html_to_blocks prunes nodes out of this tree in place.
        ctx.evidence.extend(read_html(tree, page.final_url or page.url, text))
        ctx.title, _ = pick(ctx.evidence, "title")
        blocks, extractor = html_to_blocks(text, page.final_url or page.url, tree=tree, evidence=ctx.evidence,
                                            fallback=config.extract.fallback)
    else:
        ctx.plain_text = True
        blocks, extractor = text_to_blocks(text), "text"
    apply_rules(blocks, ctx)
    return build_article(page, blocks, ctx.evidence, config, extractor, explain, credit=credit_reader(ctx))


class EmptyInput(ValueError):
    """The input holds no bytes, or only whitespace."""


__all__ = ["DecodeError", "EmptyInput", "PageTooLarge", "process"]
