"""Every Python example in docs/python.md runs, as written, against a local server standing in for
``news.example.com``; then what each example made is checked."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from fetch_server import LocalServer, article_html, running_threads

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "python.md"
HOST = "https://news.example.com"
BLOCKS = re.findall(r"^```python\n(.*?)^```", DOC.read_text(encoding="utf-8"), flags=re.M | re.S)


def _heading_of(block: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    before = text[:text.index(block)]
    return re.findall(r"^## (.+)$", before, flags=re.M)[-1]


@pytest.fixture(scope="module")
def site():
    with LocalServer() as srv:
        srv.page("/2024/harbour-ferry", article_html("Harbour ferry timetable agreed"))
        srv.page("/2024/port-strike", article_html("Port strike ends after talks", body_word="dock"))
        srv.page("/2024/night-market", article_html("Night market returns", body_word="market"))
        srv.page("/2024/missing", "<html><body>not here</body></html>", status=404)
        srv.page("/rss.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
                             f"<item><link>{srv.url('/2024/night-market')}</link></item></channel></rss>",
                 content_type="application/rss+xml")
        yield srv


def test_the_page_has_the_examples_the_docs_promise() -> None:
    headings = {_heading_of(block) for block in BLOCKS}
    for topic in ("One page you already have", "A URL", "A list of URLs, a feed, a sitemap",
                  "Inside an event loop", "A folder of dumps", "A WARC", "A pandas DataFrame"):
        assert topic in headings


@pytest.mark.parametrize("block", BLOCKS, ids=[_heading_of(b) for b in BLOCKS])
def test_example_runs(block: str, site: LocalServer, tmp_path: Path, monkeypatch, capsys) -> None:
    base = site.url("/").rstrip("/")
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    monkeypatch.chdir(tmp_path)
    threads = running_threads()
    namespace: dict[str, object] = {"__name__": "__docs__"}
    exec(compile(block.replace(HOST, base), str(DOC), "exec"), namespace)  # noqa: S102 - the docs' own code
    out = capsys.readouterr().out
    assert out.strip()
    heading = _heading_of(block)
    pages = len(os.listdir(ROOT / "fixtures" / "pages"))
    if heading == "One page you already have":
        assert namespace["article"].text and namespace["article"].error is None  # type: ignore[attr-defined]
    elif heading == "A URL":
        assert namespace["article"].title == "Harbour ferry timetable agreed"  # type: ignore[attr-defined]
    elif heading == "A list of URLs, a feed, a sitemap":
        assert namespace["records"].summary.ok == 3 and namespace["records"].summary.failed == 1  # type: ignore[attr-defined]
        assert "HTTPError" in out and "Night market returns" in out
    elif heading == "Inside an event loop":
        assert out.count("Port strike ends after talks") == 1 and out.count("Harbour ferry timetable agreed") == 2
    elif heading == "A folder of dumps":
        assert namespace["records"].summary.total == pages  # type: ignore[attr-defined]
    elif heading == "A WARC":
        assert out.count(" True") == 2 and "False" not in out
    elif heading == "A pandas DataFrame":
        assert len(namespace["df"]) == pages  # type: ignore[arg-type]
    elif heading == "Stories: copies, near-duplicates, rewrites":
        assert len(namespace["clustered"]) == pages and all("story" in r for r in namespace["clustered"])  # type: ignore[attr-defined]
    elif heading == "Writing files and resuming":
        assert len((tmp_path / "cleaned.jsonl").read_text().splitlines()) == pages
    assert running_threads() <= threads  # nothing left running
