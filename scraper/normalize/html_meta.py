"""Metadata evidence from an HTML page: JSON-LD, meta tags, <title>, <html lang>, canonical link."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..lenient_url import urlsplit
from ..model import Evidence
from .dates import vocabulary as date_vocabulary
from .dates import in_chrome, page_text_day, runners_up, script_day, vote_publication_day
from .html_bylines import byline_element_evidence, byline_text_evidence, is_description
from .site_name import LOGO_SELECTOR, abbreviated, host_labels
from .syndication import SOURCE_ORGANIZATION, is_source_meta
from .text import letters_key
from ..blocks.prune import selectors, tokens
from .address import archived_address, host_of
from .titles import declared_parts, same_wording, without_kicker
from .titles import site_names as title_site_names
from .titles import shares_words as _shares_words

# meta name/property -> record field. Order within a field does not matter here:
# resolve.py ranks origins.
META_FIELDS: dict[str, str] = {
    "og:title": "title",
    "twitter:title": "title",
    "dc.title": "title",
    "parsely-title": "title",
    "sailthru.title": "title",
    "og:site_name": "outlet",
    "application-name": "outlet",
    # A blog host's pinned-site label: the blog's name, often a tagline, so never the outlet; only a
    # personal site's owner is read from it (resolve._site_owner).
    "msapplication-tooltip": "site_label",
    "author": "author",
    "article:author": "author",
    "parsely-author": "author",
    "sailthru.author": "author",
    "dc.creator": "author",
    "dcterms.creator": "author",
    "citation_author": "author",
    "shareaholic:article_author_name": "author",
    "article:author_name": "author",
    "byl": "byline",
    "article:published_time": "published",
    "og:article:published_time": "published",
    "datepublished": "published",
    "date": "published",
    "dc.date": "published",
    "dc.date.issued": "published",
    "pubdate": "published",
    "publishdate": "published",
    "parsely-pub-date": "published",
    "sailthru.date": "published",
    "article:modified_time": "modified",
    "og:updated_time": "modified",
    "datemodified": "modified",
    "og:url": "canonical_url",
    "og:locale": "language",
    "dc.language": "language",
    "content-language": "language",
}
# Date meta tags are listed in dates.toml.
META_FIELDS.update({name: field for name, field in date_vocabulary().meta.items() if name not in META_FIELDS})

ORGANISATION_TYPES = {"organization", "newsmediaorganization", "corporation", "ngo", "educationalorganization",
                      "governmentorganization", "localbusiness", "website"}

ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "webpage", "report", "scholarlyarticle", "techarticle", "liveblogposting",
                 "backgroundnewsarticle", "reviewnewsarticle", "socialmediaposting", "posting", "creativework"}
AUTHORED_TYPES = {"howto", "recipe"}
"""Works whose author wrote the page (a how-to, a recipe) but whose name is no headline: only their author is read."""


def _names(value: Any, index: dict[str, dict[str, Any]] | None = None) -> Iterator[tuple[str, str]]:
    """(name, @type) pairs from a JSON-LD author/publisher value; ``{"@id": ...}`` references are followed."""
    if isinstance(value, str):
        yield value, ""
    elif isinstance(value, list):
        for v in value:
            yield from _names(v, index)
    elif isinstance(value, dict):
        if "name" not in value and index and isinstance(value.get("@id"), str) and value["@id"] in index:
            value = index[value["@id"]]
        name = value.get("name")
        given, family = value.get("givenName"), value.get("familyName")
        if isinstance(given, str) and isinstance(family, str) and given.strip() and family.strip() and (
                not isinstance(name, str) or name.strip() in ("", given.strip())):
            name = f"{given.strip()} {family.strip()}"  # "name": "Jane" beside givenName/familyName
        kind = value.get("@type", "")
        if isinstance(kind, list):
            kinds = [str(k) for k in kind]
            kind = "Person" if "Person" in kinds else (kinds[0] if kinds else "")
        if isinstance(name, str):
            yield name, str(kind)
        elif isinstance(name, list):
            for n in name:
                if isinstance(n, str):
                    yield n, str(kind)


def _json_ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_objects(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_objects(data["@graph"])
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield from _json_ld_objects(main)


def _type_of(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).casefold() for k in kinds}


JSON_LD = 'script[type="application/ld+json"]'
CANONICAL = 'link[rel="canonical"]'
_ELEMENTS = (f'script, meta, h1, {CANONICAL}, [itemprop="datePublished"], time[datetime], {LOGO_SELECTOR}, '
             f'{SOURCE_ORGANIZATION}')
_NO_LOGO_TAGS = frozenset(("meta", "script", "link", "style"))


@dataclass(frozen=True, slots=True)
class PageElements:
    """The elements the page's readers look at, found in one CSS pass over the page, each kind in document order.

    A pass over a page costs about as much as the selector it runs; one pass
    for all of these instead of one each is most of the saving. The metadata
    readers, the page-data reader (state scripts) and the page type (declared
    types) share it, and each JSON-LD script is parsed once for all of them.
    """

    json_ld: list[LexborNode]
    json_ld_data: list[Any]
    """The parsed value of each JSON-LD script that parses, in document order."""
    scripts: list[LexborNode]
    """Every <script> element."""
    metas: list[dict[str, str | None]]
    """The attributes of each <meta>: all that is read of them."""
    headings: list[LexborNode]
    """The <h1> elements."""
    canonical: list[LexborNode]
    date_published: list[LexborNode]
    """Elements with itemprop="datePublished"."""
    times: list[LexborNode]
    """<time datetime> elements."""
    logos: list[LexborNode]
    """Elements whose class or id holds "logo" (site_name.LOGO_SELECTOR), for the logo reader."""
    declared_sources: list[LexborNode]
    """The <meta> source tags and ``sourceOrganization`` elements (syndication.declared_source_evidence)."""


def page_elements(tree: LexborHTMLParser) -> PageElements:
    """One CSS pass for JSON-LD, <meta>, <h1>, the canonical link and date elements, sorted into kinds."""
    found = PageElements([], [], [], [], [], [], [], [], [], [])
    ambiguous = False
    seen: set[int] = set()
    for node in tree.css(_ELEMENTS):
        if node.mem_id in seen:
            continue  # listed once for each selector it matches
        seen.add(node.mem_id)
        tag, attrs = node.tag, node.attributes
        if tag == "meta":
            found.metas.append(attrs)
        elif tag == "h1":
            found.headings.append(node)
        elif tag == "script":
            found.scripts.append(node)
            ambiguous |= _sort_by_value(node, attrs.get("type"), "application/ld+json", found.json_ld)
        elif tag == "link":
            ambiguous |= _sort_by_value(node, attrs.get("rel"), "canonical", found.canonical)
        if tag == "time" and "datetime" in attrs:
            found.times.append(node)
        if attrs.get("itemprop") == "datePublished":
            found.date_published.append(node)
        if attrs.get("itemprop") == "sourceOrganization" or tag == "meta" and is_source_meta(attrs):
            found.declared_sources.append(node)
        if tag not in _NO_LOGO_TAGS and _has_logo_mark(attrs):
            found.logos.append(node)
    if ambiguous:  # the selector's own reading of a value in capitals depends on the element's namespace
        found.json_ld[:] = tree.css(JSON_LD)
        found.canonical[:] = tree.css(CANONICAL)
    found.json_ld_data.extend(json_ld_data(found.json_ld))
    return found


def _has_logo_mark(attrs: dict[str, str | None]) -> bool:
    """``[class*="logo" i], [id*="logo" i]`` read from an element's attributes."""
    return "logo" in (attrs.get("class") or "").lower() or "logo" in (attrs.get("id") or "").lower()


