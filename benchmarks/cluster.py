"""Story clustering on the dev data: pairwise precision/recall per tier, records/s, peak memory.

    python benchmarks/cluster.py            # quality on the dev sets, speed and memory on 20k records
    python benchmarks/cluster.py --scale 100000
    python benchmarks/cluster.py --reuse --no-speed --set rewrite.consider=0.6   # one setting, quality only

Truth:
- trafilatura-eval: each page's HTML and its plain-text dump are one story (723 pairs); every other
  pair is a non-match. Records are cleaned with `scraper clean` once and cached in benchmarks/results/.
- story pairs: groups of different pages telling one event, labelled by hand among the l3s-gn1 pages
  and the trafilatura-eval HTML pages (benchmarks/data/*-story-groups.toml say how), with listed
  non-matches (same subject, another event) and unsure pairs, which count neither way. Precision and
  recall are given with their counts: the dev sets hold few such groups.
- the two seeds: one story, match `rewrite`, no original, `attributed_to` the credited outlet.
Peer, same run: datasketch's in-memory MinHashLSH (threshold 0.5) over the same shingles, no verification.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.cluster import ClusterSettings, cluster, load_cluster_settings  # noqa: E402
from scraper.cluster.shingles import text_shingles  # noqa: E402

DEV = ROOT.parent / "shared" / "devdata"
if not DEV.is_dir():
    DEV = Path("/work/shared/devdata")
RESULTS = ROOT / "benchmarks" / "results"


def cleaned(name: str, inputs: list[Path], reuse: bool = False) -> list[dict]:
    out = RESULTS / f"cluster-{name}.jsonl"
    RESULTS.mkdir(parents=True, exist_ok=True)
    if not (reuse and out.exists()):
        subprocess.run([sys.executable, "-m", "scraper", "clean", *map(str, inputs), "-o", str(out), "--no-progress"],
                       check=False, cwd=ROOT, stderr=subprocess.DEVNULL)
    return [json.loads(line) for line in out.open(encoding="utf-8")]


def page_key(source: str) -> str:
    name = os.path.basename(source)
    for suffix in (".txt.gz", ".gz", ".html"):
        name = name.removesuffix(suffix)
    return name


def pairs_of(groups: dict[str, list[int]]) -> set[tuple[int, int]]:
    return {p for members in groups.values() for p in itertools.combinations(sorted(members), 2)}


def score(predicted: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float]:
    tp = len(predicted & truth)
    return (tp / len(predicted) if predicted else 1.0), (tp / len(truth) if truth else 1.0)


def predicted_pairs(records: list[dict]) -> set[tuple[int, int]]:
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        groups.setdefault(r["story"]["id"], []).append(i)
    return pairs_of(groups)


TIERS = {
    "exact": {"near": {"enabled": False}, "rewrite": {"enabled": False}},
    "exact+near": {"rewrite": {"enabled": False}},
    "exact+near+rewrite": {},
}


def peer_lsh(records: list[dict]) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    pairs = set()
    for i, r in enumerate(records):
        hashes = text_shingles(r.get("text") or "", 5)
        if len(hashes) < 12:
            continue
        mh = MinHash(num_perm=128, seed=1, hashfunc=lambda x: x)
        mh.update_batch(hashes.tolist())
        for j in lsh.query(mh):
            pairs.add((j, i))
        lsh.insert(i, mh)
    return pairs


@dataclass
class Labels:
    """Hand-labelled story pairs of one set, as record indices: groups, listed non-matches, unsure pairs."""

    same: set[tuple[int, int]]
    different: set[tuple[int, int]]
    unsure: set[tuple[int, int]]

    @classmethod
    def load(cls, name: str, index: dict[str, int]) -> "Labels":
        table = tomllib.loads((ROOT / "benchmarks" / "data" / name).read_text(encoding="utf-8"))

        def pairs(kind: str) -> set[tuple[int, int]]:
            return pairs_of({str(n): [index[p] for p in g["pages"]] for n, g in enumerate(table.get(kind, []))})

        return cls(pairs("group"), pairs("different"), pairs("unsure"))


@dataclass
class Tally:
    """Hits, counted predictions (unsure pairs left out), labelled pairs and merged listed non-matches."""

    hits: int = 0
    predicted: int = 0
    labelled: int = 0
    merged_different: int = 0
    different: int = 0

    def add(self, predicted: set[tuple[int, int]], labels: Labels) -> "Tally":
        counted = predicted - labels.unsure
        self.hits += len(counted & labels.same)
        self.predicted += len(counted)
        self.labelled += len(labels.same)
        self.merged_different += len(counted & labels.different)
        self.different += len(labels.different)
        return self

    def cells(self) -> str:
        p = self.hits / self.predicted if self.predicted else 1.0
        r = self.hits / self.labelled if self.labelled else 1.0
        return (f"{p:.3f} ({self.hits}/{self.predicted}) | {r:.3f} ({self.hits}/{self.labelled}) | "
                f"{self.merged_different}/{self.different}")


def among(predicted: set[tuple[int, int]], keep: set[int]) -> set[tuple[int, int]]:
    return {(a, b) for a, b in predicted if a in keep and b in keep}


def quality(settings: ClusterSettings, reuse: bool) -> list[str]:
    traf = cleaned("traf", [DEV / "trafilatura-eval" / "html", DEV / "trafilatura-eval" / "text"], reuse)
    by_page: dict[str, list[int]] = {}
    for i, r in enumerate(traf):
        by_page.setdefault(page_key(r["source"]), []).append(i)
    traf_truth = pairs_of(by_page)
    traf_html = {i for i, r in enumerate(traf) if "/html/" in r["source"]}
    traf_labels = Labels.load("traf-story-groups.toml", {page_key(traf[i]["source"]): i for i in traf_html})
    page_of = [page_key(r["source"]) for r in traf]

    def labelled(kind: set[tuple[int, int]]) -> set[tuple[int, int]]:  # page pairs -> all their record pairs
        pages = {frozenset((page_of[a], page_of[b])) for a, b in kind}
        return {(a, b) for a, b in itertools.combinations(range(len(traf)), 2)
                if frozenset((page_of[a], page_of[b])) in pages} if pages else set()

    traf_stories = traf_truth | labelled(traf_labels.same)
    traf_unsure = labelled(traf_labels.unsure)

    l3s = cleaned("l3s", [DEV / "l3s-gn1" / "html"], reuse)
    l3s_labels = Labels.load("l3s-story-groups.toml", {page_key(r["source"]): i for i, r in enumerate(l3s)})
    rows = ["| tiers | HTML/text pairs P | R | P, story labels added | story pairs P (hits/predicted) | "
            "R (hits/labelled) | listed non-matches merged | seeds one rewrite story |",
            "|---|---|---|---|---|---|---|---|"]
    seeds = [json.loads(line) for line in subprocess.run(
        [sys.executable, "-m", "scraper", "clean", *sorted(map(str, (ROOT / "fixtures" / "pages").glob("seed-*")))],
        capture_output=True, text=True, cwd=ROOT).stdout.splitlines()]
    detail = []
    for name, change in TIERS.items():
        tier_settings = settings.replace(**change)
        traf_pred = predicted_pairs(cluster(traf, tier_settings))
        tp, tr = score(traf_pred, traf_truth)
        sp, _ = score(traf_pred - traf_unsure, traf_stories)
        l3s_tally = Tally().add(predicted_pairs(cluster(l3s, tier_settings)), l3s_labels)
        traf_tally = Tally().add(among(traf_pred, traf_html), traf_labels)
        both = Tally(*(a + b for a, b in zip(dataclasses.astuple(l3s_tally), dataclasses.astuple(traf_tally))))
        s = [r["story"] for r in cluster(seeds, tier_settings)]
        ok = s[0]["id"] == s[1]["id"] and {x["match"] for x in s} == {"rewrite"} and not s[0]["original"]
        rows.append(f"| {name} | {tp:.3f} | {tr:.3f} | {sp:.3f} | {both.cells()} | "
                    f"{'yes' if ok else 'no'} ({s[0]['attributed_to']}) |")
        detail.append(f"| {name} | l3s-gn1 | {l3s_tally.cells()} |")
        detail.append(f"| {name} | trafilatura-eval pages | {traf_tally.cells()} |")
    peer_traf = peer_lsh(traf)
    tp, tr = score(peer_traf, traf_truth)
    sp, _ = score(peer_traf - traf_unsure, traf_stories)
    peer = Tally().add(peer_lsh(l3s), l3s_labels).add(among(peer_traf, traf_html), traf_labels)
    rows.append(f"| peer: datasketch MinHashLSH 0.5 | {tp:.3f} | {tr:.3f} | {sp:.3f} | {peer.cells()} | no |")
    return rows + ["", "| tiers | set | story pairs P | R | listed non-matches merged |", "|---|---|---|---|---|"] + detail


def synthetic(n: int, path: Path, seed: int = 7) -> None:
    """n records of 25 sentences drawn from the dev pages' sentences, every fourth word swapped for a
    random word of their vocabulary (so no two records share a 5-word shingle by chance); 5% are chrome
    variants (first paragraph dropped, one added) of an earlier record."""
    rng = random.Random(seed)
    sentences = []
    for name in ("traf", "l3s"):
        for line in (RESULTS / f"cluster-{name}.jsonl").open(encoding="utf-8"):
            text = json.loads(line).get("text") or ""
            sentences.extend(s.strip().split() for s in text.split(".") if len(s.split()) >= 6)
    vocab = [w for s in sentences[:20000] for w in s]

    def sentence() -> str:
        words = list(rng.choice(sentences))
        for i in range(rng.randrange(4), len(words), 4):
            words[i] = rng.choice(vocab)
        return " ".join(words) + "."

    recent: list[list[str]] = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            if recent and rng.random() < 0.05:
                body = rng.choice(recent)[1:] + [sentence()]
            else:
                body = [sentence() for _ in range(25)]
                recent.append(body)
                recent = recent[-1000:]
            out.write(json.dumps({"source": f"synthetic/{i}", "title": body[0][:80], "text": "\n\n".join(body),
                                  "language": "en", "error": None}) + "\n")


def speed(n: int, tiers: str) -> str:
    path = RESULTS / f"cluster-synthetic-{n}.jsonl"
    if not path.exists():
        synthetic(n, path)
    code = (
        "import resource, sys, time, json\n"
        "from scraper.cluster import cluster_files, load_cluster_settings\n"
        f"s = load_cluster_settings().replace(**{TIERS[tiers]!r})\n"
        "t = time.perf_counter(); c = time.process_time()\n"
        f"summary = cluster_files([{str(path)!r}], {os.devnull!r}, s)\n"
        "dt = time.perf_counter() - t; dc = time.process_time() - c\n"
        "print(json.dumps({'records': summary.records, 'seconds': dt, 'cpu': dc,"
        " 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"})
    if run.returncode:
        return f"| {tiers} | {n} | failed: {run.stderr[-300:]} |"
    m = json.loads(run.stdout.strip().splitlines()[-1])
    return (f"| {tiers} | {m['records']} | {m['records'] / m['seconds']:.0f} | {m['records'] / m['cpu']:.0f} | "
            f"{m['rss_mb']:.0f} |")


def peer_speed(n: int) -> str:
    """The peer over the same synthetic records: read, shingle, datasketch MinHash (128 permutations),
    MinHashLSH query and insert; no verification, no output. Same process set-up as ``speed``."""
    path = RESULTS / f"cluster-synthetic-{n}.jsonl"
    if not path.exists():
        synthetic(n, path)
    code = (
        "import json, resource, time\n"
        "from datasketch import MinHash, MinHashLSH\n"
        "from scraper.cluster.shingles import text_shingles\n"
        "t = time.perf_counter(); c = time.process_time(); n = 0\n"
        "lsh = MinHashLSH(threshold=0.5, num_perm=128)\n"
        f"for i, line in enumerate(open({str(path)!r}, encoding='utf-8')):\n"
        "    hashes = text_shingles(json.loads(line).get('text') or '', 5)\n"
        "    n += 1\n"
        "    if len(hashes) < 12: continue\n"
        "    mh = MinHash(num_perm=128, seed=1, hashfunc=lambda x: x)\n"
        "    mh.update_batch(hashes.tolist())\n"
        "    lsh.query(mh); lsh.insert(i, mh)\n"
        "dt = time.perf_counter() - t; dc = time.process_time() - c\n"
        "print(json.dumps({'records': n, 'seconds': dt, 'cpu': dc,"
        " 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"})
    if run.returncode:
        return f"| peer | {n} | failed: {run.stderr[-300:]} |"
    m = json.loads(run.stdout.strip().splitlines()[-1])
    return (f"| peer: datasketch MinHash + MinHashLSH | {m['records']} | {m['records'] / m['seconds']:.0f} | "
            f"{m['records'] / m['cpu']:.0f} | {m['rss_mb']:.0f} |")


def overridden(assignments: list[str]) -> ClusterSettings:
    """The default settings with ``tier.key=value`` assignments applied (values parsed as TOML)."""
    changes: dict[str, dict] = {}
    for item in assignments:
        key, value = item.split("=", 1)
        tier, name = key.split(".", 1)
        changes.setdefault(tier, {})[name] = tomllib.loads(f"v = {value}")["v"]
    return load_cluster_settings().replace(**changes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=20000, help="records for the speed and memory run")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--rewrite-scale", type=int, default=5000, help="records for the speed run with rewrites")
    parser.add_argument("--peer-scale", type=int, default=20000, help="records for the peer's speed run (0: none)")
    parser.add_argument("--set", action="append", default=[], metavar="TIER.KEY=VALUE",
                        help="override a setting for the quality run (TOML value), e.g. rewrite.consider=0.6")
    parser.add_argument("--reuse", action="store_true", help="reuse the cleaned dev records of an earlier run")
    args = parser.parse_args()
    if not args.no_quality:
        print("\n".join(quality(overridden(args.set), args.reuse)))
        print()
    if args.no_speed:
        return
    print("| tiers | records | records/s (wall, 1 process) | records per CPU-second | peak RSS MB |\n"
          "|---|---|---|---|---|")
    print(speed(args.scale, "exact+near"))
    if args.peer_scale:
        if args.peer_scale != args.scale:
            print(speed(args.peer_scale, "exact+near"))
        print(peer_speed(args.peer_scale))
    if args.rewrite_scale:
        print(speed(args.rewrite_scale, "exact+near+rewrite"))


if __name__ == "__main__":
    main()
