"""The substring precheck before the rule regexes: it may let a block through that no pattern
matches, but it must never stop one that a pattern matches."""

from __future__ import annotations

import re
import pytest

from scraper.rules.engine import default_rules
from scraper.rules.patterns import PatternRule
from scraper.rules.literals import _EXTRA, any_required, contains_any, fold, required_strings, scans
from scraper.rules.tail import load_cues


def _cased_bmp() -> list[str]:
    return [chr(c) for c in range(0x10000) if chr(c).lower() != chr(c).upper() or chr(c) in _EXTRA]


def test_fold_equates_exactly_the_characters_ignorecase_equates():
    """Over the Basic Multilingual Plane: the characters IGNORECASE takes for a cased one (found by
    the regex engine itself, with a search over every character) are those with the same fold."""
    import re as re_module
    from collections import defaultdict

    everything = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    by_fold: dict[str, set[str]] = defaultdict(set)
    for ch in everything:
        by_fold[fold(ch)].add(ch)
    for ch in _cased_bmp():
        if 0xD800 <= ord(ch) <= 0xDFFF:
            continue
        same = set(re_module.findall(re_module.escape(ch), everything, re_module.IGNORECASE))
        assert same == by_fold[fold(ch)], (ch, hex(ord(ch)), same, by_fold[fold(ch)])


def test_fold_agrees_with_ignorecase_beyond_the_bmp():
    """Outside the BMP, case pairs are plain ``str.lower`` pairs: each folds as the regex engine matches."""
    import re as re_module

    for c in range(0x10000, 0x20000):
        ch = chr(c)
        if ch.upper() != ch.lower() and len(ch.upper()) == 1:
            assert re_module.fullmatch(re_module.escape(ch), ch.upper(), re_module.IGNORECASE)
            assert fold(ch) == fold(ch.upper())


@pytest.mark.parametrize(("text", "word"), [
    ("İMAGE: Reuters", "image"),
    ("ſhare", "share"),
    ("COOKIES", "cookie"),
    ("Photo ı", "photo"),
])
def test_a_case_insensitive_match_is_found_in_the_folded_text(text, word):
    assert re.search(word, text, re.IGNORECASE)
    assert fold(word) in fold(text)


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"\b(?:cookies?)\b", re.I, {"cookie"}),
    (r"we (?:use|set) cookies", re.I, {" cookies"}),
    (r"(?:subscribe|sign up) now", re.I, {"subscribe now", "sign up now"}),
    (r"(?=.*?\baffiliate).*", re.I, {"affiliate"}),
    (r".{0,60}\((?:required|optional)\)", re.I, {"(required)", "(optional)"}),
    (r"Photo", 0, {"Photo"}),
])
def test_required_strings(pattern, flags, expected):
    assert required_strings(re.compile(pattern, flags)) == expected


@pytest.mark.parametrize("pattern", [r".*", r"\d+ min", r"(?:x|)", r"a?b?", r"[^()]{2,5}"])
def test_no_strings_when_a_match_needs_none(pattern):
    need = required_strings(re.compile(pattern, re.I))
    assert need is None or all(len(s) > 0 for s in need)
    if pattern in (r".*", r"(?:x|)", r"a?b?", r"[^()]{2,5}"):
        assert need is None


def test_scanning_patterns_are_told_from_anchored_ones():
    assert scans(re.compile(r"(?P<caption>.{10,400}?) photo"))
    assert scans(re.compile(r"cookies"), anywhere=True)
    assert not scans(re.compile(r"\d+ min(?:utes)?"))
    assert not scans(re.compile(r"(?:share|tweet) this"))


def _examples() -> list[tuple[str, str]]:
    """Lines every rule with cues removes (from the rule tests) and lines each cue list knows."""
    return [
        ("photo-caption", "A crowd gathers outside the court. (Photo: İSTANBUL/Reuters)"),
        ("photo-caption", "Demonstrators on Friday. Foto: dpa/Kay Nietfeld"),
        ("cookie-notice", "Diese Website verwendet Cookies, um Ihnen ein besseres Erlebnis zu bieten."),
        ("cookie-notice", "OK"),
        ("disclosure", "This post may contain affiliate links."),
        ("signup-box", "Email address (Required)"),
        ("donate-box", "Please consider a tax-deductible gift."),
        ("copyright-notice", "© 2024 Example Media. All rights reserved."),
        ("post-meta", "Warning: Undefined variable $x in /var/www/x.php on line 12"),
        ("ui-label", "Push-Benachrichtigungen aktivieren"),
    ]


@pytest.mark.parametrize(("rule_name", "line"), _examples())
def test_a_line_a_rule_matches_passes_its_screen(rule_name, line):
    rule = next(r for r in default_rules() if r.name == rule_name)
    assert isinstance(rule, PatternRule) and rule.cues and rule.screen is not None
    assert rule.match(line) is not None and rule.screen(line)
    walking = [p for p in rule.patterns if scans(p.regex, p.anywhere) and p.match(line)]
    if walking:  # the cues guard the patterns that walk the whole block
        assert contains_any(fold(line), rule.cues)


