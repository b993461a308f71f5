"""HTML pages -> blocks of the main content.

This first version asks trafilatura for the main content (as XML, so the
structure survives) and maps its elements to blocks.
"""

from __future__ import annotations

import trafilatura
from lxml import etree

from ..model import Block, BlockKind

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


def trafilatura_blocks(html: str, url: str | None = None) -> list[Block]:
    """Main-content blocks as trafilatura finds them."""
    xml = trafilatura.extract(
        html, url=url, output_format="xml", include_comments=False, include_tables=True,
        include_images=False, include_formatting=False, with_metadata=False, deduplicate=False,
    )
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"))
    blocks: list[Block] = []
    main = root.find("main")
    _walk(main if main is not None else root, blocks)
    return blocks


def html_to_blocks(html: str, url: str | None = None) -> tuple[list[Block], str]:
    """Blocks of the article and the name of the path that produced them."""
    return trafilatura_blocks(html, url), "trafilatura"
