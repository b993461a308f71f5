"""One value per metadata field from all the evidence, by a stated order of trust.

Each field lists the origins it trusts, most trusted first (prefixes of
``Evidence.origin``). The first origin with a value that survives the field's
cleaner wins, and its origin is kept as provenance.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from functools import lru_cache
from ..lenient_url import urlsplit

from ..model import Evidence
from .bylines import GENRE_LEAD, LABELS, LEADS, WRITING, Byline, is_affiliation, is_organisation, is_person_name, uninverted
from .bylines import parse_byline as _parse_byline
from .first_names import is_given_name
from .language import detect_language
from .dates import parse_date
from .text import canonical, fold_key, letters_key
from .site_name import HOST_SHAPED, host_labels, names_host, names_section, domain_shaped, spells_more, without_descriptor
from .titles import clean_title, cut_at_quote, headline_shown, site_names, title_suffix
from .syndication import agency_named, agency_of_host, credible_source, other_edition, site_keys, syndication_data
from .trust import ORDER


@lru_cache(maxsize=8192)
def parse_byline(text: str, allow_single: bool = False) -> Byline:
    """bylines.parse_byline, once per text: the author resolution reads the same values up to
    three times (winner, wider list, completion), and bylines repeat across a site's pages.
    The result is shared, so it is only read here."""
    return _parse_byline(text, allow_single=allow_single)


TRUST: dict[str, tuple[str, ...]] = ORDER
"""Field -> origins in order of trust, most trusted first (trust.toml says why each stands where it does).
This table is the one place where conflicts between sources are settled."""

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

_SEGMENT_MARK = r"\s+(?:\||–|—|-|::|·|•)\s+"
"""What parts a site-name slot's segments ("Example | the city's paper")."""
_OUTLET_TAGLINE = re.compile(_SEGMENT_MARK + r"|\s+(?:powered by|a division of|part of)\s+", re.IGNORECASE)
_URL_NAME = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[\w-]+(?:\.[\w-]+)+)/?$", re.IGNORECASE)
_COMPANY_FORM = re.compile(r",?\s+(?:inc|llc|ltd|gmbh|plc|s\.?a|ag|sp\. z o\.o\.(?:\s+s\.?k\.?a)?|s\.?l|b\.?v|e\.\s?v|pty ltd)\.?$",
                           re.IGNORECASE)
"""A company's or an association's legal form after its name ("Spiceworks Inc", "Example e.V."): not part of
the publication's name."""
_DECORATION_END = re.compile(rf"^[\W_]+?{_SEGMENT_MARK}|{_SEGMENT_MARK}[\W_]+$")
"""A segment of the site-name slot with no letter or digit ("☆☆☆☆☆ - Example"): decoration, not a name."""
OUTLET_MAX_WORDS = 8
OUTLET_NAME_WORDS = 4
"""A declared site name's first segment of at most this many words is the name; the rest a tagline."""


def clean_outlet(value: str) -> str | None:
    """The publication's name as a site declares it, without a tagline ("Mozilla Hacks – the Web developer blog")
    or a URL's scheme ("http://www.example.com")."""
    value = _DECORATION_END.sub("", value.strip())
    value = _READING.sub("", _COMPANY_FORM.sub("", value.strip(" .,:;|-–—/" + _QUOTES)).strip(" ,"))
    if (not value or len(value) > 80 or len(value.split()) > OUTLET_MAX_WORDS or not any(ch.isalpha() for ch in value)
            or value.casefold().startswith(("our ", "the newsletter", "my ")) or _HANDLE.fullmatch(value)):
        return None  # a headline, a rating or a social account's handle in the site-name slot, not a name
    url = _URL_NAME.match(value)
    if url and value.casefold().startswith(("http", "www.")):
        return url.group("host")
    parts = _OUTLET_TAGLINE.split(value, maxsplit=1)
    if len(parts) == 2 and 1 <= len(parts[0].split()) <= OUTLET_NAME_WORDS and parts[0].strip():
        return _COMPANY_FORM.sub("", parts[0].strip()) or parts[0].strip()
    return value


