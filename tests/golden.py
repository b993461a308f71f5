"""Golden fixtures: every input page in fixtures/pages/ with its expected record.

``fixtures/pages/NAME.EXT`` (HTML, text dump, .gz, ...) is cleaned and compared
with ``fixtures/expected/NAME.json``. The expected record's ``url`` is the URL
the page is cleaned with (pages whose metadata depends on their address).

After a deliberate change in output, rewrite the expected records and review
the diff (``git diff fixtures/``)::

    .venv/bin/python tests/golden.py                 # every fixture
    .venv/bin/python tests/golden.py NAME [--url URL] # one fixture (a new one needs its URL here)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "fixtures" / "pages"
EXPECTED = ROOT / "fixtures" / "expected"
sys.path.insert(0, str(ROOT))

import scraper  # noqa: E402

# Fields that describe the run, not the page.
VOLATILE = ("fetched_at",)


def fixture_name(page: Path) -> str:
    return page.name.split(".")[0]


def inputs() -> list[Path]:
    return sorted(p for p in PAGES.iterdir() if p.is_file() and not p.name.startswith("."))


def expected_path(page: Path) -> Path:
    return EXPECTED / f"{fixture_name(page)}.json"


def expected_record(page: Path) -> dict:
    return json.loads(expected_path(page).read_text(encoding="utf-8"))


def record_for(page: Path, url: str | None) -> dict:
    article = scraper.clean(page.read_bytes(), url=url, source=f"fixtures/pages/{page.name}")
    record = article.to_dict()
    for key in VOLATILE:
        record.pop(key, None)
    return record


def write_expected(page: Path, url: str | None = None) -> Path:
    path = expected_path(page)
    if url is None and path.exists():
        url = expected_record(page).get("url")
    path.write_text(json.dumps(record_for(page, url), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="fixture names (default: all)")
    parser.add_argument("--url", help="URL to clean the named fixture with")
    args = parser.parse_args()
    pages = inputs()
    if args.names:
        pages = [p for p in pages if fixture_name(p) in args.names]
    for page in pages:
        print(f"wrote {write_expected(page, args.url).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