def json_ld_data(scripts: list[LexborNode]) -> Iterator[Any]:
    """The parsed value of each JSON-LD script; one that does not parse is left out.

    Some templates wrap the script's JSON in a CDATA section ("<![CDATA[ {...} ]]>",
    also behind "//"), which browsers' JSON-LD readers skip; it is read without it."""
    for node in scripts:
        text = node.text(deep=True) or "null"
        try:
            yield json.loads(text, strict=False)
        except (ValueError, RecursionError):
            unwrapped = _CDATA.fullmatch(text)
            if unwrapped is None:
                continue
            try:
                yield json.loads(unwrapped.group(1), strict=False)
            except (ValueError, RecursionError):
                continue


_CDATA = re.compile(r"\s*(?://\s*)?<!\[CDATA\[(.*?)(?://\s*)?\]\]>\s*", re.DOTALL)
"""A JSON-LD script's text inside a CDATA section (the only place a JSON reader meets one)."""


def _sort_by_value(node: LexborNode, value: str | None, wanted: str, into: list[LexborNode]) -> bool:
    """Add ``node`` when its attribute is ``wanted``; True when only its case differs (for the selector to settle).

    The selectors read these attributes without regard to ASCII case on HTML
    elements, but not on SVG or MathML ones.
    """
    if value == wanted:
        into.append(node)
    return value is not None and value != wanted and value.lower() == wanted


