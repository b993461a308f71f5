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
    ("公開日：2019年6月24日 16時", "ja", date(2019, 6, 24)),
    ("2019년 6월 24일", "ko", date(2019, 6, 24)),
    ("the 3rd of May 2019", "en", date(2019, 5, 3)),
    ("Praxis 26 | 01 | 2022 Video", "de", date(2022, 1, 26)),  # spaced bars between day, month and year
    ("07 / 03 / 2021", "fr", date(2021, 3, 7)),
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


def test_a_datelines_short_year_after_a_month_name():
    """"(Place, 14 Gennaio 20)": a press office's dateline closing its parenthesis; elsewhere a day, month
    and two digits are no date ("see 3 May 12)": a figure, a page)."""
    assert [d.day for d in dates.dates_in_text("( Valdoria, 14 Gennaio 20 )", "it")] == [date(2020, 1, 14)]
    assert [d.day for d in dates.dates_in_collapsed_text("x (Lyon, 3 mars 21) y", "fr")] == [date(2021, 3, 3)]
    assert dates.dates_in_text("as in the report (see 3 May 12)", "en") == []
    assert dates.dates_in_text("am 14 Januar 20 Gäste", "de") == []


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


# --- Sources and ranking rules: which dates a page shows are not its story's ---

def _vote(html: str, url: str | None = None, lang: str = "de") -> tuple[str | None, dict[str, str]]:
    from scraper.normalize.html_meta import html_evidence

    tree = LexborHTMLParser(html)
    evidence = [e for e in html_evidence(tree, url, html) if e.origin != "page:date-vote"]
    return dates.vote_publication_day(html, tree, url, evidence, lang)


def test_month_names_in_cyrillic_and_turkish():
    assert [d.day for d in dates.dates_in_text("15 августа 2016, 13:43", "ru")] == [date(2016, 8, 15)]
    assert [d.day for d in dates.dates_in_text("3 листопада 2021", "uk")] == [date(2021, 11, 3)]
    assert [d.day for d in dates.dates_in_text("12 Mayıs 2022", "tr")] == [date(2022, 5, 12)]


@pytest.mark.parametrize(("text", "lang", "day"), [
    ("Objavljeno: 5. siječnja 2021. u 10:15", "hr", date(2021, 1, 5)),
    ("12. marca 2021 ob 9:00", "sl", date(2021, 3, 12)),
    ("Diterbitkan 17 Agustus 2020", "id", date(2020, 8, 17)),
    ("dimarts, 5 de març de 2021", "ca", date(2021, 3, 5)),
    ("5 Μαρτίου 2021", "el", date(2021, 3, 5)),
])
def test_month_names_in_more_languages(text, lang, day):
    assert [d.day for d in dates.dates_in_text(text, lang)] == [day]


def test_an_edit_date_is_an_update_and_a_publication_label_in_more_languages():
    assert dates.label_of("Editiert am ") == "modified"
    assert dates.label_of("Last edited ") == "modified"
    assert dates.label_of("Publicado em ") == "published"
    assert dates.label_of("Objavljeno: ") == "published"


def test_a_date_until_which_a_video_is_available_is_not_the_story_date():
    assert dates.label_of("Video verfügbar bis ") == "expiry"
    body = '<h1>Sport in Zeiten von Corona</h1><p>04.04.2020</p><p>Video verfügbar bis 28.02.2021</p>'
    assert [s.day for s in dates.headline_dates(_page("", body, "de"), "de")] == ["2020-04-04"]
    assert dates.page_text_day(_page("", "<p>Video verfügbar bis 28.02.2021</p><p>Text.</p>"), "de") is None


