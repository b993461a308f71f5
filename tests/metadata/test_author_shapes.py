"""Author shapes: end credits, first names widened to the shown full name, joined bylines, blog post meta."""

from __future__ import annotations

import pytest

import scraper
from scraper.normalize.bylines import parse_byline
from scraper.normalize.html_bylines import byline_selectors, end_credit_names


def _page(body: str, head: str = "", after: str = "", lang: str = "en") -> str:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story says something long enough to be article text, with several clauses "
        f"and a full stop at the end of the sentence.</p>" for i in range(5)
    )
    return (f'<html lang="{lang}"><head><title>Harbour ferries return for the summer</title>{head}</head>'
            f'<body><article><h1>Harbour ferries return for the summer</h1>{body}{paragraphs}{after}</article></body></html>')


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("(Reporting by Marit Kooistra; Editing by Dorothea Quaye)", ["Marit Kooistra"]),
        ("(Reporting by Marit Kooistra in Rotterdam and Tobias Wendler in Hamburg; Editing by Dorothea Quaye)",
         ["Marit Kooistra", "Tobias Wendler"]),  # places after "in" dropped, both reporters kept
        ("Reporting by Marit Kooistra; Additional reporting by Ilse Maertens and Piet Dekker in Ghent; "
         "Editing by Dorothea Quaye", ["Marit Kooistra"]),  # helpers are no authors
        ("Prices fell on Tuesday. (Reporting by Marit Kooistra; Editing by Dorothea Quaye)", ["Marit Kooistra"]),
        ("(Reportage Jeanne Morel, version française Paul Girard, édité par Anne Roux)", ["Jeanne Morel"]),
        ("(Reporte de Lucía Ferrer; Editado en español por Tomás Ibarra)", ["Lucía Ferrer"]),
        ("(Bericht von Erika Brandt, redigiert von Jonas Keller)", ["Erika Brandt"]),
        ("Additional reporting by Ilse Maertens.", None),  # only a helper: nobody wrote it here
        ("With reporting by Ilse Maertens.", None),
        ("(Editing by Dorothea Quaye)", None),
        ("Reporting by the regional desk shows that ferries return in May.", None),  # prose
        ("Reporting by Marit Kooistra shows that ferries return in May; the board agrees.", None),
    ],
)
def test_end_credit_lines(line, names):
    assert end_credit_names(line, byline_selectors()) == names


def test_end_credits_name_the_writers_when_no_byline_stands_by_the_headline():
    after = "<p>(Reporting by Marit Kooistra in Rotterdam; Additional reporting by Ilse Maertens; Editing by Dorothea Quaye)</p>"
    assert scraper.clean(_page("", after=after)).authors == ["Marit Kooistra"]


def test_a_byline_by_the_headline_outranks_end_credits():
    after = "<p>(Reporting by Marit Kooistra; Editing by Dorothea Quaye)</p>"
    body = '<p class="byline">By Tobias Wendler</p>'
    assert scraper.clean(_page(body, after=after)).authors == ["Tobias Wendler"]


def test_end_credits_naming_only_helpers_give_no_author():
    after = "<p><em>Additional reporting by Ilse Maertens; Editing by Dorothea Quaye</em></p>"
    assert scraper.clean(_page("", after=after)).authors == []


_FIRST_NAME_LD = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", '
                  '"name": "Oskar"}}</script>')


def test_a_label_filling_its_own_field_takes_the_name_in_the_next_field():
    body = ('<div class="meta-wrapper"><div class="field"><p class="label"><strong>By</strong></p></div>'
            '<div class="field"><p class="full-name">Oskar Lindgren</p></div></div>'
            '<div class="date-wrapper"><div class="field"><p class="label"><strong>Date</strong></p></div>'
            '<div class="field"><p class="date">May 5, 2024</p></div></div>')
    assert scraper.clean(_page(body)).authors == ["Oskar Lindgren"]


def test_a_first_name_in_structured_data_widens_to_the_full_name_the_byline_shows():
    body = ('<div class="meta-wrapper"><div class="field"><p class="label"><strong>By</strong></p></div>'
            '<div class="field"><p class="full-name">Oskar Lindgren</p></div></div>')
    assert scraper.clean(_page(body, head=_FIRST_NAME_LD)).authors == ["Oskar Lindgren"]


def test_a_first_name_in_structured_data_stays_when_the_byline_shows_only_it():
    body = '<p class="post-meta">Posted by <a href="/author/oskar/">Oskar</a></p>'
    footer = '<p>Oskar Lindgren</p>'  # the owner's name elsewhere on the page is no byline
    assert scraper.clean(_page(body, head=_FIRST_NAME_LD, after=footer)).authors == ["Oskar"]


def test_a_label_beside_its_value_in_one_line_reads_as_before():
    body = '<div class="info"><h5 class="title-inline">Datum: </h5>03.11.2021<br><h5 class="title-inline">Autor: </h5>Oskar Lindgren/SP-X</div>'
    assert scraper.clean(_page(body)).authors == ["Oskar Lindgren"]


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Von Dr. Henrike Vollmer", ["Henrike Vollmer"]),
        ("Prof. Dr. Henrike Vollmer und Dipl.-Ing. Lars Eckhoff", ["Henrike Vollmer", "Lars Eckhoff"]),
        ("DR. HENRIKE VOLLMER", ["Henrike Vollmer"]),
        ("Dr. Vollmer", ["Dr. Vollmer"]),  # a title before a lone family name is how the page names her
    ],
)
def test_academic_titles_are_no_part_of_an_authors_name(byline, authors):
    assert parse_byline(byline, allow_single=True).authors == authors


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Posted by mkovar, JSteen, Ernesto, Albert on 2019-02-15,", ["mkovar", "JSteen", "Ernesto", "Albert"]),
        ("Posted by Jane Doe and mkovar", ["Jane Doe", "mkovar"]),
        ("Posted by Politik, Sport", []),  # capitalised words that are no given names: sections, not writers
        ("By mkovar, JSteen", []),  # a bare "By" does not vouch for a list of one-word names
    ],
)
def test_a_posts_credit_line_lists_its_writers_user_names(byline, authors):
    assert parse_byline(byline, allow_single=True).authors == authors


def test_a_blog_post_meta_line_with_several_user_names():
    body = ('<div style="font-size: 11px;">Posted by mkovar, JSteen, Ernesto, Albert on 2019-02-15, '
            '<a href="/blog/">all posts</a></div>')
    assert scraper.clean(_page(body)).authors == ["mkovar", "JSteen", "Ernesto", "Albert"]
