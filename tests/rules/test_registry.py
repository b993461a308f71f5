"""The rule registry: every rule declares its phase, rules meet through block roles (never
each other's names), and every step a user sees in ``--explain`` can be listed and switched off."""

from __future__ import annotations

import dataclasses

import pytest

import scraper
from scraper.cli import main
from scraper.model import Block, BlockKind
from scraper.rules.base import BOX_HEAD, PHASES, PITCH, Rule, RuleContext
from scraper.rules.engine import apply_rules, check_disabled, collect, default_rules, matchers, rule_names
from scraper.rules.patterns import PatternRule, load_pattern_rules
from test_region import FOOTER, MENU, PARAGRAPHS, removed_by

REGION_STEPS = ["site-notice", "outside-article", "after-article", "teaser-box", "repeated-chrome",
                "chrome-run", "caption-line", "date-line"]


def test_rules_run_in_the_order_of_their_declared_phases():
    order = [PHASES.index(r.phase) for r in default_rules()]
    assert order == sorted(order)
    assert all(isinstance(r, Rule) for r in default_rules())
    assert len(set(rule_names())) == len(rule_names())


def test_the_region_steps_are_rules_of_their_own_in_their_order():
    names = rule_names()
    assert [n for n in names if n in REGION_STEPS] == REGION_STEPS
    assert {next(r for r in default_rules() if r.name == n).phase for n in REGION_STEPS} == {"region"}


def test_a_pattern_table_without_a_phase_is_refused(tmp_path):
    path = tmp_path / "patterns.toml"
    path.write_text("[x]\npatterns = ['a']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="phase"):
        load_pattern_rules(path, {})
    path.write_text("[x]\nphase = 'cruft'\nroles = ['nonesuch']\npatterns = ['a']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="role"):
        load_pattern_rules(path, {})


def test_an_unknown_rule_name_in_the_config_is_an_error(tmp_path, capsys):
    check_disabled(["chrome-run", "byline"])
    with pytest.raises(ValueError, match="no-such-rule"):
        check_disabled(["chrome-run", "no-such-rule"])
    config = tmp_path / "config.toml"
    config.write_text('[rules]\ndisabled = ["chrome-runs"]\n', encoding="utf-8")
    assert main(["rules", "--config", str(config)]) == 2
    assert "chrome-runs" in capsys.readouterr().err


def test_scraper_rules_lists_the_region_steps_and_their_switch(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text('[rules]\ndisabled = ["chrome-run"]\n', encoding="utf-8")
    assert main(["rules", "--config", str(config)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("off") and " chrome-run " in line for line in lines)
    for step in REGION_STEPS:
        assert any(f" {step} " in line for line in lines), step


def _chrome_run_page() -> list[str]:
    later = [p.replace(".", ", officials said.") for p in PARAGRAPHS]
    body = PARAGRAPHS + ["Council meeting, 3 May", "Archive picture"] + later
    return MENU + ["Bridge to be rebuilt after years of dispute"] + body + FOOTER


def test_a_region_step_can_be_switched_off():
    data = "\n".join(_chrome_run_page()).encode()
    on = scraper.clean(data, explain=True)
    assert removed_by(on, "Council meeting, 3 May") == "chrome-run"
    config = dataclasses.replace(scraper.load_config(), rules=dataclasses.replace(
        scraper.load_config().rules, disabled=frozenset({"chrome-run"})))
    off = scraper.clean(data, config=config, explain=True)
    assert "Council meeting, 3 May" in off.text
    assert off.text.replace("Council meeting, 3 May\n\nArchive picture\n\n", "") == on.text


def _renamed(name: str, new: str) -> tuple[Rule, ...]:
    return tuple(dataclasses.replace(r, name=new) if r.name == name else r for r in default_rules())


def test_rules_meet_through_roles_so_a_renamed_rule_changes_nothing():
    """The teaser-box step finds a box by the role its head's rule declares, not by that rule's name."""
    body = PARAGRAPHS[:1] + ["Related stories", "Ferry timetable changes in June", "New cycle lanes for the centre"] + PARAGRAPHS[1:]
    lines = MENU + ["Footbridge to be rebuilt after ten-year dispute"] + body + FOOTER

    def judge(rules):
        blocks = [Block(line) for line in lines]
        apply_rules(blocks, RuleContext(plain_text=True), rules)
        return [(b.text, b.removed_by) for b in blocks]

    before = judge(default_rules())
    assert ("Ferry timetable changes in June", "teaser-box") in before
    heads = [r.name for r in default_rules() if BOX_HEAD in r.roles and isinstance(r, PatternRule)]
    assert "related-section" in heads
    renamed = _renamed("related-section", "stories-elsewhere")
    after = judge(renamed)
    assert [t for t, _ in before] == [t for t, _ in after]
    assert [r if r != "related-section" else "stories-elsewhere" for _, r in before] == [r for _, r in after]


def test_without_the_role_the_box_is_not_found():
    """Take the role away (not the name): the teaser box's lines stay."""
    body = PARAGRAPHS[:1] + ["Related stories", "Ferry timetable changes in June", "New cycle lanes for the centre"] + PARAGRAPHS[1:]
    rules = tuple(dataclasses.replace(r, roles=r.roles - {BOX_HEAD}) if isinstance(r, PatternRule) else r
                  for r in default_rules())
    blocks = [Block(line) for line in MENU + ["Footbridge to be rebuilt after ten-year dispute"] + body + FOOTER]
    apply_rules(blocks, RuleContext(plain_text=True), rules)
    assert next(b for b in blocks if b.text.startswith("Ferry")).removed_by != "teaser-box"


def test_matchers_are_offered_by_role_and_only_by_running_rules():
    active = [r for r in default_rules() if r.name != "related-section"]
    by_role = matchers(active)
    assert "related-section" not in {name for name, _ in by_role[BOX_HEAD]}
    assert {name for name, _ in matchers(default_rules())[BOX_HEAD]} >= {"related-section", "related-link"}
    assert PITCH not in by_role or all(callable(m) for _, m in by_role[PITCH])


def test_a_removed_block_carries_the_roles_of_its_rule():
    blocks = [Block("Sign up for our newsletter to get the news in your inbox")]
    apply_rules(blocks, RuleContext())
    assert blocks[0].removed_by == "signup-box" and PITCH in blocks[0].roles


def test_caption_credits_are_read_with_the_tests_of_the_rules_that_recognise_captions():
    html = ("<html><head><title>Night buses return</title></head><body><h1>Night buses return</h1>"
            "<figure><img src='a.jpg'><figcaption>A bus at the station. (Photo by Lena Ortiz/Getty Images)"
            "</figcaption></figure>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>").encode()
    assert "Lena Ortiz/Getty Images" in scraper.clean(html).credits
    config = scraper.load_config()
    config = dataclasses.replace(config, rules=dataclasses.replace(config.rules, disabled=frozenset({"photo-caption"})))
    assert "Lena Ortiz/Getty Images" not in scraper.clean(html, config=config).credits


def test_a_module_without_rules_adds_none():
    assert collect(["literals", "predicates", "base"]) == ()
