"""The title: site names, taglines and kickers that declared titles and headings carry are cut off."""

from __future__ import annotations

import pytest

import scraper
from scraper.model import Evidence
from scraper.normalize import titles

STORY = "<p>" + "Der Gemeinderat hat am Abend lange über den neuen Haushalt beraten. " * 6 + "</p>"


def _page(head: str, body: str, lang: str = "de") -> str:
    return f'<html lang="{lang}"><head>{head}</head><body><main>{body}{STORY}</main></body></html>'


def _names(host: str, *outlets: str) -> titles.SiteNames:
    evidence = [Evidence("outlet", host, "url:domain")] + [Evidence("outlet", o, "meta:og:site_name") for o in outlets]
    return titles.site_names(evidence)


# --- Declared titles: the parts that name the site ---

@pytest.mark.parametrize(("title", "names", "want"), [
    # the site's name at the end, as the host spells it or as the site declares it
    ("Neue Brücke eröffnet - Die Abendpost", _names("abendpost.example"), "Neue Brücke eröffnet"),
    ("Neue Brücke eröffnet - Abendpost e.V. - Nachrichten aus der Region", _names("abendpost.example"),
     "Neue Brücke eröffnet"),  # with the tagline after it
    ("Neue Brücke eröffnet | abendpost.example | Dein Magazin am Abend", _names("abendpost.example"),
     "Neue Brücke eröffnet"),  # the host's name in the middle, a tagline after it
    ("Faire Preise - Verband der Kleinbauern Nord (VKN) - VKN", _names("vkn.example", "Verband der Kleinbauern Nord"),
     "Faire Preise"),
    ("Faire Preise » ☆☆☆ - Abendpost", _names("abendpost.example"), "Faire Preise"),  # a part with no letters
    ("Segelkurs für Anfänger - Segelschule - Kurse und Reparatur in Kiel", _names("segelschule-kiel.example"),
     "Segelkurs für Anfänger"),  # a long word of a hyphenated host
    # at the start: a blog's name before the post's headline
    ("Jana Beispiel's Notebook | Reflections on Moving a Project to Python 3", _names("janabeispiel.example"),
     "Reflections on Moving a Project to Python 3"),
    ("Kuchenrezepte : Kuchen Grundrezept", _names("kuchenrezepte.example"), "Kuchen Grundrezept"),
    ("abendpost.example // » Ein Porträt", _names("abendpost.example"), "Ein Porträt"),
    ("ABENDPOST EASY|子どもの法律ができる", _names("news.example", "ABENDPOST EASY"), "子どもの法律ができる"),
])
def test_parts_naming_the_site_are_cut(title, names, want):
    assert titles.clean_title(title, names) == want


@pytest.mark.parametrize(("title", "names"), [
    # a headline starting with the word the host is named after is kept whole
    ("Berlin startet Impfkampagne - Senat", _names("berlin.example")),
    # a long product name that starts with the company's name is no site name
    ("Run Windows on Mac - Exampleware Desktop 15 Virtual Machine for Mac", _names("exampleware.example", "Exampleware")),
    # a spaced colon inside a French headline cuts nothing but a site name
    ("Coronavirus : le point sur la situation", _names("gazette.example", "La Gazette")),
])
def test_headlines_that_only_look_like_a_site_name_stay_whole(title, names):
    assert titles.clean_title(title, names) == title


def test_og_title_with_the_site_name_that_only_the_host_gives():
    head = ('<title>Wasserstand sinkt weiter - Die Abendpost</title>'
            '<meta property="og:title" content="Wasserstand sinkt weiter - Die Abendpost">')
    art = scraper.clean(_page(head, "<p>Kurz notiert</p>"), url="https://www.dieabendpost.example/region/wasser")
    assert art.title == "Wasserstand sinkt weiter"


# --- Headings: a kicker or a date line in a child element ---

def test_a_kicker_in_the_headings_first_child_is_cut_when_the_rest_is_the_declared_title():
    head = '<meta property="og:title" content="Große Aufgaben für die neue Regierung">'
    body = '<h1 itemprop="headline"><small>Tunesien</small><br> Große Aufgaben für die neue Regierung</h1>'
    art = scraper.clean(_page(head, body), explain=True)
    assert art.title == "Große Aufgaben für die neue Regierung"
    assert art.provenance["title"] == "html:h1"


