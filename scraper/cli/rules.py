"""``scraper rules``: list the block rules, in the order they run, with their phase and switch state."""

from __future__ import annotations

import argparse

from ..rules.base import about_of
from ..rules.engine import default_rules
from .common import config_from


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("rules", help="list the cruft rules (names for [rules] disabled in config.toml)")
    parser.add_argument("--config", metavar="FILE")
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    disabled = config_from(args).rules.disabled
    for rule in default_rules():
        state = "off" if rule.name in disabled else "on "
        print(f"{state} {rule.phase:10} {rule.name:18} {about_of(rule)}")
    return 0
