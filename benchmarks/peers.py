"""scraper against every peer the project is measured by, on one corpus, in one run.

Main text (the quality.py scoring rule), author, title and date (the
metadata.py rules) and docs/s, single process, for scraper, trafilatura,
readability-lxml, newspaper4k and goose3 on the dev HTML pages. Peers that
are not installed are skipped (``pip install -e '.[bench]'`` installs them).

    .venv/bin/python benchmarks/peers.py [--limit N] [--peers trafilatura,goose3]

Each peer runs with its defaults, the way a user would call it (except that
newspaper4k does not download images: the benchmark is offline); readability
returns HTML, so its text is the summary's text content. A peer's metadata
field it does not offer scores as missing (shown as "-").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metadata import correct, expected  # noqa: E402
from quality import DEFAULT_DATA, Doc, Score, load_docs  # noqa: E402

META_FIELDS = ("author", "title", "date")


@dataclass(slots=True)
class Output:
    text: str = ""
    author: str | None = None
    title: str | None = None
    date: str | None = None


Extractor = Callable[[Doc], Output]


def scraper_side() -> Extractor:
    import scraper
    from scraper.pipeline import warm_up

    config = scraper.load_config()
    warm_up(config)  # what loads on first need (models, name tables) is set-up, not a page's work

    def run(doc: Doc) -> Output:
        art = scraper.clean(doc.data, url=doc.url, config=config)
        return Output(art.text or "", "; ".join(art.authors) or None, art.title, art.published)
    return run


def trafilatura_side() -> Extractor:
    import trafilatura
    from trafilatura.utils import decode_file

    def run(doc: Doc) -> Output:
        text = trafilatura.extract(doc.data) or ""  # as quality.py calls it
        meta = trafilatura.extract_metadata(decode_file(doc.data), default_url=doc.url)  # as metadata.py does
        if meta is None:
            return Output(text)
        return Output(text, meta.author, meta.title, meta.date)
    return run


def readability_side() -> Extractor:
    import lxml.html
    from readability import Document

    def run(doc: Doc) -> Output:
        document = Document(doc.data)
        summary = document.summary(html_partial=True)
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        return Output(text, None, document.short_title() or None, None)
    return run


def newspaper_side() -> Extractor:
    warnings.filterwarnings("ignore", module="newspaper")
    import newspaper

    config = newspaper.Config()
    config.fetch_images = False  # offline: by default parse() downloads every image to pick a top one

    def run(doc: Doc) -> Output:
        article = newspaper.Article(doc.url or "https://unknown.invalid/", config=config)
        article.download(input_html=doc.data.decode("utf-8", errors="replace"))
        article.parse()
        date = article.publish_date.isoformat() if article.publish_date else None
        return Output(article.text or "", "; ".join(article.authors) or None, article.title or None, date)
    return run


def goose_side() -> Extractor:
    from goose3 import Goose

    goose = Goose()

    def run(doc: Doc) -> Output:
        article = goose.extract(raw_html=doc.data.decode("utf-8", errors="replace"))
        date = article.publish_datetime_utc.isoformat() if article.publish_datetime_utc else article.publish_date
        return Output(article.cleaned_text or "", "; ".join(article.authors) or None, article.title or None, date)
    return run


SIDES: dict[str, tuple[Callable[[], Extractor], tuple[str, ...]]] = {
    "scraper": (scraper_side, META_FIELDS),
    "trafilatura": (trafilatura_side, META_FIELDS),
    "readability": (readability_side, ("title",)),
    "newspaper4k": (newspaper_side, META_FIELDS),
    "goose3": (goose_side, META_FIELDS),
}
"""Name -> (extractor factory, metadata fields the extractor offers)."""


@dataclass(slots=True)
class Tally:
    text: Score = field(default_factory=Score)
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(META_FIELDS, 0))
    asked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(META_FIELDS, 0))


def measure(extract: Extractor, docs: list[Doc], annotations: dict[str, dict]) -> Tally:
    tally = Tally()
    for doc in docs:
        start = time.perf_counter()
        try:
            out = extract(doc)
        except Exception:  # noqa: BLE001 - a crash finds nothing
            out = Output()
            tally.text.errors += 1
        tally.text.seconds += time.perf_counter() - start
        tally.text.add(doc, out.text)
        for name in META_FIELDS:
            want = expected(annotations[doc.key], name)
            if want:
                tally.asked[name] += 1
                tally.right[name] += correct(name, want, getattr(out, name))
    return tally


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--peers", default=",".join(SIDES), help="comma-separated, from: " + ", ".join(SIDES))
    args = ap.parse_args(argv)
    docs = load_docs(args.data, "html", args.limit)
    annotations = json.loads((args.data / "evaldata.json").read_text(encoding="utf-8"))
    rows = []
    for name in args.peers.split(","):
        try:
            extract = SIDES[name][0]()
            extract(docs[0])  # warm-up: imports and set-up are not timed
        except ImportError as exc:
            print(f"{name}: not installed ({exc.name}); skipped", file=sys.stderr)
            continue
        rows.append((name, measure(extract, docs, annotations)))
    print(f"{len(docs)} documents, single process")
    print(f"{'extractor':<13}{'P':>7}{'R':>7}{'F1':>7}{'docs/s':>8}{'errors':>7}" + "".join(f"{f:>8}" for f in META_FIELDS))
    for name, t in rows:
        s = t.text
        offered = SIDES[name][1]
        meta = "".join(f"{t.right[f] / t.asked[f]:>8.3f}" if t.asked[f] and f in offered else f"{'-':>8}"
                       for f in META_FIELDS)
        print(f"{name:<13}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.rate:>8.1f}{s.errors:>7}{meta}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
