"""Marked elements found through the shorter probes are those the whole selector finds, in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.normalize.html_bylines import byline_selectors
from scraper.normalize.marked import MarkedElements
from scraper.normalize.syndication import _slots

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(FIXTURES.rglob("*.html")) + sorted(FIXTURES.rglob("*.htm"))
SLOTS = _slots()[0]
CONTACTS = byline_selectors().contact_boxes


def _same(marked: MarkedElements, html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    fast = [n.mem_id for n in marked.find(root)]
    plain = [n.mem_id for n in marked.find_plain(root)]
    assert fast == plain
    assert [n.mem_id for n in marked.find_listed(root)] == [n.mem_id for n in root.css(marked.selector)]
    return [n.tag for n in marked.find(root)]


def test_there_are_fixture_pages():
    assert len(PAGES) >= 10


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_fixture_pages_give_the_same_slots(path):
    _same(SLOTS, path.read_text(encoding="utf-8", errors="replace"))
    _same(CONTACTS, path.read_text(encoding="utf-8", errors="replace"))


CONTACT_CASES = {
    "none": ('<div class="contact">Text</div><p class="kontakt">x</p>', []),
    "two words, listed twice": ('<div class="press-contact presscontact"><p class="Media-Contact">M</p></div>',
                                ["div", "div", "p"]),
    "case and probe only": ('<p class="PRESSEKONTAKT">x</p><i class="contacts">y</i><b class="ansprechpartnerin">z</b>',
                            ["p", "b"]),
    "word inside a word": ('<div class="xcontact-personx contactperson">x</div>', ["div", "div"]),
    "not ascii": ('<p class="\u212aontact-person">x</p><p class="ANSPRECHPARTNER\u0130">y</p>', ["p"]),
    "the html element": ('<p>x</p>', []),
}


@pytest.mark.parametrize("name", CONTACT_CASES)
def test_contact_boxes_are_listed_as_the_whole_selector_lists_them(name):
    body, tags = CONTACT_CASES[name]
    _same(CONTACTS, f"<!doctype html><html><body>{body}</body></html>")
    tree = LexborHTMLParser(f"<!doctype html><html class='media-contact'><body>{body}</body></html>")
    listed = [n.tag for n in CONTACTS.find_listed(tree.root)]
    assert listed == [n.tag for n in tree.css(CONTACTS.selector)] == ["html", *tags]


EDGE_CASES = {
    "none": ('<div class="story">Text</div>', []),
    "case": ('<p class="Credit-Line">AFP</p><span ID="AUTOR">dpa</span>', ["p", "span"]),
    "probe only": ('<div class="featured">x</div><div id="gaurd">y</div><i class="agenda">z</i>', []),
    "word in a longer value": ('<div class="post-sourcebox">x</div>', ["div"]),
    "nested, page order": ('<div class="byline"><span class="source">x</span></div><b id="quelle">q</b>',
                           ["div", "span", "b"]),
    "itemprop word": ('<span itemprop="name author">A</span><span itemprop="Author">B</span>'
                      '<span itemprop="authors">C</span><span itemprop="x\tauthor">D</span>', ["span", "span"]),
    "not ascii": ('<p class="ſource">x</p><p class="\u212aredit">y</p><p class="SİGNATURE">z</p>', []),
    "two words": ('<p class="author credit">x</p>', ["p"]),
    "svg": ('<svg><g class="source-icon"></g></svg>', ["g"]),
}


@pytest.mark.parametrize("name", EDGE_CASES)
def test_edge_cases(name):
    body, tags = EDGE_CASES[name]
    assert _same(SLOTS, f"<!doctype html><html><body>{body}</body></html>") == tags


def test_quirks_mode_pages_agree():
    _same(SLOTS, '<html><body><p class="CREDIT">x</p><p class="Source">y</p></body></html>')


def test_every_word_holds_a_probe():
    with pytest.raises(ValueError):
        MarkedElements(("author", "credit"), ("aut",))
    with pytest.raises(ValueError):
        MarkedElements(("Author",), ("aut",))
