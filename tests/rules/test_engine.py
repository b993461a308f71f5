"""Block rules: chrome of many wordings goes, article sentences that look alike stay."""

from __future__ import annotations

import pytest

from scraper.model import Block, BlockKind
from scraper.rules.engine import RuleContext, apply_rules, default_rules

BODY = [
    "The council approved the budget on Tuesday after a long debate about road repairs and the cost of new buses for the city.",
    "Officials said the plan would be reviewed next year, and that residents could comment on it at public meetings through March.",
    "Opposition members argued the tax increase would fall hardest on renters, who already spend a large share of income on housing.",
    "The mayor said the city had no other way to pay for the repairs without cutting services that many families depend on.",
]


def judge(lines: list[str], plain_text: bool = False) -> tuple[list[Block], RuleContext]:
    blocks = [Block(t) for t in lines]
    ctx = RuleContext(plain_text=plain_text)
    apply_rules(blocks, ctx)
    return blocks, ctx


def verdict(line: str, position: str = "middle") -> str | None:
    """The rule that removes ``line`` when it sits among article paragraphs."""
    lines = {"start": [line, *BODY], "middle": [*BODY[:2], line, *BODY[2:]], "end": [*BODY, line]}[position]
    blocks, _ = judge(lines)
    return next(b.removed_by for b in blocks if b.text == line)


@pytest.mark.parametrize(("line", "rule"), [
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Anzeige", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Share this:", "share-widget"),
    ("Click to share on LinkedIn (Opens in new window)", "share-widget"),
    ("Share on Facebook", "share-widget"),
    ("Teilen", "share-widget"),
    ("Teilen auf Facebook: 0", "share-widget"),
    ("Partager sur Facebook", "share-widget"),
    ("Wir verwenden Cookies, um Inhalte zu personalisieren.", "cookie-notice"),
    ("Nous utilisons des cookies pour améliorer votre expérience.", "cookie-notice"),
    ("Lesen Sie auch", "read-more"),
    ("Continue reading", "read-more"),
    ("Read more »", "read-more"),
    ("Lire la suite", "read-more"),
    ("5 min read", "read-more"),
    ("READ THE REST", "read-more"),
    ("Mehr erfahren", "read-more"),
    ("Veja também:", "read-more"),
    ("Lue myös:", "read-more"),
    ("Dowiedz się więcej: Sejm głosuje nad budżetem miasta", "read-more"),
    ("Subscribe to our newsletter", "signup-box"),
    ("Get the best of our reporting delivered straight to your inbox every week.", "signup-box"),
    ("Sign up for The Morning Brief", "signup-box"),
    ("Email address (Required)", "signup-box"),
    ("Donate now", "donate-box"),
    ("Support independent journalism: become a member today.", "donate-box"),
    ("We use cookies to improve your experience on our site.", "cookie-notice"),
    ("Diese Website verwendet Cookies, um Ihnen ein besseres Erlebnis zu bieten.", "cookie-notice"),
    ("Accept all cookies", "cookie-notice"),
    ("© 2024 Example Media. All rights reserved.", "copyright-notice"),
    ("Tags: politics, budget, city council", "copyright-notice"),
    ("This article originally appeared on The Nevada Independent.", "republication-note"),
    ("Republished with permission", "republication-note"),
    ("The post “Budget passes” appeared first on Springfield Sun.", "feed-footer"),
    ("Ähnliche Beiträge", "related-section"),
    ("Externer Inhalt", "ui-label"),
    ("(Alle Angaben ohne Gewähr)", "disclosure"),
    ("Quellen ausblenden", "ui-label"),
    ("Turn on notifications to get breaking news as it happens.", "ui-label"),
    ("Schon gelesen?", "related-section"),
    ("This post may contain affiliate links. If you buy through them, we may earn a small commission.", "disclosure"),
    ("Dieser Artikel enthält Affiliate-Links, die mit einem Stern markiert sind.", "disclosure"),
    ("*Werbung. Dieser Beitrag entstand in Kooperation mit einer Möbelmarke.", "disclosure"),
    ("The views expressed in this column are the author's own and do not reflect those of the paper.", "disclosure"),
    ("Les opinions exprimées dans ce blog n'engagent que leurs auteurs.", "disclosure"),
    ("This entry was posted in News. Bookmark the permalink.", "post-meta"),
    ("Der Beitrag wurde am Montag, den 3. Mai 2021 um 10:12 Uhr veröffentlicht und unter Reisen abgelegt.", "post-meta"),
    ("Suggested citation: Doe, Jane: A title, Blog, 2020/4/09.", "post-meta"),
    ("Warning: Undefined variable $x in /var/www/site/wp-includes/theme.php on line 40", "post-meta"),
    ("Want more? Enter your email below to receive our weekly digest.", "signup-box"),
    ("Lass dir die besten Geschichten jede Woche in deinen Posteingang liefern.", "signup-box"),
    ("We decided to publish without a paywall, so every reader can read us. Help us keep it that way.", "donate-box"),
    ("Informujemy, że korzystamy z cookies.", "cookie-notice"),
    ("Font Scale: A A A", "ui-label"),
    ("Text size: S M L XL", "ui-label"),
    ("Click photo to enlarge", "ui-label"),
    ("Comments below come from readers. By using this Web site you agree to accept our Terms of Service.",
     "cookie-notice"),
    ("Please read our Terms and Conditions and Privacy Statement before using this site.", "cookie-notice"),
    ("Mit der Nutzung dieser Webseite erklären Sie sich mit unseren Nutzungsbedingungen einverstanden.",
     "cookie-notice"),
])
def test_chrome_is_removed_by_its_rule(line, rule):
    assert verdict(line) == rule


