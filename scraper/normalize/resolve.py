"""One value per metadata field from all the evidence, by a stated order of trust.

Each field lists the origins it trusts, most trusted first (prefixes of
``Evidence.origin``). The first origin with a value that survives the field's
cleaner wins, and its origin is kept as provenance.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from ..model import Evidence
from .bylines import GENRE_LEAD, Byline, is_affiliation, is_organisation, is_person_name, uninverted
from .bylines import parse_byline as _parse_byline
from .first_names import is_given_name
from .text import canonical, letters_key


@lru_cache(maxsize=8192)
def parse_byline(text: str, allow_single: bool = False) -> Byline:
    """bylines.parse_byline, once per text: the author resolution reads the same values up to
    three times (winner, wider list, completion), and bylines repeat across a site's pages.
    The result is shared, so it is only read here."""
    return _parse_byline(text, allow_single=allow_single)


# Field -> origins in order of trust, most trusted first; an origin not listed
# ranks last. An entry matches an origin equal to it or starting with it and ":".
# This table is the one place where conflicts between sources are settled.
#
# authors: structured data first (JSON-LD, then meta tags), then the page's
#   byline elements (itemprop/rel/class, in byline_html.toml order), then byline
#   lines in the text (a "By ..." line by the headline, block builder's byline blocks,
#   the `byline` rule further down), the NYT-style "byl" meta tag, a signature ending
#   the article, a copyright line or licence notice naming a person, and last a press
#   release's contact person; with none of these, a personal site's owner named as the
#   site (site:owner). The first origin that yields a person wins; a headline byline
#   overrules JSON-LD/meta names the page never shows.
# title: the visible headline (the page's one <h1>, or the <h1> its declared titles
#   contain) before declared titles, which often carry the site name or an SEO variant.
# published: the day the page's statements agree on (dates.py weighs the URL, the dates
#   printed by the headline, JSON-LD, meta tags and date elements, one vote each), then
#   the single statements in the same spirit (URL path, microdata, JSON-LD/meta, <time>,
#   a "Published ..." line), then a date in the page's embedded data or its text (found
#   only when the page states no date at all). A day-only winner takes the time of a
#   statement for the same day (pick_date).
TRUST: dict[str, tuple[str, ...]] = {
    "title": ("html:h1", "json-ld:headline", "html:headline-element", "meta:og:title", "rule:feed-footer",
              "text:title-line", "rule:title-block", "meta:twitter:title", "meta:dc.title", "meta:parsely-title",
              "json-ld:name", "html:title"),
    "outlet": ("config:domain", "meta:og:site_name", "json-ld:publisher", "json-ld:website", "meta:application-name",
               "rule:feed-footer", "rule:signup-box", "rule:masthead-tagline", "title:suffix", "url:domain"),
    "authors": ("json-ld:author", "meta:author", "meta:article:author", "meta:parsely-author", "meta:sailthru.author",
                "meta:dc.creator", "meta:dcterms.creator", "meta:citation_author", "meta:shareaholic:article_author_name",
                "meta:article:author_name", "meta:twitter:data", "html:byline-element", "html:byline-text", "rule:byline-block", "rule:byline", "meta:byl",
                "meta:description-byline", "html:byline-end", "html:copyright", "html:contact"),
    "syndication": ("byline:organisation", "json-ld:isBasedOn", "json-ld:sourceOrganization",
                    "rule:republication-note", "text:dateline", "json-ld:author", "canonical:other-domain"),
    "published": ("page:date-vote", "url:date", "html:itemprop-datePublished", "json-ld:datePublished",
                  "meta:article:published_time", "meta:og:article:published_time", "meta:datepublished", "meta:parsely-pub-date", "meta:dc.date.issued", "meta:dc.date", "meta:date",
                  "meta:pubdate", "meta:publishdate", "meta:sailthru.date", "json-ld:dateCreated", "html:time", "rule:dateline-meta", "script:date", "text:page-date"),
    "modified": ("json-ld:dateModified", "meta:article:modified_time", "meta:og:updated_time", "meta:datemodified"),
    "canonical_url": ("link:canonical", "meta:og:url", "json-ld:url"),
    "language": ("html:lang", "meta:content-language", "meta:dc.language", "json-ld:inLanguage", "meta:og:locale"),
}

# Evidence fields that speak for the record's `authors`.
AUTHOR_FIELDS = ("author", "byline")


def _rank(order: tuple[str, ...], origin: str) -> int:
    for i, prefix in enumerate(order):
        if origin == prefix or origin.startswith(prefix + ":"):
            return i
    return len(order)


def ranked(evidence: Sequence[Evidence], field: str) -> list[Evidence]:
    """Evidence for ``field``, most trusted first (stable within an origin)."""
    order = TRUST.get(field, ())
    return sorted((e for e in evidence if e.field == field), key=lambda ev: _rank(order, ev.origin))


def pick(evidence: Sequence[Evidence], field: str, clean: Callable[[str], str | None] = lambda v: v or None
         ) -> tuple[str | None, str | None]:
    """(value, origin) of the most trusted evidence whose cleaned value is not empty."""
    for ev in ranked(evidence, field):
        value = clean(canonical(ev.value))
        if value:
            return value, ev.origin
    return None, None


_QUOTES = "\"'“”‘’«»„‟"
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|•|/|»)\s+")


def clean_title(value: str, outlet: str | None = None, strip_suffix: bool = False, quoted: bool = False
                ) -> str | None:
    """Drop a " | Site" segment: the outlet's name, or (``strip_suffix``) a short last segment.

    Quote marks around a headline are part of it ("»Abzocke ...«"), unless
    ``quoted``: a title quoted inside a sentence ("The post “X” appeared first on").
    """
    value = value.strip()
    if quoted and len(value) > 2 and value[0] in _QUOTES and value[-1] in _QUOTES:
        value = value[1:-1].strip()
    seps = list(_TITLE_SEPARATORS.finditer(value))
    if not seps:
        return value or None
    outlet_key = outlet.casefold() if outlet else None
    first, last = value[: seps[0].start()], value[seps[-1].end() :]
    if outlet_key and last.casefold() in outlet_key:
        return value[: seps[-1].start()].strip()
    if outlet_key and first.casefold() in outlet_key:
        return value[seps[0].end() :].strip()
    if strip_suffix and title_suffix(value):
        return value[: seps[-1].start()].strip()
    return value


def title_suffix(title: str) -> str | None:
    """"Story headline | The Outlet" -> "The Outlet" (a short last segment)."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and 1 <= len(parts[-1].split()) <= 5 and len(parts[0]) > len(parts[-1]):
        return parts[-1].strip()
    return None


