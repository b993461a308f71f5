"""Work units: a large archive or JSON Lines file cut at record boundaries reads the same pages,
and the pool that reads its own units writes the same bytes as one process."""

from __future__ import annotations

import json

import pytest

from scraper.config import load_config
from scraper.engines.base import Job
from scraper.engines.local import LocalEngine
from scraper.engines.pool import PoolEngine
from scraper.sinks import JsonlSink
from scraper.sources import units as units_mod
from scraper.sources.files import pages_from_file
from scraper.sources.stats import SourceStats
from scraper.sources.units import WorkUnit, plan_units, read_unit
from damaged_archives import build
from warcfile import article_html, write_warc


@pytest.fixture
def small_split(monkeypatch):
    monkeypatch.setattr(units_mod, "SPLIT_MIN", 600)


def _inputs(tmp_path):
    write_warc(tmp_path / "a.warc.gz", [{"url": f"https://u.example/{i}", "body": article_html(i)} for i in range(12)])
    write_warc(tmp_path / "b.warc", [{"url": f"https://u.example/b{i}", "body": article_html(i + 20)}
                                     for i in range(6)], gzip=False)
    lines = [json.dumps({"url": f"https://u.example/j{i}", "html": article_html(i + 40).decode()}) for i in range(9)]
    lines.insert(4, "not json")
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "d.html").write_bytes(article_html(60))
    return [str(tmp_path / n) for n in ("a.warc.gz", "b.warc", "c.jsonl", "d.html", "missing.html")]


@pytest.mark.parametrize("name", ["a.warc.gz", "b.warc", "c.jsonl"])
def test_ranges_read_the_same_pages_as_the_whole_file(tmp_path, small_split, name):
    path = _inputs(tmp_path)[["a.warc.gz", "b.warc", "c.jsonl"].index(name)]
    units = list(plan_units([path], workers=2))
    assert len(units) > 2 and all(u.ranged for u in units)
    ranged = [p for u in units for p in read_unit(u, 10_000_000, SourceStats())]
    assert ranged == list(pages_from_file(path, 10_000_000))


def test_the_pool_writes_the_same_bytes_as_one_process(tmp_path, small_split):
    paths = _inputs(tmp_path)
    config = load_config()
    outs = {}
    for name, engine_of in (("local", lambda s: LocalEngine(s)), ("pool", lambda s: PoolEngine(s, 2))):
        out = tmp_path / f"{name}.jsonl"
        sink = JsonlSink(str(out))
        summary = engine_of(sink).run(plan_units(paths, workers=2), Job(config, ordered=True, progress=False))
        sink.close()
        outs[name] = (out.read_bytes(), summary.ok, summary.failed, summary.bytes_read)
    assert outs["pool"] == outs["local"]
    records = [json.loads(line) for line in outs["pool"][0].decode().split("\n") if line]
    assert len(records) == 12 + 6 + 10 + 1 + 1 and outs["pool"][2] == 2  # the bad line and the missing file


def test_a_damaged_range_does_not_sink_its_neighbours(tmp_path, small_split):
    data, name = build("warc", "junk")
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.jsonl"
    sink = JsonlSink(str(out))
    units = list(plan_units([str(path)], workers=2))
    assert len(units) > 1
    summary = PoolEngine(sink, 2).run(units, Job(load_config(), progress=False))
    sink.close()
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 8 and summary.ok == 7 and summary.failed == 1 and summary.damaged == 1
    assert [r["error"]["type"] for r in records if r["error"]] == ["DamagedArchive"]


def test_small_files_are_batched_and_listing_errors_keep_their_place(tmp_path):
    for i in range(40):
        (tmp_path / f"p{i:02}.html").write_bytes(article_html(i))
    units = list(plan_units([str(tmp_path), str(tmp_path / "nope")]))
    assert [len(u.paths) for u in units[:-1]] == [32, 8]
    assert units[-1] == WorkUnit(pages=units[-1].pages) and units[-1].pages[0].error["type"] == "FileNotFoundError"
