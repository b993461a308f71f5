"""The outlet's name where a page does not declare it well: the part of the title, or the logo, that the host spells.

A title holds the site's name beside the headline, but also sections, editions
and taglines ("Story | The Outlet - Finest News Source", "Story : Sport : 新聞オンライン").
A logo's alternative text or words name the site, but the same class marks partner
and footer logos and images whose alt text is the headline. What ties a name to the
site is the host: a name whose letters are one of the host's labels, hold one, or
whose initials spell one ("Tribune de Genève" on tdg.ch) is the site's own. Readers
here only return Evidence; resolve.py decides.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..lenient_url import urlsplit
from ..model import Evidence
from .text import letters_key

_SEGMENTS = re.compile(
    r"\s+(?:\||–|—|-|::|·|•|/|»|:)\s+|\s*[｜：－_]\s*|(?<=[^\x00-\x7f]):|:(?=[^\x00-\x7f\s])|:\s+")
"""Between a title's headline and its other parts: spaced bars and dashes, a colon, CJK full-width marks."""
_CJK_SUFFIX = re.compile(r"\s*[：－]\s*|\s+:\s+")
"""Separators before a CJK title's site name ("…：朝日新聞デジタル", "… : スポーツ : 読売新聞オンライン")."""
_GENERIC_HOST_LABELS = frozenset(("www", "m", "mobile", "amp", "news", "blog", "blogs", "de", "en", "home", "articles"))
_SECOND_LEVEL = frozenset(("co", "com", "ne", "or", "ac", "go", "gov", "org"))
"""Second-level labels under a country's domain (example.co.uk): part of the site's registered name."""
MAX_NAME_WORDS = 6
MAX_LOGOS = 12
LOGO_SELECTOR = '[class*="logo" i], [id*="logo" i]'
_NOT_SITE_LOGO = re.compile(r"footer|partner|sponsor|social|payment|award|app-?store|badge|network-logo", re.IGNORECASE)
_LOGO_WORD = re.compile(r"\s+(?:logo|home|homepage|startseite)$", re.IGNORECASE)
_LOGO_LEAD = re.compile(r"^(?:go|back|return)\s+to\s+|^(?:zur|zurück zur)\s+", re.IGNORECASE)
_LOGO_CUT = re.compile(r"\s+(?:\||–|—|-|::|·|•|/|»|:)\s+")


DATA_FILE = Path(__file__).with_name("site_name.toml")


@lru_cache(maxsize=1)
def descriptors() -> tuple[str, ...]:
    """site_name.toml's descriptors, folded, longest first (a glued "...magazine" before "...mag")."""
    with open(DATA_FILE, "rb") as fh:
        words = tomllib.load(fh)["descriptors"]
    return tuple(sorted({_fold(w) for w in words}, key=len, reverse=True))


MIN_CORE = 3
"""A name or host label left without its descriptor must keep this many letters ("D Magazine" keeps its own)."""


def without_descriptor(name: str) -> str | None:
    """``name`` without a descriptor word before or after it ("Example Magazine" -> "Example",
    "Examplemag" -> "Example", "例新聞 電子版" -> "例新聞"); None when it has none."""
    words = name.split()
    folded = [_fold(w) for w in words]
    kinds = descriptors()
    if len(words) >= 2:
        if folded[-1] in kinds:
            core = " ".join(words[:-1]).rstrip(" -–—|:")
        elif folded[0] in kinds:
            core = " ".join(words[1:]).lstrip(" -–—|:")
        else:
            return _without_glued(name, kinds)
        return core if len(_fold(core)) >= MIN_CORE else None
    return _without_glued(name, kinds)


def _without_glued(name: str, kinds: tuple[str, ...]) -> str | None:
    """A one-word name with a descriptor glued on ("Examplemag", "EXAMPLE-MAGAZIN"): the part before it."""
    if " " in name:
        return None
    lowered = name.casefold()
    for kind in kinds:
        if kind.isascii() and lowered.endswith(kind) and len(lowered) - len(kind) >= MIN_CORE + 1:
            core = name[: len(name) - len(kind)].rstrip("-_.")
            return core if len(_fold(core)) > MIN_CORE else None
    return None


def _core_labels(label: str) -> list[str]:
    """A host label without a descriptor before or after it ("examplemagazin" -> "example")."""
    out = []
    for kind in descriptors():
        if label.endswith(kind) and len(label) - len(kind) >= MIN_CORE:
            out.append(label[: -len(kind)])
        elif label.startswith(kind) and len(label) - len(kind) >= MIN_CORE:
            out.append(label[len(kind):])
    return out


