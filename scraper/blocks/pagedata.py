"""Article bodies a page holds as data rather than markup.

Script-rendered pages often ship only a teaser (or nothing) in their HTML while
the whole story sits in the page's data: JSON-LD ``articleBody``, or a framework
state blob (Next.js ``__NEXT_DATA__``, Nuxt ``__NUXT__``/``__NUXT_DATA__``, Apollo
``__APOLLO_STATE__``, a generic ``__INITIAL_STATE__``/``__PRELOADED_STATE__``). This
module finds the longest prose body there and splits it into paragraph blocks; the
same cruft rules then run on them as on any page. Which keys name a body, and
which scripts hold state, is data (pagedata.toml), not code.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import Block, BlockKind, Evidence
from .extractor import Extraction, ParsedPage

MIN_BODY_CHARS = 400
"""A body shorter than this is a teaser or a summary, not the article."""
MAX_NODES = 200_000
"""JSON values visited per page: a state blob of a huge app stays bounded."""
MIN_SENTENCES = 3
_SENTENCE = re.compile(r"[.!?。！？](?:\s|$)")
_TAGGED = re.compile(r"<(?:p|br|div|h[1-6]|li|blockquote)\b", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")
_BLOCK_SELECTOR = "p,h1,h2,h3,h4,h5,h6,li,blockquote"


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    body_keys: frozenset[str]
    paragraph_keys: frozenset[str]
    state_ids: tuple[str, ...]
    state_globals: tuple[str, ...]


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    raw = tomllib.loads((Path(__file__).with_name("pagedata.toml")).read_text(encoding="utf-8"))
    return _Vocabulary(frozenset(k.casefold() for k in raw["keys"]["body"]),
                       frozenset(k.casefold() for k in raw["keys"]["paragraph"]),
                       tuple(raw["state"]["script_ids"]), tuple(raw["state"]["globals"]))


@dataclass(slots=True)
class Body:
    blocks: list[Block]
    where: str
    """``json-ld``, ``next-data``, ``state``, ...: the part of the page it came from."""
    chars: int


def is_prose(text: str) -> bool:
    """Long, with sentences: an article body rather than an id, a URL or a label."""
    return len(text) >= MIN_BODY_CHARS and len(_SENTENCE.findall(text)) >= MIN_SENTENCES and " " in text[:200]


def to_blocks(text: str) -> list[Block]:
    """A body as paragraph blocks: HTML split at its block elements, plain text at blank lines
    (or at line ends when it has no blank lines). Markup written with entities (``&lt;p&gt;``)
    is markup too."""
    if "&lt;" in text and not _TAGGED.search(text):
        text = htmllib.unescape(text)
    if _TAGGED.search(text):
        tree = LexborHTMLParser(f"<body>{text}</body>")
        body = tree.body
        nodes = body.css(_BLOCK_SELECTOR) if body is not None else []
        out = []
        for node in nodes:
            if node.tag == "p" or not any(c.tag in ("p", "li") for c in node.iter()):
                t = " ".join(node.text(deep=True, separator=" ").split())
                if t:
                    kind = BlockKind.HEADING if node.tag[0] == "h" else BlockKind.LIST_ITEM if node.tag == "li" else BlockKind.PARAGRAPH
                    out.append(Block(t, kind, level=int(node.tag[1]) if kind is BlockKind.HEADING else 0))
        if out:
            return out
        text = body.text(deep=True, separator="\n") if body is not None else text
    text = htmllib.unescape(text)
    parts = _PARAGRAPH_BREAK.split(text) if _PARAGRAPH_BREAK.search(text) else text.splitlines()
    return [Block(p, BlockKind.PARAGRAPH) for p in (" ".join(part.split()) for part in parts) if p]


def _walk(data: object, vocab: _Vocabulary) -> Iterator[str]:
    """Candidate bodies in a JSON value: strings under a body key, and lists of paragraph objects
    joined. Iterative (state blobs nest deep) and bounded by MAX_NODES."""
    stack: list[tuple[object, str]] = [(data, "")]
    seen = 0
    while stack and seen < MAX_NODES:
        value, key = stack.pop()
        seen += 1
        if isinstance(value, dict):
            for k, v in value.items():
                stack.append((v, str(k).casefold()))
        elif isinstance(value, list):
            paragraphs = [_paragraph_text(item, vocab) for item in value[:2000]]
            joined = [p for p in paragraphs if p]
            if len(joined) >= 3 and len(joined) * 2 >= len(value):
                yield "\n\n".join(joined)
            stack.extend((v, key) for v in value)
        elif isinstance(value, str) and key in vocab.body_keys and len(value) >= MIN_BODY_CHARS:
            yield value


def _paragraph_text(item: object, vocab: _Vocabulary) -> str | None:
    """The text of one paragraph object of a rich-text list (``{"type": "paragraph", "text": ...}``)."""
    if isinstance(item, str):
        return item if len(item) >= 20 and " " in item else None
    if isinstance(item, dict):
        for k, v in item.items():
            if str(k).casefold() in vocab.paragraph_keys and isinstance(v, str) and v.strip():
                return v
    return None


_ASSIGN = re.compile(r"^\s*(?:window\.|self\.)?(\w+)\s*=\s*")


def state_scripts(tree: LexborHTMLParser, scripts: Sequence[LexborNode] | None = None) -> list[tuple[str, str]]:
    """(where, JSON text) of each framework state script on the page: taken before pruning
    drops the scripts, parsed only when the page needs its body from data. ``scripts``: the
    page's <script> elements in document order, when the caller found them already."""
    vocab = vocabulary()
    out = []
    for node in tree.css("script") if scripts is None else scripts:
        script_id = node.attributes.get("id") or ""
        if script_id in vocab.state_ids:
            out.append((script_id.strip("_").lower().replace("_", "-"), node.text(deep=True) or ""))
            continue
        text = node.text(deep=True) or ""
        m = _ASSIGN.match(text[:200])
        if m and m.group(1) in vocab.state_globals:
            out.append(("state", text[m.end():].strip().rstrip(";").strip()))
    return out


