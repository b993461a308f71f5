"""Where authors come from beyond the plain byline: roles, joiners, labels, lead words, copyright lines."""

from __future__ import annotations

import pytest

import scraper
from scraper.model import Evidence
from scraper.normalize import resolve
from scraper.normalize.bylines import is_organisation, parse_byline
from scraper.normalize.first_names import is_given_name
from scraper.normalize.html_bylines import byline_element_evidence, byline_text_evidence
from selectolax.lexbor import LexborHTMLParser


def _page(head: str, body: str, lang: str = "en", footer: str = "") -> str:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story says something long enough to be article text, with several clauses "
        f"and a full stop at the end of the sentence.</p>" for i in range(5)
    )
    return (f'<html lang="{lang}"><head>{head}</head><body><article>{body}{paragraphs}</article>'
            f'{footer}</body></html>')


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Von FOCUS-Online-Experte Robin Tschöpe", ["Robin Tschöpe"]),  # compound job title
        ("Rechtsanwalt Sebastian Einbock", ["Sebastian Einbock"]),
        ("Richard David Precht im Gespräch mit Karin Fischer", ["Richard David Precht", "Karin Fischer"]),
        ("---- by Kenneth Surin", ["Kenneth Surin"]),
        ("Interview: Julia Lauter", ["Julia Lauter"]),
        ("Interview SVEN MICHAELSEN", ["Sven Michaelsen"]),
        ("Author: Gàbor Muniér, Datum: 03.Mär.19", ["Gàbor Muniér"]),
        ("Autoren Jelko Djuren und Jutta Klaukien", ["Jelko Djuren", "Jutta Klaukien"]),
        ("Por Ana Ruiz y Luis Gómez", ["Ana Ruiz", "Luis Gómez"]),
        ("Par Marie Dupont et Jean Martin", ["Marie Dupont", "Jean Martin"]),
        ("Maria Silva e João Costa", ["Maria Silva", "João Costa"]),
        ("责任编辑： 焦鹏", ["焦鹏"]),
    ],
)
def test_roles_labels_and_joiners(byline, authors):
    assert parse_byline(byline).authors == authors


def test_a_joiner_is_a_whole_word_between_spaces():
    # "e. V." ends a German association's name; it is no "e" (and) between two people
    parsed = parse_byline("Hanns-Seidel-Stiftung e.V", allow_single=True)
    assert parsed.authors == [] and parsed.organisations == ["Hanns-Seidel-Stiftung e.V"]
    assert is_organisation("Deutscher Caritasverband e. V.")


def test_short_cjk_names_are_people_but_agencies_are_not():
    assert parse_byline("记者：张伟").authors == ["张伟"]
    assert parse_byline("新华社").authors == []


def test_known_given_names():
    assert is_given_name("Sven") and is_given_name("JÖRN") and is_given_name("Jean-Pierre")
    assert not is_given_name("TALENT") and not is_given_name("Medienreferat")


def test_explicit_lead_word_vouches_for_a_single_word_name():
    body = '<h1>Interning of small integers</h1><div class="postdata"><span>Posted by Konstantin</span></div>'
    assert scraper.clean(_page("", body)).authors == ["Konstantin"]
    # a date line alone names nobody, even with one capitalised word after it
    body = '<h1>Interning of small integers</h1><small>21.10.2019 | Python</small>'
    assert scraper.clean(_page("", body)).authors == []


def test_byline_styled_as_teaser_is_read_but_a_teaser_box_is_not():
    body = '<h1>US-Sport in Zeiten von Corona</h1><div><span class="teaser-cat"> von Andreas Kürten </span></div>'
    assert scraper.clean(_page("", body, lang="de")).authors == ["Andreas Kürten"]
    boxed = ('<h1>US-Sport in Zeiten von Corona</h1>'
             '<div class="teaser-box"><p class="meta">Von Lena Vogt</p><p>Ein anderer Artikel</p></div>')
    assert scraper.clean(_page("", boxed, lang="de")).authors == []


def test_french_authors_class():
    body = ('<h1>Turpitude et architecture</h1><div class="dates_auteurs"> par <span class="auteurs">Didier Roy</span>,'
            ' 21 juin 2018 </div>')
    assert scraper.clean(_page("", body, lang="fr")).authors == ["Didier Roy"]


