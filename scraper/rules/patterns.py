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
from .literals import _BACKREF, any_required, contains_any, folded, scans
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
    max_prose_run: int | None = None
    """With cut_rest: no cut when more long paragraphs than this follow in a row (the story goes on
    under a teaser box); only the matched block goes then."""
    screen: Callable[[str], bool] | None = None
    """All patterns in a few regex calls (see ``_screen``): False means none can match."""
    cues: tuple[str, ...] | None = None
    """The strings that guard the patterns that walk the whole block inside ``screen`` (shown for
    inspection; the screen holds its own reference)."""
    bank: PatternBank | None = None
    """The pass shared by the rules of its file that says which of them may match a text (``bit``:
    this rule's place in its answer); None: every block goes through ``may_match``."""
    bit: int = 0

    def may_match(self, text: str) -> bool:
        """The cheap tests ``match`` makes before its patterns: False means no pattern matches."""
        if words(text) > self.max_words:
            return False
        if self.needs is not None and (
                (self.needs_cues is not None and not contains_any(folded(text), self.needs_cues))
                or self.needs.search(text) is None):
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
        kept = [b for b in blocks if b.kept]
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
        if self.bank is not None:
            masks, bit, may_match = self.bank.masks(kept), self.bit, self.may_match
            return [i for i, m in enumerate(masks) if m & bit and may_match(kept[i].text)]
        return self._candidates_plain(kept)

    def _candidates_plain(self, kept: Sequence[Block]) -> list[int]:
        """``_candidates`` without the bank: ``may_match`` asked of every block (the reference)."""
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


def _guarded(test: Callable[[str], bool], cues: tuple[str, ...]) -> Callable[[str], bool]:
    """``test``, asked only of blocks whose folded text holds one of ``cues``."""
    return lambda text: contains_any(folded(text), cues) and test(text)


