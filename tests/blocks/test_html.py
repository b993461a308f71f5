"""The HTML extractor's units: pruning, segmentation, container scoring, and its bounds."""

from __future__ import annotations

import time

from selectolax.lexbor import LexborHTMLParser

import scraper
from scraper.blocks.guard import estimated_depth
from scraper.blocks.chain import html_to_blocks
from scraper.blocks.prune import prune, selectors, tokens
from scraper.blocks.score import choose
from scraper.blocks.segment import segment
from scraper.model import BlockKind

PROSE = ("The committee met on Monday to discuss the budget, and after a long debate it agreed to "
         "fund the new library wing, which had been delayed for two years by rising costs. ")


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>"


def _texts(body: str) -> list[str]:
    """The HTML path's own blocks (no trafilatura fallback on pages with little prose)."""
    blocks, _ = html_to_blocks(_page(body), fallback="off")
    return [b.text for b in blocks]


# --- pruning -----------------------------------------------------------------

def test_class_names_split_into_tokens():
    assert tokens("relatedPosts__item") == ["related", "posts", "item"]
    assert tokens("c-share-bar--top") == ["c", "share", "bar", "top"]


def test_chrome_vocabulary_matches_whole_words_not_substrings():
    sel = selectors()
    assert sel.is_chrome("social-share", None)
    assert sel.is_chrome("related-articles", None)
    assert sel.is_chrome(None, "comments")
    assert sel.is_chrome("main-menu", None)  # weak word in a short name
    assert not sel.is_chrome("tab-menu--product", None)  # weak word inside a longer name
    assert not sel.is_chrome("shadow-box", None)  # "ad" is not a substring match
    assert not sel.is_chrome("article-share", None)  # starts as the article's own name
    assert not sel.is_chrome("c-fixed-sidebar-layout", None)  # a layout, not a widget
    assert not sel.is_chrome("field-label-hidden", None)  # "hidden" only as a whole name
    assert sel.is_chrome("sr-only", None)
    # Names describing the page's layout state, not a widget: "l-" layout namespace, "with-", "one-".
    assert not sel.is_chrome("l-sidebar-fixed l-article-body-segment", None)
    assert not sel.is_chrome("clearfix with-navigation", "main")
    assert not sel.is_chrome("panel-display zen-one-sidebar-second", None)
    assert sel.is_chrome("sidebar-widget", None)


def test_prune_removes_chrome_and_hidden_but_keeps_the_article():
    tree = LexborHTMLParser(_page(
        f'<nav><a href="/">Home</a></nav><div role="complementary">Side</div>'
        f'<div class="share-buttons">Share</div><div style="display: none">Hidden</div>'
        f'<div aria-hidden="true">Decor</div><div hidden>Gone</div>'
        f'<article class="post"><p>{PROSE}</p></article><script>var x = 1;</script>'))
    body = prune(tree)
    text = body.text(deep=True)
    for gone in ("Home", "Side", "Share", "Hidden", "Decor", "Gone", "var x"):
        assert gone not in text
    assert "committee met" in text


def test_prune_never_removes_the_node_holding_most_text():
    # A site that names its article wrapper with a chrome word must not lose its article.
    tree = LexborHTMLParser(_page(f'<div class="comments-open"><p>{PROSE * 3}</p></div><p>x</p>'))
    assert "committee met" in prune(tree).text(deep=True)


def test_a_small_form_goes_but_a_page_wrapping_form_stays():
    texts = _texts(f'<form><input name="q"><p>Search the site</p></form>'
                   f'<form id="aspnetForm"><div>{f"<p>{PROSE}</p>" * 4}</div></form>')
    assert any("committee met" in t for t in texts)
    assert not any("Search the site" in t for t in texts)


# --- segmentation ------------------------------------------------------------

def test_units_follow_block_boundaries_and_br():
    tree = LexborHTMLParser(_page('<div>First line<br>Second <b>line</b></div><p>Third <a href="/">link</a></p>'))
    seg = segment(prune(tree))
    texts = [u.text for u in seg.units]
    assert texts == ["First line", "Second line", "Third link"]
    assert seg.units[2].link_density > 0.3 and seg.units[0].link_density == 0