def test_a_kicker_set_apart_in_the_heading_goes_even_when_declared_titles_join_it_with_a_dash():
    body = '<h1><span class="subtitle">Olympische Spiele</span> Getränke per Schiff ins Stadion</h1>'
    for head in ('<title>Olympische Spiele - Getränke per Schiff ins Stadion - Handelsblick</title>',
                 '<meta property="og:title" content="Olympische Spiele - Getränke per Schiff ins Stadion">'):
        assert scraper.clean(_page(head, body)).title == "Getränke per Schiff ins Stadion"


def test_a_heading_declared_whole_keeps_its_first_words():
    head = '<meta property="og:title" content="Editor’s Letter: Goodbye and Hello">'
    body = '<h1><span class="kicker">Editor’s Letter:</span> Goodbye and Hello</h1>'
    assert scraper.clean(_page(head, body, "en")).title == "Editor’s Letter: Goodbye and Hello"


def test_a_subtitle_the_heading_runs_on_into_stays_but_a_date_line_goes():
    head = '<meta property="og:title" content="Schneesport mit Rücksicht auf Wildtiere">'
    body = '<h1>Schneesport mit Rücksicht auf Wildtiere <span>Tipps für einen naturverträglichen Winter</span></h1>'
    assert scraper.clean(_page(head, body)).title == \
        "Schneesport mit Rücksicht auf Wildtiere Tipps für einen naturverträglichen Winter"
    head = '<title>Zuschauer kehren zurück</title>'
    body = '<h1>Zuschauer kehren zurück<br><small><span>02.02.2022</span> • Verband, Presse</small></h1>'
    assert scraper.clean(_page(head, body)).title == "Zuschauer kehren zurück"


def test_a_site_name_set_off_in_the_headings_last_child_goes():
    head = '<meta property="og:title" content="Was wir nicht hören wollen">'
    body = '<h1 class="title">Was wir nicht hören wollen<span class="element-invisible"> | ABENDPOST.EXAMPLE</span></h1>'
    assert scraper.clean(_page(head, body)).title == "Was wir nicht hören wollen"


def test_the_heading_itself_stays_whole_for_the_text_rules():
    """The trimmed headline is separate evidence: the heading's title evidence, which the text rules
    match the page's headline block with, is unchanged."""
    head = '<meta property="og:title" content="Große Aufgaben für die neue Regierung">'
    body = '<h1><small>Tunesien</small><br> Große Aufgaben für die neue Regierung</h1>'
    from selectolax.lexbor import LexborHTMLParser

    from scraper.normalize.html_meta import html_evidence
    html = _page(head, body)
    evidence = html_evidence(LexborHTMLParser(html), None, html)
    assert [e.value for e in evidence if e.origin == "html:h1"] == [
        "Tunesien Große Aufgaben für die neue Regierung", "Große Aufgaben für die neue Regierung"]


def test_a_label_only_screen_readers_get_is_not_part_of_the_headline():
    head = '<title>Energiewende und Gesellschaft | Institut für Zukunftsfragen</title>'
    body = ('<h1 class="document-title"><div class="document-title__headline">'
            '<span class="visuallyhidden">Headline:</span> Energiewende und Gesellschaft</div></h1>')
    assert scraper.clean(_page(head, body)).title == "Energiewende und Gesellschaft"


def test_a_title_part_taken_for_the_outlet_is_not_cut_as_the_site_name():
    # The outlet guessed from the title's last part ("Ein Porträt") must not make that part the site's name.
    head = "<title>abendpost.example // » Ein Porträt</title>"
    art = scraper.clean(_page(head, "<p>Kurz</p>"), url="http://abendpost.example/portraet/")
    assert art.title == "Ein Porträt"


# --- Elements only marked as the headline ---

def test_a_marked_headline_sharing_no_word_with_the_declared_titles_is_chrome():
    head = '<title>Segelkurs für Anfänger - Segelschule Nord - Kurse und Reparatur in Kiel</title>'
    body = ('<div class="cookie"><div class="headline">Datenschutzeinstellungen</div></div>'
            '<div class="content"><p>Segelkurs</p></div>')
    art = scraper.clean(_page(head, body), url="https://www.segelschule-nord.example/kurse/anfaenger")
    assert art.title == "Segelkurs für Anfänger"


