"""canonical() skips its whitespace and invisible-character passes on printable text: that is
only right while every character those passes touch is unprintable."""

from __future__ import annotations

import sys

import pytest

from scraper.normalize.text import _INVISIBLE, canonical


def test_every_space_but_the_plain_one_and_every_invisible_character_is_unprintable():
    for c in map(chr, range(sys.maxunicode + 1)):
        if (c.isspace() and c != " ") or _INVISIBLE.fullmatch(c):
            assert not c.isprintable(), hex(ord(c))


@pytest.mark.parametrize(("raw", "clean"), [
    ("a  b", "a b"),
    ("  a b  ", "a b"),
    ("a\u00a0b", "a b"),
    ("a\u00a0 b", "a b"),
    ("a\tb", "a b"),
    ("a\u200bb   c", "ab c"),
    ("line\nnext  line", "line\nnext line"),
    ("\u3000x\u3000", "x"),
    ("Cafe\u0301", "Café"),
])
def test_spaces_and_invisible_characters(raw, clean):
    assert canonical(raw) == clean
