"""Cruft rules and selectors hold on unseen pages: they name a class of chrome (in several
languages), and lines of the story that merely share a word with chrome stay."""

from __future__ import annotations

import pytest

from scraper.blocks.prune import selectors
from scraper.model import Block, BlockKind
from scraper.rules.captions import is_caption_line
from scraper.rules.engine import RuleContext, apply_rules, default_rules
from scraper.rules.tail import is_after_article, is_site_notice

BODY = [
    "The council approved the budget on Tuesday after a long debate about road repairs and the cost of new buses for the city.",
    "Officials said the plan would be reviewed next year, and that residents could comment on it at public meetings through March.",
    "Opposition members argued the tax increase would fall hardest on renters, who already spend a large share of income on housing.",
    "The mayor said the city had no other way to pay for the repairs without cutting services that many families depend on.",
    "Bus drivers welcomed the plan but warned that the new routes would need more staff than the city has budgeted for so far.",
    "A final vote on the road repairs is expected in April, after the council has heard from the transport authority and unions.",
]


def rule(name: str):
    return next(r for r in default_rules() if r.name == name)


def judge(lines: list[str]) -> list[Block]:
    blocks = [Block(t) for t in lines]
    apply_rules(blocks, RuleContext())
    return blocks


# -- selectors --------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "cuerpo-ad",           # Spanish article body named beside "ad"
    "articulo-share",
    "artikel-sidebar",
])
def test_article_wrappers_named_in_other_languages_are_not_chrome(value):
    assert not selectors().is_chrome(value, None)


@pytest.mark.parametrize("value", ["sr-only", "no-print", "hidden-print", "ad-slot", "related-posts", "comment-respond",
                                   "share-link--mobile-only", "gdpr-sr-only"])
def test_chrome_names_still_prune(value):
    assert selectors().is_chrome(value, None)


# -- pattern rules ----------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Foto: sidm / DW",
    "photo: iStock",
    "Photo by Jane Doe on Unsplash",
    "Image copyright Reuters",
    "(Image credit: Example Games)",
    "Photograph by Ed Marshall, Restoration Programme",
    "Photo d'illustration : Jean Dupont",
    "Bild anzeigen Bild schließen",
    "Foto 3 de 12",
    "Beitragsbild: Titelseite der Zeitung vom 2.4.2019, Ausriss.",
    "Featured image by Jane Doe/Example Daily.",
    "PAP/ Jan Kowalski",
    "Judy Doe/WENN.com",
])
def test_photo_credits_and_picture_controls_are_captions(line):
    assert rule("photo-caption").match(line) is not None


@pytest.mark.parametrize("line", ["Credit Cards", "Photo Editing", "Bild für Bild", "Pictures of the sky", "Foto zeigt den Täter",
                                  "Featured image editing tools", "Titelbild der Woche",
                                  "aja/PAP", "dpa/lno"])
def test_headings_starting_with_a_picture_word_are_not_credits(line):
    assert rule("photo-caption").match(line) is None


def test_picture_controls_are_typed_as_captions():
    blocks = judge([*BODY[:2], "Bild anzeigen Bild schließen", *BODY[2:]])
    assert blocks[2].removed_by == "photo-caption" and blocks[2].kind is BlockKind.CAPTION


def test_a_list_item_labelled_other_is_not_a_related_link():
    blocks = judge([*BODY[:3], "Other: 12 percent of the riders", *BODY[3:]])
    assert all(b.kept for b in blocks)
    assert rule("related-link").match("Related: Budget talks stall again") is not None
    assert rule("related-link").match("Other stories: Budget talks stall again") is not None


def test_syndication_notes_of_any_outlet_name_the_source():
    groups = rule("republication-note").match(
        "Content created by The Example Post is available without charge to any eligible news publisher.")
    assert groups == {"syndication": "The Example Post"}


def test_related_heading_over_a_teaser_box_inside_the_story_does_not_cut_it():
    teaser = ["Related", "Budget talks stall again", "New buses arrive next month"]
    story_goes_on = [p.replace("the ", "this ") for p in BODY[:3]]
    blocks = judge([*BODY, *teaser, *story_goes_on])  # 60% of the text lies above the heading
    assert blocks[len(BODY)].removed_by == "related-section"
    assert all(b.kept for b in blocks[-3:])
    # at the end, with only headlines after it, the heading still ends the article
    blocks = judge([*BODY, *teaser])
    assert [b.kept for b in blocks] == [True] * len(BODY) + [False] * 3