def test_copyright_line_names_the_author_as_a_last_resort():
    footer = '<div id="footer"><p>Copyright (c) 2012- Gregory Szorc. All rights reserved.</p></div>'
    art = scraper.clean(_page("", "<h1>Reflections on Python 3</h1>", footer=footer), explain=True)
    assert art.authors == ["Gregory Szorc"] and art.provenance["authors"] == "html:copyright"
    # a byline anywhere outranks it
    body = '<h1>Reflections on Python 3</h1><p class="byline">By Jane Doe</p>'
    assert scraper.clean(_page("", body, footer=footer)).authors == ["Jane Doe"]


@pytest.mark.parametrize("line", [
    '<div class="footer">© 2021 TALENT Schweiz</div>',  # a company shaped like a name
    '<figure><img src="a.jpg"><figcaption>© Jens Büttner</figcaption></figure>',  # a photographer
    '<p><span class="copyright">© APA/Jens Büttner</span></p>',
])
def test_copyright_of_a_company_or_a_picture_names_nobody(line):
    assert scraper.clean(_page("", "<h1>Reflections on Python 3</h1>", footer=line)).authors == []


def test_a_user_name_is_completed_by_the_full_name_it_spells():
    evidence = [Evidence("author", "gabor_munier", "meta:article:author"),
                Evidence("byline", "Author: Gàbor Muniér, Datum: 03.Mär.19", "html:byline-text")]
    names, origin, _ = resolve.authors_from(evidence)
    assert names == ["Gàbor Muniér"] and origin == "meta:article:author"


def test_soft_hyphens_and_wordpress_category_tails():
    assert parse_byline("Von Mat\u00adthi\u00adas Lauerer").authors == ["Matthias Lauerer"]
    assert parse_byline("Posted by Nesselsetzer under", allow_single=True).authors == ["Nesselsetzer"]
    assert parse_byline("By Jane Doe filed under News").authors == ["Jane Doe"]


def test_phrases_and_initials_are_not_one_word_names():
    assert parse_byline("Tune in Tokyo", allow_single=True).authors == []
    assert parse_byline("JF", allow_single=True).authors == []
    assert parse_byline("Mobasir hassan", allow_single=True).authors == ["Mobasir hassan"]


def test_links_in_a_writers_bio_are_not_bylines():
    bio = ("<div class='author-bio'><p><b>TIM ANDERSON</b> wrote the memoir <a href='/b'>Tune in Tokyo</a>, which "
           "was published in a new edition in November 2011. He blogs a lot and plays viola in the band "
           "<a href='/s'>simpleshapes</a>. He is an editor in New York and lives in Brooklyn with his family.</p></div>")
    body = f"<h1>The loneliest woman in the world</h1><address>By <a href='/author/tanderson/'>Tim Anderson</a></address>{bio}"
    assert scraper.clean(_page("", body)).authors == ["Tim Anderson"]


def test_a_long_row_of_name_elements_is_a_list_not_a_byline():
    tags = "".join(f"<a href='/tag/{w}'>{w}</a> " for w in ["Bankster", "Dallas", "Detlev", "Freiheit", "Matrix",
                                                           "Obama", "Regierung", "Schweiz", "Terror", "Tyrannei"])
    body = f"<h1>Radio-Marathon am Wochenende</h1><div class='entry-author-meta'><span class='tags'>{tags}</span></div>"
    assert scraper.clean(_page("", body, lang="de")).authors == []


def test_copyright_naming_the_site_is_not_an_author():
    head = '<meta property="og:site_name" content="Petri Heil">'
    footer = '<div class="footer">© 2023 Petri Heil</div>'
    assert scraper.clean(_page(head, "<h1>Hechte im Winter</h1>", lang="de", footer=footer)).authors == []


def test_a_byline_by_the_headline_overrules_an_author_tag_the_page_never_shows():
    head = '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Kathleen Ditton"}}</script>'
    body = "<h1>Crash closes the highway</h1><div class='meta'>By Jessica Holly, Gail Levy, 7 News WSVN</div>"
    art = scraper.clean(_page(head, body), explain=True)
    assert art.authors == ["Jessica Holly", "Gail Levy"] and art.provenance["authors"] == "html:byline-text"
    shown = body + "<span class='author'>Kathleen Ditton</span>"
    assert scraper.clean(_page(head, shown)).authors == ["Kathleen Ditton"]