def test_kinds_from_markup():
    tree = LexborHTMLParser(_page(
        '<h2>Section</h2><ul><li>One item</li></ul><blockquote>A quote</blockquote>'
        '<figure><figcaption>A caption</figcaption></figure><div class="byline">By <span>Ann Lee</span></div>'
        '<table><tr><td>a</td><td>b</td></tr></table>'))
    kinds = {u.text: u.kind for u in segment(prune(tree)).units}
    assert kinds["Section"] is BlockKind.HEADING
    assert kinds["One item"] is BlockKind.LIST_ITEM
    assert kinds["A quote"] is BlockKind.QUOTE
    assert kinds["A caption"] is BlockKind.CAPTION
    assert kinds["By Ann Lee"] is BlockKind.BYLINE
    assert kinds["a | b"] is BlockKind.TABLE_ROW


# --- scoring -------------------------------------------------------------------

def test_article_wins_over_link_lists_and_teasers():
    nav = "".join(f'<li><a href="/{i}">Section number {i}</a></li>' for i in range(30))
    teasers = "".join(f'<div><a href="/t{i}">Teaser headline {i}</a></div>' for i in range(10))
    tree = LexborHTMLParser(_page(f'<ul class="x">{nav}</ul><div id="story"><p>{PROSE}</p><p>{PROSE}</p>'
                                  f'<p>{PROSE}</p></div><div class="y">{teasers}</div>'))
    seg = segment(prune(tree))
    choice = choose(seg)
    inside = [u.text for u in seg.units if any(e <= u.element < seg.end[e] for e in choice.elements)]
    assert any("committee met" in t for t in inside)
    assert not any("Section number" in t or "Teaser headline" in t for t in inside)


def test_no_language_specific_words_decide():
    # The same page shape in Japanese: length, links and punctuation carry it.
    ja = "委員会は月曜日に予算について話し合い、長い議論の末、新しい図書館の建設に資金を出すことで合意した。" * 3
    nav = "".join(f'<a href="/{i}">メニュー{i}</a> ' for i in range(20))
    texts = _texts(f'<div>{nav}</div><div><p>{ja}</p><p>{ja}</p></div>')
    assert any("委員会" in t for t in texts) and not any("メニュー" in t for t in texts)


def test_the_label_of_a_link_list_goes_with_it():
    links = "".join(f'<li><a href="/{i}">Another story number {i}</a></li>' for i in range(5))
    texts = _texts(f'<div><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><h3>Further reading</h3><ul>{links}</ul></div>')
    assert "Further reading" not in texts


def test_a_short_line_before_a_single_link_button_stays():
    body = f'<div><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><p>Yours, Jane</p><div><a href="/deal">To the offer</a></div></div>'
    assert _texts(body)[-1] == "Yours, Jane"


def test_extractor_name_and_fallback_on_pages_without_prose():
    blocks, name = html_to_blocks(_page(f"<div><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>"))
    assert name == "html" and blocks
    _, name = html_to_blocks(_page("<div><a href='/'>Home</a></div>"))
    assert name in ("html", "trafilatura")
    assert scraper.clean(_page(f"<div><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>")).extractor == "html"
    # Too little prose to be sure: trafilatura extracts that page, and the record says so.
    assert scraper.clean(_page(f"<div><p>{PROSE[:120]}</p></div>")).extractor == "trafilatura"



def test_fallback_mode_comes_from_the_config():
    import pytest

    from scraper.config import parse_config

    page = _page(f"<div><p>{PROSE[:120]}</p></div>")
    off = parse_config({"extract": {"fallback": "off"}})
    assert scraper.clean(page, config=off).extractor == "html"
    full = parse_config({"extract": {"fallback": "full"}})
    assert scraper.clean(page, config=full).extractor == "trafilatura"
    assert PROSE[:60].strip() in scraper.clean(page, config=full).text
    with pytest.raises(ValueError, match="fallback"):
        parse_config({"extract": {"fallback": "sometimes"}})

# --- robustness ----------------------------------------------------------------

def _timed(html: str) -> tuple[scraper.Article, float]:
    """CPU seconds, not wall time: the bound catches a blow-up in our code, not a busy machine."""
    start = time.process_time()
    article = scraper.clean(html.encode())
    return article, time.process_time() - start


def test_deep_nesting_is_flattened_and_read_quickly():
    html = ("<html><body>" + "<div>" * 50_000 + f"<p>{PROSE}</p><p>{PROSE} Again.</p>" + "</div>" * 50_000
            + "</body></html>")
    article, seconds = _timed(html)
    assert article.error is None and "committee met" in article.text and "Again." in article.text
    assert seconds < 3
    explained = scraper.clean(html.encode(), explain=True)
    assert explained.diagnostics["flattened_depth"] > 6000