def _author_evidence(obj: dict[str, Any], index: dict[str, dict[str, Any]]) -> list[Evidence]:
    """A JSON-LD work's authors; an organisation named as author is a distributor (syndication) evidence."""
    out = []
    for name, kind in _names(obj.get("author") or obj.get("creator"), index):
        field = "syndication" if kind.casefold() in ORGANISATION_TYPES else "author"
        out.append(Evidence(field, name, "json-ld:author"))
    return out


def json_ld_evidence(tree: LexborHTMLParser, parsed: list[Any] | None = None) -> list[Evidence]:
    """Title, authors, publisher, dates, language, URL and body text that the page's JSON-LD declares.

    ``parsed``: the page's JSON-LD values, when already parsed (PageElements.json_ld_data)."""
    out: list[Evidence] = []
    for data in json_ld_data(tree.css(JSON_LD)) if parsed is None else parsed:
        objects = list(_json_ld_objects(data))
        index = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and "name" in o}
        for obj in objects:
            kinds = _type_of(obj)
            if not kinds & ARTICLE_TYPES:
                if kinds & {"organization", "newsmediaorganization", "website"} and isinstance(obj.get("name"), str):
                    out.append(Evidence("outlet", obj["name"], "json-ld:website"))
                elif kinds & AUTHORED_TYPES:
                    out.extend(_author_evidence(obj, index))
                continue
            origin = "json-ld"
            for key in ("headline", "name"):
                if isinstance(obj.get(key), str):
                    out.append(Evidence("title", obj[key], f"{origin}:{key}"))
                    break
            out.extend(_author_evidence(obj, index))
            for name, _ in _names(obj.get("publisher"), index):
                out.append(Evidence("outlet", name, f"{origin}:publisher"))
            for name, _ in _names(obj.get("sourceOrganization")):
                out.append(Evidence("syndication", name, f"{origin}:sourceOrganization"))
            based_on = obj.get("isBasedOn")
            if isinstance(based_on, dict):
                for name, _ in _names(based_on.get("publisher") or based_on):
                    out.append(Evidence("syndication", name, f"{origin}:isBasedOn"))
            for key, field in (("datePublished", "published"), ("dateCreated", "published"), ("dateModified", "modified"),
                               ("inLanguage", "language"), ("url", "canonical_url"), ("articleBody", "article_body")):
                if isinstance(obj.get(key), str):
                    out.append(Evidence(field, obj[key], f"{origin}:{key}"))
    return out


