"""Which prune selector words (scraper/blocks/selectors.toml) fire on the dev corpus, on how
many pages and sites, and what the containers they prune hold.

A word that fires on one site only is a candidate for overfitting; a word whose pruned
containers hold `with` snippets (article text the annotators want) is the danger side.
For each class/id word: pages and sites where it prunes a container (the outermost one
only, as prune.py removes whole subtrees), how many `without` snippets those containers
held (chrome kept out) and how many `with` snippets (article text lost, unless another
copy survives elsewhere on the page).

    python benchmarks/selectors_report.py
    python benchmarks/selectors_report.py --word byline --show 5   # the containers it prunes
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import DEFAULT_DATA, load_docs, norm  # noqa: E402
from rules_report import half_of, site_of  # noqa: E402

from scraper.blocks import prune as prune_mod  # noqa: E402


def reason(sel: prune_mod.Selectors, name: str) -> str | None:
    """The selector word that makes one class name or id chrome (prune.Selectors._judge_name), or None."""
    toks = prune_mod.tokens(name)
    if not toks or toks[0] in sel.keep or any(t in sel.layout for t in toks):
        return None
    if "".join(toks) in sel.hidden:
        return "hidden:" + "".join(toks)
    if len(toks) <= 2:
        for t in toks:
            if t in sel.weak:
                return "weak:" + t
    for t in toks:
        if t in sel.strong:
            return "strong:" + t
        for p in sel.prefix:
            if t.startswith(p):
                return "prefix:" + p
    return None


def node_reason(sel: prune_mod.Selectors, class_attr: str | None, id_attr: str | None) -> tuple[str, str] | None:
    """(word, the class or id name it fired on) when the node is chrome by class/id, else None."""
    if not sel.is_chrome(class_attr, id_attr):
        return None
    for name in (class_attr or "").split() + ([id_attr] if id_attr else []):
        why = reason(sel, name)
        if why:
            return why, name
    return None


def main(argv: list[str] | None = None) -> int:
    from selectolax.lexbor import LexborHTMLParser

    from scraper.decode import decode

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--word", help="show the containers this word prunes (e.g. 'byline' or 'weak:bio')")
    ap.add_argument("--show", type=int, default=3)
    ap.add_argument("--harm", action="store_true", help="with --word: only containers holding `with` snippets")
    args = ap.parse_args(argv)

    sel = prune_mod.selectors()
    stats: dict[str, dict] = defaultdict(lambda: {"docs": set(), "sites": set(), "fp": 0, "tp": 0,
                                                  "tp_sites": set(), "names": defaultdict(int), "A": 0, "B": 0})
    shown = 0
    for doc in load_docs(args.data, "html", args.limit):
        text, _ = decode(doc.data, {})
        tree = LexborHTMLParser(text)
        tree.strip_tags(list(prune_mod._ALWAYS))
        body = tree.body
        if body is None:
            continue
        limit = len(body.text(deep=True)) * prune_mod._SAFE_SHARE
        site = site_of(doc)
        withs = [norm(s) for s in doc.with_]
        withouts = [norm(s) for s in doc.without]
        pruned: set[int] = set()
        for node in body.css("[class],[id]"):
            if node.tag in ("html", "body", "main", "article"):
                continue
            if _inside(node, pruned):
                continue
            attrs = node.attributes
            hit = node_reason(sel, attrs.get("class"), attrs.get("id"))
            if hit is None:
                continue
            content = norm(node.text(deep=True))
            if len(content) > limit:
                continue
            pruned.add(node.mem_id)
            word, name = hit
            st = stats[word]
            st["docs"].add(doc.key)
            st["sites"].add(site)
            st["names"][name] += 1
            fp = sum(1 for s in withouts if s in content)
            tp = sum(1 for s in withs if s in content)
            st["fp"] += fp
            st["tp"] += tp
            st[half_of(site)] += fp
            if tp:
                st["tp_sites"].add(site)
            if args.word and args.word in (word, word.split(":")[1]) and shown < args.show and (tp if args.harm else tp or fp):
                shown += 1
                print(f"--- {doc.key} <{node.tag} class={attrs.get('class')!r} id={attrs.get('id')!r}> "
                      f"with={tp} without={fp}\n{content[:400]}\n")
    print(f"{'word':<28}{'docs':>6}{'sites':>6}{'w/o':>6}{'A':>5}{'B':>5}{'with':>6}{'w.sites':>8}  names")
    for word, st in sorted(stats.items(), key=lambda kv: -len(kv[1]["sites"])):
        names = ", ".join(f"{n}({c})" for n, c in sorted(st["names"].items(), key=lambda kv: -kv[1])[:4])
        print(f"{word:<28}{len(st['docs']):>6}{len(st['sites']):>6}{st['fp']:>6}{st['A']:>5}{st['B']:>5}"
              f"{st['tp']:>6}{len(st['tp_sites']):>8}  {names[:90]}")
    return 0


def _inside(node, pruned: set[int]) -> bool:  # noqa: ANN001
    """True when an ancestor of ``node`` is already pruned (its subtree goes with it)."""
    if not pruned:
        return False
    parent = node.parent
    while parent is not None:
        if parent.mem_id in pruned:
            return True
        parent = parent.parent
    return False


if __name__ == "__main__":
    sys.exit(main())
