"""The outlet where a page declares it poorly: the title part or logo the host spells, a domain-shaped name."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

import scraper
from scraper.normalize.site_name import logo_evidence, names_host, title_site_segment

STORY = "".join(f"<p>Paragraph {i} of the story says something long enough to be article text, with several "
                f"clauses and a full stop at the end of the sentence.</p>" for i in range(5))


def _page(head: str, body: str = "", url: str | None = "https://www.example-courier.com/2024/05/story") -> scraper.Article:
    html = f"<html lang='en'><head>{head}</head><body>{body}<article><h1>Harbour closes</h1>{STORY}</article></body></html>"
    return scraper.clean(html, url=url)


@pytest.mark.parametrize(("name", "host", "same"), [
    ("The Example Courier", "www.example-courier.com", True),  # the letters, an article aside
    ("Tribune de Exempla", "tde.ch", True),  # initials
    ("Examplo 7News", "examplo.com", True),  # opens with the host's name
    ("The Motley Example", "example.com", True),  # ends with it
    ("La Repùblica", "LaRepublica.pe", True),  # accents aside
    ("Examplo Weather and Sports Tonight Live", "examplo.com", False),  # too long to be the site's name
    ("Colombie Britannique", "ici.radio-example.ca", False),
    ("EXAMPLE", "www.example-magazin.de", True),  # the host adds a descriptor
    ("New York Example News", "www.nyexamplenews.com", True),  # the host abbreviates the first words
    ("Los Angeles Example", "articles.laexample.com", True),
    ("Los Angeles Exemplar", "www.laexample.com", False),
])
def test_a_name_the_host_spells(name, host, same):
    assert names_host(name, host) is same


@pytest.mark.parametrize(("title", "segment"), [
    ("Harbour closes | The Example Courier - Finest News Source", "The Example Courier"),  # the tagline after it
    ("Example Exposed: Open flow for programmable logic", "Example Exposed"),  # a blog's name first
    ("港が台風で閉鎖された理由と今後の見通し：例新聞デジタル", "例新聞デジタル"),  # a CJK site name after a full-width colon
    ("港が台風で閉鎖された理由と今後の見通し : スポーツ : 例新聞オンライン", "例新聞オンライン"),
    ("Harbour closes | Sport", None),  # no part names the host
])
def test_the_title_part_that_names_the_site(title, segment):
    assert title_site_segment(title, "www.example-courier.com" if "Example Courier" in title
                              else "exampleexposed.blogspot.com") == segment


def test_a_logo_names_the_site_unless_it_repeats_the_headline_or_is_a_partners():
    tree = LexborHTMLParser(
        "<html><head><title>Harbour closes</title></head><body>"
        "<div class='header-logo'><img alt='Harbour closes'></div>"
        "<div class='partner-logo'><img alt='Example Courier Partner'></div>"
        "<a class='site-logo' href='/'><img alt='The Example Courier Logo - Home'></a></body></html>")
    [ev] = logo_evidence(tree, "www.example-courier.com", "Harbour closes")
    assert ev.value == "The Example Courier" and ev.origin == "html:logo"
    section = LexborHTMLParser("<div class='logo'><img alt='Example-courier News'></div>")
    assert logo_evidence(section, "www.example-courier.com") == []  # the site's name and a section


def test_the_logo_names_a_site_that_declares_no_name():
    assert _page("<title>Harbour closes</title>", "<a class='logo' href='/'>The Example Courier</a>").outlet == (
        "The Example Courier")


def test_a_domain_shaped_site_name_gives_way_to_the_name_the_host_spells():
    head = ('<meta property="og:site_name" content="www.example-courier.com">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour closes",'
            ' "publisher": {"@type": "Organization", "name": "Example Courier"}}</script>')
    record = _page(head)
    assert record.outlet == "Example Courier"
    other = ('<meta property="og:site_name" content="Example-Courier.com">'
             '<title>Harbour closes | Sport Weekly</title>')
    assert _page(other).outlet == "Example-Courier.com"  # nothing else names the host: the domain stays


def test_a_reading_in_full_width_parentheses_is_no_part_of_the_name():
    assert _page('<meta property="og:site_name" content="EXAMPLE！（エグザンプル！）">').outlet == "EXAMPLE！"


def test_a_social_handle_in_the_site_name_slot_gives_way_to_the_titles_name():
    head = ('<meta property="og:site_name" content="Example_Courier_Live">'
            '<title>Harbour closes | Weather | Example Courier</title>')
    assert _page(head).outlet == "Example Courier"
    blog = '<meta property="og:site_name" content="港の家_青空"><title>Harbour closes</title>'
    assert _page(blog).outlet == "港の家_青空"  # an underscore inside a CJK blog's name is part of it


def test_json_ld_wrapped_in_cdata_is_read():
    head = ('<script type="application/ld+json">\n  <![CDATA[\n  {"@context": "https://schema.org", "@type": "Organization",'
            ' "name": "Example Courier", "url": "https://about.example-courier.com"}\n  ]]>\n</script>'
            '<script type="application/ld+json">//<![CDATA[\n{"@type": "NewsArticle", "headline": "Harbour closes",'
            ' "author": {"@type": "Person", "name": "Jane Roe"}}\n//]]></script>')
    record = _page(head, url="https://about.example-courier.com/blog/2024/05/story")
    assert record.outlet == "Example Courier"
    assert record.authors == ["Jane Roe"]


LOGO = "<header><a class='site-logo' href='/'><img alt='{}'></a></header>"


@pytest.mark.parametrize(("site_name", "logo", "host", "outlet"), [
    ("Example Courier Magazine", "Example Courier", "www.example-courier.com", "Example Courier"),
    ("Examplemag", "EXAMPLE", "www.example.com", "Example"),  # the descriptor glued on
    ("Example Courier Magazine", None, "www.example-courier.com", "Example Courier Magazine"),  # nothing else says so
    ("Example Magazine", "Example", "www.examplemagazine.com", "Example Magazine"),  # the host spells it whole
    ("OK! Magazine", "OK!", "www.ok.example", "OK! Magazine"),  # too little left without it
])
def test_a_descriptor_the_pages_other_names_leave_out_is_no_part_of_the_name(site_name, logo, host, outlet):
    head = f'<meta property="og:site_name" content="{site_name}"><title>Harbour closes</title>'
    record = _page(head, LOGO.format(logo) if logo else "", url=f"https://{host}/2024/05/story")
    assert record.outlet == outlet


def test_a_descriptor_in_the_title_only():
    head = '<meta property="og:site_name" content="例新聞 電子版"><title>港が台風で閉鎖された理由：例新聞</title>'
    assert _page(head, url="https://www.reishimbun.example/article/1").outlet == "例新聞"


def test_a_domain_shaped_site_name_gives_way_to_the_fuller_name_of_the_logo():
    head = ('<meta property="og:site_name" content="Exampleweek.com">'
            '<title>Harbour closes - Exampleweek</title>')
    logo = ("<div id='logo'><a href='/' class='ir'>Big Exampleweek</a>"
            "<h2 id='channel_name'><a href='/economics'>Global Economics</a></h2></div>")
    url = "https://www.exampleweek.com/articles/2024-05-01/story"
    assert _page(head, logo, url=url).outlet == "Big Exampleweek"
    assert _page(head, LOGO.format("Exampleweek"), url=url).outlet == "Exampleweek"  # the logo only spells the domain
    plain = '<meta property="og:site_name" content="Example.com"><title>Harbour closes</title>'
    assert _page(plain, LOGO.format("Example"), url="https://www.example.com/story").outlet == "Example.com"


def test_a_host_label_with_a_descriptor_names_the_site_by_its_core():
    head = '<meta property="og:site_name" content="www.example-magazin.de"><title>Harbour closes - Strava-Update</title>'
    logo = LOGO.format("EXAMPLE - Das Radmagazin")
    assert _page(head, logo, url="https://www.example-magazin.de/news/story").outlet == "EXAMPLE"


def test_a_descriptor_in_the_logo_makes_no_fuller_name():
    head = ('<meta property="og:site_name" content="www.elejemplo.hn">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour closes",'
            ' "publisher": {"@type": "Organization", "name": "El Ejemplo"}}</script>')
    assert _page(head, LOGO.format("Diario El Ejemplo"), url="https://www.elejemplo.hn/story-1").outlet == "El Ejemplo"


def test_a_lower_case_host_label_gives_way_to_the_copyright_lines_full_name():
    head = '<meta property="og:site_name" content="laexample"><title>Harbour closes - laexample</title>'
    footer = "<footer><p>Copyright 2016 Los Angeles Example</p></footer>"
    url = "http://articles.laexample.com/2009/oct/14/business/story"
    assert _page(head, footer, url=url).outlet == "Los Angeles Example"
    assert _page(head, "", url=url).outlet == "laexample"


def test_the_logos_found_in_the_one_pass_are_the_selectors():
    from scraper.normalize.html_meta import page_elements
    from scraper.normalize.site_name import LOGO_SELECTOR
    tree = LexborHTMLParser(
        "<html><head><meta name='logo' content='x'><script class='logo-loader'></script></head><body>"
        "<div id='SiteLogo'><a href='/'>Example Courier</a></div><svg class='Logo-mark'></svg>"
        "<span class='nologo'></span><h1 class='logo'>Harbour closes</h1><div class='Logo'><img alt='x'></div>"
        "<footer><a class='footer-LOGO' href='/'>Example</a></footer></body></html>")
    expected = [n for n in tree.css(LOGO_SELECTOR) if n.tag not in ("meta", "script", "link", "style")]
    assert [n.mem_id for n in page_elements(tree).logos] == [n.mem_id for n in expected]
    assert len(expected) == 6
    assert logo_evidence(tree, "www.example-courier.com") == logo_evidence(
        tree, "www.example-courier.com", logos=page_elements(tree).logos)


def test_the_ascii_shortcut_of_the_name_fold_folds_as_the_long_way() -> None:
    from scraper.normalize.site_name import _fold, fold_plain

    ascii_chars = "".join(chr(c) for c in range(128))
    samples = [ascii_chars, ascii_chars[::-1], "The Example-Times", "EXAMPLE_news 24/7", "www.example.co.uk", "",
               "LaRepública", "Ｅｘａｍｐｌｅ", "ﬁnance", "Straße", "İstanbul Haber"]
    for text in samples + list(ascii_chars):
        assert _fold(text) == fold_plain(text), text
