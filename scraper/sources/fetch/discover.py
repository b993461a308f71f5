"""Feeds and sitemaps -> article URLs.

One parser for every kind, chosen by the document's root element, not by what
the user called it: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom, sitemap ``urlset``
(news and image extensions included: only ``url/loc`` counts), sitemap index
(``sitemap/loc``, fetched in turn), gzip-compressed sitemaps, and plain-text
sitemaps (one URL a line). Junk input gives an error, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from ..files import GZIP_MAGIC, gunzip

MAX_DISCOVERY_BYTES = 50_000_000
"""A sitemap may hold 50,000 URLs and 50 MB uncompressed (sitemaps.org)."""


class NotAFeed(ValueError):
    """The document is neither a feed nor a sitemap."""


@dataclass(slots=True)
class Discovered:
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    """Child sitemaps named by a sitemap index, to fetch in turn."""


_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False,
                          remove_comments=True, remove_pis=True)
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c) == name]


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def parse_discovery(data: bytes, base_url: str) -> Discovered:
    """Links of a feed or sitemap document; relative links resolved against ``base_url``."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, MAX_DISCOVERY_BYTES)
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:4].lower() in (b"http",):
        return _plain(stripped, base_url)
    try:
        root = etree.fromstring(stripped, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise NotAFeed(f"not a feed or sitemap: {exc}") from None
    if root is None:
        raise NotAFeed("not a feed or sitemap: no XML found")
    kind = _local(root)
    found = Discovered()
    if kind == "urlset":
        found.pages = [_text(loc) for url in _children(root, "url") for loc in _children(url, "loc")[:1]]
    elif kind == "sitemapindex":
        found.sitemaps = [_text(loc) for sm in _children(root, "sitemap") for loc in _children(sm, "loc")[:1]]
    elif kind in ("rss", "rdf"):
        found.pages = [_rss_link(item) for item in root.iter() if _local(item) == "item"]
    elif kind == "feed":
        found.pages = [_atom_link(entry) for entry in _children(root, "entry")]
    else:
        raise NotAFeed(f"not a feed or sitemap: root element <{kind or '?'}>")
    found.pages = [urljoin(base_url, u) for u in found.pages if u]
    found.sitemaps = [urljoin(base_url, u) for u in found.sitemaps if u]
    return found


def _rss_link(item: etree._Element) -> str:
    for link in _children(item, "link"):
        if _text(link):
            return _text(link)
        if link.get("href"):  # an Atom link inside RSS
            return link.get("href", "").strip()
    for guid in _children(item, "guid"):
        if guid.get("isPermaLink", "true").lower() != "false" and _text(guid).startswith("http"):
            return _text(guid)
    return (item.get(_RDF_ABOUT) or "").strip()


def _atom_link(entry: etree._Element) -> str:
    links = _children(entry, "link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href", "").strip()
    return next((link.get("href", "").strip() for link in links if link.get("href")), "")


def _plain(data: bytes, base_url: str) -> Discovered:
    lines = data.decode("utf-8", errors="replace").splitlines()
    return Discovered(pages=[urljoin(base_url, line.strip()) for line in lines
                             if line.strip().lower().startswith(("http://", "https://"))])
