"""The explain report without a browser: reading order, every removed block shown, escaping, CSP."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from selectolax.lexbor import LexborHTMLParser

import scraper
from scraper.blocks.text import text_to_blocks
from scraper.cli import main
from scraper.decode import decode
from scraper.model import Article
from scraper.normalize.text import canonical
from scraper.report import ReportSink
from scraper.report.catalogue import catalogue
from scraper.report.view import metadata, page_view, reading_order
from scraper.rules.engine import RuleContext, apply_rules
from report_pages import FIXTURES, HOSTILE

PAGES = sorted(FIXTURES.iterdir())


def _render(tmp_path, articles: list[Article]):
    path = tmp_path / "report.html"
    sink = ReportSink(path)
    for article in articles:
        sink.write(article)
    sink.close()
    return path.read_text(encoding="utf-8")


def _pages(html: str) -> list[LexborHTMLParser]:
    """Each page's <template>, parsed as the browser would clone it."""
    tree = LexborHTMLParser(html)
    return [LexborHTMLParser(t.html.split(">", 1)[1].rsplit("<", 1)[0]) for t in tree.css("template")]


@pytest.mark.parametrize("path", [p for p in PAGES if p.suffix == ".txt"], ids=lambda p: p.name)
def test_reading_order_is_the_block_order(path):
    """Removed blocks go back exactly where they stood: the text path's blocks, judged, in order."""
    text, _ = decode(path.read_bytes(), {})
    blocks = text_to_blocks(text)
    ctx = RuleContext(disabled=frozenset())
    ctx.plain_text = True
    apply_rules(blocks, ctx)
    article = scraper.clean(path.read_bytes(), source=str(path), explain=True)
    segments = reading_order(article.text, article.structure, article.removed, catalogue())
    expected = [(canonical(b.text), None) if b.kept else (b.text, b.removed_by) for b in blocks]
    expected = [(t, rule) for t, rule in expected if t or rule]
    assert [(s.text, s.rule.name if s.rule else None) for s in segments] == expected
    assert all(s.label == (s.rule.name if s.rule else None) for s in segments)


def test_every_removed_block_is_in_the_report_with_its_rule(tmp_path):
    articles = [scraper.clean(p.read_bytes(), source=str(p), explain=True) for p in PAGES]
    html = _render(tmp_path, articles)
    pages = _pages(html)
    assert len(pages) == len(articles)
    rules = catalogue()
    abouts = json.loads(LexborHTMLParser(html).css_first("#rules-data").text())
    for article, page in zip(articles, pages):
        cut = page.css(".cut")
        assert [(c.css_first(".tag").text(), c.css_first("del").text()) for c in cut] == \
            [(r["rule"], r["text"]) for r in article.removed]
        for c in cut:
            assert abouts[c.css_first(".tag").text()] == rules.get(c.css_first(".tag").text()).about
        kept = [p.text() for p in page.css(".kept")]
        assert "\n\n".join(k.removeprefix(m) for k, m in zip(kept, _marks(page))) == article.text


def _marks(page) -> list[str]:
    return [(p.css_first(".kind").text() if p.css_first(".kind") else "") for p in page.css(".kept")]


def test_hostile_page_is_shown_as_text(tmp_path):
    article = scraper.clean(HOSTILE, source="hostile.html", explain=True)
    assert "<script>alert(1)</script>" in article.text and article.removed
    html = _render(tmp_path, [article])
    tree = LexborHTMLParser(html)
    assert len(tree.css("script")) == 3  # the index, the rules' about texts, the report's own script
    assert tree.css_first("#index-data").text().count("<") == 0
    for node in tree.root.traverse():
        assert not any(name.lower().startswith("on") for name in node.attributes)
    page = _pages(html)[0]
    assert not page.css("script, img, [onerror]")
    assert "<script>alert(1)</script>" in page.body.text()
    assert "<img src=x onerror=alert(4)>" in page.body.text()


