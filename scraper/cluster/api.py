"""Entry points: records in memory (``cluster``) and files to a file (``cluster_files``)."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any, Iterable

from ..model import Article
from ..sinks import open_sink
from ..sinks.jsonl import JsonlSink
from .local import stories_for
from .records import iter_records
from .settings import ClusterSettings, load_cluster_settings


@dataclass(slots=True)
class ClusterSummary:
    records: int = 0
    stories: int = 0
    grouped: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.records / self.seconds if self.seconds else 0.0
        return (f"{self.records} records in {self.stories} stories ({self.grouped} records share a story); "
                f"{self.seconds:.1f} s, {rate:.0f} records/s")


def cluster(records: Iterable[dict[str, Any]], settings: ClusterSettings | None = None) -> list[dict[str, Any]]:
    """The records (copied) with a ``story`` field each, in the same order."""
    records = list(records)
    stories = stories_for(records, settings or load_cluster_settings())
    return [{**r, "story": s} for r, s in zip(records, stories)]


def _summary(stories: list[dict[str, Any]], seconds: float) -> ClusterSummary:
    ids: dict[str, int] = {}
    for s in stories:
        ids[s["id"]] = ids.get(s["id"], 0) + 1
    return ClusterSummary(len(stories), len(ids), sum(n for n in ids.values() if n > 1), seconds)


_FIELDS = frozenset(f.name for f in dataclasses.fields(Article))
_SERIALISED = tuple(f.name for f in dataclasses.fields(Article) if f.name != "structure")
_ONLY_WHEN_SET = ("story", *Article.EXPLAIN_FIELDS)


def as_article(record: dict[str, Any]) -> Article:
    """A record dict back as an Article, for the sinks (keys that are not record fields are dropped)."""
    return Article(**{k: v for k, v in record.items() if k in _FIELDS})


def json_line(record: dict[str, Any]) -> bytes:
    """The line the JSON Lines sink writes for ``as_article(record)``, without ``Article.to_dict``'s deep
    copy: a record read from JSON holds only plain values, so a shallow copy serialises the same."""
    article = as_article(record)
    out = {name: getattr(article, name) for name in _SERIALISED}
    for name in _ONLY_WHEN_SET:
        if out[name] is None:
            del out[name]
    return (json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8", "surrogatepass")


def _write(sink: Any, records: Iterable[dict[str, Any]], chunk_bytes: int = 1 << 20) -> None:
    """Every record through the sink; JSON Lines as encoded lines, a chunk at a time (the output is
    rewritten whole on a rerun, so there is nothing to resume line by line)."""
    if not isinstance(sink, JsonlSink):
        for record in records:
            sink.write(as_article(record))
        return
    chunk: list[bytes] = []
    size = 0
    for record in records:
        line = json_line(record)
        chunk.append(line)
        size += len(line)
        if size >= chunk_bytes:
            sink.write_encoded(b"".join(chunk))
            chunk.clear()
            size = 0
    if chunk:
        sink.write_encoded(b"".join(chunk))


def cluster_files(paths: list[str], output: str | None, settings: ClusterSettings | None = None,
                  *, engine: str = "local", address: str | None = None, fmt: str | None = None
                  ) -> ClusterSummary:
    """Read records from ``paths`` (JSON Lines, .gz, ``-`` for stdin), write them back with ``story``
    through the sink for ``fmt`` (default: by the output's suffix, else JSON Lines).

    The inputs are read twice (features, then writing), so standard input is first spooled to a file.
    """
    settings = settings or load_cluster_settings()
    started = time.perf_counter()
    spool = None
    labels: dict[str, str] = {}
    if "-" in paths:
        spool = tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False)
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.close()
        paths = [spool.name if p == "-" else p for p in paths]
        labels[spool.name] = "-"
    try:
        if engine == "ray":
            from .ray_engine import stories_on_ray

            stories = stories_on_ray(paths, settings, address=address)
        else:
            stories = stories_for(iter_records(paths, labels), settings)
        if output and output != "-" and os.path.exists(output):
            os.unlink(output)  # a new run replaces the output: stories depend on the whole batch
        sink = open_sink(fmt, output)
        try:
            _write(sink, ({**record, "story": story} for record, story in zip(iter_records(paths, labels), stories)))
        finally:
            sink.close()
    finally:
        if spool is not None:
            os.unlink(spool.name)
    return _summary(stories, time.perf_counter() - started)
