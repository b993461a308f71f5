"""Main-text quality and speed: scraper against trafilatura, in one run, one process.

Scores each extractor on the annotated dev corpus (``../shared/devdata/trafilatura-eval``
relative to the repository root): every ``with`` snippet found in the output
(whitespace-normalised substring) is a true positive, a missing one a false
negative; every ``without`` snippet found is a false positive. Counts are summed
over all pages, then precision, recall and F1 are computed, together with docs/s
(wall clock and process CPU time; the extractors take turns on each document, so a
busy spell of a shared machine slows both alike).

    python benchmarks/quality.py                    # HTML pages, ours vs trafilatura
    python benchmarks/quality.py --mode text        # plain-text dumps, ours vs the dump as is
    python benchmarks/quality.py --per-doc out.tsv  # per-document scores for both
    python benchmarks/quality.py --only ours --limit 100

The peer on HTML is ``trafilatura.extract(html)`` with default options; on
text dumps it is the dump itself (no extraction at all), and trafilatura with default options
on the dump's text.
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
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "trafilatura-eval"
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    """Every whitespace run becomes one space, ends trimmed (the corpus' scoring rule)."""
    return _WS.sub(" ", text).strip()


@dataclass(slots=True)
class Doc:
    key: str
    file: str
    url: str | None
    data: bytes
    with_: list[str]
    without: list[str]


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    """Process CPU time: on a machine shared with other jobs it moves less than the wall clock."""
    docs: int = 0
    errors: int = 0
    per_doc: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)

    def add(self, doc: Doc, output: str) -> None:
        out = norm(output)
        tp = sum(1 for s in doc.with_ if norm(s) in out)
        fp = sum(1 for s in doc.without if norm(s) in out)
        fn = len(doc.with_) - tp
        tn = len(doc.without) - fp
        self.tp += tp
        self.fp += fp
        self.fn += fn
        self.tn += tn
        self.docs += 1
        self.per_doc[doc.key] = (tp, fp, fn, tn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else 0.0

    @property
    def rate(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        return self.docs / self.cpu if self.cpu else 0.0


def load_docs(data_dir: Path, mode: str, limit: int | None = None) -> list[Doc]:
    """The annotated pages, bytes read and un-gzipped up front (I/O is not timed)."""
    with open(data_dir / "evaldata.json", encoding="utf-8") as fh:
        evaldata = json.load(fh)
    docs = []
    for key, ann in sorted(evaldata.items()):
        rel = ann["file"]
        path = data_dir / rel if mode == "html" else data_dir / "text" / (Path(rel).name.removesuffix(".gz") + ".txt.gz")
        if not path.is_file():
            continue
        url = key if key.startswith(("http://", "https://")) else None
        docs.append(Doc(key, rel, url, gzip.decompress(path.read_bytes()), list(ann.get("with", [])), list(ann.get("without", []))))
        if limit and len(docs) >= limit:
            break
    return docs


def run_one(name: str, extract: Callable[[Doc], str], doc: Doc, score: Score) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    try:
        output = extract(doc) or ""
    except Exception as exc:  # noqa: BLE001 - a crash finds no snippet
        print(f"{name}: {doc.key}: {type(exc).__name__}: {exc}", file=sys.stderr)
        output = ""
        score.errors += 1
    score.seconds += time.perf_counter() - start
    score.cpu += time.process_time() - cpu
    score.add(doc, output)


def run(name: str, extract: Callable[[Doc], str], docs: list[Doc]) -> Score:
    score = Score()
    for doc in docs:
        run_one(name, extract, doc, score)
    return score


def run_interleaved(sides: list[tuple[str, Callable[[Doc], str]]], docs: list[Doc]) -> list[tuple[str, Score]]:
    """Each document goes through every extractor in turn, so a busy spell of the machine
    slows both sides alike and the speed ratio stays fair."""
    scores = [(name, Score()) for name, _ in sides]
    for doc in docs:
        for (name, extract), (_, score) in zip(sides, scores):
            run_one(name, extract, doc, score)
    return scores


def ours(doc: Doc) -> str:
    import scraper

    article = scraper.clean(doc.data, url=doc.url, config=_CONFIG)
    _PATHS[doc.key] = article.extractor or ("error" if article.error else "")
    return article.text


def trafilatura_peer(doc: Doc) -> str:
    import trafilatura

    return trafilatura.extract(doc.data) or ""


def dump_as_is(doc: Doc) -> str:
    return doc.data.decode("utf-8", errors="replace")


def trafilatura_on_dump(doc: Doc) -> str:
    """trafilatura.extract with default options on the dump's text (it has no text-dump mode of its own)."""
    import trafilatura

    return trafilatura.extract(doc.data.decode("utf-8", errors="replace")) or ""


_CONFIG = None
_PATHS: dict[str, str] = {}
"""Document key -> which path of ours produced its text (html, trafilatura, text)."""


def main(argv: list[str] | None = None) -> int:
    global _CONFIG
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="corpus directory (default: %(default)s)")
    ap.add_argument("--mode", choices=("html", "text"), default="html")
    ap.add_argument("--per-doc", type=Path, help="write per-document TP/FP/FN/TN for each extractor (TSV)")
    ap.add_argument("--limit", type=int, help="only the first N documents (sorted by key)")
    ap.add_argument("--only", choices=("ours", "peer"), help="run one side only")
    args = ap.parse_args(argv)

    import scraper

    _CONFIG = scraper.load_config()
    docs = load_docs(args.data, args.mode, args.limit)
    if not docs:
        print(f"no documents under {args.data}", file=sys.stderr)
        return 2
    peers = [("trafilatura", trafilatura_peer)] if args.mode == "html" else [
        ("dump-as-is", dump_as_is), ("trafilatura", trafilatura_on_dump)]
    peer_name = peers[0][0]
    # Warm every side (imports, compiled patterns; ours also loads what it reads on first need,
    # the language model and the given-name table) so per-process set-up is not timed.
    from scraper.pipeline import warm_up

    warm_up(_CONFIG)
    for fn in (ours, *(f for _, f in peers)):
        try:
            fn(docs[0])
        except Exception:  # noqa: BLE001
            pass
    chosen = [(n, f) for n, f in (("scraper", ours), *peers)
              if not (args.only == "ours" and n != "scraper") and not (args.only == "peer" and n == "scraper")]
    sides = run_interleaved(chosen, docs)

    print(f"{len(docs)} documents, mode {args.mode}, single process, extractors interleaved per document")
    print(f"{'extractor':<14}{'P':>8}{'R':>8}{'F1':>8}{'docs/s':>10}{'cpu docs/s':>12}{'errors':>8}")
    for name, s in sides:
        print(f"{name:<14}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.rate:>10.1f}{s.cpu_rate:>12.1f}{s.errors:>8}")
    if len(sides) >= 2 and sides[0][0] == "scraper" and sides[1][1].rate:
        print(f"speed ratio scraper/{peer_name}: {sides[0][1].rate / sides[1][1].rate:.2f}x wall clock, "
              f"{sides[0][1].cpu_rate / sides[1][1].cpu_rate:.2f}x CPU time")
    if _PATHS:
        counts = Counter(_PATHS[d.key] for d in docs if d.key in _PATHS)
        print("scraper paths: " + ", ".join(f"{k or '?'} {v}" for k, v in counts.most_common()))
    if args.per_doc:
        with open(args.per_doc, "w", encoding="utf-8") as fh:
            fh.write("key\tfile\tpath\t" + "\t".join(f"{n}_{c}" for n, _ in sides for c in ("tp", "fp", "fn", "tn")) + "\n")
            for doc in docs:
                row = [str(v) for _, s in sides for v in s.per_doc[doc.key]]
                fh.write(f"{doc.key}\t{doc.file}\t{_PATHS.get(doc.key, '')}\t" + "\t".join(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