def test_csp_allows_exactly_the_inline_style_and_script(tmp_path):
    html = _render(tmp_path, [scraper.clean(PAGES[0].read_bytes(), explain=True)])
    tree = LexborHTMLParser(html)
    policy = tree.css_first("meta[http-equiv='Content-Security-Policy']").attributes["content"]
    assert "default-src 'none'" in policy

    def allowed(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"style-src {allowed(tree.css_first('style').text())};" in policy
    assert f"script-src {allowed(tree.css('script')[-1].text())};" in policy
    assert "http" not in html.split("<template", 1)[0].lower().replace("http-equiv", "")


def test_metadata_rows_show_provenance_and_runner_up_candidates():
    record = {"title": "Kept title", "authors": ["Jane Doe"], "provenance": {"title": "json-ld:headline"},
              "candidates": {"title": [{"value": "Lost title", "origin": "meta:og:title"}, ["Other", "html:h1"]]}}
    rows = {row.field: row for row in metadata(record)}
    assert (rows["title"].value, rows["title"].origin) == ("Kept title", "json-ld:headline")
    assert [(c.value, c.origin) for c in rows["title"].candidates] == [("Lost title", "meta:og:title"),
                                                                      ("Other", "html:h1")]
    assert rows["authors"].value == "Jane Doe" and rows["authors"].candidates == []
    flat = {"candidates": [{"field": "outlet", "value": "Lost Outlet", "origin": "url:domain"}]}
    assert [c.value for c in {r.field: r for r in metadata(flat)}["outlet"].candidates] == ["Lost Outlet"]


def test_words_removed_per_rule_add_up():
    article = scraper.clean((FIXTURES / "seed-001-newsletter-chrome.txt").read_bytes(), explain=True)
    view = page_view(0, article, catalogue())
    assert view.words_removed == sum(len(r["text"].split()) for r in article.removed)
    assert [b.words for b in view.bars] == sorted((b.words for b in view.bars), reverse=True)
    assert view.bars[0].share == 1.0


def test_error_records_get_a_page_and_an_index_line(tmp_path):
    failed = Article.failure("missing.html", "FileNotFoundError", "no such file <b>here</b>")
    html = _render(tmp_path, [failed, scraper.clean(PAGES[0].read_bytes(), explain=True)])
    page = _pages(html)[0]
    assert page.css_first(".error").text() == "FileNotFoundError: no such file <b>here</b>"
    assert '"error":"FileNotFoundError"' in html.replace(" ", "")


def test_cli_writes_a_report_of_a_directory_with_limit(tmp_path, capsys):
    out = tmp_path / "r" / "report.html"
    code = main(["explain", str(FIXTURES), "-o", str(out), "--limit", "5", "--workers", "1", "--no-progress"])
    assert code == 0
    assert len(_pages(out.read_text(encoding="utf-8"))) == 5
    assert "report: " in capsys.readouterr().err
    assert not list(out.parent.glob(".*part"))


def test_runner_up_candidates_of_a_real_record_are_shown(tmp_path):
    article = scraper.clean((FIXTURES / "meta-ap-local-paper.html").read_bytes(), explain=True)
    assert article.candidates and article.candidates.get("authors")
    page = _pages(_render(tmp_path, [article]))[0]
    rows = {r.css_first("th").text(): r for r in page.css(".meta tbody tr")}
    shown = [c.text() for c in rows["authors"].css(".cand")]
    assert shown == [f"{c['value']} {c['origin']}" for c in article.candidates["authors"]]


def test_cli_takes_archives_urls_and_missing_files_alike(tmp_path, capsys):
    from fetch_server import LocalServer, article_html
    from warcfile import write_warc

    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [{"url": "https://example.org/a", "body": HOSTILE}])
    config = tmp_path / "config.toml"
    config.write_text("[fetch]\nper_host_delay = 0.0\nretries = 0\ntotal_timeout = 5.0\n")
    out = tmp_path / "report.html"
    with LocalServer() as site:
        site.page("/story", article_html("Harbour story over the wire"))
        code = main(["explain", str(warc), str(tmp_path / "missing.html"), site.url("/story"), "-o", str(out),
                     "--config", str(config), "--workers", "1", "--no-progress"])
    assert code == 1  # one input failed, as with clean
    html = out.read_text(encoding="utf-8")
    rows = json.loads(LexborHTMLParser(html).css_first("#index-data").text())
    assert [(r["title"], r["error"]) for r in rows] == [
        ("Hostile </template><script>alert(1)</script> headline", ""), ("", "FileNotFoundError"),
        ("Harbour story over the wire", "")]
    assert len(_pages(html)) == 3