def clean_outlet(value: str) -> str | None:
    value = value.strip(" .,:;|-–—" + _QUOTES)
    if not value or len(value) > 80 or value.casefold().startswith(("our ", "the newsletter", "my ")):
        return None
    return value


def clean_syndication(value: str) -> str | None:
    value = re.sub(r"^(?:the website|the site|the blog)\s+", "", value.strip(" .,:;|-–—" + _QUOTES), flags=re.I)
    if not value or len(value) > 100:
        return None
    return value


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d/%m/%Y", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y",
                 "%d %B %Y", "%d %b %Y", "%A, %B %d, %Y", "%Y%m%d", "%B %d %Y", "%a, %d %b %Y %H:%M:%S %z")


def clean_date(value: str) -> str | None:
    """ISO 8601 date-time or date; None when the text is not a date."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        midnight = _local_midnight(parsed)
        if midnight:
            return midnight
        return parsed.isoformat() if (parsed.hour, parsed.minute, parsed.second) != (0, 0, 0) or parsed.tzinfo else parsed.date().isoformat()
    except ValueError:
        pass
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3))).date().isoformat()
        except ValueError:
            return None
    head = re.sub(r"\s+(?:at\s+)?\d{1,2}:\d{2}.*$", "", value).strip(" ,")
    head = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", head)
    head = re.sub(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", "", head, flags=re.IGNORECASE)
    head = re.sub(r"^(\d{1,2})\.\s+", r"\1 ", head)
    head = re.sub(r"\bSept\b", "Sep", head, flags=re.IGNORECASE)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(head, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _local_midnight(parsed: datetime) -> str | None:
    """The day a CMS meant by a date-only value saved as local midnight east of UTC and written in UTC.

    "2021-11-04T23:00:00+00:00" is midnight of 5 November in Central Europe:
    a whole-hour 22:00 or 23:00 UTC stamp stands for the next day.
    """
    offset = parsed.utcoffset()
    if offset is None or offset.total_seconds() != 0 or parsed.hour not in (22, 23):
        return None
    if (parsed.minute, parsed.second, parsed.microsecond) != (0, 0, 0):
        return None
    return (parsed + timedelta(days=1)).date().isoformat()


def pick_date(evidence: Sequence[Evidence], field: str) -> tuple[str | None, str | None]:
    """The most trusted date, stated as precisely as any evidence states that same day.

    Day-only origins (the date vote, a URL path) may win the day; a page's own
    timestamp for that day ("2024-08-11T09:15:00-06:00") is then the value.
    """
    value, origin = pick(evidence, field, clean_date)
    if value is None or "T" in value:
        return value, origin
    for ev in ranked(evidence, field):
        raw = canonical(ev.value).strip()
        shifted = clean_date(raw) if raw.startswith(value) and len(raw) > 10 else None
        if shifted and "T" not in shifted and shifted != value:
            return shifted, ev.origin  # the day-only winner read a local-midnight stamp written in UTC
    for ev in ranked(evidence, field):
        precise = clean_date(canonical(ev.value))
        if precise and "T" in precise and precise.startswith(value):
            return precise, ev.origin
    return value, origin


def clean_url(value: str) -> str | None:
    value = value.strip()
    return value if urlsplit(value).scheme in ("http", "https") else None


def clean_language(value: str) -> str | None:
    m = re.match(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$", value.strip())
    return m.group(1).lower() if m else None


def authors_from(evidence: Sequence[Evidence]) -> tuple[list[str], str | None, list[str]]:
    """(person names, origin, organisations named) from author and byline evidence.

    Origins are tried in ``TRUST["authors"]`` order; the first whose values name
    a person gives every name it holds. Structured fields (JSON-LD, meta, byline
    elements) may name a person by one word ("Heiko"); byline lines in the text
    need a full name. Organisations never become authors: the ones a byline
    names are returned for syndication (an organisation in a meta author tag is
    most often the outlet itself, so it is not).
    """
    order = TRUST["authors"]
    sites = _site_names(evidence)
    words = _outlet_words(evidence)
    candidates = sorted((e for e in evidence if e.field in AUTHOR_FIELDS),
                        key=lambda ev: (letters_key(ev.value) in sites or letters_key(ev.value) in words, _rank(order, ev.origin)))
    orgs: list[str] = []
    names: list[str] = []
    origin: str | None = None
    for ev in candidates:
        if origin is not None and (_rank(order, ev.origin) != _rank(order, origin) or letters_key(ev.value) in sites):
            break
        value = canonical(ev.value)
        if ev.field == "author" and (urlsplit(value).scheme or value.startswith("@")):
            continue  # a profile URL or a social handle, not a name
        if ev.origin == "html:copyright" and (letters_key(value) in sites or letters_key(value) in _folded_outlets(evidence)):
            continue  # "© Petri Heil" on the site "Petri Heil": the outlet, shaped like a name
        structured = ev.field == "author" or ev.origin.startswith("html:")
        if ev.field == "author":
            value = uninverted(value)  # citation and library tags write "Doe, Jane"
        parsed = parse_byline(value, allow_single=structured)
        if parsed.authors:
            origin = origin or ev.origin
            names.extend(n for n in parsed.authors if n not in names)
        if ev.field == "byline" and (origin is None or origin == ev.origin):
            orgs.extend(o for o in parsed.organisations if o not in orgs and not is_affiliation(o))
    seen = _visible_byline(candidates)
    if (origin is not None and origin.startswith(("json-ld:", "meta:")) and seen
            and not _shown(names, candidates)):
        names, origin = seen  # a CMS account the page never shows uploaded the story; the byline names its writer
    names = _without_outlet(_completed(_widened(names, candidates), candidates), sites | words)
    if not names:
        owner = _site_owner(evidence)
        if owner:
            return [owner], "site:owner", orgs
    return names, origin, orgs


def names_someone(evidence: Sequence[Evidence]) -> bool:
    """The evidence already gives the record a writer: a person named by an origin, not the
    site-owner fallback that any copyright or contact evidence would outrank."""
    names, origin, _ = authors_from(evidence)
    return bool(names) and origin != "site:owner"


_NOT_GIVEN = frozenset(("the", "der", "die", "das", "le", "la", "les", "el", "los", "il", "de", "het"))
_TITLES = re.compile(r"^(?:(?:dr|prof|dipl|ing|mag)\.(?:-\w+\.)?\s*)+", re.IGNORECASE)


def _site_owner(evidence: Sequence[Evidence]) -> str | None:
    """A personal site's owner, named as the site ("Dr. Alexander Klier" on alexander-klier.net): the last resort.

    Only a person's full name opening with a known given name (after an academic
    title) that the site's host spells whole.
    """
    hosts = {letters_key((urlsplit(e.value.strip()).hostname or "").removeprefix("www."))
             for e in evidence if e.field == "canonical_url"}
    hosts.discard("")
    if not hosts:
        return None
    for e in evidence:
        if e.field != "outlet":
            continue
        value = canonical(e.value).strip()
        bare = _TITLES.sub("", value).strip()
        if not (is_person_name(bare) and is_given_name(bare.split()[0])) or is_organisation(bare):
            continue
        if bare.split()[0].casefold() in _NOT_GIVEN:
            continue  # "The Big Bone"
        whole = letters_key(bare)
        if any(whole in host for host in hosts):
            return value
    return None


def _without_outlet(names: list[str], outlet_words: set[str]) -> list[str]:
    """"Adam Aaronson PhillyVoice" -> "Adam Aaronson": the outlet's name after a full name is no part of it."""
    out: list[str] = []
    for name in names:
        tokens = name.split()
        if len(tokens) >= 3 and letters_key(tokens[-1]) in outlet_words and is_person_name(" ".join(tokens[:-1])):
            name = " ".join(tokens[:-1])
        if name not in out:
            out.append(name)
    return out


