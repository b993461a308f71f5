"""Plain-text dumps: the article ends at the first after-article line in its last part (rules/tail.py)."""

from __future__ import annotations

from scraper.blocks.text import text_to_blocks
from scraper.model import BlockKind
from scraper.rules.tail import is_after_article

from test_region import FOOTER, MENU, PARAGRAPHS, clean, removed_by

HEADLINE = "Footbridge to be rebuilt after ten-year dispute"
MORE = [
    "Local traders welcomed the decision, saying the closure had cut the number of shoppers crossing from the station by a third.",
    "The mayor said the ferry would be free for residents and that the timetable would be published in August on the council website.",
    "A public meeting on the design is planned for the end of the month in the town hall, and the drawings can be seen in the library.",
]


def test_after_article_cues_are_bios_pitches_comment_forms_and_section_heads():
    for line in (
        "Jane Doe is a senior writer at the Gazette, covering transport and city hall.",
        "Never miss a story: subscribe to our free newsletter and get the news in your inbox every morning.",
        "Your email address will not be published. Required fields are marked *",
        "This entry was posted in News. Bookmark the permalink.",
        "Share this article",
        "Artikel gefallen? Jetzt teilen!",
    ):
        assert is_after_article(line), line
    for line in PARAGRAPHS + ["Share prices fell sharply on Monday", "What happens next"]:
        assert not is_after_article(line), line


def test_bio_and_pitch_after_the_story_go_as_after_article():
    bio = "Jane Doe is a senior writer at the Gazette, covering transport, housing and city hall for the last ten years."
    pitch = "Like what you read? Get the best of local news delivered to your inbox with our weekly newsletter, it is free."
    article = clean(MENU + [HEADLINE] + PARAGRAPHS + MORE + [bio, pitch] + FOOTER)
    assert article.text.endswith(MORE[-1])
    assert removed_by(article, bio) == "after-article"
    assert pitch not in article.text


def test_a_cue_followed_by_more_of_the_story_is_not_its_end():
    # a newsletter the story is about, then four more paragraphs in a row: the article goes on
    mention = "The council will report on the works in its monthly newsletter, which every household in the town receives by post."
    body = PARAGRAPHS + [mention] + MORE + [PARAGRAPHS[0].replace("Monday", "Tuesday")]
    article = clean(MENU + [HEADLINE] + body + FOOTER)
    assert mention in article.text
    assert article.text.endswith(body[-1])


def test_a_cue_inside_quoted_speech_at_the_end_of_the_story_is_not_its_end():
    quoted = 'The letter ended: "Thank you to every neighbour who came out to support us through the winter.'
    article = clean(MENU + [HEADLINE] + PARAGRAPHS + MORE + [quoted] + FOOTER)
    assert article.text.endswith(quoted)


def test_a_cue_early_in_the_story_does_not_cut_it():
    share = "Share this article"
    article = clean(MENU + [HEADLINE, share] + PARAGRAPHS + MORE + FOOTER)
    assert article.text.startswith(PARAGRAPHS[0]) and article.text.endswith(MORE[-1])


def test_a_list_announced_by_a_colon_at_the_end_of_the_story_stays():
    lead = "The council listed what the new bridge will bring to the town once it opens next summer:"
    items = ["a lane for bicycles on each side", "lighting along the whole deck", "a lift at the station end"]
    article = clean(MENU + [HEADLINE] + PARAGRAPHS + MORE + [lead] + items + FOOTER)
    assert article.text.endswith(items[-1])
    assert "Careers" not in article.text


def test_a_comment_form_ends_the_story_even_when_the_comments_under_it_run_long():
    comments = [f"Reader {i} says:" if i % 2 == 0 else MORE[i % 3] + f" Comment number {i}." for i in range(8)]
    form = ["Leave a Reply", "Your email address will not be published. Required fields are marked *"]
    article = clean(MENU + [HEADLINE] + PARAGRAPHS + form + comments + FOOTER)
    assert article.text.endswith(PARAGRAPHS[-1])
    assert removed_by(article, form[1]) == "after-article"