def html_evidence(tree: LexborHTMLParser, url: str | None = None, markup: str | None = None,
                  elements: PageElements | None = None) -> list[Evidence]:
    """Every metadata candidate the page declares, each with its origin (``markup``: the text ``tree`` was
    parsed from; ``elements``: the page's elements, when the caller found them already)."""
    if elements is None:
        elements = page_elements(tree)
    out = json_ld_evidence(tree, elements.json_ld_data)
    for attrs in elements.metas:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv") or "").casefold().strip()
        content = meta_value(attrs)
        if key in META_FIELDS and content and content.strip():
            out.append(Evidence(META_FIELDS[key], content, f"meta:{key}"))
    out.extend(labelled_meta_authors(tree, elements.metas))
    title = tree.css_first("title")
    if title is not None and title.text(deep=True).strip():
        out.append(Evidence("title", title.text(deep=True), "html:title"))
    out.extend(headline_evidence(tree, out, elements.headings, url))
    for node in elements.canonical:
        href = node.attributes.get("href")
        if href:
            out.append(Evidence("canonical_url", href, "link:canonical"))
    html = tree.css_first("html")
    if html is not None and html.attributes.get("lang"):
        out.append(Evidence("language", html.attributes["lang"] or "", "html:lang"))
    out.extend(byline_element_evidence(tree))
    page_title = next((e.value for e in out if e.origin == "html:title"), None)
    out.extend(byline_text_evidence(tree, elements.headings, [a for a in elements.metas if is_description(a)], page_title))
    # The first <time> or datePublished element that is not in a comment, a teaser list or a menu.
    for node in elements.date_published:
        if node.tag != "meta" and not in_chrome(node):  # <meta itemprop> is read with the meta tags
            value = node.attributes.get("datetime") or node.attributes.get("content") or node.text(deep=True)
            if value and value.strip():
                out.append(Evidence("published", value.strip(), "html:itemprop-datePublished"))
                break
    for node in elements.times:
        if not in_chrome(node):
            out.append(Evidence("published", node.attributes.get("datetime") or "", "html:time"))
            break
    out.extend(date_evidence(tree, out, url, markup))
    return out


_WRITER_LABEL = re.compile(r"^\s*(?:written by|author|autor(?:in)?|verfasst von|geschrieben von|auteur|écrit par|escrito por)\s*:?\s*$",
                           re.IGNORECASE)


def meta_value(attrs: dict[str, str | None]) -> str | None:
    """A <meta>'s value: its ``content``, else a ``value`` attribute (some CMSs and page savers write
    ``<meta name="author" value="...">``; browsers ignore it, but it is the page's statement all the same)."""
    return attrs.get("content") or attrs.get("value")


def labelled_meta_authors(tree: LexborHTMLParser, metas: list[dict[str, str | None]] | None = None) -> list[Evidence]:
    """SEO plugins' labelled pairs: <meta name="twitter:label1" value="Written by"> + twitter:data1 = the author.

    ``metas``: the attributes of the page's <meta> elements, when already read.
    """
    pairs: dict[str, dict[str, str]] = {}
    if metas is None:
        metas = [node.attributes for node in tree.css("meta")]
    for attrs in metas:
        if not (attrs.get("name") or "").startswith(("twitter:label", "twitter:data")):
            continue
        name = (attrs.get("name") or "").casefold()
        value = attrs.get("value") or attrs.get("content") or ""
        key = name.removeprefix("twitter:")
        kind = "label" if key.startswith("label") else "data"
        pairs.setdefault(key.removeprefix(kind), {})[kind] = value
    return [Evidence("author", p["data"], "meta:twitter:data") for p in pairs.values()
            if p.get("data", "").strip() and _WRITER_LABEL.match(p.get("label", ""))]


HEADLINE_SELECTORS = ('[itemprop="headline"]', ".entry-title", ".post-title", ".article-title", ".headline",
                      ".story-title", ".page-title")
_ANY_HEADLINE_ELEMENT = ", ".join(HEADLINE_SELECTORS)
"""One pass that says whether any marked headline element is on the page (most pages have none: then the
selectors are not tried one by one, each a pass over the whole page)."""
MAX_HEADLINE = 300


_SITE_MARKS = re.compile(r"site[-_]?(?:title|name|logo|branding|header)|logo|brand|masthead|blog[-_]?title|header[-_]title",
                         re.IGNORECASE)
_TITLE_SEGMENTS = re.compile(r"\s+(?:\||–|—|-|::|·|•|»|«)\s+")


def _is_site_name(node: LexborNode, text: str, site_names: set[str]) -> bool:
    """An <h1> that names the site (blog themes put the site title in one), not the story."""
    if letters_key(text) in site_names:
        return True
    current: LexborNode | None = node
    for _ in range(4):
        if current is None:
            break
        marks = f"{current.attributes.get('class') or ''} {current.attributes.get('id') or ''}"
        if _SITE_MARKS.search(marks):
            return True
        current = current.parent
    link = node.css_first("a[href]")
    href = (link.attributes.get("href") or "") if link is not None else ""
    href = archived_address(href) or href  # a web archive's copy links its home page through the archive
    return href in ("/", "./") or bool(re.fullmatch(r"https?://[^/]+/?", href))


