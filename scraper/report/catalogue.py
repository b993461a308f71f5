"""The rules a report can name: each with its one-line ``about`` and a tint of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup

from ..rules.base import about_of
from ..rules.engine import default_rules


@dataclass(frozen=True, slots=True)
class RuleInfo:
    name: str
    about: str
    css: str
    """Class name for the rule's tint (``r0``, ``r1``, ...): the rule's name never goes into CSS."""
    hue: int
    label: Markup = field(init=False)
    """The name, escaped once: the templates write it beside every block the rule removed."""
    cut_class: Markup = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", Markup.escape(self.name))
        object.__setattr__(self, "cut_class", Markup(f"blk cut {self.css}"))


def _hue(i: int) -> int:
    """Golden-angle steps around the colour wheel: neighbours in the rule order get distant hues."""
    return int(i * 137.508) % 360


class Catalogue:
    """Rule name -> ``RuleInfo``, in the order the rules run; names not in the registry get an entry on first use."""

    def __init__(self, rules: list[tuple[str, str]]) -> None:
        self.rules: dict[str, RuleInfo] = {}
        for name, about in rules:
            self.get(name, about)

    def get(self, name: str, about: str = "") -> RuleInfo:
        info = self.rules.get(name)
        if info is None:
            i = len(self.rules)
            info = self.rules[name] = RuleInfo(name, about, f"r{i}", _hue(i))
        return info

    def abouts(self) -> dict[str, str]:
        """Rule name -> about, for the report's script (shown when a removed block is hovered)."""
        return {r.name: r.about for r in self.rules.values()}

    def css(self) -> str:
        """One tint class per rule: background for removed blocks, fill for the bars."""
        return "".join(f".{r.css}{{--tint:hsl({r.hue} 70% 88%);--ink:hsl({r.hue} 60% 38%)}}\n"
                       for r in self.rules.values())


@lru_cache(maxsize=1)
def registry() -> tuple[tuple[str, str], ...]:
    """(name, about) of every rule, in the order they run, from the rules' public listing."""
    return tuple((rule.name, about_of(rule)) for rule in default_rules())


def catalogue() -> Catalogue:
    return Catalogue(list(registry()))
