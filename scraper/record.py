"""Where an article record is built: judged blocks + resolved metadata -> Article.

Nothing is decided here: the metadata comes from resolution (normalize/resolve.py),
the text from the kept blocks.
"""

from __future__ import annotations

from collections.abc import Sequence

from .config import Config
from .model import Article, Block, Evidence, Page
from .normalize.address import capture_time
from .normalize.read import CreditReader, read_after_rules
from .normalize.resolve import resolve_record
from .normalize.text import canonical, fold_key, join_blocks, word_count


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        key = fold_key(v)
        if key and key not in seen:
            seen.add(key)
            out.append(v)
    return out


def removed_in_place(blocks: Sequence[Block], texts: Sequence[str]) -> list[dict]:
    """The removed blocks for ``--explain``: rule, text, kind, and ``at``, the index of the paragraph of
    ``text`` the block stood before (so a reader can show it in place). ``texts``: each kept block's
    canonical text."""
    out: list[dict] = []
    at = 0
    for b, t in zip(blocks, texts):
        if b.kept:
            at += t.count("\n\n") + 1 if t else 0
        else:
            out.append({"rule": b.removed_by or "", "text": b.text, "kind": b.kind.value, "at": at})
    return out


def build_article(page: Page, blocks: Sequence[Block], evidence: list[Evidence], config: Config,
                  extractor: str, explain: bool = False, credit: CreditReader | None = None) -> Article:
    """Assemble the record: kept blocks become the text, resolved evidence the metadata.

    ``credit``: reads an image credit out of a caption (the photo-caption rule's pattern).
    """
    evidence = evidence + read_after_rules(page.final_url or page.url, blocks, evidence, config.outlets, credit)
    texts = [canonical(b.text) if b.kept else "" for b in blocks]
    kept = [(b.kind.value, t) for b, t in zip(blocks, texts) if t]
    text = join_blocks([t for _, t in kept])
    resolved = resolve_record(evidence, text, page.fetched_at or capture_time(page.final_url or page.url))
    meta = resolved.values
    article = Article(
        source=page.source,
        url=page.url,
        final_url=page.final_url,
        canonical_url=meta["canonical_url"],
        title=meta["title"],
        text=text,
        authors=meta["authors"],
        outlet=meta["outlet"],
        syndication=meta["syndication"],
        published=meta["published"],
        modified=meta["modified"],
        language=meta["language"],
        captions=_unique([canonical(e.value) for e in evidence if e.field == "caption"]),
        credits=_unique([canonical(e.value) for e in evidence if e.field == "credit"]),
        word_count=word_count(text),
        extractor=extractor,
        status=page.status,
        fetched_at=page.fetched_at,
        structure=[kind for kind, _ in kept],
    )
    if explain:
        article.provenance = resolved.provenance
        article.candidates = resolved.candidates
        article.removed = removed_in_place(blocks, texts)
    return article