_HANDLE = re.compile(r"@\w+|[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+")
"""A social account's handle ("Example_Live", "@example"): what a template copied from its social tags, not the name."""
_READING = re.compile(r"\s*（[^（）]{1,30}）$")
"""A CJK name's reading or English form in full-width parentheses ("BUZZAP！（バザップ！）")."""


DECLARED_OUTLETS = ("meta:", "json-ld:", "title:")
"""Origins whose names may stand for a domain-shaped site name: what the site declares, and its title."""


def pick_outlet(evidence: Sequence[Evidence]) -> tuple[str | None, str | None]:
    """(outlet, origin): the most trusted site name that is not a section the URL names ("Magazine" on
    /magazine/...), without a descriptor the page's other names leave out ("Example Magazine" beside a
    logo's "Example"); when that is only the domain ("Example.de", "laexample"), a name another origin
    gives that the host spells ("El Ejemplo", "Tribune de Genève" on tdg.ch, "Los Angeles Example")."""
    url = next((e.value.strip() for e in ranked(evidence, "canonical_url")), None)
    url = url or next((f"http://{e.value.strip()}/" for e in evidence if e.origin == "url:domain"), None)
    sections = [e for e in evidence if e.field == "outlet" and e.origin.startswith(DECLARED_OUTLETS)
                and names_section(canonical(e.value), url)]
    value, origin = pick([e for e in evidence if e not in sections] if sections else evidence, "outlet", clean_outlet)
    host = urlsplit(url).hostname if url else None
    if value is not None and origin is not None:
        value = _without_descriptor(_fullest(value, origin, evidence), origin, evidence, host)
    if value is None or not domain_shaped(value, host):
        return value, origin
    return _spelled_name(value, host, evidence) or (value, origin)


def _spelled_name(value: str, host: str | None, evidence: Sequence[Evidence]) -> tuple[str, str] | None:
    """The name a domain-shaped site name stands for, and its origin: a declared name the host spells
    ("Example Courier" for "www.example-courier.com"), or a fuller one the logo or copyright line gives
    ("Big Example" for "Example.com", "Los Angeles Example" for "laexample"). A logo or copyright line
    that only spells the domain ("Example" for "Example.com") changes nothing."""
    shaped = bool(HOST_SHAPED.match(value))
    site = value.split("//")[-1] if shaped else host
    plain = letters_key(site.removeprefix("www.").split(".")[0] if shaped and site else value).removeprefix("the")
    found: tuple[str, str] | None = None
    for ev in ranked(evidence, "outlet"):
        if not ev.origin.startswith(SPELLED_OUTLETS):
            continue
        name = clean_outlet(canonical(ev.value))
        if not name or HOST_SHAPED.match(name) or not names_host(name, site):
            continue
        fuller = spells_more(name, plain) and not name.islower()
        if found is None and (fuller or shaped and ev.origin.startswith(DECLARED_OUTLETS)):
            found = (name, ev.origin)
        elif found is not None and fuller and letters_key(found[0]).removeprefix("the") == plain and (
                letters_key(found[0]) in letters_key(name)) and letters_key(without_descriptor(name) or "") != (
                letters_key(found[0])):
            return name, ev.origin  # "Bloomberg Example" beside a title's "Example" for "Example.com"
    return found


SPELLED_OUTLETS = (*DECLARED_OUTLETS, "html:logo", "html:copyright-site")
"""Origins that may give the name a domain-shaped site name stands for: the declarations, the logo, the copyright line."""


def _without_descriptor(value: str, origin: str, evidence: Sequence[Evidence], host: str | None) -> str:
    """A site name without its descriptor ("Example Magazine" -> "Example") when another origin on the
    page names the site so (its logo, its title, another declaration): the publication, not its kind.
    A name its host spells whole ("Example Magazine" on examplemagazine.com) keeps it."""
    core = without_descriptor(value)
    if core is None or letters_key(value).removeprefix("the") in host_labels(host):
        return value
    key = letters_key(core)
    for ev in evidence:
        if ev.field == "outlet" and ev.origin != origin and not ev.origin.startswith("url:"):
            other = clean_outlet(canonical(ev.value))
            if other and letters_key(other) == key:
                return core
    return value