def test_a_heading_outside_the_declared_titles_stands_when_the_address_spells_it():
    # A <title> the same on every page of the site shares no word with the story's heading.
    head = "<title>Ausflüge an Rhein und Ruhr</title>"
    body = "<h1>Kettwig-Altstadt</h1>"
    art = scraper.clean(_page(head, body), url="https://www.ausfluege.example/essen/kettwig-altstadt.htm")
    assert art.title == "Kettwig-Altstadt"
    assert scraper.clean(_page(head, body), url="https://www.ausfluege.example/essen/seite7.htm").title != \
        "Kettwig-Altstadt"


# --- The <title>'s ends: the headline or the site's name ---

def test_a_title_end_another_declared_title_gives_alone_is_the_headline_not_the_site():
    head = ('<title>Zwiebeln fein hacken - Tipp mit Bild - kochwelt.example</title>'
            '<meta name="twitter:title" content="Zwiebeln fein hacken">'
            '<meta property="og:title" content="Zwiebeln fein hacken - Tipp mit Bild">')
    body = '<div class="phone"><h1>Zwiebeln fein hacken</h1></div><div class="desk"><h1>Zwiebeln fein hacken</h1></div>'
    art = scraper.clean(_page(head, body), url="https://www.kochwelt.example/tipp/77/zwiebeln.html", explain=True)
    assert art.title == "Zwiebeln fein hacken"
    assert art.provenance["title"] == "html:h1"


def test_a_title_end_is_the_headline_when_the_other_end_names_the_site():
    head = "<title>Rioja, Spanien - Weine in Berlin - Vinos Del Sur und Vinho Norte</title>"
    body = '<div class="page-header"><h1>Rioja, Spanien</h1></div>'
    art = scraper.clean(_page(head, body), url="https://www.vinosdelsur.example/wein/rioja/")
    assert art.title == "Rioja, Spanien"


def test_parts_naming_a_kind_of_page_are_cut():
    names = _names("vieranker.example", "Vier Anker")
    assert titles.clean_title("Vier Anker » Blog Archive » Small Integers in Python", names, strip_suffix=True) == \
        "Small Integers in Python"
    assert titles.clean_title("Startseite - Neue Brücke eröffnet", names) == "Neue Brücke eröffnet"
    assert titles.clean_title("Archiv", names) == "Archiv"  # nothing else: the title stays


def test_a_kicker_label_inside_the_headings_link_is_cut():
    head = "<title>Update Notes - Version 4.2 - Frühlingsfest Build | Beispielspiel Forums</title>"
    body = ('<h1 class="p-title-value"><a href="/threads/version-4-2.77/"><span class="label">Update Notes</span>'
            '<span class="label-append">&nbsp;</span>Version 4.2 - Frühlingsfest Build</a></h1>')
    assert scraper.clean(_page(head, body)).title == "Version 4.2 - Frühlingsfest Build"


def test_a_meta_title_cut_at_an_unescaped_quote_takes_the_whole_headline():
    head = ('<meta property="og:title" content="Senator nennt Rivalen "ungeeignet"" />'
            '<title>Senator nennt Rivalen "ungeeignet"</title>')
    assert scraper.clean(_page(head, "<p>Kurz</p>")).title == 'Senator nennt Rivalen "ungeeignet"'
    head = ('<meta property="og:title" content="Senator nennt Rivalen ungeeignet" />'
            '<title>Senator nennt Rivalen ungeeignet - Neue Vorwürfe</title>')
    assert scraper.clean(_page(head, "<p>Kurz</p>")).title == "Senator nennt Rivalen ungeeignet"


# --- A web archive's copy of a page ---

def test_an_archived_copy_reads_the_archived_pages_site():
    head = "<title> Kuchen Grundrezept : Kuchenrezepte</title>"
    body = ('<h1 class="logo"><a href="https://archive.example/web/20160330101229/http://kuchenrezepte.example/">'
            'Kuchenrezepte</a></h1>')
    url = "https://archive.example/web/20160330101229/http://kuchenrezepte.example/kuchen-grundrezept"
    art = scraper.clean(_page(head, body), url=url)
    assert art.title == "Kuchen Grundrezept"
    assert art.outlet != "archive.example"


