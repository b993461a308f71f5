"""The markup scans of syndication.py: the fast source-line search agrees with the plain pattern scan."""

from pathlib import Path

from scraper.normalize import syndication

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"

CRAFTED = [
    "<div><p>Story text.</p><p>Quelle: <a href='/x'>Kathpress</a></p></div>",
    "<p>SOURCE :&nbsp;<strong>Agence Exemple</strong> </p><p>Fuente: Agencia Ejemplo</p>",
    "<p>İstanbul</p><p>Kaynak: Örnek Ajansı</p>",  # lower-casing changes the length: the plain path
    "<script>var source = {a: 1}</script><span>source:</span>",
]


def names(matches) -> list[str]:
    return [m.group("name") for m in matches]


def test_fast_source_scan_agrees_with_the_plain_pattern() -> None:
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.iterdir())] + CRAFTED
    found = 0
    for markup in pages:
        fast = names(syndication._source_matches(markup))
        assert fast == names(syndication._markup_source().finditer(markup))
        found += bool(fast)
    assert found >= 3  # the crafted lines are found, so agreement is not agreement on nothing


def test_provider_precheck_keeps_the_credit() -> None:
    markup = "<div><span>© Provided by Prairie Ledger</span></div>"
    assert [e.value for e in syndication.provider_markup_evidence(markup, set())] == ["Prairie Ledger"]
    assert syndication.provider_markup_evidence("<p>No credit here.</p>", set()) == []


def test_long_white_space_runs_take_linear_time() -> None:
    """A hostile page: the scans' patterns hold no two adjacent white-space loops, so a long run of spaces
    after a tag costs one pass, not one per starting space."""
    import time

    spaces = " " * 200_000
    markup = f"<p>provided by{spaces}x</p><div>{spaces}</div><p>Source:{spaces}</p><span>© {spaces}"
    started = time.process_time()
    syndication.provider_markup_evidence(markup, set())
    syndication.source_line_evidence(markup, set())
    syndication.markup_evidence(markup, set())
    assert time.process_time() - started < 2.0
