"""The three data types every page passes through: Page -> Block list -> Article.

A source hands over a ``Page`` (raw bytes and where they came from); a block
builder turns it into ``Block`` objects in reading order; rules mark blocks as
cruft; the record builder assembles an ``Article``. Errors are data: a page that
cannot be read becomes an ``Article`` whose ``error`` is set.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar


@dataclass(slots=True)
class Page:
    """What a source hands over: undecoded bytes plus their origin."""

    source: str
    """Path, URL or ``file.warc.gz#record-id`` exactly as the user gave it."""
    data: bytes
    url: str | None = None
    """URL of the page if known (requested URL, WARC target URI, feed link)."""
    final_url: str | None = None
    """URL after redirects, for fetched pages."""
    headers: dict[str, str] = field(default_factory=dict)
    """HTTP response headers (lower-case names) if any."""
    fetched_at: str | None = None
    """ISO 8601 time the bytes were fetched, if known."""
    status: int | None = None
    """HTTP status, for fetched pages."""
    error: dict[str, str] | None = None
    """Set by a source that could not produce bytes (fetch failure, unreadable file)."""


class BlockKind(str, enum.Enum):
    """What a block is in the article's structure."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CAPTION = "caption"
    BYLINE = "byline"
    TABLE_ROW = "table_row"
    CODE = "code"


@dataclass(slots=True)
class Block:
    """One unit of a page in reading order, with the verdict of the rules.

    ``removed_by`` is ``None`` for a kept block, otherwise the name of the rule
    that judged it cruft, so a user can see why it went (``--explain``).
    """

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    removed_by: str | None = None
    link_density: float = 0.0
    """Share of the block's characters inside links (HTML only; 0 for text dumps)."""
    level: int = 0
    """Heading level (1-6) for headings; nesting depth for list items."""
    roles: frozenset[str] = frozenset()
    """What the rule that removed the block found it to be, for other rules (``rules/base.py``)."""

    @property
    def kept(self) -> bool:
        return self.removed_by is None

    def remove(self, rule: str, roles: frozenset[str] = frozenset()) -> None:
        """Mark as cruft, keeping the first rule that judged it (and the roles it gave)."""
        if self.removed_by is None:
            self.removed_by = rule
            self.roles = roles


@dataclass(slots=True)
class Article:
    """The output record: canonical text plus metadata. One per input, always.

    Field names are stable and documented in README.md; ``to_dict`` is the JSON
    object written to JSON Lines.
    """

    source: str
    url: str | None = None
    final_url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    text: str = ""
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    syndication: str | None = None
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    word_count: int = 0
    extractor: str | None = None
    """Which path produced the text: ``html``, ``trafilatura`` (fallback) or ``text``."""
    status: int | None = None
    fetched_at: str | None = None
    error: dict[str, str] | None = None
    provenance: dict[str, str] | None = None
    """Field name -> where its value came from; only with ``--explain``."""
    removed: list[dict[str, str]] | None = None
    """Removed blocks in reading order: rule, text, kind, and ``at`` (index of the paragraph of ``text``
    they stood before); only with ``--explain``."""
    candidates: dict[str, list[dict[str, str]]] | None = None
    """Field name -> the values offered for it that lost, most trusted first ({value, origin}); only with ``--explain``."""
    story: dict[str, Any] | None = None
    """Which story the record belongs to; only after ``scraper cluster`` (see scraper/cluster)."""
    structure: list[str] | None = field(default=None, repr=False)
    """Kind of each paragraph of ``text`` (heading, list_item, ...); for Markdown output, not serialised."""

    EXPLAIN_FIELDS: ClassVar[tuple[str, ...]] = ("provenance", "removed", "candidates")
    """Fields filled only with ``--explain``."""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def outcome(self) -> str:
        """``failed`` (error set), ``empty`` (no text) or ``ok``."""
        if self.error is not None:
            return "failed"
        return "ok" if self.text else "empty"

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        del record["structure"]
        if record["provenance"] is None:
            del record["provenance"]
        if record["removed"] is None:
            del record["removed"]
        if record["candidates"] is None:
            del record["candidates"]
        if record["story"] is None:
            del record["story"]
        return record

    @classmethod
    def failure(cls, source: str, error_type: str, message: str, **fields: Any) -> "Article":
        """A record for an input that produced no article, saying why."""
        return cls(source=source, error={"type": error_type, "message": message}, **fields)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A candidate metadata value and where it was found.

    Rules and metadata readers emit evidence; the record builder picks one value
    per field by a stated order of trust over ``origin`` (see normalize/resolve.py).
    """

    field: str
    """Record field it speaks for: title, outlet, byline, author, syndication, caption, credit, published, ..."""
    value: str
    origin: str
    """Where it came from: ``json-ld``, ``meta:og:title``, ``rule:feed-footer``, ``text:title-line``, ..."""
