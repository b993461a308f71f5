"""Score the plain-text path on the dev corpus's text dumps (single process).

Reads ``../shared/devdata/trafilatura-eval`` relative to the repo root; prints
P/R/F1 and pages/s, and with ``--failures`` the pages that miss or leak
snippets, worst first, to look for general causes. Stand-in until
benchmarks/quality.py has a ``--mode text``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "devdata" / "trafilatura-eval"
sys.path.insert(0, str(ROOT))

import scraper  # noqa: E402

_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def load() -> list[tuple[str, dict, bytes]]:
    data = json.loads((CORPUS / "evaldata.json").read_text(encoding="utf-8"))
    docs = []
    for url, ann in data.items():
        path = CORPUS / "text" / (Path(ann["file"]).name.removesuffix(".gz") + ".txt.gz")
        if path.exists():
            docs.append((url, ann, gzip.decompress(path.read_bytes())))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--failures", type=int, default=0, help="list this many worst pages")
    ap.add_argument("--raw", action="store_true", help="score the dumps as they are")
    ap.add_argument("--json", type=Path, help="write per-page results here")
    args = ap.parse_args()
    docs = load()
    config = scraper.load_config()
    tp = fn = fp = tn = 0
    rows = []
    elapsed = 0.0
    for url, ann, raw in docs:
        if args.raw:
            out = raw.decode("utf-8", "replace")
        else:
            t0 = time.perf_counter()
            art = scraper.clean(raw, source=ann["file"], config=config)
            elapsed += time.perf_counter() - t0
            out = art.text
        out = norm(out)
        miss = [s for s in ann.get("with", []) if norm(s) not in out]
        leak = [s for s in ann.get("without", []) if norm(s) in out]
        tp += len(ann.get("with", [])) - len(miss)
        fn += len(miss)
        fp += len(leak)
        tn += len(ann.get("without", [])) - len(leak)
        rows.append({"file": ann["file"], "url": url, "miss": miss, "leak": leak})
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn)
    print(f"pages {len(docs)}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (tp {tp} fn {fn} fp {fp} tn {tn})")
    if not args.raw and elapsed:
        print(f"{len(docs) / elapsed:.0f} pages/s, {1000 * elapsed / len(docs):.2f} ms/page")
    if args.failures:
        rows.sort(key=lambda r: -(2 * len(r["miss"]) + len(r["leak"])))
        for row in rows[: args.failures]:
            if row["miss"] or row["leak"]:
                print(f"{row['file']}  miss={row['miss']!r:.200}  leak={row['leak']!r:.200}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
