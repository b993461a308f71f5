"""Plain strings a regular expression cannot match without: a cheap test before the regex.

Most blocks match none of a rule's patterns, and many patterns are searches
(``.*X.*``) that the regex engine tries at every position of the block. Every
match of such a pattern holds one of a few literal words ("affiliate",
"cookie", "newsletter"), and a substring test for a handful of words on the
lower-cased block runs in C, many times faster. ``required_strings`` reads
them off the pattern, parsed by ``regex_tree.py`` (our own parser for the
regex syntax the rules' data uses); ``fold`` lower-cases a block the way the
regex engine's IGNORECASE compares characters, so the test never rejects a
block the pattern would match (it is a necessary condition, never a
sufficient one). A pattern the parser does not read gets no precheck.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from .regex_tree import ANY, ASSERT, ASSERT_NOT, AT, IN, LIT, REPEAT, SUB, Node, RegexSyntaxError, parse

_MAX_SET = 64
"""Larger sets of alternatives are not spelled out (the test would cost more than it saves)."""
_GOOD_LEN = 5
"""Strings this long are rare enough in running text for the test to reject most blocks."""
_DOTTED_I = "\u0130"
"""The one character whose ``str.lower`` (two characters) differs from the regex engine's (``i``)."""

_EXTRA_CASES = (
    "i\u0131", "s\u017f", "\u00b5\u03bc", "\u0345\u03b9\u1fbe", "\u0390\u1fd3", "\u03b0\u1fe3", "\u03b2\u03d0",
    "\u03b5\u03f5", "\u03b8\u03d1", "\u03ba\u03f0", "\u03c0\u03d6", "\u03c1\u03f1", "\u03c2\u03c3", "\u03c6\u03d5",
    "\u0432\u1c80", "\u0434\u1c81", "\u043e\u1c82", "\u0441\u1c83", "\u0442\u1c84\u1c85", "\u044a\u1c86",
    "\u0463\u1c87", "\u1c88\ua64b", "\u1e61\u1e9b", "\ufb05\ufb06",
)
"""Lower-case letters IGNORECASE also takes for one another ('ſ' for 's', 'ı' for 'i', the Greek
symbol forms): Unicode's case folding beyond ``str.lower``. Each group maps to its first member.
A test checks the table against the regex engine, character by character."""

_EXTRA = {c: group[0] for group in _EXTRA_CASES for c in group[1:]}
_EXTRA_TABLE = str.maketrans(_EXTRA)
_EXTRA_RE = re.compile("[" + "".join(re.escape(c) for c in _EXTRA) + "]")


def fold(text: str) -> str:
    """``text`` lower-cased as IGNORECASE compares it: equal folds <=> the regex engine sees equal letters."""
    if text.isascii():
        return text.lower()
    if _DOTTED_I in text:
        text = text.replace(_DOTTED_I, "i")
    low = text.lower()
    if _EXTRA_RE.search(low):
        low = low.translate(_EXTRA_TABLE)
    return low


folded = lru_cache(maxsize=16384)(fold)
"""``fold``, cached: the rules and the readers fold the same block texts many times."""


def contains_any(text: str, strings: Iterable[str]) -> bool:
    """True when ``text`` holds one of ``strings`` (a plain loop: cheaper than ``any`` over a generator)."""
    for s in strings:
        if s in text:
            return True
    return False


def _tree(pattern: re.Pattern[str]) -> list[Node] | None:
    try:
        return parse(pattern.pattern)
    except RegexSyntaxError:
        return None  # a construct we do not read: no precheck, never a wrong one