# -- tail cues --------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "cue"), [
    ("Will Knight is a senior writer for WIRED, covering artificial intelligence.", True),
    ("Nils Pickert ist freier Autor und Journalist.", True),
    ("Jule Radeck studierte Sportwissenschaften, bevor sie als Volontärin nach Hamburg zog.", True),
    ("Wednesday is a monumental day for the Housing Authority and its residents.", False),
    ("It was a long night for the editors of the school paper.", False),
    ("Sie studierte Physik in Leipzig und promovierte 1986.", False),
    ("2023 nichts mehr versäumen!", True),
    ("Fotos zum Download finden Sie hier.", True),
    ("Pressekontakte:", True),
    ("Media contacts", True),
])
def test_after_article_cues(line, cue):
    assert bool(is_after_article(line)) is cue


@pytest.mark.parametrize(("line", "notice"), [
    ("You are using a browser version with limited support for CSS.", True),
    ("Your browser is not supported. Please update your browser.", True),
    ("Ihr Browser ist veraltet.", True),
    ("The browser wars of the 1990s shaped the web we use today.", False),
])
def test_browser_notices_of_any_site(line, notice):
    assert bool(is_site_notice(line)) is notice


# -- text captions ----------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "caption"), [
    ("Marcell Jansen (l.) und Piotr Trochowski haben einen guten Draht.", True),
    ("Palm Springs Mini (links) vs. Palm Springs PM (rechts)", True),
    ("El ministro (izq.) saluda al presidente.", True),
    ("Wir suchen eine(n) Technische(n) Mitarbeiter(in) und eine(n) Auszubildende(r).", False),
    ("Protein 43 (g)", False),
    ("Microsoft(R) Windows is installed on most office computers in the region.", False),
    ("(Quelle: EnBW)", True),
    ("Neue Online-Seminare starten im März. (Quelle: Hume/Unsplash/DJV)", True),
    ("When the plant is actively blooming, it will tend to lose a lot of leaves. This should not concern you as "
     "they will quickly be replaced in the next growth flush, which comes soon after. [ source ]", False),
    ("Die Arbeitslosenquote stieg im Mai auf 5,9 Prozent, wie die Bundesagentur am Mittwoch mitteilte, nachdem sie "
     "im April noch bei 5,7 Prozent gelegen hatte. (Quelle: Bundesagentur für Arbeit)", False),
    # a credit label or a © credit closing the caption's last sentence
    ("The ferry leaves the harbour at dawn on its last crossing of the season. Photograph: Jane Roe/Agency", True),
    ("Die Ministerin bei der Eröffnung der neuen Halle am Montag in Kiel. Foto: Max Muster", True),
    ("Pilotinnen und Piloten trainieren künftig am neuen Simulator in Bremen. © Flugschule Nord", True),
    ("Ein Stapel Ziegel auf der Baustelle: Wer nicht sofort zahlt, vereinbart oft einen Vorbehalt. - © Name Muster", True),
    ("Kunden vergleichen Angebote im Laden, Erika Beispiel, Bild via", True),
    ("(crédito: Ana Souza/Agência)", True),
    ("Beitragsbild: Titelseite der Zeitung vom 2. April", True),
    ("The minister said the plan would work. Credit: where credit is due, he added.", False),
    ("He said he had seen the photo: it showed the harbour at night, lit by the fire.", False),
])
def test_caption_lines(line, caption):
    assert is_caption_line(line) is caption


@pytest.mark.parametrize(("line", "name"), [
    ("Updated: 5 March 2024, 10:32", "dateline-meta"),
    ("Modified today", "dateline-meta"),
    ("Veröffentlicht unter Allgemein | Hinterlasse einen Kommentar", "post-meta"),
    ("Copyright NOW Example", "copyright-notice"),
    ("Copyright © 2023 Example Media Group", "copyright-notice"),
    ("Updated guidelines were released by the ministry.", None),
    ("Published in The Lancet, the study found that coffee helps.", None),
    ("Copyright law changed in 2019 after a long fight.", None),
])
def test_sentences_opening_with_a_meta_word_stay(line, name):
    blocks = judge([*BODY[:3], line, *BODY[3:]])
    assert blocks[3].removed_by == name