def test_cue_lists_keep_their_answers():
    cues = load_cues()
    for lst, line in [(cues.strong, "Required fields are marked *"), (cues.sentence, "Sign up for our newsletter"),
                      (cues.head, "Share this article"), (cues.notice, "Affiliate-Links: wir erhalten eine Provision")]:
        assert lst.cues is not None
        assert lst.pattern.search(line.lower() if lst.folded else line)
        assert lst.search(line, len(line.split()))


def test_union_over_patterns_drops_longer_strings_holding_shorter_ones():
    got = any_required([re.compile("newsletters?", re.I), re.compile("our newsletter", re.I)])
    assert got == ("newsletter",)


def _data_patterns() -> list[tuple[str, re.Pattern[str], bool]]:
    """Every pattern of the rules' data: pattern rules (and their ``needs``) and the cue lists."""
    out = []
    for rule in default_rules():
        for p in getattr(rule, "patterns", ()):
            out.append((rule.name, p.regex, p.anywhere))
        if getattr(rule, "needs", None) is not None:
            out.append((f"{rule.name}:needs", rule.needs, False))
    cues = load_cues()
    for name in ("strong", "sentence", "head", "notice"):
        out.append((f"cues:{name}", getattr(cues, name).pattern, False))
    return out


def _fixture_lines() -> list[str]:
    """Short lines of the fixture pages (markup stripped), and their upper-case forms."""
    from pathlib import Path

    pages = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
    lines: set[str] = set()
    for path in sorted(pages.iterdir()):
        text = re.sub(r"<[^>]*>", "\n", path.read_text(encoding="utf-8", errors="replace"))
        for line in text.splitlines():
            line = " ".join(line.split())
            if line and len(line.split()) <= 40:  # chrome is short; the rules judge short lines
                lines.update((line, line.upper()))
    lines.update(line for _, line in _examples())
    return sorted(lines)


def test_every_match_in_the_fixtures_holds_a_required_string():
    """The parser's reading of each data pattern is sound on real page lines: wherever a pattern
    matches, the matched text (folded as the pattern compares it) holds one of its strings."""
    lines = _fixture_lines()
    checked = 0
    for name, pattern, _ in _data_patterns():
        need = required_strings(pattern)
        if need is None:
            continue
        ignore_case = bool(pattern.flags & re.IGNORECASE)
        for line in lines:
            text = line.lower() if name.startswith("cues:") and not ignore_case and "(?-i:" not in pattern.pattern else line
            if pattern.search(text) is not None:
                assert contains_any(fold(text) if ignore_case else text, need), (name, pattern.pattern[:60], line)
                checked += 1
    assert checked > 100


def test_every_data_pattern_is_read_by_the_parser():
    """The parser reads the whole syntax the data uses: no pattern silently loses its precheck."""
    from scraper.rules.regex_tree import parse

    for name, pattern, _ in _data_patterns():
        parse(pattern.pattern)


@pytest.mark.parametrize("pattern", [
    r"a(?=b)", r"(?<!\\)x", r"[\]\-a]", r"a{2,3}?b{,2}c{4}", r"(?P<n>a)(?P=n)", r"\x41\u00e9\101",
    r"(?i:ab)(?-i:C)", r"[^\W\d_]+", r"x{a,b}", r"(?#note)y", r"(a)\1?",
])
def test_the_parser_reads_what_the_regex_engine_reads(pattern):
    from scraper.rules.regex_tree import RegexSyntaxError, parse

    re.compile(pattern)
    try:
        parse(pattern)
    except RegexSyntaxError:
        pytest.fail(f"not read: {pattern}")


@pytest.mark.parametrize("pattern", [r"(?x) a b", r"\N{EM DASH}abcdef", r"a**", r"(?<name>x)"])
def test_what_the_parser_does_not_read_gets_no_precheck(pattern):
    try:
        compiled = re.compile(pattern)
    except re.error:
        compiled = None
    if compiled is not None:
        assert required_strings(compiled) is None
    from scraper.rules.regex_tree import RegexSyntaxError, parse

    with pytest.raises(RegexSyntaxError):
        parse(pattern)


def _cue_probe_lines() -> list[str]:
    """Fixture lines, and lines built around every cue string of the cue lists (so each part of
    each gate is asked, and its neighbours are not)."""
    lines = list(_fixture_lines())
    cues = load_cues()
    for name in ("strong", "sentence", "head", "notice"):
        for cue in getattr(cues, name).cues or ():
            lines += [cue, cue.strip(), f"{cue} more text here", f"We say {cue}: read on", cue.upper()]
    return lines


