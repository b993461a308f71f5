"""Story clustering on the dev data: pairwise precision/recall per tier, records/s, peak memory.

    python benchmarks/cluster.py            # quality on the dev sets, speed and memory on 20k records
    python benchmarks/cluster.py --scale 100000

Truth:
- trafilatura-eval: each page's HTML and its plain-text dump are one story (723 pairs); every other
  pair is a non-match. Records are cleaned with `scraper clean` once and cached in benchmarks/results/.
- l3s-gn1: story groups labelled by hand (benchmarks/data/l3s-story-groups.toml says how).
- the two seeds: one story, match `rewrite`, no original, `attributed_to` the credited outlet.
Peer, same run: datasketch's in-memory MinHashLSH (threshold 0.5) over the same shingles, no verification.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.cluster import cluster, load_cluster_settings  # noqa: E402
from scraper.cluster.shingles import text_shingles  # noqa: E402

DEV = ROOT.parent / "shared" / "devdata"
if not DEV.is_dir():
    DEV = Path("/work/shared/devdata")
RESULTS = ROOT / "benchmarks" / "results"


def cleaned(name: str, inputs: list[Path]) -> list[dict]:
    out = RESULTS / f"cluster-{name}.jsonl"
    RESULTS.mkdir(parents=True, exist_ok=True)
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


def quality() -> list[str]:
    base = load_cluster_settings()
    traf = cleaned("traf", [DEV / "trafilatura-eval" / "html", DEV / "trafilatura-eval" / "text"])
    by_page: dict[str, list[int]] = {}
    for i, r in enumerate(traf):
        by_page.setdefault(page_key(r["source"]), []).append(i)
    traf_truth = pairs_of(by_page)
    l3s = cleaned("l3s", [DEV / "l3s-gn1" / "html"])
    labels = tomllib.loads((ROOT / "benchmarks" / "data" / "l3s-story-groups.toml").read_text())
    index = {page_key(r["source"]): i for i, r in enumerate(l3s)}
    l3s_truth = pairs_of({str(n): [index[p] for p in g["pages"]] for n, g in enumerate(labels["group"])})
    rows = ["| tiers | HTML/text pairs P | R | l3s story groups P | R | seeds one rewrite story |",
            "|---|---|---|---|---|---|"]
    seeds = [json.loads(line) for line in subprocess.run(
        [sys.executable, "-m", "scraper", "clean", *sorted(map(str, (ROOT / "fixtures" / "pages").glob("seed-*")))],
        capture_output=True, text=True, cwd=ROOT).stdout.splitlines()]
    for name, change in TIERS.items():
        settings = base.replace(**change)
        tp, tr = score(predicted_pairs(cluster(traf, settings)), traf_truth)
        lp, lr = score(predicted_pairs(cluster(l3s, settings)), l3s_truth)
        s = [r["story"] for r in cluster(seeds, settings)]
        ok = s[0]["id"] == s[1]["id"] and {x["match"] for x in s} == {"rewrite"} and not s[0]["original"]
        rows.append(f"| {name} | {tp:.3f} | {tr:.3f} | {lp:.3f} | {lr:.3f} | "
                    f"{'yes' if ok else 'no'} ({s[0]['attributed_to']}) |")
    tp, tr = score(peer_lsh(traf), traf_truth)
    lp, lr = score(peer_lsh(l3s), l3s_truth)
    rows.append(f"| peer: datasketch MinHashLSH 0.5 | {tp:.3f} | {tr:.3f} | {lp:.3f} | {lr:.3f} | no |")
    return rows


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=20000, help="records for the speed and memory run")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--rewrite-scale", type=int, default=5000, help="records for the speed run with rewrites")
    parser.add_argument("--peer-scale", type=int, default=20000, help="records for the peer's speed run (0: none)")
    args = parser.parse_args()
    if not args.no_quality:
        print("\n".join(quality()))
        print()
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
