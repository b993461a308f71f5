"""Full-text quality and speed: scraper, trafilatura and readability-lxml on pages whose
whole article is annotated, in one run, one process.

The corpus (``../shared/devdata/l3s-gn1`` relative to the repository root) gives the
article body of each page; its README states the scoring rule used here: text -> ``\\w+``
tokens -> 4-token shingles as multisets; per page TP, FP, FN are the shingle counts
normalised to sum 1; precision is averaged over pages with TP+FP > 0, recall over pages
with TP+FN > 0, F1 is the harmonic mean of the two averages. Accuracy is the share of
pages whose token sequence equals the ground truth's. A crash or empty output scores as
empty text. The extractors take turns on each page, so a busy spell of a shared machine
slows all alike and the docs/s ratios stay fair.

    python benchmarks/fulltext.py                        # all three, per-page scores to benchmarks/results/
    python benchmarks/fulltext.py --only scraper --limit 50
    python benchmarks/fulltext.py --diff benchmarks/results/l3s-before.tsv   # pages that moved

Each peer runs with its defaults, the way a user calls it: ``trafilatura.extract(html)``
and readability's summary as text. The record's text is scored as it is (the headline
is in the ground truth, so an extractor that leaves it out loses a little recall alike).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "l3s-gn1"
RESULTS = REPO / "benchmarks" / "results"
_WORD = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Multiset of 4-token shingles of the ``\\w+`` tokens (a shorter text is one shingle)."""
    tokens = _WORD.findall(text.lower())
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


@dataclass(slots=True)
class PageScore:
    precision: float | None
    recall: float | None
    exact: bool
    seconds: float


def score_page(output: str, truth: str) -> tuple[float | None, float | None, bool]:
    """Precision and recall of one page (None where undefined) and whether the tokens match exactly."""
    out, ref = shingles(output), shingles(truth)
    total = sum((out | ref).values())
    if not total:
        return None, None, True
    tp = sum((out & ref).values()) / total
    fp = sum((out - ref).values()) / total
    fn = sum((ref - out).values()) / total
    precision = tp / (tp + fp) if tp + fp > 0 else None
    recall = tp / (tp + fn) if tp + fn > 0 else None
    return precision, recall, _WORD.findall(output.lower()) == _WORD.findall(truth.lower())


@dataclass(slots=True)
class Side:
    name: str
    extract: Callable[[bytes, str | None], str]
    pages: dict[str, PageScore] = field(default_factory=dict)
    seconds: float = 0.0
    cpu: float = 0.0
    errors: int = 0

    def _mean(self, attr: str) -> float:
        values = [getattr(p, attr) for p in self.pages.values() if getattr(p, attr) is not None]
        return sum(values) / len(values) if values else 0.0

    @property
    def precision(self) -> float:
        return self._mean("precision")

    @property
    def recall(self) -> float:
        return self._mean("recall")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return sum(p.exact for p in self.pages.values()) / len(self.pages) if self.pages else 0.0

    @property
    def rate(self) -> float:
        return len(self.pages) / self.seconds if self.seconds else 0.0


def scraper_side() -> Callable[[bytes, str | None], str]:
    import scraper
    from scraper.pipeline import warm_up

    config = scraper.load_config()
    warm_up(config)  # what loads on first need (models, name tables) is set-up, not a page's work

    def run(data: bytes, url: str | None) -> str:
        article = scraper.clean(data, url=url, config=config)
        PATHS[_current[0]] = article.extractor or ("error" if article.error else "")
        return article.text
    return run


def trafilatura_side() -> Callable[[bytes, str | None], str]:
    import trafilatura

    return lambda data, url: trafilatura.extract(data) or ""


def readability_side() -> Callable[[bytes, str | None], str]:
    import lxml.html
    from readability import Document

    def run(data: bytes, url: str | None) -> str:
        summary = Document(data).summary(html_partial=True)
        if not summary.strip():
            return ""
        root = lxml.html.fromstring(summary)
        # One line per block element, as the ground truth is written (text_content() would glue words).
        return "\n".join(" ".join(t.split()) for t in root.itertext())
    return run


SIDES = {"scraper": scraper_side, "trafilatura": trafilatura_side, "readability": readability_side}
PATHS: dict[str, str] = {}
"""Page id -> which path of ours produced its text."""
_current = [""]


