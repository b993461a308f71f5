"""Parquet: one row per record, a stable typed schema, zstd, written in row groups as records stream.

Columns (``SCHEMA``; the README documents them): the record's fields in their
order, strings as strings, ``authors``/``captions``/``credits`` as lists of
strings, ``error`` as a struct ``{type, message}``, absent values as nulls.
The ``--explain`` fields are typed too: ``provenance`` a struct with one string
per record field, ``removed`` a list of ``{rule, text, kind, at}``,
``candidates`` a struct with one list of ``{value, origin}`` per record field;
they are null without ``--explain``. A record field this table does not know
(added later, such as a batch stage's annotations) becomes a JSON text column,
so the schema never has to guess a shape.

A Parquet file is readable only once its footer is written, so a run that is
killed must not leave its records in one open file. Records go, a row group at
a time, into finished part files beside the output (``out.parquet.parts/``,
each a complete Parquet file); ``close`` folds them, with the successful rows of
an earlier output, into ``out.parquet`` (written under a temporary name, then
renamed) and removes the parts. ``resume`` reads the sources already done from
both, so a rerun after a kill picks up where the last finished part ended.
Memory stays flat: at most one row group is held, and folding copies one row
group at a time.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..model import Article

_STRINGS = pa.list_(pa.string())
_NUMBERS = {"word_count": pa.int32(), "status": pa.int32()}
_LISTS = ("authors", "captions", "credits")
_RECORD_FIELDS = [f.name for f in dataclasses.fields(Article) if f.name != "structure"]
_PLAIN_FIELDS = [name for name in _RECORD_FIELDS if name not in Article.EXPLAIN_FIELDS]
_BASE_FIELDS = {"source", "url", "final_url", "canonical_url", "title", "text", "authors", "outlet", "syndication",
                "published", "modified", "language", "captions", "credits", "word_count", "extractor", "status",
                "fetched_at", "error"}
"""The plain record's fields with a fixed type here; any other non-explain field is stored as JSON text."""
JSON_COLUMNS = frozenset(name for name in _PLAIN_FIELDS if name not in _BASE_FIELDS)
"""Record fields without a fixed shape here (a batch stage's annotations): JSON text, parsed back by ``row_to_record``."""


def _column_type(name: str) -> pa.DataType:
    if name in _NUMBERS:
        return _NUMBERS[name]
    if name in _LISTS:
        return _STRINGS
    if name == "error":
        return pa.struct([("type", pa.string()), ("message", pa.string())])
    if name == "provenance":
        return pa.struct([(f, pa.string()) for f in _PLAIN_FIELDS])
    if name == "removed":
        return pa.list_(pa.struct([("rule", pa.string()), ("text", pa.string()), ("kind", pa.string()),
                                   ("at", pa.int32())]))
    if name == "candidates":
        choice = pa.list_(pa.struct([("value", pa.string()), ("origin", pa.string())]))
        return pa.struct([(f, choice) for f in _PLAIN_FIELDS])
    return pa.string()


SCHEMA = pa.schema([pa.field(name, _column_type(name), nullable=name != "source") for name in _RECORD_FIELDS],
                   metadata={b"scraper.record": b"one row per record; see README 'Using the output'",
                             b"scraper.json_columns": ",".join(sorted(JSON_COLUMNS)).encode()})


LEVEL = 9
"""zstd level of the output: on the dev records 2.8x smaller than JSON Lines (level 1: 2.2x, 3: 2.5x,
19: 3.0x at 50 times the cost); writing stays around 1 % of a clean run's time."""
PART_LEVEL = 1
"""zstd level of the part files, which live only until the run's end: fast, they are compressed again."""


def record_row(article: Article) -> dict[str, Any]:
    """A record as a row of ``SCHEMA``."""
    row = article.to_dict()
    for name in JSON_COLUMNS:
        if row.get(name) is not None:
            row[name] = json.dumps(row[name], ensure_ascii=False, separators=(",", ":"))
    return row