@pytest.mark.parametrize("line", [
    "The advertisement campaign cost the party more than two million dollars, according to filings released on Friday.",
    "Readers who want to donate blood can visit the clinic on Main Street, which opens at eight in the morning on weekdays.",
    "She said the company would share more details with investors when it reports quarterly results in April.",
    "By the end of the year, prices had risen by nearly ten percent.",
    "Follow the money, the prosecutor told the jury, and you will find the motive.",
    "Related research published last year found a similar effect in older patients.",
    "Subscribers to the service will pay five dollars more each month starting in June, the company said in a statement to regulators.",
    "Comments from residents were overwhelmingly negative, the planning board noted.",
    "The opinions expressed by residents at the hearing ranged from anger to quiet support for the plan.",
    "The newspaper put its website behind a paywall in 2019 and lost a third of its readers.",
    "The affiliate program pays bloggers a fee for each sale, the company said in its annual report.",
    "Werbung für Tabak ist in Deutschland seit Jahren stark eingeschränkt, sagte die Ministerin.",
    "Regulators said that by using the service, customers agree to share their location with the app's maker.",
    "Users rarely read the terms and conditions before using a new app, the study found.",
    "Text size matters less than contrast for older readers, the designers said.",
    "Click the photo to enlarge it, the museum's guide tells visitors, and the brushstrokes come alive.",
])
def test_article_sentences_that_resemble_chrome_are_kept(line):
    assert verdict(line) is None


def test_share_counter_split_over_lines_goes_as_one():
    blocks, _ = judge([*BODY, "Total", "0", "Shares"])
    assert [b.removed_by for b in blocks[-3:]] == ["share-widget"] * 3


def test_related_marker_near_the_end_cuts_the_rest():
    blocks, _ = judge([*BODY, "Related Posts", "Budget talks stall again", "New buses arrive next month"])
    assert [b.kept for b in blocks] == [True] * 4 + [False] * 3
    assert {b.removed_by for b in blocks[4:]} == {"related-section"}


def test_related_marker_early_does_not_cut_the_article():
    blocks, _ = judge([BODY[0], "Related Stories", *BODY[1:]])
    assert [b.kept for b in blocks] == [True, False, True, True, True]


def test_inline_related_link_late_in_the_article_does_not_cut_it():
    lines = [*BODY[:3], "Related: Budget talks stall again after council vote", BODY[3]]
    blocks, _ = judge(lines)
    assert [b.removed_by for b in blocks] == [None, None, None, "related-link", None]


def test_duplicate_caption_with_other_dash_goes():
    caption = "(Photo by Jo Lee - Pool/Getty Images)"
    blocks, ctx = judge([caption, caption.replace("-", "–"), *BODY])
    assert all(not b.kept for b in blocks[:2])
    assert [e.value for e in ctx.evidence if e.field == "credit"] == ["Jo Lee - Pool/Getty Images", "Jo Lee – Pool/Getty Images"]


