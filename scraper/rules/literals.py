"""Plain strings a regular expression cannot match without: a cheap test before the regex.

Most blocks match none of a rule's patterns, and many patterns are searches
(``.*X.*``) that the regex engine tries at every position of the block. Every
match of such a pattern holds one of a few literal words ("affiliate",
"cookie", "newsletter"), and a substring test for a handful of words on the
lower-cased block runs in C, many times faster. ``required_strings`` reads
them off the parsed pattern; ``fold`` lower-cases a block the way the regex
engine's IGNORECASE compares characters, so the test never rejects a block the
pattern would match (it is a necessary condition, never a sufficient one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

try:  # the regex engine's own parser (re._parser, Python 3.11+); without it no rule gets a precheck
    from re import _casefix as _casefix_module
    from re import _constants as _c
    from re import _parser as _parser
except ImportError:  # pragma: no cover - a Python that moved it
    _parser = _c = _casefix_module = None  # type: ignore[assignment]

_MAX_SET = 64
"""Larger sets of alternatives are not spelled out (the test would cost more than it saves)."""
_GOOD_LEN = 5
"""Strings this long are rare enough in running text for the test to reject most blocks."""
_DOTTED_I = "\u0130"
"""The one character whose ``str.lower`` (two characters) differs from the regex engine's (``i``)."""


def _extra_cases() -> dict[str, str]:
    """Characters IGNORECASE also equates beyond lower case ('ſ' with 's', 'ı' with 'i'), each
    mapped to one representative of its class."""
    extra = getattr(_casefix_module, "_EXTRA_CASES", {}) if _casefix_module else {}
    out: dict[str, str] = {}
    for lo, others in extra.items():
        group = [lo, *others]
        out[chr(lo)] = chr(min(group))
    return {k: v for k, v in out.items() if k != v}


_EXTRA = _extra_cases()
_EXTRA_TABLE = str.maketrans(_EXTRA)
_EXTRA_RE = re.compile("[" + "".join(re.escape(c) for c in _EXTRA) + "]") if _EXTRA else None


def fold(text: str) -> str:
    """``text`` lower-cased as IGNORECASE compares it: equal folds <=> the regex engine sees equal letters."""
    if text.isascii():
        return text.lower()
    if _DOTTED_I in text:
        text = text.replace(_DOTTED_I, "i")
    low = text.lower()
    if _EXTRA_RE is not None and _EXTRA_RE.search(low):
        low = low.translate(_EXTRA_TABLE)
    return low


def contains_any(text: str, strings: Iterable[str]) -> bool:
    """True when ``text`` holds one of ``strings`` (a plain loop: cheaper than ``any`` over a generator)."""
    for s in strings:
        if s in text:
            return True
    return False


def required_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None when no such set was
    found (the pattern can match without any literal text, or is too involved). For an
    IGNORECASE pattern they are folded (test them on ``fold(text)``), else as written."""
    if _parser is None:
        return None
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    if not ignore_case and "(?i" in pattern.pattern:
        return None  # a case-insensitive part in a case-sensitive pattern: not worth the care
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern gets no precheck, never a wrong one
        return None
    need = _need(list(parsed))
    if not need or "" in need:
        return None
    return frozenset(fold(s) for s in need) if ignore_case else frozenset(need)


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


def _exact(item: tuple) -> set[str] | None:
    """The strings ``item`` matches, when it matches one of a few fixed strings, else None."""
    op, av = item
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        if all(o is _c.LITERAL for o, _ in av) and len(av) <= _MAX_SET:
            return {chr(v) for _, v in av}
        return None
    if op is _c.SUBPATTERN:
        return _exact_seq(list(av[-1]))
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            e = _exact_seq(list(alt))
            if e is None:
                return None
            out |= e
        return out if len(out) <= _MAX_SET else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, sub = av
        if (lo, hi) == (0, 1):
            e = _exact_seq(list(sub))
            return None if e is None else e | {""}
        return None
    if op is _c.AT:
        return {""}  # zero-width: the strings on either side stay adjacent
    return None


def _exact_seq(items: Sequence[tuple]) -> set[str] | None:
    out = {""}
    for item in items:
        e = _exact(item)
        if e is None:
            return None
        out = {a + b for a in out for b in e}
        if len(out) > _MAX_SET:
            return None
    return out


def _need(items: Sequence[tuple]) -> set[str] | None:
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
            if item[0] in (_c.BRANCH, _c.SUBPATTERN):
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


def _need_item(item: tuple) -> set[str] | None:
    op, av = item
    if op is _c.SUBPATTERN:
        return _need(list(av[-1]))
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            sub = _need(list(alt))
            if not sub:
                return None
            out |= sub
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, _, sub = av
        return _need(list(sub)) if lo >= 1 else None
    if op is _c.ASSERT:
        direction, sub = av
        return _need(list(sub))  # a lookaround's text lies in the block too
    return None


def scans(pattern: re.Pattern[str], anywhere: bool = False) -> bool:
    """True when ``pattern`` (searched, or fully matched from a leading run of any characters)
    cannot fail at a block's first characters: the regex engine walks the whole block, and a
    substring test first saves that walk. An anchored pattern fails fast on its own."""
    if anywhere:
        return True
    if _parser is None:
        return False
    try:
        items = list(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001
        return False
    while items:
        op, av = items[0]
        if op is _c.SUBPATTERN:
            items = list(av[-1])
        elif op is _c.ASSERT:
            items = list(av[1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            return hi > 1 and len(sub) == 1 and _most_characters(sub[0])
        else:
            return False
    return False


def _most_characters(item: tuple) -> bool:
    """Any character, or a class that excludes a few (``[^()]``): it runs on over most text."""
    op, av = item
    if op in (_c.ANY, _c.NOT_LITERAL):
        return True
    return op is _c.IN and bool(av) and av[0][0] is _c.NEGATE
