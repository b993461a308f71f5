"""config.toml -> typed settings. Every key has a default, so an empty file is valid."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str = "scraper/0.1 (+https://github.com/scraper-project/scraper; news text extraction)"
    concurrency: int = 16
    per_host_concurrency: int = 2
    per_host_delay: float = 0.5
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_body_bytes: int = 10_000_000
    max_redirects: int = 10
    retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    respect_robots: bool = True


@dataclass(frozen=True, slots=True)
class RunSettings:
    workers: int = 0
    page_timeout: float = 30.0
    max_page_bytes: int = 50_000_000
    max_page_memory_mb: int = 2048
    chunk_size: int = 8

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)


FALLBACK_MODES = ("fast", "full", "off")


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    fallback: str = "fast"
    """Where the HTML path is not confident: trafilatura alone ("fast"), trafilatura with its own
    readability/jusText comparisons ("full": a little more recall on hard pages, about three
    times the cost of "fast" there), or no fallback ("off")."""

    def __post_init__(self) -> None:
        if self.fallback not in FALLBACK_MODES:
            raise ValueError(f"config: [extract] fallback must be one of {', '.join(FALLBACK_MODES)}, not {self.fallback!r}")


@dataclass(frozen=True, slots=True)
class RuleSettings:
    disabled: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Config:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    run: RunSettings = field(default_factory=RunSettings)
    rules: RuleSettings = field(default_factory=RuleSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    outlets: dict[str, str] = field(default_factory=dict)
    """Domain -> outlet name."""


def _section(cls: type, raw: dict[str, Any], name: str) -> Any:
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"config: unknown key(s) in [{name}]: {', '.join(sorted(unknown))}")
    return cls(**raw)


def parse_config(raw: dict[str, Any]) -> Config:
    """Build settings from a parsed TOML mapping, rejecting unknown keys (typos)."""
    unknown = set(raw) - {"fetch", "run", "rules", "extract", "outlets", "cluster"}  # [cluster]: scraper.cluster
    if unknown:
        raise ValueError(f"config: unknown section(s): {', '.join(sorted(unknown))}")
    rules_raw = dict(raw.get("rules", {}))
    rules_raw["disabled"] = frozenset(rules_raw.get("disabled", ()))
    return Config(
        fetch=_section(FetchSettings, raw.get("fetch", {}), "fetch"),
        run=_section(RunSettings, raw.get("run", {}), "run"),
        rules=_section(RuleSettings, rules_raw, "rules"),
        extract=_section(ExtractSettings, raw.get("extract", {}), "extract"),
        outlets={k.lower(): str(v) for k, v in raw.get("outlets", {}).items()},
    )


DEFAULT_CONFIG_PATH = Path(__file__).resolve().parent.parent / "config.toml"


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Load settings from ``path``; with no path, the bundled config.toml if present, else defaults."""
    if path is None:
        if not DEFAULT_CONFIG_PATH.is_file():
            return Config()
        path = DEFAULT_CONFIG_PATH
    with open(path, "rb") as fh:
        return parse_config(tomllib.load(fh))