def load(data_dir: Path, limit: int | None) -> list[tuple[str, bytes, str, str | None]]:
    """(id, page bytes, ground-truth text, url) for each page, read up front (I/O is not timed)."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        path = data_dir / "html" / f"{key}.html.gz"
        if path.is_file():
            pages.append((key, gzip.decompress(path.read_bytes()), truth[key]["articleBody"], truth[key].get("url")))
        if limit and len(pages) >= limit:
            break
    return pages


def run_sides(sides: list[Side], pages: list[tuple[str, bytes, str, str | None]]) -> None:
    for key, data, truth, url in pages:
        _current[0] = key
        for side in sides:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                output = side.extract(data, url) or ""
            except Exception as exc:  # noqa: BLE001 - a crash scores as empty text
                print(f"{side.name}: {key}: {type(exc).__name__}: {exc}", file=sys.stderr)
                output = ""
                side.errors += 1
            seconds = time.perf_counter() - start
            side.seconds += seconds
            side.cpu += time.process_time() - cpu
            p, r, exact = score_page(output, truth)
            side.pages[key] = PageScore(p, r, exact, seconds)


def write_per_page(path: Path, sides: list[Side]) -> None:
    keys = list(sides[0].pages)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("id\tpath\t" + "\t".join(f"{s.name}_{m}" for s in sides for m in ("p", "r")) + "\n")
        for key in keys:
            cells = []
            for s in sides:
                ps = s.pages[key]
                cells += ["" if ps.precision is None else f"{ps.precision:.4f}",
                          "" if ps.recall is None else f"{ps.recall:.4f}"]
            fh.write(f"{key}\t{PATHS.get(key, '')}\t" + "\t".join(cells) + "\n")


def diff(before: Path, sides: list[Side], name: str = "scraper", threshold: float = 0.02) -> None:
    """Pages whose precision or recall for ``name`` moved by more than ``threshold``."""
    side = next((s for s in sides if s.name == name), None)
    if side is None:
        return
    rows = [line.rstrip("\n").split("\t") for line in before.read_text(encoding="utf-8").splitlines()]
    head = rows[0]
    ip, ir = head.index(f"{name}_p"), head.index(f"{name}_r")
    for row in rows[1:]:
        now = side.pages.get(row[0])
        if now is None:
            continue
        old_p, old_r = (float(row[ip]) if row[ip] else None), (float(row[ir]) if row[ir] else None)
        dp = (now.precision or 0) - (old_p or 0)
        dr = (now.recall or 0) - (old_r or 0)
        if abs(dp) > threshold or abs(dr) > threshold:
            print(f"{row[0]}\tP {old_p} -> {now.precision and round(now.precision, 4)}\t"
                  f"R {old_r} -> {now.recall and round(now.recall, 4)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="corpus directory (default: %(default)s)")
    ap.add_argument("--limit", type=int, help="only the first N pages (sorted by id)")
    ap.add_argument("--only", help="comma-separated sides, from: " + ", ".join(SIDES))
    ap.add_argument("--per-page", type=Path, default=RESULTS / "l3s-per-page.tsv",
                    help="per-page precision/recall of each side (TSV; default: %(default)s)")
    ap.add_argument("--diff", type=Path, help="a per-page TSV of an earlier run: list the pages whose scores moved")
    args = ap.parse_args(argv)
    pages = load(args.data, args.limit)
    if not pages:
        print(f"no pages under {args.data}", file=sys.stderr)
        return 2
    names = args.only.split(",") if args.only else list(SIDES)
    sides = []
    for name in names:
        try:
            extract = SIDES[name]()
            extract(pages[0][1], pages[0][3])  # warm-up: imports and set-up are not timed
        except ImportError as exc:
            print(f"{name}: not installed ({exc.name}); skipped", file=sys.stderr)
            continue
        sides.append(Side(name, extract))
    PATHS.clear()  # the warm-up page is counted once, in the run
    run_sides(sides, pages)
    print(f"{len(pages)} pages of {args.data.name}, single process, extractors interleaved per page")
    print(f"{'extractor':<13}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}{'docs/s':>9}{'cpu docs/s':>12}{'errors':>7}")
    for s in sides:
        cpu_rate = len(s.pages) / s.cpu if s.cpu else 0.0
        print(f"{s.name:<13}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.accuracy:>7.3f}{s.rate:>9.1f}"
              f"{cpu_rate:>12.1f}{s.errors:>7}")
    ours = next((s for s in sides if s.name == "scraper"), None)
    if ours is not None:
        for s in sides:
            if s is not ours and s.rate:
                print(f"speed ratio scraper/{s.name}: {ours.rate / s.rate:.2f}x wall clock")
        counts = Counter(PATHS.values())
        print("scraper paths: " + ", ".join(f"{k or '?'} {v}" for k, v in counts.most_common()))
    if args.diff:
        diff(args.diff, sides)
    if args.per_page:
        args.per_page.parent.mkdir(parents=True, exist_ok=True)
        write_per_page(args.per_page, sides)
        print(f"per-page scores: {args.per_page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
