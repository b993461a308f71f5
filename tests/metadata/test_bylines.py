"""Byline parsing: person names cleaned, organisations and UI text never become authors."""

from __future__ import annotations

import pytest

from scraper.normalize.bylines import fix_case, is_organisation, looks_like_byline, parse_byline, uninverted


@pytest.mark.parametrize(
    ("byline", "authors", "organisations"),
    [
        ("By: Micaela Burrow, Daily Caller News Foundation", ["Micaela Burrow"], ["Daily Caller News Foundation"]),
        ("By JOHN ROE, Associated Press", ["John Roe"], ["Associated Press"]),
        ("By JOHN ROE and MARY MAJOR Associated Press", ["John Roe", "Mary Major"], ["Associated Press"]),
        ("By Alice Moreno, Ben Okafor and Chen Wei", ["Alice Moreno", "Ben Okafor", "Chen Wei"], []),
        ("Written by Luis Ortega | Staff Writer", ["Luis Ortega"], []),
        ("Jane Doe, Senior Correspondent", ["Jane Doe"], []),
        ("By Sam Lee | Updated March 4, 2024, 5:01 PM", ["Sam Lee"], []),
        ("By Jane Doe jane.doe@example.com @janedoe", ["Jane Doe"], []),
        ("Von Benjamin Fischer und Marcus Theurer", ["Benjamin Fischer", "Marcus Theurer"], []),
        ("View all posts by Daniel Lemire", ["Daniel Lemire"], []),
        ("Perry Bacon Jr.", ["Perry Bacon Jr."], []),
    ],
)
def test_byline_names_and_organisations(byline, authors, organisations):
    parsed = parse_byline(byline)
    assert parsed.authors == authors
    assert parsed.organisations == organisations


def test_all_caps_names_keep_every_letter():
    assert parse_byline("By ABBY GOODNOUGH").authors == ["Abby Goodnough"]
    assert fix_case("DEREK McALLISTER") == "Derek McAllister"
    assert fix_case("SEAN O'NEILL") == "Sean O'Neill"
    assert fix_case("Chokri Gharbi") == "Chokri Gharbi"


@pytest.mark.parametrize("text", ["Email the author", "Follow", "By Staff", "Staff Report", "Editorial Board"])
def test_ui_text_and_placeholders_name_nobody(text):
    assert parse_byline(text).authors == []


def test_single_word_names_only_from_structured_fields():
    assert parse_byline("Heiko", allow_single=True).authors == ["Heiko"]
    assert parse_byline("karstenruppert", allow_single=True).authors == ["karstenruppert"]
    assert parse_byline("By Heiko").authors == []  # a line of text needs a full name
    # several parts: single words are places or labels, not people
    assert parse_byline("hessenschau.de, Frankfurt, Germany", allow_single=True).authors == []


@pytest.mark.parametrize(
    "name",
    ["Reuters", "The Associated Press", "Daily Caller News Foundation", "IT Finanzmagazin", "jungefreiheit.de",
     "Frankfurter Allgemeine Zeitung GmbH", "Tribune Content Agency", "Oberösterreichische Nachrichten"],
)
def test_organisations_by_general_shape(name):
    assert is_organisation(name)


@pytest.mark.parametrize("name", ["Micaela Burrow", "Abby Goodnough", "Alexa von Heyden", "Joe S."])
def test_people_are_not_organisations(name):
    assert not is_organisation(name)


def test_sentence_is_not_a_byline():
    assert not looks_like_byline("By the end of the week, officials said the bridge would reopen to traffic.")
    assert looks_like_byline("By Jane Doe and John Roe")


def test_date_and_time_tails_are_stripped_repeatedly():
    assert parse_byline("Jörn Mecher am 12.03.2021 um 10:00").authors == ["Jörn Mecher"]
    assert parse_byline("Bo2man am", allow_single=True).authors == ["Bo2man"]


