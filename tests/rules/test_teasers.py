"""Text dumps: other stories' teasers (a headline and a blurb, closed by "read more" or cut short) go;
an article with the same shape (subheadings over paragraphs) stays."""

from __future__ import annotations

import scraper
from scraper.model import Block
from scraper.rules.teasers import teaser_lines

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
TEASERS = [
    ("Lighthouse cottage opens as a tiny museum",
     "The old keeper's cottage at Gull Point opens its two rooms to visitors from June with the logbooks, the "
     "brass lamp and a film about the last keeper's family, who lived there for forty years."),
    ("Fishing cooperative buys a second cold store",
     "Members voted to borrow for a second cold store after a spring in which boats waited at the quay for "
     "hours while the single store was emptied and part of the catch was sold off cheaply."),
    ("Dock workers' choir records its first album",
     "Twenty-two singers, most of them retired dockers, spent three weekends in the net loft with a borrowed "
     "recording set, and the album goes on sale at the harbour shop next month."),
]


def clean(lines: list[str]) -> scraper.Article:
    return scraper.clean("\n".join(lines).encode(), explain=True)


def test_units_closed_by_a_repeated_read_more_line_go_and_the_short_article_stays():
    river = [line for head, blurb in TEASERS for line in (head, blurb, "Read the rest")]
    article = clean(MENU + [HEADLINE] + BODY[:2] + river + FOOTER)
    assert article.text.endswith(BODY[1])
    for head, blurb in TEASERS:
        assert head not in article.text and blurb not in article.text


def test_units_whose_blurbs_are_cut_short_go():
    river = [line for head, blurb in TEASERS for line in (head, blurb[:90] + "...")]
    article = clean(MENU + [HEADLINE] + BODY + river + FOOTER)
    assert article.text.endswith(BODY[-1])
    assert "cold store" not in article.text


def test_dated_units_with_an_ellipsis_go_inside_the_article_too():
    box = [line for head, blurb in TEASERS[:2] for line in (head, "12.05.2024", blurb[:80] + " […]")]
    article = clean(MENU + [HEADLINE] + BODY[:2] + box + BODY[2:] + FOOTER)
    assert BODY[0] in article.text and BODY[-1] in article.text
    assert "Lighthouse" not in article.text
    assert "teaser-unit" in {r["rule"] for r in article.removed}


def test_subheadings_over_paragraphs_are_not_teasers():
    sections = [line for head, blurb in TEASERS for line in (head, blurb)]
    article = clean(MENU + [HEADLINE] + BODY + sections + FOOTER)
    for head, blurb in TEASERS:
        assert head in article.text and blurb in article.text


def test_one_paragraph_trailing_off_or_one_read_more_line_is_no_unit():
    lines = [HEADLINE, BODY[0], "What the islanders say", BODY[1][:100] + "…", "Read more", "Privacy"]
    assert teaser_lines([Block(t) for t in lines]) == frozenset()


def test_a_page_of_nothing_but_teasers_keeps_them():
    river = [line for head, blurb in TEASERS for line in (head, blurb[:120] + "…")]
    article = clean(MENU + river + FOOTER)
    assert "cold store" in article.text