def test_a_label_and_its_value_between_paragraphs_stay_and_lettered_items_are_list_items():
    body = PARAGRAPHS[:2] + ["Install it with:", "pip install bridge-tools"] + PARAGRAPHS[2:] + MORE
    article = clean(MENU + [HEADLINE] + body + FOOTER)
    assert "Install it with:" in article.text and "pip install bridge-tools" in article.text
    blocks = text_to_blocks("Two options remain:\na) rebuild the old bridge\nb) build a tunnel")
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]
    assert blocks[1].text == "a) rebuild the old bridge"


def test_caption_lines_inside_the_story_go_by_their_credit_or_pointer():
    from scraper.rules.captions import is_caption_line

    captions = [
        "The old footbridge in March, shortly before it was closed. (Photo: Jane Doe)",
        "Der Bürgermeister (l.) mit dem Bauleiter vor der Brücke.",
        "Pedestrians waiting for the ferry (REUTERS/John Smith)",
        "Town hall / Shutterstock",
        "Fot. Jan Kowalski / Agencja",
        "The footbridge in winter © Jane Doe",
    ]
    for line in captions:
        assert is_caption_line(line), line
    for line in PARAGRAPHS + MORE + ["The photo was taken in March, the council said.",
                                     "The mayor said the plans had been shared with every household in the town (dpa)."]:
        assert not is_caption_line(line), line
    body = PARAGRAPHS[:2] + [captions[0]] + PARAGRAPHS[2:] + MORE
    article = clean(MENU + [HEADLINE] + body + FOOTER)
    assert removed_by(article, captions[0]) in ("caption-line", "photo-caption")
    assert all(p in article.text for p in PARAGRAPHS + MORE)


def test_a_long_line_without_a_full_stop_is_not_part_of_a_chrome_run():
    long_line = "The council also wants to hear from residents who cross the river every day about what the new bridge should offer them"
    body = PARAGRAPHS[:2] + [long_line, "Archive picture"] + PARAGRAPHS[2:] + MORE
    article = clean(MENU + [HEADLINE] + body + FOOTER)
    assert long_line in article.text


def test_without_a_trusted_region_a_comment_form_still_ends_the_text():
    comment = "Great news, I have been waiting for this bridge for years and I cross the river every single day, said one reader."
    lines = [PARAGRAPHS[0], "Filed under News", "Leave a Reply", "Your email address will not be published.", comment] + FOOTER
    article = clean(lines)
    assert article.text == PARAGRAPHS[0]
    assert removed_by(article, comment) == "after-article"


def test_a_long_standfirst_under_the_headline_is_not_taken_for_it():
    from scraper.model import Block
    from scraper.rules.region import find_headline

    dek = "Engineers warned for years that the old wooden deck could not carry the crowds much longer"
    blocks = [Block(t) for t in MENU + [HEADLINE, dek] + PARAGRAPHS]
    at = len(MENU) + 1
    assert find_headline(blocks, at) == at - 1
    short_dek = "Work starts in September"
    blocks = [Block(t) for t in MENU + [short_dek] + PARAGRAPHS]
    assert find_headline(blocks, len(MENU)) == len(MENU)


def test_site_notices_go_wherever_they_sit():
    from scraper.rules.tail import is_site_notice

    notices = [
        "The Gazette is supported by its readers. When you buy through links on our site, we may earn an affiliate commission.",
        "You have read 3 of your 5 free articles this month.",
        "You are using a browser version with limited support for CSS.",
        "MIRA: Alcalde anuncia nuevo puente peatonal sobre el río",
        ">> Bus line to the hospital gets more frequent service <<",
    ]
    for line in notices:
        assert is_site_notice(line), line
    for line in PARAGRAPHS + MORE + ["»Wie bringe ich Studierende dazu, Fragen zu stellen?«"]:
        assert not is_site_notice(line), line
    article = clean(MENU + [HEADLINE, notices[0]] + PARAGRAPHS[:2] + [notices[1]] + PARAGRAPHS[2:] + MORE + FOOTER)
    assert removed_by(article, notices[0]) == removed_by(article, notices[1]) == "site-notice"
    assert all(p in article.text for p in PARAGRAPHS + MORE)


