"""Story clustering: tiers, original, attribution, settings, CLI, and the disk-backed parts."""

from __future__ import annotations

import json
import unicodedata
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cluster_records import OTHER, STORY, THIRD, batch, record
from scraper.cluster import cluster, load_cluster_settings
from scraper.cluster.attribution import credited
from scraper.cluster.canon import canonical
from scraper.cluster.rewrite import average_link
from scraper.cluster.graph import bucket_pairs
from scraper.cluster.shingles import (first_occurrences, first_occurrences_reference, signature, signature_reference,
                                      text_shingles, word_hashes, word_hashes_reference)
from scraper.cluster.store import BUCKET

ROOT = Path(__file__).resolve().parents[2]
NO_REWRITE = load_cluster_settings().replace(rewrite={"enabled": False})


def stories(records, settings=NO_REWRITE):
    return [r["story"] for r in cluster(records, settings)]


def test_copies_join_with_their_tier_and_the_named_source_is_the_original():
    s = stories(batch())
    assert len({x["id"] for x in s[:4]}) == 1
    assert [x["match"] for x in s[:4]] == ["exact", "exact", "near", "near"]
    assert all(x["original"] == "harbour-ledger/dredging.html" for x in s[:4])
    assert all(x["attributed_to"] is None for x in s[:4])
    for x in s[4:]:
        assert x["match"] is None and x["original"] is None
    assert len({x["id"] for x in s}) == 4


def test_every_record_comes_back_once_in_order_failed_ones_included():
    records = batch()
    out = cluster(records, NO_REWRITE)
    assert [r["source"] for r in out] == [r["source"] for r in records]
    assert out[-1]["error"]["type"] == "DecodeError" and out[-1]["story"]["match"] is None


def test_tiers_switch_off():
    exact_only = load_cluster_settings().replace(near={"enabled": False}, rewrite={"enabled": False})
    s = stories(batch(), exact_only)
    assert s[0]["id"] == s[1]["id"] and s[2]["id"] != s[0]["id"] and s[3]["match"] is None


def test_same_canonical_url_is_an_exact_match_but_a_front_page_is_not():
    a = record("a", ["First text about something."], canonical_url="https://news.example/story/1")
    b = record("b", ["Other words entirely here."], canonical_url="https://www.news.example/story/1/")
    c = record("c", ["Third."], canonical_url="https://news.example/")
    d = record("d", ["Fourth."], canonical_url="https://news.example/")
    s = stories([a, b, c, d])
    assert s[0]["id"] == s[1]["id"] and s[0]["match"] == "exact"
    assert s[2]["id"] != s[3]["id"]


def test_an_excerpt_is_not_the_original_of_its_full_text():
    full = record("full", STORY)
    short = record("short", STORY[:2] + ["Read more on our site."])
    s = stories([short, full])
    assert s[0]["id"] == s[1]["id"] and s[0]["original"] == "full"


def test_no_original_when_nothing_tells_and_credit_goes_outside():
    a = record("a", STORY, outlet="Coastal Mirror", syndication="Tidewater Wire")
    b = record("b", STORY + ["More at the bottom."], outlet="Calloway Gazette", syndication="Tidewater Wire")
    s = stories([a, b])
    assert s[0]["original"] is None and s[0]["attributed_to"] == "Tidewater Wire"


def test_attribution_phrases_name_outlets_not_people():
    text = ("The plan was first reported by nobody. Officials reported delays. Maria reported it twice, "
            "Maria reported. The Harbour Ledger reported on Monday, according to The Harbour Ledger.")
    assert credited(text) == ["The Harbour Ledger"]
    assert credited("This story first appeared on Tidewater Wire. It is republished here.") == ["Tidewater Wire"]
    assert credited("Officials told reporters. He said. According to police.") == []


