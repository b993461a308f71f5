"""Where the time goes: per-stage timers over ``scraper.process`` on the dev HTML pages, one process.

Times are process CPU time (steadier than the wall clock on a shared machine).
Wraps the pipeline's stage functions with timers (the code under test is not
changed), runs every dev page once after a warm-up, and prints ms/page per
stage, so a speed change can be aimed at the stage that costs. ``--snapshot``
writes every record (text + metadata) as JSON Lines, to check that a speed
change leaves the output the same (``--compare`` reads an earlier snapshot).
``--text`` runs the plain-text dumps of the same pages (the ``text/`` folder)
instead of the HTML, so a change to the rules can be checked on both paths.

    .venv/bin/python benchmarks/stages.py [--limit N] [--snapshot out.jsonl] [--compare before.jsonl]
    .venv/bin/python benchmarks/stages.py --text --snapshot text.jsonl   # the 723 text dumps
    .venv/bin/python benchmarks/stages.py --per-rule         # also one timer per rule
    .venv/bin/python benchmarks/stages.py --cprofile 30      # top functions by cumulative time
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "trafilatura-eval"
sys.path.insert(0, str(REPO))

_TIMES: dict[str, float] = defaultdict(float)
_CALLS: dict[str, int] = defaultdict(int)


def _timed(name: str, fn):
    def wrapper(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _TIMES[name] += time.process_time() - t0
            _CALLS[name] += 1
    return wrapper


def _timed_rules(apply_rules):
    """``apply_rules`` with one timer per rule (``--per-rule``)."""
    from scraper.rules.engine import default_rules, matchers

    def wrapper(blocks, ctx, rules=None):
        active = [r for r in (default_rules() if rules is None else rules) if r.name not in ctx.disabled]
        ctx.matchers = matchers(active)
        for rule in active:
            _timed(f"rule: {rule.name}", rule.apply)(blocks, ctx)
    return wrapper


def instrument(per_rule: bool = False) -> None:
    """Replace stage functions where the pipeline looks them up with timed versions."""
    import scraper.blocks.html as html
    import scraper.pipeline as pipeline
    import scraper.record as record
    from scraper.blocks import pagetype
    from scraper.normalize import html_meta, read, resolve

    pipeline.decode_page = _timed("decode", pipeline.decode_page)
    pipeline.too_deep = _timed("nesting guard", pipeline.too_deep)
    pipeline.LexborHTMLParser = _timed("parse (lexbor)", pipeline.LexborHTMLParser)
    pipeline.page_elements = _timed("page elements (one pass)", pipeline.page_elements)
    pipeline.state_scripts = _timed("page data: state scripts", pipeline.state_scripts)
    pagetype.declared_types = _timed("page type: declared", pagetype.declared_types)
    pipeline.read_html = _timed("metadata: all", pipeline.read_html)
    for name in ("site_name_evidence", "logo_evidence", "markup_syndication_evidence", "source_line_evidence",
                 "provider_markup_evidence", "markup_evidence", "headline_slot_evidence", "last_resort_evidence",
                 "names_someone"):
        if hasattr(read, name):  # the readers read_html calls by name, each on its own timer
            setattr(read, name, _timed(f"metadata: {name.removesuffix('_evidence').replace('_', ' ')}",
                                       getattr(read, name)))
    html_meta.date_evidence = _timed("metadata: dates", html_meta.date_evidence)
    read.html_evidence = _timed("metadata: html evidence (all)", read.html_evidence)
    html_meta.json_ld_evidence = _timed("metadata: json-ld", html_meta.json_ld_evidence)
    html_meta.byline_element_evidence = _timed("metadata: byline elements", html_meta.byline_element_evidence)
    html_meta.byline_text_evidence = _timed("metadata: byline text", html_meta.byline_text_evidence)
    html_meta.headline_evidence = _timed("metadata: headline", html_meta.headline_evidence)
    pipeline.extract = _timed("blocks: all", pipeline.extract)
    html.prune = _timed("blocks: prune", html.prune)
    html.segment = _timed("blocks: segment", html.segment)
    html.choose = _timed("blocks: choose", html.choose)
    html.units_to_blocks = _timed("blocks: units->blocks", html.units_to_blocks)
    html.trafilatura_blocks = _timed("blocks: trafilatura fallback", html.trafilatura_blocks)
    pipeline.apply_rules = _timed("rules", _timed_rules(pipeline.apply_rules) if per_rule else pipeline.apply_rules)
    pipeline.build_article = _timed("record: all", pipeline.build_article)
    resolve.detect_language = _timed("record: language", resolve.detect_language)
    record.canonical = _timed("record: canonical", record.canonical)
    record.read_after_rules = _timed("record: read after rules", record.read_after_rules)


def load(data_dir: Path, limit: int | None, text: bool = False) -> list[tuple[str, str | None, bytes]]:
    """(key, url, bytes) of each annotated page: its HTML, or with ``text`` its plain-text dump."""
    ann = json.loads((data_dir / "evaldata.json").read_text(encoding="utf-8"))
    docs = []
    for key, a in sorted(ann.items()):
        path = data_dir / a["file"]
        if text:
            path = data_dir / "text" / (Path(a["file"]).name.removesuffix(".gz") + ".txt.gz")
        if path.is_file():
            docs.append((key, key if key.startswith("http") else None, gzip.decompress(path.read_bytes())))
        if limit and len(docs) >= limit:
            break
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--snapshot", type=Path, help="write each record as JSON Lines")
    ap.add_argument("--compare", type=Path, help="an earlier snapshot: list records that differ")
    ap.add_argument("--text", action="store_true", help="the plain-text dumps (text/) instead of the HTML pages")
    ap.add_argument("--per-rule", action="store_true", help="also time each rule on its own")
    ap.add_argument("--cprofile", type=int, metavar="N", help="cProfile instead of stage timers; print N rows")
    args = ap.parse_args()

    import scraper
    from scraper.model import Page
    from scraper.pipeline import process, warm_up

    config = scraper.load_config()
    docs = load(args.data, args.limit, args.text)
    warm_up(config)  # what loads on first need: the language model, the given-name table
    process(Page(source="warm", data=docs[0][2], url=docs[0][1]), config)  # imports, lazy loads
    import trafilatura  # noqa: F401 - the fallback's own import (lazy in the pipeline) is not a page's cost
    if not args.cprofile:
        instrument(args.per_rule)
        from scraper.pipeline import process  # noqa: F811 - the instrumented module's function
    records = []
    profiler = None
    if args.cprofile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t0 = time.process_time()
    for key, url, data in docs:
        art = process(Page(source=key, data=data, url=url), config)
        records.append((key, art.to_dict()))
    total = time.process_time() - t0
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.cprofile)
    n = len(docs)
    print(f"{n} pages, {n / total:.1f} docs/s, {1000 * total / n:.2f} ms/page")
    for name, secs in sorted(_TIMES.items(), key=lambda kv: -kv[1]):
        print(f"  {name:32} {1000 * secs / n:7.2f} ms/page   ({_CALLS[name]} calls)")
    if args.snapshot:
        with open(args.snapshot, "w", encoding="utf-8") as fh:
            for key, rec in records:
                fh.write(json.dumps({"key": key, **rec}, ensure_ascii=False) + "\n")
    if args.compare:
        before = {}
        for line in open(args.compare, encoding="utf-8"):
            rec = json.loads(line)
            before[rec.pop("key")] = rec
        diffs = 0
        for key, rec in records:
            old = before.get(key)
            if old is None:
                continue
            fields = [f for f in set(rec) | set(old) if rec.get(f) != old.get(f)]
            if fields:
                diffs += 1
                print(f"differs: {key[:80]}  {sorted(fields)}")
                for f in sorted(fields):
                    if f != "text":
                        print(f"    {f}: {str(old.get(f))[:100]!r} -> {str(rec.get(f))[:100]!r}")
        print(f"{diffs} of {len(records)} records differ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
