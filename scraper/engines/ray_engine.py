"""``scraper clean --engine ray``: whole input files spread over a Ray cluster with Ray Data.

A file is the unit of work: one Ray task cleans one input (a WARC holds tens
of thousands of pages, which amortises scheduling) with the same plain
per-page function as the local run, and writes one JSON Lines shard
``OUTDIR/<name>-<hash>.jsonl``. A shard is written to a temporary name and
renamed when complete, so an interrupted run leaves no half shard; a rerun
skips inputs whose shard has no failed record and redoes only the failed
records of the others. OUTDIR may be a local directory visible to every node
or any fsspec URL; inputs likewise.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import Any

from ..config import Config
from ..runner import Summary, _progress_bar
from ..sinks import JsonlSink
from ..sources.stats import SourceStats
from .inputs import clean_input, list_inputs, shard_name


def _fs(url: str) -> tuple[Any, str]:
    import fsspec

    return fsspec.core.url_to_fs(url)


def clean_file_task(row: dict[str, Any], config: Config, explain: bool, outdir: str) -> dict[str, Any]:
    """Ray Data ``map`` function: one input file -> one shard; returns the file's counts."""
    fs, root = _fs(outdir)
    counts = {"input": row["input"], "ok": 0, "empty": 0, "failed": 0, "skipped": 0,
              "skipped_records": 0, "bytes_read": 0}
    sink = JsonlSink(f"{root.rstrip('/')}/{row['shard']}", fs=fs)
    done = sink.resume()
    counts["skipped"] = len(done)
    if sink.dropped == 0:  # complete and clean: nothing to redo
        return counts
    stats = SourceStats()
    for article in clean_input(row["input"], config, explain, skip=done, stats=stats):
        sink.write(article)
        counts[article.outcome] += 1
    sink.close()
    counts["skipped_records"] = stats.skipped_records
    counts["bytes_read"] = stats.bytes_read
    return counts


def run_ray(inputs: Iterable[str], outdir: str, config: Config, *, explain: bool = False,
            address: str | None = None, progress: bool | None = None) -> Summary:
    """Clean every input file on a Ray cluster (``address``; default: a local one, or the one already
    initialised in this process) into JSON Lines shards under ``outdir``; returns the summed summary."""
    import ray

    logging.getLogger("ray.data").setLevel(logging.ERROR)  # our own progress and summary say enough
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    files = list_inputs(inputs)
    fs, root = _fs(outdir)
    fs.makedirs(root, exist_ok=True)
    rows = [{"input": f, "shard": shard_name(f)} for f in files]
    summary = Summary()
    if not rows:
        return summary
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ds = ray.data.from_items(rows, override_num_blocks=len(rows))
    ds = ds.map(clean_file_task, fn_kwargs={"config": config, "explain": explain, "outdir": outdir}, num_cpus=1)
    bar = _progress_bar(progress)
    if bar is not None:
        bar.total, bar.unit = len(rows), "file"
    try:
        for counts in ds.iter_rows():
            for key in ("ok", "empty", "failed", "skipped", "skipped_records", "bytes_read"):
                setattr(summary, key, getattr(summary, key) + int(counts[key]))
            if bar is not None:
                bar.update(1)
                bar.set_postfix(ok=summary.ok, empty=summary.empty, failed=summary.failed, refresh=False)
    finally:
        if bar is not None:
            bar.close()
    print(f"{len(rows)} input files -> {outdir}", file=sys.stderr)
    return summary