_EXPLICIT_LEAD = re.compile(
    r"^[\s\-–—―~*•·|>]*(?:(?:posted|written|reporting|story|words|text|ein artikel|ein beitrag)\s+|"
    + GENRE_LEAD + r"\s+(?=(?:by|von|par|por)\s))?"
    r"(?:by|von|par|por|door|text|texte|autor(?:in)?|author|auteur)\b", re.IGNORECASE)
EXPLICIT_BYLINE_ORIGINS = ("html:byline-text",)
"""Byline lines the reader sees by the headline ("By Jane Doe"); a "By ..." block further down may credit
someone else (a quoted piece, a photo), so it does not overrule a declared author."""


def _visible_byline(candidates: Sequence[Evidence]) -> tuple[list[str], str] | None:
    """Full person names of the first byline line the reader sees that opens with a byline word."""
    for ev in candidates:
        if ev.field != "byline" or not ev.origin.startswith(EXPLICIT_BYLINE_ORIGINS):
            continue
        value = canonical(ev.value)
        if ev.origin.startswith("html:") and not _EXPLICIT_LEAD.match(value):
            continue
        parsed = parse_byline(value)
        full = [n for n in parsed.authors if len(n.split()) >= 2]
        if full and not parsed.unknown:
            return full, ev.origin
    return None


