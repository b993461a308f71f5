"""The explain report in a real browser: Debian's chromium, driven by Playwright (no browser download).

Skipped, saying why, only where chromium is not installed; ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import scraper
from scraper.report import ReportSink
from scraper.report.catalogue import catalogue
from report_pages import FIXTURES, HOSTILE

ARTIFACTS = Path(os.environ.get("SCRAPER_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "out" / "test-artifacts"))
"""Where the screenshot of a fixture report is kept after the run."""


def _chromium() -> str | None:
    return os.environ.get("SCRAPER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")
    executable = _chromium()
    if executable is None:
        pytest.skip("chromium is not installed: `apt-get install chromium` (.ci/run does this), "
                    "or set SCRAPER_CHROMIUM to a Chromium binary")
    with sync_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])  # CI runs as root
        yield instance
        instance.close()


class Tab:
    """A browser tab that records console errors, uncaught exceptions and dialogs (alert, confirm)."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport={"width": 1100, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path, fragment: str = "") -> None:
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_load_state("load")


def _report(tmp_path: Path, articles) -> Path:
    path = tmp_path / "report.html"
    sink = ReportSink(path)
    for article in articles:
        sink.write(article)
    sink.close()
    return path


def test_fixture_report_in_chromium(browser, tmp_path):
    articles = [scraper.clean(p.read_bytes(), source=str(p), explain=True) for p in sorted(FIXTURES.iterdir())]
    pages = articles * 3  # over one screen of the index: the pager is exercised
    path = _report(tmp_path, pages)
    tab = Tab(browser)
    tab.open(path)
    page = tab.page
    assert page.locator("#rows tbody tr").count() == 100
    page.click("#next")
    assert page.locator("#rows tbody tr").count() == len(pages) - 100
    page.select_option("#f-rule", "donate-box")
    with_rule = [a for a in pages if any(r["rule"] == "donate-box" for r in a.removed)]
    assert page.locator("#rows tbody tr").count() == len(with_rule) > 0

    for n, article in enumerate(articles):  # every removed block, in place, under its rule's name
        page.evaluate(f"location.hash = '#page-{n}'")
        shown = page.eval_on_selector_all(
            "#view .cut", "els => els.map(e => [e.querySelector('.tag').textContent, "
                          "e.querySelector('del').textContent])")
        assert shown == [[r["rule"], r["text"]] for r in article.removed], article.source

    n = next(i for i, a in enumerate(articles) if a.source.endswith("html-extract-header-lead-tail-notes.html"))
    page.evaluate(f"location.hash = '#page-{n}'")
    block = page.locator("#view .cut").first
    rule = block.locator(".tag").inner_text()
    about = block.locator(".about")
    assert about.count() == 0
    block.hover()
    assert about.is_visible() and about.inner_text() == (catalogue().get(rule).about or "(no description)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report-fixture.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert tab.errors == [] and tab.dialogs == []


def test_hostile_page_runs_nothing(browser, tmp_path):
    article = scraper.clean(HOSTILE, source="hostile.html", explain=True)
    tab = Tab(browser)
    tab.open(_report(tmp_path, [article]))
    page = tab.page
    page.wait_for_selector("#view .page")
    text = page.inner_text("#view")
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(4)>" in text
    assert "</template><script>alert(1)</script>" in page.inner_text("#view .title")
    assert page.evaluate("document.scripts.length") == 3
    assert page.locator("img, [onerror], [onload], iframe").count() == 0
    assert tab.dialogs == [] and tab.errors == []
