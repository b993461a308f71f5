"""One config table -> one frozen settings dataclass: the single place tables are read and checked.

Every ``[section]`` of the config file (``[run]``, ``[fetch]``, ``[cluster.near]``, ...)
is a dataclass whose fields are its keys. A table is checked against the
dataclass's fields and their type hints, so a typo or a wrong type stops
loading with a message naming the table and the key, instead of failing (or
silently doing the wrong thing) in the middle of a run. TOML arrays become the
field's collection type (tuple, frozenset), so the settings stay hashable.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

T = TypeVar("T")

_COLLECTIONS = (tuple, frozenset, list, set)
_NAMES = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}


def read_table(cls: type[T], raw: dict[str, Any], where: str) -> T:
    """``cls`` built from the table ``[where]``; keys it lacks keep their defaults."""
    return cls(**_checked(cls, raw, where))


def update_table(current: T, raw: dict[str, Any], where: str) -> T:
    """A copy of ``current`` with the keys of the table ``[where]`` changed."""
    return dataclasses.replace(current, **_checked(type(current), raw, where))  # type: ignore[type-var]


def _checked(cls: type, raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ValueError(f"config: [{where}] must be a table, not {raw!r}")
    hints = get_type_hints(cls)
    known = [f.name for f in dataclasses.fields(cls)]
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ValueError(f"config: unknown key(s) in [{where}]: {', '.join(unknown)} "
                         f"(known: {', '.join(known)})")
    return {key: _value(value, hints[key], f"[{where}] {key}") for key, value in raw.items()}


def _value(value: Any, hint: Any, what: str) -> Any:
    """``value`` if it fits ``hint`` (an array converted to the hinted collection); else a clear error."""
    origin = get_origin(hint)
    if origin in _COLLECTIONS:
        args = [a for a in get_args(hint) if a is not Ellipsis]
        if not isinstance(value, (list, tuple, set, frozenset)):
            raise ValueError(f"config: {what} must be an array, not {value!r}")
        return origin(_value(item, args[0], f"{what} items") if args else item for item in value)
    if hint in _NAMES and not _fits(value, hint):
        raise ValueError(f"config: {what} must be {_NAMES[hint]}, not {value!r}")
    return value


def _fits(value: Any, hint: type) -> bool:
    if isinstance(value, bool):
        return hint is bool
    if hint is float:
        return isinstance(value, (int, float))
    return isinstance(value, hint)