def test_ordinary_nesting_is_not_refused():
    assert estimated_depth(_page("<div>" * 200 + f"<p>{PROSE}</p>" + "</div>" * 200)) < 1000
    article, _ = _timed(_page("<div>" * 200 + f"<p>{PROSE}</p><p>{PROSE}</p>" + "</div>" * 200))
    assert article.error is None and "committee met" in article.text


def test_one_giant_line_finishes_fast():
    article, seconds = _timed(_page("<p>" + "word " * 200_000 + "</p>"))  # 1 MB, one line
    assert article.error is None and article.text
    assert seconds < 10


def test_big_page_finishes_fast():
    rows = "".join(f'<div class="c{i % 7}"><p>Paragraph {i}, with a sentence. More words here.</p>'
                   f'<a href="/x{i}">link {i}</a></div>' for i in range(2000))
    article, seconds = _timed(_page(rows))  # 200 KB, 6000 elements
    assert article.error is None and "Paragraph 0," in article.text and "Paragraph 1999," in article.text
    assert seconds < 10


# --- captions, labels, declared body --------------------------------------------

def test_short_text_boxed_with_an_image_is_a_caption_but_an_inline_image_paragraph_is_not():
    body = (f"<article><p>{PROSE * 3}</p>"
            "<div class='imgbox'><img src='a.jpg'><span>Figure: the new wing seen from the park</span></div>"
            f"<p><img src='icon.png'>A short paragraph that starts with an icon.</p><p>{PROSE * 2}</p></article>")
    blocks, _ = html_to_blocks(_page(body))
    kinds = {b.text: b.kind for b in blocks}
    assert kinds["Figure: the new wing seen from the park"] is BlockKind.CAPTION
    assert kinds["A short paragraph that starts with an icon."] is BlockKind.PARAGRAPH


def test_an_image_floated_into_a_paragraphs_font_run_leaves_it_a_paragraph():
    """Old layouts wrap each paragraph's text in a <font>: an image set into that run is the
    paragraph's, while an image in a box of its own beside a caption span is still a figure."""
    floated = "<p><font size=2><img src='cast.jpg' style='float:right'>The cast of eight rehearsed for a month.</font></p>"
    figure = ("<p><span class='pic'><span><a href='big.jpg'><img src='small.jpg'></a></span>"
              "<span>The stoat in its winter coat. (Photo: Agency)</span></span></p>")
    body = f"<article><p>{PROSE * 3}</p>{floated}{figure}<p>{PROSE * 2}</p></article>"
    blocks, _ = html_to_blocks(_page(body))
    kinds = {b.text: b.kind for b in blocks}
    assert kinds["The cast of eight rehearsed for a month."] is BlockKind.PARAGRAPH
    assert kinds["The stoat in its winter coat. (Photo: Agency)"] is BlockKind.CAPTION


def test_trailing_heading_and_colon_label_do_not_end_the_article():
    body = f"<article><div><p>{PROSE * 3}</p></div><div><h3>Did you read this?</h3><p>Contact:</p></div></article>"
    texts = _texts(body)
    assert texts[-1].endswith("costs.")


def test_a_heading_left_last_in_the_storys_box_goes_but_a_pull_quote_stays():
    offer = f"<article><p>{PROSE * 3}</p><h3>Rather not cycle alone?</h3><p><a href='/tours'>Book a tour</a></p></article>"
    assert _texts(offer)[-1].endswith("costs.")
    quote = "<h3>The council chose the cheaper plan. It saved a year.</h3>"
    assert _texts(f"<article><p>{PROSE * 3}</p>{quote}</article>")[-1] == "The council chose the cheaper plan. It saved a year."


BLURB = "Our two-day course shows you how to plan a library wing from the first sketch to the opening."


def test_a_lone_teaser_or_offer_box_closing_the_article_goes():
    story = f"<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p>"
    teaser = f"<div class='next'><h3><a href='/next'>Another story about the library wing</a></h3><p>{BLURB}</p></div>"
    offer = f"<div class='offer'><h3>Library planning</h3><p>{BLURB}</p><p><a href='/course'>learn more</a></p></div>"
    for box in (teaser, offer):
        texts = _texts(f"<article>{story}{box}</article>")
        assert BLURB not in texts and texts[-1].endswith("costs."), box