def test_a_role_in_parentheses_is_dropped_but_an_agency_is_kept():
    assert parse_byline("Eberhard Fuhr (Pressesprecher des EJW)").authors == ["Eberhard Fuhr"]
    assert "AP" in parse_byline("Jane Doe, (AP)").organisations


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Von Jane Doe, Fotos: John Roe", ["Jane Doe"]),
        ("Text: Jane Doe | Photos by John Roe", ["Jane Doe"]),
        ("Autor Jane Doe: EN Übersetzung John Roe", ["Jane Doe"]),
        ("Por Juana Pérez; traducción: Juan Roe", ["Juana Pérez"]),
        ("Text & Fotos: Jane Doe", ["Jane Doe"]),  # the writer took the photos too
        ("Foto: John Roe", []),  # a photo credit alone names no writer
        ("Revised Edition Edited by Adrian Parr", []),  # no name ends before the label
    ],
)
def test_other_roles_credits_end_the_writers(byline, authors):
    assert parse_byline(byline).authors == authors


def test_a_role_word_that_leaves_no_full_name_is_part_of_a_pen_name():
    assert parse_byline("Rasender Reporter").authors == ["Rasender Reporter"]
    assert parse_byline("Jane Doe Reporter").authors == ["Jane Doe"]


@pytest.mark.parametrize(("value", "name"), [
    ("Doe, Jane", "Jane Doe"),
    ("Anderson, Michael L.", "Michael L. Anderson"),
    ("Doe, J. R.", "J. R. Doe"),
    ("Jane Doe, John Roe", "Jane Doe, John Roe"),  # two people
    ("Berlin, Germany", "Berlin, Germany"),  # a place
    ("Smith, Reuters", "Smith, Reuters"),
])
def test_a_surname_first_tag_is_read_as_one_name(value, name):
    assert uninverted(value) == name


def test_a_feed_style_email_with_the_name_in_parentheses():
    assert parse_byline("jane.doe@example.com (Jane Doe)").authors == ["Jane Doe"]
    assert parse_byline("Jane Doe (Pressesprecherin)").authors == ["Jane Doe"]


@pytest.mark.parametrize("text", ["Letters To The Editor", "Tips For Parents", "News And Notes"])
def test_a_title_cased_phrase_is_no_name(text):
    assert parse_byline(text).authors == []
    assert parse_byline(text, allow_single=True).authors == []


def test_a_name_written_twice_in_one_element_is_one_name():
    assert parse_byline("Kristen Falc'hon Kristen Falc'hon", allow_single=True).authors == ["Kristen Falc'hon"]
    assert parse_byline("Jane Doe John Roe").authors == ["Jane Doe John Roe"]  # not a repeat


@pytest.mark.parametrize("name", ["CDU Fraktion Erfurt", "Feuerwehr Oldenburg", "Auswärtiges Amt", "Baran Entertainment"])
def test_public_bodies_and_companies_by_their_words(name):
    assert is_organisation(name)


def test_the_person_an_interview_is_with_is_not_its_author():
    assert parse_byline("Ein Interview von Eugen Zentner mit Sonja Silberhorn.").authors == ["Eugen Zentner"]
    assert parse_byline("Interview by Jane Doe with John Roe").authors == ["Jane Doe"]
    assert parse_byline("By Jane Doe with John Roe").authors == ["Jane Doe", "John Roe"]  # shared reporting


def test_a_place_or_unit_ending_a_byline_is_no_writer():
    assert parse_byline("By Nada Tawfik, BBC News, New York").authors == ["Nada Tawfik"]
    assert parse_byline("Marek Świerczyński, Polityka Insight").authors == ["Marek Świerczyński"]
    assert parse_byline("By Jane Doe and Xochitl Quetzal").authors == ["Jane Doe", "Xochitl Quetzal"]  # joined: a writer