def test_a_label_with_a_colon_right_under_the_story_takes_its_list():
    items = ["a lane for bicycles on each side", "lighting along the whole deck", "a lift at the station end"]
    article = clean(MENU + [HEADLINE] + PARAGRAPHS + MORE + ["What the bridge brings:"] + items + FOOTER)
    assert article.text.endswith(items[-1])
    assert "Careers" not in article.text


def test_short_date_lines_inside_the_story_go():
    stamps = ["15. Mai 2019, 05:28 Uhr", "03.04.2020 | News", "November 7, 2024 11:32"]
    body = PARAGRAPHS[:1] + [stamps[0]] + PARAGRAPHS[1:3] + [stamps[1]] + PARAGRAPHS[3:] + MORE[:1] + [stamps[2]] + MORE[1:]
    article = clean(MENU + [HEADLINE] + body + FOOTER)
    for stamp in stamps:
        assert stamp not in article.text
    assert all(p in article.text for p in PARAGRAPHS + MORE)
    kept = "The bridge reopened on 12.05.2024 after the works."
    article = clean(MENU + [HEADLINE] + PARAGRAPHS[:2] + [kept] + PARAGRAPHS[2:] + MORE + FOOTER)
    assert kept in article.text


def test_newsletter_heads_page_actions_and_closed_comments_are_site_furniture():
    from scraper.rules.tail import is_comment_or_post_meta, is_section_head, is_site_notice

    for line in ("Dale Courier Newsletter", "Redaktions-Newsletter", "PDF version", "Dieses Skript als PDF herunterladen",
                 "Auf einer Seite lesen", "Rezept drucken Bei Pinterest speichern", "Über Tove Marsh 257 Artikel"):
        assert is_section_head(line), line
    assert is_site_notice("Sign up to get the best stories from the valley every Friday, as chosen by the editors.")
    assert is_comment_or_post_meta("Kommentarfeed | Kommentare geschlossen | Trackback-URL")
    assert is_comment_or_post_meta("Comments are closed.")
    for line in ("The newsletter went out late", "Newsletters from the mayor's office reached every house in the valley.",
                 "Users who sign up for the scheme get a free bus pass", "Über den Fluss"):
        assert not is_section_head(line), line
    assert not is_site_notice("Users who sign up for the scheme get a free bus pass, the council said.")


def test_caption_lines_end_with_a_credit():
    from scraper.rules.captions import is_caption_line

    for line in ("Volunteers carry saplings along the river path. © Pia Lund - photos.example.com",
                 "The minister at the conference in the capital © Ministry/Jo Lee",
                 "Penguins on the ice near the base on Monday. EFE",
                 "The oldest grower planted a tree of the kind her father sold. Anna Berg / Valley Photo Agency"):
        assert is_caption_line(line), line
    for line in ("Copyright © 2019 by Jo Lee. Reprinted by permission of the publisher, all rights reserved here.",
                 "The vote was split 50/50 between the two villages, the clerk said.",
                 "She said the ferry would run again from May. The board agreed."):
        assert not is_caption_line(line), line


def test_section_heads_go_from_a_dump_with_no_trusted_region_too():
    dump = ["Menu", "Home", "Short note", "The ferry will run again from May, the harbour board said on Monday evening.",
            "Mehr aus der Sendung", "Tickets are sold at the pier and on board, at the same price as before.", "Contact", "Privacy"]
    article = clean(dump)
    assert "Mehr aus der Sendung" not in article.text
    assert "The ferry will run again" in article.text
