"""What an extractor is: it reads a parsed page and answers with the article's blocks.

The extractors themselves live beside their logic (html.py: our markup path and
the trafilatura fallback; pagedata.py: bodies held as data); chain.py tries
them in a stated order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from selectolax.lexbor import LexborHTMLParser

from ..model import Block, Evidence


@dataclass(slots=True)
class ParsedPage:
    """What every extractor reads: the decoded page, its parse and its metadata evidence."""

    html: str
    url: str | None
    tree: LexborHTMLParser
    evidence: Sequence[Evidence]
    fallback: str = "fast"
    """The config's [extract] fallback mode: fast, full or off."""
    state: list[tuple[str, str]] = field(default_factory=list)
    """Framework state scripts, taken before pruning drops them (pagedata.state_scripts)."""
    declared: list[str] = field(default_factory=list)
    """What the page declares itself to be (pagetype.declared_types), read before pruning."""


@dataclass(slots=True)
class Extraction:
    """One extractor's answer: the article's blocks, and whether it is sure they are the article."""

    name: str
    blocks: list[Block]
    confident: bool = False
    chars: int = 0
    """Characters of text in ``blocks``."""


class Extractor(Protocol):
    """Finds an article's blocks in a parsed page, or returns None when it finds none."""

    name: str

    def extract(self, page: ParsedPage) -> Extraction | None: ...


def text_chars(blocks: Sequence[Block]) -> int:
    return sum(len(b.text) for b in blocks)
