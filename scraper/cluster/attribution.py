"""Who a text credits: "first appeared on X", "X reported", "according to X".

The phrases are data (attribution.toml); this module only applies them and filters out
names that are people or common words rather than outlets.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator
from importlib import resources

from ..normalize.first_names import is_given_name
from .canon import name_key


@dataclass(frozen=True, slots=True)
class Phrases:
    strong: tuple[re.Pattern[str], ...]
    weak: tuple[re.Pattern[str], ...]
    weak_min: int
    not_outlets: frozenset[str]
    triggers: tuple[str, ...]


@lru_cache(maxsize=1)
def phrases() -> Phrases:
    data = tomllib.loads(resources.files(__package__).joinpath("attribution.toml").read_text(encoding="utf-8"))
    name = data["name"]

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p.replace("{name}", name)) for p in data[key])

    triggers = tuple(data["triggers"])
    return Phrases(compile_all("strong"), compile_all("weak"), int(data["weak_min"]),
                   frozenset(w.casefold() for w in data["not_outlets"]), triggers)


_WINDOW = 90


def _whole_word(text: str, start: int, end: int) -> bool:
    return (not start or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _windows(text: str, triggers: tuple[str, ...]) -> list[tuple[int, str]]:
    """(offset, text) around each run of trigger words (as whole words): the phrases never scan a whole
    article. ``str.find`` per trigger, then a boundary check: far cheaper than one regular expression."""
    hits = []
    for word in triggers:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if _whole_word(text, at, end):
                hits.append((at, end))
            at = text.find(word, end)
    spans: list[list[int]] = []
    for s, e in sorted(hits):
        start, end = max(0, s - _WINDOW), min(len(text), e + _WINDOW)
        start = text.rfind(" ", 0, start) + 1 if start else 0  # never cut a name in two
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(s, text[s:e]) for s, e in spans]


def _clean(name: str, stop: frozenset[str]) -> str | None:
    """The name, or None when it is a common word or a person rather than an outlet."""
    name = name.strip(" .,'’-")
    parts = name.split()
    if not parts:
        return None
    first = parts[1] if parts[0].casefold() == "the" and len(parts) > 1 else parts[0]
    if first.casefold().strip(".") in stop or is_given_name(first):
        return None  # "Smith reported" is a person; outlets are rarely named after a given name
    return name


def _matches(text: str, p: Phrases) -> Iterator[tuple[str, bool]]:
    """(name, is_strong) for each phrase match, each position once."""
    seen: set[tuple[int, int]] = set()
    windows = _windows(text, p.triggers)
    for n, (patterns, is_strong) in enumerate(((p.strong, True), (p.weak, False))):
        for k, pattern in enumerate(patterns):
            for offset, window in windows:
                for match in pattern.finditer(window):
                    where = (offset + match.start("name"), n * 100 + k)
                    if where not in seen:
                        seen.add(where)
                        yield match.group("name"), is_strong


def credited(text: str) -> list[str]:
    """Outlets this text credits as its source, most-mentioned first (strong phrases count once each)."""
    p = phrases()
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    strong: set[str] = set()
    for raw, is_strong in _matches(text, p):
        name = _clean(raw, p.not_outlets)
        key = name_key(name) if name else ""
        if not key:
            continue
        names.setdefault(key, name)
        counts[key] += 1
        if is_strong:
            strong.add(key)
    kept = [k for k, n in counts.most_common() if k in strong or n >= p.weak_min]
    kept.sort(key=lambda k: (k not in strong, -counts[k]))
    return [names[k] for k in kept]
