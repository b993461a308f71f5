"""Byline and outlet classes: job titles with a beat, author boxes, asides, the site in the author slot, sections."""

from __future__ import annotations

import pytest

import scraper
from scraper.normalize.bylines import parse_byline
from scraper.normalize.site_name import names_section


def _page(head: str, body: str, lang: str = "en", outside: str = "") -> str:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story says something long enough to be article text, with several clauses "
        f"and a full stop at the end of the sentence.</p>" for i in range(5)
    )
    return (f'<html lang="{lang}"><head><title>Harbour ferries return for the summer</title>{head}</head>'
            f'<body>{outside}<article>{body}{paragraphs}</article></body></html>')


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Marta Lindqvist Games Editor", ["Marta Lindqvist"]),  # a beat before the job title
        ("Marta Lindqvist, Chief Political Correspondent", ["Marta Lindqvist"]),
        ("Sports Editor", []),  # a job title alone names nobody
        ("Political Commentator", []),
        ("HC Contributor", []),  # the outlet's initials with a role: a house account
        ("Rasender Reporter", ["Rasender Reporter"]),  # a pen name keeps its role-shaped word
    ],
)
def test_job_titles_with_a_beat_are_no_names(byline, authors):
    assert parse_byline(byline).authors == authors


def test_the_name_inside_an_author_box_with_its_job_title():
    body = ('<h1>Harbour ferries return for the summer</h1>'
            '<div class="author-box"><div class="name">Tomas Verhoeven</div><div class="authortitle">Sports Editor</div>'
            '<ul class="author"><li><a href="/author/tomas-verhoeven/">See All Articles</a></li>'
            '<li><a href="mailto:t@example.com">Send Email</a></li><li><a href="/feed/">Subscribe to RSS</a></li></ul></div>')
    assert scraper.clean(_page("", body)).authors == ["Tomas Verhoeven"]


def test_a_byline_in_the_articles_own_aside():
    body = ('<div class="grid"><h1>Harbour ferries return for the summer</h1>'
            '<aside class="meta-column"><address><a rel="author" href="/profile/ines-barre">Ines Barre</a> and '
            '<a rel="author" href="/profile/joao-amaral">Joao Amaral</a></address></aside></div>')
    assert scraper.clean(_page("", body)).authors == ["Ines Barre", "Joao Amaral"]


def test_a_sidebar_aside_outside_the_article_is_no_byline():
    sidebar = '<aside><a rel="author" href="/profile/ines-barre">Ines Barre</a></aside>'
    body = '<h1>Harbour ferries return for the summer</h1>'
    assert scraper.clean(_page("", body, outside=sidebar)).authors == []


def test_an_author_widget_in_the_sidebar_names_the_writer_of_a_blog_post():
    sidebar = ('<aside><section class="widget author"><a href="/team/carla-von-arx"><img alt="Carla von Arx"></a>'
               '<p class="author">von Carla von Arx</p></section>'
               '<section class="widget blog-categories"><h2>Kategorien</h2></section></aside>')
    body = '<h1>Harbour ferries return for the summer</h1>'
    assert scraper.clean(_page("", body, lang="de", outside=sidebar)).authors == ["Carla von Arx"]


def test_a_comment_authors_name_is_no_byline():
    comments = ('<section id="comments" class="comments-area"><ol class="comment-list"><li class="comment">'
                '<article class="comment-body"><footer><div class="comment-author vcard"><b class="fn">Kerstin Wolter</b>'
                ' <span class="says">sagt:</span></div></footer><p>Schöner Text.</p></article></li></ol></section>')
    page = _page("", "<h1>Harbour ferries return for the summer</h1>", lang="de").replace("</article>", f"</article>{comments}")
    assert scraper.clean(page).authors == []


def test_a_blog_widget_holding_the_post_is_the_story():
    # Blog themes wrap the whole post in a "widget"; its body is marked itemprop="description articleBody".
    page = ('<html><head><title>Open flows for small chips</title></head><body><div class="widget Blog">'
            '<h3 class="post-title">Open flows for small chips</h3>'
            '<div class="post-body" itemprop="description articleBody">'
            + "".join(f"<p>Paragraph {i} tells a long enough part of the post, with a clause and a full stop.</p>" for i in range(5))
            + '</div><div class="post-footer"><span class="post-author vcard">Posted by <span class="fn" itemprop="author">'
              '<a rel="author" href="https://profiles.example.org/1">Anders Holmgren</a></span></span></div></div></body></html>')
    assert scraper.clean(page).authors == ["Anders Holmgren"]


def test_a_headline_that_is_no_h1_still_has_its_byline_found():
    overlay = '<div class="search"><h1>No matches for your search</h1></div>'
    body = '<h2>Harbour ferries return for the summer</h2><p>by <a href="https://example.org/">Lena Marquardt Oyelaran</a></p>'
    assert scraper.clean(_page("", body, outside=overlay)).authors == ["Lena Marquardt Oyelaran"]


