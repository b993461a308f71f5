#!/usr/bin/env bash
# One offline run on a many-core machine: does the pool scale?
#
# Needs (made by benchmarks/device_wheels.sh on a machine with network): .whl/ with the CPython 3.12
# wheels of the runtime dependencies, .bench-data/trafilatura-eval/ with the dev pages.
# Builds an ~8,000-page gzipped WARC from the dev pages, then measures in the same run:
#   scraper --workers 1 (on the first PAGES_ONE pages of that WARC) and --workers N (all of it),
#   the earlier parent-reads pool at N workers (when the time budget allows), trafilatura in one process and in a plain N-process pool,
#   and how much CPU N busy processes get (the control). Prints a table row by row (a timeout keeps the rows done); with $OUT set, also writes
#   $OUT/device_scaling.txt. Finishes in a few minutes (hard limit: TIME_LIMIT seconds, default 330).
#
#   bash benchmarks/device_scaling.sh                       # from the repository root
#   PAGES=400 PAGES_ONE=60 WORKERS=2 bash benchmarks/device_scaling.sh    # a small local check
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
SITE=${SITE:-/tmp/site}
export PAGES=${PAGES:-8000} PAGES_ONE=${PAGES_ONE:-400} PAGES_PEER=${PAGES_PEER:-300}
export WORKERS=${WORKERS:-$(nproc)} TIME_LIMIT=${TIME_LIMIT:-330}
if [ ! -d "$SITE" ] && [ -d .whl ]; then
  "$PY" -m pip install -q --no-index --no-deps --target "$SITE" .whl/*.whl
fi
export PYTHONPATH="$SITE:$PWD${PYTHONPATH:+:$PYTHONPATH}"
RESULT=${OUT:-.}/device_scaling.txt
timeout "$TIME_LIMIT" "$PY" - <<'PYEOF' | tee "$RESULT"
import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, "benchmarks")
import throughput as t  # noqa: E402

pages_n, pages_one, pages_peer, workers = (int(os.environ[k]) for k in ("PAGES", "PAGES_ONE", "PAGES_PEER", "WORKERS"))
data = Path(".bench-data/trafilatura-eval/html")
pages = t.load_pages(data)
print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f}; "
      f"{len(pages)} dev pages repeated to {pages_n:,}")


def _extract(html: bytes) -> int:
    import trafilatura

    return len(trafilatura.extract(html) or "")


with tempfile.TemporaryDirectory(prefix="scaling-") as tmp:
    big, small, warm = Path(tmp) / "big.warc.gz", Path(tmp) / "first.warc.gz", Path(tmp) / "warm.warc.gz"
    started = time.perf_counter()
    with open(big, "wb") as fh_big, open(small, "wb") as fh_small, open(warm, "wb") as fh_warm:
        for i in range(pages_n):
            member = t.warc_record(f"https://bench.example/{i}/page", pages[i % len(pages)])
            fh_big.write(member)
            if i < pages_one:
                fh_small.write(member)
            if i < 20:
                fh_warm.write(member)  # the same records: --workers 1 is checked against them
    print(f"WARC: {big.stat().st_size / 1e6:.0f} MB gzipped, built in {time.perf_counter() - started:.0f} s")
    t.clean_warc(warm, Path(tmp) / "warm.jsonl", 1)  # imports and first-use caches, not timed
    began = time.perf_counter()
    budget = float(os.environ.get("TIME_LIMIT", "330")) - 30
    print("| run | pages | docs/s | x one worker (same tool) | x trafilatura, same workers | parent CPU ms/page |")
    print("|---|---:|---:|---:|---:|---:|", flush=True)
    peer_pages = [pages[i % len(pages)] for i in range(pages_peer)]
    started = time.perf_counter()
    for html in peer_pages:
        _extract(html)
    peer_one = pages_peer / (time.perf_counter() - started)
    print(f"| trafilatura, 1 process | {pages_peer:,} | {peer_one:.1f} | 1.00 | | |", flush=True)
    one, one_ms, _ = t.clean_warc(small, Path(tmp) / "one.jsonl", 1)
    print(f"| scraper --workers 1 | {pages_one:,} | {one:.1f} | 1.00 | {one / peer_one:.2f} | {one_ms:.3f} |", flush=True)
    ctx = mp.get_context("fork")
    all_pages = [pages[i % len(pages)] for i in range(pages_n)]
    started = time.perf_counter()
    with ctx.Pool(workers) as pool:
        for _ in pool.imap_unordered(_extract, all_pages, chunksize=8):
            pass
    peer_many = pages_n / (time.perf_counter() - started)
    print(f"| trafilatura, plain {workers}-process pool | {pages_n:,} | {peer_many:.1f} | {peer_many / peer_one:.2f} | | |",
          flush=True)
    many, many_ms, sink = t.clean_warc(big, Path(tmp) / "many.jsonl", workers, checkpoints=(min(1000, pages_n), pages_n))
    print(f"| scraper --workers {workers} (work units) | {pages_n:,} | {many:.1f} | {many / one:.2f} | "
          f"{many / peer_many:.2f} | {many_ms:.3f} |", flush=True)
    # the same records, but for the file name in "source"
    first = set((Path(tmp) / "one.jsonl").read_bytes().replace(str(small).encode(), str(big).encode()).split(b"\n"))
    same = first <= set((Path(tmp) / "many.jsonl").read_bytes().split(b"\n"))
    a, b = sink.rss.get(min(1000, pages_n), 0), sink.rss.get(pages_n, 0)
    spent = time.perf_counter() - began
    if spent + pages_n / many * 1.3 < budget:  # time left for the earlier design at the same width
        before, before_ms = t.clean_warc_before(big, Path(tmp) / "before.jsonl", workers)
        print(f"| scraper --workers {workers}, parent reads (before) | {pages_n:,} | {before:.1f} | {before / one:.2f} | "
              f"{before / peer_many:.2f} | {before_ms:.3f} |", flush=True)
    else:
        print(f"(parent-reads pool not run: {spent:.0f} s spent of a {budget:.0f} s budget)")
    print(f"records of the first {pages_one:,} pages identical to --workers 1: {same}")
    print(f"peak RSS, parent + {workers} workers: {a / 1024:.0f} MB after {min(1000, pages_n):,} pages, "
          f"{b / 1024:.0f} MB after {pages_n:,}")
    headroom = t.machine_headroom(workers)
    print(f"control: {workers} busy processes get {headroom:.2f}x the CPU of one")
PYEOF
