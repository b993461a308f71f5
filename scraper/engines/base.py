"""The engine interface: work units in, records into a sink, a ``Summary`` back.

An engine decides where pages are cleaned: ``LocalEngine`` in this process,
``PoolEngine`` in guarded worker processes that read their own input,
``RayEngine`` over a cluster. All take the same work units
(``scraper.sources.units``), keep the same promise (one record per input) and
report through the same ``Summary`` and progress bar. A new engine is one
module with a class that has ``run``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ..config import Config
from ..sources.units import WorkUnit
from .report import Summary


@dataclass(slots=True)
class Job:
    """What to do with the units, whatever runs them."""

    config: Config
    explain: bool = False
    ordered: bool = False
    """Records in input order (default: as they are ready)."""
    progress: bool | None = None
    """A progress bar: None = when stderr is a terminal."""
    skip: set[str] = field(default_factory=set)
    """Sources already done (from ``Sink.resume``): passed over and counted as skipped."""


class Engine(Protocol):
    def run(self, units: Iterable[WorkUnit], job: Job) -> Summary:
        """Clean every page of ``units``: exactly one record per page, counted in the summary."""
        ...
