"""The shared lexicon: one definition of sentence ends, letters-and-digits keys and byline words."""

from __future__ import annotations

import re

import pytest

from scraper import lexicon
from scraper.lexicon import alnum_only, alternation, ends_sentence, ends_with_mark, expand, words


@pytest.mark.parametrize(("text", "sentence", "clause"), [
    ("He left.", True, True),
    ('He said "no."  ', True, True),
    ("(See above.)", True, True),
    ("Was it?»", True, True),
    ("これは本です。", True, True),
    ("Contents:", False, True),
    ("one; two;", False, True),
    ("Breaking news", False, False),
    ("", False, False),
    ('"', False, False),
])
def test_ends_sentence(text, sentence, clause):
    assert ends_sentence(text) is sentence
    assert ends_sentence(text, clause=True) is clause


def test_ends_sentence_is_the_regex_it_replaces():
    """Reading the end of the text agrees with the pattern written from the same data."""
    marks, closers = re.escape(lexicon.SENTENCE_END), re.escape(lexicon.CLOSERS)
    pattern = re.compile(f"[{marks}][{closers}]*\\s*$")
    for text in ["a.", "a. ", "a.)", "a)", "a", "a.»\"", "end…", "x.]", "no ", "?", ")."]:
        assert ends_sentence(text) is (pattern.search(text) is not None), text


def test_a_line_ending_with_a_closer_ends_where_its_writer_ended_it():
    assert ends_with_mark('He said "yes"')
    assert ends_with_mark("Contents:")
    assert not ends_with_mark("a line cut at a fixed width and")


def test_alnum_only_keeps_letters_and_digits_of_any_script():
    assert alnum_only("Jane_Doe, 3rd — Zoë!") == "JaneDoe3rdZoë"


def test_byline_words_are_data_and_expand_into_patterns():
    leads = words("byline", "leads")
    assert "by" in leads and "von" in leads
    assert alternation(leads, ("by", "text")).count("by") == 1
    pattern = re.compile(expand(r"\L<byline.leads>\s+(?P<name>\w+)"), re.I)
    assert pattern.fullmatch("Von Jane").group("name") == "Jane"
    assert pattern.fullmatch("door Piet")
    assert not pattern.fullmatch("with Jane")


def test_an_unknown_word_list_is_an_error():
    with pytest.raises(KeyError):
        expand(r"\L<byline.nonesuch>")
