"""``scraper clean PATH...``: clean local dumps offline."""

from __future__ import annotations

import argparse

from ..runner import run
from ..sinks import open_sink, resume
from ..sources import iter_paths
from .common import add_output_options, config_from, finish


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("clean", help="clean local files: HTML, text dumps, .gz, WARC, JSON Lines",
                            description="Clean local pages into one record each.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (walked recursively) or - for stdin")
    add_output_options(parser)
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    config = config_from(args)
    skip = resume(args.output) if args.output and args.output != "-" and args.format == "jsonl" else set()
    sink = open_sink(args.format, args.output)
    try:
        summary = run(iter_paths(args.paths, config.run.max_page_bytes,
                                       exclude=[args.output] if args.output and args.output != "-" else []), sink, config, explain=args.explain,
                      skip=skip, progress=False if args.no_progress else None)
    finally:
        sink.close()
    return finish(summary)
