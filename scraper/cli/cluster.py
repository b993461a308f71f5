"""``scraper cluster RECORDS...``: group records into stories (exact copies, near-duplicates, rewrites)."""

from __future__ import annotations

import argparse
import sys

from ..cluster.api import cluster_files
from ..cluster.settings import load_cluster_settings
from ..sinks import formats


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("cluster", help="group cleaned records into stories: copies, near-duplicates, rewrites",
                            description="Read records written by clean/fetch and write each back with a `story`.")
    parser.add_argument("paths", nargs="+", metavar="RECORDS", help="JSON Lines files (.gz read too), - for stdin")
    add_cluster_options(parser)
    parser.add_argument("-o", "--output", metavar="OUT", help="write records here (default: standard output); "
                        "the format follows the suffix (.jsonl, .txt, .md, any other registered sink)")
    parser.add_argument("--format", choices=formats(), default=None,
                        help="output format (default: by the output's suffix, else jsonl)")
    parser.add_argument("--config", metavar="FILE", help="settings file with a [cluster] table")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local: this process, memory flat in the number of records (default); "
                             "ray: features and buckets over a Ray cluster (pip install 'scraper[ray]')")
    parser.add_argument("--address", metavar="ADDR", help="Ray cluster address (default: start a local Ray)")
    parser.set_defaults(func=command)


def add_cluster_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tiers", metavar="LIST", default=None,
                        help="comma-separated tiers to run: exact,near,rewrite (default: as configured, all)")


def settings_from(args: argparse.Namespace):
    settings = load_cluster_settings(args.config)
    if args.tiers:
        wanted = {t.strip() for t in args.tiers.split(",") if t.strip()}
        unknown = wanted - {"exact", "near", "rewrite"}
        if unknown:
            raise ValueError(f"unknown tier(s): {', '.join(sorted(unknown))} (exact, near, rewrite)")
        settings = settings.replace(**{t: {"enabled": t in wanted} for t in ("exact", "near", "rewrite")})
    return settings


def command(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.engine == "ray":
        try:
            import ray  # noqa: F401
        except ImportError:
            print("scraper cluster --engine ray needs Ray: pip install 'scraper[ray]'", file=sys.stderr)
            return 2
    summary = cluster_files(args.paths, args.output, settings, engine=args.engine, address=args.address,
                            fmt=args.format)
    print(summary.line(), file=sys.stderr)
    return 0