def test_the_storys_last_part_before_a_link_stays():
    story = f"<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p>"
    # its own section box, then a reference link the size of a headline
    last = "The wing opens next spring, and the library plans a week of readings for its first visitors."
    section = f"<div class='s1'><p>{PROSE}</p><p>{PROSE}</p></div><div class='s2'><h3>What comes next</h3><p>{last} {last}</p>" \
              "<p><a href='/forum'>The library debate in our readers' forum</a></p></div>"
    assert _texts(f"<article>{section}</article>")[-1] == f"{last} {last}"
    # a heading and a short text in the story's own box, a short link under it
    inline = f"<article><div>{story}<h3>What comes next</h3><p>{BLURB}</p><p><a href='/more'>more</a></p></div></article>"
    assert BLURB in _texts(inline)


def test_a_credit_line_set_loose_after_the_paragraphs_in_their_box_stays():
    # The credit sits in the paragraphs' own box, outside any <p>: still the article's last line.
    story = f"<div class='story'><p>{PROSE * 2}</p><p>{PROSE}</p><cite><em>With files from the Wire Agency</em></cite></div>"
    tools = "<div class='tools'><a href='/e'>Email this</a> | <a href='/p'>Print</a></div>"
    texts = _texts(f"<div class='page'>{story}{tools}<div><span>Most read today</span></div></div>")
    assert texts[-1] == "With files from the Wire Agency"
    # A short line in another box after the article is still the page's tail.
    texts = _texts(f"<div class='page'><div class='story'><p>{PROSE * 3}</p></div><div><span>Most read today</span></div></div>")
    assert texts[-1].endswith("costs.")


def test_a_teaser_cut_short_between_a_headline_link_and_a_more_link_is_left_out():
    blurb = "The transport minister has a warning for owners of heavy commercial vehicles..."
    promo = (f"<div class='box'><h4>Today's Paper</h4><h4><a href='/other'>Your rig could be impounded</a></h4>"
             f"<p>{blurb}</p><ul><li><a href='/other'>[ more ]</a></li></ul></div>")
    texts = _texts(f"<div class='story'>{promo}<p>{PROSE * 2}</p><p>{PROSE}</p></div>")
    assert blurb not in texts
    assert any(t.endswith("costs.") for t in texts)
    # A story's own line trailing off, with no headline link above it, stays.
    trailing = "And then the lights went out and nobody in the hall said a word..."
    texts = _texts(f"<div class='story'><p>{PROSE * 2}</p><p>{trailing}</p><p><a href='/next'>Next page</a></p>"
                   f"<p>{PROSE}</p></div>")
    assert trailing in texts


def test_an_ingredient_list_linking_its_products_joins_a_declared_recipe():
    items = ["500 g flour", "2 eggs", "250 ml milk", "3 tbsp sugar", "1 tbsp butter", "1 pinch of salt",
             "1 pack of Valley Mill baking powder"]
    ingredients = ("<div class='ingredients'><h3>Ingredients</h3><ul>" + "".join(f"<li>{i}</li>" for i in items[:-1])
                   + f"<li><a href='/shop/powder'>{items[-1][10:]}</a> (1 pack)</li></ul></div>")
    method = ("<div class='method'><h3>Method</h3>" + "".join(
        f"<p>Step {n}: mix the flour with the eggs and the milk until the batter is smooth, then let it rest "
        f"for ten minutes before the next step.</p>" for n in range(1, 5)) + "</div>")
    body = f"<main><div class='recipe'>{ingredients}{method}</div></main>"
    ld = '<script type="application/ld+json">{"@type": "Recipe", "name": "Pancakes"}</script>'
    declared = f"<!DOCTYPE html><html><head><title>T</title>{ld}</head><body>{body}</body></html>"
    blocks, _ = html_to_blocks(declared, fallback="off")
    assert "500 g flour" in [b.text for b in blocks]
    # the same box on a page that declares no recipe stays out: its links may be a shop's
    assert "500 g flour" not in _texts(body)


def test_declared_article_body_cuts_the_tail_after_its_last_sentence():
    from scraper.model import Evidence

    first, second = PROSE * 2, "The library will open next spring, the mayor said in a statement. " * 3
    tail = "We have done journalism for a hundred years and we need your support to continue it today."
    body = f"<article><p>{first}</p><p>{second}</p><p>{tail}</p></article>"
    declared = [Evidence("article_body", f"{first}\n{second}", "json-ld:articleBody")]
    blocks, _ = html_to_blocks(_page(body), evidence=declared)
    assert [b.text for b in blocks][-1] == " ".join(second.split())
    short = [Evidence("article_body", "The committee met.", "json-ld:articleBody")]
    blocks, _ = html_to_blocks(_page(body), evidence=short)
    assert blocks[-1].text == tail


