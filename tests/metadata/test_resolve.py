"""Metadata evidence and resolution: sources in a stated trust order, provenance, nothing invented."""

from __future__ import annotations

import pytest

import scraper
from scraper.model import Evidence
from scraper.normalize import dates, resolve


def _page(head: str, body: str, lang: str = "en") -> str:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story says something long enough to be article text, with several clauses "
        f"and a full stop at the end of the sentence.</p>" for i in range(5)
    )
    return f'<html lang="{lang}"><head>{head}</head><body><article>{body}{paragraphs}</article></body></html>'


def test_json_ld_graph_author_reference_is_followed():
    head = ('<script type="application/ld+json">{"@graph":[{"@type":"Article","headline":"Canal walk",'
            '"author":{"@id":"#p1"}},{"@type":["Person","Organization"],"@id":"#p1","name":"Heike"}]}</script>')
    art = scraper.clean(_page(head, "<h1>Canal walk</h1>"), explain=True)
    assert art.authors == ["Heike"]
    assert art.provenance["authors"] == "json-ld:author"


def test_organization_author_is_syndication_not_author():
    head = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Heating tips",'
            '"author":{"@type":"Organization","name":"Tribune Content Agency"}}</script>')
    art = scraper.clean(_page(head, "<h1>Heating tips</h1>"), url="https://gazette.example/tips")
    assert art.authors == []
    assert art.syndication == "Tribune Content Agency"


def test_meta_author_that_is_the_site_is_not_a_person():
    art = scraper.clean(_page('<meta name="author" content="jungefreiheit.de">', "<h1>Kommentar zur Lage</h1>"))
    assert art.authors == []


def test_sidebar_bylines_are_not_authors():
    body = ('<h1>Main story headline here</h1><div class="byline">By <a rel="author" href="/author/a">Ann Lee</a></div>'
            '<aside class="sidebar"><a rel="author" href="/author/b">Bo Chan</a></aside>')
    art = scraper.clean(_page("", body))
    assert art.authors == ["Ann Lee"]


def test_comment_authors_are_not_authors():
    body = ('<h1>Story without a byline</h1><div id="comments"><div class="comment-author vcard">'
            '<cite class="fn">Martin Gray</cite></div></div>')
    assert scraper.clean(_page("", body)).authors == []


def test_no_author_anywhere_gives_none():
    art = scraper.clean(_page("<title>Radwege freigegeben</title>", "<h1>Radwege freigegeben</h1>", lang="de"))
    assert art.authors == [] and art.syndication is None


def test_title_is_the_story_headline_not_the_site_name():
    head = "<title>Storm knocks out power | Coastline News</title>"
    body = '<h1 class="site-title"><a href="/">Coastline News</a></h1><h2 class="entry-title">Storm knocks out power</h2>'
    art = scraper.clean(_page(head, body), explain=True)
    assert art.title == "Storm knocks out power"


def test_title_suffix_is_the_outlet_when_nothing_better():
    art = scraper.clean(_page("<title>Storm knocks out power to 80,000 | Coastline News</title>", ""), explain=True)
    assert art.title == "Storm knocks out power to 80,000"
    assert art.outlet == "Coastline News"
    assert art.provenance["outlet"] == "title:suffix"


def test_config_outlet_table_wins_and_is_extensible():
    config = scraper.load_config()
    config.outlets["example-news.test"] = "Example News"
    art = scraper.clean(_page('<meta property="og:site_name" content="EXN">', "<h1>Headline of the story</h1>"),
                        url="https://www.example-news.test/a/1", config=config, explain=True)
    assert art.outlet == "Example News"
    assert art.provenance["outlet"] == "config:domain"


def test_outlet_falls_back_to_the_domain_not_to_a_guessed_name():
    art = scraper.clean(_page("<title>Storm knocks out power to 80,000</title>", "<h1>Storm knocks out power</h1>"),
                        url="https://www.coastline-news.test/2024/storm", explain=True)
    assert art.outlet == "coastline-news.test"
    assert art.provenance["outlet"] == "url:domain"
    declared = scraper.clean(_page('<meta property="og:site_name" content="Coastline News">', "<h1>Storm</h1>"),
                             url="https://www.coastline-news.test/2024/storm")
    assert declared.outlet == "Coastline News"


def test_canonical_link_to_another_site_is_syndication():
    head = '<link rel="canonical" href="https://theconversation.com/tiny-forests-1">'
    art = scraper.clean(_page(head, "<h1>Why cities plant tiny forests</h1>"),
                        url="https://radio.example.org/2024/05/02/tiny-forests", explain=True)
    assert art.syndication == "The Conversation"
    assert art.provenance["syndication"] == "canonical:other-domain"


