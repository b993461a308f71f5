"""Writers for records: JSON Lines (resumable), plain text, Markdown.

A JSON Lines file is written one whole line per ``write`` call and flushed, so
an interrupted run leaves at most a torn last line, which ``resume`` cuts off.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO, Protocol

from .model import Article


class Sink(Protocol):
    def write(self, article: Article) -> None: ...
    def close(self) -> None: ...


def _open(path: str | None) -> IO[str]:
    if path is None or path == "-":
        return sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return open(path, "a", encoding="utf-8")


def record_line(article: Article) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


class JsonlSink:
    """One JSON object a line."""

    def __init__(self, path: str | None) -> None:
        self.stream = _open(path)

    def write(self, article: Article) -> None:
        self.stream.write(record_line(article))
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not sys.stdout:
            self.stream.close()


class TextSink:
    """Title, blank line, text; records separated by a form feed line."""

    def __init__(self, path: str | None) -> None:
        self.stream = _open(path)
        self.first = True

    def write(self, article: Article) -> None:
        if not self.first:
            self.stream.write("\f\n")
        self.first = False
        if article.error:
            self.stream.write(f"# error in {article.source}: {article.error['type']}: {article.error['message']}\n")
        else:
            head = f"{article.title}\n\n" if article.title else ""
            self.stream.write(f"{head}{article.text}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not sys.stdout:
            self.stream.close()


class MarkdownSink(TextSink):
    """A Markdown document per record: title, a metadata line, then the text with its structure."""

    _PREFIX = {"heading": "## ", "list_item": "- ", "quote": "> "}

    def write(self, article: Article) -> None:
        if not self.first:
            self.stream.write("\n---\n\n")
        self.first = False
        if article.error:
            self.stream.write(f"<!-- error in {article.source}: {article.error['type']}: {article.error['message']} -->\n")
            self.stream.flush()
            return
        if article.title:
            self.stream.write(f"# {article.title}\n\n")
        meta = [", ".join(article.authors), article.syndication or "", article.outlet or "", article.published or ""]
        if any(meta):
            self.stream.write("*" + " · ".join(m for m in meta if m) + "*\n\n")
        paragraphs = article.text.split("\n\n") if article.text else []
        kinds = article.structure or ["paragraph"] * len(paragraphs)
        for kind, para in zip(kinds, paragraphs):
            self.stream.write(self._PREFIX.get(kind, "") + para + "\n\n")
        self.stream.flush()


class ListSink:
    """Records kept in memory as dicts, for library use (``run(pages, ListSink(), config)``) and tests."""

    def __init__(self) -> None:
        self.records: list[dict] = []

    def write(self, article: Article) -> None:
        self.records.append(article.to_dict())

    def close(self) -> None:
        pass


SINKS = {"jsonl": JsonlSink, "text": TextSink, "markdown": MarkdownSink}


def open_sink(fmt: str, path: str | None) -> Sink:
    return SINKS[fmt](path)


def resume(path: str) -> set[str]:
    """Prepare ``path`` for a rerun; returns the sources already done.

    A torn last line is cut off, and failed records are dropped from the file so
    their sources run again, leaving one record per source.
    """
    if not os.path.exists(path):
        return set()
    done: set[str] = set()
    kept: list[str] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break  # torn by an interrupted write
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("error") is None and "source" in record:
                done.add(record["source"])
                kept.append(line)
    tmp = f"{path}.resume-tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.writelines(kept)
    os.replace(tmp, path)
    return done