def _headline_text(node: LexborNode, declared: Sequence[str] = ()) -> str:
    """The <h1>'s text; with a kicker beside the headline in child elements, the longest child, unless
    the whole text is worded as a title the page declares (``declared``): then the child elements only
    style parts of one headline (<b>Editor's Letter:</b> <i>Goodbye</i>)."""
    text = " ".join(node.text(deep=True, separator=" ").split())
    if any(same_wording(text, d) for d in declared):
        return text
    children = [" ".join(c.text(deep=True, separator=" ").split()) for c in node.iter() if c.tag != "-text"]
    children = [c for c in children if c]
    if len(children) >= 2:
        longest = max(children, key=len)
        if len(longest.split()) >= 3 and len(longest) >= 0.5 * len(text):
            return longest
    return text


def _headline_inside(node: LexborNode, title: str, declared_titles: list[str], origin: str) -> list[Evidence]:
    """The headline inside a heading that also holds text no reader sees (a screen-reader label such as
    "Headline:"), or a kicker or a date line in a child element when the page declares the rest as its title
    (titles.without_kicker). Resolution uses it in place of the heading's whole text; the title evidence
    itself stays whole, as the text rules match the heading by it."""
    text = " ".join(node.text(deep=True, separator=" ").split())
    if title != text:
        return []  # the title is already one child's text (_headline_text)
    shown = _shown_text(node, text)
    children = _child_texts(node, text)
    headline = without_kicker(shown, children, declared_parts(declared_titles)) if children and declared_titles else None
    headline = headline or (shown if shown != text else None)
    return [Evidence("headline", headline, origin)] if headline else []


MAX_WRAPPERS = 3
"""Elements that wrap a heading's whole text (a link, a span) looked through for its parts."""


def _child_texts(node: LexborNode, text: str) -> list[str]:
    """The texts of a heading's child elements; through an element that wraps the whole text
    (<h1><a href="..."><span>Kicker</span> Headline</a></h1>), its children."""
    for _ in range(MAX_WRAPPERS):
        elements = [c for c in node.iter() if c.tag != "-text"]
        children = [" ".join(c.text(deep=True, separator=" ").split()) for c in elements]
        nonempty = [(c, t) for c, t in zip(elements, children) if t]
        if len(nonempty) != 1 or nonempty[0][1] != text:
            break
        node = nonempty[0][0]
    return [t for t in children if t]


def _hidden(node: LexborNode) -> bool:
    """A heading that a class hides from readers (class="sr-only": a page's outline for screen readers)."""
    hidden = selectors().hidden
    return any("".join(tokens(name)) in hidden for name in (node.attributes.get("class") or "").split())


def _shown_text(node: LexborNode, text: str) -> str:
    """The heading's text without its elements that a class hides from readers ("visuallyhidden", "sr-only")."""
    hidden = selectors().hidden
    for child in node.css("[class]"):
        if any("".join(tokens(name)) in hidden for name in (child.attributes.get("class") or "").split()):
            gone = " ".join(child.text(deep=True, separator=" ").split())
            if gone:
                text = " ".join(text.replace(gone, " ", 1).split())
    return text


_QUOTE_MARKS = "\"'“”„‟«»‹›‚‘’"


def _with_quotes(text: str, titles: list[str]) -> str:
    """The declared title when it is the same headline with the quote marks CSS put around the <h1>."""
    key = letters_key(text)
    for title in titles:
        if title != text and letters_key(title) == key and title.strip(_QUOTE_MARKS) == text.strip(_QUOTE_MARKS):
            return title
    return text


def _title_ends_naming_the_site(title: str, evidence: list[Evidence], host: str | None) -> set[str]:
    """The letters keys of the ends of a <title> ("Site | Headline", "Headline - Site") that name the site
    by its host or a declared name: a blog theme's <h1> showing one of them is the site's, not the story's."""
    parts = _TITLE_SEGMENTS.split(title.strip())
    if len(parts) < 2:
        return set()
    names = title_site_names([*evidence, Evidence("outlet", host, "url:domain")] if host else evidence)
    return {letters_key(end) for end in (parts[0], parts[-1]) if names.named(end)}


