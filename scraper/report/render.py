"""The report's markup: one Jinja2 environment (escaping on), its static parts, and the CSP that pins them.

Every string from a page reaches the report through an escaping template, and
the Content-Security-Policy allows exactly the report's own style and script
(by hash) and nothing else: no network, no page script, no images.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, Template


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Built once per process: loading and compiling templates is the costly part."""
    return Environment(loader=PackageLoader("scraper.report", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def template(name: str) -> Template:
    return environment().get_template(name)


@lru_cache(maxsize=None)
def static(name: str) -> str:
    """A static part of the report (stylesheet, script), shipped beside the templates."""
    return resources.files("scraper.report").joinpath("templates", name).read_text(encoding="utf-8")


def source_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline style or script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def csp(style: str, script: str) -> str:
    return (f"default-src 'none'; style-src {source_hash(style)}; script-src {source_hash(script)}; "
            "img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")
