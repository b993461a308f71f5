"""Work limits mark the record, page types keep list pages out of the text, page data fills teasers."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

import scraper
from scraper.blocks.html import drop_repeats
from scraper.config import parse_config
from scraper.errors import ERROR_TYPES
from scraper.model import Block

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "pages"
NOT_ARTICLES = FIXTURES.parent / "page_types"
"""Pages that are no article (lists, a video page): apart from fixtures/pages, where every page holds one."""
SENTENCE = "The harbour board met on Monday and agreed the new ferry timetable for the spring season."


def _page(paragraphs: int, sentence: str = SENTENCE) -> bytes:
    body = "".join(f"<p>{i} {sentence}</p>" for i in range(paragraphs))
    return f"<html><head><title>Ferry timetable</title></head><body><article>{body}</article></body></html>".encode()


def _config(**extract: int):
    return parse_config({"extract": extract})


@pytest.mark.parametrize(("paragraphs", "cut"), [(10, False), (11, True)])
def test_block_limit_just_under_and_over(paragraphs, cut):
    article = scraper.clean(_page(paragraphs), config=_config(max_blocks=10), explain=True)
    assert article.truncated is cut
    assert article.text.count("harbour board") == 10 if cut else paragraphs
    named = [c["limit"] for c in article.diagnostics["truncated_by"]]
    assert named == (["extract.max_blocks"] if cut else [])
    if cut:
        assert article.diagnostics["truncated_by"][0]["dropped_blocks"] == 1


def test_text_limit_just_under_and_over():
    size = sum(len(f"{i} {SENTENCE}") for i in range(10))
    under = scraper.clean(_page(10), config=_config(max_text_chars=size), explain=True)
    over = scraper.clean(_page(10), config=_config(max_text_chars=size - 5), explain=True)
    assert not under.truncated and under.diagnostics["truncated_by"] == []
    assert over.truncated and over.diagnostics["truncated_by"][0]["limit"] == "extract.max_text_chars"
    assert over.diagnostics["truncated_by"][0]["dropped_chars"] == 5


def test_text_dump_limit():
    dump = "\n\n".join(f"{i} {SENTENCE}" for i in range(30)).encode()
    assert not scraper.clean(dump, config=_config(max_blocks=30)).truncated
    assert scraper.clean(dump, config=_config(max_blocks=29)).truncated


def test_a_very_long_article_is_cut_in_bounded_time_and_says_so():
    data = _page(60_000)  # about 6 MB, 5.5 million characters of text: over the default 1,000,000
    start = time.process_time()
    article = scraper.clean(data, explain=True)
    assert time.process_time() - start < 30
    assert article.truncated and article.error is None
    assert article.diagnostics["truncated_by"][0]["limit"] in ("extract.max_blocks", "extract.max_text_chars")


def test_ordinary_fixture_pages_are_not_truncated():
    for page in sorted(FIXTURES.iterdir()):
        assert not scraper.clean(page.read_bytes()).truncated, page.name


@pytest.mark.parametrize(("name", "page_type", "extractor"), [
    ("html-list-section-front.html", "list", "html"),
    ("html-list-search-results.html", "list", "html"),
    ("html-list-tag-page.html", "list", "html"),
    ("html-other-video.html", "other", "html"),
    ("html-pagedata-jsonld-paywall.html", "article", "page-data:json-ld"),
    ("html-pagedata-next-state.html", "article", "page-data:next-data"),
])
def test_page_types_and_extractors(name, page_type, extractor):
    folder = FIXTURES if page_type == "article" else NOT_ARTICLES
    article = scraper.clean((folder / name).read_bytes(), explain=True)
    assert (article.page_type, article.extractor) == (page_type, extractor)
    assert "page_type_signals" in article.diagnostics
    if page_type != "article":
        assert article.text == "" and article.outcome == "empty"


def test_page_data_body_goes_through_the_cruft_rules():
    article = scraper.clean((FIXTURES / "html-pagedata-next-state.html").read_bytes(), explain=True)
    assert "eighteen months" in article.text and "newsletter" not in article.text
    assert any(r["rule"] == "signup-box" for r in article.removed)


def test_repeated_paragraphs_of_the_fallback_are_dropped():
    para = "The committee approved the budget after a long debate about the cost of the new library."
    blocks = [Block("Budget"), Block(para), Block("Other text that is long enough to count as a paragraph here."),
              Block(para.upper()), Block("Budget")]
    assert [b.text for b in drop_repeats(blocks)] == ["Budget", para, blocks[2].text, "Budget"]


def test_internal_error_is_reported_as_such_and_logged(monkeypatch, caplog):
    import scraper.pipeline as pipeline

    def broken(*args, **kwargs):
        raise KeyError("lost")
    monkeypatch.setattr(pipeline, "apply_rules", broken)
    with caplog.at_level(logging.ERROR, logger="scraper"):
        article = scraper.clean(_page(3))
    assert article.error == {"type": "InternalError", "message": "KeyError: 'lost'"}
    assert any(r.exc_info for r in caplog.records)


def test_unknown_source_error_becomes_source_error():
    page = scraper.Page(source="x", data=b"", error={"type": "BadZipThing", "message": "oops"})
    article = scraper.process(page, scraper.load_config())
    assert article.error == {"type": "SourceError", "message": "BadZipThing: oops"}


def test_every_error_type_is_documented():
    readme = (FIXTURES.parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [name for name in ERROR_TYPES if f"`{name}`" not in readme]
    assert not missing
