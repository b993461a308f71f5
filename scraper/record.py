"""Where an article record is built: judged blocks + evidence -> Article."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from .config import Config
from .model import Article, Block, Evidence, Page
from .normalize import resolve
from .normalize.bylines import is_organisation
from .normalize.dates import url_date
from .normalize.language import detect_language
from .normalize.text import canonical, join_blocks, word_count
from .rules.predicates import block_key

_DATELINE = re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ .,'’/-]{1,60}?\s*\((?P<org>[^)]{2,40})\)\s*[-–—:]")


DATELINE_BLOCKS = 3
"""A wire dateline ("WASHINGTON (AP) —") opens one of the first kept blocks."""


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.lower() if host else None


def outlet_for_host(host: str | None, outlets: dict[str, str]) -> str | None:
    """Outlet name from the config table; a subdomain matches its parent entry."""
    while host:
        if host in outlets:
            return outlets[host]
        if "." not in host:
            return None
        host = host.split(".", 1)[1]
    return None


def _derived_evidence(page: Page, blocks: Sequence[Block], evidence: list[Evidence], config: Config) -> list[Evidence]:
    """Evidence that follows from other evidence: config outlet, title suffix, dateline, URL date, domains."""
    out: list[Evidence] = []
    url = page.final_url or page.url
    host = host_of(url)
    configured = outlet_for_host(host, config.outlets)
    if configured:
        out.append(Evidence("outlet", configured, "config:domain"))
    for ev in evidence:
        if ev.field == "title" and ev.origin == "html:title":
            suffix = resolve.title_suffix(canonical(ev.value))
            if suffix:
                out.append(Evidence("outlet", suffix, "title:suffix"))
    for block in [b for b in blocks if b.kept][:DATELINE_BLOCKS]:
        m = _DATELINE.match(block.text)
        if m and is_organisation(m.group("org")):
            out.append(Evidence("syndication", m.group("org"), "text:dateline"))
            break
    day = url_date(url)
    if day:
        out.append(Evidence("published", day, "url:date"))
    for ev in evidence:
        if ev.field == "canonical_url":
            canon_host = host_of(ev.value)
            if host and canon_host and _site(canon_host) != _site(host):
                name = outlet_for_host(canon_host, config.outlets) or canon_host.removeprefix("www.")
                out.append(Evidence("syndication", name, "canonical:other-domain"))
            break
    site_host = host or next((host_of(e.value) for e in evidence if e.field == "canonical_url"), None)
    if site_host:  # the last resort for the outlet: the domain as it is, never a name guessed from it
        out.append(Evidence("outlet", site_host.removeprefix("www."), "url:domain"))
    return out


def _site(host: str) -> str:
    parts = host.split(".")
    return ".".join(parts[-2:]) if len(parts) >= 2 else host


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        key = block_key(v)
        if key and key not in seen:
            seen.add(key)
            out.append(v)
    return out


def removed_in_place(blocks: Sequence[Block]) -> list[dict]:
    """The removed blocks for ``--explain``: rule, text, kind, and ``at``, the index of the paragraph of
    ``text`` the block stood before (so a reader can show it in place)."""
    out: list[dict] = []
    at = 0
    for b in blocks:
        if b.kept:
            t = canonical(b.text)
            at += t.count("\n\n") + 1 if t else 0
        else:
            out.append({"rule": b.removed_by or "", "text": b.text, "kind": b.kind.value, "at": at})
    return out


def build_article(page: Page, blocks: Sequence[Block], evidence: list[Evidence], config: Config,
                  extractor: str, explain: bool = False) -> Article:
    """Assemble the record: kept blocks become the text, evidence becomes metadata."""
    evidence = evidence + _derived_evidence(page, blocks, evidence, config)
    provenance: dict[str, str] = {}

    def take(field: str, clean=lambda v: v or None) -> str | None:
        value, origin = resolve.pick(evidence, field, clean)
        if value is not None and origin is not None:
            provenance[field] = origin
        return value

    kept = [(b.kind.value, canonical(b.text)) for b in blocks if b.kept]
    kept = [(kind, t) for kind, t in kept if t]
    def take_date(field: str) -> str | None:
        value, origin = resolve.pick_date(evidence, field)
        if value is not None and origin is not None:
            provenance[field] = origin
        return value

    text = join_blocks([t for _, t in kept])
    outlet = take("outlet", resolve.clean_outlet)
    title = None
    for ev in resolve.ranked(evidence, "title"):
        title = resolve.clean_title(canonical(ev.value), outlet, strip_suffix=ev.origin == "html:title",
                                     quoted=ev.origin == "rule:feed-footer")
        if title:
            provenance["title"] = ev.origin
            break
    authors, author_origin, byline_orgs = resolve.authors_from(evidence)
    if author_origin:
        provenance["authors"] = author_origin
    if byline_orgs:
        evidence.append(Evidence("syndication", byline_orgs[0], "byline:organisation"))
    syndication = take("syndication", resolve.clean_syndication)
    if syndication and outlet and (block_key(syndication) == block_key(outlet)):
        syndication = None  # the outlet's own story
        provenance.pop("syndication", None)
    declared = take("language", resolve.clean_language)
    language, lang_origin = detect_language(text, declared)
    if lang_origin:
        provenance["language"] = lang_origin if lang_origin == "detector" else provenance.get("language", "declared")
    captions = _unique([canonical(e.value) for e in evidence if e.field == "caption"])
    credits = _unique([canonical(e.value) for e in evidence if e.field == "credit"])
    article = Article(
        source=page.source,
        url=page.url,
        final_url=page.final_url,
        canonical_url=take("canonical_url", resolve.clean_url),
        title=title,
        text=text,
        authors=authors,
        outlet=outlet,
        syndication=syndication,
        published=take_date("published"),
        modified=take_date("modified"),
        language=language,
        captions=captions,
        credits=credits,
        word_count=word_count(text),
        extractor=extractor,
        status=page.status,
        fetched_at=page.fetched_at,
        structure=[kind for kind, _ in kept],
    )
    if explain:
        article.provenance = provenance
        article.removed = removed_in_place(blocks)
    return article
