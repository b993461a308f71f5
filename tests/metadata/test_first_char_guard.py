"""The first-character guard before a case-insensitive alternation never rejects a position where
one of the words opens: the guarded line scan finds what the plain one finds."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from scraper.normalize import syndication
from scraper.normalize.guards import first_char_guard

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


def _line_words() -> list[str]:
    import tomllib

    with open(Path(syndication.__file__).with_name("syndication.toml"), "rb") as fh:
        phrases = tomllib.load(fh)["phrases"]
    return sorted({w.lower() for w in phrases["source_labels"] + phrases["provided_by"]})


def test_guard_class_takes_every_character_a_first_letter_takes():
    words = [*_line_words(), "©", "&copy;"]
    guard = re.compile(first_char_guard(words), re.IGNORECASE)
    firsts = re.compile("|".join(re.escape(w[0]) for w in words), re.IGNORECASE)
    for c in map(chr, range(sys.maxunicode + 1)):
        assert bool(guard.match(c)) == bool(firsts.match(c)), hex(ord(c))


def test_guarded_line_scan_finds_what_the_plain_scan_finds():
    words = _line_words()
    plain = re.compile(r">\s*+(?:(?:©|&copy;)\s*+)?" + syndication._trie(words), re.IGNORECASE)
    guarded = syndication.markup_patterns().line_start
    crafted = "".join(f"<p>{w}</p><span> {w.upper()}: x</span><b>©&nbsp;{w.title()}</b><i>&copy; {w}</i>"
                      f"<i>>>{w}</i><em>\u017f{w[1:]}</em>" for w in words)
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.iterdir())] + [crafted]
    for markup in pages:
        assert [m.span() for m in guarded.finditer(markup)] == [m.span() for m in plain.finditer(markup)]
    assert len(list(guarded.finditer(crafted))) >= 4 * len(words)


def test_guarded_script_date_scan_finds_what_the_plain_scan_finds():
    import tomllib

    from scraper.normalize import dates

    with open(dates.DATA_FILE, "rb") as fh:
        keys = tomllib.load(fh)["scripts"]["published"]
    plain = re.compile(rf"[\"']({dates._alternation(keys)})[\"']\s*:\s*[\"']((?:19|20)\d{{2}})-(\d{{2}})-(\d{{2}})")
    crafted = "".join(f"<script>var s = {{\"x\": 1, '{k}': '2021-03-04', \"{k}\":\"1999-12-31T10:00\"}}</script>"
                      for k in keys)
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.iterdir())] + [crafted]
    for markup in pages:
        found = [m.groups() for m in dates._script_date().finditer(markup)]
        assert found == [m.groups() for m in plain.finditer(markup)]
    assert len(list(dates._script_date().finditer(crafted))) == 2 * len(keys)
