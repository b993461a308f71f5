"""``ReportSink``: records in, one self-contained HTML report out.

Each record is rendered as it arrives into an inert ``<template>`` (kept in a
temporary file, so memory stays flat however many pages); ``close`` writes the
shell around them: the index (as JSON the report's script pages through),
the rule tints, the CSP. The report is written to a temporary name and moved
into place, so a failed run never leaves half a report.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..model import Article
from .catalogue import Catalogue, catalogue
from .render import csp, static, template
from .view import page_view

MARKER = "<!--pages-->"
"""Where the pages go in the shell; page text can never hold it, since templates escape ``<``."""


class ReportSink:
    """A sink (``write``/``close``) that writes the explain report to ``path``."""

    def __init__(self, path: str | os.PathLike[str], rules: Catalogue | None = None) -> None:
        self.path = Path(path)
        self.rules = rules or catalogue()
        self.rows: list[dict] = []
        self.outcomes = {"ok": 0, "empty": 0, "failed": 0}
        self._pages = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._page = template("page.html.j2")

    def write(self, article: Article) -> None:
        view = page_view(len(self.rows), article, self.rules)
        self._pages.write(self._page.render(p=view))
        self.rows.append(view.index_row())
        self.outcomes[article.outcome] += 1

    def resume(self) -> set[str]:
        """A report is written whole each run: nothing to resume."""
        return set()

    def close(self) -> None:
        try:
            if self._pages.closed:
                return
            style = static("report.css") + self.rules.css()
            script = static("report.js")
            used = {name for row in self.rows for name in row["rules"]}
            shell = template("report.html.j2").render(
                csp=csp(style, script), style=style, script=script, rows=self.rows, outcomes=self.outcomes,
                rules=[r for r in self.rules.rules.values() if r.name in used], abouts=self.rules.abouts(),
                errors=sorted({row["error"] for row in self.rows if row["error"]}),
                kept=sum(r["kept"] for r in self.rows), removed=sum(r["removed"] for r in self.rows))
            head, tail = shell.split(MARKER, 1)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.part")
            with open(tmp, "w", encoding="utf-8") as out:
                out.write(head)
                self._pages.seek(0)
                shutil.copyfileobj(self._pages, out, 1 << 20)
                out.write(tail)
            os.replace(tmp, self.path)
        finally:
            self._pages.close()
