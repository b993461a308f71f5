"""The byline splitter's lookahead (bylines.split_pattern) changes no split: the guarded pattern cuts every
text where the plain one does, on the fixture pages' text and on made-up bylines around each separator."""

from __future__ import annotations

import tomllib
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scraper.normalize import bylines
from scraper.normalize.bylines import SEPARATORS, name_data, read_byline

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


def _joiners() -> list[str]:
    with open(Path(bylines.__file__).with_name("names.toml"), "rb") as fh:
        return tomllib.load(fh)["joiners"]


def _made_up() -> list[str]:
    """Each separator and joiner at the start, inside, glued to words, in capitals, around odd white space."""
    out = []
    for sep in [*SEPARATORS, *_joiners(), " – ", " - ", "—", "-"]:
        for word in (sep, sep.upper(), sep.title()):
            out += [f"Jane Doe{word}John Roe", f"Jane Doe {word} John Roe", f"{word} Jane Doe", f"Jane Doe {word}",
                    f"{word}", f"Jane\u00a0Doe\u00a0{word}\u00a0John", f"Jane Doe\t{word}\nJohn Roe", f"x{word}y {word}z",
                    f"Von Jane Doe {word} John Roe {word} Max Mustermann | 27.01.2022"]
    return out


def _fixture_lines() -> list[str]:
    lines = []
    for path in sorted(FIXTURES.iterdir()):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace"))
        if tree.body is not None:
            lines += [line for line in tree.body.text(separator="\n").split("\n") if line.strip()]
    return lines


def test_guarded_split_cuts_where_the_plain_split_does() -> None:
    data = name_data()
    texts = _made_up() + _fixture_lines()
    assert len(texts) > 1500
    for text in texts:
        assert data.split.split(text) == data.split_plain.split(text), text


def test_made_up_bylines_still_split_into_their_people() -> None:
    assert read_byline("Jane Doe & John Roe").authors == ["Jane Doe", "John Roe"]
    assert read_byline("Jane Doe und John Roe, dpa").authors == ["Jane Doe", "John Roe"]
