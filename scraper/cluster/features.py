"""One record (a dict as written by ``clean``/``fetch``) -> what the tiers need from it."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from .attribution import credited
from .canon import host_of, text_key, url_key
from .settings import ClusterSettings
from .shingles import band_keys, shingle_hashes, signature, word_hashes

_ENTITY = re.compile(r"(?<![\w])(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*\w|\d[\d.,:%]*\d|\d)")
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_END = (". ", "! ", "? ", "\n", '" ', "“", "„")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class Meta:
    """Small per-record facts kept for the whole run: the original is chosen and rewrites gated from these."""

    source: str
    ok: bool
    outlet: str | None = None
    syndication: str | None = None
    host: str | None = None
    canonical_host: str | None = None
    published: str | None = None
    language: str | None = None
    credits: tuple[str, ...] = ()
    n_shingles: int = 0
    entities: np.ndarray | None = None
    """Entity hashes of title and text (see ``entities``); only when the rewrite tier runs."""


@dataclass(slots=True)
class Features:
    idx: int
    meta: Meta
    exact_keys: list[str]
    bands: np.ndarray
    anchors: np.ndarray
    """Shingle hashes kept by modular sampling: a text contained in another shares its anchors."""
    shingles: np.ndarray
    lead: str | None
    """Title and lead, the text the rewrite tier embeds; None when the record has no text."""


def lead_text(record: dict[str, Any], n_words: int) -> str:
    title = (record.get("title") or "").strip()
    lead = " ".join((record.get("text") or "").split(maxsplit=n_words)[:n_words])
    return f"{title}. {lead}" if title else lead


def entities(text: str) -> np.ndarray:
    """Hashes of the names and numbers in a text (capitalised words not opening a sentence, possessive
    dropped; numbers): a rewrite keeps them when it changes every other word. Sorted unique uint32."""
    found = set()
    for m in _ENTITY.finditer(text):
        start = m.start()
        token = m.group()
        if token[0].isdigit() or (start and not text[max(0, start - 2):start].endswith(_SENTENCE_END)):
            found.add(zlib.crc32(_POSSESSIVE.sub("", token).casefold().encode("utf-8")))
    return np.array(sorted(found), dtype=np.uint32)


def record_features(idx: int, record: dict[str, Any], settings: ClusterSettings) -> Features:
    text = record.get("text") or ""
    ok = not record.get("error") and bool(text.strip())
    published = record.get("published") or None
    date = _DATE.match(published) if isinstance(published, str) else None
    canonical = record.get("canonical_url")
    own_url = record.get("final_url") or record.get("url")
    meta = Meta(
        source=str(record.get("source", idx)), ok=ok, outlet=record.get("outlet"),
        syndication=record.get("syndication"), host=host_of(own_url), canonical_host=host_of(canonical),
        published=date.group() if date else None, language=record.get("language"),
    )
    if not ok:
        empty = np.empty(0, dtype=np.uint32)
        return Features(idx, meta, [], np.empty(0, dtype=np.uint64), empty, empty, None)
    wh = word_hashes(text)
    keys: list[str] = []
    if settings.exact.enabled:
        if len(wh) >= settings.exact.min_words:
            keys.append("t:" + text_key(wh))
        if settings.exact.use_url:
            key = url_key(canonical) or url_key(own_url)
            if key:
                keys.append("u:" + key)
    shingles = np.empty(0, dtype=np.uint32)
    bands = np.empty(0, dtype=np.uint64)
    anchors = shingles
    near = settings.near
    if near.enabled:
        shingles = shingle_hashes(wh, near.shingle)
        if len(shingles) >= near.min_shingles:
            bands = band_keys(signature(shingles, near.num_perm, near.seed), near.bands)
            anchors = shingles[shingles % near.anchor_sample == 0]
    meta.n_shingles = len(shingles)
    meta.credits = tuple(credited(text))
    rewrite = settings.rewrite.enabled and settings.rewrite.covers(meta.language)
    lead = lead_text(record, settings.rewrite.lead_words) if rewrite else None
    if rewrite:
        meta.entities = entities(f"{record.get('title') or ''}\n{text}")
    return Features(idx, meta, keys, bands, anchors, shingles, lead)