def _in_slug(text: str, url: str | None) -> bool:
    """Whether the last part of the address's path spells the text ("Kettwig-Altstadt" in
    "/essen/kettwig-altstadt.htm"): a slug made from the headline."""
    if not url:
        return False
    slug = urlsplit(archived_address(url) or url).path.rstrip("/").rsplit("/", 1)[-1]
    key = letters_key(text)
    return len(key) >= 6 and key in letters_key(slug)


def headline_evidence(tree: LexborHTMLParser, evidence: list[Evidence],
                      h1s: list[LexborNode] | None = None, url: str | None = None) -> list[Evidence]:
    """The visible headline: the page's only story <h1>, or the <h1> that the declared titles contain.

    Declared titles often carry the site's name or an SEO variant; the visible
    headline is what a reader calls the title. An <h1> that names the site (a
    blog theme's site title) does not count. With no usable <h1>, an element
    marked as the headline (itemprop, entry-title, ...) is the next best.
    An <h1> that shares no word with the declared titles may still be the headline when the address's
    slug spells it (a site whose <title> is the same on every page). ``h1s``: the page's <h1> elements, when
    already found; ``url``: the page's address.
    """
    site_names = {letters_key(e.value) for e in evidence if e.field == "outlet"}
    for e in evidence:
        if e.origin == "html:title":
            site_names.update(_title_ends_naming_the_site(e.value, evidence, host_of(url)))
    site_names.discard("")
    headings = []
    declared_titles = [" ".join(e.value.split()) for e in evidence if e.field == "title"]
    for node in (tree.css("h1") if h1s is None else h1s)[:20]:
        text = _headline_text(node, declared_titles)
        if text and len(text) <= MAX_HEADLINE and not _is_site_name(node, text, site_names) and not _hidden(node):
            headings.append((text, node))
    declared = [letters_key(d) for d in declared_titles]
    if len(headings) == 1 and (not declared or _shares_words(headings[0][0], declared_titles)
                               or _in_slug(headings[0][0], url)):
        return [Evidence("title", _with_quotes(headings[0][0], declared_titles), "html:h1"),
                *_headline_inside(headings[0][1], headings[0][0], declared_titles, "html:h1")]
    for text, node in headings:
        key = letters_key(text)
        if len(key) >= 8 and any(key in d for d in declared):
            return [Evidence("title", _with_quotes(text, declared_titles), "html:h1"),
                    *_headline_inside(node, text, declared_titles, "html:h1")]
    for selector in HEADLINE_SELECTORS if tree.css_first(_ANY_HEADLINE_ELEMENT) is not None else ():
        node = tree.css_first(selector)
        if node is not None:
            # A marked box holding a heading beside its category and comment links: the heading is the headline.
            node = node.css_first("h1, h2, h3, h4") or node
            text = " ".join(node.text(deep=True, separator=" ").split())
            if 3 <= len(text) <= MAX_HEADLINE:
                return [Evidence("title", text, "html:headline-element"),
                        *_headline_inside(node, text, declared_titles, "html:headline-element")]
    return []


def date_evidence(tree: LexborHTMLParser, evidence: list[Evidence], url: str | None,
                  html: str | None = None) -> list[Evidence]:
    """The publication day the page's own statements agree on (dates.py), else the date its data or text gives.

    The vote reads the URL, the dates printed by the headline, JSON-LD, meta
    tags and date elements, all from the tree and markup we already have. A
    page stating none of these may still carry a date in its embedded JSON data
    (a CMS's state) or in its text ("Erschienen am 01.11.2023"). The vote's other days follow
    its winner, by their votes: resolution takes the first one not later than the fetch date. No second parser
    is built: htmldate, which the finder replaced, added 2 right days in 536 at
    about 10 ms a page (and seconds loading dateparser per process).
    """
    root_node = tree.css_first("html")
    lang = root_node.attributes.get("lang") if root_node is not None else None
    if html is None:
        html = tree.html or ""
    day, signals = vote_publication_day(html, tree, url, evidence, lang)
    if day:
        return [Evidence("published", day, "page:date-vote")] + [
            Evidence("published", other, "page:date-vote:runner-up") for other in runners_up(signals, day)]
    day = script_day(html)
    if day:
        return [Evidence("published", day, "script:date")]
    day = page_text_day(html, lang)
    if day:
        return [Evidence("published", day, "text:page-date")]
    return []


