"""``scraper rules``: list the block rules, in the order they run, with their switch state."""

from __future__ import annotations

import argparse

from ..rules.engine import default_rules
from .common import config_from


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("rules", help="list the cruft rules (names for [rules] disabled in config.toml)")
    parser.add_argument("--config", metavar="FILE")
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    disabled = config_from(args).rules.disabled
    for rule in default_rules():
        doc = getattr(rule, "about", "") or (type(rule).__doc__ or "").strip().splitlines()[0]
        state = "off" if rule.name in disabled else "on "
        print(f"{state} {rule.name:22} {doc}")
    return 0