def row_to_record(row: dict[str, Any]) -> dict[str, Any]:
    """A row read back (pyarrow, DuckDB, Polars ``to_dicts``) -> the JSON Lines record it was written from."""
    record: dict[str, Any] = {}
    for name in _RECORD_FIELDS:
        value = row.get(name)
        if name in Article.EXPLAIN_FIELDS or name in JSON_COLUMNS:
            if value is None:
                continue  # absent in JSON Lines too
            if name in JSON_COLUMNS:
                value = json.loads(value)
            elif name in ("provenance", "candidates"):
                value = {k: v for k, v in _pairs(value) if v is not None}
        elif name in _LISTS and value is None:
            value = []
        record[name] = value
    return record


def _pairs(value: Any) -> list[tuple[str, Any]]:
    return list(value.items()) if isinstance(value, dict) else list(value)


class ParquetSink:
    """Records into ``path`` as Parquet; see the module docstring for the schema and the part files."""

    def __init__(self, path: str | None, rows_per_group: int = 5000, group_bytes: int = 64 << 20,
                 flush_seconds: float = 60.0) -> None:
        if path is None or path == "-":
            raise ValueError("Parquet output needs a file: -o OUT.parquet")
        self.path = Path(path)
        self.parts = Path(f"{path}.parts")
        self.rows_per_group = rows_per_group
        self.group_bytes = group_bytes
        self.flush_seconds = flush_seconds
        self.rows: list[dict[str, Any]] = []
        self.size = 0
        self.flushed_at = time.monotonic()
        self.closed = False

    # -- the run ----------------------------------------------------------------------
    def write(self, article: Article) -> None:
        row = record_row(article)
        self.rows.append(row)
        self.size += len(row["text"]) + 512
        if (len(self.rows) >= self.rows_per_group or self.size >= self.group_bytes
                or time.monotonic() - self.flushed_at >= self.flush_seconds):
            self.flush()

    def flush(self) -> None:
        """The buffered rows become one finished part file (one row group): safe from a kill from now on."""
        if not self.rows:
            return
        self.parts.mkdir(parents=True, exist_ok=True)
        number = len(list(self.parts.glob("part-*.parquet")))
        target = self.parts / f"part-{number:06d}.parquet"
        tmp = target.with_suffix(".tmp")
        pq.write_table(pa.Table.from_pylist(self.rows, SCHEMA), tmp, compression="zstd",
                       compression_level=PART_LEVEL, row_group_size=len(self.rows))
        os.replace(tmp, target)
        self.rows, self.size, self.flushed_at = [], 0, time.monotonic()

    def close(self) -> None:
        """Fold this run's parts into ``path`` (with the earlier output's successful rows)."""
        if self.closed:
            return
        self.closed = True
        self.flush()
        self._fold()

    def _fold(self) -> None:
        parts = sorted(self.parts.glob("part-*.parquet")) if self.parts.is_dir() else []
        if not parts and self.path.exists():
            return  # nothing new: the output stays as it is
        tmp = self.path.with_name(self.path.name + ".tmp")
        with pq.ParquetWriter(tmp, SCHEMA, compression="zstd", compression_level=LEVEL) as writer:
            if self.path.exists():
                earlier = pq.ParquetFile(self.path)
                for group in range(earlier.num_row_groups):
                    table = earlier.read_row_group(group)
                    ok = table.filter(pc.is_null(table.column("error")))
                    if ok.num_rows:
                        writer.write_table(ok.cast(SCHEMA))
            for part in parts:
                writer.write_table(pq.read_table(part).cast(SCHEMA))
        os.replace(tmp, self.path)
        shutil.rmtree(self.parts, ignore_errors=True)

    # -- a rerun ----------------------------------------------------------------------
    def resume(self) -> set[str]:
        """Sources already done, after folding the finished parts of a killed run into the output.

        Failed rows do not count, so their sources run again; when this run closes, the output
        keeps only its successful rows and this run's records join them: one row per source.
        A part torn by the kill (never renamed into place) is dropped.
        """
        if self.parts.is_dir():
            for stray in self.parts.glob("*.tmp"):
                stray.unlink()
            self._fold()
        if not self.path.exists():
            return set()
        done: set[str] = set()
        output = pq.ParquetFile(self.path)
        for group in range(output.num_row_groups):
            table = output.read_row_group(group, columns=["source", "error"])
            done.update(table.filter(pc.is_null(table.column("error"))).column("source").to_pylist())
        return done
