"""The closing-tag search started near the text's end (``tag_end``) finds what the plain search finds."""

import re
import sys
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scraper.normalize import syndication
from scraper.normalize.text import canonical

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"

CRAFTED = [
    "", ".", " . ", "(dpa)", "Text (dpa).", "Text (dpa) . .", "Text ends here. AFP", "Text ends here. AFP...",
    "Der Text endet hier. (ats/nxp)", "Der Text endet. aja/PAP", "Ein Satz mit a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t",
    "x" * 80 + "/" + "y" * 80, "Satz. " + "w" * 30, "Satz (" + "z" * 40 + ")", "Satz (" + "z" * 41 + ")",
    "Satz (" + "z" * 39 + ") \n", "Word_with_underscore/also.", "Zahl ٣/٤ . ", "Ende.\u00a0(KNA)\u2003.", "Ende (a(b)c)",
    "Die Meldung endet.» dpa-AFX", "Wort—(ap/afp)", "Fin de l’article. (AFP/Reuters).\n", "ends with slash/",
    "A (tag) then more text. (x)", "The story closes here (Reuters)  \n", "quote.\" ots",
]


def _texts() -> list[str]:
    texts = list(CRAFTED)
    for page in sorted(FIXTURES.iterdir()):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8", errors="replace"))
        texts += [canonical(n.text(deep=True)) for n in tree.css("p, div, li, span, em, small")]
    return texts


def test_tag_end_finds_what_the_plain_search_finds() -> None:
    found = 0
    for text in _texts():
        for cut in (len(text), len(text) - 1, len(text) - 2):  # also the text without its last characters
            t = text[: max(0, cut)]
            fast, plain = syndication.tag_end(t), syndication._TAG_END.search(t)
            assert (fast and (fast.span(), fast.groupdict())) == (plain and (plain.span(), plain.groupdict())), t
            found += plain is not None
    assert found > 50  # tags of every shape were compared, not only misses


def test_the_scan_classes_are_the_patterns_classes() -> None:
    """``tag_end`` walks back over ``[.\\s]`` and ``[\\w./-]`` with str methods: the same characters."""
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert (re.fullmatch(r"[.\s]", c) is not None) == (c == "." or c.isspace()), hex(code)
        assert (re.fullmatch(r"[\w./-]", c) is not None) == (c.isalnum() or c in "_./-"), hex(code)


def test_searches_behind_their_required_strings_find_what_the_plain_searches_find() -> None:
    data = syndication.syndication_data()
    patterns = [syndication._PICTURE, data.republished, data.provided_by, data.cjk_source]
    crafted = ["This article originally appeared on Example News.", "THIS STORY FIRST APPEARED IN THE EXAMPLE TIMES",
               "Der Beitrag erschien zuerst bei Beispiel Online.", "© Provided by Example Wire", "Distributed by Example Content Agency, LLC.",
               "2017-03-10　来源：示例日报　作者：某某", "Foto: dpa", "PICTURE-ALLIANCE / Example", "İMAGE: Reuters", "ſhutterstock",
               "Bildquelle: privat", "Ein Gebäude (Illustration)", "Fotografía de archivo"]
    texts = crafted + [t.upper() for t in crafted] + _texts()
    hits = 0
    for pattern in patterns:
        fast = syndication._gated(pattern)
        for text in texts:
            got, want = fast(text), pattern.search(text)
            assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict())), (pattern.pattern[:40], text)
            hits += want is not None
    assert hits > 20