_SITE_COPYRIGHT = re.compile(r"(?:©|&copy;|&#169;|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^<>|.,;©\d]{3,60})",
                             re.IGNORECASE)
"""The copyright line as written (the plain reference for ``_SITE_COPYRIGHT_SCAN``)."""
_SITE_COPYRIGHT_SCAN = re.compile(r"[©&Cc](?:(?<=©)|(?<=&)(?i:copy;|#169;)|(?<=[Cc])(?i:opyright))"
                                  r"\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^<>|.,;©\d]{3,60})")
"""The same matches, found three times faster over a whole page: opening with a class of its first
characters lets the regex engine skip ahead to them, which a case-insensitive alternation does not
(the rest of the pattern holds no letters to fold). A test holds the two together."""
_COPYRIGHT_TAIL = r"\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^<>|.,;©\d]{3,60})"
_SITE_COPYRIGHT_ANCHORED = re.compile(r"[©#yY](?:(?<=©)|(?<=[Cc](?i:opy))(?i:right)|(?<=&(?i:copy));|(?<=&\#)169;)"
                                      + _COPYRIGHT_TAIL)
"""``_SITE_COPYRIGHT_SCAN``'s keywords found by a rarer character of each: "©", the "y" of "copyright" and of
"&copy;", the "#" of "&#169;" (about a third as many places to try as "c", "C" and "&"); the keyword's
start is read behind (``copyright_lines`` turns the places back into the plain scan's matches)."""
_ANCHOR_BACK = {"©": 0, "#": 1, "r": 3, ";": 4}
"""How far a match of ``_SITE_COPYRIGHT_ANCHORED`` starts after its keyword: by the character that follows
the anchor ("y" then "r": "copyright"; "y" then ";": "&copy;"), or by the anchor itself."""
_COPY = re.compile(r"[Cc][Oo][Pp][Yy]")
"""``"copy" in markup.lower()`` without lowering the page (only these letters lower-case to c, o, p, y)."""
_COPY_SPELLINGS = ("copy", "Copy", "COPY")
"""How pages write it: each found by a plain substring search, several times faster than ``_COPY``'s class scan."""


def mentions_copy(markup: str) -> bool:
    """``_COPY.search(markup) is not None``, asked first of the usual spellings (a test holds the two together)."""
    return any(spelling in markup for spelling in _COPY_SPELLINGS) or _COPY.search(markup) is not None


def site_name_evidence(markup: str | None, host: str | None) -> list[Evidence]:
    """The site's name as its copyright line spells it ("© 2019 The Penny Hoarder" on thepennyhoarder.com):
    a name whose letters are the host's name, for pages that declare no site name."""
    if not markup or not host:
        return []
    labels = [label for label in host_labels(host) if len(label) >= 4]
    if not labels or "©" not in markup and not mentions_copy(markup):
        return []
    for name in copyright_lines(markup):
        name = " ".join(name.split())
        for cut in range(len(name.split()), 0, -1):  # "The Penny Hoarder All rights reserved" -> its head
            head = " ".join(name.split()[:cut])
            key = letters_key(head)
            if any(key == label or key.removeprefix("the") == label.removeprefix("the")
                   or abbreviated(head.split()) == label for label in labels):
                return [Evidence("outlet", head, "html:copyright-site")]
    return []


def copyright_lines(markup: str) -> Iterator[str]:
    """The names of ``_SITE_COPYRIGHT_SCAN.finditer(markup)``'s matches, in order (a test holds them together).

    A place the anchored pattern matches stands for the plain match that starts at its keyword; one whose
    keyword starts inside the match before it is passed over, as the plain scan does not look there."""
    pos = end = 0
    while (m := _SITE_COPYRIGHT_ANCHORED.search(markup, pos)) is not None:
        anchor = m.group()
        start = m.start() - _ANCHOR_BACK[anchor[0] if anchor[0] in "©#" else anchor[1].lower()]
        if start < end:
            pos = m.start() + 1
            continue
        yield m.group("name")
        pos = end = m.end()
