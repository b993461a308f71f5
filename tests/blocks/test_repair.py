"""A never-closed <title> must not swallow the page's article."""

import scraper
from scraper.blocks.repair import close_raw_text

STORY = "".join(f"<p>Paragraph {i} of the harbour story tells what the council decided and why it matters.</p>"
                for i in range(6))


def test_unclosed_title_is_closed_at_end_of_line():
    html = "<html><head><title>Harbour plan approved\n<script>var a = 1;</script></head><body>" + STORY + "</body></html>"
    fixed = close_raw_text(html)
    assert "<title>Harbour plan approved</title>\n" in fixed
    article = scraper.clean(html.encode())
    assert "Paragraph 5 of the harbour story" in article.text
    assert article.title == "Harbour plan approved"


def test_closed_title_untouched():
    html = "<html><head><title>A\nB</title></head><body>" + STORY + "</body></html>"
    assert close_raw_text(html) == html


def test_mangled_closing_tag_counts_as_lost():
    html = "<html><head><title>\nHarbour plan approved</title<>\n<meta name=x></head><body>" + STORY + "</body></html>"
    assert "<title>\nHarbour plan approved</title>" in close_raw_text(html)
    assert "Paragraph 5 of the harbour story" in scraper.clean(html.encode()).text


def test_a_script_address_left_open_does_not_swallow_the_article():
    """The quote of a script's address lost at a line end: the tag then ends at the next quote,
    far down, and the script's raw text runs over the article to the next </script>."""
    head = ('<html><head><script type="text/javascript" src="/lib.backgroundColor=\'yellow\';\n'
            "  o2.style.color='black';\n}\n</script>\n"
            '<link href="/style.css" rel="stylesheet"></head><body><div class="story">')
    html = head + STORY + '</div><script src="/ads.js"></script></body></html>'
    article = scraper.clean(html.encode())
    assert "Paragraph 5 of the harbour story" in article.text


def test_script_addresses_broken_only_by_a_line_end_are_left_alone():
    from scraper.blocks.repair import close_script_src

    html = '<script async src="/bundle.js?v=1\n"></script><p>Text</p>'
    assert close_script_src(html) == html