def test_repeated_paragraph_goes_once():
    blocks, _ = judge([*BODY, BODY[1]])
    assert blocks[-1].removed_by == "duplicate-block"
    assert blocks[1].kept


def test_a_paragraph_repeated_by_a_removed_pull_quote_above_it_stays():
    def run(blocks: list[Block]) -> list[Block]:
        apply_rules(blocks, RuleContext())
        return blocks

    quote = "We will not rest until every family in the valley has a dry home again before the winter"
    paras = [Block(t) for t in BODY]
    blocks = run([paras[0], Block(quote, BlockKind.CAPTION), *paras[1:], Block(f'"{quote}."')])
    assert not blocks[1].kept
    assert blocks[-1].kept
    # a caption given twice, side by side (a small-screen and a large-screen copy), still goes once
    caption = "Volunteers fill sandbags on the bank of the river at Alder Bridge on Saturday morning"
    blocks = run([Block(caption, BlockKind.CAPTION), Block(caption), *(Block(t) for t in BODY)])
    assert [b.kept for b in blocks[:2]] == [False, False]
    # and a copy after the story's own paragraph is a repeat again
    blocks = run([Block(quote, BlockKind.CAPTION), *(Block(t) for t in BODY), Block(quote), Block(quote)])
    assert [b.kept for b in blocks[-2:]] == [True, False]


def test_byline_needs_names_to_be_a_byline():
    blocks, ctx = judge(["By JANE DOE and JOHN ROE, Associated Press", *BODY])
    assert blocks[0].removed_by == "byline"
    assert [e.value for e in ctx.evidence if e.field == "byline"] == ["JANE DOE and JOHN ROE, Associated Press"]


@pytest.mark.parametrize(("line", "byline"), [
    ("Eine Kolumne von Jana Beispiel", "Jana Beispiel"),
    ("A guest post by John Example", "John Example"),
    ("Un reportage de Marie Exemple", None),  # "de" is no byline word on its own: too common
])
def test_the_kind_of_piece_may_lead_a_byline(line: str, byline: str | None):
    blocks, ctx = judge([line, *BODY])
    found = [e.value for e in ctx.evidence if e.field == "byline"]
    assert found == ([byline] if byline else [])
    assert blocks[0].kept is (byline is None)


def test_a_sentence_led_like_a_byline_stays():
    line = "A report by the city council found that most roads need repair."
    blocks, ctx = judge([*BODY[:2], line, *BODY[2:]])
    assert blocks[2].kept and not [e for e in ctx.evidence if e.field == "byline"]


@pytest.mark.parametrize(("line", "goes"), [
    ("Priya Natarajan", True),
    ("PRIYA NATARAJAN | Updated 14 March 2024, 11:32 AM GMT", True),
    ("02.02.2022, 11:30 Uhr von Priya Natarajan und Jo Lee", True),
    ("Priya Natarajan · 3 min read", True),
    ("Priya Natarajan said the ferry would run again on Monday.", False),
    ("Natarajan", False),  # a surname alone may be anyone's: only a full name marks the line
])
def test_a_line_of_the_known_authors_and_a_date_is_the_byline(line: str, goes: bool):
    from scraper.model import Evidence

    blocks = [Block(line), *map(Block, BODY)]
    ctx = RuleContext(evidence=[Evidence("author", "Priya Natarajan", "meta:author"),
                                Evidence("byline", "By Jo Lee, Reuters", "html:byline")])
    apply_rules(blocks, ctx)
    assert (blocks[0].removed_by == "author-line") is goes
    assert all(b.kept for b in blocks[1:])


def test_without_known_authors_a_name_line_is_left_to_other_rules():
    blocks, _ = judge(["Priya Natarajan", *BODY])
    assert blocks[0].removed_by != "author-line"


def test_typed_blocks_leave_the_text_as_evidence():
    blocks = [Block("A crowd at the rally. Photo: Ann Wu/AP", BlockKind.CAPTION), *map(Block, BODY)]
    ctx = RuleContext()
    apply_rules(blocks, ctx)
    assert not blocks[0].kept
    assert any(e.field == "caption" for e in ctx.evidence)


def test_disabled_rule_does_not_run():
    blocks = [Block("Advertisement"), *map(Block, BODY)]
    apply_rules(blocks, RuleContext(disabled=frozenset({"advertisement"})))
    assert blocks[0].kept