def test_short_lines_above_the_title_are_dropped():
    body = f"<article><div>12.03.2022 | News</div><h1>The library opens</h1><p>{PROSE * 3}</p></article>"
    assert _texts(body)[0] == "The library opens"


def test_a_kicker_above_an_h2_headline_repeating_the_title_is_dropped():
    """A layout that keeps <h1> for the site's name sets the headline in an <h2>: the section
    kicker above it goes when that heading repeats the page's declared title, and stays when
    no heading does (a short first line of the story is not furniture by guess)."""
    story = (f"<div class='story'><span class='kicker'>Celebrities</span>"
             f"<h2>Singer and chef split after six months</h2><p>{PROSE * 2}</p><p>{PROSE}</p></div>")
    page = ("<html><head><title>Singer and chef split after six months | Evening Gazette</title></head>"
            f"<body>{story}</body></html>")
    assert scraper.clean(page.encode()).text.startswith("Singer and chef split")
    other = page.replace("<title>Singer and chef split after six months", "<title>Gazette front page")
    assert scraper.clean(other.encode()).text.startswith("Celebrities")


def test_lead_beside_the_headline_outside_the_body_box_joins_the_article():
    from scraper.model import Evidence

    lead = "Readers will get a new wing with quiet rooms and a cafe after two years of delay, the city said."
    teaser = "A teaser for another story that sits in the page header with no headline of its own above it."
    links = "<ul class='links'>" + "".join(f"<li><a href='/{i}'>Section number {i} of the site</a></li>" for i in range(8)) + "</ul>"
    body = (f"<div class='top'>{links}<p>{teaser}</p></div>"
            f"<div class='head'>{links}<div class='wrap'><h1>The library opens its new wing</h1>"
            f"<div class='intro'><p>{lead}</p></div></div></div>"
            f"<div class='x'><div class='y'><div class='z'><div class='main'>"
            f"<p>{PROSE * 3}</p><p>{PROSE * 2}</p></div></div></div></div>"
            f"<div class='other'><ul><li><a href='/a'>Link one to another page</a></li></ul></div>")
    titles = [Evidence("title", "The library opens its new wing | Springfield Sun", "html:title")]
    texts = [b.text for b in html_to_blocks(_page(body), evidence=titles)[0]]
    assert lead in texts and texts.index(lead) < texts.index(" ".join((PROSE * 3).split()))
    assert teaser not in texts
    # Without a heading that repeats the page's title, nothing outside the container joins.
    untitled = [b.text for b in html_to_blocks(_page(body))[0]]
    assert lead not in untitled


def test_an_inline_dateline_stays_in_its_sentence():
    body = f"<article><p><span class='dateline'>KOBE –</span> {PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></article>"
    assert _texts(body)[0].startswith("KOBE – The committee met")


def test_a_container_holding_all_the_prose_is_trusted_despite_many_short_lines():
    from scraper.blocks.html import confident
    from scraper.blocks.score import Choice

    assert confident(Choice(element=1, score=-800.0, prose_chars=1200, total_prose=1250, elements=[1]))
    assert not confident(Choice(element=1, score=-800.0, prose_chars=4000, total_prose=8000, elements=[1]))
    assert not confident(Choice(element=1, score=100.0, prose_chars=400, total_prose=400, elements=[1]))


def test_text_in_an_inline_box_counts_for_that_box():
    """A lead set as loose text in a ``<font>`` or ``<span>`` (old table layouts) belongs to that
    box, so choosing the box keeps its lead."""
    lead = "Harbour pilots ended their strike on Sunday after the port authority agreed to new shift rules."
    body = (f"<table><tr><td><font size='2'><table align='right'><tr><td><div class='cap'>A ship at the quay</div>"
            f"</td></tr></table><b>{lead}</b><p>{PROSE}<p>{PROSE * 2}<p>{PROSE}</font></td></tr></table>")
    seg = segment(LexborHTMLParser(_page(body)).body)
    unit = next(u for u in seg.units if u.text == lead)
    assert seg.tag[unit.element] == "td" and seg.tag[unit.inner] == "font"
    texts = _texts(body)
    assert texts.index(lead) == texts.index(" ".join(PROSE.split())) - 1


