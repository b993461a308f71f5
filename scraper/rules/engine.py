"""Which rules run and in what order: the registry, and the loop that runs them over a page.

Every module of this package that defines ``rules()`` contributes rules (a
pattern rule is a table of ``patterns.toml``, read by ``patterns.py``). Each rule
declares its phase (``base.PHASES``); the registry orders the rules by phase,
then by module name, then in the order the module lists them. Rules of one phase
that live in different modules must not depend on each other's order. Adding a
rule is one module: a new ``rules()`` here, or a table in ``patterns.toml``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..model import Block
from .base import PHASES, ROLES, Matcher, Rule, RuleContext

__all__ = ["RuleContext", "apply_rules", "check_disabled", "default_rules", "rule_names"]


def _modules() -> list[str]:
    """The modules of this package, by name."""
    package = importlib.import_module(__package__)
    return sorted(m.name for m in pkgutil.iter_modules(package.__path__))


def collect(modules: Iterable[str]) -> tuple[Rule, ...]:
    """The rules of ``modules`` (names inside this package), ordered by phase; checked for
    duplicate names, unknown phases and unknown roles."""
    found: list[Rule] = []
    for name in modules:
        module = importlib.import_module(f"{__package__}.{name}")
        make = getattr(module, "rules", None)
        if callable(make):
            found.extend(make())
    seen: set[str] = set()
    for rule in found:
        if rule.name in seen:
            raise ValueError(f"two rules are named {rule.name!r}")
        seen.add(rule.name)
        if rule.phase not in PHASES:
            raise ValueError(f"rule {rule.name!r}: unknown phase {rule.phase!r}")
        if not rule.roles <= ROLES:
            raise ValueError(f"rule {rule.name!r}: unknown role(s) {sorted(rule.roles - ROLES)}")
    return tuple(sorted(found, key=lambda r: PHASES.index(r.phase)))  # stable: module order within a phase


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    """All rules in the order they run; built once per process."""
    return collect(name for name in _modules() if name != "engine")


def rule_names() -> list[str]:
    return [r.name for r in default_rules()]


def check_disabled(names: Iterable[str]) -> None:
    """Raise ValueError naming any of ``names`` that is no rule (a typo would silently switch nothing off)."""
    unknown = sorted(set(names) - set(rule_names()))
    if unknown:
        raise ValueError(f"config: unknown rule(s) in [rules] disabled: {', '.join(unknown)} (see `scraper rules`)")


def matchers(rules: Sequence[Rule]) -> dict[str, tuple[tuple[str, Matcher], ...]]:
    """Role -> (name, test) of each of ``rules`` that declares the role and can test a line."""
    out: dict[str, list[tuple[str, Matcher]]] = {}
    for rule in rules:
        match = getattr(rule, "match", None)
        if match is not None:
            for role in rule.roles:
                out.setdefault(role, []).append((rule.name, match))
    return {role: tuple(found) for role, found in out.items()}


def apply_rules(blocks: list[Block], ctx: RuleContext, rules: Iterable[Rule] | None = None) -> None:
    """Judge ``blocks`` in place with every rule not disabled in ``ctx``."""
    active = [r for r in (default_rules() if rules is None else rules) if r.name not in ctx.disabled]
    ctx.matchers = matchers(active)
    for rule in active:
        rule.apply(blocks, ctx)
