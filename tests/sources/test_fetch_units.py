"""Fetcher policies that need no server: URL normalization, Retry-After, body decoding, feed/sitemap parsing."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest

from scraper.sources.fetch.discover import NotAFeed, parse_discovery
from scraper.sources.fetch.retry import RetryPolicy, parse_retry_after
from scraper.sources.fetch.urls import UnsupportedScheme, normalize_url, unique
from scraper.sources.http_body import BodyTooLarge, ContentDecoder, decode_content_encoding


@pytest.mark.parametrize("given, expected", [
    ("HTTP://Example.COM:80/a b/%7euser?utm_source=x&b=2&a=1#frag", "http://example.com/a%20b/~user?b=2&a=1"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com:443/x?fbclid=abc&gclid=1", "https://example.com/x"),
    ("https://example.com:8443/x/%2f", "https://example.com:8443/x/%2F"),
    ("https://bücher.de/ä", "https://xn--bcher-kva.de/%C3%A4"),
])
def test_normalize_url(given: str, expected: str) -> None:
    assert normalize_url(given) == expected


@pytest.mark.parametrize("url", ["ftp://example.com/x", "javascript:alert(1)", "file:///etc/passwd", "/relative"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(UnsupportedScheme):
        normalize_url(url)


def test_unique_keeps_first_spelling_and_reports_bad_urls() -> None:
    out = list(unique(["https://a.com/x?utm_medium=m", "HTTPS://A.com/x#top", "ftp://a.com/", "https://a.com/y"]))
    assert [(raw, norm) for raw, norm, _ in out] == [
        ("https://a.com/x?utm_medium=m", "https://a.com/x"), ("ftp://a.com/", None), ("https://a.com/y", "https://a.com/y")]
    assert isinstance(out[1][2], UnsupportedScheme)


def test_retry_after_seconds_and_date() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert parse_retry_after("soon") is None
    policy = RetryPolicy(retries=3, base=1.0, ceiling=5.0)
    assert policy.delay(0, "120") == 5.0  # never beyond the ceiling
    assert all(2.0 <= policy.delay(2) <= 4.0 for _ in range(50))  # base * 2**2 with jitter in [half, full]
    assert policy.delay(10) <= 5.0
    assert policy.retryable_status(429) and policy.retryable_status(503) and policy.retryable_status(408)
    assert not policy.retryable_status(404) and not policy.retryable_status(403)


@pytest.mark.parametrize("coding, compress", [
    ("gzip", gzip.compress), ("br", brotli.compress), ("deflate", zlib.compress),
    ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as some servers send
])
def test_content_decoding_in_chunks(coding: str, compress) -> None:
    body = ("<p>caf\u00e9 " * 5000 + "</p>").encode()
    wire = compress(body)
    decoder = ContentDecoder({"content-encoding": coding}, max_bytes=10**6)
    for i in range(0, len(wire), 100):
        decoder.feed(wire[i:i + 100])
    assert decoder.finish() == body
    assert decode_content_encoding({"Content-Encoding": coding}, wire) == body


@pytest.mark.parametrize("coding, compress", [("gzip", gzip.compress), ("br", brotli.compress)])
def test_compression_bomb_is_stopped(coding: str, compress) -> None:
    wire = compress(b"\0" * 5_000_000)
    decoder = ContentDecoder({"content-encoding": coding}, max_bytes=100_000)
    with pytest.raises(BodyTooLarge):
        decoder.feed(wire)
        decoder.finish()


def test_decode_is_lenient_for_archives() -> None:
    assert decode_content_encoding({"content-encoding": "gzip"}, b"<html>already decoded</html>") == \
        b"<html>already decoded</html>"
    assert decode_content_encoding({}, b"plain") == b"plain"


def test_sitemap_news_and_image_extensions() -> None:
    doc = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
      <url><loc> https://a.com/x </loc><image:image><image:loc>https://a.com/i.jpg</image:loc></image:image>
      <news:news><news:title>T</news:title></news:news></url><url><loc>/rel</loc></url></urlset>"""
    found = parse_discovery(doc, "https://a.com/sitemap.xml")
    assert found.pages == ["https://a.com/x", "https://a.com/rel"] and found.sitemaps == []


def test_feeds_rss_atom_rdf_and_gzip_index() -> None:
    rss = b"<rss version='2.0'><channel><link>https://a.com/</link><item><link>https://a.com/1</link></item>" \
          b"<item><guid isPermaLink='true'>https://a.com/2</guid></item></channel></rss>"
    assert parse_discovery(rss, "https://a.com/feed").pages == ["https://a.com/1", "https://a.com/2"]
    atom = b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><link rel='self' href='/s'/><link href='/e1'/></entry></feed>"
    assert parse_discovery(atom, "https://a.com/f").pages == ["https://a.com/e1"]
    rdf = (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'>"
           b"<item rdf:about='https://a.com/r1'><title>x</title></item></rdf:RDF>")
    assert parse_discovery(rdf, "https://a.com/").pages == ["https://a.com/r1"]
    index = gzip.compress(b"<sitemapindex><sitemap><loc>https://a.com/s1.xml.gz</loc></sitemap></sitemapindex>")
    assert parse_discovery(index, "https://a.com/").sitemaps == ["https://a.com/s1.xml.gz"]


@pytest.mark.parametrize("junk", [b"", b"<html><body>hi</body></html>", b"\x00\x01\x02garbage"])
def test_junk_is_not_a_feed(junk: bytes) -> None:
    with pytest.raises(NotAFeed):
        parse_discovery(junk, "https://a.com/")
