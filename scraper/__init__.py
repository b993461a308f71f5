"""scraper: boilerplate-stripping news scraper and normalizer.

The public API is what ``__all__`` lists (docs/python.md shows each call)::

    import scraper
    article = scraper.clean(html_bytes, url="https://example.com/story")
    article = scraper.fetch("https://example.com/story")
    with scraper.clean_many(["dumps/", "crawl.warc.gz"]) as records:
        for article in records:
            print(article.to_dict())

Everything else (``scraper.pipeline``, ``scraper.sources``, ...) is internal and
may change between versions; CHANGELOG.md records changes to the public names.
"""

from __future__ import annotations

from .api import Input, Records, RuleInfo, clean, clean_many, cluster, fetch, fetch_many, list_rules, resume, write
from .api_async import AsyncRecords, afetch, afetch_many
from .config import Config, load_config
from .model import Article, Block, BlockKind, Evidence, Page
from .pipeline import process

__version__ = "0.1.0"

__all__ = [
    "Article",
    "AsyncRecords",
    "Block",
    "BlockKind",
    "Config",
    "Evidence",
    "Input",
    "Page",
    "Records",
    "RuleInfo",
    "__version__",
    "afetch",
    "afetch_many",
    "clean",
    "clean_many",
    "cluster",
    "fetch",
    "fetch_many",
    "list_rules",
    "load_config",
    "process",
    "resume",
    "write",
]