def test_the_headline_is_the_story_heading_not_the_logo_heading():
    body = ('<header><h1 class="logo"><a href="/">Sender</a></h1><span class="today">Mittwoch, 26.02.2020</span></header>'
            '<main><p class="crumb">01.05.2017</p><h2>x</h2><h1>Die Zukunft der Arbeit</h1><p>Text.</p></main>')
    html = _page("", body, "de")
    assert html[dates.story_headline(html):].startswith("<h1>Die Zukunft")
    assert dates.headline_dates(html, "de")[0].day == "2017-05-01"


def test_a_date_line_above_the_headline_counts_however_long_the_markup_between():
    # A photo with long image URLs and an empty ad slot stand between the date line and the headline:
    # much markup, little visible text, so the date is still next to the headline.
    image = '<img src="https://img.example.net/' + "x" * 300 + '.jpg" alt="">'
    filler = f'<div class="slot">{image}{" " * 400}</div>' * 4
    body = (f'<header><span class="today">Donnerstag, 16. Februar 2012</span></header>'
            f'<div class="box"><span>14. Februar 2012</span><a href="/print">Drucken</a></div>{filler}'
            '<span class="category">Politik</span><h1>Gericht vertagt den Prozess</h1><p>Text.</p>')
    day, signals = _vote(_page("", body, "de"))
    assert day == "2012-02-14"
    assert signals["headline:nearest"] == "2012-02-14"


def test_attribute_text_of_a_tag_cut_by_the_window_does_not_read_as_visible():
    link = '<a href="/x" title="' + "Ein Leserkommentar. " * 60 + 'Die Lüge Europa, 4. Februar 2013">Leser</a>'
    body = f'<div>{link}</div><div class="post"><h1>Island und die Banken</h1><div class="date">2. August 2012</div></div>'
    stamps = dates.headline_dates(_page("", body, "de"), "de")
    assert {s.day for s in stamps} == {"2012-08-02"}
    # and at the window's far end, a tag left open is not text either
    assert dates._whole_tags('<p>Text</p><div data-end="2021-02-28">x</div><div data-x="1.1.2020') == \
        '<p>Text</p><div data-end="2021-02-28">x</div>'


def test_an_element_marked_only_as_the_update_yields_to_the_published_one_by_the_headline():
    body = ('<h1>Fünf HR-Trends</h1><p>Von Arne | <time class="updated" datetime="2022-12-29T15:36:19+01:00" '
            'itemprop="dateModified">29. Dezember 2022</time><time class="entry-date published" '
            'datetime="2022-12-30T07:00:40+01:00" itemprop="datePublished">30. Dezember 2022</time></p><p>Text.</p>')
    day, signals = _vote(_page("", body, "de"))
    assert day == "2022-12-30"
    assert signals["headline:nearest"] == "2022-12-30"


def test_an_ambiguous_numeric_date_takes_the_reading_the_page_states_elsewhere():
    head = ('<meta property="article:published_time" content="2021-11-01T04:00:14Z">'
            '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-11-01T05:00:14"}</script>')
    body = '<div><span>11/01/2021</span></div><h1>Der Elektroroller im Test</h1><p>Stand: 11/01/2021, 05:00</p>'
    day, signals = _vote(_page(head, body, "de"))
    assert day == "2021-11-01"
    assert signals["headline:nearest"] == "2021-11-01"


def test_a_lone_ambiguous_meta_date_is_settled_by_the_date_the_text_labels_as_published():
    head = '<meta name="date" content="11/01/2023 12:43:42">'
    body = '<h2>Trinkwasser belastet</h2><p>Text über das Wasser.</p><p>Erstellt am: 01.11.2023</p>'
    day, _ = _vote(_page(head, body, "de"))
    assert day == "2023-11-01"