def _fullest(value: str, origin: str, evidence: Sequence[Evidence]) -> str:
    """The full spelling of a site name that its origin also gives ("TPM" and "Talking Points Memo",
    "Better Homes & Gardens" and "Better Homes and Gardens"): a page that declares both means the same site."""
    key = letters_key(value.replace("&", " and "))
    for ev in evidence:
        if ev.field != "outlet" or ev.origin != origin:
            continue
        other = clean_outlet(canonical(ev.value))
        if not other or other == value:
            continue
        words = re.findall(r"[^\W_]+", other)
        if (len(words) >= 2 and "".join(w[0] for w in words).casefold() == key) or (
                letters_key(other.replace("&", " and ")) == key and len(other) > len(value)):
            return other
    return value


def clean_syndication(value: str) -> str | None:
    value = re.sub(r"^(?:the website|the site|the blog)\s+", "", value.strip(" .,:;|-–—" + _QUOTES), flags=re.I)
    if not value or len(value) > 100:
        return None
    return value


def not_after(value: str | None, fetched: str | None) -> str | None:
    """``value`` (a parsed date) when it is not later than the fetch time ``fetched``, else None.

    A page cannot have been published after it was fetched: a later date is a
    cookie's expiry, an event's date or a clock set wrong. Two instants compare
    as instants (a story stamped 08:00+10:00 is the evening before in UTC); a
    day compares with the fetch's UTC day.
    """
    if not value or not fetched:
        return value
    try:
        when = datetime.fromisoformat(fetched.strip().replace("Z", "+00:00"))
    except ValueError:
        return value
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    if "T" in value:
        try:
            stated = datetime.fromisoformat(value)
        except ValueError:
            stated = None
        if stated is not None and stated.tzinfo is not None and when.tzinfo is not None:
            return value if stated <= when else None
    return value if value[:10] <= when.date().isoformat() else None


def pick_date(evidence: Sequence[Evidence], field: str, fetched: str | None = None) -> tuple[str | None, str | None]:
    """The most trusted date, stated as precisely as any evidence states that same day.

    Day-only origins (the date vote, a URL path) may win the day; a page's own
    timestamp for that day ("2024-08-11T09:15:00-06:00") is then the value.
    No date later than ``fetched`` (when the page was fetched or archived) is taken.
    """
    def clean(raw: str) -> str | None:
        return not_after(parse_date(raw), fetched)

    value, origin = pick(evidence, field, clean)
    if value is None or "T" in value:
        return value, origin
    for ev in ranked(evidence, field):
        raw = canonical(ev.value).strip()
        shifted = clean(raw) if raw.startswith(value) and len(raw) > 10 else None
        if shifted and "T" not in shifted and shifted != value:
            return shifted, ev.origin  # the day-only winner read a local-midnight stamp written in UTC
    for ev in ranked(evidence, field):
        precise = clean(canonical(ev.value))
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
    shown = _shown_keys(candidates)
    hosts = _host_names(evidence)
    for ev in candidates:
        if origin is not None and (_rank(order, ev.origin) != _rank(order, origin) or letters_key(ev.value) in sites):
            break
        value = canonical(ev.value)
        if ev.field == "author" and (urlsplit(value).scheme or value.startswith("@")):
            continue  # a profile URL or a social handle, not a name
        key = letters_key(ev.value)
        if (key in sites or key in words or key in hosts) and not _personal_name(value) and key not in shown:
            continue  # "VOGUE" in the author tag of its own site: the CMS's default, no writer the page shows
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
            and not _shown(names, candidates) and not _owner_named(names, evidence)):
        names, origin = seen  # a CMS account the page never shows uploaded the story (not a personal site's
        # owner, named as the site); the byline names its writer
    names = _without_outlet(_completed(_widened(names, candidates), candidates), sites | words)
    names = [n for n in names if not agency_named(n)]  # an agency is a distributor, never a writer
    if not names:
        owner = _site_owner(evidence)
        if owner:
            return [owner], "site:owner", orgs
    return names, origin, orgs


def _owner_named(names: Sequence[str], evidence: Sequence[Evidence]) -> bool:
    """True when the names are the site's, and a person's: a personal site named after its writer."""
    outlets = _folded_outlets(evidence)
    return any(letters_key(n) in outlets and _personal_name(n) for n in names)


