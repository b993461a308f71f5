"""Pattern rules: a table of ``patterns.toml`` each, removing blocks whose text matches.

A pattern rule names the chrome it removes (``share-widget``, ``signup-box``,
``byline``) and may capture metadata (a feed footer's title and outlet, a
byline, a caption's credit) as evidence. Its data says its phase and the roles
of the blocks it removes. The patterns are screened (``_screen``) so that most
blocks cost one or two regex calls, and the screen is tested to agree with the
patterns tried one by one.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..lexicon import expand
from ..model import Block, BlockKind, Evidence
from .base import PHASES, ROLES, RuleContext
from .literals import any_required, contains_any, exact_strings, first_chars, folded, scans
from .predicates import is_long_paragraph, words

PATTERNS_FILE = Path(__file__).with_name("patterns.toml")

Validator = Callable[[str], bool]


@dataclass(slots=True)
class _Pattern:
    regex: re.Pattern[str]
    max_words: int
    anywhere: bool = False
    """True when the pattern was written ``.*X.*``: it is run as a search for X (no backtracking)."""

    def match(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text) if self.anywhere else self.regex.fullmatch(text)


@dataclass(slots=True)
class PatternRule:
    """Removes blocks whose whole text matches one of its patterns (see patterns.toml)."""

    name: str
    patterns: list[_Pattern]
    phase: str = "cruft"
    roles: frozenset[str] = frozenset()
    """Roles of the blocks it removes; its ``match`` is the test other rules get for them."""
    max_words: int = 12
    window: int = 1
    validate: Validator | None = None
    kind: BlockKind | None = None
    cut_rest: bool = False
    cut_after: float = 0.5
    head_only: bool = False
    """Judge only blocks before the first long paragraph (taglines, mastheads)."""
    about: str = ""
    """One line for `scraper rules`: what the rule removes."""
    needs: re.Pattern[str] | None = None
    """Cheap test a block must pass before the patterns are tried (words every pattern contains)."""
    needs_cues: tuple[str, ...] | None = None
    """The strings ``needs`` cannot match without (see literals.py): a plain substring test first."""
    needs_exact: bool = False
    """True when ``needs`` is a plain alternation of these strings: the substring test is the whole
    answer, and the regex search (long blocks, no literal prefix to skip by) is not made."""
    max_prose_run: int | None = None
    """With cut_rest: no cut when more long paragraphs than this follow in a row (the story goes on
    under a teaser box); only the matched block goes then."""
    screen: Callable[[str], bool] | None = None
    """All patterns in a few regex calls (see ``_screen``): False means none can match."""
    cues: tuple[str, ...] | None = None
    """The strings that guard the patterns that walk the whole block inside ``screen`` (shown for
    inspection; the screen holds its own reference)."""

    def may_match(self, text: str) -> bool:
        """The cheap tests ``match`` makes before its patterns: False means no pattern matches."""
        if words(text) > self.max_words:
            return False
        if self.needs is not None and (
                (self.needs_cues is not None and not contains_any(folded(text), self.needs_cues))
                or (not self.needs_exact and self.needs.search(text) is None)):
            return False
        return self.screen is None or self.screen(text)

    def match(self, text: str) -> dict[str, str] | None:
        """Named captures of the first pattern matching ``text`` ({} when it has none), or None."""
        if not self.may_match(text):
            return None
        n = words(text)
        for pattern in self.patterns:
            if n > pattern.max_words:
                continue
            m = pattern.match(text)
            if m is None:
                continue
            groups = {k: v.strip() for k, v in m.groupdict().items() if v and v.strip()}
            if self.validate is not None:
                probe = groups.get("byline", text)
                if not self.validate(probe):
                    continue
            return groups
        return None

    def apply(self, blocks: list[Block], ctx: RuleContext) -> None:
        kept = [b for b in blocks if b.removed_by is None]  # ``b.kept``, without a property call a block
        if self.head_only:
            kept = kept[: _first_long_paragraph(kept)]
        if self.window == 1:
            self._apply_single(blocks, kept, ctx)
            return
        sizes = [words(b.text) for b in kept]
        shorts = _short_runs(sizes)
        i = 0
        limit = self.max_words
        while i < len(kept):
            if sizes[i] > limit:
                i += 1  # too long to match alone, and every window holding it is longer still
                continue
            span, groups = self._match_at(kept, i, shorts[i])
            if groups is None:
                i += 1
                continue
            if self._take(blocks, kept, i, span, groups, ctx):
                return
            i += span

    def _apply_single(self, blocks: list[Block], kept: list[Block], ctx: RuleContext) -> None:
        """``apply`` for a rule that judges blocks one at a time: the cheap tests sort out the few
        blocks worth matching in one comprehension (most blocks fail them), then those are
        matched in order, exactly as the general loop does with windows of one."""
        for i in self._candidates(kept):
            groups = self.match(kept[i].text)
            if groups is not None and self._take(blocks, kept, i, 1, groups, ctx):
                return

    def _take(self, blocks: list[Block], kept: list[Block], i: int, span: int, groups: dict[str, str],
              ctx: RuleContext) -> bool:
        """Remove the matched window ``kept[i:i + span]`` and record its captures; with cut_rest,
        everything from it on when enough of the page comes before. True when the rest was cut
        (the rule is done with the page)."""
        first = kept[i]
        if (self.cut_rest and _share_before(blocks, first) >= self.cut_after
                and (self.max_prose_run is None or _prose_run(kept[i + span:]) <= self.max_prose_run)):
            for b in kept[i:]:
                b.remove(self.name, self.roles)
            return True
        for b in kept[i : i + span]:
            if self.kind is not None:
                b.kind = self.kind
            b.remove(self.name, self.roles)
        self._record(first if span == 1 else None, groups, ctx)
        return False

    def _candidates(self, kept: Sequence[Block]) -> list[int]:
        """Indexes of the blocks passing ``may_match``; without a ``needs`` test, its two steps
        inline (one Python call a block fewer: most rules have only the word limit and screen)."""
        screen, limit = self.screen, self.max_words
        if self.needs is None and screen is not None:
            return [i for i, b in enumerate(kept) if words(b.text) <= limit and screen(b.text)]
        may_match = self.may_match
        return [i for i, b in enumerate(kept) if may_match(b.text)]

    def _match_at(self, kept: Sequence[Block], i: int, shorts: int) -> tuple[int, dict[str, str] | None]:
        """Longest window of short blocks starting at ``i`` that matches, else the single block.
        ``shorts``: how many blocks of at most 3 words follow in a row from ``i`` on (a window
        holds only such blocks, so no longer one is tried)."""
        for span in range(min(self.window, len(kept) - i, shorts), 1, -1):
            groups = self.match(" ".join(b.text for b in kept[i : i + span]))
            if groups is not None:
                return span, groups
        return 1, self.match(kept[i].text)

    def _record(self, block: Block | None, groups: dict[str, str], ctx: RuleContext) -> None:
        origin = f"rule:{self.name}"
        for name, value in groups.items():
            ctx.evidence.append(Evidence(name, value, origin))
        if self.kind is BlockKind.CAPTION and block is not None:
            ctx.evidence.append(Evidence("caption", block.text, origin))


def _short_runs(sizes: Sequence[int]) -> list[int]:
    """For each block, how many blocks of at most 3 words run from it on (0 when it is longer)."""
    out = [0] * len(sizes)
    run = 0
    for k in range(len(sizes) - 1, -1, -1):
        run = run + 1 if sizes[k] <= 3 else 0
        out[k] = run
    return out


def _prose_run(blocks: Sequence[Block]) -> int:
    """The longest run of consecutive long paragraphs in ``blocks``."""
    best = run = 0
    for b in blocks:
        run = run + 1 if is_long_paragraph(b.text) else 0
        best = max(best, run)
    return best


def _first_long_paragraph(blocks: Sequence[Block]) -> int:
    for i, b in enumerate(blocks):
        if is_long_paragraph(b.text):
            return i
    return len(blocks)


def _share_before(blocks: Sequence[Block], marker: Block) -> float:
    """Share of the kept text (in characters) that comes before ``marker``."""
    before = total = 0
    seen = False
    for b in blocks:
        if b is marker:
            seen = True
        if not b.kept:
            continue
        total += len(b.text)
        if not seen:
            before += len(b.text)
    return before / total if total else 0.0


def _compile(raw: str | dict, default_max: int) -> _Pattern:
    source, max_words = (raw["re"], int(raw.get("max_words", default_max))) if isinstance(raw, dict) else (raw, default_max)
    source = expand(source)
    inner = source[2:-2]
    if source.startswith(".*") and source.endswith(".*") and len(source) > 4 and "(?P<" not in source:
        # ".*X.*" as a full match backtracks over the whole block; a search for X is the same test.
        return _Pattern(re.compile(inner, re.IGNORECASE), max_words, anywhere=True)
    return _Pattern(re.compile(source, re.IGNORECASE), max_words)


_NAMED_GROUP = re.compile(r"(?<!\\)((?:\\\\)*)\(\?P<\w+>")


def _screen(patterns: Sequence[_Pattern]) -> tuple[Callable[[str], bool] | None, tuple[str, ...] | None]:
    """One test standing for all ``patterns``: true whenever any of them matches; and the cue
    strings it uses.

    A pattern anchored at the block's start fails within a few characters, one that walks the
    whole block (a search, or a full match opening with ``.*``) does not. The anchored ones go
    into one alternation; the walking ones into another, asked only when the folded block holds
    one of their cue strings (literals.py), which most blocks do not. A hit is then re-run
    pattern by pattern for its captures, so the result is the same as without the screen.
    """
    if any("(?P=" in p.regex.pattern for p in patterns):
        return None, None
    walking = [p for p in patterns if scans(p.regex, p.anywhere)]
    anchored = [p for p in patterns if not scans(p.regex, p.anywhere)]
    cues = any_required([p.regex for p in walking]) if walking else None
    if len(patterns) < 2 and cues is None:
        return None, None  # the pattern itself is as cheap a test
    try:
        fast, slow = _one_test(anchored), _one_test(walking)
    except re.error:
        return None, None
    if fast is not None:
        fast = _led(fast, anchored)
    if slow is not None and cues is not None:
        slow = _guarded(slow, cues)
    if fast is None or slow is None:
        return fast or slow, cues
    return (lambda text: fast(text) or slow(text)), cues


def _one_test(patterns: Sequence[_Pattern]) -> Callable[[str], bool] | None:
    """The full-match patterns as one alternation (named groups unnamed), the ``anywhere`` ones
    as one search: two regex calls at most instead of one per pattern."""
    full = [_NAMED_GROUP.sub(r"\1(?:", p.regex.pattern) for p in patterns if not p.anywhere]
    anywhere = [p.regex.pattern for p in patterns if p.anywhere]
    whole = re.compile("|".join(f"(?:{src})" for src in full), re.IGNORECASE) if full else None
    part = re.compile("|".join(f"(?:{src})" for src in anywhere), re.IGNORECASE) if anywhere else None
    if whole is not None and part is not None:
        fm, srch = whole.fullmatch, part.search
        return lambda text: fm(text) is not None or srch(text) is not None
    if whole is not None:
        fm = whole.fullmatch
        return lambda text: fm(text) is not None
    if part is not None:
        srch = part.search
        return lambda text: srch(text) is not None
    return None


def _led(test: Callable[[str], bool], patterns: Sequence[_Pattern]) -> Callable[[str], bool]:
    """``test`` (the anchored full matches), asked only of blocks whose first character (folded)
    one of ``patterns`` can start with; ``test`` itself when some pattern can start with many."""
    firsts: set[str] = set()
    for p in patterns:
        found = first_chars(p.regex)
        if found is None:
            return test
        firsts |= found
    led = frozenset(firsts)
    return lambda text: folded(text)[:1] in led and test(text)


def _guarded(test: Callable[[str], bool], cues: tuple[str, ...]) -> Callable[[str], bool]:
    """``test``, asked only of blocks whose folded text holds one of ``cues``."""
    return lambda text: contains_any(folded(text), cues) and test(text)


def load_pattern_rules(path: Path, validators: dict[str, Validator]) -> list[PatternRule]:
    """Compile the rules of a patterns file, in file order."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    rules = []
    for name, spec in data.items():
        max_words = int(spec.get("max_words", 12))
        validate = spec.get("validate")
        patterns = [_compile(p, max_words) for p in spec["patterns"]]
        screen, cues = _screen(patterns)
        needs = re.compile(expand(spec["needs"]), re.IGNORECASE) if "needs" in spec else None
        needs_cues = any_required([needs]) if needs is not None else None
        phase = spec.get("phase")
        if phase not in PHASES:
            raise ValueError(f"{path.name}: [{name}] needs a phase, one of {', '.join(PHASES)} (got {phase!r})")
        roles = frozenset(spec.get("roles", ()))
        if roles - ROLES:
            raise ValueError(f"{path.name}: [{name}] unknown role(s) {', '.join(sorted(roles - ROLES))}")
        rules.append(
            PatternRule(
                name=name,
                patterns=patterns,
                phase=phase,
                roles=roles,
                screen=screen,
                cues=cues,
                max_words=max_words,
                window=int(spec.get("window", 1)),
                validate=validators[validate] if validate else None,
                kind=BlockKind(spec["kind"]) if "kind" in spec else None,
                cut_rest=bool(spec.get("cut_rest", False)),
                cut_after=float(spec.get("cut_after", 0.5)),
                max_prose_run=int(spec["max_prose_run"]) if "max_prose_run" in spec else None,
                head_only=bool(spec.get("head_only", False)),
                needs=needs,
                needs_cues=needs_cues,
                needs_exact=needs_cues is not None and exact_strings(needs) == frozenset(needs_cues),
                about=str(spec.get("about", "")),
            )
        )
    return rules


def rules() -> list[PatternRule]:
    """The pattern rules of ``patterns.toml``, in file order (each names its phase)."""
    from ..normalize.bylines import looks_like_byline

    return load_pattern_rules(PATTERNS_FILE, {"byline": looks_like_byline})
