"""Golden fixtures: every input in fixtures/pages/ with the record expected beside it.

``fixtures/pages/NAME.{html,txt,...}`` is cleaned and compared with
``fixtures/pages/NAME.expected.json``. An optional ``NAME.url`` file holds the
page URL the input is cleaned with. After a deliberate change in output, run

    .venv/bin/python tests/golden.py

to rewrite the expected records, and review the diff (`git diff fixtures/`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "fixtures" / "pages"
sys.path.insert(0, str(ROOT))

import scraper  # noqa: E402

# Fields that describe the run, not the page.
VOLATILE = ("fetched_at",)


def inputs() -> list[Path]:
    return sorted(p for p in PAGES.iterdir() if p.is_file() and not p.name.endswith((".expected.json", ".url")))


def expected_path(page: Path) -> Path:
    return page.with_name(page.name.split(".")[0] + ".expected.json")


def record_for(page: Path) -> dict:
    url_file = page.with_name(page.name.split(".")[0] + ".url")
    url = url_file.read_text().strip() if url_file.exists() else None
    article = scraper.clean(page.read_bytes(), url=url, source=f"fixtures/pages/{page.name}")
    record = article.to_dict()
    for key in VOLATILE:
        record.pop(key, None)
    return record


def main() -> None:
    for page in inputs():
        path = expected_path(page)
        path.write_text(json.dumps(record_for(page), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