def _shown_keys(candidates: Sequence[Evidence]) -> set[str]:
    """Folded names that a byline the reader sees gives (an element, a line, a rule's block)."""
    keys: set[str] = set()
    for ev in candidates:
        if ev.field == "byline" and ev.origin.startswith(("html:byline", "rule:")):
            parsed = parse_byline(canonical(ev.value), allow_single=True)
            keys.update(letters_key(n) for n in (*parsed.authors, *parsed.organisations, *parsed.placeholders))
    return keys


def _personal_name(value: str) -> bool:
    """A known given name, alone or opening a full person name: a personal site may be named after its writer."""
    words = value.split()
    return (bool(words) and is_given_name(words[0]) and (len(words) == 1 or is_person_name(value))
            and not is_organisation(value))


def names_someone(evidence: Sequence[Evidence]) -> bool:
    """The evidence already gives the record a writer: a person named by an origin, not the
    site-owner fallback that any copyright or contact evidence would outrank. Without author or byline
    evidence no origin names anyone, and the reading is not made."""
    if not any(e.field in AUTHOR_FIELDS for e in evidence):
        return False  # authors_from could give the site owner at most
    names, origin, _ = authors_from(evidence)
    return bool(names) and origin != "site:owner"


_NOT_GIVEN = frozenset(("the", "der", "die", "das", "le", "la", "les", "el", "los", "il", "de", "het"))
_TITLES = re.compile(r"^(?:(?:dr|prof|dipl|ing|mag)\.(?:-\w+\.)?\s*)+", re.IGNORECASE)


_OWNED = re.compile(r"(?<![\w.])(?P<name>[A-ZÀ-ÞĀ-Ž][\w'’-]*(?:\s+(?:[A-Z]\.|[A-ZÀ-ÞĀ-Ž][\w'’-]*)){1,3})['’]s\s+(?:personal\s+)?"
                    r"(?:blog|weblog|website|web\s?site|site|homepage|home\s+page|journal|notebook|diary|notes)\s*$",
                    re.IGNORECASE)
"""A site name that says whose the site is: "Jane Doe's blog", "example.org - Jane Doe's Weblog"."""


SITE_NAMING = ("outlet", "site_label")
"""Evidence fields that name the site: declared outlet names, and labels that may be a tagline (read only here)."""


def _site_owner(evidence: Sequence[Evidence]) -> str | None:
    """A personal site's owner, named as the site: the last resort.

    "example.org - Jane Doe's blog" names its owner; "Dr. Alexander Klier" on
    alexander-klier.net is one when the site's host spells the name whole.
    Only a person's full name opening with a known given name (after an
    academic title, which the name given back drops: authors carry no titles).
    """
    for e in evidence:
        owner = _OWNED.search(canonical(e.value)) if e.field == "outlet" else None
        if owner and is_person_name(owner.group("name")) and is_given_name(owner.group("name").split()[0]):
            return owner.group("name")  # "example.org - Jane Doe's blog": the site says whose it is
    hosts = {letters_key((urlsplit(e.value.strip()).hostname or "").removeprefix("www."))
             for e in evidence if e.field == "canonical_url"}
    hosts.discard("")
    if not hosts:
        return None
    for e in evidence:
        if e.field not in SITE_NAMING:
            continue
        value = canonical(e.value).strip()
        bare = _TITLES.sub("", value).strip()
        if not (is_person_name(bare) and is_given_name(bare.split()[0])) or is_organisation(bare):
            continue
        if bare.split()[0].casefold() in _NOT_GIVEN:
            continue  # "The Big Bone"
        whole = letters_key(bare)
        if any(whole in host for host in hosts):
            return bare
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
    r"^[\s\-–—―~*•·|>]*(?:(?:" + WRITING + r"|ein artikel|ein beitrag)\s+|" + GENRE_LEAD + r"\s+(?=" + LEADS + r"\s))?"
    r"(?:" + LEADS + "|" + LABELS + r"|text|texte)\b", re.IGNORECASE)
EXPLICIT_BYLINE_ORIGINS = ("html:byline-element", "html:byline-text")
"""Bylines the reader sees: the page's marked byline elements, and byline lines by the headline ("By Jane Doe");
a "By ..." block further down may credit someone else (a quoted piece, a photo), so it does not overrule a
declared author."""