@pytest.mark.parametrize(("line", "credit"), [
    ("Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock.com", "TebNad/Shutterstock.com"),
    ("Das FWR reagiert mit Entsetzen. (Symbolbild: Alex T./AdobeStock)", "Alex T./AdobeStock"),
    ("Der Toast-Test zeigt, in der Mitte ist die Hitze am größten Foto: CHIP", "CHIP"),
    ("Puerto de Montevideo. Foto: Archivo El País.", "Archivo El País"),
    ("Es ergibt sich ein klares Bild: Alle drei Parteien verlieren.", None),
    ("Die Umfragen zeichnen dasselbe Bild: Die Regierung hat ihre Mehrheit verloren.", None),
])
def test_a_credit_closing_a_caption_is_not_a_clause_after_the_word_bild(line, credit):
    groups = rule("photo-caption").match(line)
    assert (groups or {}).get("credit") == credit


@pytest.mark.parametrize(("line", "name"), [
    ("This post may contain affiliate links.", "disclosure"),
    ("Affiliate links", "disclosure"),
    ("Links mit Sternchen sind sogenannte Affiliate-Links: Wenn du darauf klickst, erhalte ich einen Anteil.", "disclosure"),
    ("Amazon cut the rates it pays for affiliate links in 2020, and many small sites lost income.", None),
])
def test_affiliate_disclosures_not_stories_about_affiliate_links(line, name):
    blocks = judge([*BODY[:3], line, *BODY[3:]])
    assert blocks[3].removed_by == name


@pytest.mark.parametrize(("line", "notice"), [
    ("Für Links auf dieser Seite erhält das Portal ggf. eine Provision vom Händler.", True),
    ("Wenn ihr über diesen Link einkauft, erhält die Redaktion vom Anbieter eine Provision.", True),
    ("Der Makler erhält eine Provision von drei Prozent des Kaufpreises.", False),
])
def test_commission_notices_name_the_links(line, notice):
    assert bool(is_site_notice(line)) is notice


@pytest.mark.parametrize(("line", "notice"), [
    # the site's shop, subscription and newsletter prompts
    ("Your cart is empty", True),
    ("Es werden die Artikel 1 bis 10 von insgesamt 24 angezeigt!", True),
    ("Like this recipe? Add the ingredients to your basket.", True),
    ("Jetzt neu! Besuchen Sie unseren Online-Shop!", True),
    ("Unabhängiger Journalismus für alle. Jederzeit kündbar.", True),
    ("Kostenlos zum Newsletter anmelden und nichts verpassen", True),
    ("Click here to get our weekly letter in your mailbox.", True),
    ("Follow Jane Roe on Twitter", True),
    # a page's counters, stamps and meta lines
    ("12 Kommentare", True),
    ("3:59 PM", True),
    ("Aufrufe: 1120 | Hinzugefügt von: Name", True),
    ("Asked 8 years, 2 months ago", True),
    ("Video verfügbar bis 28.02.2021", True),
    ("E-Mail (wird benötigt und nicht veröffentlicht)", True),
    ("Related Topics Fishing Cod Nets", True),
    ("19.6.2007 9:40 Uhr Jane Roe 71 Kommentare", True),
    ("Weiterführende Links", True),
    ("Originalpublikation", True),
    ("Alle Themen zu Garten & Balkon.", True),
    ("Redakteur in der Wirtschaft.", True),
    ("Kategorien", True),
    ("Release Date:", True),
    ("HARBOURNEWS.COM", True),
    ("NOTE: The advertising disclaimer below does not apply to this article.", True),
    # the same words in a story's sentences
    ("Nach Angaben der Verbraucherzentrale ist der Vertrag nach der Mindestlaufzeit von zwei Jahren monatlich "
     "jederzeit kündbar, was viele Kunden nicht wissen.", False),
    ("The shop said its cart is empty of stock after the storm closed the port for a week.", False),
    ("Follow these steps shared on Twitter to report a scam.", False),
    ("The match kicked off at 3:45 PM in front of a full stadium.", False),
    ("The ministry said the draft will not be published before the summer.", False),
    ("The council has now received 71 comments", False),
    ("Der Autor lebt seit 1990 in Hamburg und schreibt dort seine Romane.", False),
    ("The release date of the film was moved to May.", False),
    ("http://www.example.org/petition/online/save-the-old-pier", False),
])
def test_site_prompts_and_counters_of_any_site(line, notice):
    assert bool(is_site_notice(line)) is notice


