"""Authors, syndication and outlet against the hand-labelled bylines set, with trafilatura and newspaper4k in one run.

Reads ``../shared/devdata/bylines/gold.json`` (434 pages; its README is the
label spec and the scoring rule) and scores each tool's ``authors``,
``syndication`` and ``outlet`` as share of pages right: overall, on the
syndicated copies (gold syndication not null), on the outlets' own stories,
and on the high-confidence pages. trafilatura (``author`` split on "; ",
``sitename``) and newspaper4k (``authors``, ``meta_site_name``) have no
syndication field: theirs counts as null.

    .venv/bin/python benchmarks/bylines.py [--limit N] [--workers 2] [--peers trafilatura,newspaper4k|none]

Writes every page where scraper misses a field to
``benchmarks/results/bylines-diff.jsonl`` (gold, ours with provenance and the
runner-up candidates, the peers' values) for review.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "devdata" / "bylines"
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))

FIELDS = ("authors", "syndication", "outlet")
TOOLS = ("scraper", "trafilatura", "newspaper4k")

# The scoring rule's "usual agency abbreviations equal their full names". Kept here,
# apart from the project's own data, so the benchmark does not grade with the code it grades.
AGENCY_ALIASES = {
    "ap": "associatedpress", "afp": "agencefrancepresse", "dpa": "deutschepresseagentur", "pti": "presstrustofindia",
    "upi": "unitedpressinternational", "efe": "agenciaefe", "agenciaefe": "agenciaefe", "ansa": "ansa",
    "kna": "katholischenachrichtenagentur", "epd": "evangelischerpressedienst", "apa": "austriapresseagentur",
    "sda": "schweizerischedepeschenagentur", "ats": "agencetelegraphiquesuisse", "pap": "polskaagencjaprasowa",
    "sid": "sportinformationsdienst", "mid": "motorinformationsdienst", "ians": "indoasiannewsservice",
    "ani": "asiannewsinternational", "aap": "australianassociatedpress", "cp": "canadianpress",
    "jiji": "jijipress", "kyodo": "kyodonews", "reuters": "reuters", "thomsonreuters": "reuters",
    "agenturen": "agenturen", "agencies": "agenturen", "ots": "newsaktuellots", "newsaktuell": "newsaktuellots",
}
_DOMAIN_SUFFIX = re.compile(r"\.(?:com|net|org|info|news|co\.uk|co|uk|de|at|ch|fr|es|it|nl|be|jp|cn|in|ca|au|us|io|pl|ru|eu)$")


def org_key(value: str | None, syndication: bool = False) -> str | None:
    """The README's organisation normalisation: case, a leading "The"/"www.", a domain suffix, punctuation, spacing."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKD", value.strip().casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"^(?:the\s+|www\.)", "", text)
    text = _DOMAIN_SUFFIX.sub("", text)
    key = re.sub(r"[\W_]+", "", text)
    if syndication:
        key = AGENCY_ALIASES.get(key, key)
    return key or None


def name_key(value: str) -> str:
    return " ".join(value.split())


def correct(field: str, want, got) -> bool:
    if field == "authors":
        return Counter(name_key(n) for n in want or []) == Counter(name_key(n) for n in got or [])
    syndication = field == "syndication"
    return org_key(want, syndication) == org_key(got, syndication)


def _page_bytes(entry: dict) -> bytes:
    return gzip.decompress((DATA / entry["file"]).read_bytes())


def _scraper(raw: bytes, url: str | None) -> dict:
    import scraper

    art = scraper.clean(raw, url=url, config=_config(), explain=True)
    return {"authors": art.authors, "syndication": art.syndication, "outlet": art.outlet,
            "provenance": {k: v for k, v in (art.provenance or {}).items() if k in ("authors", "syndication", "outlet")},
            "candidates": {k: v for k, v in (getattr(art, "candidates", None) or {}).items() if k in FIELDS},
            "error": art.error}


_CONFIG = None


def _config():
    global _CONFIG
    if _CONFIG is None:
        import scraper

        _CONFIG = scraper.load_config()
    return _CONFIG


def _trafilatura(raw: bytes, url: str | None) -> dict:
    import trafilatura
    from trafilatura.utils import decode_file

    meta = trafilatura.extract_metadata(decode_file(raw), default_url=url)
    if meta is None:
        return {"authors": [], "syndication": None, "outlet": None}
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
    return {"authors": authors, "syndication": None, "outlet": meta.sitename or None}


