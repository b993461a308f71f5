"""Elements marked by a word in their class or id, found with fewer selector alternatives.

lexbor tests every alternative of a selector list on every element of the page
(about 25 µs a page each on the dev pages): ``[class*="author" i], [id*="author" i], ...``
for eleven words is 22 walks' worth. A few shorter strings that each word holds
("aut" for author, autor and auteur) find a few more elements with fewer
alternatives; each element found is then tested against the words themselves,
as the selector would test it. ``find_plain`` runs the whole selector, the
reference (a test holds both to the same elements).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
"""The selectors' "i" flag folds ASCII letters only."""
_HTML_SPACE = re.compile(r"[ \t\n\f\r]+")
"""What separates the words of an attribute for ``~=``."""


@dataclass(frozen=True, slots=True)
class MarkedElements:
    """Elements whose ``attrs`` hold one of ``words`` (ASCII case aside), or whose ``token[0]``
    attribute lists the word ``token[1]`` (as written)."""

    words: tuple[str, ...]
    probes: tuple[str, ...]
    """Shorter strings, one inside each word: what the page is searched for."""
    attrs: tuple[str, ...] = ("class", "id")
    token: tuple[str, str] | None = None
    selector: str = field(init=False)
    """The selector these elements answer, one alternative per word and attribute."""
    probe_selector: str = field(init=False)

    def __post_init__(self) -> None:
        bare = [w for w in self.words if not any(p in w for p in self.probes)]
        if bare:
            raise ValueError(f"no probe inside {bare}: the probe selector would miss their elements")
        if any(w != w.lower() or not w.isascii() for w in (*self.words, *self.probes)):
            raise ValueError("words and probes are lower-case ASCII")
        object.__setattr__(self, "selector", self._selector(self.words))
        object.__setattr__(self, "probe_selector", self._selector(self.probes))

    def _selector(self, words: tuple[str, ...]) -> str:
        parts = [f'[{attr}*="{w}" i]' for w in words for attr in self.attrs]
        if self.token:
            parts.append(f'[{self.token[0]}~="{self.token[1]}"]')
        return ", ".join(parts)

    def find(self, root: LexborNode) -> list[LexborNode]:
        """The marked elements under ``root`` (itself included), in page order, each once."""
        seen: set[int] = set()
        out: list[LexborNode] = []
        for node in root.css(self.probe_selector):
            if node.mem_id not in seen and self.holds(node.attributes):
                seen.add(node.mem_id)
                out.append(node)
        return out

    def find_listed(self, root: LexborNode) -> list[LexborNode]:
        """The marked elements under ``root`` as ``root.css(selector)`` lists them: in page order, each
        once for every alternative of ``selector`` it matches (lexbor reports a match per alternative)."""
        out: list[LexborNode] = []
        seen: set[int] = set()
        for node in root.css(self.probe_selector):
            if node.mem_id not in seen:
                seen.add(node.mem_id)
                out.extend([node] * self.matches(node.attributes))
        return out

    def matches(self, attrs: dict[str, str | None]) -> int:
        """How many alternatives of ``selector`` an element with these attributes matches."""
        count = 0
        for name in self.attrs:
            value = attrs.get(name)
            if value:
                low = value.translate(_ASCII_LOWER)
                count += sum(word in low for word in self.words)
        if self.token:
            value = attrs.get(self.token[0])
            count += bool(value) and self.token[1] in _HTML_SPACE.split(value)
        return count

    def holds(self, attrs: dict[str, str | None]) -> bool:
        """True when an element with these attributes matches ``selector``."""
        for name in self.attrs:
            value = attrs.get(name)
            if value:
                low = value.translate(_ASCII_LOWER)
                for word in self.words:
                    if word in low:
                        return True
        if self.token:
            value = attrs.get(self.token[0])
            return bool(value) and self.token[1] in _HTML_SPACE.split(value)
        return False

    def find_plain(self, root: LexborNode) -> list[LexborNode]:
        """``find`` by the whole selector: the reference."""
        seen: set[int] = set()
        out: list[LexborNode] = []
        for node in root.css(self.selector):
            if node.mem_id not in seen:
                seen.add(node.mem_id)
                out.append(node)
        return out
