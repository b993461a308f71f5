"""The author-line rule's parts: the names the metadata gives, the cheap pre-test, the line test."""

from __future__ import annotations

import pytest

from scraper.model import Block, BlockKind, Evidence
from scraper.rules.author_line import AuthorLineRule, author_names, filler_words, is_author_line, may_name
from scraper.rules.base import RuleContext

NAMES = [["priya", "natarajan"], ["jo", "lee"]]


def test_names_come_from_author_and_byline_evidence_as_folded_words():
    evidence = [Evidence("author", "Priya Natarajan", "meta:author"),
                Evidence("byline", "By Jo Lee and Priya Natarajan, Reuters", "html:byline"),
                Evidence("author", "Cher", "json-ld"),  # one word: could be anyone's
                Evidence("title", "Jo Lee wins", "html:title")]
    assert author_names(evidence) == NAMES


def test_filler_words_hold_leads_joiners_clock_words_and_month_names():
    filler = filler_words()
    assert {"by", "von", "and", "und", "updated", "min", "read", "monday", "march"} <= filler
    assert "said" not in filler and "council" not in filler


@pytest.mark.parametrize(("text", "possible"), [
    ("PRIYA NATARAJAN, 3 min read", True),
    ("Priya N.", False),
    ("By Jo Lee", True),
])
def test_the_pre_test_never_misses_a_line_that_holds_a_name(text, possible):
    assert may_name(text, NAMES) is possible
    if is_author_line(text, NAMES):
        assert may_name(text, NAMES)


@pytest.mark.parametrize(("text", "is_line"), [
    ("Priya Natarajan | Updated 14 March 2024, 11:32 AM GMT", True),
    ("Von Priya Natarajan und Jo Lee, 02.02.2022", True),
    ("Jo Lee · 3 min read", True),
    ("Natarajan", False),                                   # a surname alone
    ("Priya Natarajan reports from the harbour", False),    # other words: a sentence
    ("Priya Lee", False),                                    # words of two names, no full name
])
def test_a_line_of_names_dates_and_filler_only(text, is_line):
    assert is_author_line(text, NAMES) is is_line


def test_the_rule_types_and_removes_only_short_lines_naming_known_authors():
    long = "Priya Natarajan " + "and Jo Lee " * 8
    blocks = [Block("Priya Natarajan, 14 March 2024"), Block(long), Block("The ferry runs again.")]
    ctx = RuleContext(evidence=[Evidence("author", "Priya Natarajan", "meta:author")])
    AuthorLineRule().apply(blocks, ctx)
    assert blocks[0].removed_by == "author-line" and blocks[0].kind is BlockKind.BYLINE
    assert blocks[1].kept and blocks[2].kept  # over the word limit; no name


def test_without_names_the_rule_does_nothing():
    blocks = [Block("Priya Natarajan")]
    AuthorLineRule().apply(blocks, RuleContext())
    assert blocks[0].kept
