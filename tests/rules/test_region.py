"""Plain-text dumps: blocks from lines, the article region, the headline, and what goes why."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import scraper
from scraper.blocks.text import text_to_blocks
from scraper.model import Block, BlockKind
from scraper.rules.engine import RuleContext, apply_rules
from scraper.rules.region import best_region, find_region, is_prose, line_scores, weight

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"

PARAGRAPHS = [
    "The council agreed on Monday to rebuild the old footbridge over the river, ending a dispute that has run for almost a decade.",
    "Engineers had warned in a report last spring that the wooden deck could not carry crowds much longer, and the bridge was closed twice during floods.",
    "The new span will be made of steel and will be wide enough for bicycles, a change cycling groups had asked for since the first plans were drawn up.",
    "Work is due to start in September and should take eleven months, during which a ferry will carry pedestrians across at peak times.",
]
MENU = ["Home", "News", "Sport", "Business", "Culture", "Opinion", "Weather", "Contact", "Login"]
FOOTER = ["About us", "Careers", "Privacy", "Terms", "Imprint", "Advertise", "Newsletter"]


def clean(lines: list[str]) -> scraper.Article:
    return scraper.clean("\n".join(lines).encode(), explain=True)


def removed_by(article: scraper.Article, text: str) -> str | None:
    return next((r["rule"] for r in article.removed if r["text"] == text), None)


def test_menu_and_footer_go_outside_the_article_with_a_named_rule():
    article = clean(MENU + ["Footbridge to be rebuilt after ten-year dispute"] + PARAGRAPHS + FOOTER)
    assert article.text.startswith(PARAGRAPHS[0])
    assert article.text.endswith(PARAGRAPHS[-1])
    assert article.title == "Footbridge to be rebuilt after ten-year dispute"
    assert removed_by(article, "Weather") == "page-head"
    assert removed_by(article, "Careers") == "outside-article"


def test_subheadings_and_list_items_between_paragraphs_stay():
    body = PARAGRAPHS[:2] + ["What happens next", "Closed from September", "Ferry at peak times"] + PARAGRAPHS[2:]
    article = clean(MENU + ["Footbridge to be rebuilt after ten-year dispute"] + body + FOOTER)
    for line in ("What happens next", "Closed from September", "Ferry at peak times"):
        assert line in article.text


def test_teasers_after_a_run_of_chrome_are_not_article():
    teasers = [
        "Related",
        "Library extends opening hours during the exam weeks",
        "12.05.2024",
        "The market hall reopens after its renovation with twenty new stalls and a tasting area.",
        "Bus line to the hospital gets more frequent service",
        "11.05.2024",
        "Residents of the northern district ask for more buses on the line to the hospital.",
    ]
    article = clean(MENU + ["Footbridge to be rebuilt after ten-year dispute"] + PARAGRAPHS + ["Share", "Tweet", "Email"] + teasers + FOOTER)
    assert article.text.endswith(PARAGRAPHS[-1])
    assert "market hall" not in article.text


def test_headlines_under_a_related_heading_inside_the_article_go_with_it():
    body = PARAGRAPHS[:1] + ["Related stories", "Ferry timetable changes in June", "New cycle lanes for the centre"] + PARAGRAPHS[1:]
    article = clean(MENU + ["Footbridge to be rebuilt after ten-year dispute"] + body + FOOTER)
    assert PARAGRAPHS[0] in article.text and PARAGRAPHS[1] in article.text
    assert "Ferry timetable" not in article.text
    assert removed_by(article, "Ferry timetable changes in June") == "teaser-box"


def test_region_prefers_the_body_over_a_single_long_site_blurb():
    blurb = "Welcome to our site, where we have been writing about the city, its people and its quarrels since 1998, with help from readers."
    scores = line_scores([Block(t) for t in [blurb] + MENU + PARAGRAPHS + FOOTER])
    lo, hi, _ = best_region(scores)
    assert (lo, hi) == (1 + len(MENU), len(MENU) + len(PARAGRAPHS))


@pytest.mark.parametrize("line, prose", [
    ("Startseite", False),
    ("Die Stadt baut die alte Fußgängerbrücke neu, nachdem ein Streit fast zehn Jahre gedauert hat.", True),
    ("Rada miasta zdecydowała w poniedziałek o przebudowie starej kładki nad rzeką.", True),
    ("Telefon: 030 1234 5678 · Fax: 030 1234 5679 · 10115 Berlin", False),
])
def test_prose_is_told_by_shape_in_any_language(line, prose):
    assert is_prose(line, weight(line)) is prose


def test_words_count_for_scripts_without_spaces():
    assert weight("子どもへの虐待をなくすための法律ができました。") >= 10


def test_a_dump_without_an_article_is_left_alone():
    blocks = [Block(t) for t in MENU + FOOTER]
    assert find_region(blocks) is None
    ctx = RuleContext(plain_text=True)
    apply_rules(blocks, ctx)
    assert not any(b.removed_by == "outside-article" for b in blocks)


def test_html_blocks_are_not_judged_by_the_text_region():
    blocks = [Block(t) for t in MENU + PARAGRAPHS + FOOTER]
    apply_rules(blocks, RuleContext(plain_text=False))
    assert not any(b.removed_by in ("outside-article", "page-head") for b in blocks)


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = (
        "The council agreed on Monday to rebuild the old footbridge over the\n"
        "river, ending a dispute that has run for almost a decade, and the work\n"
        "is due to start in September.\n\n"
        "Engineers had warned in a report last spring that the wooden deck could\n"
        "not carry crowds much longer, and the bridge was closed twice in floods.\n"
    )
    blocks = text_to_blocks(wrapped)
    assert len(blocks) == 2
    assert blocks[0].text.startswith("The council") and blocks[0].text.endswith("in September.")


def test_menu_groups_separated_by_blank_lines_are_not_joined():
    dump = "\n".join(MENU) + "\n\n" + "\n".join(PARAGRAPHS) + "\n\n" + "\n".join(FOOTER) + "\n"
    blocks = text_to_blocks(dump)
    assert [b.text for b in blocks] == MENU + PARAGRAPHS + FOOTER
    assert all(b.kind is BlockKind.PARAGRAPH for b in blocks)


@pytest.mark.parametrize("name, first, last, gone", [
    ("txt-region-english-related", "The port authority voted", "would start next month.", ["Click to share", "Ferry operator", "Like Loading", "Cookies"]),
    ("txt-region-german-blog", "Letztes Jahr sind mir", "auf dem Balkon?", ["Gefällt mir", "Ähnliche Beiträge", "Petra sagt", "Impressum"]),
    ("txt-region-french-inline-box", "La compagnie ferroviaire a confirmé", "réservé tôt ».", ["Lire aussi", "parking relais", "Continuer la lecture", "Grève"]),
    ("txt-region-spanish-teasers", "La biblioteca municipal abrirá", "perderá la reserva.", ["Compartir", "Te puede interesar", "mercado de abastos", "Aviso legal"]),
    ("txt-region-teaser-river", "The night ferry to Skerry Island", "seven votes to two.", ["READ THE REST", "cold store", "net loft", "regatta", "Terms of Service"]),
])
def test_text_fixtures_keep_the_article_and_drop_the_chrome(name, first, last, gone):
    article = scraper.clean((PAGES / f"{name}.txt").read_bytes())
    assert article.text.startswith(first)
    assert article.text.endswith(last)
    for chrome in gone:
        assert chrome not in article.text


def test_region_is_fast_on_a_long_dump():
    blocks = [Block(t) for t in (MENU + PARAGRAPHS + FOOTER) * 60]
    start = time.process_time()
    for _ in range(5):
        find_region(blocks)
    assert (time.process_time() - start) / 5 < 0.1  # about a millisecond in practice; generous for slow CI


def test_an_article_above_a_longer_comment_thread_is_kept():
    long_comment = [
        "I cross that bridge every day on my way to work and I am glad the council finally made up its mind about it, "
        "even if the ferry will be slower and more crowded during the eleven months of work that are planned now.",
        "My grandfather helped to build the old deck after the war, so I will miss it, but nobody can argue with the "
        "engineers when they say it is no longer safe for the crowds that use it on market days and during the summer.",
    ]
    comments = []
    for name in ("Anna", "Ben", "Carla", "Dmitri", "Eve", "Frank"):
        comments += [f"{name} wrote:", "March 3, 2024 at 10:12 am", *(f"{name} here. {c}" for c in long_comment), "Reply"]
    gap = ["Bridges", "Council", "River", "Traffic", "Cycling", "Local", "Most read", "Weather", "Podcasts", "Events"]
    article = clean(MENU + ["Footbridge to be rebuilt after ten-year dispute"] + PARAGRAPHS + gap + comments + FOOTER)
    assert article.text.startswith(PARAGRAPHS[0])


def test_a_ranked_list_keeps_its_numbers_and_bullets_lose_their_sign():
    blocks = text_to_blocks("1. Choose the right pot\n- Water often\n• Feed monthly")
    assert [b.text for b in blocks] == ["1. Choose the right pot", "Water often", "Feed monthly"]
    assert all(b.kind is BlockKind.LIST_ITEM for b in blocks)


def test_a_menu_line_given_again_inside_the_body_goes_but_the_articles_own_labels_stay():
    later = [p.replace(".", ", officials said.") for p in PARAGRAPHS]
    body = PARAGRAPHS[:2] + ["Culture"] + PARAGRAPHS[2:] + ["Step result"] + later[:2] + ["Step result"] + later[2:]
    article = clean(MENU + ["Bridge to be rebuilt after years of dispute"] + body + FOOTER)
    assert [r["rule"] for r in article.removed if r["text"] == "Culture"][-1] == "repeated-chrome"
    assert "Step result" in article.text
    assert all(p in article.text for p in PARAGRAPHS + later)


def test_a_short_note_without_a_trusted_region_still_loses_its_footer():
    article = clean([PARAGRAPHS[0]] + FOOTER)
    assert article.text == PARAGRAPHS[0]
    assert removed_by(article, "Careers") == "outside-article"


def test_a_pair_of_short_lines_inside_the_body_goes_but_a_lone_subheading_stays():
    later = [p.replace(".", ", officials said.") for p in PARAGRAPHS]
    body = PARAGRAPHS + ["Council meeting, 3 May", "Archive picture"] + later[:2] + ["What happens next"] + later[2:]
    article = clean(MENU + ["Bridge to be rebuilt after years of dispute"] + body + FOOTER)
    assert removed_by(article, "Council meeting, 3 May") == "chrome-run"
    assert "Archive picture" not in article.text
    assert "What happens next" in article.text
    assert all(p in article.text for p in PARAGRAPHS + later)
