"""The markup scans of syndication.py: the shared one-pass reader agrees with the plain readers."""

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scraper.normalize import syndication

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"

CRAFTED = [
    "<div><p>Story text.</p><p>Quelle: <a href='/x'>Kathpress</a></p></div>",
    "<p>SOURCE :&nbsp;<strong>Agence Exemple</strong> </p><p>Fuente: Agencia Ejemplo</p>",
    "<p>İstanbul</p><p>Kaynak: Örnek Ajansı</p>",  # lower-casing changes the length
    "<script>var source = {a: 1}</script><span>source:</span>",
    "<div><span>© Provided by Prairie Ledger</span></div><p>Source: AFP</p>",
    "<p>BERLIN (dpa) - Ein Satz mit genug Wörtern für eine Meldung aus der Hauptstadt heute.</p>",
    "<p>HAMBURG &ndash; Kein Kürzel, aber ein Strich aus einer Entität, und weitere Wörter hier.</p>",
    "<script>var a = 'originally appeared on Fake Site';</script>"
    "<p><em>This story originally appeared on <a href='https://grist.example'>Grist</a>.</em></p>",
    "<P>WASHINGTON (AP) — Upper-case paragraph tags still open a paragraph for the dateline reader.</P>",
    "<p>AFP Paris -\u00ad\u200b Ein Strich, dann unsichtbare Zeichen, dann ein Leerraum und mehr Wörter.</p>",
    "<p>AFP Paris -<b> </b>Ein Strich vor einem Tag, der einen Leerraum umschließt, und weitere Wörter.</p>",
    "<p>AFP Paris \u00e2\u20ac\u201d Ein Strich als Mojibake, aus UTF-8 als Latin-1 gelesen, und weitere Wörter.</p>",
    "<p>AFP Paris &#8212; Ein Strich aus einer Zahl-Entität, und weitere Wörter für die Meldung hier.</p>",
    "<p>AFP Paris-Nord ist ein Ort mit Bindestrich, aber ohne Strich vor einem Leerraum danach.</p>",
]


def both_paths(markup: str) -> tuple[list, list]:
    site: set[str] = set()
    plain = (syndication.source_line_evidence(markup, site) + syndication.provider_markup_evidence(markup, site)
             + syndication.markup_evidence(markup, site))
    tree = LexborHTMLParser(markup)
    fast = syndication.markup_syndication_evidence(markup, site, syndication.note_keys_text(tree))
    return plain, fast


def test_shared_pass_agrees_with_the_plain_readers() -> None:
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.iterdir())] + CRAFTED
    found = 0
    for markup in pages:
        plain, fast = both_paths(markup)
        assert fast == plain, markup[:80]
        found += bool(fast)
    assert found >= 6  # the crafted lines are found, so agreement is not agreement on nothing


def test_source_lines_in_order_without_overlap() -> None:
    markup = "<p>Quelle: Reuters</p><p>Source: AFP</p><p>Fuente: EFE</p><p>Kilde: NTB</p>"
    sources, provider = syndication._markup_lines(markup)
    assert [m.group("name") for m in sources] == ["Reuters", "AFP", "EFE", "NTB"]
    assert provider is None
    got = syndication.markup_syndication_evidence(markup, set())
    assert [(e.value, e.origin) for e in got] == [("Norsk Telegrambyrå", "html:source-line")]  # the last line


def test_provider_credit_found_once() -> None:
    markup = "<div><span>© Provided by Prairie Ledger</span></div>"
    assert [e.value for e in syndication.markup_syndication_evidence(markup, set())] == ["Prairie Ledger"]
    assert syndication.markup_syndication_evidence("<p>No credit here.</p>", set()) == []


def test_note_in_a_script_is_passed_over() -> None:
    markup = ("<script>window.x = 'originally appeared on Fake Site';</script>"
              "<p>This article originally appeared on Tidewater Courier.</p>")
    tree = LexborHTMLParser(markup)
    got = syndication.markup_syndication_evidence(markup, set(), syndication.note_keys_text(tree))
    assert [(e.value, e.origin) for e in got] == [("Tidewater Courier", "html:republished")]


def test_script_positions_agree_with_the_plain_check() -> None:
    markup = "<p>a</p><script>b originally</script><p>c originally</p><script>d<script>e originally"
    scripts = syndication._Scripts(markup)
    for pos in range(len(markup) + 1):
        assert scripts.holds(pos) == syndication._in_script(markup, pos), pos


def test_long_white_space_runs_take_linear_time() -> None:
    """A hostile page: the scans' patterns hold no two adjacent white-space loops, so a long run of spaces
    after a tag costs one pass, not one per starting space."""
    import time

    spaces = " " * 200_000
    markup = f"<p>provided by{spaces}x</p><div>{spaces}</div><p>Source:{spaces}</p><span>© {spaces}"
    started = time.process_time()
    syndication.markup_syndication_evidence(markup, set(), markup)
    syndication.provider_markup_evidence(markup, set())
    syndication.source_line_evidence(markup, set())
    syndication.markup_evidence(markup, set())
    assert time.process_time() - started < 2.0
