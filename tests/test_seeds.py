"""The two seed dumps: what issue #2 promises about each, checked field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

import scraper

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


@pytest.fixture(scope="module")
def seed_001():
    return scraper.clean((PAGES / "seed-001-newsletter-chrome.txt").read_bytes(), explain=True)


@pytest.fixture(scope="module")
def seed_000():
    return scraper.clean((PAGES / "seed-000-feed-footer.txt").read_bytes(), explain=True)


def test_seed_001_metadata(seed_001):
    assert seed_001.title == "U.S. Beefing Up Intel Network Across Asia to Counter China’s Spy Threat"
    assert seed_001.authors == ["Micaela Burrow"]
    assert seed_001.syndication == "Daily Caller News Foundation"
    assert seed_001.outlet == "Lisa's Top Ten"


def test_seed_001_caption_once_and_only_in_captions(seed_001):
    assert len(seed_001.captions) == 1
    assert "Zhang Xiaoyou" in seed_001.captions[0]
    assert "Zhang Xiaoyou" not in seed_001.text
    assert seed_001.credits == ["Zhang Xiaoyou - Pool/Getty Images"]


def test_seed_001_text_bounds(seed_001):
    assert seed_001.text.startswith("The U.S. is constructing a network")
    assert seed_001.text.endswith("request for comment.")
    assert seed_001.text.count("\n\n") == 10  # eleven paragraphs, one a block


@pytest.mark.parametrize("chrome", [
    "Home of Lisa", "DONATE", "SUBSCRIBE", "The first task of the day", "Sign Up", "Untitled",
    "Related Story", "Read More", "Total", "Shares", "Related Posts", "By: Micaela",
])
def test_seed_001_chrome_is_gone(seed_001, chrome):
    assert chrome not in seed_001.text


def test_seed_001_each_removal_names_its_rule(seed_001):
    rules = {r["text"]: r["rule"] for r in seed_001.removed}
    assert rules["DONATE"] == "donate-box"
    assert rules["Untitled(Required)"] == "signup-box"
    assert rules["By: Micaela Burrow, Daily Caller News Foundation"] == "byline"
    assert rules["(Photo by Zhang Xiaoyou – Pool/Getty Images)"] in ("photo-caption", "duplicate-block")


def test_seed_000_title_and_outlet_from_feed_footer(seed_000):
    assert seed_000.title == "Strengthening Intelligence Cooperation: Countering Beijing’s Spying Apparatus in Asia"
    assert seed_000.outlet == "The Boston News Tribune"
    assert seed_000.provenance["title"] == "rule:feed-footer"
    assert "appeared first on" not in seed_000.text


def test_seed_000_keeps_every_paragraph_and_invents_no_author(seed_000):
    source = (PAGES / "seed-000-feed-footer.txt").read_text(encoding="utf-8").splitlines()
    body = [line for line in source if line.strip() and not line.startswith("The post ")]
    assert seed_000.text.split("\n\n") == body
    assert seed_000.authors == []
    assert seed_000.language == "en"