def required_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None when no such set was
    found (the pattern can match without any literal text, or is too involved). For an
    IGNORECASE pattern they are folded (test them on ``fold(text)``), else as written."""
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    if not ignore_case and "(?i" in pattern.pattern:
        return None  # a case-insensitive part in a case-sensitive pattern: not worth the care
    tree = _tree(pattern)
    if tree is None:
        return None
    need = _need(tree)
    if not need or "" in need:
        return None
    return frozenset(fold(s) for s in need) if ignore_case else frozenset(need)


def exact_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """For a case-insensitive pattern that is a plain alternation of fixed strings (``a|bc|d``:
    no class ranges, repeats, anchors or flags), those strings folded: then ``pattern.search(text)``
    finds a match exactly when ``fold(text)`` holds one of them, and the substring test alone
    answers. None for any other pattern."""
    if not pattern.flags & re.IGNORECASE or "(?" in pattern.pattern:
        return None
    tree = _tree(pattern)
    if tree is None or not _fixed(tree):
        return None
    spelled = _exact_seq(tree)
    if not spelled or "" in spelled:
        return None
    return frozenset(fold(s) for s in spelled)


def _fixed(items: Sequence[Node]) -> bool:
    """True when ``items`` are only characters, listed classes and groups of such alternatives."""
    for node in items:
        kind = node[0]
        if kind == SUB:
            if not all(_fixed(alt) for alt in node[1]):
                return False
        elif kind == IN:
            if node[1] is None or node[2]:
                return False
        elif kind != LIT:
            return False
    return True


def any_required(patterns: Iterable[re.Pattern[str]]) -> tuple[str, ...] | None:
    """One string set for several patterns (the union: a block must hold one of them to match
    any pattern), or None when some pattern gives none."""
    found: set[str] = set()
    for p in patterns:
        need = required_strings(p)
        if need is None:
            return None
        found |= need
    return tuple(sorted(_drop_superstrings(found), key=len)) or None


def _drop_superstrings(strings: set[str]) -> set[str]:
    """A string holding another of the set adds nothing: the shorter one is found whenever it is."""
    return {s for s in strings if not any(t != s and t in s for t in strings)}


def _exact(node: Node) -> set[str] | None:
    """The strings ``node`` matches, when it matches one of a few fixed strings, else None."""
    kind = node[0]
    if kind == LIT:
        return {node[1]}
    if kind == IN:
        chars, negated = node[1], node[2]
        if chars is not None and not negated and len(chars) <= _MAX_SET:
            return set(chars)
        return None
    if kind == SUB:
        out: set[str] = set()
        for alt in node[1]:
            e = _exact_seq(alt)
            if e is None:
                return None
            out |= e
        return out if len(out) <= _MAX_SET else None
    if kind == REPEAT:
        lo, hi, sub = node[1], node[2], node[3]
        if (lo, hi) == (0, 1):
            e = _exact_seq(sub)
            return None if e is None else e | {""}
        return None
    if kind == AT:
        return {""}  # zero-width: the strings on either side stay adjacent
    return None


def _exact_seq(items: Sequence[Node]) -> set[str] | None:
    out = {""}
    for item in items:
        e = _exact(item)
        if e is None:
            return None
        out = {a + b for a in out for b in e}
        if len(out) > _MAX_SET:
            return None
    return out


def _need(items: Sequence[Node]) -> set[str] | None:
    """A set of strings one of which every match of the sequence ``items`` contains, or None.

    The candidates are the fixed strings that runs of consecutive fixed items spell (every
    window of such a run) and what each other item requires; the best is the smallest set
    whose strings all have at least ``_GOOD_LEN`` characters (few substring tests, each
    selective), else the one with the longest shortest string."""
    candidates: list[set[str]] = []
    run: list[set[str]] = []
    for item in [*items, None]:
        e = None if item is None else _exact(item)
        if e is not None:
            if len(e) == 1 and run and len(run[-1]) == 1:  # one fixed string: spell it as one item
                run[-1] = {next(iter(run[-1])) + next(iter(e))}
            else:
                run.append(e)
            if item[0] == SUB:
                sub = _need_item(item)  # one word of each alternative may make a smaller set
                if sub:
                    candidates.append(sub)
            continue
        candidates.extend(_windows(run))
        run = []
        if item is not None:
            sub = _need_item(item)
            if sub:
                candidates.append(sub)
    candidates = [c for c in candidates if c and "" not in c]
    if not candidates:
        return None
    good = [c for c in candidates if min(map(len, c)) >= _GOOD_LEN]
    if good:
        return min(good, key=lambda c: (len(c), -min(map(len, c))))
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def _windows(run: Sequence[set[str]]) -> list[set[str]]:
    """The string sets spelled by every stretch of consecutive fixed items in ``run``."""
    out = []
    for i in range(len(run)):
        spelled = {""}
        for e in run[i:]:
            spelled = {a + b for a in spelled for b in e}
            if len(spelled) > _MAX_SET:
                break
            out.append(spelled)
    return out


def _need_item(node: Node) -> set[str] | None:
    kind = node[0]
    if kind == SUB:
        alts = node[1]
        if len(alts) == 1:
            return _need(alts[0])
        out: set[str] = set()
        for alt in alts:
            sub = _need(alt)
            if not sub:
                return None
            out |= sub
        return out
    if kind == REPEAT:
        return _need(node[3]) if node[1] >= 1 else None
    if kind == ASSERT:
        return _need(node[1])  # a lookaround's text lies in the block too
    return None


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters (folded as ``fold`` does) a full match of ``pattern`` can start with, with ""
    when it can match the empty text; None when that is not a short list (a class with ranges,
    ``.``, ``\\w``). The regex engine makes no such test before a full match: a block whose first
    character is not listed is rejected without trying the alternatives one by one."""
    tree = _tree(pattern)
    if tree is None:
        return None
    found = _first(tree)
    if found is None:
        return None
    chars, nullable = found
    return frozenset(chars | {""}) if nullable else frozenset(chars)


