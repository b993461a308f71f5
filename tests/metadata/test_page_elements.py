"""The one pass over a page's elements (html_meta.page_elements) that the metadata readers, the page data
and the page type share gives what each of them finds by its own search (the plain path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.blocks.pagedata import state_scripts
from scraper.blocks.pagetype import declared_types
from scraper.decode import decode_page
from scraper.normalize import syndication
from scraper.normalize.html_meta import html_evidence, json_ld_evidence, page_elements
from scraper.normalize.syndication import declared_source_evidence
from scraper.sniff import looks_like_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

CRAFTED = {
    "types in capitals": """<html><head><script type="Application/LD+JSON">{"@type": "NewsArticle", "headline": "A"}</script>
        <meta property="OG:TYPE" content="website"><meta property="og:type" content=" Article ">
        <meta property="og:type" content="second"></head><body><h1>A</h1></body></html>""",
    "graph and list": """<html><head><script type="application/ld+json">[{"@graph": [{"@type": ["WebPage", "ItemList"]},
        {"@type": "Person", "name": "Jane Doe"}]}, {"@type": "CollectionPage"}]</script>
        <script type="application/ld+json">{not json</script>
        <script type="application/ld+json">{"@type": "NewsArticle", "author": {"@id": "#a"}, "headline": "B"}</script>
        </head><body><p>x</p></body></html>""",
    "state scripts": """<html><head><script id="__NEXT_DATA__" type="application/json">{"props": {}}</script>
        <script>window.__INITIAL_STATE__ = {"a": 1};</script><script src="x.js"></script>
        <script>var x = 1;</script></head><body><svg><script>self.__PRELOADED_STATE__={}</script></svg>
        <p>text</p><script type="application/ld+json">{"@type": "Article"}</script></body></html>""",
    "no scripts": "<html><body><p>Only a paragraph.</p></body></html>",
    "declared sources": """<html><head><meta name="DC.Source" content="Valley Wire"><meta name="source">
        <meta name="sources" content="x"><meta name="source" itemprop="sourceOrganization" content="Prairie Post">
        </head><body><div itemprop="sourceOrganization"><span itemprop="name">Harbor News</span></div>
        <div itemprop="SourceOrganization">not this</div><meta name="dcterms.source" content="Late Meta"></body></html>""",
}


def _pages() -> list[tuple[str, str]]:
    pages = list(CRAFTED.items())
    for path in sorted((FIXTURES / "pages").iterdir()) + sorted((FIXTURES / "page_types").glob("*")):
        if path.is_file():
            text = decode_page(path.read_bytes(), None).text
            if looks_like_html(text):
                pages.append((path.name, text))
    return pages


@pytest.mark.parametrize(("name", "html"), _pages(), ids=[n for n, _ in _pages()])
def test_shared_pass_gives_what_each_reader_finds_alone(name, html):
    tree = LexborHTMLParser(html)
    elements = page_elements(tree)
    assert [n.mem_id for n in elements.scripts] == [n.mem_id for n in tree.css("script")]
    assert declared_types(tree, elements.json_ld_data, elements.metas) == declared_types(tree)
    assert state_scripts(tree, elements.scripts) == state_scripts(tree)
    assert json_ld_evidence(tree, elements.json_ld_data) == json_ld_evidence(tree)
    assert html_evidence(tree, None, html, elements) == html_evidence(tree, None, html)
    assert [n.mem_id for n in elements.declared_sources] == list(dict.fromkeys(
        n.mem_id for n in tree.root.css(syndication._DECLARED_SOURCE)))
    assert declared_source_evidence(tree, set(), elements.declared_sources) == declared_source_evidence(tree, set())


def test_declared_sources_of_the_crafted_page_are_found():
    tree = LexborHTMLParser(CRAFTED["declared sources"])
    found = page_elements(tree).declared_sources
    assert [n.attributes.get("content") or n.text(strip=True) for n in found] == [
        "Valley Wire", "", "Prairie Post", "Harbor News", "Late Meta"]


def test_crafted_pages_are_read():
    tree = LexborHTMLParser(CRAFTED["graph and list"])
    assert declared_types(tree, page_elements(tree).json_ld_data, page_elements(tree).metas) == [
        "collectionpage", "webpage", "itemlist", "person", "newsarticle"]
    tree = LexborHTMLParser(CRAFTED["types in capitals"])
    assert declared_types(tree, page_elements(tree).json_ld_data, page_elements(tree).metas) == ["newsarticle", "article"]
    tree = LexborHTMLParser(CRAFTED["state scripts"])
    assert [where for where, _ in state_scripts(tree, page_elements(tree).scripts)] == ["next-data", "state", "state"]


COPYRIGHT_LINES = ["&COPY; 2020 Foo Bar", "CopyRıght 2019 The Foo", "COPYRIGHT Foo Bar", "©2019 Foo", "&#169; Foo Bar",
                   "xcopyright Foo", "İcopyright Foo", "&Copy;  2001 - 2024 Foo", "cOpYrIgHt 1999–2003 Foo Bar | x",
                   "<p>© <b>2020</b> The Foo</p> copy copyrights &copy &#1690; ©©© Foo", "Kopyright C©opyright",
                   "© " + "a" * 57 + "copyright 2020 Foo Bar",  # a keyword cut by the match before it
                   "&copy;&#169; Foo &COPYRIGHT; Bar copyrightcopyright Baz &#169;"]


@pytest.mark.parametrize("text", COPYRIGHT_LINES + [html for _, html in _pages()])
def test_copyright_scan_finds_what_the_plain_pattern_finds(text):
    from scraper.normalize.html_meta import _COPY, _SITE_COPYRIGHT, _SITE_COPYRIGHT_SCAN, copyright_lines, mentions_copy

    def spans(pattern):
        return [(m.span(), m.group("name")) for m in pattern.finditer(text)]

    assert spans(_SITE_COPYRIGHT_SCAN) == spans(_SITE_COPYRIGHT)
    assert list(copyright_lines(text)) == [name for _, name in spans(_SITE_COPYRIGHT)]
    assert (_COPY.search(text) is not None) == ("copy" in text.lower())
    for variant in (text, text.replace("copy", "cOpY"), text.replace("Copy", "COPy"), text.upper(), "no such word"):
        assert mentions_copy(variant) == (_COPY.search(variant) is not None)
