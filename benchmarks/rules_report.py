"""Per-rule attribution on the dev corpus: on how many pages and sites each rule, pattern,
tail cue and caption cue fires, and what it is worth there.

Quality is also measured on held-out pages, so a rule whose whole benefit comes from one
page or one site is a sign of overfitting. For every unit (a whole rule, one pattern of a
pattern rule, one pattern of a tail-cue section, one text-caption pattern) the report gives

- ``docs``/``sites``: distinct pages and sites where the unit's pattern matches a block;
- ``chg``/``chg_sites``: pages and sites whose score moves when the unit is switched off;
- ``fp_out``/``tp_net``: `without` snippets the unit keeps out of the text, and `with` snippets
  it keeps in (negative: it costs them), summed over the pages, one unit switched off at a time;
- the same for two halves of the corpus split by a hash of the site (A and B), so a unit
  that only helps on one half, or on one site, stands out.

Switching off one unit at a time undervalues redundant units (two cues that catch the same
line each look worthless), so ``--scan`` complements it: every pattern against every block,
counting the lines it would take that hold `with` snippets (danger) or `without` ones.

Blocks are built once per page (the block builders do not depend on the rules); only the
rules are re-run per unit, on the pages where the unit matched something at all.

    python benchmarks/rules_report.py --mode text
    python benchmarks/rules_report.py --mode html --units rule,pat --out /tmp/html_rules.tsv
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import DEFAULT_DATA, Doc, load_docs, norm  # noqa: E402

from scraper.model import Block  # noqa: E402
from scraper.normalize.text import canonical, join_blocks  # noqa: E402
from scraper.rules import base, captions, engine, patterns, region, tail  # noqa: E402


def site_of(doc: Doc) -> str:
    """The page's host without "www.", or its file for keys that are not URLs."""
    if doc.url:
        host = (urlsplit(doc.url).hostname or "").lower()
        return host.removeprefix("www.") or doc.file
    return doc.file


def half_of(site: str) -> str:
    """A or B, from a hash of the site: the two halves never share a site."""
    return "AB"[int(hashlib.sha256(site.encode()).hexdigest(), 16) % 2]


@dataclass(slots=True)
class Prepared:
    """A page up to the rules: its blocks and what the rules read besides them."""

    doc: Doc
    site: str
    blocks: list[Block]
    title: str | None
    evidence: list
    plain_text: bool


def prepare(doc: Doc) -> Prepared | None:
    """The pipeline's steps before the rules (see scraper/pipeline.py)."""
    from selectolax.lexbor import LexborHTMLParser

    from scraper.blocks.html import html_to_blocks
    from scraper.blocks.text import text_to_blocks
    from scraper.decode import decode
    from scraper.normalize.read import read_html as html_evidence
    from scraper.normalize.resolve import pick
    from scraper.sniff import looks_like_html

    try:
        text, _ = decode(doc.data, {})
    except Exception:  # noqa: BLE001 - an undecodable page has no rules to judge
        return None
    if looks_like_html(text):
        tree = LexborHTMLParser(text)
        evidence = list(html_evidence(tree, doc.url, text))
        title, _ = pick(evidence, "title")
        blocks, _ = html_to_blocks(text, doc.url, tree=tree, evidence=evidence)
        return Prepared(doc, site_of(doc), blocks, title, evidence, False)
    return Prepared(doc, site_of(doc), text_to_blocks(text), None, [], True)


def judge(page: Prepared, rules: Sequence[base.Rule]) -> list[Block]:
    blocks = [Block(b.text, b.kind, b.removed_by, b.link_density, b.level, b.roles) for b in page.blocks]
    ctx = base.RuleContext(evidence=list(page.evidence), title=page.title, plain_text=page.plain_text)
    engine.apply_rules(blocks, ctx, rules)
    return blocks


def score(page: Prepared, blocks: Sequence[Block]) -> tuple[int, int]:
    """(true positives, false positives) of the kept text, as benchmarks/quality.py counts them."""
    out = norm(join_blocks([t for t in (canonical(b.text) for b in blocks if b.kept) if t]))
    tp = sum(1 for s in page.doc.with_ if norm(s) in out)
    fp = sum(1 for s in page.doc.without if norm(s) in out)
    return tp, fp


