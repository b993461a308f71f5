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