def test_dates_in_comments_widgets_and_listings_are_not_the_page_date():
    head = '<meta name="date" content="2020-02-11">'
    body = ('<h2>Rioja</h2><p>Ein Text über Wein.</p>'
            '<ul class="events"><li><span class="datum">29.02.2020 18:00 Uhr</span> Weinprobe</li>'
            '<li><span class="datum">04.04.2020 18:00 Uhr</span> Tapas</li>'
            '<li><span class="datum">09.05.2020 18:00 Uhr</span> Rioja</li></ul>'
            '<div class="comment-metadata"><time datetime="2020-02-24T03:36:11+02:00">24. Februar 2020</time></div>')
    html = _page(head, body, "de")
    day, signals = _vote(html)
    assert day == "2020-02-11"
    assert "date-element" not in signals
    assert not [e for e in scraper_evidence(html) if e.origin == "html:time"]


def scraper_evidence(html: str):
    from scraper.normalize.html_meta import html_evidence

    return html_evidence(LexborHTMLParser(html), None, html)


def test_a_meta_line_list_with_its_own_dates_is_not_a_listing():
    body = ('<h2>Titel</h2><p>Text.</p><ul class="post-meta"><li>Von Jane Doe</li><li class="date">3. Mai 2021</li>'
            '<li>Aktualisiert: 5. Mai 2021</li><li>Kategorie</li></ul>')
    assert dates.date_element_day(LexborHTMLParser(_page("", body, "de")), "de").day == "2021-05-03"


def test_a_publication_date_kept_in_a_data_attribute_by_the_headline():
    body = ('<div id="article-date" style="display:none" data-published-at-date="miércoles, 11 mayo 2022 04:10"></div>'
            '<article><h1>Gobierno acusa a la empresa</h1><p>Texto.</p></article>')
    assert [s.day for s in dates.headline_dates(_page("", body, "es"), "es")] == ["2022-05-11"]
    stamp = '<article data-publish-timestamp="1652242200"><h1>Titel</h1><p>Text.</p></article>'
    assert [s.day for s in dates.headline_dates(_page("", stamp), "en")] == ["2022-05-11"]
    expiry = '<div data-plusbar-end-date="2021-02-28T23:59:00+01:00"><h1>Titel</h1><p>Text.</p></div>'
    assert dates.headline_dates(_page("", expiry), "de") == []


def test_a_date_deep_in_the_story_text_is_not_the_headline_date_line():
    body = '<h1>Faire Lieferketten</h1><p>' + "Ein langer Satz über Lieferketten. " * 14 + 'Am 07.03.2020 beginnt es.</p>'
    day, signals = _vote(_page('<meta name="date" content="2020-02-05">', body, "de"))
    assert "headline:nearest" not in signals
    assert day == "2020-02-05"


def test_vom_labels_a_date_only_next_to_the_headline():
    body = ('<p>Bild eines Satelliten vom 31.05.2021 (links).</p><p>Text.</p>'
            '<p>Letzte Änderung: 14.01.2022 um 09:25</p>')
    assert dates.page_text_day(_page("", body, "de"), "de") == "2022-01-14"


def test_a_heading_that_a_date_label_introduces_is_the_date_line():
    body = ('<h1>Neue Präsidentin gewählt</h1><p>Sie wird die erste Frau im Amt.</p>'
            '<span>Erschienen am:</span><h2>13.10.2021</h2><p>Herausgeber: Pressestelle</p>')
    stamps = dates.headline_dates(_page('', body, "de"), "de")
    assert [(s.day, s.label) for s in stamps] == [("2021-10-13", "published")]
    unlabelled = '<h1>Titel</h1><p>Text.</p><h2>13.10.2021</h2>'
    assert dates.headline_dates(_page('', unlabelled, "de"), "de") == []


def test_print_and_retrieval_dates_are_not_the_story_date():
    assert dates.label_of("https://a.example/x gedruckt am: Freitag, ") == "expiry"
    assert dates.label_of("Quelle: Statistik, abgerufen am ") == "expiry"
    assert dates.page_text_day(_page("", "<p>Text.</p><p>Printed on 7 October 2016</p>"), "en") is None


