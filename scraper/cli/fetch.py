"""``scraper fetch URL...``: fetch pages (and the articles of feeds and sitemaps) and clean them."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator

from ..sources.fetch import PageStream
from ..runner import run
from ..sinks import open_sink
from .common import add_output_options, config_from, finish


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("fetch", help="fetch URLs, feeds and sitemaps, and clean each page",
                            description="Fetch pages politely (robots.txt, per-host limits, retries) and clean "
                                        "each into one record. Settings: the [fetch] section of config.toml.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="page URL (http or https)")
    parser.add_argument("--urls", dest="url_file", metavar="FILE", action="append", default=[],
                        help="file of URLs, one a line (# starts a comment; - for standard input)")
    parser.add_argument("--feed", action="append", default=[], metavar="URL",
                        help="RSS or Atom feed whose articles to fetch (repeatable)")
    parser.add_argument("--sitemap", action="append", default=[], metavar="URL",
                        help="sitemap, sitemap index, gzipped or news sitemap whose pages to fetch (repeatable)")
    parser.add_argument("--save-raw", metavar="FILE.warc.gz",
                        help="also write every page response as received to this WARC file "
                             "(clean it again later, offline, with `scraper clean FILE.warc.gz`)")
    add_output_options(parser)
    parser.add_argument("--workers", type=int, metavar="N",
                        help="cleaning processes (default: [run] workers in the config, 0 = one per core); "
                             "1 = clean in this process. Fetching always runs in this process.")
    parser.set_defaults(func=command)


def _read_url_files(paths: list[str]) -> Iterator[str]:
    for path in paths:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
        try:
            for line in stream:
                line = line.strip()
                if line and not line.startswith("#"):
                    yield line
        finally:
            if stream is not sys.stdin:
                stream.close()


def _terminate_as_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # lets the record being written finish, then unwinds like Ctrl-C


def command(args: argparse.Namespace) -> int:
    if not (args.urls or args.url_file or args.feed or args.sitemap):
        raise ValueError("nothing to fetch: give URLs, --urls FILE, --feed URL or --sitemap URL")
    if args.workers is not None and args.workers < 0:
        raise ValueError("--workers must be 0 (one per core) or more")
    config = config_from(args)
    workers = args.workers if args.workers else config.run.worker_count
    urls = [*args.urls, *_read_url_files(args.url_file)]
    sink = open_sink(args.format, args.output)
    done = sink.resume()
    stream = PageStream(urls, config.fetch, feeds=args.feed, sitemaps=args.sitemap, save_raw=args.save_raw, done=done)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate_as_interrupt) if main_thread else None
    try:
        with stream:
            summary = run(stream, sink, config, explain=args.explain, progress=False if args.no_progress else None,
                          workers=workers)
    finally:
        sink.close()
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    summary.skipped += stream.skipped
    return finish(summary)
