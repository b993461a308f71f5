"""`scraper cluster --engine ray` on a 2-CPU local Ray: the same stories as the local run."""

from __future__ import annotations

import json

import pytest

ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install '.[ray]' to run the Ray engine test")

from cluster_records import OTHER, STORY, THIRD, batch, record  # noqa: E402
from scraper.cluster import cluster_files, load_cluster_settings  # noqa: E402
from scraper.cluster.local import stories_for  # noqa: E402
from scraper.cluster.records import iter_records  # noqa: E402
from scraper.cluster.ray_engine import stories_on_ray  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_gives_the_same_stories_as_the_local_run(tmp_path, local_ray):
    records = batch() + [record(f"extra/{i}", [p + f" Update {i}." for p in (STORY if i % 2 else OTHER)])
                         for i in range(6)] + [record("third", THIRD)]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in records[:7]))
    second.write_text("".join(json.dumps(r) + "\n" for r in records[7:]) + "{broken\n")
    settings = load_cluster_settings().replace(rewrite={"enabled": False})
    paths = [str(first), str(second)]
    local = stories_for(iter_records(paths), settings)
    distributed = stories_on_ray(paths, settings, lines_per_shard=3)  # several shards and shard pairs
    assert distributed == local
    assert len({s["id"] for s in local}) < len(local)  # the batch does hold copies
    out = tmp_path / "out.jsonl"
    summary = cluster_files(paths, str(out), settings, engine="ray")
    assert summary.records == len(records) + 1
    assert [json.loads(x)["story"] for x in out.read_text().splitlines()] == local
