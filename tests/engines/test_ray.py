"""The Ray engine on a local Ray instance: same records as the local run, shards, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install '.[ray]' to run the Ray engine test")

from scraper.config import load_config  # noqa: E402
from scraper.engines.ray_engine import run_ray  # noqa: E402
from scraper.runner import run  # noqa: E402
from scraper.sinks import ListSink  # noqa: E402
from scraper.sources import iter_paths  # noqa: E402
from warcfile import article_html, write_warc  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # raised inside Ray Data itself


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_engine_gives_the_same_records_as_the_local_run(tmp_path, local_ray):
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_warc(inputs / "one.warc.gz", [{"url": f"https://r.example/{i}", "body": article_html(i)} for i in range(3)]
               + [{"url": "https://r.example/x.png", "body": b"\x89PNG", "content_type": "image/png"}])
    write_warc(inputs / "two.warc", [{"url": f"https://r.example/t{i}", "body": article_html(10 + i)} for i in range(2)],
               gzip=False)
    (inputs / "page.html").write_bytes(article_html(20))
    config = load_config()

    local = ListSink()
    local_summary = run(iter_paths([str(inputs)]), local, config)

    outdir = tmp_path / "shards"
    summary = run_ray([str(inputs)], str(outdir), config, progress=False)
    shards = sorted(outdir.glob("*.jsonl"))
    assert len(shards) == 3  # one shard per input file
    records = [json.loads(line) for shard in shards for line in shard.read_text().splitlines()]
    assert sorted(records, key=lambda r: r["source"]) == sorted(local.records, key=lambda r: r["source"])
    assert (summary.ok, summary.failed, summary.skipped_records) == (local_summary.ok, 0, 1) == (6, 0, 1)
    assert summary.bytes_read == local_summary.bytes_read

    # A rerun finds every shard complete and cleans nothing again.
    again = run_ray([str(inputs)], str(outdir), config, progress=False)
    assert again.total == 0 and again.skipped == 6


def test_ray_engine_reads_and_writes_fsspec_urls(tmp_path, local_ray):
    page = tmp_path / "page.html"
    page.write_bytes(article_html(30))
    summary = run_ray([f"file://{page}"], f"file://{tmp_path / 'out'}", load_config(), progress=False)
    [shard] = (tmp_path / "out").glob("*.jsonl")
    [record] = [json.loads(line) for line in shard.read_text().splitlines()]
    assert record["source"] == f"file://{page}" and record["title"] == "Council approves plan number 30"
    assert summary.ok == 1
