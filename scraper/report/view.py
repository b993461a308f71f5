"""One record -> what the report shows of it: the page in reading order, metadata, words per rule.

Pure data, no markup: the templates decide how it looks, and escape every string.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from markupsafe import Markup

from ..model import Article
from .catalogue import Catalogue, RuleInfo

META_FIELDS = ("title", "authors", "outlet", "syndication", "published", "modified", "language",
               "canonical_url", "captions", "credits")
"""The metadata rows, in this order."""

EXTRACTORS = {"html": "html (our extractor)", "trafilatura": "fallback (trafilatura)", "text": "text dump"}
"""How the extractor paths read in the report; a path not named here shows as it is."""

MARKED_KINDS = frozenset({"caption", "byline", "title", "heading"})
"""Block kinds labelled as such beside the text."""


class Segment(NamedTuple):
    """A block of the page in reading order, as the template writes it (every lookup done once here)."""

    text: str
    cls: Markup
    """``blk kept k-<kind>`` or the removing rule's ``blk cut r<i>``."""
    label: Markup | None
    """The removing rule's name, escaped; None for a kept block."""
    mark: str
    """The block's kind where the report labels it (caption, byline, ...), else ""."""
    rule: RuleInfo | None


_KEPT_CLASSES: dict[str, Markup] = {}


def _kept_class(kind: str) -> Markup:
    cls = _KEPT_CLASSES.get(kind)
    if cls is None:
        cls = _KEPT_CLASSES[kind] = Markup("blk kept k-") + kind
    return cls


@dataclass(slots=True)
class Candidate:
    value: str
    origin: str


@dataclass(slots=True)
class MetaRow:
    field: str
    value: str
    origin: str
    candidates: list[Candidate] = field(default_factory=list)


@dataclass(slots=True)
class RuleBar:
    rule: RuleInfo
    words: int
    blocks: int
    share: float
    """Of the most words any rule removed on this page (0..1): the bar's length."""


@dataclass(slots=True)
class PageView:
    n: int
    source: str
    url: str | None
    title: str | None
    outlet: str | None
    extractor: str
    error: dict[str, str] | None
    segments: list[Segment]
    meta: list[MetaRow]
    bars: list[RuleBar]
    words_kept: int
    words_removed: int

    def index_row(self) -> dict[str, Any]:
        """The page's line in the index (JSON, read by the report's script)."""
        return {"n": self.n, "title": self.title or "", "source": self.source, "outlet": self.outlet or "",
                "kept": self.words_kept, "removed": self.words_removed,
                "error": self.error["type"] if self.error else "",
                "rules": [bar.rule.name for bar in self.bars]}


def reading_order(text: str, structure: list[str] | None, removed: Iterable[Mapping[str, Any]],
                  catalogue: Catalogue) -> list[Segment]:
    """Kept paragraphs of ``text`` with the removed blocks (in reading order, as ``--explain`` lists them)
    put back where they stood: before the paragraph their ``at`` names, or after the last one."""
    paras = text.split("\n\n") if text else []
    kinds = structure if structure and len(structure) == len(paras) else ["paragraph"] * len(paras)
    out: list[Segment] = []
    append = out.append
    i = 0
    for entry in removed:
        at = entry.get("at", len(paras))
        while i < at and i < len(paras):
            kind = kinds[i]
            append(Segment(paras[i], _kept_class(kind), None, kind if kind in MARKED_KINDS else "", None))
            i += 1
        kind = entry.get("kind") or "paragraph"
        rule = catalogue.get(entry.get("rule") or "unnamed")
        append(Segment(entry.get("text", ""), rule.cut_class, rule.label, kind if kind in MARKED_KINDS else "",
                       rule))
    for i in range(i, len(paras)):
        kind = kinds[i]
        append(Segment(paras[i], _kept_class(kind), None, kind if kind in MARKED_KINDS else "", None))
    return out


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def _candidates(raw: Any) -> list[Candidate]:
    """Runner-up values of one field, whatever shape the record gives them: dicts, pairs or plain values."""
    out = []
    for item in raw or ():
        if isinstance(item, Mapping):
            out.append(Candidate(_show(item.get("value")), str(item.get("origin", item.get("source", "")))))
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            out.append(Candidate(_show(item[0]), str(item[1])))
        else:
            out.append(Candidate(_show(item), ""))
    return out


def _candidate_map(raw: Any) -> dict[str, Any]:
    """``{field: [candidate, ...]}``, from a mapping or from a flat list of items that carry a ``field``."""
    if isinstance(raw, Mapping):
        return dict(raw)
    grouped: dict[str, list] = {}
    for item in raw or ():
        if isinstance(item, Mapping) and "field" in item:
            grouped.setdefault(str(item["field"]), []).append(item)
    return grouped


def metadata(record: Mapping[str, Any]) -> list[MetaRow]:
    provenance = record.get("provenance") or {}
    candidates = _candidate_map(record.get("candidates"))
    rows = []
    for name in META_FIELDS:
        value = record.get(name)
        rows.append(MetaRow(name, _show(value), str(provenance.get(name, "")), _candidates(candidates.get(name))))
    return rows


def words_by_rule(segments: Iterable[Segment]) -> list[RuleBar]:
    """Words and blocks each rule removed from the page, most words first."""
    counts: dict[str, list] = {}
    for seg in segments:
        rule = seg.rule
        if rule is not None:
            c = counts.get(rule.name)
            if c is None:
                c = counts[rule.name] = [rule, 0, 0]
            c[1] += len(seg.text.split())
            c[2] += 1
    top = max((c[1] for c in counts.values()), default=0) or 1
    return [RuleBar(rule, words, blocks, words / top) for rule, words, blocks in
            sorted(counts.values(), key=lambda c: (-c[1], c[0].name))]


def page_view(n: int, article: Article, catalogue: Catalogue) -> PageView:
    """The report's view of one record (made with ``explain=True``; without it nothing shows as removed)."""
    record = {name: getattr(article, name, None) for name in (*META_FIELDS, "provenance", "candidates")}
    segments = reading_order(article.text, article.structure, article.removed or (), catalogue)
    bars = words_by_rule(segments)
    extractor = article.extractor or ""
    return PageView(n=n, source=article.source, url=article.final_url or article.url, title=article.title,
                    outlet=article.outlet, extractor=EXTRACTORS.get(extractor, extractor), error=article.error,
                    segments=segments, meta=metadata(record), bars=bars, words_kept=article.word_count,
                    words_removed=sum(b.words for b in bars))
