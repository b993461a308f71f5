"""Options shared by the commands that write records."""

from __future__ import annotations

import argparse
import sys

from ..config import Config, load_config
from ..runner import Summary
from ..sinks import formats


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="OUT", help="write records here (default: standard output); "
                        "rerunning with the same file skips sources already done and redoes failed ones")
    parser.add_argument("--format", choices=formats(), default=None,
                        help="output format (default: from the -o file's suffix, else jsonl)")
    parser.add_argument("--config", metavar="FILE", help="settings file (default: the bundled defaults, "
                        "documented in config.toml)")
    parser.add_argument("--explain", action="store_true",
                        help="add provenance (where each metadata value came from) and removed blocks with their rule")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")


def config_from(args: argparse.Namespace) -> Config:
    return load_config(args.config)


def finish(summary: Summary) -> int:
    print(summary.line(), file=sys.stderr)
    return summary.exit_code
