"""Parquet output read back by pyarrow and DuckDB, compared with the JSON Lines records field by field."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from scraper.model import Article
from scraper.sinks import open_sink
from scraper.sinks.parquet import SCHEMA, ParquetSink, row_to_record

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scraper", *args, "--no-progress"], capture_output=True, text=True,
                          timeout=300)


def jsonl(path: Path) -> dict[str, dict]:
    return {r["source"]: r for r in map(json.loads, path.read_text().splitlines())}


def by_pyarrow(path: Path) -> dict[str, dict]:
    return {r["source"]: r for r in map(row_to_record, pq.read_table(path).to_pylist())}


def by_duckdb(path: str) -> dict[str, dict]:
    rel = duckdb.sql(f"select * from read_parquet('{path}')")
    names = rel.columns
    return {r["source"]: r for r in (row_to_record(dict(zip(names, row))) for row in rel.fetchall())}


@pytest.mark.parametrize("explain", [False, True])
def test_clean_to_parquet_reads_back_as_the_json_lines_records(tmp_path, explain):
    flag = ["--explain"] if explain else []
    inputs = [str(FIXTURES), str(tmp_path / "empty.txt"), str(tmp_path / "missing.html")]
    (tmp_path / "empty.txt").write_text("   ")
    cli("clean", *inputs, "-o", str(tmp_path / "out.jsonl"), *flag)
    done = cli("clean", *inputs, "-o", str(tmp_path / "out.parquet"), *flag)
    assert "records" in done.stderr and not (tmp_path / "out.parquet.parts").exists()
    expected = jsonl(tmp_path / "out.jsonl")
    assert any(r["error"] for r in expected.values()) and any(r["authors"] for r in expected.values())
    assert by_pyarrow(tmp_path / "out.parquet") == expected
    assert by_duckdb(str(tmp_path / "out.parquet")) == expected
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.equals(SCHEMA) and pq.ParquetFile(tmp_path / "out.parquet").metadata.row_group(0) \
        .column(0).compression == "ZSTD"
    # nulls are nulls, lists are lists, the error a struct: SQL sees them as such
    failed = duckdb.sql(f"select error.type from read_parquet('{tmp_path / 'out.parquet'}') "
                        "where error is not null order by 1").fetchall()
    assert [t for (t,) in failed] == sorted(r["error"]["type"] for r in expected.values() if r["error"])
    assert duckdb.sql(f"select count(*) from read_parquet('{tmp_path / 'out.parquet'}') "
                      "where len(authors) > 0").fetchall()[0][0] == sum(1 for r in expected.values() if r["authors"])


def test_format_flag_and_suffix_choose_parquet(tmp_path):
    cli("clean", str(FIXTURES / "meta-several-authors.html"), "-o", str(tmp_path / "records.bin"), "--format", "parquet")
    assert pq.read_table(tmp_path / "records.bin").num_rows == 1
    with pytest.raises(ValueError, match="needs a file"):
        open_sink("parquet", "-")


WRITER = """
import sys, time
from scraper.sinks.parquet import ParquetSink
from scraper.model import Article
sink = ParquetSink(sys.argv[1], rows_per_group=7)
for i in range(100000):
    sink.write(Article(source=f"page-{i}", title=f"Story {i}", text="A line of text. " * 50, authors=["Jo Lee"]))
    time.sleep(0.001)
"""


def test_a_killed_run_leaves_readable_parts_and_a_rerun_completes_it(tmp_path):
    out = tmp_path / "out.parquet"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(out)])
    parts = Path(f"{out}.parts")
    deadline = time.monotonic() + 60
    while len(list(parts.glob("part-*.parquet"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not out.exists()
    rows = duckdb.sql(f"select source from read_parquet('{parts}/part-*.parquet')").fetchall()
    assert len(rows) >= 21 and len(rows) % 7 == 0  # every finished part is whole and readable
    written = {s for (s,) in rows}
    # The rerun: its resume folds the parts into the output and skips what they hold.
    sink = ParquetSink(str(out), rows_per_group=7)
    done = sink.resume()
    assert done == written and out.exists() and not parts.exists()
    for i in range(len(written) + 10):
        if f"page-{i}" not in done:
            sink.write(Article(source=f"page-{i}", text="again"))
    sink.close()
    sources = [r["source"] for r in pq.read_table(out, columns=["source"]).to_pylist()]
    assert sorted(sources) == sorted(f"page-{i}" for i in range(len(written) + 10))


def test_resume_through_the_cli_redoes_failed_records_once(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for p in sorted(FIXTURES.iterdir())[:5]:
        (pages / p.name).write_bytes(p.read_bytes())
    (pages / "zz-empty.html").write_text("")
    out = tmp_path / "out.parquet"
    cli("clean", str(pages), "-o", str(out))
    first = by_pyarrow(out)
    assert first[str(pages / "zz-empty.html")]["error"]["type"] == "EmptyInput"
    (pages / "zz-empty.html").write_bytes((FIXTURES / "meta-several-authors.html").read_bytes())
    (pages / "new.html").write_bytes((FIXTURES / "meta-no-author.html").read_bytes())
    cli("clean", str(pages), "-o", str(out))
    second = pq.read_table(out).to_pylist()
    assert sorted(r["source"] for r in second) == sorted(str(p) for p in pages.iterdir())
    by_source = {r["source"]: row_to_record(r) for r in second}
    assert by_source[str(pages / "zz-empty.html")]["error"] is None
    assert all(by_source[s] == r for s, r in first.items() if r["error"] is None)


def test_every_record_field_has_a_column():
    import dataclasses

    fields = [f.name for f in dataclasses.fields(Article) if f.name != "structure"]
    assert SCHEMA.names == fields


def test_fetch_to_parquet_reads_back_as_its_json_lines(tmp_path):
    from fetch_server import LocalServer, article_html

    with LocalServer() as srv:
        srv.page("/a", article_html("Ferry timetable approved"))
        srv.page("/b", "gone", status=404)
        cfg = tmp_path / "c.toml"
        cfg.write_text("[fetch]\nper_host_delay = 0\nretries = 0\n")
        urls = [srv.url("/a"), srv.url("/b")]
        for out in ("out.jsonl", "out.parquet"):
            cli("fetch", *urls, "-o", str(tmp_path / out), "--config", str(cfg))
    def plain(records: dict[str, dict]) -> dict[str, dict]:
        return {s: {**r, "fetched_at": None} for s, r in records.items()}
    got = by_pyarrow(tmp_path / "out.parquet")
    assert plain(got) == plain(jsonl(tmp_path / "out.jsonl")) and len(got) == 2