@pytest.mark.parametrize(("line", "caption"), [
    ("The old mill by the river, painted about 1850 / public domain", True),
    ("Quelle: Landesregierung", True),
    ("Screenshot, Jane Roe Die neue Karte zeigt die beliebtesten Orte der Stadt.", True),
    ("The court ruled that the photographs have been in the public domain since 1990.", False),
    ("Quelle: Statistisches Bundesamt, Berechnungen des Instituts für Wirtschaftsforschung, Stand Mai 2023", False),
])
def test_licence_and_source_credit_lines(line, caption):
    assert is_caption_line(line) is caption


def test_a_dump_without_an_article_region_loses_its_captions():
    """Caption lines go from the prose span of a dump with no trusted region too."""
    import scraper

    lines = ["Home", "Eine Fracking-Anlage zur Förderung von Gas im US-Bundesstaat Pennsylvania © Jane Roe",
             "Die Banken finanzieren weiter Kohle und Öl, obwohl sie sich zum Klimaschutz bekennen.",
             "Das zeigt eine neue Studie mehrerer Umweltverbände, die am Mittwoch erschien.", "Login"]
    text = scraper.clean("\n".join(lines).encode()).text
    assert "© Jane Roe" not in text and "Die Banken finanzieren weiter Kohle" in text


def test_a_dump_without_an_article_region_keeps_its_unstopped_closing_sentence():
    """With no trusted region the dump is cut after its last prose line; a last sentence whose full
    stop is missing stays, a heading in capitals under it goes."""
    import scraper

    lines = ["Notes", "Es war gesagt, falls du zornig bist, sollst du einen Brief schreiben.",
             "Heute fange ich an, denn ich muss so viele Briefe nun schreiben.",
             "Eines Tages werde ich sein Zeichen auf dem Finger tragen", "1", "2", "Login"]
    text = scraper.clean("\n".join(lines).encode()).text
    assert "Eines Tages werde ich sein Zeichen auf dem Finger tragen" in text and "Login" not in text
    lines[3] = "MORE LETTERS FROM THE ARCHIVE FOR YOU TO READ"
    text = scraper.clean("\n".join(lines).encode()).text
    assert "MORE LETTERS" not in text


def test_a_story_sentence_about_reader_comments_is_not_a_comment_form():
    from scraper.rules.tail import is_comment_or_post_meta

    assert is_comment_or_post_meta("We welcome reader comments on the top stories of the day.")
    assert not is_comment_or_post_meta("The site shut down reader comments in 2019 after a wave of abuse.")


def test_a_pitch_line_removed_by_its_rule_still_ends_the_story_in_a_text_dump():
    import scraper

    menu = ["Home", "News", "Sport", "Business", "Culture", "Opinion", "Weather", "Contact", "Login"]
    footer = ["About us", "Careers", "Privacy", "Terms", "Imprint", "Advertise"]
    teasers = [
        "I maintain an internal service that does metadata processing for a large fleet of apps, and it often breaks in odd ways.",
        "Why does my memory use grow over time? It is a question I hear every week, so I wrote a small simulator to answer it.",
    ]
    dump = [*menu, "Council budget passes after long debate", *BODY, "Subscribe to my Newsletter", *teasers, *footer]
    article = scraper.clean("\n".join(dump).encode())
    assert BODY[-1] in article.text
    assert teasers[0] not in article.text and teasers[1] not in article.text


def test_a_blog_category_line_removed_as_post_meta_still_ends_the_post():
    import scraper

    older_post = [
        "Published last week: a second post about the council, with a long paragraph that reads like the first one did.",
        "It goes on for a while about buses and roads, and it is not part of the post this page is about at all.",
        "A third paragraph of the older post keeps the run of prose going after the category line of the first.",
    ]
    dump = ["Home", "Blog", "Archive", "Council budget passes after long debate", *BODY,
            "Veröffentlicht unter Allgemein | Hinterlasse einen Kommentar", *older_post, "Impressum"]
    article = scraper.clean("\n".join(dump).encode())
    assert BODY[-1] in article.text and older_post[0] not in article.text


