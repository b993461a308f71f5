"""The host a page's metadata speaks for: a web archive's copy speaks for the archived page."""

from __future__ import annotations

import pytest

from scraper.normalize.address import archived_address, capture_time, host_of


@pytest.mark.parametrize(("url", "original"), [
    ("https://web.archive.example/web/20160330101229/http://kuchen.example/rezept", "http://kuchen.example/rezept"),
    ("https://web.archive.example/web/20160330101229id_/https://www.kuchen.example/a?b=1",
     "https://www.kuchen.example/a?b=1"),
    ("http://arquivo.example/wayback/20091001000000/http://www.jornal.example/", "http://www.jornal.example/"),
    ("https://web.archive.example/web/20160330101229/http:/kuchen.example:8080/a", "http://kuchen.example:8080/a"),
])
def test_an_archived_copys_address_holds_the_original(url, original):
    assert archived_address(url) == original
    assert host_of(url) == original.split("/")[2].split(":")[0].lower()


@pytest.mark.parametrize("url", [
    "https://www.zeitung.example/2021/20210305/story",
    "https://zeitung.example/news/20210305123456/foo.bar/baz",  # a long article number before a dotted path
    "https://zeitung.example/",
])
def test_an_ordinary_address_is_its_own(url):
    assert archived_address(url) is None
    assert host_of(url) == url.split("/")[2]


def test_an_archived_copys_capture_time():
    assert capture_time("https://web.archive.example/web/20160330101229id_/http://kuchen.example/") == \
        "2016-03-30T10:12:29+00:00"
    assert capture_time("https://kuchen.example/2016/03/30/rezept") is None