@pytest.mark.parametrize("num_perm", [64, 48])
def test_fast_signature_equals_the_shingle_by_shingle_reference(num_perm):
    rng = np.random.default_rng(3)
    for n in (0, 1, 7, 12, 63, 400, 3000):  # short sets leave bins empty: they borrow from filled ones
        hashes = np.unique(rng.integers(0, 1 << 32, size=n, dtype=np.uint64)).astype(np.uint32)
        assert signature(hashes, num_perm, 1).tolist() == signature_reference(hashes, num_perm, 1).tolist()
    edges = np.array([0, 0xFFFFFFFF, 0x80000000], dtype=np.uint32)
    assert signature(edges, num_perm, 2).tolist() == signature_reference(edges, num_perm, 2).tolist()


def test_signature_agrees_on_a_share_of_bins_near_the_jaccard_similarity():
    rng = np.random.default_rng(5)
    for size, jaccard in ((500, 0.6), (40, 0.6), (500, 0.2)):
        shared = round(size * 2 * jaccard / (1 + jaccard))
        agree = []
        for seed in range(1, 101):
            pool = rng.integers(0, 1 << 32, size=2 * size - shared, dtype=np.uint64).astype(np.uint32)
            a, b = np.unique(pool[:size]), np.unique(np.r_[pool[:shared], pool[size:]])
            agree.append((signature(a, 64, seed) == signature(b, 64, seed)).mean())
        assert abs(np.mean(agree) - jaccard) < 0.05


def test_first_occurrences_equal_the_unique_based_reference():
    rng = np.random.default_rng(4)
    for n in (0, 1, 2, 9, 500):
        for high in (12, 1 << 32):  # with and without repeated shingles
            seq = rng.integers(0, high, size=n, dtype=np.uint64).astype(np.uint32)
            assert first_occurrences(seq).tolist() == first_occurrences_reference(seq).tolist()


def test_bucket_pairs_equal_a_plain_walk_over_the_buckets():
    rng = np.random.default_rng(6)
    rows = np.zeros(3000, dtype=BUCKET)
    rows["key"] = rng.integers(0, 900, size=len(rows))
    rows["key"][:300] = 5  # one bucket over max_bucket
    rows["idx"] = rng.integers(0, 2000, size=len(rows))
    buckets: dict[int, set[int]] = {}
    for key, idx in rows.tolist():
        buckets.setdefault(key, set()).add(idx)
    expected = []
    for key in sorted(buckets):
        members = sorted(buckets[key])
        if len(members) <= 100:
            expected += [(a, b) for n, a in enumerate(members) for b in members[n + 1:]]
        else:
            expected += [(members[y], members[x]) for x in range(len(members)) for y in range(min(x, 8))]
    assert list(bucket_pairs(rows, max_bucket=100)) == expected


def test_shingles_ignore_case_punctuation_and_spacing():
    a = text_shingles("The Port, of Calloway  approved a PLAN.", 3)
    b = text_shingles("the port of calloway approved a plan", 3)
    assert (a == b).all() and len(a) == 5


@pytest.mark.parametrize("text", [
    "The Port, of Calloway  approved a PLAN.",
    "Straße der Ａｒｂｅｉｔ: „Müller“ – 4½ Tonnen; snake_case ﬁne𝔘𝔫𝔦 İstanbul",
    "", "  ...  ", "一个港口 批准了 计划。Ελληνικά ΣΟΦΙΑ",
    "Plain first line.\nSecond: ﬁne Ａｒｂｅｉｔ\n\u0301accent after a break, cafe\u0301\nlast ½ line",
])
def test_fast_word_hashes_equal_the_word_by_word_reference(text):
    assert word_hashes(text).tolist() == word_hashes_reference(text).tolist()


def test_average_link_never_chains():
    # a~b and b~c are rewrite pairs, a~c is not: c must not join a and b.
    groups = average_link({(1, 2): 0.9, (2, 3): 0.8}, link=0.65)
    assert groups == [[1, 2]]
    groups = average_link({(1, 2): 0.9, (2, 3): 0.8, (1, 3): 0.7}, link=0.65)
    assert groups == [[1, 2, 3]]


