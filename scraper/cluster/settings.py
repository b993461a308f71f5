"""Cluster settings: the bundled defaults.toml, overridden by a ``[cluster]`` table of the config file."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..config_table import update_table


@dataclass(frozen=True, slots=True)
class ExactSettings:
    enabled: bool = True
    use_url: bool = True
    min_words: int = 5


@dataclass(frozen=True, slots=True)
class NearSettings:
    enabled: bool = True
    shingle: int = 5
    num_perm: int = 64
    bands: int = 16
    seed: int = 1
    min_shingles: int = 12
    jaccard: float = 0.6
    containment: float = 0.7
    passage_containment: float = 0.6
    max_edits: int = 2
    anchor_sample: int = 8
    max_bucket: int = 200
    partitions: int = 32

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@dataclass(frozen=True, slots=True)
class RewriteSettings:
    enabled: bool = True
    lead_words: int = 60
    accept: float = 0.85
    consider: float = 0.65
    entity_jaccard: float = 0.19
    min_entities: int = 5
    link: float = 0.65
    same_language: bool = True
    languages: frozenset[str] = frozenset()
    date_window_days: int = 3
    swapped_dates: bool = True
    batch: int = 256

    def covers(self, language: str | None) -> bool:
        """Whether the sentence model reads ``language`` (unknown, or no list given: assumed so)."""
        return not language or not self.languages or language in self.languages


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    exact: ExactSettings = field(default_factory=ExactSettings)
    near: NearSettings = field(default_factory=NearSettings)
    rewrite: RewriteSettings = field(default_factory=RewriteSettings)

    def replace(self, **tiers: dict[str, Any]) -> "ClusterSettings":
        """A copy with some keys of some tiers changed: ``settings.replace(rewrite={"enabled": False})``."""
        return _merge(self, tiers)


def _merge(base: ClusterSettings, table: dict[str, Any]) -> ClusterSettings:
    tiers = [f.name for f in dataclasses.fields(base)]
    changes = {}
    for tier, values in table.items():
        if tier not in tiers:
            raise ValueError(f"config: [cluster] has no tier {tier!r} ({', '.join(tiers)})")
        changes[tier] = update_table(getattr(base, tier), values, f"cluster.{tier}")
    settings = dataclasses.replace(base, **changes)
    if settings.near.num_perm % settings.near.bands:
        raise ValueError("config: [cluster.near] num_perm must be a multiple of bands")
    return settings


def load_cluster_settings(config_path: str | Path | None = None) -> ClusterSettings:
    """The bundled defaults, then the ``[cluster]`` table of ``config_path`` (if given and present)."""
    defaults = tomllib.loads(resources.files(__package__).joinpath("defaults.toml").read_text(encoding="utf-8"))
    settings = _merge(ClusterSettings(), defaults)
    if config_path is not None:
        with open(config_path, "rb") as fh:
            table = tomllib.load(fh).get("cluster", {})
        settings = _merge(settings, table)
    return settings