def test_the_sites_name_in_the_author_tag_is_no_writer():
    head = ('<meta property="og:site_name" content="SEELUFT"><meta name="author" content="SEELUFT">')
    assert scraper.clean(_page(head, "<h1>Harbour ferries return for the summer</h1>")).authors == []


def test_the_sites_name_that_the_visible_byline_gives_stays():
    head = '<meta property="og:site_name" content="Hafen Kollektiv">'
    body = '<h1>Harbour ferries return for the summer</h1><div class="author">Hafen Kollektiv</div>'
    assert scraper.clean(_page(head, body, lang="de")).authors == ["Hafen Kollektiv"]


def test_meta_tags_written_with_a_value_attribute():
    head = '<meta property="og:site_name" value="The Harbour Courier"><meta name="author" value="Ines Barre">'
    art = scraper.clean(_page(head, "<h1>Harbour ferries return for the summer</h1>"))
    assert (art.authors, art.outlet) == (["Ines Barre"], "The Harbour Courier")


@pytest.mark.parametrize(
    ("name", "url", "section"),
    [
        ("Magazine", "https://www.harbourcourier.com/magazine/article/ferries", True),
        ("U.S.", "https://www.harbourwire.com/article/us-usa-ferries-idUS1", True),
        ("Letters to the Editor", "http://letterstotheeditorblog.harbourcourier.com/2014/12/ferries.html", True),
        ("Harbour Courier", "https://www.harbourcourier.com/magazine/article/ferries", False),  # the site itself
        ("Harbour Courier", None, False),
        ("Weekend", "https://www.harbourcourier.com/news/ferries", False),
    ],
)
def test_a_section_named_by_the_url_is_no_site_name(name, url, section):
    assert names_section(name, url) is section


def test_a_section_in_the_site_name_slot_yields_to_the_title_suffix():
    head = ('<meta property="og:site_name" content="Letters to the Editor">'
            '<link rel="canonical" href="http://letterstotheeditorblog.harbourcourier.com/2014/12/ferries.html">')
    page = _page(head, "<h1>Harbour ferries return for the summer</h1>").replace(
        "<title>Harbour ferries return for the summer</title>",
        "<title>Harbour ferries return for the summer | Harbour Courier</title>")
    assert scraper.clean(page, url="http://letterstotheeditorblog.harbourcourier.com/2014/12/ferries.html").outlet == "Harbour Courier"


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # the unit a job title belongs to is no second writer
        ("By Ines Barre, Senior Staff Technologist, HCLU Speech, Privacy, and Technology Project", ["Ines Barre"]),
        ("By INES BARRE and KWAME OSEI, Associated Press", ["Ines Barre", "Kwame Osei"]),
        ("Ines Barre, Reuters, and John Amaral", ["Ines Barre", "John Amaral"]),
        ("Richard (R.J.) Haverford", ["Richard (R.J.) Haverford"]),  # a nickname inside the name
    ],
)
def test_affiliations_nicknames_and_placeholders(byline, authors):
    assert parse_byline(byline).authors == authors


def test_a_visible_byline_element_overrules_an_author_tag_the_page_never_shows():
    head = '<meta name="author" content="Halvorsen Brandt">'  # the publishing house, shaped like a name
    body = ('<h1>Harbour ferries return for the summer</h1>'
            '<span itemprop="author" itemscope><span itemprop="name">Ines Barre</span></span>')
    art = scraper.clean(_page(head, body), explain=True)
    assert art.authors == ["Ines Barre"]
    assert art.provenance["authors"].startswith("html:byline-element")


def test_a_site_that_says_whose_it_is_names_its_owner():
    head = '<meta property="og:site_name" content="harbourmonkey.org - Ines Barre\'s blog">'
    art = scraper.clean(_page(head, "<h1>Harbour ferries return for the summer</h1>"), explain=True)
    assert (art.authors, art.provenance["authors"]) == (["Ines Barre"], "site:owner")


def test_an_interview_heading_is_no_byline():
    body = '<h1>Harbour ferries return for the summer</h1><h3>Interview at-a-glance</h3>'
    assert scraper.clean(_page("", body)).authors == []


def test_an_anonymous_author_field_names_nobody():
    head = '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"anónimo"}}</script>'
    assert scraper.clean(_page(head, "<h1>Harbour ferries return for the summer</h1>", lang="es")).authors == []


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("文● ミナミカワ／港湾通信編集部", ["ミナミカワ"]),  # a writer in katakana and the desk
        ("NeoP／ネオピー", []),  # a brand and its reading: nobody named
        ("[森田花子，港湾通信]", ["森田花子"]),
        ("著者：山川一郎", ["山川一郎"]),
        ("Print Lena Holt | lholt@example.com By Lena Holt | lholt@example.com", ["Lena Holt"]),
    ],
)
def test_byline_slots_in_cjk_and_with_buttons(byline, authors):
    assert parse_byline(byline, allow_single=True).authors == authors


