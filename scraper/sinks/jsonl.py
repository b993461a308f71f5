"""JSON Lines: one record a line; the resumable format.

Each record is written as one whole line and flushed, so an interrupted run
leaves at most a torn last line, which ``resume`` cuts off. The line is made by
``record_line``, a plain function, so worker processes can encode records and
the writing process only appends bytes.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO, Any

from ..model import Article
from .base import register


def record_line(article: Article) -> str:
    """The documented record: compact JSON, UTF-8 as is, one line."""
    return json.dumps(article.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


def encode_record(article: Article) -> bytes:
    return record_line(article).encode("utf-8", "surrogatepass")


def read_done(lines: Any) -> tuple[list[str], set[str], int]:
    """Whole lines worth keeping (successful records), their sources, and how many were dropped."""
    kept: list[str] = []
    done: set[str] = set()
    dropped = 0
    for line in lines:
        if not line.endswith("\n"):
            dropped += 1
            break  # torn by an interrupted write
        try:
            record = json.loads(line)
        except ValueError:
            dropped += 1
            continue
        if isinstance(record, dict) and record.get("error") is None and "source" in record:
            done.add(record["source"])
            kept.append(line)
        else:
            dropped += 1
    return kept, done, dropped


@register("jsonl", (".jsonl", ".ndjson"))
class JsonlSink:
    """One JSON object a line, appended to ``path`` (or standard output).

    ``fs`` (an fsspec filesystem) writes to any store instead: there the file is
    written whole under a temporary name and renamed by ``close``, since object
    stores cannot append.
    """

    encode = staticmethod(encode_record)

    def __init__(self, path: str | None, fs: Any = None) -> None:
        self.path = path
        self.fs = fs
        self.stream: IO[bytes] | None = None
        self.kept: list[str] = []
        self.dropped = -1
        """Records ``resume`` dropped (failed or torn); -1 when there was no earlier output."""

    def _out(self) -> IO[bytes]:
        if self.stream is None:
            if self.path is None or self.path == "-":
                sys.stdout.flush()
                self.stream = sys.stdout.buffer
            elif self.fs is not None:
                self.stream = self.fs.open(f"{self.path}.tmp", "wb")
                self.stream.write("".join(self.kept).encode("utf-8", "surrogatepass"))
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.stream = open(self.path, "ab")
        return self.stream

    def resume(self) -> set[str]:
        """Keep the successful records, drop failed ones (so they run again) and a torn last line."""
        if self.path is None or self.path == "-":
            return set()
        if self.fs is not None:
            if not self.fs.exists(self.path):
                return set()
            with self.fs.open(self.path, "rt", encoding="utf-8", errors="surrogateescape") as fh:
                self.kept, done, self.dropped = read_done(fh)
            return done
        if not os.path.exists(self.path):
            return set()
        with open(self.path, encoding="utf-8", errors="surrogateescape") as fh:
            kept, done, self.dropped = read_done(fh)
        tmp = f"{self.path}.resume-tmp"
        with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.writelines(kept)
        os.replace(tmp, self.path)
        return done

    def write(self, article: Article) -> None:
        self.write_encoded(encode_record(article))

    def write_encoded(self, chunk: bytes) -> None:
        out = self._out()
        out.write(chunk)
        out.flush()

    def close(self) -> None:
        if self.fs is not None:
            self._out().close()
            self.fs.mv(f"{self.path}.tmp", self.path)
        elif self.stream is not None and self.stream is not sys.stdout.buffer:
            self.stream.close()
        elif self.stream is not None:
            self.stream.flush()