def test_a_signature_ends_the_article():
    paragraphs = "".join(f"<p>Absatz {i} erzählt lang genug von dem Buch, damit er als Teil des Artikels zählt, "
                         f"mit einem Punkt am Ende.</p>" for i in range(5))
    html = (f"<html lang='de'><body><article><h1>Buch der Woche</h1>{paragraphs}"
            "<p class='clearfix'><strong>Marina Mucha</strong></p></article></body></html>")
    art = scraper.clean(html, explain=True)
    assert art.authors == ["Marina Mucha"] and art.provenance["authors"] == "html:byline-end"


def test_a_closing_subheading_is_no_signature():
    paragraphs = "".join(f"<p>Absatz {i} erzählt lang genug von dem Neubau, damit er als Teil des Artikels zählt, "
                         f"mit einem Punkt am Ende.</p>" for i in range(5))
    html = (f"<html lang='de'><body><article><h1>Neubau beschlossen</h1>{paragraphs}"
            "<p><strong>Im Einzelnen</strong></p></article></body></html>")
    assert scraper.clean(html).authors == []


@pytest.mark.parametrize(("line", "authors"), [
    ("<span>von zahlenzauberin</span>", ["zahlenzauberin"]),  # a user name after "von"
    ("<span>von Dienstag bis Freitag</span>", []),  # "von" as a preposition
    ("<small>04.02.2022 | Aktuelle Meldung</small>", []),  # a date line names only a given name
    ("<small>04.02.2022 | Uta Helkenberg</small>", ["Uta Helkenberg"]),
])
def test_what_a_lead_word_vouches_for(line, authors):
    body = f"<h1>Ferien am See mit der Familie</h1><div>{line}</div>"
    assert scraper.clean(_page("", body, lang="de")).authors == authors


def test_a_title_after_the_name_and_company_suffixes():
    assert parse_byline("Kazım TÜRKMEN DITIB-Bundesvorsitzender").authors == ["Kazım TÜRKMEN"]
    assert parse_byline("Jane Doe-Leiter").authors == ["Jane Doe-Leiter"]  # a double surname stays
    assert is_organisation("Agora SA")


def test_description_opening_with_a_byline_names_the_writers():
    head = ('<meta property="og:site_name" content="Google Online Security Blog">'
            '<meta property="og:description" content="Posted by Nathan Parker, Varun Khaneja and Kiran C Nair - '
            'Chrome Safe Browsing team   Over the past few years we have seen threats">')
    body = "<h1>Enhanced protection</h1><a rel='author' href='/profile'>Google</a>"
    art = scraper.clean(_page(head, body), explain=True)
    assert art.authors == ["Nathan Parker", "Varun Khaneja", "Kiran C Nair"]
    assert art.provenance["authors"] == "meta:description-byline"
    plain = '<meta name="description" content="By the end of the week the bridge will reopen.">'
    assert scraper.clean(_page(plain, "<h1>Bridge</h1>")).authors == []


def test_forum_thread_starter_label_names_the_poster():
    body = ('<div class="p-title"><h1>Jede Nacht verliert Pepe soviel Dreck</h1></div><div class="p-description"><ul>'
            '<li><span class="u-srOnly">Themenstarter</span> <span class="username">Pepemaus</span></li></ul></div>')
    assert scraper.clean(_page("", body, lang="de")).authors == ["Pepemaus"]
    dated = ('<h1>Blockhaus am See</h1><div><span class="label">von</span> <span>Mi</span></div>')
    assert scraper.clean(_page("", dated, lang="de")).authors == []


def test_a_job_description_after_the_name_goes():
    assert parse_byline("Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien.").authors == ["Uta Staschewski"]
    assert parse_byline("Jane Doe, Head of Research at ACME").authors == ["Jane Doe"]
    assert parse_byline("Martin Leiter").authors == ["Martin Leiter"]


def test_the_storys_own_sidebar_is_not_a_site_sidebar():
    body = ('<h1>New robot samples blood</h1><div class="article-sidebar"><p class="byline">By Todd Bates</p></div>')
    assert scraper.clean(_page("", body)).authors == ["Todd Bates"]
    site = '<h1>New robot samples blood</h1><div class="sidebar"><p class="byline">By Todd Bates</p></div>'
    assert byline_text_evidence(LexborHTMLParser(_page("", site))) == []
    assert byline_text_evidence(LexborHTMLParser(_page("", body)))[0].value == "By Todd Bates"


