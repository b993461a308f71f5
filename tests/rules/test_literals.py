"""The substring precheck before the rule regexes: it may let a block through that no pattern
matches, but it must never stop one that a pattern matches."""

from __future__ import annotations

import re
import sys

import pytest

from scraper.rules.engine import default_rules
from scraper.rules.patterns import PatternRule
from scraper.rules.literals import any_required, contains_any, fold, required_strings, scans
from scraper.rules.tail import load_cues


def test_fold_lowers_every_character_as_ignorecase_does():
    """str.lower agrees with the regex engine's lower case, U+0130 (handled by fold) apart."""
    import _sre

    differ = [c for c in range(sys.maxunicode + 1)
              if len(chr(c).lower()) != 1 or ord(chr(c).lower()) != _sre.unicode_tolower(c)]
    assert differ == [0x130]


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