def test_one_partition_and_many_give_the_same_stories():
    one = load_cluster_settings().replace(near={"partitions": 1}, rewrite={"enabled": False})
    assert stories(batch(), one) == stories(batch())


def test_config_file_overrides_and_rejects_unknown_keys(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text("[cluster.near]\njaccard = 0.9\n[cluster.rewrite]\nenabled = false\n")
    settings = load_cluster_settings(cfg)
    assert settings.near.jaccard == 0.9 and not settings.rewrite.enabled and settings.exact.enabled
    cfg.write_text("[cluster.near]\njacard = 0.9\n")
    with pytest.raises(ValueError, match="jacard"):
        load_cluster_settings(cfg)


def test_cli_cluster_reads_files_and_stdin_and_keeps_bad_lines(tmp_path):
    src = tmp_path / "records.jsonl"
    lines = [json.dumps(r) for r in batch()] + ["{not json"]
    src.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "scraper", "cluster", "--tiers", "exact,near"]
    done = subprocess.run(cmd + [str(src), "-o", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(records) == 8 and records[-1]["error"]["type"] == "InvalidRecord"
    assert records[0]["story"]["id"] == records[3]["story"]["id"]
    piped = subprocess.run(cmd + ["-"], input=src.read_text(), capture_output=True, text=True, cwd=ROOT)
    piped_records = [json.loads(x) for x in piped.stdout.splitlines()]
    assert [r["story"] for r in piped_records[:-1]] == [r["story"] for r in records[:-1]]
    assert piped_records[-1]["source"].startswith("-#@")


def _edited(paragraphs: list[str], every: int) -> list[str]:
    """Another outlet's edit: one word changed every ``every`` words."""
    out = []
    for para in paragraphs:
        w = para.split(" ")
        for i in range(6, len(w), every):
            w[i] = "new" + w[i]
        out.append(" ".join(w))
    return out


def test_whole_passages_join_below_the_containment_threshold_but_edited_copies_do_not():
    from scraper.cluster.shingles import edits, overlap

    def sh(paragraphs):
        return text_shingles("\n\n".join(paragraphs), 5)

    page = STORY[:4] + OTHER[:2]  # one extraction: a paragraph short, with a teaser block
    dump = STORY + THIRD  # the other: the whole story, with other chrome
    edited = _edited(STORY, 13)
    _, c_blocks = overlap(sh(page), sh(dump))
    _, c_edited = overlap(sh(STORY), sh(edited))
    near = NO_REWRITE.near
    assert near.passage_containment <= c_blocks < near.containment
    assert near.passage_containment <= c_edited < near.containment
    assert edits(sh(page), sh(dump), 5) == 0 and edits(sh(STORY), sh(edited), 5) > near.max_edits
    s = stories([record("page", page), record("dump", dump), record("a", STORY), record("b", edited)])
    assert s[0]["id"] == s[1]["id"] and s[0]["match"] == "near"
    assert s[2]["id"] != s[3]["id"]


def test_fast_json_lines_equal_the_sink_encoding():
    from scraper.cluster.api import as_article, json_line
    from scraper.sinks.jsonl import encode_record

    explained = record("x", STORY, captions=["A barge — „am Kai“"], provenance={"title": "h1"},
                       removed=[{"rule": "share", "text": "Share", "kind": "p", "at": "1"}], not_a_field=1)
    for r in [*batch(), explained]:
        for story in (None, {"id": "s-1", "match": "near", "original": None, "attributed_to": None}):
            with_story = {**r, "story": story}
            assert json_line(with_story) == encode_record(as_article(with_story))


@pytest.mark.parametrize("text", [
    "Plain first line.\nSecond: ﬁne Ａｒｂｅｉｔ\n\u0301accent after a break, cafe\u0301\nlast ½ line",
    "e\n\u0301\n\n\u212b ﬀ", "ﬁ\nﬁ",
])
def test_canonical_normalises_line_by_line_as_the_whole_text(text):
    assert canonical(text) == unicodedata.normalize("NFKC", text).casefold()