def test_a_byline_column_beside_the_headline_column():
    head_col = "<div class='col-8'><div><div><div><div><div><h1>Tomaten richtig schneiden</h1></div></div></div></div></div></div>"
    user_col = ("<div class='col-4'><div class='userbox'><span>von <a href='/user/Marianne1.html'>Marianne1</a>"
                "<br> am 20.09.2020</span></div></div>")
    page = f"<html lang='de'><body><main><div class='row'>{head_col}{user_col}</div></main></body></html>"
    assert byline_text_evidence(LexborHTMLParser(page))[0].value.startswith("von Marianne1")
    footer = ("<div class='row'>" + head_col + "<div class='col-4'><span>Theme: <a>ColorMag</a> von ThemeGrill. "
              "Bereitgestellt von <a>WordPress</a>.</span></div></div>")
    assert byline_text_evidence(LexborHTMLParser(f"<html><body><main>{footer}</main></body></html>")) == []


@pytest.mark.parametrize("footer", [
    '<div id="credits"><p><small>(<a href="/license">Creative Commons-Lizenz</a>) 2006-2008 by Martin Weber</small></p></div>',
    '<p><span>Ein Hundetagebuch</span> von <a href="/" rel="cc:attributionURL">Donald Townsend</a> steht unter einer'
    ' <a rel="license" href="http://creativecommons.org/licenses/by/3.0/">Creative Commons Lizenz</a></p>',
])
def test_a_licence_notice_names_the_holder_as_a_last_resort(footer):
    art = scraper.clean(_page("", "<h1>Was ist virales Marketing?</h1>", lang="de", footer=footer), explain=True)
    assert len(art.authors) == 1 and art.provenance["authors"] == "html:copyright"


def test_a_licence_notice_naming_a_site_names_nobody():
    footer = '<p><a rel="cc:attributionURL" href="/">Ein Hundetagebuch</a> steht unter einer Creative Commons Lizenz</p>'
    assert scraper.clean(_page("", "<h1>Nach langer Zeit</h1>", lang="de", footer=footer)).authors == []


@pytest.mark.parametrize(("line", "authors"), [
    ("<p><strong>Eine Kolumne von Nils Pickert</strong></p>", ["Nils Pickert"]),
    ("<p>A guest post by Jane Doe</p>", ["Jane Doe"]),
    ("<p>Un reportage par Marie Dupont</p>", ["Marie Dupont"]),
    ("<p>Eine Reise von Berlin nach Paris</p>", []),  # "von" as a preposition
])
def test_the_kind_of_piece_before_the_byline_word(line, authors):
    assert scraper.clean(_page("", f"<h1>Das Patriarchat als Kulturtechnik</h1>{line}")).authors == authors


def test_a_one_word_author_is_completed_by_a_genre_byline():
    head = '<meta name="author" content="Nils">'
    body = "<h1>Das Patriarchat als Kulturtechnik</h1><p><strong>Eine Kolumne von Nils Pickert</strong></p>"
    assert scraper.clean(_page(head, body, lang="de")).authors == ["Nils Pickert"]


@pytest.mark.parametrize("embed", [
    '<blockquote class="instagram-media"><p><a href="https://www.instagram.com/p/x/">A post shared by Adam Ondra'
    ' (@adam.ondra)</a></p></blockquote>',
    '<ul><li><a class="twitter-timeline lazyload" href="https://twitter.com/x/lists/y">A Twitter List by Jane Doe</a>'
    '</li></ul>',
])
def test_an_embedded_social_post_credits_its_poster_not_the_writer(embed):
    assert scraper.clean(_page("", f"<h1>Mammut nimmt Adam Ondra unter Vertrag</h1>{embed}")).authors == []