def _first(items: Sequence[Node]) -> tuple[set[str], bool] | None:
    """(first characters, whether ``items`` can match nothing), or None when unbounded."""
    out: set[str] = set()
    for node in items:
        kind = node[0]
        if kind == LIT:
            out.add(fold(node[1]))
            return out, False
        if kind == IN:
            chars, negated = node[1], node[2]
            if chars is None or negated:
                return None
            out.update(fold(c) for c in chars)
            return out, False
        if kind in (AT, ASSERT, ASSERT_NOT):
            continue  # zero-width: it only narrows what may follow
        if kind == SUB:
            nullable = False
            for alt in node[1]:
                sub = _first(alt)
                if sub is None:
                    return None
                out |= sub[0]
                nullable = nullable or sub[1]
            if not nullable:
                return out, False
            continue
        if kind == REPEAT:
            sub = _first(node[3])
            if sub is None:
                return None
            out |= sub[0]
            if node[1] >= 1 and not sub[1]:
                return out, False
            continue
        return None  # any character, a category, a back-reference
    return out, True


def scans(pattern: re.Pattern[str], anywhere: bool = False) -> bool:
    """True when ``pattern`` (searched, or fully matched from a leading run of any characters)
    cannot fail at a block's first characters: the regex engine walks the whole block, and a
    substring test first saves that walk. An anchored pattern fails fast on its own."""
    if anywhere:
        return True
    items = _tree(pattern)
    while items:
        node = items[0]
        kind = node[0]
        if kind == SUB:
            if len(node[1]) != 1:
                return False
            items = node[1][0]
        elif kind == ASSERT:
            items = node[1]
        elif kind == REPEAT:
            hi, sub = node[2], node[3]
            return (hi is None or hi > 1) and len(sub) == 1 and _most_characters(sub[0])
        else:
            return False
    return False


def _most_characters(node: Node) -> bool:
    """Any character, or a class that excludes a few (``[^()]``): it runs on over most text."""
    return node[0] == ANY or (node[0] == IN and node[2])


Test = Callable[[str], object]
"""A pattern's bound ``search`` or ``fullmatch``: a match (truthy) or None."""

_BACKREF = re.compile(r"\\[1-9]|\(\?\(")
"""A numbered back-reference or a conditional: its group numbers change when the alternation is split."""


class CueGate:
    """One yes/no test for several patterns (an alternation split into its parts), each part
    asked only when the folded text holds one of its own cue strings.

    A long alternation searched as one regex walks the whole line once per alternative; most
    lines that hold one cue of the union hold the cue of one or two parts only, so only those
    parts are run. ``gate(text, probe)`` is true exactly when some part matches ``text``
    (``probe``: the text folded as the cues were). Parts without cue strings always run."""

    __slots__ = ("union", "always", "gated")

    def __init__(self, parts: Sequence[tuple[tuple[str, ...] | None, Test]]) -> None:
        self.always: tuple[Test, ...] = tuple(test for cues, test in parts if cues is None)
        self.gated: tuple[tuple[tuple[str, ...], Test], ...] = tuple(
            (cues, test) for cues, test in parts if cues is not None)
        union: set[str] = {c for cues, _ in self.gated for c in cues}
        self.union: tuple[str, ...] | None = None if self.always else tuple(
            sorted(_drop_superstrings(union), key=len))
        """Every cue of every part (None when some part has none): a text holding none of them
        matches no part."""

    def __call__(self, text: str, probe: str) -> bool:
        if self.union is not None and not contains_any(probe, self.union):
            return False
        for test in self.always:
            if test(text) is not None:
                return True
        for cues, test in self.gated:
            if contains_any(probe, cues) and test(text) is not None:
                return True
        return False


def cues_of(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """``required_strings`` as a tuple, shortest first (the cheapest test first), or None."""
    need = required_strings(pattern)
    return None if need is None else tuple(sorted(_drop_superstrings(set(need)), key=len))


def gated_search(pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """``pattern.search``, run only on a text that holds one of the pattern's required strings
    (on the text folded as ``fold`` does, for an IGNORECASE pattern): the same answer, without the
    regex walking every position of a text it cannot match. A pattern without such strings is
    searched as it is."""
    cues = cues_of(pattern)
    search = pattern.search
    if cues is None:
        return search
    if pattern.flags & re.IGNORECASE:
        return lambda text: search(text) if contains_any(folded(text), cues) else None
    return lambda text: search(text) if contains_any(text, cues) else None


def split_gate(sources: Sequence[str], flags: int, whole: re.Pattern[str]) -> CueGate:
    """A gate searching the alternation of ``sources`` (compiled with ``flags``; ``whole`` is that
    alternation as one regex) part by part. Sources with a numbered back-reference or a
    conditional stay one part: the whole alternation, behind the union of all cues."""
    if any(_BACKREF.search(s) for s in sources):
        return CueGate([(cues_of(whole), whole.search)])
    parts = []
    for source in sources:
        regex = re.compile(source, flags)
        parts.append((cues_of(regex), regex.search))
    return CueGate(parts)