def test_a_heading_only_screen_readers_get_is_not_the_headline():
    head = "<title>Riesling-Posts gewinnen</title>"
    body = '<h1 class="sr-only">Details</h1><main><h2>Riesling-Posts gewinnen</h2></main>'
    art = scraper.clean(_page(head, body), url="https://www.weinbau.example/meldungen/details/riesling-posts-gewinnen/")
    assert art.title == "Riesling-Posts gewinnen"


def test_a_heading_whose_parts_are_only_styled_stays_whole_when_declared_whole():
    head = """<meta property="og:title" content="Editor's Letter: bye Summer, hi Autumn!">"""
    body = '<h1 class="entry-title"><b>Editor’s Letter:</b><i> bye Summer, hi <b>Autumn!</b></i></h1>'
    assert scraper.clean(_page(head, body, "en")).title == "Editor’s Letter: bye Summer, hi Autumn!"


def test_a_kicker_the_heading_sets_apart_without_the_declared_titles_colon_is_cut():
    head = '<meta property="og:title" content="Klimaschutz: Bohren, bis es heiß wird">'
    body = '<h1><span class="kicker">Klimaschutz</span> <span class="title">Bohren, bis es heiß wird</span></h1>'
    assert scraper.clean(_page(head, body)).title == "Bohren, bis es heiß wird"


def test_same_wording_ignores_typography_but_not_punctuation():
    assert titles.same_wording("Editor’s Letter: Bye – Hi", "Editor's letter:  bye - hi")
    assert not titles.same_wording("Klimaschutz Bohren", "Klimaschutz: Bohren")


def test_a_cjk_titles_site_name_after_a_dash_is_cut_but_latin_hyphens_join_words():
    names = _names("xinwen.example")
    assert titles.clean_title("春天来了，城市的公园开满了花！-新闻网", names, strip_suffix=True) == "春天来了，城市的公园开满了花！"
    assert titles.clean_title("Nord-Ost-Übung in Kiel beendet", names, strip_suffix=True) == "Nord-Ost-Übung in Kiel beendet"


def test_a_heading_showing_the_titles_end_that_names_the_site_is_not_the_headline():
    head = "<title>Neue Brücke eröffnet | Abendpostblog</title>"
    body = "<h1>Abendpostblog</h1><main><h2>Neue Brücke eröffnet</h2></main>"
    art = scraper.clean(_page(head, body), url="https://www.abendpostblog.example/2021/05/neue-bruecke/")
    assert art.title == "Neue Brücke eröffnet"


def test_a_short_headline_before_a_long_site_name_in_the_title_is_the_headline():
    head = "<title>BÄR: EIN JAHR DER REKORDE | Naturpark Obere Talaue, Hochwald und Seenland</title>"
    body = "<h1><a id=\"top\"></a>BÄR: EIN JAHR DER REKORDE</h1>"
    art = scraper.clean(_page(head, body), url="http://www.naturpark.example/dettaglio.php?id=58354")
    assert art.title == "BÄR: EIN JAHR DER REKORDE"


def test_a_separator_left_dangling_at_the_end_goes():
    assert titles.clean_title("Bahnreisen Auskunft -", _names("bahn.example"), strip_suffix=True) == "Bahnreisen Auskunft"
    assert titles.clean_title("« Les salaires montent »", _names("gazette.example"), strip_suffix=True) == \
        "« Les salaires montent »"


def test_a_marked_headline_box_gives_its_heading_not_its_category_and_comment_links():
    head = "<title>Was ist virales Marketing? | Beispielblog</title>"
    body = ('<div class="post-title"><h2><a href="/2008/07/29/virales-marketing/">Was ist virales Marketing?</a></h2>'
            '<span class="post-cat"><a href="/category/medien/">Medien</a></span> '
            '<span class="mini-add-comment"><a href="#respond">Kommentieren</a></span></div>')
    assert scraper.clean(_page(head, body)).title == "Was ist virales Marketing?"
