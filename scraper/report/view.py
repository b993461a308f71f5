"""One record -> what the report shows of it: the page in reading order, metadata, words per rule.

Pure data, no markup: the templates decide how it looks, and escape every string.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

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


@dataclass(slots=True)
class Segment:
    """A block of the page in reading order: kept (``rule`` is None) or removed by ``rule``."""

    text: str
    kind: str
    rule: RuleInfo | None = None

    @property
    def marked(self) -> bool:
        return self.kind in MARKED_KINDS

    def row(self) -> tuple[str, Markup, Markup | None, str]:
        """(text, class, rule label or None, kind label or ""): what the template writes, looked up once."""
        mark = self.kind if self.kind in MARKED_KINDS else ""
        if self.rule is None:
            return self.text, _kept_class(self.kind), None, mark
        return self.text, self.rule.cut_class, self.rule.label, mark


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
    rows: list[tuple[str, Markup, Markup | None, str]]
    """``segments`` as the template reads them (see ``Segment.row``)."""
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
    """Kept paragraphs of ``text`` with the removed blocks put back where they stood (their ``at``)."""
    paras = text.split("\n\n") if text else []
    kinds = structure if structure and len(structure) == len(paras) else ["paragraph"] * len(paras)
    out: list[Segment] = []
    pending = sorted(removed, key=lambda r: r.get("at", len(paras)))  # stable: reading order within a gap
    j = 0
    for i, para in enumerate(paras):
        while j < len(pending) and pending[j].get("at", len(paras)) <= i:
            out.append(_removed(pending[j], catalogue))
            j += 1
        out.append(Segment(para, kinds[i]))
    out.extend(_removed(r, catalogue) for r in pending[j:])
    return out


def _removed(entry: Mapping[str, Any], catalogue: Catalogue) -> Segment:
    return Segment(str(entry.get("text", "")), str(entry.get("kind", "paragraph")),
                   catalogue.get(str(entry.get("rule", "")) or "unnamed"))


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
    words: Counter[str] = Counter()
    blocks: Counter[str] = Counter()
    infos: dict[str, RuleInfo] = {}
    for seg in segments:
        if seg.rule is not None:
            infos[seg.rule.name] = seg.rule
            words[seg.rule.name] += len(seg.text.split())
            blocks[seg.rule.name] += 1
    top = max(words.values(), default=0) or 1
    return [RuleBar(infos[name], n, blocks[name], n / top) for name, n in
            sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))]


def page_view(n: int, article: Article, catalogue: Catalogue) -> PageView:
    """The report's view of one record (made with ``explain=True``; without it nothing shows as removed)."""
    record = {name: getattr(article, name, None) for name in (*META_FIELDS, "provenance", "candidates")}
    segments = reading_order(article.text, article.structure, article.removed or (), catalogue)
    bars = words_by_rule(segments)
    extractor = article.extractor or ""
    return PageView(n=n, source=article.source, url=article.final_url or article.url, title=article.title,
                    outlet=article.outlet, extractor=EXTRACTORS.get(extractor, extractor), error=article.error,
                    segments=segments, rows=[s.row() for s in segments], meta=metadata(record), bars=bars, words_kept=article.word_count,
                    words_removed=sum(b.words for b in bars))