@dataclass(slots=True)
class Unit:
    """One switchable piece of the rules and how to run without it."""

    name: str
    source: str
    """The pattern or phrase (shortened) for the report."""
    fires: Callable[[Prepared], bool]
    without: Callable[[], contextmanager]
    docs: set[str] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)
    changed: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Page key -> (tp lost, fp let in) when the unit is off."""


# -- pattern rules ----------------------------------------------------------------------------

_MATCHED: set[int] = set()
"""ids of the engine patterns that matched something on the current page."""


@contextmanager
def watching_patterns() -> Iterator[None]:
    original = patterns._Pattern.match

    def match(self, text):  # noqa: ANN001, ANN202
        m = original(self, text)
        if m is not None:
            _MATCHED.add(id(self))
        return m

    patterns._Pattern.match = match
    try:
        yield
    finally:
        patterns._Pattern.match = original


@contextmanager
def rules_replaced(rules: tuple) -> Iterator[tuple]:
    """Run with ``rules`` instead of the defaults (also where region.py reads the box heads)."""
    original = region._box_head_rules
    heads = tuple(r for r in rules if r.name in region._BOX_HEADS and hasattr(r, "match"))
    region._box_head_rules = lambda: heads
    try:
        yield rules
    finally:
        region._box_head_rules = original


def pattern_units(base: tuple, fired: dict[str, set[int]]) -> list[Unit]:
    units = []
    for ri, rule in enumerate(base):
        if isinstance(rule, patterns.PatternRule):
            for pi, pat in enumerate(rule.patterns):
                def without(ri=ri, pi=pi, rule=rule):  # noqa: ANN202
                    pats = [p for k, p in enumerate(rule.patterns) if k != pi]
                    rules = (*base[:ri], dataclasses.replace(rule, patterns=pats), *base[ri + 1:])
                    return rules_replaced(rules)

                pid = id(pat)
                units.append(Unit(f"pat:{rule.name}#{pi}", pat.regex.pattern[:90],
                                  lambda p, pid=pid: p.doc.key in fired.get(pid, ()), without))
    return units


def rule_units(base: tuple, touched: dict[str, set[str]]) -> list[Unit]:
    units = []
    for ri, rule in enumerate(base):
        def without(ri=ri):  # noqa: ANN202
            return rules_replaced((*base[:ri], *base[ri + 1:]))

        units.append(Unit(f"rule:{rule.name}", getattr(rule, "about", "")[:90] or type(rule).__name__,
                          lambda p, name=rule.name: p.doc.key in touched.get(name, ()), without))
    return units


# -- tail cues and text captions --------------------------------------------------------------

def _cue_units() -> list[Unit]:
    import tomllib

    with open(tail.CUES_FILE, "rb") as fh:
        data = tomllib.load(fh)
    sections = ("strong", "sentence", "head", "notice")
    units = []
    for si, section in enumerate(sections):
        pats = data[section]["patterns"]
        max_words = int(data[section]["max_words"])
        for pi, pat in enumerate(pats):
            rx = re.compile(pat, re.IGNORECASE)

            def fires(p: Prepared, rx=rx, max_words=max_words) -> bool:
                return any(len(b.text.split()) <= max_words and rx.search(b.text) for b in p.blocks)

            def without(section=section, pi=pi):  # noqa: ANN202
                cut = {s: dict(data[s]) for s in sections}
                cut[section]["patterns"] = [q for k, q in enumerate(data[section]["patterns"]) if k != pi]
                return _swap(tail, "load_cues", lambda *a, **k: tail.TailCues(*(tail._compile(cut[s]) for s in sections)))

            units.append(Unit(f"cue:{section}#{pi}", pat[:90], fires, without))
    return units


def _caption_units() -> list[Unit]:
    import tomllib

    with open(captions.CAPTIONS_FILE, "rb") as fh:
        data = tomllib.load(fh)
    pats, max_words = data["patterns"], int(data["max_words"])
    units = []
    for pi, pat in enumerate(pats):
        rx = re.compile(pat)

        def fires(p: Prepared, rx=rx) -> bool:
            return any(len(b.text.split()) <= max_words and rx.search(b.text.lower()) for b in p.blocks)

        def without(pi=pi):  # noqa: ANN202
            rest = re.compile("|".join(f"(?:{q})" for k, q in enumerate(pats) if k != pi))
            return _swap(captions, "_caption_pattern", lambda: (rest, max_words))

        units.append(Unit(f"cap:#{pi}", pat[:90], fires, without))
    return units


@contextmanager
def _swap(module: object, name: str, value: object) -> Iterator[tuple]:
    original = getattr(module, name)
    setattr(module, name, value)
    try:
        yield engine.default_rules()
    finally:
        setattr(module, name, original)


# -- static scan --------------------------------------------------------------------------------

def _overlaps(line: str, snippets: Sequence[str]) -> bool:
    """The line holds a snippet, or is a (not tiny) piece of one."""
    return any(s in line or (len(line) >= 20 and line in s) for s in snippets)


def scan(pages: Sequence[Prepared]) -> None:
    """Each pattern, cue and caption pattern against every block of every page, whatever the
    other rules do: lines it matches that hold article text (`with`) or chrome (`without`),
    and on how many sites. Redundant rules hide each other in an ablation; this does not."""
    import tomllib

    tests: list[tuple[str, str, Callable[[str], bool]]] = []
    for rule in engine.default_rules():
        if isinstance(rule, patterns.PatternRule):
            for pi, pat in enumerate(rule.patterns):
                def test(text: str, rule=rule, pat=pat) -> bool:
                    n = len(text.split())
                    return n <= min(rule.max_words, pat.max_words) and pat.match(text) is not None
                tests.append((f"pat:{rule.name}#{pi}", pat.regex.pattern, test))
    with open(tail.CUES_FILE, "rb") as fh:
        cues = tomllib.load(fh)
    for section in ("strong", "sentence", "head", "notice"):
        max_words = int(cues[section]["max_words"])
        for pi, pat in enumerate(cues[section]["patterns"]):
            rx = re.compile(pat, re.IGNORECASE)
            tests.append((f"cue:{section}#{pi}", pat,
                          lambda t, rx=rx, m=max_words: len(t.split()) <= m and rx.search(t) is not None))
    with open(captions.CAPTIONS_FILE, "rb") as fh:
        caps = tomllib.load(fh)
    for pi, pat in enumerate(caps["patterns"]):
        rx = re.compile(pat)
        tests.append((f"cap:#{pi}", pat, lambda t, rx=rx, m=int(caps["max_words"]):
                      len(t.split()) <= m and rx.search(t.lower()) is not None))
    print(f"{'unit':<26}{'lines':>6}{'sites':>6}{'with':>6}{'w.sites':>8}{'w/o':>5}{'wo.sites':>9}  source")
    for name, source, test in tests:
        lines = 0
        sites: set[str] = set()
        bad: set[str] = set()
        good: set[str] = set()
        n_bad = n_good = 0
        for page in pages:
            withs = [norm(s) for s in page.doc.with_]
            withouts = [norm(s) for s in page.doc.without]
            for b in page.blocks:
                if not test(b.text):
                    continue
                lines += 1
                sites.add(page.site)
                line = norm(b.text)
                if _overlaps(line, withs):
                    n_bad += 1
                    bad.add(page.site)
                if _overlaps(line, withouts):
                    n_good += 1
                    good.add(page.site)
        print(f"{name:<26}{lines:>6}{len(sites):>6}{n_bad:>6}{len(bad):>8}{n_good:>5}{len(good):>9}  {source[:80]}")


# -- report -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--mode", choices=("html", "text"), default="text")
    ap.add_argument("--units", default="rule,pat,cue,cap", help="comma list of: rule, pat, cue, cap")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out", type=Path, help="also write the table as TSV")
    ap.add_argument("--scan", action="store_true",
                    help="only the static scan: every pattern against every block, `with`/`without` overlaps")
    ap.add_argument("--only", help="only units whose name starts with this (e.g. 'pat:byline')")
    ap.add_argument("--docs", action="store_true", help="also list the pages each unit changes")
    ap.add_argument("--max-sites", type=int, default=0,
                    help="print only units that change at most this many sites (0: all)")
    args = ap.parse_args(argv)
    kinds = set(args.units.split(","))

    started = time.perf_counter()
    docs = load_docs(args.data, args.mode, args.limit)
    pages = [p for p in map(prepare, docs) if p is not None]
    if args.scan:
        scan(pages)
        return 0
    base_rules = engine.default_rules()
    fired: dict[int, set[str]] = {}
    touched: dict[str, set[str]] = {}
    baseline: dict[str, tuple[int, int]] = {}
    for page in pages:
        _MATCHED.clear()
        with watching_patterns():
            blocks = judge(page, base_rules)
        for pid in _MATCHED:
            fired.setdefault(pid, set()).add(page.doc.key)
        for b in blocks:
            if b.removed_by:
                touched.setdefault(b.removed_by, set()).add(page.doc.key)
        baseline[page.doc.key] = score(page, blocks)
    tp = sum(v[0] for v in baseline.values())
    fp = sum(v[1] for v in baseline.values())
    fn = sum(len(p.doc.with_) for p in pages) - tp
    print(f"{len(pages)} pages on {len({p.site for p in pages})} sites prepared and judged in "
          f"{time.perf_counter() - started:.0f}s; baseline TP {tp} FP {fp} FN {fn} F1 {2 * tp / (2 * tp + fp + fn):.3f}",
          file=sys.stderr)

    # Rules named by their removals; region.py's own steps (after-article, site-notice,
    # caption-line, ...) are not separate rules but show up under the cue/cap units.
    units: list[Unit] = []
    if "rule" in kinds:
        units += rule_units(base_rules, touched)
    if "pat" in kinds:
        units += pattern_units(base_rules, fired)
    if "cue" in kinds:
        units += _cue_units()
    if "cap" in kinds and args.mode == "text":
        units += _caption_units()

    if args.only:
        units = [u for u in units if u.name.startswith(args.only)]
    for unit in units:
        relevant = [p for p in pages if unit.fires(p)]
        unit.docs = {p.doc.key for p in relevant}
        unit.sites = {p.site for p in relevant}
        if not relevant:
            continue
        with unit.without() as rules:
            for page in relevant:
                tp, fp = score(page, judge(page, rules))
                btp, bfp = baseline[page.doc.key]
                if (tp, fp) != (btp, bfp):
                    unit.changed[page.doc.key] = (btp - tp, fp - bfp)
    print(f"{len(units)} units in {time.perf_counter() - started:.0f}s", file=sys.stderr)

    site = {p.doc.key: p.site for p in pages}
    header = ["unit", "docs", "sites", "chg", "chg_sites", "fp_out", "tp_net", "A:fp_out", "A:tp_net", "B:fp_out",
              "B:tp_net", "source"]
    rows = []
    for unit in units:
        halves = {"A": [0, 0], "B": [0, 0]}
        for key, (tp_lost, fp_in) in unit.changed.items():
            h = halves[half_of(site[key])]
            h[0] += fp_in
            h[1] += tp_lost
        chg_sites = {site[k] for k in unit.changed}
        if args.max_sites and len(chg_sites) > args.max_sites:
            continue
        rows.append([unit.name, len(unit.docs), len(unit.sites), len(unit.changed), len(chg_sites),
                     halves["A"][0] + halves["B"][0], halves["A"][1] + halves["B"][1],
                     *halves["A"], *halves["B"], unit.source])
    widths = [34, 5, 6, 4, 10, 7, 7, 9, 9, 9, 9, 0]
    print("".join(f"{h:<{w}}" if w else h for h, w in zip(header, widths)))
    for row in rows:
        print("".join(f"{str(v):<{w}}" if w else str(v) for v, w in zip(row, widths)))
    if args.docs:
        for unit in units:
            for key, (tp_lost, fp_in) in sorted(unit.changed.items()):
                print(f"{unit.name}\t{key}\tlost_tp={tp_lost}\tfp_in={fp_in}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write("\t".join(header) + "\n")
            for row in rows:
                fh.write("\t".join(str(v) for v in row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
