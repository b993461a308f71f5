"""The per-process caches of the name and text readers give what the plain readers give, and the
runner-up candidates (only ``--explain`` shows them) are left out of plain records without changing them."""

from __future__ import annotations

import pytest

import scraper
from scraper.model import Evidence
from scraper.normalize import address, bylines, text
from scraper.normalize.resolve import resolve_record

BYLINES = [
    "By Jane Doe and John Roe", "Von Jana Beispiel, dpa", "jane@example.com (Jane Doe)", "Staff Reporter",
    "Posted by Konstantin", "Heiko", "Jane Doe in London", "Text: Max Mustermann / Prairie Ledger",
    "Jane Doe, Harbor Gazette, Springfield", "Motley Fool Staff", "04.02.2022 | 13:10 Uhr | Jane Doe", "",
]


@pytest.mark.parametrize("line", BYLINES)
@pytest.mark.parametrize("single", [False, True])
def test_cached_byline_reading_is_the_plain_one(line, single):
    for _ in range(2):  # the second call is answered from the cache
        assert bylines.parse_byline(line, allow_single=single) == bylines.read_byline(line, allow_single=single)
        assert bylines.looks_like_byline(line, allow_single=single) == _plain_looks_like(line, single)


def _plain_looks_like(line: str, single: bool) -> bool:
    parsed = bylines.read_byline(line, allow_single=single)
    return bool(parsed.authors or parsed.organisations or parsed.placeholders) and not parsed.unknown


@pytest.mark.parametrize("name", ["Jane Doe", "The Plain Dealer", "Harbor Gazette GmbH", "example.com", "张伟",
                                  "Letters To The Editor", "Jean-Pierre de la Roche", "R2 D2", ""])
def test_cached_name_tests_are_the_plain_ones(name):
    for _ in range(2):
        assert bylines.is_person_name(name) == bylines.is_person_name.__wrapped__(name)
        assert bylines.is_organisation(name) == bylines.is_organisation.__wrapped__(name)


TEXTS = ["  Jane\u00a0Doe  ", "Caf\u00c3\u00a9 Society", "Tom &amp; Jerry", "a\u200bb   c", "Cafe\u0301", "",
         "x" * (text.CACHED_CHARS + 5) + " &amp;  y", "w" * (text.PARAGRAPH_CHARS + 5) + " &amp;  z", "Ünïcödé – “quoted”", "line\nnext  line"]


@pytest.mark.parametrize("raw", TEXTS)
def test_cached_canonical_and_key_are_the_plain_ones(raw):
    for _ in range(2):
        assert text.canonical(raw) == text.make_canonical(raw)
        assert text.letters_key(raw) == text.make_letters_key(raw)


URLS = ["https://www.Example.com/story", "https://web.archive.org/web/20160330101229/http://example.net/story",
        "http://[broken/x", "example.com/no-scheme", "", None, "https://user@host.example.org:8080/a?b#c"]


@pytest.mark.parametrize("url", URLS)
def test_cached_host_is_the_plain_one(url):
    for _ in range(2):
        assert address.host_of(url) == address.read_host(url)


def _evidence() -> list[Evidence]:
    return [
        Evidence("title", "Canal walk - Harbor Gazette", "html:title"),
        Evidence("title", "Canal walk", "html:h1"),
        Evidence("byline", "By Jane Doe", "html:byline-text"),
        Evidence("author", "Harbor Gazette", "meta:author"),
        Evidence("outlet", "Harbor Gazette", "meta:og:site_name"),
        Evidence("published", "2024-03-05T10:00:00Z", "meta:article:published_time"),
        Evidence("published", "2024-03-04", "html:time"),
        Evidence("language", "en", "html:lang"),
    ]


def test_runners_up_are_skipped_without_changing_the_record():
    full = resolve_record(_evidence(), "A story about a walk along the canal. " * 10)
    plain = resolve_record(_evidence(), "A story about a walk along the canal. " * 10, runners_up=False)
    assert plain.values == full.values
    assert plain.provenance == full.provenance
    assert full.candidates and plain.candidates == {}


def test_explain_still_lists_runners_up():
    page = ('<html lang="en"><head><title>Canal walk - Harbor Gazette</title>'
            '<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head><body><article>'
            '<h1>Canal walk</h1><time datetime="2024-03-04">4 March</time>'
            + "<p>The walk along the canal takes about two hours, past locks, mills and a bridge.</p>" * 5
            + "</article></body></html>")
    explained = scraper.clean(page, explain=True)
    plain = scraper.clean(page)
    assert explained.candidates and plain.candidates is None
    assert (explained.title, explained.published, explained.authors) == (plain.title, plain.published, plain.authors)


def _fixture_marks() -> list[str]:
    from pathlib import Path

    from selectolax.lexbor import LexborHTMLParser

    fixtures = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
    marks = {"", " ", "sidebar", "widget author", "sidebar-author", "article-sidebar widget", "related teaser",
             "instagram-media", "x twitter-tweet", "Comment-List", "autor widget_area", "menu author-box"}
    for path in sorted(fixtures.iterdir()):
        for node in LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace")).css("[class], [id]"):
            marks.add(f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}")
            marks.add(node.attributes.get("class") or "")
    return sorted(marks)


def test_cached_region_marks_are_the_plain_reading():
    from scraper.normalize import html_bylines as hb

    data = hb.byline_selectors()
    marks = _fixture_marks()
    assert len(marks) > 300
    kinds = set()
    for _ in range(2):  # the second round is answered from the caches
        for value in marks:
            assert hb._region_marked(value, data) == hb.region_kind(value, data)
            assert hb._embed_marked(value, data) == bool(data.embeds.search(value))
            kinds.add(hb.region_kind(value, data))
    assert kinds == {hb.NO_REGION, hb.AUTHOR_BOX, hb.OTHER_REGION}


def test_cached_chrome_marks_are_the_plain_reading():
    from scraper.normalize import dates

    marks = _fixture_marks() + ["commentary", "comments", "top-bar", "most-read", "x nav", "Related-Posts", "recent_posts"]
    found = set()
    for _ in range(2):
        for value in marks:
            assert dates._chrome_marked(value) == dates.chrome_marks(value)
            found.add(dates.chrome_marks(value))
    assert found == {True, False}
