"""config.toml -> typed settings. Every key has a default, so an empty file is valid."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config_table import read_table


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
    max_blocks: int = 5_000
    """Blocks an article may hold; past it the rest is dropped and the record says truncated."""
    max_text_chars: int = 1_000_000
    """Characters of text an article may hold; past it the rest is dropped and the record says truncated."""

    def __post_init__(self) -> None:
        if self.fallback not in FALLBACK_MODES:
            raise ValueError(f"config: [extract] fallback must be one of {', '.join(FALLBACK_MODES)}, not {self.fallback!r}")
        for key in ("max_blocks", "max_text_chars"):
            value = getattr(self, key)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"config: [extract] {key} must be a positive integer, not {value!r}")


@dataclass(frozen=True, slots=True)
class RuleSettings:
    disabled: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """``scraper serve``: limits that keep one client from starving the others, and who may call."""

    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 0
    """Cleaning processes; 0 = ``[run] workers``."""
    queue_limit: int = 64
    """Pages waiting for a free worker; a request past this gets 503 with Retry-After."""
    retry_after: int = 1
    """Seconds a refused client is told to wait."""
    max_body_bytes: int = 10_000_000
    """A larger request body (or one ``application/x-ndjson`` line) gets 413."""
    request_timeout: float = 120.0
    """Seconds for one request: reading its body, waiting for a worker, fetching, cleaning."""
    fetch_allow: tuple[str, ...] = ()
    """Hosts (``intranet.example``, ``.corp.example`` for a whole domain) or networks
    (``10.1.0.0/16``) that ``/fetch`` may reach although their addresses are not public."""
    token: str = ""
    """When set, every endpoint but /health wants ``Authorization: Bearer <token>``."""


@dataclass(frozen=True, slots=True)
class Config:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    run: RunSettings = field(default_factory=RunSettings)
    rules: RuleSettings = field(default_factory=RuleSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    serve: ServeSettings = field(default_factory=ServeSettings)
    outlets: dict[str, str] = field(default_factory=dict)
    """Domain -> outlet name."""


def parse_config(raw: dict[str, Any]) -> Config:
    """Build settings from a parsed TOML mapping, rejecting unknown keys (typos)."""
    unknown = set(raw) - {"fetch", "run", "rules", "extract", "serve", "outlets", "cluster"}  # [cluster]: scraper.cluster
    if unknown:
        raise ValueError(f"config: unknown section(s): {', '.join(sorted(unknown))}")
    rules = read_table(RuleSettings, raw.get("rules", {}), "rules")
    from .rules.engine import check_disabled  # the rule registry; loaded here only to check names

    check_disabled(rules.disabled)
    return Config(
        fetch=read_table(FetchSettings, raw.get("fetch", {}), "fetch"),
        run=read_table(RunSettings, raw.get("run", {}), "run"),
        rules=rules,
        extract=read_table(ExtractSettings, raw.get("extract", {}), "extract"),
        serve=read_table(ServeSettings, raw.get("serve", {}), "serve"),
        outlets={k.lower(): str(v) for k, v in raw.get("outlets", {}).items()},
    )


DEFAULT_CONFIG_PATH = Path(__file__).resolve().parent / "default_config.toml"
"""The defaults shipped inside the package (outlet names and all), so an installed wheel runs
exactly like a checkout; the repository's top-level config.toml is the documented copy of it."""


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Load settings from ``path``; with no path, the defaults bundled with the package."""
    with open(DEFAULT_CONFIG_PATH if path is None else path, "rb") as fh:
        return parse_config(tomllib.load(fh))