def find_body(evidence: Sequence[Evidence], scripts: Sequence[tuple[str, str]], min_chars: int = 0) -> Body | None:
    """The longest prose body the page declares (JSON-LD first, then state blobs), or None.
    Sources shorter than ``min_chars`` are not read (a state blob is never shorter than its text)."""
    vocab = vocabulary()
    best: tuple[int, str, str] | None = None
    for ev in evidence:
        if ev.field == "article_body" and len(ev.value) >= min_chars and is_prose(ev.value):
            if best is None or len(ev.value) > best[0]:
                best = (len(ev.value), ev.value, "json-ld")
    for where, raw in scripts:
        if len(raw) < min_chars:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for text in _walk(data, vocab):
            if is_prose(text) and (best is None or len(text) > best[0]):
                best = (len(text), text, where)
    if best is None:
        return None
    blocks = to_blocks(best[1])
    chars = sum(len(b.text) for b in blocks)
    return Body(blocks, best[2], chars) if chars >= MIN_BODY_CHARS else None


class PageDataExtractor:
    """The article body the page declares as data; ``extractor`` becomes ``page-data:<where>``."""

    name = "page-data"

    @staticmethod
    def may_hold(page: ParsedPage, min_chars: int) -> bool:
        """Cheap test: is any declared body or state script at least ``min_chars`` long?"""
        return any(len(e.value) >= max(min_chars, MIN_BODY_CHARS) for e in page.evidence if e.field == "article_body") \
            or any(len(raw) >= max(min_chars, MIN_BODY_CHARS) for _, raw in page.state)

    def extract(self, page: ParsedPage, min_chars: int = 0) -> Extraction | None:
        body = find_body(page.evidence, page.state, min_chars)
        if body is None:
            return None
        return Extraction(f"page-data:{body.where}", body.blocks, confident=True, chars=body.chars)