_NEWSPAPER_CONFIG = None


def _newspaper(raw: bytes, url: str | None) -> dict:
    global _NEWSPAPER_CONFIG
    warnings.filterwarnings("ignore")
    import newspaper

    if _NEWSPAPER_CONFIG is None:
        _NEWSPAPER_CONFIG = newspaper.Config()
        _NEWSPAPER_CONFIG.fetch_images = False  # offline
    article = newspaper.Article(url or "https://unknown.invalid/", config=_NEWSPAPER_CONFIG)
    article.download(input_html=raw.decode("utf-8", errors="replace"))
    article.parse()
    return {"authors": list(article.authors), "syndication": None, "outlet": article.meta_site_name or None}


RUNNERS = {"scraper": _scraper, "trafilatura": _trafilatura, "newspaper4k": _newspaper}


def run_one(job: tuple[dict, tuple[str, ...]]) -> dict:
    entry, tools = job
    raw = _page_bytes(entry)
    out: dict = {"file": entry["file"], "seconds": {}}
    for tool in tools:
        t0 = time.perf_counter()
        try:
            out[tool] = RUNNERS[tool](raw, entry.get("url"))
        except Exception as exc:  # noqa: BLE001 - a peer's crash scores as empty, never ends the run
            out[tool] = {"authors": [], "syndication": None, "outlet": None, "error": repr(exc)}
        out["seconds"][tool] = time.perf_counter() - t0
    return out


def _share(rows: list[tuple[dict, dict]], tool: str, field: str) -> str:
    if not rows:
        return "-"
    right = sum(correct(field, entry[field], result[tool][field]) for entry, result in rows)
    return f"{right / len(rows):.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--peers", default="trafilatura,newspaper4k", help="comma-separated, or 'none'")
    ap.add_argument("--diff", type=Path, default=RESULTS / "bylines-diff.jsonl")
    args = ap.parse_args(argv)
    gold = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
    if args.limit:
        gold = gold[: args.limit]
    peers = tuple(p for p in args.peers.split(",") if p and p != "none")
    tools = ("scraper", *peers)
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(run_one, [(e, tools) for e in gold], chunksize=4))
    pairs = list(zip(gold, results))
    groups = {
        "all": pairs,
        "syndicated": [p for p in pairs if p[0]["syndication"]],
        "own": [p for p in pairs if not p[0]["syndication"]],
        "high-confidence": [p for p in pairs if p[0].get("confidence") == "high"],
        "high-conf syndicated": [p for p in pairs if p[0].get("confidence") == "high" and p[0]["syndication"]],
    }
    print(f"{len(pairs)} pages from {DATA.relative_to(ROOT.parent)}\n")
    print(f"{'pages':22} {'n':>4}  " + "  ".join(f"{t + ' ' + f[:5]:>19}" for t in tools for f in FIELDS))
    for name, rows in groups.items():
        print(f"{name:22} {len(rows):4d}  " + "  ".join(f"{_share(rows, t, f):>19}" for t in tools for f in FIELDS))
    print()
    for corpus in sorted({e["corpus"] for e in gold}):
        rows = [p for p in pairs if p[0]["corpus"] == corpus]
        print(f"{corpus:22} {len(rows):4d}  " + "  ".join(f"{_share(rows, t, f):>19}" for t in tools for f in FIELDS))
    print()
    for tool in tools:
        total = sum(r["seconds"][tool] for r in results)
        print(f"{tool:12} {len(results) / total:7.1f} docs/s  {1000 * total / len(results):6.1f} ms/page")
    args.diff.parent.mkdir(parents=True, exist_ok=True)
    with open(args.diff, "w", encoding="utf-8") as fh:
        for entry, result in pairs:
            missed = [f for f in FIELDS if not correct(f, entry[f], result["scraper"][f])]
            if missed:
                row = {"file": entry["file"], "url": entry.get("url"), "missed": missed,
                       "gold": {f: entry[f] for f in FIELDS}, "evidence": entry.get("evidence"),
                       "confidence": entry.get("confidence"), "scraper": result["scraper"],
                       **{p: result[p] for p in peers}}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"\nper-page misses: {args.diff}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
