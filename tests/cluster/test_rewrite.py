"""The rewrite tier on the two seed pages, end to end through `scraper clean --cluster`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cluster_records import OTHER, STORY, THIRD, record
from scraper.cluster import cluster, load_cluster_settings
from scraper.cluster.embed import embed
from scraper.cluster.features import Meta
from scraper.cluster.rewrite import gated, pair_score, scored_pairs

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


def test_a_language_outside_the_sentence_model_gets_no_rewrite_links():
    s = load_cluster_settings().rewrite
    assert "en" in s.languages and "fi" not in s.languages
    assert gated(Meta("a", True, language="fi"), Meta("b", True, language="fi"), s)
    assert not gated(Meta("a", True, language="en"), Meta("b", True, language="en"), s)
    assert not gated(Meta("a", True), Meta("b", True), s)  # unknown: the model is trusted
    anything = s.__class__(languages=frozenset())
    assert not gated(Meta("a", True, language="fi"), Meta("b", True, language="fi"), anything)
    # Two retellings of one event that join in English stay apart when marked as a language the
    # model does not read (its vectors of unrelated texts lie close together there).
    told = [record("a", STORY, title="Port approves dredging"),
            record("b", [STORY[1], STORY[0], STORY[4]], title="Channel to be dredged, port board decides")]
    in_finnish = [dict(r, language="fi") for r in told]
    english = cluster(told, load_cluster_settings().replace(near={"enabled": False}))
    finnish = cluster(in_finnish, load_cluster_settings().replace(near={"enabled": False}))
    assert english[0]["story"]["id"] == english[1]["story"]["id"]
    assert finnish[0]["story"]["id"] != finnish[1]["story"]["id"]


def test_a_day_and_month_read_the_other_way_round_stay_within_the_window():
    s = load_cluster_settings().rewrite
    # 01/10/2008 read day-first on one page, month-first on the other: one week, not nine months
    assert not gated(Meta("a", True, published="2008-01-12"), Meta("b", True, published="2008-10-01"), s)
    strict = s.__class__(swapped_dates=False)
    assert gated(Meta("a", True, published="2008-01-12"), Meta("b", True, published="2008-10-01"), strict)
    # a day above 12 has one reading only
    assert gated(Meta("a", True, published="2008-01-12"), Meta("b", True, published="2008-05-20"), s)


def test_names_and_numbers_veto_a_close_cosine_when_both_texts_have_enough():
    s = load_cluster_settings().rewrite
    names = np.arange(20, dtype=np.uint32)
    others = np.arange(100, 120, dtype=np.uint32)
    few = np.arange(2, dtype=np.uint32)
    meta = lambda ents: Meta("x", True, entities=ents)  # noqa: E731
    assert pair_score(0.95, meta(names), meta(others), s) == 0.0  # alike, but no shared names
    assert pair_score(0.70, meta(names), meta(names), s) == 0.70  # names agree
    assert pair_score(0.95, meta(few), meta(few + 50), s) == 0.95  # too few to judge: the cosine alone
    assert pair_score(0.70, meta(few), meta(few), s) == 0.0


def test_a_copy_group_is_scored_by_its_best_member():
    # Record 0's copy 1 has a lead spoiled by menu lines; record 2 retells 0. Group {0, 1} must meet
    # 2 through member 0, whichever member represents the group.
    s = load_cluster_settings().rewrite
    v = np.zeros((3, 4), dtype=np.float32)
    v[0] = [1, 0, 0, 0]
    v[1] = [0, 1, 0, 0]
    v[2] = [0.8, 0, 0.6, 0]
    ents = np.arange(10, dtype=np.uint32)
    metas = [Meta(str(i), True, entities=ents) for i in range(3)]
    for rep in (0, 1):
        pairs = scored_pairs({rep: [0, 1], 2: [2]}, metas, lambda idx: v[idx], s)
        assert pairs == {(min(rep, 2), max(rep, 2)): pytest.approx(0.8)}