@pytest.mark.parametrize(("line", "meta"), [
    ("Veröffentlicht in: Afrika, Entwicklungshilfe, Kenia", True),
    ("Filed Under: Arts, Visual Art", True),
    ("Veröffentlicht in der Fachzeitschrift Nature, zeigt die Studie einen klaren Effekt", False),
    ("Publié dans la revue Science, l'article montre un effet net", False),
])
def test_a_category_line_is_post_meta_a_journal_is_not(line, meta):
    from scraper.rules.tail import is_comment_or_post_meta

    assert bool(is_comment_or_post_meta(line)) is meta
    blocks = judge([*BODY[:3], line, *BODY[3:]])
    assert (not blocks[3].kept) is meta


@pytest.mark.parametrize(("line", "meta"), [
    ("2021-10-16 | Nachrichten", True),
    ("12.12.2022 - Valley Institute (Institut für Wasserforschung)", True),
    ("05.02.2020 - Redaktion: Jane Doe", True),
    ("12.05.2024 - 14:30 Uhr: Die Feuerwehr ist vor Ort", False),
    ("12.05.2024 - Die Feuerwehr rückte am Morgen aus. Verletzt wurde niemand.", False),
    ("Am 12.05.2024 - einem Sonntag - brannte die Scheune", False),
])
def test_a_date_and_section_line_is_post_meta(line, meta):
    blocks = judge([*BODY[:3], line, *BODY[3:]])
    assert (blocks[3].removed_by == "post-meta") is meta


@pytest.mark.parametrize(("line", "name"), [
    ("Bei diesem Beitrag handelt es sich um ein Blog aus der Community der Zeitung", "disclosure"),
    ("Bei dem Artikel handelt es sich um eine Pressemitteilung des Vereins.", "disclosure"),
    ("Dieses Skript als PDF herunterladen", "ui-label"),
    ("Download as PDF", "ui-label"),
    ("asked Feb 6, 2014 at 20:37", "post-meta"),
    ("answered 3 hours ago", "post-meta"),
    ("Bei dem Toten handelt es sich um einen 54-jährigen Mann aus dem Ort.", None),
    ("Die Stadt stellt den Plan als PDF zum Herunterladen auf ihre Website, sagte der Sprecher.", None),
    ("Asked about the plan, the mayor said it would be ready in May.", None),
])
def test_notes_about_the_text_and_page_stamps_go(line, name):
    blocks = judge([*BODY[:3], line, *BODY[3:]])
    assert blocks[3].removed_by == name


@pytest.mark.parametrize("head", ["Article Comments", "Comment(s)", "Most Recent Reader Comments:", "Readers' comments",
                                  "Comments (12)"])
def test_a_qualified_comments_heading_after_the_story_ends_it(head):
    comment = "I think the council should have asked the bus drivers first, they know the routes best."
    blocks = judge([*BODY, head, comment, "Posted by a reader"])
    assert [b.kept for b in blocks] == [True] * len(BODY) + [False] * 3
    assert blocks[len(BODY)].removed_by == "comments-section"


def test_a_sentence_about_readers_comments_stays():
    line = "Your comments on the plan reached the council before the vote, the mayor said on Friday."
    blocks = judge([*BODY, line])
    assert all(b.kept for b in blocks)


@pytest.mark.parametrize(("line", "prompt"), [
    ("We detected you need to update your Flash Player to version 8 or greater.", True),
    ("This content requires the latest Adobe Flash Player and a browser with JavaScript enabled.", True),
    ("Adobe will stop updating Flash Player at the end of 2020, the company said.", False),
    ("Flash flood warnings require you to leave the valley, officials said.", False),
])
def test_plugin_prompts_addressed_to_the_reader_go(line, prompt):
    blocks = judge([*BODY[:3], line, *BODY[3:]])
    assert (blocks[3].removed_by == "ui-label") is prompt


@pytest.mark.parametrize(("line", "name"), [
    ("When news happens: send photos, videos & tip-offs to 0400 123 456, or email us.", "donate-box"),
    ("Got a news tip? Send us your photos and videos.", "donate-box"),
    ("Police urged witnesses to send photos and videos of the crash to the hotline.", None),
])
def test_calls_for_readers_news_tips_go_but_appeals_in_the_story_stay(line, name):
    blocks = judge([*BODY[:3], line, *BODY[3:]])
    assert blocks[3].removed_by == name


def test_a_question_inviting_comments_on_the_story_opens_the_comments():
    blocks = judge([*BODY, "Do you have comments on this story?", "NOTE: Please post your comments using the link above."])
    assert [b.kept for b in blocks] == [True] * len(BODY) + [False] * 2
