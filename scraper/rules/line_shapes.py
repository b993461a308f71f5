"""Shapes of single lines of a plain-text dump that are the site's, wherever they sit in the
article: a line holding the headline and more, and a line of short items split by separators.

A leaf of the rules package (no rule imported); ``region.py`` asks these inside the region.
"""

from __future__ import annotations

import re

from ..lexicon import ends_sentence
from .predicates import block_key, words

_SEPARATOR = re.compile(r"\s+[/|·•]\s+")
ITEM_WORDS = 4
"""An item of a separated list (a tag, a menu entry) has at most this many words..."""
MIN_ITEMS = 3
"""...and the line has at least this many of them."""
HEADLINE_KEY_CHARS = 15
"""A headline shorter than this (letters and digits) is too short to be recognised inside another line."""
HEADLINE_LINE_WORDS = 40


def is_item_list(text: str) -> bool:
    """A line of short items split by ``/``, ``|``, ``·`` or ``•`` (tags, categories, a menu),
    not ended as a sentence is: "News / Harbour / Ferries / Island life"."""
    items = _SEPARATOR.split(text.strip())
    return (len(items) >= MIN_ITEMS and all(0 < words(item) <= ITEM_WORDS for item in items)
            and not ends_sentence(text))


def holds_headline(text: str, headline_key: str) -> bool:
    """A line that holds the article's headline and more: a breadcrumb ending in it, a comment
    thread's head ("12 responses to <headline>"), the headline with the site's name."""
    if len(headline_key) < HEADLINE_KEY_CHARS or words(text) > HEADLINE_LINE_WORDS:
        return False
    key = block_key(text)
    return headline_key in key and key != headline_key
