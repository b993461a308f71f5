"""The one-pass byline element reading gives the evidence of the ranked reading (one pass per selector)."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.normalize.html_bylines import byline_element_evidence, byline_element_evidence_ranked

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(FIXTURES.rglob("*.html")) + sorted(FIXTURES.rglob("*.htm"))


def _same(html: str) -> list:
    one = byline_element_evidence(LexborHTMLParser(html))
    ranked = byline_element_evidence_ranked(LexborHTMLParser(html))
    assert one == ranked
    return one


def test_there_are_fixture_pages():
    assert len(PAGES) >= 10


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_fixture_pages_give_the_same_evidence(path):
    _same(path.read_text(encoding="utf-8", errors="replace"))


def _page(body: str, doctype: str = "<!doctype html>", body_class: str = "") -> str:
    text = "".join(f"<p>Paragraph {i} of the story, long enough to read as the article's own text.</p>" for i in range(3))
    return f'{doctype}<html><head></head><body class="{body_class}"><h1>Head line</h1>{body}{text}</body></html>'


EDGE_CASES = {
    "none": "<div>No byline here</div>",
    "empty": "",
    # one element that two ranks match: itemprop=author and a byline class
    "two_ranks": '<span itemprop="author" class="byline">Jane Doe</span>',
    # nested matches: an author card holding its name, a byline box holding an author link
    "nested_itemprop": '<div itemprop="author"><span itemprop="name">Jane Doe</span></div>',
    "nested_byline_link": '<div class="byline">By <a href="/author/jane-doe">Jane Doe</a></div>',
    "nested_classes": '<div class="author"><div class="author-name"><a href="/autor/jd">Jane Doe</a></div></div>',
    "vcard": '<p class="vcard"><span class="fn">Jane Doe</span></p><p class="fn">John Roe</p>',
    "case": '<span class="Author-Name">Jane Doe</span><a rel="Author" href="/AUTHOR/x">John Roe</a>',
    "case_quirks": '<span class="Author-Name">Jane Doe</span><span class="AUTHOR">John Roe</span>',
    "wire": '<div class="entry-details byline">Reuters</div><a href="/author/mike-blake">Mike Blake</a>',
    "sidebar_then_page": ('<aside><span class="author">Other Writer</span></aside>'
                          '<a href="/authors/jane-doe">Jane Doe</a>'),
    "two_names_one_group": '<p class="byline"><a rel="author" href="/a">Jane Doe</a> and <a rel="author" href="/b">John Roe</a></p>',
    "body_marked": '<div><a href="/x">Jane Doe</a></div>',
}


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_cases_give_the_same_evidence(name):
    body = EDGE_CASES[name]
    _same(_page(body))
    _same(_page(body, doctype=""))  # quirks mode: class selectors match case aside
    _same(_page(body, body_class="single-author"))


def test_an_element_two_ranks_match_speaks_for_the_first():
    found = _same(_page(EDGE_CASES["two_ranks"]))
    assert [e.origin for e in found] == ["html:byline-element:1"]


def test_a_nested_name_speaks_first():
    found = _same(_page(EDGE_CASES["nested_itemprop"]))
    assert [(e.value, e.origin) for e in found] == [("Jane Doe", "html:byline-element:0")]


def test_no_byline_elements_give_nothing():
    assert _same(_page(EDGE_CASES["none"])) == []
