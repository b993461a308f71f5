"""Work limits that may drop article text, and the record of what each dropped.

The rules and the text normaliser cost time per block and per character, so a
pathological page (a 40 MB transcript, a generated page of a million lines) is
cut at ``[extract] max_blocks`` blocks and ``max_text_chars`` characters. A cut is
never silent: the ``Budget`` counts what it left out, and the record says
``truncated: true`` (``--explain`` names the limit and the amount).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block


@dataclass(slots=True)
class Budget:
    """Blocks and characters an article may still take; what was refused is counted."""

    max_blocks: int
    max_chars: int
    blocks: int = 0
    chars: int = 0
    cut_by: dict[str, list[int]] = field(default_factory=dict)
    """Config key of each limit that cut -> [blocks dropped, characters dropped], in the order they first cut."""

    def admit(self, text: str) -> str | None:
        """``text`` as it may enter the article (a long one shortened), or None when the article is full."""
        if self.blocks >= self.max_blocks:
            self._drop("extract.max_blocks", 1, len(text))
            return None
        room = self.max_chars - self.chars
        if room <= 0:
            self._drop("extract.max_text_chars", 1, len(text))
            return None
        if len(text) > room:
            self._drop("extract.max_text_chars", 0, len(text) - room)
            text = text[:room]
        self.blocks += 1
        self.chars += len(text)
        return text

    def _drop(self, limit: str, blocks: int, chars: int) -> None:
        counts = self.cut_by.setdefault(limit, [0, 0])
        counts[0] += blocks
        counts[1] += chars

    @property
    def truncated(self) -> bool:
        return bool(self.cut_by)

    def report(self) -> list[dict[str, object]]:
        """The cuts for ``--explain``: which limit, and how much it left out."""
        return [{"limit": name, "value": self.max_blocks if name.endswith("blocks") else self.max_chars,
                 "dropped_blocks": n_blocks, "dropped_chars": n_chars}
                for name, (n_blocks, n_chars) in self.cut_by.items()]


def cap(blocks: list[Block], budget: Budget) -> list[Block]:
    """The blocks that fit in ``budget`` (a long last one shortened); the rest counted as dropped."""
    if len(blocks) < budget.max_blocks - budget.blocks and sum(len(b.text) for b in blocks) <= budget.max_chars - budget.chars:
        budget.blocks += len(blocks)
        budget.chars += sum(len(b.text) for b in blocks)
        return blocks
    out = []
    for b in blocks:
        text = budget.admit(b.text)
        if text is None:
            continue
        if text is not b.text:
            b.text = text
        out.append(b)
    return out