def test_loose_text_before_the_body_box_joins_and_links_do_not():
    """Prose held by the wrapper itself (a standfirst in a span beside the body's box) joins
    the article; a loose line of links does not."""
    lead = "Ahead of the final on Sunday, the coach said the squad was fit and ready for a hard game."
    body = (f"<div class='story'><span class='date'>08/01/2024 11:13</span><br>"
            f"<span class='summary'>{lead}</span><br>"
            f"<span><a href='/x'>Read about the other teams in the league and the season so far</a></span><br>"
            f"<div class='text'><p>{PROSE * 2}</p><p>{PROSE}</p><p>{PROSE}</p></div></div>"
            f"<div class='more'><a href='/a'>Another story</a></div>")
    texts = _texts(body)
    assert texts[0] == lead
    assert not any("other teams" in t for t in texts)


def test_a_comment_thread_anchor_ends_the_article_and_its_thread_never_wins():
    """An empty anchor named for the comments opens the thread: what follows it in the article's
    box is left out, and a long thread does not count as prose for the choice of the box."""
    comment = ("I have read this twice and I still think the committee got it wrong, the library "
               "should have waited for the new budget before spending anything at all on it. ")
    thread = "".join(f"<p>{comment * 2}<br><b>Posted by Reader {i}</b></p>" for i in range(6))
    body = (f"<div class='page'><div class='story'><p>{PROSE}</p><p>{PROSE}</p>"
            f"<a name='comments'></a><h3>Comments</h3>{thread}</div></div>")
    texts = _texts(body)
    assert texts == [" ".join(PROSE.split())] * 2
    # An anchor above all prose (a page-top target) opens nothing.
    top = f"<div class='story'><a id='comments'></a><p>{PROSE}</p><p>{PROSE}</p></div>"
    assert len(_texts(top)) == 2


def test_a_thread_anchor_in_a_heading_row_opens_the_thread_below_it():
    """An old layout puts the comments anchor in a table row of its own over the thread: the
    thread is in the nearest box around the anchor that holds prose after it, and a thread
    longer than the story does not win the choice of the article's box."""
    comment = ("If I had to bet I would say he is going to the other club, there is a rumour going "
               "around that we want a replacement already. Not a bad idea me thinks.")
    thread = "".join(f"<span class='entry'>{comment} Entry {i}.</span><span class='who'>Reader{i}</span><br><br>"
                     for i in range(8))
    body = (f"<table><tr><td><table><tr><td class='story'><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></td></tr></table></td></tr>"
            "<tr><td><table class='pane'><tr><td><a name='yoursay'></a>What you think...</td></tr>"
            f"<tr><td><div>{thread}</div></td></tr></table></td></tr></table>")
    texts = _texts(body)
    assert texts == [" ".join(PROSE.split())] * 3


def test_a_river_of_teasers_after_the_story_is_left_out():
    """Headline links each followed by one short blurb, after the story's prose, are other
    stories; items whose linked title is followed by paragraphs of their own are the story's."""
    blurbs = [f"Blurb number {i} tells readers what another story on the site is about, in one line." for i in range(4)]
    river = "".join(f"<dt><a href='/s{i}'>Headline of another story {i}</a></dt><dd>{b}</dd>"
                    for i, b in enumerate(blurbs))
    body = f"<div class='story'><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><h3>Headlines</h3><dl>{river}</dl></div>"
    texts = _texts(body)
    assert not any(b in texts for b in blurbs) and len(texts) == 3
    items = "".join(f"<h3><a href='/p{i}'>Product number {i} of the list</a></h3><p>{b}</p><p>{PROSE}</p>"
                    for i, b in enumerate(blurbs))
    listed = _texts(f"<div class='story'><p>{PROSE}</p>{items}</div>")
    assert all(b in listed for b in blurbs)
    # Once a run has begun, a teaser under a short headline ("Opinion", "Dry skin guide") is one too.
    short = "".join(f"<h3><a href='/x{i}'>{title}</a></h3><p>{b}</p>"
                    for i, (title, b) in enumerate(zip(["Headline of another story", "Second headline of a story",
                                                        "Opinion", "Dry skin"], blurbs)))
    texts = _texts(f"<div class='story'><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p>{short}</div>")
    assert not any(b in texts for b in blurbs) and len(texts) == 3


