"""Building the record from judged blocks and evidence (scraper/record.py): the text from the kept
blocks, the metadata from resolution, captions and credits once each, removed blocks in place."""

from __future__ import annotations

import scraper
from scraper.model import Block, BlockKind, Evidence, Page
from scraper.record import build_article, removed_in_place

BODY = ["The harbour board voted on Tuesday to extend the ferry service into the winter months.",
        "Boats will run every hour from the old quay, the board said in a statement."]


def _blocks() -> list[Block]:
    blocks = [Block("Share this"), Block(BODY[0]), Block("Advertisement"), Block(BODY[1], BlockKind.LIST_ITEM)]
    blocks[0].remove("share-widget")
    blocks[2].remove("advertisement")
    return blocks


def test_kept_blocks_become_the_text_and_the_structure():
    page = Page(source="a.html", data=b"", url="https://news.example.org/2024/05/02/ferry")
    article = build_article(page, _blocks(), [], scraper.load_config(), "html")
    assert article.text == "\n\n".join(BODY)
    assert article.structure == ["paragraph", "list_item"]
    assert article.word_count == len(" ".join(BODY).split())
    assert article.extractor == "html" and article.source == "a.html"
    assert article.published == "2024-05-02"  # from the URL, the only date evidence
    assert article.outlet == "news.example.org"


def test_captions_and_credits_are_kept_once_each_whatever_their_case_or_spacing():
    evidence = [Evidence("caption", "The quay at dawn.", "rule:caption"),
                Evidence("caption", "The  quay at DAWN.", "html:figcaption"),
                Evidence("credit", "Jane Roe/Agency", "rule:photo-caption"),
                Evidence("credit", "jane roe / agency", "caption:credit")]
    article = build_article(Page(source="a", data=b""), _blocks(), evidence, scraper.load_config(), "html")
    assert article.captions == ["The quay at dawn."]
    assert len(article.credits) == 1


def test_a_credit_reader_adds_credits_from_captions():
    evidence = [Evidence("caption", "The quay at dawn. (Photo: Jane Roe)", "html:figcaption")]
    article = build_article(Page(source="a", data=b""), _blocks(), evidence, scraper.load_config(), "html",
                            credit=lambda text: "Jane Roe" if "Jane Roe" in text else None)
    assert article.credits == ["Jane Roe"]


def test_explain_lists_removed_blocks_where_they_stood():
    blocks = _blocks()
    article = build_article(Page(source="a", data=b""), blocks, [], scraper.load_config(), "html", explain=True)
    assert [(r["rule"], r["at"]) for r in article.removed] == [("share-widget", 0), ("advertisement", 1)]
    assert article.provenance is not None
    plain = build_article(Page(source="a", data=b""), _blocks(), [], scraper.load_config(), "html")
    assert plain.removed is None and plain.provenance is None


def test_removed_in_place_counts_paragraphs_inside_a_kept_block():
    blocks = [Block("one\n\ntwo"), Block("gone"), Block("three")]
    blocks[1].remove("ui-label")
    assert removed_in_place(blocks, ["one\n\ntwo", "", "three"]) == [{"rule": "ui-label", "text": "gone", "kind": "paragraph", "at": 2}]
