"""Known given names, to tell a person ("Sven Schreivogel") from a name-shaped organisation ("TALENT Schweiz").

The list is the given-name dictionary that ships with the gender-guesser
package (about 45,000 names from many countries); only the names are read,
once per process and only when a check needs them.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Case-folded given names ("jörn", "sadhbh"); empty when the dictionary is not installed."""
    try:
        raw = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    names: set[str] = set()
    for line in raw.splitlines():
        if not line or line[0] in "#=":
            continue
        parts = line.split(None, 2)
        if len(parts) >= 2:
            names.add(parts[1].replace("+", "-").casefold())
    return frozenset(names)


def is_given_name(word: str) -> bool:
    """True for a known given name, in any case ("SVEN", "Jean-Pierre")."""
    names = given_names()
    key = word.strip(".").casefold()
    if len(key) < 3:
        return False  # "Im", "El": two letters are more often a word than a name
    return key in names or (("-" in key) and key.split("-")[0] in names)
