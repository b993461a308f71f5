"""The bank that answers for all pattern rules at once (``PatternBank``) never turns away a block
that a rule's own cheap tests let through: each rule judges the same blocks with it as without."""

from __future__ import annotations

import ast
from pathlib import Path

from scraper.blocks.chain import html_to_blocks
from scraper.blocks.text import text_to_blocks
from scraper.model import Block
from scraper.rules.engine import default_rules
from scraper.rules.patterns import PatternRule

ROOT = Path(__file__).resolve().parents[2]


def _test_lines() -> list[str]:
    """Every string of the rule tests: lines each rule must remove, and story lines it must keep."""
    out = []
    for path in sorted((ROOT / "tests" / "rules").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and 0 < len(node.value) < 2000:
                out.append(node.value)
    return out


def _page_blocks() -> list[list[Block]]:
    pages = []
    for path in sorted((ROOT / "fixtures" / "pages").iterdir()):
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            pages.append(html_to_blocks(text)[0])
        else:
            pages.append(text_to_blocks(text))
    return pages


def _banked() -> list[PatternRule]:
    rules = [r for r in default_rules() if isinstance(r, PatternRule) and r.bank is not None]
    assert len(rules) > 10
    return rules


def test_the_bank_lets_through_every_text_a_rule_may_match() -> None:
    rules = _banked()
    texts = _test_lines() + [b.text for page in _page_blocks() for b in page]
    texts += [" ".join(texts[i : i + 3]) for i in range(0, len(texts), 3)]  # longer texts, past word limits
    passed = 0
    for text in texts:
        mask = rules[0].bank.mask(text)
        for rule in rules:
            if rule.may_match(text):
                assert mask & rule.bit, (rule.name, text)
                passed += 1
    assert passed > 100  # texts that rules may match were asked, not only misses


def test_candidates_with_and_without_the_bank_agree() -> None:
    rules = _banked()
    pages = _page_blocks() + [[Block(t) for t in _test_lines()]]
    found = 0
    for blocks in pages:
        for rule in rules:
            fast, plain = rule._candidates(blocks), rule._candidates_plain(blocks)
            assert fast == plain, rule.name
            found += len(plain)
    assert found > 50


def test_every_rule_of_one_block_is_banked() -> None:
    for rule in default_rules():
        if isinstance(rule, PatternRule):
            assert (rule.bank is not None) == (rule.window == 1), rule.name
