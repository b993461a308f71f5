"""Dev pages damaged the way real dumps get damaged: where does cleaning fail while text exists?

The wider, local counterpart of tests/test_mutations.py, with the same mutations
(tests/mutations.py) applied with seeds from a fixed master seed to pages of the dev
corpus (HTML pages and their plain-text dumps). Counts: pages mutated, error records
by type, error records where a lenient decode plus trafilatura alone finds a readable
article, records with no text where it does, and the slowest page. Each failing case
is listed with its page and (mutation, seed) steps, so it can be replayed.

    python benchmarks/robustness.py --pages 600
    python benchmarks/robustness.py --pages 50 --seed 7 --show 20
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "trafilatura-eval"

from mutations import MUTATIONS, mutate, plain_extract, readable  # noqa: E402


def pages(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "html").glob("*.gz")) + sorted((data_dir / "text").glob("*.gz"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--pages", type=int, default=600, help="damaged pages to clean")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--show", type=int, default=30, help="failing cases to list")
    args = ap.parse_args(argv)

    import scraper
    from scraper.model import Page

    config = scraper.load_config()
    rng = random.Random(args.seed)
    files = pages(args.data)
    names = sorted(MUTATIONS)
    errors: Counter[str] = Counter()
    failures: list[str] = []
    counts = Counter()
    slowest = (0.0, "")
    for n in range(args.pages):
        path = rng.choice(files)
        steps = [(rng.choice(names), rng.randrange(2**32)) for _ in range(rng.randint(1, 3))]
        data = mutate(gzip.decompress(path.read_bytes()), steps)
        start = time.perf_counter()
        article = scraper.process(Page(source=path.name, data=data), config)
        elapsed = time.perf_counter() - start
        slowest = max(slowest, (elapsed, f"{path.name} {steps}"))
        counts["pages"] += 1
        reference = plain_extract(data)
        counts["reference readable"] += readable(reference)
        case = f"{path.parent.name}/{path.name} {steps}"
        if article.error is not None:
            errors[article.error["type"]] += 1
            if readable(reference):
                counts["errors where trafilatura reads an article"] += 1
                failures.append(f"{article.error['type']}: {article.error['message'][:100]} | {case}")
        elif readable(reference) and not article.text.strip():
            counts["no text where trafilatura reads an article"] += 1
            failures.append(f"empty ({article.page_type}, {article.extractor}) | {case}")
        for name, _ in steps:
            counts[f"mutation {name}"] += 1
        if (n + 1) % 100 == 0:
            print(f"{n + 1} pages ...", file=sys.stderr)

    print(f"pages mutated: {counts['pages']} (seed {args.seed}); trafilatura reads an article in "
          f"{counts['reference readable']}")
    print(f"error records: {sum(errors.values())}" + (f" ({', '.join(f'{k} {v}' for k, v in errors.most_common())})" if errors else ""))
    print(f"errors where trafilatura reads an article: {counts['errors where trafilatura reads an article']}")
    print(f"no text where trafilatura reads an article: {counts['no text where trafilatura reads an article']}")
    print(f"slowest page: {slowest[0]:.2f} s ({slowest[1]})")
    print("mutations applied: " + ", ".join(f"{k.removeprefix('mutation ')} {v}" for k, v in sorted(counts.items()) if k.startswith("mutation ")))
    for line in failures[: args.show]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
