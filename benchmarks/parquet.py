"""Parquet against JSON Lines on the dev pages, in one run: file size and the time writing takes.

1. ``scraper clean DIR -o out.jsonl`` and ``-o out.parquet`` over the same pages (the CLI, all
   workers): wall time of each run and the size of each file.
2. The records of that run written again in this process through each sink alone (``write`` per
   record, then ``close``), best of 3: the writing cost as a share of the clean run's wall time.

Pages come from ``../shared/devdata/trafilatura-eval/html/*.gz`` (relative to the repository root),
repeated to ``--pages``.

    python benchmarks/parquet.py --pages 1000
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "trafilatura-eval" / "html"
sys.path.insert(0, str(REPO))

from scraper.model import Article  # noqa: E402
from scraper.sinks import open_sink  # noqa: E402


def clean(src: Path, out: Path, explain: bool) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "scraper", "clean", str(src), "-o", str(out), "--no-progress",
                    *(["--explain"] if explain else [])], check=False, capture_output=True)
    return time.perf_counter() - started


def write_time(fmt: str, articles: list[Article], tmp: Path) -> float:
    best = float("inf")
    for attempt in range(3):
        path = tmp / f"again-{attempt}.{fmt}"
        started = time.perf_counter()
        sink = open_sink(fmt, str(path))
        for article in articles:
            sink.write(article)
        sink.close()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    files = sorted(args.data.glob("*.gz"))
    if not files:
        sys.exit(f"no dev pages in {args.data}")
    print("| records | run | clean -o .jsonl s | clean -o .parquet s | JSON Lines MB | Parquet MB | smaller | "
          "JSONL write s | Parquet write s | Parquet write / clean run |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        src = tmp / "pages"
        src.mkdir()
        for i in range(args.pages):
            (src / f"{i:05d}.html").write_bytes(gzip.decompress(files[i % len(files)].read_bytes()))
        for explain in (False, True):
            jl, pq_path = tmp / f"out-{explain}.jsonl", tmp / f"out-{explain}.parquet"
            t_jsonl = clean(src, jl, explain)
            t_parquet = clean(src, pq_path, explain)
            records = [json.loads(line) for line in jl.read_text().splitlines()]
            articles = [Article(**r) for r in records]
            w_jsonl = write_time("jsonl", articles, tmp)
            w_parquet = write_time("parquet", articles, tmp)
            size_j, size_p = jl.stat().st_size, pq_path.stat().st_size
            print(f"| {len(records)} | {'--explain' if explain else 'plain'} | {t_jsonl:.1f} | {t_parquet:.1f} "
                  f"| {size_j / 1e6:.2f} | {size_p / 1e6:.2f} | {size_j / size_p:.1f}x | {w_jsonl:.3f} "
                  f"| {w_parquet:.3f} | {100 * w_parquet / t_jsonl:.1f} % |")


if __name__ == "__main__":
    main()