def test_page_head_in_a_text_dump_goes_above_the_headline():
    lines = ["Home", "World", "Sports", "Budget passes after long debate", "By Ann Wu", *BODY]
    blocks, ctx = judge(lines, plain_text=True)
    assert [b.removed_by for b in blocks[:5]] == ["read-more", "page-head", "page-head", "title-block", "byline"]
    assert any(e.field == "title" and e.value == "Budget passes after long debate" for e in ctx.evidence)


def test_every_rule_has_a_unique_name():
    names = [r.name for r in default_rules()]
    assert len(names) == len(set(names))


def test_after_article_furniture_on_an_html_page_ends_the_article():
    tail = ["Jane Doe is a senior reporter at the Springfield Sun covering city hall and transport.",
            "Write to her with tips", "The city budget, explained in five charts"]
    blocks, _ = judge([*BODY, *tail])
    assert [b.removed_by for b in blocks[len(BODY):]] == ["article-end"] * 3
    assert all(b.kept for b in blocks[: len(BODY)])


def test_a_cue_early_or_followed_by_the_story_does_not_end_it():
    pitch = "Jane Doe is a senior reporter who covered the budget fight for the paper last year."
    blocks, _ = judge([BODY[0], pitch, *BODY[1:]])
    assert all(b.kept for b in blocks)
    late = [*BODY, *BODY, pitch, *BODY[:3]]
    blocks, _ = judge([f"{t} ({i})" for i, t in enumerate(late)])
    assert all(b.kept for b in blocks)


def test_a_pitch_phrase_inside_quoted_speech_does_not_end_the_article():
    quoted = ['The letter went on: "They are neighbours who gave up their weekends to support us - and our children.',
              '"We hope they know how much their help meant to every family in the valley."']
    blocks, _ = judge([*BODY, *quoted])
    assert all(b.kept for b in blocks)
    # the site's own pitch, not quoted (or with only a name in quotes), still ends it
    for pitch in ("Please support us: become a member of the Valley Post today.",
                  'Sign up for "The Morning Brief", our newsletter, and get the news every day.'):
        blocks, _ = judge([*BODY, pitch, "Valley stories you may have missed"])
        assert not any(b.kept for b in blocks[len(BODY):]), pitch


def test_quotation_marks_of_every_style_toggle_speech():
    from scraper.rules.tail import in_quotation

    text = 'She said: “We support the plan” and left. „Sie helfen uns“, sagte er. «Merci»'
    assert in_quotation(text, text.index("support"))
    assert not in_quotation(text, text.index("left"))
    assert in_quotation(text, text.index("helfen"))
    assert not in_quotation(text, text.index("sagte"))
    assert in_quotation(text, text.index("Merci"))
    assert in_quotation('"We again call on them to help us', 10)  # a quote going on from the paragraph above


def test_a_contact_or_source_label_after_the_story_ends_it():
    for label in ("Kontakt:", "Contact", "Quellenangaben:", "Weitere Informationen zum Hochwasser im Tal:"):
        tail = [label, "Telefon 0123 456789", "presse@example.org"]
        blocks, _ = judge([*BODY, *tail])
        assert [b.removed_by for b in blocks[len(BODY):]] == ["article-end"] * 3, label
        assert all(b.kept for b in blocks[: len(BODY)])
    # the same words inside a sentence of the story are the story's
    for line in ("Kontakt zur Familie hatte er seit Jahren nicht mehr, sagte die Polizei am Montag.",
                 "Weitere Informationen zum Unfall will die Polizei am Dienstag geben."):
        blocks, _ = judge([*BODY, line])
        assert all(b.kept for b in blocks), line


def test_a_where_to_read_more_line_or_a_shop_head_after_the_story_ends_it():
    for line in ("Weitere Infos unter www.example.org.", "Mehr Informationen gibt's auf example.org",
                 "Empfehlungen aus dem Garten-Shop"):
        blocks, _ = judge([*BODY, line, "A book and an online course on the topic"])
        assert [b.removed_by for b in blocks[len(BODY):]] == ["article-end"] * 2, line
    # naming where the information is inside a sentence of the story keeps it
    line = "Weitere Infos unter www.example.org hatte die Stadt schon im Mai versprochen, sagte der Sprecher."
    blocks, _ = judge([*BODY, line])
    assert all(b.kept for b in blocks)