def _shown(names: Sequence[str], candidates: Sequence[Evidence]) -> bool:
    """True when a byline the reader sees (an element, a line, a rule's block) names one of ``names``."""
    for ev in candidates:
        if ev.field == "byline" and ev.origin.startswith(("html:byline", "rule:")):
            if _same_people(names, parse_byline(canonical(ev.value), allow_single=True).authors):
                return True
    return False


def _same_people(names: Sequence[str], others: Sequence[str]) -> bool:
    """True when two lists share a person, by any name part ("Todd" and "Todd Bates", "gabor_munier")."""
    mine = {_plain_fold(part) for n in names for part in [n, *n.split()]}
    theirs = {_plain_fold(part) for n in others for part in [n, *n.split()]}
    return bool(mine & theirs)


def _widened(names: list[str], candidates: Sequence[Evidence]) -> list[str]:
    """The winning names, or a less trusted origin's fuller list that holds every one of them.

    A JSON-LD author often keeps only the first of several writers that the
    page's byline ("von Jane Doe, John Roe") or an author tag lists.
    """
    if not names:
        return names
    by_origin: dict[str, list[str]] = {}
    for ev in candidates:
        value = canonical(ev.value)
        if urlsplit(value).scheme:
            continue
        parsed = parse_byline(value)
        if parsed.unknown:
            continue  # only a clean list of names may add writers
        found = by_origin.setdefault(ev.origin, [])
        found.extend(n for n in parsed.authors if n not in found)
    wanted = set(names)
    best = names
    for found in by_origin.values():
        if wanted < set(found) and len(found) > len(best):
            best = found
    return best


