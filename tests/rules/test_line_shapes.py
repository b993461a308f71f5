"""Text dumps: single lines that are the site's wherever they sit in the article: a line holding
the headline and more, a line of separated short items, furniture between headline and body."""

from __future__ import annotations

import pytest

import scraper
from scraper.rules.line_shapes import holds_headline, is_item_list
from scraper.rules.predicates import block_key

MENU = ["Home", "News", "Local", "Sport", "Culture", "Contact"]
HEADLINE = "Night ferry returns to the island after a two-year pause"
BODY = [
    "The night ferry to Skerry Island will run again from May, the harbour board said on Monday, after a "
    "two-year pause that left late-shift workers on the island without a way home after nine in the evening.",
    "Board members said the service had been paid for by a small rise in the daytime fare, which passed by "
    "seven votes to two after a long debate about the cost of fuel.",
    "The boat will leave the mainland pier at half past eleven on weekdays and at one in the morning on "
    "Fridays and Saturdays, and bicycles will travel free of charge on every crossing after ten.",
    "Islanders who work late at the cannery or the hospital had collected signatures for the return of "
    "the service since the first winter without it, the board's chair said.",
]
FOOTER = ["About us", "Privacy", "Terms", "Imprint"]


def clean(lines: list[str]) -> scraper.Article:
    return scraper.clean("\n".join(lines).encode(), explain=True)


def removed_by(article: scraper.Article, text: str) -> str | None:
    return next((r["rule"] for r in article.removed if r["text"] == text), None)


@pytest.mark.parametrize("line", [
    "News / harbour / ferries / island life",
    "Archive | RSS | Imprint | Privacy",
    "Politics · Economy · Culture",
])
def test_separated_short_items_are_a_list_line(line):
    assert is_item_list(line)


@pytest.mark.parametrize("line", [
    "Rock / Pop",  # two items: a genre, a pair
    "The fare rises by a tenth / the board says it must / the ferry costs more to run",  # long parts
    "We asked: yes / no / maybe.",  # a sentence
    "Harbour Ledger / Mara Lindqvist",
])
def test_sentences_and_pairs_are_no_list_line(line):
    assert not is_item_list(line)


def test_a_line_holding_the_headline_and_more_is_found():
    key = block_key(HEADLINE)
    assert holds_headline(f"Home » Local » {HEADLINE}", key)
    assert holds_headline(f"12 responses to “{HEADLINE}”", key)
    assert not holds_headline(HEADLINE, key)  # the headline itself is another rule's
    assert not holds_headline("The night ferry will run again from May.", key)
    assert not holds_headline("Home » Local", block_key("Local"))  # too short a headline to look for


def test_tag_line_breadcrumb_and_share_head_go_from_a_dump():
    lines = MENU + [HEADLINE, "Enjoy this story? Tell a friend", BODY[0], f"Home » Local » {HEADLINE}", BODY[1],
                    "Harbour / ferries / island life", BODY[2], BODY[3], f"3 comments on “{HEADLINE}”"] + FOOTER
    article = clean(lines)
    assert article.title == HEADLINE
    assert article.text.startswith(BODY[0]) and article.text.endswith(BODY[3])
    assert removed_by(article, "Enjoy this story? Tell a friend") in ("section-head", "head-chrome")
    assert removed_by(article, f"Home » Local » {HEADLINE}") == "headline-line"
    assert removed_by(article, "Harbour / ferries / island life") == "item-list"


def test_short_labels_between_headline_and_body_go_and_the_standfirst_stays():
    standfirst = "A two-year pause ends as the harbour board finds the money in a small fare rise"
    lines = MENU + ["Local news", HEADLINE, "Ferries", "Print", standfirst] + BODY + FOOTER
    article = clean(lines)
    assert article.title == HEADLINE
    assert article.text.startswith(standfirst)
    assert removed_by(article, "Ferries") == "head-chrome"
    assert removed_by(article, "Print") in ("head-chrome", "share-widget")


def test_a_read_also_head_goes_with_the_headline_under_it():
    lines = MENU + [HEADLINE] + BODY[:2] + ["Lue myös:", "Satamaan rakennetaan uusi kylmävarasto"] + BODY[2:] + FOOTER
    article = clean(lines)
    assert BODY[1] in article.text and BODY[2] in article.text
    assert "Lue myös" not in article.text and "kylmävarasto" not in article.text


def test_an_inline_pointer_to_another_story_goes():
    lines = MENU + [HEADLINE] + BODY[:2] + ["Mire: El festival de teatro anuncia su programa"] + BODY[2:] + FOOTER
    assert "festival" not in clean(lines).text


def test_a_section_head_inside_the_body_goes_and_the_heading_under_it_stays():
    lines = MENU + [HEADLINE] + BODY[:2] + ["Share this article:", "What happens in winter"] + BODY[2:] + FOOTER
    article = clean(lines)
    assert removed_by(article, "Share this article:") in ("section-head", "share-widget")
    assert "What happens in winter" in article.text


def test_a_rate_line_between_paragraphs_goes():
    lines = MENU + [HEADLINE] + BODY[:2] + ["Bewerten:", "What happens in winter"] + BODY[2:] + FOOTER
    article = clean(lines)
    assert removed_by(article, "Bewerten:") == "section-head"
    assert "What happens in winter" in article.text


def test_the_standfirst_under_a_dated_headline_is_text_not_the_title():
    standfirst = "What the harbour board had hinted at for weeks was confirmed in a short statement on Monday"
    lines = MENU + [HEADLINE, "09.04.2024 Local", standfirst] + BODY + FOOTER
    article = clean(lines)
    assert article.title == HEADLINE
    assert article.text.startswith(standfirst)