def test_the_cue_lists_split_into_parts_answer_as_the_whole_alternation():
    """Each cue list's gate (literals.CueGate: a part runs only when the line holds one of its own
    cues) says yes exactly where the one alternation over every part matches."""
    cues = load_cues()
    lines = _cue_probe_lines()
    hits = 0
    for name in ("strong", "sentence", "head", "notice"):
        lst = getattr(cues, name)
        assert lst.gate is not None and len(lst.gate.gated) + len(lst.gate.always) > 1
        for line in lines:
            n = len(line.split())
            expected = lst.search_plain(line, n)
            assert lst.search(line, n) == expected, (name, line)
            hits += expected
    assert hits > 20


def test_a_gate_keeps_parts_with_back_references_whole():
    from scraper.rules.literals import split_gate

    sources = [r"(\w+) and \1", "newsletter"]
    whole = re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE)
    gate = split_gate(sources, re.IGNORECASE, whole)
    assert len(gate.gated) + len(gate.always) == 1
    for text in ("salt and salt", "salt and pepper", "Our Newsletter"):
        assert gate(text, fold(text)) == (whole.search(text) is not None)
    split = split_gate(["newsletter", "sign up"], re.IGNORECASE, re.compile("(?:newsletter)|(?:sign up)", re.I))
    assert split("Sign Up today", fold("Sign Up today")) and not split("today", "today")


@pytest.mark.parametrize("pattern, expected", [
    (r"photo|image|/", {"photo", "image", "/"}),
    (r"cr[eé]dit|Foto", {"credit", "crédit", "foto"}),
    (r"\bok|agree", None),           # an anchor is a condition beyond the strings
    (r"colou?r", None),              # a repeat
    (r"(?-i:A)b|c", None),           # a scoped flag
    (r"[^a]b", None),
])
def test_exact_strings_only_for_plain_alternations(pattern, expected):
    from scraper.rules.literals import exact_strings

    found = exact_strings(re.compile(pattern, re.IGNORECASE))
    assert (None if found is None else set(found)) == expected


def test_a_needs_test_read_as_strings_answers_as_its_regex():
    """A rule whose ``needs`` is a plain alternation skips the regex search after the substring
    test: on every probe line the substring test alone says what the search says."""
    lines = _fixture_lines()
    exact = [r for r in default_rules() if isinstance(r, PatternRule) and r.needs_exact]
    assert exact  # photo-caption's needs is such a list
    agreed = 0
    for rule in exact:
        probes = lines + [f"x {cue} y" for cue in rule.needs_cues] + [cue.upper() for cue in rule.needs_cues]
        for line in probes:
            assert contains_any(fold(line), rule.needs_cues) == (rule.needs.search(line) is not None), (rule.name, line)
            agreed += 1
    assert agreed > 100


@pytest.mark.parametrize("pattern, expected", [
    (r"(?:the )?post\s+x", {"t", "p"}),
    (r"\(?(?:photo|image)s?:", {"(", "p", "i"}),
    (r"[©℗]\s*\d{4}", {"©", "℗"}),
    (r"(?:a|b)?c*", {"a", "b", "c", ""}),   # may match nothing
    (r"(?=x)X\b", {"x"}),
    (r"[A-Z]\w+", None),                    # a range
    (r".{10}photo", None),
    (r"[^a]b", None),
])
def test_first_characters_of_a_full_match(pattern, expected):
    from scraper.rules.literals import first_chars

    found = first_chars(re.compile(pattern, re.IGNORECASE))
    assert (None if found is None else set(found)) == expected


def test_every_full_match_in_the_fixtures_starts_with_a_listed_character():
    """``first_chars`` is sound on real lines: wherever a data pattern matches a whole line, the
    line's first character (folded) is listed."""
    from scraper.rules.literals import first_chars

    lines = _fixture_lines() + ["", "İstanbul", "ſtory", "Kommentare", "ΣΧΟΛΙΑ"]
    checked = 0
    for name, pattern, anywhere in _data_patterns():
        firsts = first_chars(pattern)
        if firsts is None or anywhere:
            continue
        for line in lines:
            if pattern.fullmatch(line) is not None:
                assert fold(line)[:1] in firsts, (name, pattern.pattern[:60], line)
                checked += 1
    assert checked > 20


def test_each_screen_says_what_the_patterns_tried_one_by_one_say():
    """The plain reference: a rule's screen (alternations, cue guards, first-character leads) is
    true on a line exactly when one of its patterns, tried alone, matches it."""
    lines = _fixture_lines()
    hits = 0
    for rule in default_rules():
        if not isinstance(rule, PatternRule) or rule.screen is None:
            continue
        for line in lines + [line for name, line in _examples() if name == rule.name]:
            expected = any(p.match(line) is not None for p in rule.patterns)
            assert bool(rule.screen(line)) == expected, (rule.name, line)
            hits += expected
    assert hits > 50
