"""Canonical forms that keys are made from: words of a text, the text hash, a URL key, a name key."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np

_WORD = re.compile(r"\w+")
_NOT_WORD_CHAR = re.compile(r"\W")
_NOT_ALNUM = re.compile(r"[\W_]+")


def canonical(text: str) -> str:
    """NFKC and case-folded: the form words are taken from."""
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        # line by line: a line break takes part in no composition, so only the lines that need it are
        # normalised, with the same result as the whole text
        text = "\n".join(line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
                         for line in text.split("\n"))
    return text.casefold()


def words(text: str) -> list[str]:
    """The text's words, NFKC and case-folded: punctuation, spacing and case never tell copies apart."""
    return _WORD.findall(canonical(text))


@lru_cache(maxsize=1)
def word_chars() -> np.ndarray:
    """For every code point, whether ``\\w`` matches it: the same regular expression ``words`` uses,
    applied once to all code points, as a lookup table for reading words from an array of code points."""
    every = "".join(map(chr, range(0x110000)))
    marked = _NOT_WORD_CHAR.sub("\0", every)
    return np.frombuffer(marked.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) != 0


def text_key(word_hashes: np.ndarray) -> str:
    """Hash of the canonical text (the sequence of its word hashes)."""
    return hashlib.blake2b(word_hashes.tobytes(), digest_size=16).hexdigest()


def url_key(url: str | None) -> str | None:
    """Host (without ``www.``) and path (without a trailing slash), or None for a site's front page.

    Query and fragment are dropped: the canonical URL a page declares names the story, and
    front pages are left out because some sites declare their home page as every page's canonical URL.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    if not host or not path:
        return None
    return f"{host}{path}"


def host_of(url: str | None) -> str | None:
    """The URL's host without ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def name_key(name: str | None) -> str:
    """An outlet name or host compared without case, spacing, punctuation, a leading "the" or a TLD."""
    if not name:
        return ""
    text = name.casefold().strip()
    if "." in text and " " not in text:  # a host: keep the label before the public suffix
        labels = [p for p in text.split(".") if p]
        if len(labels) >= 2:
            text = labels[-2] if len(labels[-1]) > 2 or len(labels) == 2 else labels[-3] if len(labels) >= 3 else labels[0]
    text = re.sub(r"^the\s+", "", text)
    return _NOT_ALNUM.sub("", text)
