"""The fetcher against a real HTTP server on 127.0.0.1: every fault ends as a record, nothing hangs."""

from __future__ import annotations

import dataclasses
import gzip
import threading
import time

import pytest

from fetch_server import RequestHandler, LocalServer, article_html
from scraper.config import Config, FetchSettings
from scraper.sources.fetch import PageStream
from scraper.model import Page
from scraper.pipeline import process

FAST = FetchSettings(per_host_delay=0.0, connect_timeout=1.0, read_timeout=0.4, total_timeout=3.0, retries=2,
                     backoff_base=0.01, backoff_max=2.0, max_body_bytes=200_000, concurrency=4,
                     per_host_concurrency=4)


def fetch(urls: list[str], settings: FetchSettings = FAST, **kw) -> dict[str, Page]:
    return {page.source: page for page in PageStream(urls, settings, **kw)}


def with_(**changes) -> FetchSettings:
    return dataclasses.replace(FAST, **changes)


@pytest.fixture()
def server():
    with LocalServer() as srv:
        yield srv


def test_html_page_becomes_an_article(server: LocalServer) -> None:
    server.page("/a", article_html("Ferry plan agreed"))
    page = fetch([server.url("/a")])[server.url("/a")]
    assert page.error is None and page.status == 200 and page.final_url == server.url("/a")
    assert page.headers["content-type"].startswith("text/html")
    article = process(page, Config())
    assert article.title == "Ferry plan agreed" and "new ferry timetable" in article.text
    assert "Copyright" not in article.text
    ua = server.hits[-1][2]["User-Agent"]
    assert ua == FAST.user_agent


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_compressed_bodies_are_decoded(server: LocalServer, coding: str) -> None:
    html = article_html("Compressed", sentences=30)
    server.page("/c", html, encoding=coding)
    page = fetch([server.url("/c")])[server.url("/c")]
    assert page.error is None and page.data == html.encode()
    assert coding in server.hits[-1][2]["Accept-Encoding"]


def test_redirect_chain_keeps_requested_and_final_url(server: LocalServer) -> None:
    server.redirect("/r1", "/r2")
    server.redirect("/r2", server.url("/r3"), status=302)
    server.redirect("/r3", "/final?x=1", status=308)
    server.page("/final", article_html("Landed"))
    given = server.url("/r1") + "#top"
    page = fetch([given])[given]
    assert page.error is None
    assert page.url == server.url("/r1") and page.final_url == server.url("/final?x=1")


def test_redirect_loop_and_too_many_redirects_are_errors(server: LocalServer) -> None:
    server.redirect("/l1", "/l2")
    server.redirect("/l2", "/l1")
    for i in range(5):
        server.redirect(f"/c{i}", f"/c{i + 1}")
    server.page("/c5", article_html("Far"))
    pages = fetch([server.url("/l1"), server.url("/c0")], with_(max_redirects=3))
    loop, chain = pages[server.url("/l1")], pages[server.url("/c0")]
    assert loop.error["type"] == "RedirectLoop" and server.count("/l1") == 1
    assert chain.error["type"] == "TooManyRedirects" and server.count("/c5") == 0


def test_redirect_to_another_scheme_is_refused(server: LocalServer) -> None:
    server.redirect("/ftp", "ftp://127.0.0.1/file")
    page = fetch([server.url("/ftp"), "ftp://127.0.0.1/x"])
    assert page[server.url("/ftp")].error["type"] == "UnsupportedScheme"
    assert page["ftp://127.0.0.1/x"].error["type"] == "UnsupportedScheme"


def test_404_is_an_error_record_without_retry(server: LocalServer) -> None:
    page = fetch([server.url("/missing")])[server.url("/missing")]
    assert page.error["type"] == "HTTPError" and "404" in page.error["message"]
    assert page.status == 404 and page.final_url == server.url("/missing")
    assert server.count("/missing") == 1
    assert process(page, Config()).to_dict()["status"] == 404


def test_500_then_success_is_retried(server: LocalServer) -> None:
    ok = article_html("Second time lucky")
    server.sequence("/flaky", lambda h: h.reply(500, b"oops"), lambda h: h.reply(200, ok.encode()))
    page = fetch([server.url("/flaky")])[server.url("/flaky")]
    assert page.error is None and page.status == 200 and server.count("/flaky") == 2


def test_persistent_503_gives_up_after_retries(server: LocalServer) -> None:
    server.page("/down", "busy", status=503)
    page = fetch([server.url("/down")])[server.url("/down")]
    assert page.error["type"] == "HTTPError" and page.status == 503
    assert server.count("/down") == FAST.retries + 1


