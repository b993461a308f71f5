"""The parse from the page's own bytes (a UTF-8 page decoded without repair) is the parse of its text."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

import scraper
import scraper.pipeline as pipeline
from scraper.model import Page

BODY = ("<html><head><meta charset='{cs}'><title>Städtische Brücke öffnet</title></head><body><article>"
        "<h1>Städtische Brücke öffnet</h1>"
        + "".join(f"<p>Absatz {i}: Die Brücke über die Förde öffnete am Montag nach acht Monaten — "
                  f"„endlich“, sagte die Bürgermeisterin.</p>" for i in range(6))
        + "</article></body></html>")


def _pages() -> list[bytes]:
    text = BODY.format(cs="utf-8")
    return [
        text.encode("utf-8"),                                  # UTF-8: the bytes are the parser's input
        b"\xef\xbb\xbf" + text.encode("utf-8"),                # a BOM: decoded text differs from the bytes
        BODY.format(cs="windows-1252").encode("cp1252"),       # another encoding
        text.encode("utf-8").replace(b"\xc3\xb6", b"\xc3", 1),  # a stray byte, replaced
        text.encode("utf-8").replace(b"</title>", b"", 1),  # a lost </title>, mended before parsing
        BODY.format(cs="utf-8").encode("ascii", "xmlcharrefreplace"),  # plain ASCII
    ]


@pytest.mark.parametrize("data", _pages())
def test_records_are_the_same_whichever_input_the_parser_reads(data, monkeypatch):
    config = scraper.load_config()
    fast = pipeline.process(Page(source="p", data=data), config).to_dict()
    monkeypatch.setattr(pipeline, "parse_html", lambda text, *args: LexborHTMLParser(text))
    plain = pipeline.process(Page(source="p", data=data), config).to_dict()
    assert fast == plain
    assert "Bürgermeisterin" in fast["text"]


def test_the_bytes_are_read_only_when_they_are_the_text():
    text = BODY.format(cs="utf-8")
    raw = text.encode("utf-8")
    assert pipeline.parse_html(text, raw, "utf-8", 0).html == LexborHTMLParser(text).html
    # any doubt (another encoding, a repair) parses the text itself, whatever bytes are given
    assert "Brücke" in pipeline.parse_html(text, b"<p>other</p>", "cp1252", 0).html
    assert "Brücke" in pipeline.parse_html(text, b"<p>other</p>", "utf-8", 1).html
    assert "Brücke" in pipeline.parse_html(text, None, "utf-8", 0).html
