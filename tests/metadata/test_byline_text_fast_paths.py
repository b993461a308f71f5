"""The byline-text readers' fast paths agree with their plain reference paths on every fixture page."""

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scraper.normalize import html_bylines

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"

CRAFTED = [
    "<div><p>" + "Ein langer Absatz mit vielen Wörtern, damit er als Artikeltext zählt. " * 3 + "</p>"
    "<p>" + "Noch ein langer Absatz mit vielen Wörtern, damit er als Artikeltext zählt. " * 3 + "</p>"
    "<p><em>Jane Doe</em></p><div></div><span>  </span><p>Jane Doe</p></div>",
    "<div><p>" + "A long paragraph of the story, long enough to count as body text here. " * 3 + "</p>"
    "<p>" + "Another long paragraph of the story, long enough to count as body text. " * 3 + "</p>"
    "<p>x</p><p>y</p><p>z</p><p>w</p><p>v</p></div>",
]


def _pages() -> list[LexborHTMLParser]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.iterdir())] + CRAFTED
    return [LexborHTMLParser(t) for t in texts]


def test_last_blocks_read_from_the_end_agree_with_all_blocks() -> None:
    checked = 0
    for tree in _pages():
        for body in tree.css("div, article, section, body"):
            for count in (1, 4):
                fast = html_bylines._last_blocks(body, count)
                plain = html_bylines._last_blocks_plain(body, count)
                assert [n.mem_id for n in fast] == [n.mem_id for n in plain]
                checked += bool(plain)
    assert checked > 50  # bodies with signature blocks were compared, not only empty ones


def test_cjk_lead_guard_keeps_every_cjk_lead() -> None:
    for word in html_bylines.lexicon_words("byline", "cjk_leads"):
        assert html_bylines._BYLINE_LEAD.match(f" {word}：山田太郎"), word


LINES = [
    "<div><h1>Eine Meldung</h1>\n  <p>\n    <span>Von Jane Doe</span>\n  </p>\n</div>",
    "<div><h1>A story</h1>\n<p>04.02.2022 | 13:10 Uhr | Jane Doe</p></div>",
    "<div><h1>Die Meldung</h1>" + "<p>\n  <span>x</span>\n</p>" * 400 + "<p>Von Jane Doe</p></div>",
    "<div><h1>Die Meldung</h1>" + "<p>\n  <span>x</span>\n</p>" * 250 + "<p>Von Jane Doe</p></div>",
    "<div><h1>ロンドン</h1>\n <p>【ロンドン＝岡田浩幸】１０日に</p></div>",
]


def test_byline_line_passing_over_white_space_agrees_with_the_plain_walk() -> None:
    """Also where the line stands past MAX_TEXT_NODES only when white-space text nodes are counted."""
    checked = found = 0
    for tree in _pages() + [LexborHTMLParser(t) for t in LINES]:
        for root in tree.css("div, article, section, main, body"):
            for explicit in (False, True):
                fast = html_bylines._byline_line(root, explicit)
                assert fast == html_bylines._byline_line_plain(root, explicit)
                checked += 1
                found += bool(fast)
    assert checked > 300 and found > 10


def test_the_node_limit_counts_white_space_text_nodes() -> None:
    near = LexborHTMLParser(LINES[3]).css_first("div")
    far = LexborHTMLParser(LINES[2]).css_first("div")
    assert html_bylines._byline_line(near) and not html_bylines._byline_line(far)
