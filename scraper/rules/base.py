"""What every rule shares: the page's context, the rule protocol, the phases and the block roles.

Rules never name each other. A rule that finds something other rules need (the
article's head lines, a pitch, the head of a teaser box, a caption) marks the
blocks it removes with a *role*; and when a later rule must recognise such a
line that nobody removed yet, it asks ``RuleContext.matchers`` for the tests of
the rules that declare the role. Disabling a rule removes its marks and its
tests, visibly, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from ..model import Block, Evidence

PHASES = ("typed", "metadata", "names", "cruft", "head", "region", "duplicates", "cut", "end")
"""The order rules run in, by phase; within a phase, in the order their module lists them.

- typed: blocks a builder already typed (title, caption, byline) become evidence.
- metadata: pattern rules that read metadata (feed footers, bylines, captions, date lines).
- names: lines naming the authors the metadata found.
- cruft: pattern rules that remove the site's chrome.
- head: a text dump's headline, and the chrome above it.
- region: a text dump's article region and what inside it is still the site's.
- duplicates: blocks repeating others.
- cut: rules that end the article at a block (a comments or related-stories head).
- end: the last judgements over the whole page (after-article furniture, caption credits).
"""

ANCHOR = "anchor"
"""A line at the head of the article (its headline, byline or date line): the body starts near it."""
DATELINE = "dateline"
"""A date line under the headline: the body starts below it."""
PITCH = "pitch"
"""The site's own pitch or post-meta line (newsletter, sharing, donation): still marks where a story ends."""
BOX_HEAD = "box-head"
"""The head of a teaser box ("Related", "Read more"): the short lines under it are the box's."""
CAPTION = "caption"
"""A picture's caption or credit; its rule's match captures the ``credit``."""
ROLES = frozenset({ANCHOR, DATELINE, PITCH, BOX_HEAD, CAPTION})

Matcher = Callable[[str], "dict[str, str] | None"]
"""A rule's test of one line: its named captures ({} when none) when it matches, else None."""


@dataclass(slots=True)
class RuleContext:
    """What rules share while judging one page."""

    evidence: list[Evidence] = field(default_factory=list)
    title: str | None = None
    """Known title (from page metadata), so a body block repeating it can go."""
    disabled: frozenset[str] = frozenset()
    plain_text: bool = False
    """True for plain-text dumps, where the article's start must be found from the lines alone."""
    matchers: dict[str, tuple[tuple[str, Matcher], ...]] = field(default_factory=dict)
    """Role -> (rule name, test) of each running rule that declares the role (set by ``apply_rules``)."""
    region: tuple[int, int] | None = None
    """A text dump's article region (first and last index), once the region phase found it."""
    region_trusted: bool = False
    """False when no stretch read as an article and ``region`` is only the span of the prose lines."""


@runtime_checkable
class Rule(Protocol):
    """A named judgement over a page's blocks: it removes blocks (naming itself), types them, or
    adds evidence. ``roles`` marks the blocks it removes (see the module docstring)."""

    name: str
    phase: str
    roles: frozenset[str]
    about: str

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None: ...


def about_of(rule: Rule) -> str:
    """One line saying what ``rule`` removes: its ``about``, else its docstring's first line."""
    return rule.about or (type(rule).__doc__ or "").strip().splitlines()[0]
