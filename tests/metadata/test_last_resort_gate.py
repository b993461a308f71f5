"""The last resorts' text gate skips the walk only where the walk finds nothing, and the author test's
gate changes no answer."""

import re
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.model import Evidence
from scraper.normalize import html_bylines as hb
from scraper.normalize import resolve

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"

STORY = "<p>" + "Ein Absatz der Meldung, lang genug für den Text der Seite. " * 3 + "</p>"
CRAFTED = [
    '<footer><p>© 2019 Jane Doe</p></footer>',
    '<footer><p>Copyright (c) 2012- Sven Schreivogel. All rights reserved.</p></footer>',
    '<footer><p>(Creative Commons) 2006-2008 by Martin Weber</p></footer>',
    '<footer><p>© 2019 Beispiel Media GmbH</p><p>2021-03-04</p></footer>',
    '<figure><figcaption>© Jane Doe</figcaption></figure>',
    '<p><strong>Pressekontakt</strong><br>Dr. Tim Loppe<br>Pressesprecher Beispiel AG</p>',
    '<p><strong>PRESSEKONTAKT:</strong><br>\n<br><span>\xa0</span>Jan Koch</p>',
    '<p><b>Preßekontakt</b></p><p>Jan Koch</p>',
    '<p><b>Uﬃcio stampa</b></p><p>Maria Rossi</p>',
    '<p><b>Kontakt</b></p><p>a</p><p>b</p><p>c</p><p>d</p><p>Jan Koch</p>',
    '<nav><a href="/presse/pressekontakt">Pressekontakt</a></nav><p>Jane Doe</p>',
    '<div class="press-contact presscontact"><p>Maria Rossi</p></div>',
    '<footer><a rel="cc:attributionURL" href="/">Jane Doe</a></footer>',
]


def _trees() -> list[LexborHTMLParser]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.iterdir())]
    texts += [f"<html><body>{STORY}{c}</body></html>" for c in CRAFTED]
    return [LexborHTMLParser(t) for t in texts]


def test_the_gated_last_resorts_agree_with_the_walk() -> None:
    found = 0
    for tree in _trees():
        plain = hb.last_resort_evidence_plain(tree)
        assert hb.last_resort_evidence(tree) == plain
        found += bool(plain)
    assert found >= 8  # crafted holders and contacts were found, not only nothing


def test_the_gate_lets_through_every_page_the_walk_reads_something_on() -> None:
    data = hb.byline_selectors()
    walked = 0
    for tree in _trees():
        if tree.body is None:
            continue
        holder, contact = hb._last_resort_walk(tree.body, data)
        if holder is not None or contact is not None:
            walked += 1
            assert hb._walk_may_find(tree.body, data)
    assert walked >= 7


def test_the_gate_skips_a_page_without_holder_or_contact() -> None:
    tree = LexborHTMLParser(f"<html><body>{STORY}<footer><p>© 2019 Beispiel Media GmbH</p>"
                            "<a href=/kontakt>Kontakt</a></footer></body></html>")
    assert not hb._walk_may_find(tree.body, hb.byline_selectors())


def test_a_label_in_any_case_and_spelling_is_found() -> None:
    gate = hb._contact_openings(hb.byline_selectors().contact_labels)
    for label in hb.byline_selectors().contact_labels:
        for spelling in hb._fold_variants(label):
            for text in (spelling, spelling.upper(), f" {spelling.title()} :\n"):
                assert text.strip().rstrip(" :").casefold() == label
                assert gate.search(f"\x00{text}\x00"), text


def test_wider_folds_cover_every_letter_a_label_may_be_written_with() -> None:
    """Every code point whose case folding is made of the labels' letters: a one-letter folding is
    matched case aside, a longer one is among WIDER_FOLDS."""
    letters = set("".join(hb.byline_selectors().contact_labels)) | set("abcdefghijklmnopqrstuvwxyz")
    for x in map(chr, range(sys.maxunicode + 1)):
        folded = x.casefold()
        if not set(folded) <= letters:
            continue
        if len(folded) == 1:
            assert re.match(re.escape(folded), x, re.IGNORECASE), hex(ord(x))
        else:
            assert x in hb.WIDER_FOLDS.get(folded, ""), hex(ord(x))


def _names_someone_plain(evidence: list[Evidence]) -> bool:
    names, origin, _ = resolve.authors_from(evidence)
    return bool(names) and origin != "site:owner"


@pytest.mark.parametrize("evidence", [
    [],
    [Evidence("outlet", "Jane Doe's blog", "html:site-name"), Evidence("title", "A story", "html:title")],
    [Evidence("author", "Jane Doe", "meta:author")],
    [Evidence("byline", "Von Jane Doe", "html:byline-text"), Evidence("outlet", "Beispiel", "meta:og:site_name")],
    [Evidence("author", "Beispiel", "meta:author"), Evidence("outlet", "Beispiel", "meta:og:site_name")],
])
def test_names_someone_without_author_evidence_is_false_as_the_full_reading(evidence) -> None:
    assert resolve.names_someone(evidence) == _names_someone_plain(evidence)
