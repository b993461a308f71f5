"""Scores of quality.py --per-doc files on two halves of the corpus split by a hash of the
site, side by side: a change whose gain sits in one half only (or one site) is suspect.

    python benchmarks/quality.py --only ours --per-doc /tmp/before.tsv     # before a change
    python benchmarks/quality.py --only ours --per-doc /tmp/after.tsv      # after it
    python benchmarks/split_scores.py /tmp/before.tsv /tmp/after.tsv
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rules_report import half_of  # noqa: E402


def site_of_key(key: str, file: str) -> str:
    from urllib.parse import urlsplit

    if key.startswith(("http://", "https://")):
        host = (urlsplit(key).hostname or "").lower()
        return host.removeprefix("www.") or file
    return file


def scores(path: Path) -> dict[str, list[int]]:
    """Half (A, B, all) -> [tp, fp, fn] of the scraper's columns."""
    out = {"A": [0, 0, 0], "B": [0, 0, 0], "all": [0, 0, 0]}
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            counts = [int(row["scraper_tp"]), int(row["scraper_fp"]), int(row["scraper_fn"])]
            for half in (half_of(site_of_key(row["key"], row["file"])), "all"):
                out[half] = [a + b for a, b in zip(out[half], counts)]
    return out


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("per_doc", type=Path, nargs="+")
    args = ap.parse_args(argv)
    print(f"{'file':<40}" + "".join(f"{h + ' P/R/F1':>24}" for h in ("A", "B", "all")))
    for path in args.per_doc:
        s = scores(path)
        cells = []
        for half in ("A", "B", "all"):
            tp, fp, fn = s[half]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            cells.append(f"{p:.3f}/{r:.3f}/{f1(tp, fp, fn):.3f}")
        print(f"{path.name:<40}" + "".join(f"{c:>24}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