def host_labels(host: str | None) -> list[str]:
    """The host's name labels, folded, without "www", the top-level domain and generic labels
    ("siliconexposed" of siliconexposed.blogspot.com keeps "blogspot" too)."""
    if not host:
        return []
    parts = host.lower().removeprefix("www.").split(".")
    names = parts[:-1] if len(parts) > 1 else parts
    if len(names) > 1 and len(parts[-1]) == 2 and names[-1] in _SECOND_LEVEL:
        names = names[:-1]  # example.co.uk, example.co.jp
    return [_fold(n) for n in names if n and n not in _GENERIC_HOST_LABELS]


def _fold(text: str) -> str:
    """Letters and digits without case or accents ("LaRepública" and "larepublica" compare equal)."""
    if text.isascii():  # NFKD leaves ASCII as it is, and no ASCII character combines
        return letters_key(text)
    return fold_plain(text)


def fold_plain(text: str) -> str:
    """``_fold`` the long way, character by character (the reference for its ASCII shortcut)."""
    return letters_key("".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)))


HOST_SHAPED = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?$", re.IGNORECASE)
"""A site name that is its domain ("Example.com", "www.example.de")."""


def weak_site_name(name: str, host: str | None) -> bool:
    """A declared site name that may stand for a fuller one the page gives elsewhere: its domain
    ("Example.de"), its host's label in lower case ("laexample"), or a name with a descriptor
    ("Example Magazine")."""
    return domain_shaped(name, host) or without_descriptor(name.strip()) is not None


def domain_shaped(name: str, host: str | None) -> bool:
    """A site name that is the site's domain ("Example.de") or its host's label in lower case ("laexample")."""
    name = name.strip()
    return bool(HOST_SHAPED.match(name)) or name.islower() and " " not in name and _fold(name) in host_labels(host)


MAX_HOLDING = 30
"""A name longer than this (characters) that only holds the host's name is a headline, not the site."""
MIN_HELD_LABEL = 4


def names_host(name: str, host: str | None, tail_only: bool = False) -> bool:
    """True when ``name`` is the host's name: its letters are a host label, sit inside one (most of it),
    its words' initials spell one ("Frankfurter Rundschau" on fr.de), or a short name opens or ends
    with one ("WSVN 7News", "The Example Fool"; ``tail_only``: only ends, words after the site's name
    being a section: "Example News")."""
    labels = host_labels(host)
    key = _fold(name)
    if not key or not labels:
        return False
    bare = key.removeprefix("the") or key
    words = re.findall(r"[^\W_]+", name)
    initials = "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""
    for label in labels:
        if key == label or bare == label or (initials and initials == label):
            return True
        if len(bare) >= 4 and bare in label and len(bare) >= 0.6 * len(label):
            return True
        if len(label) >= MIN_HELD_LABEL and len(name) <= MAX_HOLDING and (
                key.endswith(label) or not tail_only and key.startswith(label)):
            return True
        if bare in _core_labels(label) or abbreviated(words) == label:
            return True  # "Example" on example-magazin.de; "New York Example" on nyexample.com
    return False


def spells_more(name: str, label: str) -> bool:
    """True when ``name`` is the full form of the host label ``label`` (folded, no leading "the"): it holds
    the label and more ("Big Example" for "example"), the label adds a descriptor to it ("EXAMPLE" for
    "examplemagazin"), or the label abbreviates its first words ("Los Angeles Example" for "laexample")."""
    key, label = _fold(name).removeprefix("the"), _fold(label)
    if not key or key == label:
        return False
    return label in key or key in _core_labels(label) or abbreviated(re.findall(r"[^\W_]+", name)) == label


def abbreviated(words: list[str]) -> str | None:
    """The host-style short form of a name whose first words a host abbreviates to initials and whose
    last word it spells ("Los Angeles Example" -> "laexample"); None for a name under three words."""
    if len(words) < 3:
        return None
    return ("".join(w[0] for w in words[:2]) + "".join(words[2:])).casefold()


MIN_SECTION_IN_LABEL = 6
"""A section name held inside a subdomain label must be this long ("letterstotheeditor" in "letterstotheeditorblog")."""