def test_a_japanese_job_title_before_the_name_inside_the_headline():
    body = ('<h1 itemprop="headline"><span>港の渡し船が夏に戻る</span><br/><span>編集委員　山川一郎</span></h1>')
    page = _page("", body, lang="ja").replace("Harbour ferries return for the summer", "港の渡し船が夏に戻る")
    assert scraper.clean(page).authors == ["山川一郎"]


def test_a_japanese_dateline_names_the_correspondent_not_an_agency():
    body = '<h1>港の渡し船が夏に戻る</h1><p>【ロンドン＝森田花子】１０日に行われた会合で、港の渡し船が夏に戻ることが決まった。</p>'
    page = _page("", body, lang="ja").replace("Harbour ferries return for the summer", "港の渡し船が夏に戻る")
    assert scraper.clean(page).authors == ["森田花子"]
    assert scraper.clean(page.replace("ロンドン＝森田花子", "北京＝共同")).authors == []


def test_a_writer_class_and_a_byline_id_mark_the_byline():
    body = '<h1>Harbour ferries return for the summer</h1><span class="writer">森田花子</span>'
    assert scraper.clean(_page("", body, lang="ja")).authors == ["森田花子"]
    body = '<h1>Harbour ferries return for the summer</h1><div id="byline"><b>[</b>森田花子，<b>港湾通信]</b></div>'
    assert scraper.clean(_page("", body, lang="ja")).authors == ["森田花子"]


def test_the_hosts_name_in_the_author_tag_is_no_writer():
    head = '<meta name="author" content="HARBOURWIRE">'
    page = _page(head, "<h1>Harbour ferries return for the summer</h1>")
    assert scraper.clean(page, url="https://weekly.harbourwire.jp/elem/1/").authors == []


def test_a_site_name_declared_twice_is_its_full_spelling():
    head = ('<meta property="og:site_name" content="HPC"><meta property="og:site_name" content="Harbour Point Courier">')
    assert scraper.clean(_page(head, "<h1>Harbour ferries return for the summer</h1>")).outlet == "Harbour Point Courier"
    head = ('<meta property="og:site_name" content="Boats & Harbours"><meta property="og:site_name" content="Boats and Harbours">')
    assert scraper.clean(_page(head, "<h1>Harbour ferries return for the summer</h1>")).outlet == "Boats and Harbours"


def test_a_saved_page_without_its_address_is_from_the_site_its_links_point_to():
    menu = "".join(f'<a href="https://www.harbourcourier.com/section/{i}">Section {i}</a>' for i in range(24))
    page = _page("", "<h1>Harbour ferries return for the summer</h1>", outside=f"<nav>{menu}</nav>")
    assert scraper.clean(page).outlet == "harbourcourier.com"
    few = "".join(f'<a href="https://www.friend-{i}.org/">Friend {i}</a>' for i in range(24))  # links to other sites
    assert scraper.clean(_page("", "<h1>Harbour ferries return for the summer</h1>", outside=few)).outlet is None


def test_a_teaser_cards_byline_is_not_the_storys():
    # The story's byline line by the headline carries no byline class; a card further down linking to
    # another story does ("media-box__article__autor"): its writer is not this story's.
    body = ('<h1>Harbour ferries return for the summer</h1><p class="info">Von <a href="/tomas-verhoeven">'
            'Tomas Verhoeven</a></p>')
    outside = ('<ul class="more"><li><a class="box__link" href="/other-story"><p>Brass bands draw young players '
               'back to the valley villages</p><span>Why young people spend their evenings rehearsing.</span> '
               '<span class="box__article__autor">Von Ines Kowalczyk</span></a></li></ul>')
    html = _page("", body, lang="de").replace("</article>", f"</article>{outside}")
    assert scraper.clean(html).authors == ["Tomas Verhoeven"]


def test_an_author_link_card_with_a_bio_stays_the_storys():
    body = ('<h1>Harbour ferries return for the summer</h1><a class="card" href="/author/tomas-verhoeven">'
            '<span class="author-name">Tomas Verhoeven</span> <span>covers ports, shipping and the coast for the '
            'paper since 2012</span></a>')
    assert scraper.clean(_page("", body)).authors == ["Tomas Verhoeven"]


def test_a_bold_name_opening_a_paragraph_is_no_signature():
    # "<strong>Name,</strong> a student, says ..." near the article's end quotes someone; it signs nothing.
    body = ('<h1>Harbour ferries return for the summer</h1>' + "".join(
        f"<p>Paragraph {i} of the story says something long enough to be article text, with several clauses.</p>"
        for i in range(3)) + '<p><strong>Jonas Feldmann, </strong>a ferry pilot from the island, says the '
        'timetable suits him well.</p>')
    html = (f'<html lang="en"><head><title>Harbour ferries</title></head><body><div class="story">{body}</div>'
            f'</body></html>')
    assert scraper.clean(html).authors == []