def _visible_byline(candidates: Sequence[Evidence]) -> tuple[list[str], str] | None:
    """Full person names of the first byline the reader sees: a marked byline element, or a line by the
    headline that opens with a byline word."""
    for ev in candidates:
        if ev.field != "byline" or not ev.origin.startswith(EXPLICIT_BYLINE_ORIGINS):
            continue
        value = canonical(ev.value)
        if ev.origin.startswith("html:byline-text") and not _EXPLICIT_LEAD.match(value):
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


def _host_names(evidence: Sequence[Evidence]) -> set[str]:
    """The name labels of the page's hosts ("ascii" of weekly.ascii.jp): an author tag holding one names the site."""
    hosts = {(urlsplit(e.value.strip()).hostname or "") for e in evidence if e.field == "canonical_url"}
    hosts.update(e.value.strip().lower() for e in evidence if e.origin == "url:domain")
    return {label for host in hosts if host for label in host_labels(host)}


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
            name = match or _spelled_handle(name)
        if name not in out:
            out.append(name)
    return out


_HANDLE_PARTS = re.compile(r"^(?P<given>[a-zà-öø-ÿ]{3,})[._](?P<family>[a-zà-öø-ÿ]{2,}(?:-[a-zà-öø-ÿ]{2,})?)$")


def _spelled_handle(name: str) -> str:
    """A user name "jane.doe" or "jane_doe" that opens with a known given name, as the name it spells ("Jane Doe").

    A CMS account shown under its display name keeps its login in structured data; with no fuller
    name elsewhere on the page, the login still spells the person."""
    parts = _HANDLE_PARTS.match(name)
    if not parts or not is_given_name(parts.group("given")):
        return name
    return " ".join("-".join(w[:1].upper() + w[1:] for w in p.split("-")) for p in (parts.group("given"), parts.group("family")))


@dataclass(slots=True)
class Resolved:
    """The record's metadata as resolution settled it, with where each value came from."""

    values: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    """Field -> origin of the value that won."""
    candidates: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """Field -> the other values offered for it, most trusted first ({value, origin}); for ``--explain``."""


RESOLVED_FIELDS = ("canonical_url", "title", "outlet", "authors", "syndication", "published", "modified", "language")


def resolve_record(evidence: list[Evidence], text: str = "", fetched: str | None = None,
                   runners_up: bool = True) -> Resolved:
    """Every metadata field of the record from the evidence: the one place where values are decided.

    ``text``: the record's text, for the language detector to check the declared
    language against. ``fetched``: when the page was fetched or archived (its WARC date);
    no publication or update date after it is taken. ``evidence`` gains the organisations a winning byline names
    (as ``byline:organisation`` syndication evidence), so provenance can point at them.
    ``runners_up``: also list the values that did not win (``Resolved.candidates``, which only ``--explain``
    shows; without it the record is the same and the candidates are left empty).
    """
    out = Resolved()

    def take(name: str, clean: Callable[[str], str | None] = lambda v: v or None) -> str | None:
        value, origin = pick(evidence, name, clean)
        if value is not None and origin is not None:
            out.provenance[name] = origin
        return value

    def take_date(name: str) -> str | None:
        value, origin = pick_date(evidence, name, fetched)
        if value is not None and origin is not None:
            out.provenance[name] = origin
        return value

    outlet, outlet_origin = pick_outlet(evidence)
    if outlet is not None and outlet_origin is not None:
        out.provenance["outlet"] = outlet_origin
    title = None
    names = site_names(evidence, outlet if out.provenance.get("outlet") != "title:suffix" else None)
    inside = {e.origin: e.value for e in evidence if e.field == "headline"}
    for ev in ranked(evidence, "title"):
        if not headline_shown(ev, evidence):
            continue
        title = clean_title(canonical(inside.get(ev.origin, ev.value)), names, strip_suffix=ev.origin == "html:title",
                            quoted=ev.origin == "rule:feed-footer")
        if title:
            out.provenance["title"] = ev.origin
            if ev.origin.startswith("meta:"):
                for other in evidence:
                    if other.field == "title" and not other.origin.startswith("meta:"):
                        whole = clean_title(canonical(other.value), names, strip_suffix=other.origin == "html:title")
                        if whole and cut_at_quote(title, whole):
                            title, out.provenance["title"] = whole, other.origin
                            break
            break
    authors, author_origin, byline_orgs = authors_from(evidence)
    if author_origin:
        out.provenance["authors"] = author_origin
    if byline_orgs:
        evidence.append(Evidence("syndication", byline_orgs[0], "byline:organisation"))
    own = _own_names(evidence)
    syndication, origin = pick([e for e in evidence if e.field != "syndication" or credible_source(e, bool(authors))],
                               "syndication", lambda v: _distributor(v, own))
    if origin:
        out.provenance["syndication"] = origin
    out.values = {"canonical_url": take("canonical_url", clean_url), "title": title, "outlet": outlet,
                  "authors": authors, "syndication": syndication, "published": take_date("published"),
                  "modified": take_date("modified")}
    declared = take("language", clean_language)
    language, lang_origin = detect_language(text, declared)
    if lang_origin:
        out.provenance["language"] = lang_origin if lang_origin == "detector" else out.provenance.get("language", "declared")
    out.values["language"] = language
    if runners_up:
        out.candidates = _runners_up(evidence, out)
    return out


