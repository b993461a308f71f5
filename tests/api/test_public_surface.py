"""The public surface is what CHANGELOG.md says it is: a name cannot appear or vanish unrecorded."""

from __future__ import annotations

import importlib
import pkgutil
import re
import types
from pathlib import Path

import scraper

CHANGELOG = Path(__file__).resolve().parents[2] / "CHANGELOG.md"
NAME = re.compile(r"`scraper\.(\w+)")


def changelog_surface(text: str) -> set[str]:
    """Replay the Added/Removed lines from the oldest release to the newest."""
    releases = re.split(r"^## ", text, flags=re.M)[1:]
    surface: set[str] = set()
    for release in reversed(releases):
        for section in re.split(r"^### ", release, flags=re.M)[1:]:
            head, _, body = section.partition("\n")
            names = set(NAME.findall(body))
            if head.strip() == "Added":
                surface |= names
            elif head.strip() == "Removed":
                surface -= names
    return surface


def test_all_is_what_the_changelog_records() -> None:
    recorded = changelog_surface(CHANGELOG.read_text(encoding="utf-8"))
    exported = set(scraper.__all__)
    assert exported - recorded == set(), "exported without an '### Added' line in CHANGELOG.md"
    assert recorded - exported == set(), "gone from scraper.__all__ without a '### Removed' line in CHANGELOG.md"


def test_every_listed_name_exists_and_nothing_public_is_unlisted() -> None:
    for name in scraper.__all__:
        assert hasattr(scraper, name), name
    public = {name for name, value in vars(scraper).items()
              if not name.startswith("_") and not isinstance(value, types.ModuleType)
              and name not in ("annotations",)}
    assert public <= set(scraper.__all__), "public in scraper/__init__.py but not in __all__"


def test_the_replay_sees_removals() -> None:
    text = "## 2\n### Removed\n- `scraper.old`\n## 1\n### Added\n- `scraper.old`, `scraper.kept`\n"
    assert changelog_surface(text) == {"kept"}


def test_no_submodule_shadows_a_public_name() -> None:
    """The first import of ``scraper.X`` sets the attribute ``scraper.X`` to the module: a package named
    like a public call and not imported by ``scraper/__init__.py`` would replace the call for everyone."""
    before = {name: getattr(scraper, name) for name in scraper.__all__}
    for info in pkgutil.iter_modules(scraper.__path__):
        if info.name == "__main__":
            continue
        try:
            importlib.import_module(f"scraper.{info.name}")
        except ImportError:  # an optional extra (Ray) not installed
            continue
    assert {name: getattr(scraper, name) for name in scraper.__all__} == before