def test_429_waits_for_retry_after(server: LocalServer) -> None:
    server.sequence("/limited", lambda h: h.reply(429, b"slow down", {"Retry-After": "1"}),
                    lambda h: h.reply(200, article_html("Patience").encode()))
    page = fetch([server.url("/limited")])[server.url("/limited")]
    first, second = server.times("/limited")
    assert page.error is None and second - first >= 0.9


def test_stalled_body_times_out_instead_of_hanging(server: LocalServer) -> None:
    server.stall("/stall")
    started = time.monotonic()
    page = fetch([server.url("/stall")], with_(retries=1))[server.url("/stall")]
    assert page.error["type"] in ("ReadTimeout", "TotalTimeout")
    assert time.monotonic() - started < 3.0 and server.count("/stall") == 2  # timeouts are retried


def test_total_timeout_bounds_a_slow_trickle(server: LocalServer) -> None:
    def trickle(h: RequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        for _ in range(100):  # a byte every 0.1 s: each read is quick, the whole is not
            if server.stopping.wait(0.1):
                return
            h.wfile.write(b"x")
            h.wfile.flush()

    server.routes["/trickle"] = trickle
    page = fetch([server.url("/trickle")], with_(total_timeout=0.5, retries=0))[server.url("/trickle")]
    assert page.error["type"] == "TotalTimeout"


def test_body_over_the_cap_is_aborted_while_streaming(server: LocalServer) -> None:
    sent = []

    def endless(h: RequestHandler) -> None:  # no Content-Length: the cap must act on the stream itself
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        chunk = b"<p>" + b"x" * 65_536 + b"</p>"
        try:
            for _ in range(800):  # 50 MB if nobody stops it
                h.wfile.write(chunk)
                sent.append(len(chunk))
        except OSError:
            pass
        h.close_connection = True

    server.routes["/huge"] = endless
    server.page("/big", "<p>" + "y" * 300_000 + "</p>")  # over the cap, announced by Content-Length
    server.page("/bomb", gzip.compress(b" " * 20_000_000), headers={"Content-Encoding": "gzip"})
    pages = fetch([server.url("/huge"), server.url("/big"), server.url("/bomb")], with_(retries=0))
    for path in ("/huge", "/big", "/bomb"):
        assert pages[server.url(path)].error["type"] == "BodyTooLarge", path
    time.sleep(0.2)
    assert sum(sent) < 20_000_000  # the client hung up long before the end


def test_pdf_is_an_error_record_not_a_parse(server: LocalServer) -> None:
    server.page("/doc.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    page = fetch([server.url("/doc.pdf")])[server.url("/doc.pdf")]
    assert page.error["type"] == "UnsupportedContentType" and "application/pdf" in page.error["message"]
    assert page.status == 200


def test_charset_only_in_meta_tag(server: LocalServer) -> None:
    title = "Новый паром"
    html = article_html(title, charset_meta="windows-1251", body_word="городской")
    server.page("/ru", html.encode("cp1251"), content_type="text/html")  # no charset in the header
    page = fetch([server.url("/ru")])[server.url("/ru")]
    assert page.data == html.encode("cp1251")  # raw bytes kept for a later re-decode
    article = process(page, Config())
    assert article.title == title and "городской" in article.text


def test_robots_txt_is_obeyed_and_fetched_once(server: LocalServer) -> None:
    server.page("/robots.txt", "User-agent: *\nDisallow: /private\n", content_type="text/plain")
    for i in range(4):
        server.page(f"/pub{i}", article_html(f"Public {i}"))
    server.page("/private/x", article_html("Secret"))
    urls = [server.url(f"/pub{i}") for i in range(4)] + [server.url("/private/x")]
    pages = fetch(urls, with_(respect_robots=True))
    assert pages[server.url("/private/x")].error["type"] == "RobotsDisallowed"
    assert server.count("/private/x") == 0
    assert all(pages[server.url(f"/pub{i}")].error is None for i in range(4))
    assert server.count("/robots.txt") == 1


def test_unreachable_robots_txt_means_stay_out(server: LocalServer) -> None:
    server.page("/robots.txt", "down", status=503)
    server.page("/a", article_html("A"))
    page = fetch([server.url("/a")], with_(respect_robots=True, retries=0))[server.url("/a")]
    assert page.error["type"] == "RobotsDisallowed" and server.count("/a") == 0


def test_feed_and_sitemap_index_expand_to_articles(server: LocalServer) -> None:
    rss = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>News</title>"
           f"<item><title>One</title><link>{server.url('/art/1')}</link></item>"
           f"<item><title>Two</title><link>/art/2?utm_source=rss</link></item></channel></rss>")
    server.page("/feed.xml", rss, content_type="application/rss+xml")
    index = (f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
             f"<sitemap><loc>{server.url('/sm1.xml.gz')}</loc></sitemap>"
             f"<sitemap><loc>{server.url('/news.xml')}</loc></sitemap></sitemapindex>")
    server.page("/sitemap.xml", index, content_type="application/xml")
    sm1 = (f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>{server.url('/art/3')}</loc></url>"
           f"<url><loc>{server.url('/art/2')}</loc></url></urlset>")
    server.page("/sm1.xml.gz", gzip.compress(sm1.encode()), content_type="application/x-gzip")
    news = (f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url><loc>{server.url('/art/4')}</loc>"
            f"<news:news><news:title>Four</news:title></news:news></url></urlset>")
    server.page("/news.xml", news, content_type="text/xml")
    for i in range(1, 5):
        server.page(f"/art/{i}", article_html(f"Article {i}"))
    pages = fetch([], feeds=[server.url("/feed.xml")], sitemaps=[server.url("/sitemap.xml"), server.url("/nope.xml")])
    ok = sorted(p.url for p in pages.values() if p.error is None)
    assert ok == [server.url(f"/art/{i}") for i in range(1, 5)]
    assert all(server.count(f"/art/{i}") == 1 for i in range(1, 5))  # /art/2 listed twice, fetched once
    assert pages[server.url("/nope.xml")].error is not None  # a missing sitemap is a record too
    assert len(pages) == 5


def test_per_host_concurrency_and_delay(server: LocalServer) -> None:
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def slow(h: RequestHandler) -> None:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        server.stopping.wait(0.1)
        with lock:
            state["now"] -= 1
        h.reply(200, article_html("Slow").encode())

    for i in range(6):
        server.routes[f"/s{i}"] = slow
    fetch([server.url(f"/s{i}") for i in range(6)], with_(concurrency=6, per_host_concurrency=2))
    assert state["max"] == 2
    server.page("/d", article_html("D"))
    fetch([server.url(f"/d?n={i}") for i in range(3)], with_(per_host_delay=0.3))
    starts = server.times("/d?n=0") + server.times("/d?n=1") + server.times("/d?n=2")
    starts.sort()
    assert all(b - a >= 0.2 for a, b in zip(starts, starts[1:]))  # margin for a loaded machine


def test_robots_crawl_delay_spaces_requests(server: LocalServer) -> None:
    server.page("/robots.txt", "User-agent: *\nCrawl-delay: 0.3\n", content_type="text/plain")
    server.page("/p", article_html("P"))
    fetch([server.url(f"/p?n={i}") for i in range(3)], with_(respect_robots=True))
    starts = sorted(t for i in range(3) for t in server.times(f"/p?n={i}"))
    assert len(starts) == 3 and all(b - a >= 0.2 for a, b in zip(starts, starts[1:]))


def test_fetcher_stays_a_bounded_distance_ahead_of_a_slow_consumer(server: LocalServer) -> None:
    server.page("/q", article_html("Q"))
    stream = PageStream([server.url(f"/q?n={i}") for i in range(60)], with_(concurrency=2), buffer=4, window=8)
    pages = iter(stream)
    first = next(pages)
    time.sleep(0.5)  # a slow cleaner: the fetcher must wait, not buffer the whole list
    assert first.error is None and stream.fetched <= 16
    assert len([first, *pages]) == 60  # and it resumes when the consumer does


def test_urls_of_an_idle_host_overtake_those_waiting_for_a_busy_one(server: LocalServer) -> None:
    def slow(h: RequestHandler) -> None:
        server.stopping.wait(0.2)
        h.reply(200, article_html("Slow host").encode())

    server.routes["/slow"] = slow
    server.page("/fast", article_html("Fast host"))
    busy = [server.url(f"/slow?n={i}") for i in range(6)]  # one slot on this host: 1.2 s in all
    idle = [server.url(f"/fast?n={i}").replace("127.0.0.1", "localhost") for i in range(6)]  # another host name
    pages = fetch(busy + idle, with_(concurrency=4, per_host_concurrency=1))
    assert all(p.error is None for p in pages.values()) and len(pages) == 12
    fast_done = max(server.times(f"/fast?n={i}")[0] for i in range(6))
    assert fast_done < server.times("/slow?n=3")[0]  # not queued behind the slow host's URLs listed first
