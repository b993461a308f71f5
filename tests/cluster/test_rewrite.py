"""The rewrite tier on the two seed pages, end to end through `scraper clean --cluster`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from cluster_records import OTHER, STORY, THIRD, record
from scraper.cluster import cluster, load_cluster_settings
from scraper.cluster.embed import embed
from scraper.cluster.features import Meta
from scraper.cluster.rewrite import gated

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(str(p) for p in (ROOT / "fixtures" / "pages").glob("seed-*"))


def test_seeds_are_one_rewritten_story_credited_to_the_outlet_they_rest_on(tmp_path):
    out = tmp_path / "out.jsonl"
    done = subprocess.run([sys.executable, "-m", "scraper", "clean", *SEEDS, "--cluster", "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    stories = [json.loads(line)["story"] for line in out.read_text().splitlines()]
    assert len(stories) == 2 and stories[0]["id"] == stories[1]["id"]
    assert [s["match"] for s in stories] == ["rewrite", "rewrite"]
    assert all(s["original"] is None for s in stories)
    assert all(s["attributed_to"] == "Bloomberg" for s in stories)


def test_unrelated_stories_stay_apart_with_the_rewrite_tier_on():
    records = [record("a", STORY, title="Port approves dredging"), record("b", OTHER, title="Frost hits orchards"),
               record("c", THIRD, title="Library opens on Sundays")]
    assert len({r["story"]["id"] for r in cluster(records, load_cluster_settings())}) == 3


def test_embedding_is_offline_normalised_and_multilingual():
    v = embed(["The port approved the dredging plan.", "Der Hafen genehmigte den Plan zum Ausbaggern.",
               "Apple blossoms were damaged by frost."])
    assert v.shape == (3, 512) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-3)
    assert v[0] @ v[1] > v[0] @ v[2]


def test_language_and_date_window_gate_rewrites():
    s = load_cluster_settings().rewrite
    assert gated(Meta("a", True, language="en"), Meta("b", True, language="de"), s)
    assert gated(Meta("a", True, published="2024-03-01"), Meta("b", True, published="2024-03-09"), s)
    assert not gated(Meta("a", True, published="2024-03-01"), Meta("b", True, published="2024-03-03"), s)
    assert not gated(Meta("a", True, language="en"), Meta("b", True), s)
