"""The ``scraper`` command. Each subcommand lives in a module of its own and registers itself here."""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from . import clean as clean_cmd
from . import cluster as cluster_cmd
from . import explain as explain_cmd
from . import rules as rules_cmd
from . import serve as serve_cmd

COMMANDS = [clean_cmd, explain_cmd, rules_cmd, serve_cmd, cluster_cmd]

try:  # fetching is optional at import time so offline use never depends on it
    from . import fetch as fetch_cmd

    COMMANDS.insert(1, fetch_cmd)
except ImportError:  # pragma: no cover
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scraper", description="Boilerplate-stripping news scraper and normalizer.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (ValueError, OSError) as exc:
        print(f"scraper: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
