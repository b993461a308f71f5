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


_GUARD = re.compile(r"\(\?=\[(?:\\.|[^\]\\])*\]\)")
"""A first-character guard as written into a pattern: ``(?=[...])``."""


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without its first-character guard: the plain reference."""
    source, n = _GUARD.subn("", pattern.pattern, count=1)
    assert n == 1, pattern.pattern
    return re.compile(source, pattern.flags)


def test_guard_class_takes_every_character_a_first_letter_takes():
    words = [*_line_words(), "©", "&copy;"]
    guard = re.compile(first_char_guard(words), re.IGNORECASE)
    firsts = re.compile("|".join(re.escape(w[0]) for w in words), re.IGNORECASE)
    for c in map(chr, range(sys.maxunicode + 1)):
        assert bool(guard.match(c)) == bool(firsts.match(c)), hex(ord(c))


def test_guarded_line_scan_finds_what_the_plain_scan_finds():
    words = _line_words()
    guarded = syndication.markup_patterns().line_start
    plain = _unguarded(guarded)
    crafted = "".join(f"<p>{w}</p><span> {w.upper()}: x</span><b>©&nbsp;{w.title()}</b><i>&copy; {w}</i>"
                      f"<i>>>{w}</i><em>\u017f{w[1:]}</em><li>| {w}: X</li><li>/{w}</li>" for w in words)
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.iterdir())] + [crafted]
    for markup in pages:
        assert [m.span() for m in guarded.finditer(markup)] == [m.span() for m in plain.finditer(markup)]
    assert len(list(guarded.finditer(crafted))) >= 4 * len(words)


def test_guarded_script_date_scan_finds_what_the_plain_scan_finds():
    import tomllib

    from scraper.normalize import dates

    with open(dates.DATA_FILE, "rb") as fh:
        keys = tomllib.load(fh)["scripts"]["published"]
    plain = _unguarded(dates._script_date())
    crafted = "".join(f"<script>var s = {{\"x\": 1, '{k}': '2021-03-04', \"{k}\":\"1999-12-31T10:00\"}}</script>"
                      for k in keys)
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.iterdir())] + [crafted]
    for markup in pages:
        found = [m.groups() for m in dates._script_date().finditer(markup)]
        assert found == [m.groups() for m in plain.finditer(markup)]
    assert len(list(dates._script_date().finditer(crafted))) == 2 * len(keys)


def test_script_date_by_quote_finds_the_plain_first_match():
    from scraper.normalize import dates

    crafted = ["<script>{'publishDate': '2020-01-02', \"datePublished\": \"2021-03-04\"}</script>",
               "<script>{\"datePublished\": \"2021-03-04\", 'publishDate': '2020-01-02'}</script>",
               "<script>{\"datePublished': \"2021-03-04'}</script>", "<p>no data</p>"]
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.iterdir())] + crafted
    found = 0
    for markup in pages:
        plain = dates._script_date().search(markup)
        fast = dates.first_script_date(markup)
        assert (fast and (fast.span(), fast.groups())) == (plain and (plain.span(), plain.groups()))
        found += plain is not None
    assert found >= 3


def test_guarded_skip_removes_what_the_plain_pattern_removes():
    from scraper.normalize import dates

    plain = _unguarded(dates._SKIP)
    crafted = ("<SCRIPT>a</script><\u017fcript>b</\u017fcript><Style>c</STYLE><noscript>d</noscript><!-- e --><svg>f</svg>"
               "<select><option>g</option></select><template>h</template><Tbody><p>i</p><!x><sv>j</sv>")
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.iterdir())] + [crafted]
    for markup in pages:
        assert dates._SKIP.sub(" ", markup) == plain.sub(" ", markup)
    assert dates._SKIP.sub(" ", crafted).count(" ") >= 8


def test_opening_chars_of_a_pattern():
    from scraper.normalize.guards import opening_chars

    assert opening_chars(r"(?:by|von)\s+x|text") == {"b", "v", "t"}
    assert opening_chars(r"a?b") == {"a", "b"}
    assert opening_chars(r"(?=x)y|[qz]") == {"y", "q", "z"}
    for unknown in (r"\d+", r"x*", r"[a-z]", r".b", r"(?:a|)"):
        assert opening_chars(unknown) is None, unknown


def _text_nodes() -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    out = []
    for page in sorted(FIXTURES.iterdir()):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8", errors="replace"))
        out += [n.text_content or "" for n in tree.root.traverse(include_text=True) if n.tag == "-text"]
    return out


def test_guarded_byline_lead_matches_as_the_plain_one():
    from scraper.lexicon import words as lexicon_words
    from scraper.normalize import html_bylines as hb
    from scraper.normalize.guards import opening_chars

    plain = _unguarded(hb._BYLINE_LEAD)
    opening = opening_chars(hb._LEAD_WORDS)
    guard = re.compile(f"[{''.join(map(re.escape, sorted(opening)))}]", re.IGNORECASE)
    literal = re.compile("|".join(map(re.escape, sorted(opening))), re.IGNORECASE)
    for c in map(chr, range(sys.maxunicode + 1)):
        assert bool(guard.match(c)) == bool(literal.match(c)), hex(ord(c))
    leads = [w for key in ("leads", "labels", "writing") for w in lexicon_words("byline", key)]
    crafted = [f"{mark}{w}{end}" for w in [*leads, "Eine Kolumne von", "a guest post by", "posted on", "作者"]
               for mark in ("", "  ", "— ", "| ", "> ") for end in (" Jane Doe", ": Jane Doe", "", "x")]
    crafted += [t.upper() for t in crafted] + [t.title() for t in crafted]
    for text in _text_nodes() + crafted:
        assert bool(hb._BYLINE_LEAD.match(text)) == bool(plain.match(text)), text
        m, p = hb._BYLINE_LEAD.match(text), plain.match(text)
        assert (m and m.end()) == (p and p.end()), text


def test_every_date_head_holds_a_digit():
    from scraper.normalize.bylines import DATE_HEAD

    crafted = ["04.02.2022 | 13:10 Uhr | Jane Doe", "October 14, 2009|Jane Doe", "2021-03-04 Jane", "3/4/21 x",
               "14 Oct 2009, Jane", "um 10:00 Uhr", "a las 9:30 pm EST", "Sep. 3rd, 2020 — x", "  at 7:05 h"]
    matched = [t for t in _text_nodes() + crafted if DATE_HEAD.match(t)]
    assert len(matched) >= len(crafted)
    assert all(re.search(r"\d", t) for t in matched)