def test_an_organisation_in_parentheses_is_a_part_of_its_own():
    parsed = parse_byline("Von Jane Doe (dpa)")
    assert parsed.authors == ["Jane Doe"] and parsed.organisations == ["dpa"]


@pytest.mark.parametrize("byline", [
    "Written by Jane Doe — Medically reviewed by John Roe, MD",
    "Medically reviewed by John Roe, MD — Written by Jane Doe",
    "By Jane Doe | Fact checked by John Roe",
])
def test_a_reviewer_is_not_a_writer(byline):
    assert parse_byline(byline).authors == ["Jane Doe"]


@pytest.mark.parametrize(("byline", "authors", "organisations"), [
    ("Av Kari Nordmann, NTB", ["Kari Nordmann"], ["NTB"]),
    ("Door Jan Jansen - ANP", ["Jan Jansen"], ["ANP"]),
    ("Par Marie Dupont avec AFP", ["Marie Dupont"], ["AFP"]),
    ("Napisał Jan Kowalski", ["Jan Kowalski"], []),
    ("AP Photo/John Roe", ["John Roe"], ["AP Photo"]),
    ("Interview mit Schriftstellerin Sonja Silberhorn", [], []),  # the person interviewed
])
def test_more_languages_agencies_and_credits(byline, authors, organisations):
    parsed = parse_byline(byline)
    assert parsed.authors == authors and parsed.organisations == organisations


@pytest.mark.parametrize(("byline", "authors"), [
    ("By by JANE DOE, JOHN ROE and MAX MUSTER", ["Jane Doe", "John Roe", "Max Muster"]),  # a label, then the line's lead
    ("Jane Doe Follow Aug 8, 2016 · 7 min read", ["Jane Doe"]),  # a button before the date
    ("By Jane Doe Follow @janedoe", ["Jane Doe"]),
    ("Jane Doe Monday, February 29, 2016 @ 11:10 PM UTC", ["Jane Doe"]),  # a weekday opens the date
    ("By Jane Roe-Smith, December 16th 2016", ["Jane Roe-Smith"]),  # an ordinal day
    ("October 14, 2009|Jane Doe", ["Jane Doe"]),  # a date with a month name before the name
    ("January 17, 2017 at 6:08 PM ET by Jane Doe", ["Jane Doe"]),
    ("Jane deRoe | Contributing Writer | 5 days ago", ["Jane deRoe"]),  # a particle written together
    ("Written by Jane Doe in Gadgets on 1 June 2019", ["Jane Doe"]),  # the category the post is filed in
    ("Jane Doe (avec John Roe et Max Muster)", ["Jane Doe", "John Roe", "Max Muster"]),  # co-writers in parentheses
    ("Jane Doe Former Deputy Director, Office of Digital Outreach", ["Jane Doe"]),  # a qualified job title
    ("Dana A. Roe, Jim S.A. Dorey and Tom Watt", ["Dana A. Roe", "Jim S.A. Dorey", "Tom Watt"]),  # initials, no company
])
def test_byline_shapes_around_the_names(byline, authors):
    assert parse_byline(byline).authors == authors


@pytest.mark.parametrize("byline", ["Foolish Investor Staff", "Our Foreign Staff", "Sports Desk", "Reader Submissions"])
def test_a_collective_byline_names_nobody(byline):
    parsed = parse_byline(byline, allow_single=True)
    assert parsed.authors == [] and parsed.placeholders


def test_a_legal_form_makes_a_company_only_at_the_end():
    assert is_organisation("Acme S.A.") and is_organisation("Beispiel GmbH")
    assert not is_organisation("Jim S.A. Dorey")


@pytest.mark.parametrize("text", ["Pressemitteilung von Katja Muster", "Im Wortlaut von Pascal Beispiel"])
def test_a_label_before_a_byline_word_is_no_part_of_a_name(text):
    assert parse_byline(text, allow_single=True).authors == []
    assert parse_byline("Ursula von der Leyen").authors == ["Ursula von der Leyen"]