def test_a_press_releases_contact_person_is_the_last_resort():
    footer = ('<p><strong>Pressekontakt</strong><br>Dr. Malte Ostergaard<br>Pressesprecher Beispiel AG<br>'
              'Tel.: 0211 77900 363</p>')
    art = scraper.clean(_page("", "<h1>Umfrage zur Strompreisbremse</h1>", lang="de", footer=footer), explain=True)
    assert art.authors == ["Malte Ostergaard"] and art.provenance["authors"] == "html:contact"  # no academic title
    box = ('<div class="cb-layout-Ansprechpartner"><ul><li><a href="/x"><strong>Alexandra Weber </strong></a>'
           '<div>Stellvertretende Pressesprecherin</div></li></ul></div>')
    assert scraper.clean(_page("", "<h1>Trauern digital</h1>", lang="de", footer=box)).authors == ["Alexandra Weber"]
    # any byline outranks it
    body = '<h1>Umfrage zur Strompreisbremse</h1><p class="byline">Von Jane Doe</p>'
    assert scraper.clean(_page("", body, lang="de", footer=footer)).authors == ["Jane Doe"]


def test_a_menu_link_to_the_contact_page_is_no_contact_label():
    menu = ('<nav><ul><li><a href="/presse/pressekontakt">Pressekontakt</a></li></ul></nav>'
            '<div><ul><li><strong>Alle Meldungen</strong></li></ul></div>')
    assert scraper.clean(_page("", "<h1>Bundeskabinett legt Bericht vor</h1>", lang="de", footer=menu)).authors == []


def test_a_byline_word_in_the_bodys_class_is_a_page_state_not_a_byline():
    html = ('<html><body class="single single-author"><article><h2 class="entry-title"><a href="/p" rel="bookmark">'
            'NWO PSYOP Radio Marathon</a></h2><p>Veröffentlicht am <a href="/p">Juli 9, 2016</a></p>'
            + "".join(f"<p>Paragraph {i} of the story says something long enough to be article text, with several"
                      " clauses and a full stop.</p>" for i in range(5)) + "</article></body></html>")
    assert scraper.clean(html).authors == []


def test_the_outlets_name_after_a_full_name_goes():
    evidence = [Evidence("outlet", "PhillyVoice", "meta:og:site_name"),
                Evidence("byline", "By Adam Aaronson PhillyVoice Staff", "html:byline-element:4")]
    assert resolve.authors_from(evidence)[0] == ["Adam Aaronson"]


def test_a_byline_line_ends_at_its_line_break():
    body = ('<h1>Streit ums Feuerholz</h1><div class="entry-content"><p>Von <strong><a href="/rb">Roland Brockmann</a>'
            '</strong> und <strong>Sebastian Drescher</strong><br><span id="more-788"></span><br>Kakuma /Kenia</p></div>')
    assert scraper.clean(_page("", body, lang="de")).authors == ["Roland Brockmann", "Sebastian Drescher"]
    label = '<h1>Streit ums Feuerholz</h1><p class="meta">Von<br>Roland Brockmann</p>'
    assert scraper.clean(_page("", label, lang="de")).authors == ["Roland Brockmann"]


def test_a_byline_that_credits_only_a_wire_or_desk_names_nobody_further_down():
    body = '<h1>Microsoft moves to erase its carbon footprint</h1><div class="entry-details byline">Reuters</div>'
    footer = '<div class="photo-authorship"><a href="/photographers/mike-blake">Mike Blake</a></div>'
    evidence = byline_element_evidence(LexborHTMLParser(_page("", body, footer=footer)))
    assert evidence == []
    art = scraper.clean(_page("", body, footer=footer))
    assert art.authors == [] and art.syndication == "Reuters"


@pytest.mark.parametrize("person", [
    '{"@type":"Person","givenName":"Jane","familyName":"Doe"}',
    '{"@type":"Person","name":"Jane","givenName":"Jane","familyName":"Doe"}',
])
def test_json_ld_given_and_family_names_make_the_full_name(person):
    head = f'<script type="application/ld+json">{{"@type":"NewsArticle","author":{person}}}</script>'
    assert scraper.clean(_page(head, "<h1>Head line</h1>")).authors == ["Jane Doe"]