def _own_names(evidence: Sequence[Evidence]) -> set[str]:
    """Folded names the site goes by (declared outlets, its domain and canonical host): a distributor
    with one of these names, or holding one, is the site itself."""
    host = next((e.value.strip() for e in evidence if e.field == "outlet" and e.origin == "url:domain"), None)
    keys = site_keys(host, [e for e in evidence if e.origin != "url:domain" or e.value.strip() == host])
    for e in evidence:
        if e.field == "outlet":
            agency = agency_of_host(canonical(e.value).strip().lower())
            if agency:
                keys.add(letters_key(agency))
    return {k for k in keys if len(k) >= 2}


HOUSE_PREFIX = 2
"""Leading characters a CJK name shares with the site's name when both are of one house (a brand, then
"网", "日报", "晚报")."""


def _cjk(key: str) -> bool:
    return len(key) >= HOUSE_PREFIX and all("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in key[:HOUSE_PREFIX])


def _distributor(value: str, own: set[str]) -> str | None:
    """A syndication value as the record gives it (an agency by its full name), or None for the site's own story."""
    value = clean_syndication(value) or ""
    if not value:
        return None
    value = agency_named(value, tag=True) or value
    key = letters_key(value.removeprefix("The ").removeprefix("the "))
    bare = letters_key(re.sub(r"\.[a-z]{2,}$", "", value.lower().removeprefix("www.")))
    if other_edition(value, own):
        return value  # the brand's other edition ("VICE US" on the UK edition's page)
    if key in own or bare in own or any(len(k) >= 4 and k in key or len(key) >= 3 and key in k for k in own):
        return None
    if _cjk(key) and any(_cjk(k) and k[:HOUSE_PREFIX] == key[:HOUSE_PREFIX] for k in own):
        return None  # the house's own paper under its brand ("光明日报" on "光明网")  # the outlet's own story (its name, its domain, "Staff of example.com")
    if any(w.casefold() in syndication_data().not_distributors for w in value.split()):
        return None  # a job or a desk ("Space.com Contributor", "bureau européen")
    return value


def _runners_up(evidence: Sequence[Evidence], resolved: Resolved) -> dict[str, list[dict[str, str]]]:
    """For each field, the distinct values offered that did not win, most trusted first."""
    out: dict[str, list[dict[str, str]]] = {}
    for name in RESOLVED_FIELDS:
        sources = AUTHOR_FIELDS if name == "authors" else (name,)
        won = resolved.values.get(name)
        won_keys = {fold_key(v) for v in (won if isinstance(won, list) else [won]) if v}
        seen: set[str] = set()
        rows = []
        for ev in sorted((e for e in evidence if e.field in sources), key=lambda e: _rank(TRUST.get(name, ()), e.origin)):
            value = canonical(ev.value)
            key = fold_key(value)
            if not key or key in won_keys or key in seen:
                continue
            seen.add(key)
            rows.append({"value": value, "origin": ev.origin})
        if rows:
            out[name] = rows
    return out