class PatternBank:
    """Which of several single-block pattern rules may match a text, answered once for all of them.

    Each rule asks ``may_match`` of every kept block: its word limit, its ``needs`` cues and its
    screen, a few Python calls for each rule and block, though almost no block passes. The bank
    asks the same of a text once for all its rules, cheapest test first and each only for the
    rules still in question: the word limits (a table by word count), the cues guarding the
    rules' walking patterns, the anchored alternations of those rules as one full match, then
    the ``needs`` cues. The answer is a bit mask, a bit per rule, cached per text (every rule of a
    page asks of the same texts). It is a necessary condition only: a rule whose bit is set still
    asks ``may_match``, so the blocks a rule judges are the same as without the bank
    (``_candidates_plain``; a test holds the two together).
    """

    _CACHE_SIZE = 20000

    def __init__(self, rules: Sequence[PatternRule]) -> None:
        self.rules = list(rules)
        everyone = (1 << len(self.rules)) - 1
        self.open = 0
        """Rules whose screen the bank does not read (none, a walking pattern without cues): always asked."""
        needs_free = 0
        walk_bits: dict[str, int] = {}
        need_bits: dict[str, int] = {}
        sources: list[str | None] = []
        for k, rule in enumerate(self.rules):
            bit = 1 << k
            if rule.needs_cues is None:
                needs_free |= bit
            else:
                for cue in rule.needs_cues:
                    need_bits[cue] = need_bits.get(cue, 0) | bit
            parts = _screen_parts(rule)
            if parts is None:
                self.open |= bit
                sources.append(None)
                continue
            sources.append(parts[0])
            for cue in parts[1]:
                walk_bits[cue] = walk_bits.get(cue, 0) | bit
        self.needs_free = needs_free
        self.needers = everyone & ~needs_free
        limit = max((r.max_words for r in self.rules), default=-1)
        self.by_words = [sum(1 << k for k, r in enumerate(self.rules) if r.max_words >= n) for n in range(limit + 1)]
        """Rules whose word limit lets a text of ``n`` words in."""
        by_len = sorted(set(walk_bits) | set(need_bits), key=len)  # the shortest cues first: cheapest
        compiled: dict[int, Callable[[str], re.Match[str] | None] | None] = {}
        self.walk_cues: list[tuple[tuple[str, int], ...]] = []
        self.need_cues: list[tuple[tuple[str, int], ...]] = []
        self.anchored: list[Callable[[str], re.Match[str] | None] | None] = []
        """For a text of ``n`` words: each cue with the rules it guards among those the word limits
        let in, and those rules' anchored alternations as one full match (None: they have none)."""
        for alive in self.by_words:
            self.walk_cues.append(tuple((c, walk_bits[c] & alive) for c in by_len if walk_bits.get(c, 0) & alive))
            self.need_cues.append(tuple((c, need_bits[c] & alive) for c in by_len if need_bits.get(c, 0) & alive))
            if alive not in compiled:
                alts = [src for k, src in enumerate(sources) if alive >> k & 1 and src is not None]
                try:
                    compiled[alive] = re.compile("|".join(f"(?:{src})" for src in alts), re.IGNORECASE).fullmatch \
                        if alts else None
                except re.error:
                    self.open = everyone
                    compiled[alive] = None
            self.anchored.append(compiled[alive])
        self._cache: dict[str, int] = {}

    def mask(self, text: str) -> int:
        """Bit k set: rule k may match ``text`` (clear: its ``may_match`` is false)."""
        n = words(text)
        if n >= len(self.by_words):
            return 0
        alive = self.by_words[n]
        if not alive:
            return 0
        probe = folded(text)
        walk = self.open
        for cue, bits in self.walk_cues[n]:
            if cue in probe:
                walk |= bits
        if alive & ~walk:
            anchored = self.anchored[n]
            if anchored is None or anchored(text) is None:
                alive &= walk  # no anchored pattern of the rules left matches
        if alive & self.needers:
            need = self.needs_free
            for cue, bits in self.need_cues[n]:
                if cue in probe:
                    need |= bits
            alive &= need
        return alive

    def masks(self, blocks: Sequence[Block]) -> list[int]:
        """``mask`` of each block's text, from the cache where asked before."""
        cache = self._cache
        if len(cache) > self._CACHE_SIZE:
            cache.clear()
        out = []
        for b in blocks:
            m = cache.get(b.text)
            if m is None:
                m = cache[b.text] = self.mask(b.text)
            out.append(m)
        return out


def _screen_parts(rule: PatternRule) -> tuple[str | None, tuple[str, ...]] | None:
    """A rule's screen as the bank reads it: the alternation of its anchored patterns (for a full
    match; None when it has none) and the cues guarding its walking ones; None when the bank cannot
    stand for the screen (no screen, a walking pattern without cues, a numbered back-reference)."""
    if rule.screen is None:
        return None
    walking = [p for p in rule.patterns if scans(p.regex, p.anywhere)]
    anchored = [p for p in rule.patterns if not scans(p.regex, p.anywhere)]
    if (walking and rule.cues is None) or any(p.anywhere for p in anchored):
        return None
    sources = [_NAMED_GROUP.sub(r"\1(?:", p.regex.pattern) for p in anchored]
    if any(_BACKREF.search(src) for src in sources):
        return None
    source = "|".join(f"(?:{src})" for src in sources) if sources else None
    return source, (rule.cues or ()) if walking else ()


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
                needs_cues=any_required([needs]) if needs is not None else None,
                about=str(spec.get("about", "")),
            )
        )
    bank = PatternBank([r for r in rules if r.window == 1])
    for k, rule in enumerate(bank.rules):
        rule.bank, rule.bit = bank, 1 << k
    return rules


def rules() -> list[PatternRule]:
    """The pattern rules of ``patterns.toml``, in file order (each names its phase)."""
    from ..normalize.bylines import looks_like_byline

    return load_pattern_rules(PATTERNS_FILE, {"byline": looks_like_byline})
