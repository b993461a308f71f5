"""The date finder: visible dates in many formats, URL dates, and the vote over a page's statements."""

from __future__ import annotations

from datetime import date

import pytest
from selectolax.lexbor import LexborHTMLParser

import scraper
from scraper.normalize import dates


@pytest.mark.parametrize(("text", "lang", "day"), [
    ("Stand: 28.04.2020 18:00 Uhr", "de", date(2020, 4, 28)),
    ("Veröffentlicht am 5. März 2021", "de", date(2021, 3, 5)),
    ("Updated Mar 12, 2020 @ 10:42 am", "en", date(2020, 3, 12)),
    ("miércoles, 4 de mayo de 2022", "es", date(2022, 5, 4)),
    ("30 septembre 2018", "fr", date(2018, 9, 30)),
    ("Written: 2023-11-07 15:03:30", "en", date(2023, 11, 7)),
    ("11/05/2022", "es", date(2022, 5, 11)),
    ("3/4/2024", "en-US", date(2024, 3, 4)),
    ("25/12/2024", "en-US", date(2024, 12, 25)),  # only one order is a date
    ("12 października 2021", "pl", date(2021, 10, 12)),
])
def test_visible_dates_in_many_formats(text, lang, day):
    assert [d.day for d in dates.dates_in_text(text, lang)] == [day]


def test_no_date_in_version_numbers_prices_or_impossible_days():
    assert dates.dates_in_text("Version 1.2.2020.4 costs 31.02.2020 or 12.13.2021", "de") == []
    assert dates.dates_in_text("In 1850 we met on 3 March 1850", "en") == []  # before the web


def test_labels_say_published_or_modified():
    assert dates.label_of("Text. Zuletzt aktualisiert am ") == "modified"
    assert dates.label_of("Posted on ") == "published"
    assert dates.label_of("Some sentence and ") is None


@pytest.mark.parametrize(("url", "day"), [
    ("https://a.example/2021/03/05/story", "2021-03-05"),
    ("https://a.example/news/2021-03-05-story.html", "2021-03-05"),
    ("https://a.example/archive/20210305/story", "2021-03-05"),
    ("https://a.example/2021/13/05/story", None),
    ("https://a.example/story?id=20210305", None),
])
def test_url_dates(url, day):
    assert dates.url_date(url) == day


def _page(head: str, body: str, lang: str = "en") -> str:
    return f'<html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


def test_date_printed_under_the_headline_and_its_time_element_outvote_a_meta_stamp():
    html = _page('<meta property="article:published_time" content="2022-01-15T10:00:00+01:00">',
                 '<div class="top">Freitag, 21. Januar 2022</div><article><h1>Wildtiere im Schnee</h1>'
                 '<span><time datetime="2022-01-25">25.01.2022</time></span><p>Text.</p></article>', "de")
    tree = LexborHTMLParser(html)
    from scraper.normalize.html_meta import html_evidence

    evidence = html_evidence(tree, None, html)
    day, signals = dates.vote_publication_day(html, tree, None, evidence, "de")
    assert day == "2022-01-25"
    assert signals["meta:published"] == "2022-01-15"


def test_a_shown_update_that_the_page_also_declares_wins_over_the_first_publication():
    head = ('<script type="application/ld+json">{"@type":"Article","datePublished":"2019-10-15T16:59:59Z",'
            '"dateModified":"2020-03-12T14:42:17Z"}</script>')
    body = '<h1>Dead skin cells</h1><div class="byline">By Jane Doe</div><div class="date">Updated Mar 12, 2020</div>'
    art = scraper.clean(_page(head, body), explain=True)
    assert art.published == "2020-03-12"
    assert art.provenance["published"] == "page:date-vote"


def test_url_date_agreeing_with_the_text_beats_a_lone_meta_stamp():
    body = '<h1>Zentrum eröffnet</h1><p class="meta">20.10.2021</p><p>Text.</p>'
    head = '<meta name="date" content="2021-10-18">'
    art = scraper.clean(_page(head, body, "de"), url="https://v.example/2021/10/20/zentrum")
    assert art.published == "2021-10-20"


def test_two_digit_years_only_in_full_day_month_form():
    assert [d.day for d in dates.dates_in_text("Von: Jane Doe | 31.10.23", "de")] == [date(2023, 10, 31)]
    assert dates.dates_in_text("Version 1.2.23 released", "en") == []


def test_day_month_year_in_a_url():
    assert dates.url_date("https://verein.example/meldungen/29-10-2021") == "2021-10-29"


def test_page_without_a_stated_date_takes_one_from_its_data_or_its_labelled_text():
    data = '<script>window.state={"title":"x","published_at":"2019-03-02T06:22:28+01:00"}</script>'
    assert scraper.clean(_page(data, "<p>Kaffee aus Sidamo.</p>", "de")).published == "2019-03-02"
    body = ("<div><p>Eine Rezension mit Text.</p><p>Letzte Änderung: 31.10.2023 - 14:49:39<br>"
            "Erschienen am: 01.11.2023</p></div>")
    art = scraper.clean(_page("", body, "de"), explain=True)
    assert art.published == "2023-11-01"
    assert art.provenance["published"] == "text:page-date"
