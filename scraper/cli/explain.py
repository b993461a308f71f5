"""``scraper explain INPUT... -o report.html``: clean pages and show what was cut and why, as one HTML file."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import sys
from collections.abc import Iterator

from ..model import Page
from ..report import ReportSink
from ..runner import run
from ..sources import iter_paths
from ..sources.stats import SourceStats
from .common import config_from, finish


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("explain", help="write an HTML report of what was removed from each page and why",
                            description="Clean pages (any input `clean` takes, and http(s) URLs, fetched) and "
                                        "write one self-contained HTML report: each page in reading order with "
                                        "every removed block struck through under the name of its rule, the "
                                        "metadata with where each value came from, and an index of all pages.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="file, directory, - for stdin, or an http(s) URL to fetch")
    parser.add_argument("-o", "--output", required=True, metavar="REPORT.html", help="where to write the report")
    parser.add_argument("--config", metavar="FILE", help="settings file (default: the bundled config.toml)")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="worker processes (default: [run] workers in the config, 0 = one per core)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    parser.set_defaults(func=command)


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def command(args: argparse.Namespace) -> int:
    if args.workers is not None and args.workers < 0:
        raise ValueError("--workers must be 0 (one per core) or more")
    if args.limit is not None and args.limit < 1:
        raise ValueError("--limit must be 1 or more")
    config = config_from(args)
    workers = args.workers if args.workers else config.run.worker_count
    urls = [i for i in args.inputs if _is_url(i)]
    paths = [i for i in args.inputs if not _is_url(i)]
    stats = SourceStats()
    sink = ReportSink(args.output)
    with contextlib.ExitStack() as stack:
        pages: Iterator[Page] = iter_paths(paths, config.run.max_page_bytes, exclude=[args.output],
                                           stats=stats) if paths else iter(())
        if urls:
            from ..sources.fetch import PageStream  # only a run with URLs needs the fetcher

            pages = itertools.chain(pages, stack.enter_context(PageStream(urls, config.fetch)))
        if args.limit:
            pages = itertools.islice(pages, args.limit)
        try:
            summary = run(pages, sink, config, explain=True, progress=False if args.no_progress else None,
                          workers=workers, ordered=True, stats=stats)
        finally:
            sink.close()
    print(f"report: {args.output} ({os.path.getsize(args.output) / 1024:.0f} KB)", file=sys.stderr)
    return finish(summary)