def test_an_unlabelled_date_in_a_menu_link_is_not_the_page_date():
    body = ('<ul class="sub"><li><a href="/chat-13032016/">Chat am 13.03.2016</a></li></ul>'
            '<p>Woher kommt die dicke Luft?</p>')
    assert dates.page_text_day(_page("", body, "de"), "de") is None
    assert dates.page_text_day(_page("", body + "<p>Wien, 02.05.2016</p>", "de"), "de") == "2016-05-02"


def test_region_words_mark_chrome_but_an_opinion_piece_is_not_a_comment():
    tree = LexborHTMLParser('<body><div class="article commentary"><p class="date">3. Mai 2021</p></div>'
                            '<div class="kb-comment-box"><p class="date">4. Mai 2021</p></div>'
                            '<div class="widget_recent"><p class="date">5. Mai 2021</p></div></body>')
    flags = [dates.in_chrome(n) for n in tree.css("p.date")]
    assert flags == [False, True, True]
    assert not dates._SITE_HEADLINE.search('<h1 class="headline brandenburg">')
    assert dates._SITE_HEADLINE.search('<h1 class="site-logo">')


def test_a_web_archive_banner_and_linked_comment_dates_are_not_the_page_date():
    banner = ('<!-- BEGIN WAYBACK TOOLBAR INSERT --><div>22 captures 21 Feb 2007 - 23 Mar 2021</div>'
              '<!-- END WAYBACK TOOLBAR INSERT -->')
    comments = '<p>Harm sagt: <a href="#comment-1">25. Februar 2020 um 13:02</a></p>'
    assert dates.page_text_day(_page("", banner + "<p>Text.</p>" + comments, "de"), "de") is None
    labelled = '<p>Veröffentlicht am <a href="/post">3. Mai 2019</a></p>'
    assert dates.page_text_day(_page("", banner + labelled + comments, "de"), "de") == "2019-05-03"


def test_date_elements_are_read_only_when_their_vote_can_change_the_day():
    can = dates._element_can_decide
    assert can({}, {}, {})
    assert can({"2021-05-03": 1.0}, {"headline:text": "2021-05-03"}, {})  # a new day outvotes it
    assert not can({"2021-05-03": 1.5}, {"headline:time": "2021-05-03"}, {})  # a tie keeps the first day
    assert not can({"2021-05-03": 3.0, "2021-05-04": 1.5}, {"url": "2021-05-03", "meta:published": "2021-05-04"}, {})
    assert can({"2021-05-04": 1.5, "2021-05-03": 3.0}, {"meta:published": "2021-05-04", "url": "2021-05-03"}, {})
    assert can({"2021-03-05": 1.5}, {"headline:time": "2021-03-05"}, {"headline:time": "2021-05-03"})  # reading open


# --- The fetch date: no page is published after it was fetched ---

@pytest.mark.parametrize(("value", "fetched", "kept"), [
    ("2021-03-01", "2021-03-01T08:00:00Z", True),  # the same day
    ("2021-03-02", "2021-03-01T08:00:00Z", False),  # a day after the fetch
    ("2021-03-02T07:00:00+10:00", "2021-03-01T22:00:00Z", True),  # the evening before, in UTC
    ("2021-03-01T09:00:00+00:00", "2021-03-01T08:00:00Z", False),  # an hour after the fetch
    ("2021-03-02", None, True),  # no fetch date: nothing to compare with
])
def test_a_date_later_than_the_fetch_is_not_taken(value, fetched, kept):
    from scraper.normalize.resolve import not_after

    assert (not_after(value, fetched) == value) is kept


def _warc_page(path, url: str, body: bytes, warc_date: str) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                           warc_headers_dict={"WARC-Date": warc_date})
        writer.write_record(record)