def _site_names(evidence: Sequence[Evidence]) -> set[str]:
    """Folded names of the site (declared outlet names, the host): an author field naming the site is its last resort.

    Many CMSs fill the author tag with the site's name ("L'Opinion",
    "example.de") while the page's byline names the writer; a byline that is
    only the site's name speaks only when nothing else names anyone.
    """
    names = {letters_key(e.value) for e in evidence if e.field == "outlet" and not is_person_name(canonical(e.value))}
    for e in evidence:  # a personal site may carry its owner's name as outlet; its host is never a person's byline
        if e.field == "canonical_url":
            host = (urlsplit(e.value.strip()).hostname or "").removeprefix("www.")
            names.update({letters_key(host), letters_key(host.rsplit(".", 1)[0])})
    names.discard("")
    return names


def _folded_outlets(evidence: Sequence[Evidence]) -> set[str]:
    """Every declared outlet name, folded, person-shaped ones included."""
    return {letters_key(canonical(e.value)) for e in evidence if e.field == "outlet"}


def _outlet_words(evidence: Sequence[Evidence]) -> set[str]:
    """Folded words of the declared outlet names: a one-word byline "Google" on "Google Online Security Blog"."""
    return {letters_key(w) for e in evidence if e.field == "outlet"
            and (is_organisation(canonical(e.value)) or not is_person_name(canonical(e.value)))
            for w in canonical(e.value).split() if len(w) >= 3}


def _plain_fold(text: str) -> str:
    """Letters and digits without case or accents: a user name and the full name it spells compare equal."""
    return letters_key(unicodedata.normalize("NFKD", text))


def _completed(names: list[str], candidates: Sequence[Evidence]) -> list[str]:
    """A one-word name ("Todd", "edilson.la.rosa") completed by a full name for the same person elsewhere."""
    if not any(len(n.split()) == 1 for n in names):
        return names
    full: list[str] = []
    for ev in candidates:
        if ev.origin not in ("html:copyright", "html:contact"):  # a site's owner or spokesperson, not each writer
            full.extend(n for n in parse_byline(canonical(ev.value)).authors if len(n.split()) >= 2)
    out = []
    for name in names:
        if len(name.split()) == 1:
            key = _plain_fold(name)  # "gabor_munier" is "Gàbor Muniér"
            match = next((f for f in full if _plain_fold(f) == key or _plain_fold(f.split()[0]) == key), None)
            name = match or name
        if name not in out:
            out.append(name)
    return out