@pytest.mark.parametrize(("closing", "authors"), [
    ("<p>Viel Glück!</p><p>Euer HansEhrlich</p>", ["HansEhrlich"]),
    ("<p>Liebe Grüße, Jane</p>", ["Jane"]),
    ("<p>Ihre Meinung</p>", []),  # a heading, not a signature
    ("<p>Yours truly</p>", []),
])
def test_a_sign_off_vouches_for_the_name_after_it(closing, authors):
    paragraphs = "".join(f"<p>Paragraph {i} of the post says something long enough to be article text, with several "
                         f"clauses and a full stop at the end.</p>" for i in range(4))
    html = f'<html lang="de"><body><h1>Gratis Kekse</h1><div class="post">{paragraphs}{closing}</div></body></html>'
    assert scraper.clean(html).authors == authors


def test_a_personal_sites_owner_named_as_the_site_is_the_last_resort():
    head = ('<meta property="og:site_name" content="Dr. Jonas Feldmann">'
            '<link rel="canonical" href="https://www.jonas-feldmann.net/zeitphilosophie/">')
    art = scraper.clean(_page(head, "<h1>Zeitphilosophie</h1>", lang="de"), explain=True)
    # the owner is the author, without the academic title the site's name carries (authors carry no titles)
    assert art.authors == ["Jonas Feldmann"] and art.provenance["authors"] == "site:owner"
    other = head.replace("jonas-feldmann.net", "zeitphilosophie.net")  # the host does not spell the name
    assert scraper.clean(_page(other, "<h1>Zeitphilosophie</h1>", lang="de")).authors == []
    school = ('<meta property="og:site_name" content="Siegfried Marcus Berufsschule">'
              '<link rel="canonical" href="https://www.siegfried-marcus-berufsschule.at/kft/">')
    assert scraper.clean(_page(school, "<h1>Lehrberufe</h1>", lang="de")).authors == []


@pytest.mark.parametrize(
    "markup",
    [
        '<div class="Post-Author">Jane Doe</div>',  # any case
        '<span class="meta AUTOR">Jane Doe</span>',
        '<p class="story-byline-text">By <a href="/author/jane-doe">Jane Doe</a></p>',
        '<span itemprop="Author"><span itemprop="name">Jane Doe</span></span>',
        '<div class="vcard"><span class="fn">Jane Doe</span></div>',
        '<!-- quirks mode --><div class="AUTHOR-NAME">Jane Doe</div>',
        '<a rel="Author" href="/Autoren/jane-doe">Jane Doe</a>',
    ],
)
def test_the_selector_gate_skips_only_selectors_that_find_nothing(markup):
    from scraper.normalize.html_bylines import _can_match, byline_selectors

    data = byline_selectors()
    for doctype in ("<!DOCTYPE html>", ""):
        tree = LexborHTMLParser(f"{doctype}<html><body>{markup}</body></html>")
        met: dict = {}
        for rank, selector in enumerate(data.selectors):
            if tree.css(selector):
                assert _can_match(tree, data.gate, rank, met), selector


def test_a_byline_label_takes_the_whole_line_of_names():
    body = ("<h1>Storm closes the harbour</h1><p class='meta'><span class='prefix'>By </span>"
            "<span itemprop='name'><a href='/by/jane-doe'>Jane Doe</a>, </span>"
            "<span itemprop='name'><a href='/by/john-roe'>John Roe</a></span> and "
            "<span class='last-byline' itemprop='name'><a href='/by/max-muster'>Max Muster</a></span></p>")
    assert scraper.clean(_page("", body)).authors == ["Jane Doe", "John Roe", "Max Muster"]


def test_byline_classes_in_any_case_and_the_autor_stem():
    camel = "<h1>Storm closes the harbour</h1><div class='css-x1-Byline'><span>Jane Doe</span></div>"
    assert scraper.clean(_page("", camel)).authors == ["Jane Doe"]
    line = "<h1>Sturm schließt den Hafen</h1><p class='autorenzeile'>Von Jana Muster und Max Beispiel, NDR</p>"
    assert scraper.clean(_page("", line, lang="de")).authors == ["Jana Muster", "Max Beispiel"]


def test_a_lone_capitalised_word_under_an_author_class_is_a_label():
    teasers = ("<h1>Sturm schließt den Hafen</h1><ul class='kontext'>"
               "<li><a href='/a'>Ein anderer Beitrag</a><div class='kontext-autor'>Nachricht</div></li></ul>")
    assert scraper.clean(_page("", teasers, lang="de")).authors == []
    named = "<h1>Sturm schließt den Hafen</h1><div class='post-autor'>Heiko</div>"
    assert scraper.clean(_page("", named, lang="de")).authors == ["Heiko"]