def test_dates_are_iso_and_url_date_counts():
    art = scraper.clean(_page("", "<h1>Headline of the story</h1>"), url="https://blog.example/2017/7/12/a-post")
    assert art.published == "2017-07-12"
    head = '<meta property="article:published_time" content="2024-03-04T07:15:00-05:00">'
    art = scraper.clean(_page(head, "<h1>Headline of the story</h1>"), url="https://n.example/2024/03/04/story")
    assert art.published == "2024-03-04T07:15:00-05:00"  # the page's own timestamp for the same day


def test_parse_date_formats():
    assert dates.parse_date("November 7, 2024 11:32 AM GMT") == "2024-11-07"
    assert dates.parse_date("Tuesday, 7 May 2024") == "2024-05-07"
    assert dates.parse_date("2024-05-02T08:00:00-04:00") == "2024-05-02T08:00:00-04:00"
    assert dates.parse_date("not a date") is None


def test_authors_follow_the_trust_order():
    evidence = [
        Evidence("byline", "By Jane Doe", "rule:byline"),
        Evidence("author", "John Roe", "meta:author"),
    ]
    names, origin, _ = resolve.authors_from(evidence)
    assert names == ["John Roe"] and origin == "meta:author"


def test_every_trusted_origin_is_documented_in_one_table():
    assert set(resolve.TRUST) >= {"title", "outlet", "authors", "syndication", "published", "modified",
                                  "canonical_url", "language"}


def test_byline_line_in_the_markup():
    body = ('<h1>Schluss mit dem Stress im Stall</h1>'
            '<div class="metaInfo">Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022</div>')
    art = scraper.clean(_page("", body, lang="de"), explain=True)
    assert art.authors == ["Pamela Sladky"]
    assert art.provenance["authors"] == "html:byline-text"


@pytest.mark.parametrize("line", [
    '<small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small>',
    '<div class="timedata">05.02.2020 <span>- Redaktion: Uta Helkenberg (Pressesprecherin)</span></div>',
    '<div><h5>Datum:</h5>03.11.2021<br><h5>Autor:</h5>Uta Helkenberg/SP-X</div>',
])
def test_dated_and_labelled_byline_lines(line):
    body = f'<h1 class="logo"></h1><div><h1>Stellungnahme zum Pilotjahr</h1>{line}</div>'
    art = scraper.clean(_page("", body, lang="de"), explain=True)
    assert art.authors == ["Uta Helkenberg"]
    assert art.provenance["authors"] == "html:byline-text"


def test_dated_line_without_a_person_names_nobody():
    body = '<h1>Stellungnahme zum Pilotjahr</h1><small>04.02.2022 | 13:10 Uhr | Politik</small>'
    assert scraper.clean(_page("", body, lang="de")).authors == []


def test_author_card_gives_its_itemprop_name():
    body = ('<h1>Waldwege gesperrt</h1><a href="/autoren/uta-helkenberg-1"><img alt="Uta Helkenberg">'
            '<span>&copy; Uta Helkenberg</span><span itemprop="name">Uta   Helkenberg</span></a>')
    assert scraper.clean(_page("", body, lang="de")).authors == ["Uta Helkenberg"]


def test_author_tag_naming_the_site_yields_to_the_byline():
    head = ('<meta property="og:site_name" content="L\'Opinion">'
            '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"L\'Opinion"}}</script>')
    body = '<h1>Glyphosate, radiographie</h1><span class="article_author">Emmanuelle Ducros</span>'
    assert scraper.clean(_page(head, body, lang="fr")).authors == ["Emmanuelle Ducros"]
    assert scraper.clean(_page(head, "<h1>Glyphosate, radiographie</h1>", lang="fr")).authors == []  # the outlet, no writer


def test_personal_site_named_after_its_author_keeps_the_author():
    head = ('<meta property="og:site_name" content="Christoph Hein">'
            '<script type="application/ld+json">{"@type":"BlogPosting","author":{"@type":"Person","name":"Christoph Hein"}}</script>')
    body = '<h1>Fische und Schmerzen</h1><div class="author">Redakteur Max Muster</div>'
    assert scraper.clean(_page(head, body, lang="de")).authors == ["Christoph Hein"]


def test_one_word_structured_name_is_completed_by_a_full_name():
    head = '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Todd"}}</script>'
    body = '<h1>New robot does a superior job</h1><p class="byline">By Todd Bates</p>'
    assert scraper.clean(_page(head, body)).authors == ["Todd Bates"]


def test_image_credit_is_read_from_a_caption():
    body = ('<h1>Night buses return to the city centre</h1><figure><img src="a.jpg">'
            '<figcaption>A bus at the station. (Photo by Lena Ortiz/Getty Images)</figcaption></figure>')
    art = scraper.clean(_page("", body))
    assert "Lena Ortiz/Getty Images" in art.credits
    assert all("Lena Ortiz" not in p for p in art.text.split("\n\n"))