def test_published_is_never_later_than_the_archive_date(tmp_path):
    """Declared stamps after the WARC date (a CMS clock set wrong, a re-indexing run) outvote the day the
    headline shows; that day, before the capture, is the record's."""
    from scraper.config import load_config
    from scraper.pipeline import process
    from scraper.sources.files import pages_from_file

    paragraphs = "".join(f"<p>Paragraph {i} of the harbour story says enough to be article text, with several "
                         f"clauses and a full stop at the end.</p>" for i in range(5))
    stamp = "2021-06-30T10:00:00Z"
    head = (f'<meta property="article:published_time" content="{stamp}">'
            f'<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"{stamp}"}}</script>')
    body = (f'<article><h1>Harbour dredging starts</h1><p>March 2, 2021</p>'
            f'<span itemprop="datePublished" content="{stamp}"></span>{paragraphs}</article>')
    page_html = f'<html lang="en"><head>{head}</head><body>{body}</body></html>'.encode()
    assert scraper.clean(page_html).published.startswith("2021-06-30")  # no fetch date: the vote's day
    path = tmp_path / "crawl.warc.gz"
    _warc_page(path, "https://harbourgazette.example/news/dredging", page_html, "2021-03-04T12:00:00Z")
    [page] = list(pages_from_file(path, 10_000_000))
    assert page.fetched_at.startswith("2021-03-04")
    art = process(page, load_config(), explain=True)
    assert art.published == "2021-03-02"
    assert art.provenance["published"] == "page:date-vote:runner-up"


def test_published_is_never_later_than_a_web_archive_copys_capture():
    """A web archive's address holds its capture time: the page was fetched then."""
    paragraphs = "".join(f"<p>Paragraph {i} of the harbour story says enough to be article text, with several "
                         f"clauses and a full stop at the end.</p>" for i in range(5))
    stamp = "2021-06-30T10:00:00Z"
    head = (f'<meta property="article:published_time" content="{stamp}">'
            f'<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"{stamp}"}}</script>')
    body = (f'<article><h1>Harbour dredging starts</h1><p>March 2, 2021</p>'
            f'<span itemprop="datePublished" content="{stamp}"></span>{paragraphs}</article>')
    page_html = f'<html lang="en"><head>{head}</head><body>{body}</body></html>'
    url = "https://archive.example/web/20210304120000/https://harbourgazette.example/news/dredging"
    assert scraper.clean(page_html, url=url).published == "2021-03-02"
    assert scraper.clean(page_html, url="https://harbourgazette.example/news/dredging").published.startswith("2021-06-30")


@pytest.mark.parametrize(("text", "day"), [
    ("Közzétéve: 2021. március 5. 10:32", date(2021, 3, 5)),  # Hungarian: year first, dots after year and day
    ("Frissítve 2020. szept. 15.", date(2020, 9, 15)),
    ("Paskelbta 2021 m. rugpjūčio 15 d. 12:00", date(2021, 8, 15)),  # Lithuanian: "m." after the year, "d." after the day
    ("Publicēts 2021. gada 5. martā", date(2021, 3, 5)),  # Latvian: "gada", then day and month
    ("Avaldatud 5. märts 2021", date(2021, 3, 5)),  # Estonian, day first
])
def test_year_first_dates_and_more_month_names(text, day):
    assert [d.day for d in dates.dates_in_text(text)] == [day]
    assert [d.day for d in dates.dates_in_collapsed_text(text)] == [day]


def test_year_first_needs_its_dot_or_marker():
    assert dates.dates_in_text("by 2030 may 20 people vote") == []  # an English sentence, no date


@pytest.mark.parametrize(("text", "day"), [
    ("Wochenbericht 14. - 20. Januar 2022", date(2022, 1, 14)),
    ("Festival 3.–5. März 2021", date(2021, 3, 3)),
    ("Kurs 14.-20.01.2022", date(2022, 1, 14)),
    ("am 20. Januar 2022", date(2022, 1, 20)),  # no range
])
def test_a_date_range_reads_as_its_first_day(text, day):
    assert [d.day for d in dates.dates_in_text(text)] == [day]