def test_script_source_shown_as_text_is_left_out_but_formulas_stay():
    from scraper.blocks.html import looks_like_script

    leaked = "var ord=Math.random()*1000; var tag = \"ap;show=ap\"; if (ie) { tip.style.left = x + 'px'; }"
    formula = "Berechne die Masse eines Quaders mit a = 4 cm; b = 3 cm; h = 7 cm; p = 2,5 g/cm3"
    assert looks_like_script(leaked) and not looks_like_script(formula)
    assert not looks_like_script(PROSE) and not looks_like_script("=" * 30)
    # Script written without semicolons: its operators give it away, however long its names.
    loose = ("var enabletip=false if (ie||ns6) var tipobj=document.all? document.all['tip'] : "
             "document.getElementById? document.getElementById('tip') : '' function body() { return "
             "(document.compatMode && document.compatMode!='BackCompat')? document.documentElement : "
             "document.body } function tip(thetext, thewidth) { if (ns6||ie) { if (typeof thewidth!='undefined') "
             "tipobj.style.width=thewidth+'px' tipobj.innerHTML=thetext enabletip=true return false } }")
    assert looks_like_script(loose)
    scores = "Perry (66), Trahan (70) and Gamez (71) tied for second; Kim (66) and Lee (69) were fifth = 19 under ()."
    assert not looks_like_script(scores)
    texts = _texts(f"<div><p>{PROSE}</p><p>{leaked}</p><p>{PROSE}</p><p>{formula}</p></div>")
    assert leaked not in texts and formula in texts


def test_a_confident_container_without_text_falls_through_to_the_next_path(monkeypatch):
    """Damaged markup can leave our extractor sure of a container that holds no text: that is no
    answer, and the chain goes on (here to trafilatura) instead of giving an empty record."""
    from scraper.blocks import chain
    from scraper.blocks.extractor import Extraction

    monkeypatch.setattr(chain.MarkupExtractor, "extract", lambda self, page: Extraction("html", [], confident=True))
    html = ("<html><head><title>Harbour plan</title></head><body><article>"
            + "".join(f"<p>Paragraph {i} of the harbour story tells what the council decided and why it matters "
                      f"to the people who live and work on the quay.</p>" for i in range(8))
            + "</article></body></html>")
    article = scraper.clean(html.encode(), explain=True)
    assert article.extractor == "trafilatura"
    assert "Paragraph 7 of the harbour story" in article.text


def test_a_sidebar_column_beside_the_article_cell_is_left_out():
    """A layout table's row sets the article's cell beside a sidebar cell: the sidebar is
    another column, left out even when it holds some prose of its own (a blog teaser)."""
    story = "".join(f"<p>{PROSE}</p>" for _ in range(8))
    teaser = ("It is the anniversary of the songwriter's death this week, which reminds me how much "
              "his records meant to all of us who grew up with them on the radio in the long evenings.")
    body = (f"<div class='page'><table><tr><td class='main'><h1>Headline</h1>{story}</td>"
            f"<td class='side'><h2>Blogs</h2><p>{teaser}</p><p>{teaser}</p><p>{teaser}</p></td></tr></table></div>")
    texts = _texts(body)
    assert " ".join(PROSE.split()) in texts
    assert not any("anniversary" in t for t in texts)
    # A column on the left is no lead of the article either, unlike a row above its cell.
    lead = "The harbour board gave its answer late on Monday night, after six hours of talks."
    left = (f"<div class='page'><table><tr><td class='nav'><p>{lead}</p></td><td class='main'>{story}</td></tr></table></div>")
    above = (f"<div class='page'><table><tr><td><p>{lead}</p></td></tr><tr><td class='main'>{story}</td></tr></table></div>")
    assert lead not in _texts(left)
    assert lead in _texts(above)


def test_a_subheading_under_the_headline_is_the_articles_dek():
    """An <h2> right under the headline that repeats the page's title is the article's summary
    line: it joins the text though the body's box starts below it."""
    html = ("<html><head><title>Cell phones may keep you up - Health News</title></head><body>"
            "<div class='page'><h1>Cell phones may keep you up</h1><h2>Insomnia may be caused by radiation</h2>"
            "<div class='date'>Posted: January 22, 2008</div>"
            f"<div class='body'><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>"
            "<div class='more'><h2>More health news</h2></div></div></body></html>")
    article = scraper.clean(html.encode())
    assert article.text.startswith("Insomnia may be caused by radiation")
