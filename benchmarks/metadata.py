"""Score metadata (author, title, date, site name) of scraper and trafilatura in one run.

Reads the dev corpus ``../shared/devdata/trafilatura-eval`` (relative to the
repo root) and scores each field as its README says: author is exact equality
(several authors joined with "; "), title and site name equality after
whitespace normalisation, date equality of the YYYY-MM-DD day; each share is
over the pages annotated for that field. trafilatura is scored on its own
metadata (``trafilatura.extract_metadata``) for the same pages.

    .venv/bin/python benchmarks/metadata.py [--workers 2] [--failures author|names] [--limit N]

``author`` is the corpus's own rule (exact string equality with the label, as
trafilatura's benchmark scores it). ``names`` scores the same pages by the
project's label spec for authors (``../shared/devdata/bylines/README.md``: the
people as a multiset, whitespace normalised, an ALL-CAPS name in normal case,
titles and credentials dropped): many labels here print the byline as the page
does ("JANE DOE", "Jane Doe und John Roe", "Von Jane Doe", "Jane Doe, PhD",
trailing tabs), which that spec writes as the names alone. Both tools are
scored by both rules; ``names`` normalises labels and outputs alike with rules
of its own (below), not with the code it grades.

Prints a table with both tools, and docs/s: ``scraper`` is the whole
``scraper.clean`` (text and metadata), ``scraper meta`` is the metadata step
alone (HTML evidence + record building), ``trafilatura`` is extract_metadata.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "devdata" / "trafilatura-eval"
sys.path.insert(0, str(ROOT))

FIELDS = ("author", "title", "date", "sitename")
SCORES = (*FIELDS, "names")
"""Rows of the table: each field by the corpus's rule, then authors by the label spec (``names``)."""
_WS = re.compile(r"\s+")

# The label spec's normalisation of an author string, kept here apart from the project's code and data.
_JOINERS = re.compile(r"\s*(?:;|,|/|\||&|\s(?:und|and|et|y|e|i)\s)\s*", re.IGNORECASE)
_LEAD = re.compile(r"^(?:von|by|par|por|di|door)\s+", re.IGNORECASE)
_TITLE = re.compile(r"^(?:(?:dr|prof|dipl|ing|mag|mr|mrs|ms)\.?\s+)+|(?:^|,?\s+)(?:phd|ph\.d\.|md|m\.d\.)$", re.IGNORECASE)


def norm(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def expected(ann: dict, field: str) -> str:
    value = ann.get(field) or ""
    if isinstance(value, list):
        value = "; ".join(value)
    return value


def names(value: str | None) -> Counter[str]:
    """An author string as the label spec compares it: the people as a multiset, each whitespace-normalised
    and case-folded, without a byline word before them or an academic title or credential around them."""
    value = unicodedata.normalize("NFC", norm(value))
    out: Counter[str] = Counter()
    for part in _JOINERS.split(_LEAD.sub("", value)):
        part = _TITLE.sub("", norm(part)).strip(" .")
        if part:
            out[part.casefold()] += 1
    return out


def correct(field: str, want: str, got: str | None) -> bool:
    if field == "names":
        return names(want) == names(got)
    if field == "author":
        return (got or "") == want
    if field == "date":
        return (got or "")[:10] == want
    return norm(got) == norm(want)


def _field(score: str) -> str:
    """The annotated field a score reads (``names`` reads the authors)."""
    return "author" if score == "names" else score


def load(limit: int | None = None) -> list[tuple[str, dict]]:
    data = json.loads((CORPUS / "evaldata.json").read_text(encoding="utf-8"))
    docs = [(url, ann) for url, ann in data.items() if any(ann.get(f) for f in FIELDS)]
    return docs[:limit] if limit else docs


def _ours(raw: bytes, url: str | None) -> tuple[dict[str, str | None], float, float]:
    import scraper
    from scraper.model import Page
    from scraper.pipeline import process

    page = Page(source=url or "?", data=raw, url=url)
    t0 = time.perf_counter()
    art = process(page, _config(), explain=False)
    total = time.perf_counter() - t0
    meta = _metadata_time(page)
    values = {"author": "; ".join(art.authors) or None, "title": art.title, "date": art.published,
              "sitename": art.outlet}
    del scraper
    return values, total, meta


_CONFIG = None


def _config():
    global _CONFIG
    if _CONFIG is None:
        import scraper

        _CONFIG = scraper.load_config()
    return _CONFIG


def _metadata_time(page) -> float:
    """Time of the metadata step alone: parse, HTML evidence, record (no main-text extraction)."""
    from selectolax.lexbor import LexborHTMLParser

    from scraper.decode import decode
    from scraper.model import Block
    from scraper.normalize.read import read_html as html_evidence
    from scraper.record import build_article

    text, _ = decode(page.data, page.headers)
    t0 = time.perf_counter()
    tree = LexborHTMLParser(text)
    evidence = html_evidence(tree, page.url, text)
    build_article(page, [Block("x " * 50)], evidence, _config(), "html")
    return time.perf_counter() - t0


def _theirs(raw: bytes, url: str | None) -> tuple[dict[str, str | None], float]:
    import trafilatura
    from trafilatura.utils import decode_file

    t0 = time.perf_counter()
    doc = trafilatura.extract_metadata(decode_file(raw), default_url=url)
    elapsed = time.perf_counter() - t0
    if doc is None:
        return dict.fromkeys(FIELDS), elapsed
    return {"author": doc.author, "title": doc.title, "date": doc.date, "sitename": doc.sitename}, elapsed


def run_one(item: tuple[str, dict]) -> dict:
    url, ann = item
    raw = gzip.decompress((CORPUS / ann["file"]).read_bytes())
    page_url = url if url.startswith("http") else None
    ours, t_ours, t_meta = _ours(raw, page_url)
    theirs, t_theirs = _theirs(raw, page_url)
    return {"url": url, "ours": ours, "theirs": theirs, "t_ours": t_ours, "t_meta": t_meta, "t_theirs": t_theirs,
            "want": {f: expected(ann, f) for f in FIELDS}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--failures", choices=SCORES, help="list pages where scraper misses this field (names: authors by the spec)")
    ap.add_argument("--json", type=Path, help="write per-page results here")
    args = ap.parse_args()
    docs = load(args.limit)
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(run_one, docs, chunksize=8))
    print(f"{len(results)} pages from {CORPUS.relative_to(ROOT.parent)}\n")
    print(f"{'field':10} {'n':>5} {'scraper':>8} {'trafilatura':>12}")
    for score in SCORES:
        field = _field(score)
        scored = [r for r in results if r["want"][field]]
        if not scored:
            continue
        ours = sum(correct(score, r["want"][field], r["ours"][field]) for r in scored) / len(scored)
        theirs = sum(correct(score, r["want"][field], r["theirs"][field]) for r in scored) / len(scored)
        print(f"{score:10} {len(scored):5d} {ours:8.3f} {theirs:12.3f}")
    n = len(results)
    print()
    for label, key in (("scraper (whole clean)", "t_ours"), ("scraper meta step", "t_meta"),
                       ("trafilatura metadata", "t_theirs")):
        total = sum(r[key] for r in results)
        print(f"{label:22} {n / total:8.1f} docs/s  {1000 * total / n:6.2f} ms/page")
    if args.failures:
        f = _field(args.failures)
        print(f"\nscraper misses on {args.failures}:")
        for r in results:
            want = r["want"][f]
            if want and not correct(args.failures, want, r["ours"][f]):
                print(f"  {r['url'][:90]}\n    want {want!r}\n    got  {r['ours'][f]!r}   (trafilatura {r['theirs'][f]!r})")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
