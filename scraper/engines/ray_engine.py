"""``scraper clean --engine ray``: work units spread over a Ray cluster with Ray Data.

The units are those of the local pool (``scraper.sources.units``): whole input
files, and byte ranges of large archives cut at record boundaries, so one huge
WARC spreads over the cluster too. One Ray task cleans one unit with the same
plain per-page function as the local run and writes one JSON Lines shard
``OUTDIR/<name>-<hash>.jsonl`` through the JSON Lines sink: written under a
temporary name and renamed when complete, so an interrupted run leaves no half
shard; a rerun resumes each shard with ``Sink.resume`` (a clean, complete shard
is left alone; the failed records of the others are redone). OUTDIR may be a
local directory visible to every node or any fsspec URL; inputs likewise.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import Any

from ..config import Config
from ..deadline import guarded
from ..pipeline import process
from ..sinks import JsonlSink
from ..sources.stats import SourceStats
from ..sources.units import WorkUnit, read_unit, split_file
from .base import Job
from .inputs import is_url, list_inputs, open_input, shard_name
from .report import Progress, Summary


def _fs(url: str) -> tuple[Any, str]:
    import fsspec

    return fsspec.core.url_to_fs(url)


def _row(unit: WorkUnit) -> dict[str, Any]:
    return {"paths": list(unit.paths), "start": unit.start, "end": -1 if unit.end is None else unit.end,
            "first": unit.first, "shard": shard_name(unit.label())}


def _unit(row: dict[str, Any]) -> WorkUnit:
    end = int(row["end"])
    return WorkUnit(tuple(row["paths"]), int(row["start"]), None if end < 0 else end, int(row["first"]))


def clean_unit_task(row: dict[str, Any], config: Config, explain: bool, outdir: str) -> dict[str, Any]:
    """Ray Data ``map`` function: one work unit -> one shard; returns the unit's counts."""
    fs, root = _fs(outdir)
    counts = {"ok": 0, "empty": 0, "failed": 0, "skipped": 0, "skipped_records": 0, "bytes_read": 0, "damaged": 0}
    sink = JsonlSink(f"{root.rstrip('/')}/{row['shard']}", fs=fs)
    done = sink.resume()
    counts["skipped"] = len(done)
    if sink.dropped == 0:  # complete and clean: nothing to redo
        return counts
    stats = SourceStats()
    clean = guarded(process, config.run.page_timeout)
    for page in read_unit(_unit(row), config.run.max_page_bytes, stats, open_input):
        if page.source in done:
            continue
        counts["bytes_read"] += len(page.data)
        article = clean(page, config, explain)
        sink.write(article)
        counts[article.outcome] += 1
    sink.close()
    counts["skipped_records"], counts["damaged"] = stats.skipped_records, stats.damaged
    return counts


def plan(inputs: Iterable[str], workers: int) -> list[WorkUnit]:
    """Units for a cluster of about ``workers`` cores: remote files whole, large local archives in ranges."""
    import os

    units: list[WorkUnit] = []
    for path in list_inputs(inputs):
        if is_url(path):
            units.append(WorkUnit((path,)))
        else:
            try:
                size = os.path.getsize(path)
            except OSError:
                size = 0
            units.extend(split_file(path, size, workers))
    return units


class RayEngine:
    """Units over a Ray cluster (``address``; default: a local one, or the one already initialised)."""

    def __init__(self, outdir: str, address: str | None = None) -> None:
        self.outdir, self.address = outdir, address

    def run(self, units: Iterable[WorkUnit], job: Job) -> Summary:
        import ray

        rows = [_row(u) for u in units]
        fs, root = _fs(self.outdir)
        fs.makedirs(root, exist_ok=True)
        summary = Summary()
        if not rows:
            return summary
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ds = ray.data.from_items(rows, override_num_blocks=len(rows))
        ds = ds.map(clean_unit_task, fn_kwargs={"config": job.config, "explain": job.explain, "outdir": self.outdir},
                    num_cpus=1)
        bar = Progress(job.progress, unit="unit", total=len(rows))
        try:
            for counts in ds.iter_rows():
                summary.add(counts)
                bar.update(1, summary)
        finally:
            bar.close()
        print(f"{len(rows)} work units -> {self.outdir}", file=sys.stderr)
        return summary


def start_ray(address: str | None) -> int:
    """Connect to (or start) Ray; returns the cluster's CPU count."""
    import ray

    logging.getLogger("ray.data").setLevel(logging.ERROR)  # our own progress and summary say enough
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    return int(ray.cluster_resources().get("CPU", 1))


def run_ray(inputs: Iterable[str], outdir: str, config: Config, *, explain: bool = False,
            address: str | None = None, progress: bool | None = None) -> Summary:
    """Clean every input on a Ray cluster into JSON Lines shards under ``outdir``; returns the summed summary."""
    cpus = start_ray(address)
    return RayEngine(outdir, address).run(plan(inputs, cpus), Job(config, explain, progress=progress))
