"""``scraper.clean_many`` against ``scraper clean`` on the dev pages: docs/s in the same run, as a ratio.

Both clean the same directory of gzipped dev pages with the same worker count
and write JSON Lines; the runs alternate (CLI, API, CLI, API, ...) so machine
load hits both alike. The CLI's figure is the one its summary line prints
(timed from the start of the run, after its imports, like the API's figure,
which is timed from the ``clean_many`` call to the last record written). The
records of the two must be identical.

    python benchmarks/api.py                   # all dev pages, 2 rounds, workers = cores
    python benchmarks/api.py --limit 100 --rounds 1 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "trafilatura-eval" / "html"
sys.path.insert(0, str(REPO))

import scraper  # noqa: E402


def pick_inputs(data: Path, limit: int | None, workdir: Path) -> Path:
    """The directory to clean: ``data`` itself, or a directory of links to its first ``limit`` pages."""
    if not limit:
        return data
    subset = workdir / "pages"
    subset.mkdir()
    for path in sorted(data.glob("*.gz"))[:limit]:
        (subset / path.name).symlink_to(path)
    return subset


def cli_run(inputs: Path, out: Path, workers: int) -> float:
    out.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-m", "scraper", "clean", str(inputs), "-o", str(out), "--workers",
                           str(workers), "--no-progress"], capture_output=True, text=True, cwd=REPO)
    match = re.search(r"([\d.]+) docs/s", done.stderr)
    if match is None:
        sys.exit(f"no summary from the CLI:\n{done.stderr}")
    return float(match.group(1))


def api_run(inputs: Path, out: Path, workers: int) -> float:
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    with scraper.clean_many([inputs], workers=workers) as records:
        summary = scraper.write(records, out)
    return summary.total / (time.perf_counter() - started)


def records(path: Path) -> list[dict]:
    return sorted((json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()),
                  key=lambda r: r["source"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = pick_inputs(args.data, args.limit, work)
        cli_out, api_out = work / "cli.jsonl", work / "api.jsonl"
        cli, api = [], []
        for _ in range(args.rounds):
            cli.append(cli_run(inputs, cli_out, args.workers))
            api.append(api_run(inputs, api_out, args.workers))
        same = records(cli_out) == records(api_out)
        pages = len(records(api_out))
    print(f"{pages} pages, {args.workers} workers, {args.rounds} rounds (alternating); records identical: {same}")
    print("| run | docs/s (each round) | mean docs/s | ratio to CLI |")
    print("|---|---|---|---|")
    for name, figures in (("`scraper clean`", cli), ("`scraper.clean_many`", api)):
        each = ", ".join(f"{f:.1f}" for f in figures)
        print(f"| {name} | {each} | {statistics.mean(figures):.1f} | "
              f"{statistics.mean(figures) / statistics.mean(cli):.2f} |")
    if not same:
        sys.exit("the records differ")


if __name__ == "__main__":
    main()
