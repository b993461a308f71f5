"""Decoding and canonical text: right characters out, whatever the bytes."""

from __future__ import annotations

import codecs
import unicodedata

import scraper
from scraper.decode import decode
from scraper.normalize.text import canonical

PARA = "Die Bürgermeisterin sagte, die Straße werde im Frühjahr für den Verkehr geöffnet, früher als geplant."


def page(charset_meta: str, body: str) -> str:
    return f'<html><head><meta charset="{charset_meta}"><title>Straße</title></head><body><article>' + \
        "".join(f"<p>{body} ({i})</p>" for i in range(5)) + "</article></body></html>"


def test_meta_charset_is_honoured():
    text, enc = decode(page("windows-1252", PARA).encode("cp1252"))
    assert PARA in text and enc == "cp1252"


def test_http_header_beats_meta():
    data = page("utf-8", PARA).encode("iso-8859-15")
    text, _ = decode(data, {"content-type": "text/html; charset=ISO-8859-15"})
    assert PARA in text


def test_lying_declaration_falls_back_to_detection():
    data = page("ascii", PARA).encode("utf-8")
    text, enc = decode(data)
    assert PARA in text


def test_bom_wins():
    text, enc = decode(codecs.BOM_UTF16_LE + page("utf-8", PARA).encode("utf-16-le"))
    assert PARA in text and enc == "utf-16"


def test_mojibake_is_repaired_and_quotes_stay_curly():
    broken = "The minister’s plan — “approved”".encode("utf-8").decode("cp1252", errors="ignore")
    assert broken.startswith("The ministerâ€™s")
    assert canonical(broken).startswith("The minister’s plan — “approved")


def test_text_is_nfc_without_invisible_characters():
    decomposed = unicodedata.normalize("NFD", "Café\u200b  déjà\u00a0vu")
    assert canonical(decomposed) == "Café déjà vu"


def test_article_from_cp1252_page_is_clean_nfc():
    article = scraper.clean(page("windows-1252", PARA).encode("cp1252"))
    assert PARA in article.text
    assert unicodedata.is_normalized("NFC", article.text)


def test_common_mojibake_shapes_are_repaired_and_clean_text_untouched():
    for broken, fixed in [("CafÃ© owners", "Café owners"), ("naÃ¯ve Ã  la carte", "naïve à la carte"),
                          ("Ã‰tÃ© Ã  ZÃ¼rich", "Été à Zürich")]:
        assert canonical(broken) == fixed
    clean = "Straße, façade, señor, Łódź, Ελλάδα, 東京 — “quoted” ‘text’ …"
    assert canonical(clean) == clean


def test_text_dump_quoting_a_little_markup_stays_a_text_dump():
    from scraper.sniff import looks_like_html

    prose = "Neulich, an einem Dienstagabend im März, fuhr ich zu einem Presse-Event ins Münchner Lehel.\n" * 40
    quoted = '<p></p><a class="continue-reading" href="https://example.com/2015/10/28/a-long-story-slug/">Weiter</a>' * 3
    assert not looks_like_html(prose + quoted + prose)
    assert looks_like_html("<p>Short fragment.</p><p>Another one.</p><ul><li>a</li><li>b</li></ul>")