def names_section(name: str, url: str | None) -> bool:
    """True when ``name`` is a section of the site the URL names, not the site: its letters are a segment
    of the path ("Magazine" on /magazine/article/..., "U.S." on /article/us-usa-...) or sit in a subdomain
    label ("Letters to the Editor" on letterstotheeditorblog.example.com), and it does not name the host."""
    if not url:
        return False
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    key = _fold(name)
    labels = host.removeprefix("www.").split(".")
    keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    site, subdomains = ".".join(labels[-keep:]), labels[:-keep]
    if not key or not host or names_host(name, site):
        return False
    if key in {_fold(p) for p in _PATH_PARTS.split(parts.path.lower()) if p}:
        return True
    return len(key) >= MIN_SECTION_IN_LABEL and any(key in _fold(label) for label in subdomains)


_PATH_PARTS = re.compile(r"[/._-]+")


def title_site_segment(title: str, host: str | None) -> str | None:
    """The title's part that names the host ("Story | The Onion - Finest News Source" -> "The Onion",
    "Silicon Exposed: Story" -> "Silicon Exposed"); else the last part after a CJK separator."""
    parts = [p.strip() for p in _SEGMENTS.split(title.strip()) if p and p.strip()]
    if len(parts) >= 2:
        for part in [*parts[1:], parts[0]]:
            if len(part.split()) <= MAX_NAME_WORDS and names_host(part, host):
                return part
    cjk = [p.strip() for p in _CJK_SUFFIX.split(title.strip()) if p.strip()]
    if len(cjk) >= 2 and not cjk[-1].isascii() and len(cjk[-1]) <= 20 and len(cjk[0]) > len(cjk[-1]):
        return cjk[-1]
    return None


def logo_evidence(tree: LexborHTMLParser, host: str | None, title: str | None = None,
                  logos: list[LexborNode] | None = None) -> list[Evidence]:
    """The site's name as its logo gives it (an image's alt or title text, or the logo's own words),
    when the host spells it; a partner's or footer's logo, or alt text that repeats the title, is not it.
    ``logos``: the page's LOGO_SELECTOR elements in document order, when the caller found them already
    (html_meta.page_elements); else they are selected here."""
    if not host_labels(host):
        return []
    title_key = letters_key(title or "")
    for node in (tree.css(LOGO_SELECTOR) if logos is None else logos)[:MAX_LOGOS]:
        if _outside_header(node):
            continue
        for text in _logo_texts(node):
            text = " ".join(text.split())
            if letters_key(text) == title_key:
                continue  # the headline as an image's alt text
            name = _LOGO_WORD.sub("", _LOGO_LEAD.sub("", _LOGO_CUT.split(text, maxsplit=1)[0])).strip(" |-–—:")
            if not name or len(name.split()) > MAX_NAME_WORDS:
                continue
            if names_host(name, host, tail_only=True):
                return [Evidence("outlet", name, "html:logo")]
    return []


def _outside_header(node: LexborNode) -> bool:
    """A logo in the footer or of a partner, a sponsor, an app store."""
    current: LexborNode | None = node
    for _ in range(6):
        if current is None or current.tag in ("body", "html"):
            return False
        if current.tag == "footer":
            return True
        marks = f"{current.attributes.get('class') or ''} {current.attributes.get('id') or ''}"
        if _NOT_SITE_LOGO.search(marks):
            return True
        current = current.parent
    return False


def _logo_texts(node: LexborNode) -> list[str]:
    """What a logo element says: its images' alt and title texts, then its own words."""
    images = [node] if node.tag == "img" else node.css("img")[:2]
    texts = [v for img in images for v in (img.attributes.get("alt"), img.attributes.get("title")) if v]
    own = node.attributes.get("title") or node.attributes.get("aria-label")
    if own:
        texts.append(own)
    if node.tag != "img":
        link = node.css_first("a")
        if link is not None:
            texts.append(link.text(deep=True, separator=" ")[:80])  # the home link beside a section's name
        texts.append(node.text(deep=True, separator=" ")[:80])
    return texts


MIN_LINKS = 20
LINK_SHARE = 0.75
MAX_LINKS = 2000


def link_host(tree: LexborHTMLParser) -> str | None:
    """The site a page without an address is from: the registered domain that most of its absolute links
    point to (a saved page's menus and teasers link its own site), when it holds most of them."""
    counts: dict[str, int] = {}
    total = 0
    for node in tree.css("a[href]")[:MAX_LINKS]:
        host = (urlsplit((node.attributes.get("href") or "").strip()).hostname or "").lower()
        if not host or "." not in host:
            continue
        labels = host.split(".")
        keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
        site = ".".join(labels[-keep:])
        counts[site] = counts.get(site, 0) + 1
        total += 1
    if total < MIN_LINKS:
        return None
    site, n = max(counts.items(), key=lambda item: item[1])
    return site if n >= LINK_SHARE * total else None