def test_local_midnight_written_in_utc_is_the_next_day():
    assert dates.parse_date("2021-11-04T23:00:00+00:00") == "2021-11-05"
    assert dates.parse_date("2021-11-04T23:07:45+00:00") == "2021-11-04T23:07:45+00:00"
    assert dates.parse_date("2021-11-04T23:00:00+01:00") == "2021-11-04T23:00:00+01:00"
    evidence = [Evidence("published", "2021-11-04", "htmldate:markup"),
                Evidence("published", "2021-11-04T23:00:00Z", "json-ld:datePublished")]
    assert resolve.pick_date(evidence, "published")[0] == "2021-11-05"


def test_visible_microdata_publication_date_wins_over_a_meta_stamp():
    head = '<meta name="date" content="2022-01-21T15:38:44+01:00">'
    body = ('<h1>Mit Hund im Winter</h1><span class="date"><time itemprop="datePublished" datetime="2022-01-27">'
            '27.01.2022</time></span>')
    art = scraper.clean(_page(head, body, lang="de"), explain=True)
    assert art.published == "2022-01-27"
    assert art.provenance["published"] == "page:date-vote"  # microdata, the <time> by the headline and its text agree


def test_seo_plugin_labelled_author_pair():
    head = ('<meta name="twitter:label1" value="Written by"><meta name="twitter:data1" value="Jane Doe">'
            '<meta name="twitter:label2" value="Est. reading time"><meta name="twitter:data2" value="4 minutes">')
    art = scraper.clean(_page(head, "<h1>Font sizes in plots</h1>"), explain=True)
    assert art.authors == ["Jane Doe"]
    assert art.provenance["authors"] == "meta:twitter:data"


def test_posted_on_date_by_name_line():
    body = '<h1>Items we never knew we wanted</h1><div class="meta">Posted on September 21, 2020  by Jane Doe</div>'
    assert scraper.clean(_page("", body)).authors == ["Jane Doe"]


def test_fuller_author_list_elsewhere_completes_the_json_ld_author():
    head = ('<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Jane Doe"}}</script>'
            '<meta name="author" content="Jane Doe,John Roe">')
    assert scraper.clean(_page(head, "<h1>Test ride of a race bike</h1>")).authors == ["Jane Doe", "John Roe"]
    noisy = '<h1>Test ride</h1><div class="author">Von Jane Doe</div><div class="author">Alle Artikel</div>'
    head = '<meta name="author" content="Jane Doe">'
    assert scraper.clean(_page(head, noisy, lang="de")).authors == ["Jane Doe"]


def test_parse_date_reads_written_dates_in_many_languages():
    assert dates.parse_date("3 de mayo de 2022") == "2022-05-03"
    assert dates.parse_date("14. April 2023") == "2023-04-14"
    assert dates.parse_date("Wed, 04 May 2022 00:25:56 GMT") == "2022-05-04"
    assert dates.parse_date("20210305") == "2021-03-05"
    assert dates.parse_date("2021-11-04T23:00:00+00:00") == "2021-11-05"  # local midnight east of UTC


def test_early_utc_stamp_takes_the_day_the_page_states_firmly():
    """A stamp at 00:25 UTC is the evening before in the Americas: a firm statement of that day settles it."""
    html = """<html lang="es"><head><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "Una noticia", "datePublished": "Wed, 04 May 2022 00:25:56 GMT",
     "dateCreated": "Tue, 03 May 2022 23:53:14 GMT"}</script></head>
    <body><h1>Una noticia</h1><p>Texto.</p></body></html>"""
    assert scraper.clean(html).published.startswith("2022-05-03")


def test_trust_orders_are_data():
    from scraper.normalize import trust

    assert resolve.TRUST is trust.ORDER
    assert resolve.TRUST["authors"][0] == "json-ld:author"
    assert dates.WEIGHTS["url"] == trust.DATE_VOTE["url"]


def test_readers_never_import_resolution():
    """Evidence readers return Evidence only; resolve.py is the one place that decides."""
    import ast
    from pathlib import Path

    folder = Path(resolve.__file__).parent
    for reader in ("html_meta", "html_bylines", "dates", "bylines"):
        tree = ast.parse((folder / f"{reader}.py").read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {m for m in imported if m.endswith("resolve")}, reader


def test_explain_lists_the_runners_up():
    html = """<html><head><meta property="og:site_name" content="Valley Ledger">
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Dam opens",
     "publisher": {"@type": "Organization", "name": "Valley Ledger Media"}}</script></head>
    <body><h1>Dam opens</h1><p>The new dam opened on Monday after four years of work on the river.</p></body></html>"""
    article = scraper.clean(html, url="https://valleyledger.example/news/dam", explain=True)
    assert article.outlet == "Valley Ledger"
    losers = article.candidates["outlet"]
    assert {"value": "Valley Ledger Media", "origin": "json-ld:publisher"} in losers
    assert all(set(row) == {"value", "origin"} for rows in article.candidates.values() for row in rows)
    assert "candidates" not in scraper.clean(html).to_dict()
