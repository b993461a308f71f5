"""``scraper clean PATH...``: clean local dumps offline, on all cores or on a Ray cluster."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from ..engines.base import Job
from ..runner import engine_for
from ..sinks import format_for, open_sink
from ..sources.units import plan_units
from .cluster import add_cluster_options, settings_from
from .common import add_output_options, config_from, finish


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("clean", help="clean local files: HTML, text dumps, .gz, WARC/ARC, JSON Lines",
                            description="Clean local pages into one record each.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (walked recursively) or - for stdin")
    add_output_options(parser)
    parser.add_argument("--workers", type=int, metavar="N",
                        help="worker processes (default: [run] workers in the config, 0 = one per core); "
                             "1 = clean in this process")
    parser.add_argument("--ordered", action="store_true",
                        help="write records in input order (default: as they are ready)")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local: this machine (default); ray: whole input files over a Ray cluster, "
                             "JSON Lines shards into the -o directory (pip install 'scraper[ray]')")
    parser.add_argument("--address", metavar="ADDR", help="Ray cluster address (default: start a local Ray)")
    parser.add_argument("--cluster", action="store_true",
                        help="then group the records into stories, as `scraper cluster` does")
    add_cluster_options(parser)
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    if args.cluster:
        return _clean_then_cluster(args)
    config = config_from(args)
    if args.engine == "ray":
        return _ray(args, config)
    if args.workers is not None and args.workers < 0:
        print("scraper clean: --workers must be 0 (one per core) or more", file=sys.stderr)
        return 2
    workers = args.workers if args.workers else config.run.worker_count
    sink = open_sink(args.format, args.output)
    job = Job(config, args.explain, args.ordered, False if args.no_progress else None, sink.resume())
    try:
        units = plan_units(args.paths, config.run.max_page_bytes, workers=workers,
                           exclude=[args.output] if args.output and args.output != "-" else [])
        summary = engine_for(workers, sink).run(units, job)
    finally:
        sink.close()
    return finish(summary)


def _ray(args: argparse.Namespace, config) -> int:
    fmt = args.format or format_for(args.output)
    if not args.output or args.output == "-" or fmt != "jsonl" or os.path.isfile(args.output):
        print("scraper clean --engine ray: give an output directory with -o OUTDIR (JSON Lines shards)",
              file=sys.stderr)
        return 2
    if "-" in args.paths:
        print("scraper clean --engine ray: standard input cannot be distributed; give files", file=sys.stderr)
        return 2
    try:
        from ..engines.ray_engine import run_ray
        import ray  # noqa: F401
    except ImportError:
        print("scraper clean --engine ray needs Ray: pip install 'scraper[ray]'", file=sys.stderr)
        return 2
    summary = run_ray(args.paths, args.output, config, explain=args.explain, address=args.address,
                      progress=False if args.no_progress else None)
    return finish(summary)


def _clean_then_cluster(args: argparse.Namespace) -> int:
    """Clean into a temporary JSON Lines file, then cluster it into the real output."""
    from ..cluster.api import cluster_files

    if args.engine != "local":
        print("scraper clean --cluster: on the local engine only (scraper cluster --engine ray clusters "
              "the records a Ray run wrote)", file=sys.stderr)
        return 2
    settings = settings_from(args)
    final, fmt = args.output, args.format
    with tempfile.TemporaryDirectory(prefix="scraper-clean-") as tmp:
        args.output, args.format, args.cluster = os.path.join(tmp, "records.jsonl"), "jsonl", False
        code = command(args)
        if os.path.exists(args.output):
            summary = cluster_files([args.output], final, settings, fmt=fmt)
            print(summary.line(), file=sys.stderr)
    return code
