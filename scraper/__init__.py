"""scraper: boilerplate-stripping news scraper and normalizer.

Public API::

    import scraper
    article = scraper.clean(html_or_text, url="https://example.com/story")
    article.text, article.title, article.authors, article.to_dict()
"""

from __future__ import annotations

from .config import Config, load_config
from .decode import utf8_bytes
from .model import Article, Block, BlockKind, Evidence, Page
from .pipeline import process

__all__ = ["Article", "Block", "BlockKind", "Config", "Evidence", "Page", "clean", "load_config", "process"]
__version__ = "0.1.0"


def clean(data: bytes | str, *, url: str | None = None, source: str | None = None,
          config: Config | None = None, explain: bool = False) -> Article:
    """Clean one page (HTML or a plain-text dump) into an Article record.

    Never raises for bad input: the returned record's ``error`` says what went wrong.
    """
    raw = utf8_bytes(data) if isinstance(data, str) else bytes(data)
    page = Page(source=source or url or "<memory>", data=raw, url=url)
    return process(page, config or load_config(), explain=explain)