def test_a_profile_url_names_the_writer_only_when_the_page_shows_that_name():
    head = '<meta property="article:author" content="https://www.example.com/contributors/jane-quill-doe.html">'
    shown = "<h1>Storm closes the harbour</h1><div class='top'><a href='/contributors/jane-quill-doe.html'>Jane Quill Doe</a></div>"
    assert scraper.clean(_page(head, shown)).authors == ["Jane Quill Doe"]
    handle = '<meta property="article:author" content="https://www.example.com/author/janedoe">'
    assert scraper.clean(_page(handle, "<h1>Storm closes the harbour</h1>")).authors == []
    hidden = '<meta property="article:author" content="https://www.example.com/author/jane-doe">'
    assert scraper.clean(_page(hidden, "<h1>Storm closes the harbour</h1>")).authors == []


def test_a_how_to_or_recipe_in_json_ld_names_its_author():
    # a how-to page declares no article, only the HowTo its author wrote; its name is no headline
    head = ('<script type="application/ld+json">{"@type":"HowTo","name":"Sew a round tablecloth",'
            '"author":{"@type":"Person","name":"Mara Lindqvist"}}</script>')
    art = scraper.clean(_page(head, "<h1>How to sew a round tablecloth in seven steps</h1>"), explain=True)
    assert art.authors == ["Mara Lindqvist"] and art.provenance["authors"] == "json-ld:author"
    recipe = ('<meta property="og:site_name" content="Kitchen Almanac">'
              '<link rel="canonical" href="https://kitchenalmanac.example/porridge/">'
              '<script type="application/ld+json">{"@type":"Recipe","name":"Oat porridge",'
              '"author":"Kitchen Almanac"}</script>')
    assert scraper.clean(_page(recipe, "<h1>Oat porridge with apple</h1>")).authors == []  # the site, nobody


@pytest.mark.parametrize(("handle", "authors"), [
    ("mara.lindqvist", ["Mara Lindqvist"]),
    ("tobias_keller-ost", ["Tobias Keller-Ost"]),
    ("kitchenteam.north", ["kitchenteam.north"]),  # no given name opens it: kept as the page wrote it
])
def test_a_login_that_spells_a_given_and_family_name_is_that_name(handle, authors):
    evidence = [Evidence("author", handle, "json-ld:author")]
    assert resolve.authors_from(evidence)[0] == authors


def test_a_blog_hosts_site_label_names_the_owner_but_never_the_outlet():
    label = '<meta name="msapplication-tooltip" content="{}">'
    canonical = '<link rel="canonical" href="https://jonasfeldmann.blogs.example/2024/zeit/">'
    art = scraper.clean(_page(label.format("Jonas Feldmann") + canonical, "<h1>Zeit</h1>", lang="de"), explain=True)
    assert art.authors == ["Jonas Feldmann"] and art.provenance["authors"] == "site:owner"
    tagline = scraper.clean(_page(label.format("Notes on time and coffee") + canonical, "<h1>Zeit</h1>", lang="de"))
    assert tagline.authors == [] and tagline.outlet != "Notes on time and coffee"


def test_breadcrumbs_in_an_author_box_name_sections_not_people():
    box = ('<div class="article-author vcard"><div class="article-author-text">von <address class="author">'
           '<a class="url fn n" rel="author" href="/imprint.html">motorblatt.example Redaktion</a></address></div>'
           '<ul class="article-breadcrumbs" itemscope itemtype="http://schema.org/BreadcrumbList">in Rubrik: '
           '<li itemprop="itemListElement"><a itemprop="item" href="/Lumera.html"><span itemprop="name">Lumera</span></a></li>'
           '<li itemprop="itemListElement"><a itemprop="item" href="/Lumera/Tests.html">'
           '<span itemprop="name">Lumera Tests</span></a></li></ul></div>')
    assert scraper.clean(_page("", "<h1>Lumera Vesta im Test</h1>" + box, lang="de")).authors == []
    named = box.replace("motorblatt.example Redaktion", "Jana Ostermann")
    assert scraper.clean(_page("", "<h1>Lumera Vesta im Test</h1>" + named, lang="de")).authors == ["Jana Ostermann"]
