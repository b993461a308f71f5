"""Readers of who distributed a story: agencies in bylines and structured data, datelines, closing tags and notes.

Every reader returns ``Evidence("syndication", name, origin)`` and decides
nothing: resolve.py ranks them (trust.toml) and drops a distributor that is the
outlet itself. Agencies, their abbreviations and the phrases that credit a
distributor are data (syndication.toml), in many languages.

Where each class is read:
- a byline, JSON-LD or meta author that is an agency ("AFP", "Por Agencia EFE",
  "dpa am 25.01.2022", "Jane Doe/SP-X"): ``agency_evidence``;
- a dateline opening the text ("HAMBURG (dpa) –", "Bogotá (dpa/lno) -",
  "mid Groß-Gerau -", "【6月18日 AFP】"): ``dateline_evidence``;
- a tag closing the text ("... (dpa)", "aja/PAP", "© Cover Media", a last line
  "AFP"), a source line ("Quelle: Kathpress"), a republication note
  ("This post originally appeared on Grist.") and a provider credit
  ("© Provided by The Guardian"): ``closing_evidence`` and ``provider_evidence``.
"""

from __future__ import annotations

import bisect
import html as htmllib
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from ..lenient_url import urlsplit
from ..rules.literals import gated_search

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import Block, Evidence
from .bylines import LABELS, LEADS, WRITING, strip_tail
from .guards import first_char_guard
from .marked import MarkedElements
from .site_name import names_host
from .text import INVISIBLE_CHARS, MOJIBAKE_FOLLOWERS, MOJIBAKE_LEADS, canonical, letters_key


@dataclass(frozen=True, slots=True)
class SyndicationData:
    agencies: dict[str, str]
    """Folded alias -> the agency's usual full name."""
    domains: dict[str, str]
    """An agency's own site's domain -> its full name."""
    source_label: re.Pattern[str]
    cjk_source: re.Pattern[str]
    """A CJK source label inside a header line, and the name after it ("…　来源：X　作者：…")."""
    slot_label: re.Pattern[str]
    date_source: re.Pattern[str]
    """A source label behind a separator, the text after a date ("/ Source: X")."""
    """A source label opening a slot's text or one of its parts ("Dec. 22, 2016 / Source: X")."""
    reprint: re.Pattern[str]
    """A reprint note naming its source before the phrase (Japanese, Chinese)."""
    provided_by: re.Pattern[str]
    republished: re.Pattern[str]
    not_distributors: frozenset[str]
    press_release: re.Pattern[str]
    editions: frozenset[str]
    """Folded words that name a brand's edition ("US", "Japan")."""
    agency_words: tuple[str, ...]
    name_particles: frozenset[str]
    """Lower-case words a name may hold ("of", "der", "de")."""
    """Folded words that make a name an agency's or a wire service's ("Nachrichtenagentur", "news service")."""


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def syndication_data() -> SyndicationData:
    """syndication.toml, compiled once per process."""
    with open(Path(__file__).with_name("syndication.toml"), "rb") as fh:
        raw = tomllib.load(fh)
    agencies: dict[str, str] = {}
    domains: dict[str, str] = {}
    for agency in raw["agency"]:
        for alias in [agency["name"], *agency["aliases"]]:
            agencies.setdefault(_key(alias), agency["name"])
        for domain in agency.get("domains", []):
            domains[domain] = agency["name"]
    phrases = raw["phrases"]
    return SyndicationData(
        agencies=agencies,
        domains=domains,
        source_label=re.compile(r"^\s*(?:" + _alternation(phrases["source_labels"]) + r")\s*[:：]\s*(?P<name>.{2,120})$",
                                re.IGNORECASE),
        cjk_source=re.compile(r"(?:^|\s)(?:" + _alternation(phrases["cjk_source_labels"]) + r")\s*[:：]\s*(?P<name>[^\s:：|/]{2,30})"),
        date_source=re.compile(r"^\s*[/|•·]\s*(?:" + _alternation(phrases["source_labels"]) + r")\s*[:：]\s*(?P<name>.{2,80}?)\s*$",
                               re.IGNORECASE),
        slot_label=re.compile(r"(?:^|[/|•·]\s*)(?:" + _alternation(phrases["source_labels"] + raw["slots"]["slot_labels"]) + r")\s*[:：]\s*(?P<name>.{2,80})$",
                              re.IGNORECASE),
        provided_by=re.compile(r"(?:^|[\s|•·/©])(?:" + _alternation(phrases["provided_by"]) + r")\s*:?\s+(?P<name>.{2,80})$",
                               re.IGNORECASE),
        republished=re.compile(r"(?:^|\W)(?:" + _alternation(phrases["republished"]) + r")\s*:?\s+(?P<name>.{2,120})",
                               re.IGNORECASE),
        not_distributors=frozenset(phrases["not_distributors"]),
        press_release=re.compile(r"\b(?:" + _alternation(phrases["press_release"]) + r")\b", re.IGNORECASE),
        editions=frozenset(letters_key(w) for w in phrases["edition_words"]),
        reprint=re.compile(r"(?:" + _alternation(phrases["reprint_openers"]) + r")[、,，]?\s*(?P<name>[^、。，,（）()「」]{2,40}?)"
                           r"\s*(?:で|に|から|より|自)[^。]{0,60}?(?:" + _alternation(phrases["reprint_words"]) + ")"),
        agency_words=tuple(letters_key(w) for w in phrases["agency_words"]),
        name_particles=frozenset(phrases["name_particles"]),
    )


def _key(text: str) -> str:
    return letters_key(text.removeprefix("the ").removeprefix("The "))


SHORT_ALIAS = 3
"""Aliases this short ("ap", "sid", "age") match only where the text writes them apart from words:
in capitals, or in a mixed case no word has ("AgE"), or lower-case inside a tag ("(dpa)")."""


def agency_named(text: str, tag: bool = False) -> str | None:
    """The full name of the agency that ``text`` is (an alias or abbreviation), else None.

    ``tag``: the text stands in a dateline's or closing tag's parentheses or
    slashes, where an agency writes its abbreviation in lower case ("dpa", "ots").
    """
    text = text.strip(" .,;:()[]【】«»\"'“”")
    key = _key(text)
    if not key:
        return None
    name = syndication_data().agencies.get(key)
    if name is None:
        return None
    if len(key) <= SHORT_ALIAS and not tag and (text.islower() or text.istitle() and len(text) > 1):
        return None  # "age", "Ap": an ordinary word or a name, not the abbreviation
    return name


def agency_of_host(host: str | None) -> str | None:
    """The agency whose own site ``host`` is (a story there is its own, not a copy)."""
    data = syndication_data()
    while host:
        if host in data.domains:
            return data.domains[host]
        if "." not in host:
            return None
        host = host.split(".", 1)[1]
    return None


_PARTS = re.compile(r"\s*(?:[,;|/•·]|\s[–—-]\s|\s+(?:and|und|et|y|e)\s+)\s*", re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:(?:" + WRITING + r")\s+)?(?:" + LEADS + "|" + LABELS + r"|periodista digital)\b\s*:?\s*",
                   re.IGNORECASE)
AGENCY_FIELDS = ("author", "byline")


def agency_evidence(evidence: Sequence[Evidence]) -> list[Evidence]:
    """Agencies that a byline, or a JSON-LD or meta author, names as a whole part ("AFP", "Jane Doe/SP-X")."""
    out: list[Evidence] = []
    for ev in evidence:
        if ev.field not in AGENCY_FIELDS:
            continue
        value = canonical(ev.value)
        if len(value) > 160 or _picture(value):
            continue  # a picture credit names its agency for the photo only
        for part in _PARTS.split(_LEAD.sub("", value, count=1)):
            name = agency_named(strip_tail(_LEAD.sub("", part, count=1)), tag=True)
            if name:
                out.append(Evidence("syndication", name, f"agency:{ev.origin}"))
                break
    return out


_AFTER_DATE = re.compile(r"(?:\b\d{4}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?|uhr)?(?:\s*(?-i:[A-Z]{2,4})\b)?)\s*[|•·,/-]?\s*"
                         r"(?P<name>(?-i:[A-Z])[\w.&'’-]*(?:\s+(?-i:[A-Z])[\w.&'’-]*){0,4})\s*$", re.IGNORECASE)


def byline_provider_evidence(evidence: Sequence[Evidence], site: set[str]) -> list[Evidence]:
    """A provider named after a byline's date ("By Jane Doe March 11, 2015 3:46 PM Good Morning America"),
    as aggregators credit the outlet a copy comes from."""
    from .bylines import is_person_name  # a name after the date is a second writer, not a provider
    from .first_names import is_given_name

    for ev in evidence:
        if ev.field != "byline" or len(ev.value) > 160:
            continue
        m = _AFTER_DATE.search(canonical(ev.value))
        if not m:
            continue
        agency = agency_named(m.group("name"))
        domain = re.fullmatch(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}", m.group("name"))
        words = m.group("name").split()
        person = is_person_name(m.group("name")) and (len(words) == 2 or is_given_name(words[0]))
        if not agency and not domain and (len(words) < 2 or person):
            continue  # a time zone or "Uhr", one word of chrome, or a second writer (a site's domain counts)
        name = _distributor(m.group("name"), site)
        if name:
            return [Evidence("syndication", name, "byline:after-date")]
    return []


DATELINE_BLOCKS = 3
"""A dateline opens one of the first kept blocks."""
_PAREN_DATELINE = re.compile(r"^\W{0,3}(?P<place>[^\W\d_][^()]{1,60}?)\s*\((?P<org>[^()]{1,40})\)\s*[-–—―:.]")
_LEADING_DATELINE = re.compile(r"^(?P<org>[\w-]{2,12})\s+(?P<place>[A-ZÀ-Þ][\w.’'-]+(?:[ -][A-ZÀ-Þ][\w.’'-]+){0,3})\s*[-–—]\s")
_CJK_DATELINE = re.compile(r"^\s*[【\[]\s*(?P<when>[^】\]]{0,24}?)\s+(?P<org>[^\s】\]]{2,20})\s*[】\]]")
_CAPS = re.compile(r"^[A-Z][A-Z0-9&-]{1,5}$")
_AGENCY_FIRST = re.compile(r"^\W{0,2}\((?P<org>[^()]{2,24})\)\s*[-–—―:]")
"""An agency's tag opening the text before its place: "(ANSA) - ROMA, 12 GEN -"."""
_PAREN_BARE = re.compile(r"^(?P<place>[^\W\d_][^()]{1,40}?)\s*\((?P<org>[^()]{2,24})\)\s+(?=[^\W\d_])")
"""A dateline with no dash after the tag: "New Delhi, Jan 5 (PTI) The ..."; its place holds a date or is in capitals."""
_PLACE_AGENCY = re.compile(r"^\s*[(（](?P<place>[^=＝()（）]{1,20})[=＝](?P<org>[^()（）]{2,24})[)）]")
"""Place and agency joined in one parenthesis: "(서울=연합뉴스)"."""
_CJK_WIRE = re.compile(r"^\s*(?P<org>[^\W\d]{2,6}?社)[^\s，。、]{0,12}?\d{1,2}月\d{1,2}日[电電]")
"""A Chinese wire dateline: the agency, the place, the day and 电 ("新华社北京1月5日电")."""
_CJK_BRACKET = re.compile(r"^\s*【(?P<body>[^】\d]{2,24})】")
"""A Japanese dateline in lenticular brackets ending with the agency: "【ワシントン共同】", "【パリ＝AFP時事】"."""


AGENCY_HEAD = 64
"""Characters of a paragraph's start that hold an agency's dateline."""


def agency_dateline(text: str) -> str | None:
    """The agency of a dateline shape that only an agency writes (the shapes of ``dateline_evidence``'s
    patterns aside): "(ANSA) - ROMA -", "New Delhi, Jan 5 (PTI) The", "(서울=연합뉴스)", "新华社北京1月5日电",
    "【ワシントン共同】"."""
    head = text[:AGENCY_HEAD]
    if not any(ch in head for ch in "(（【电電"):
        return None  # every shape below holds one of these early
    for pattern in (_AGENCY_FIRST, _PLACE_AGENCY, _CJK_WIRE):
        m = pattern.match(text)
        name = agency_named(m.group("org"), tag=True) if m else None
        if name:
            return name
    m = _PAREN_BARE.match(text)
    if m and (any(c.isdigit() for c in m.group("place")) or m.group("place").isupper()):
        name = agency_named(m.group("org"), tag=True)
        if name:
            return name
    m = _CJK_BRACKET.match(text)
    if m:
        body = re.split(r"[=＝]", m.group("body"))[-1].strip()
        for size in range(min(len(body), 12), 1, -1):  # the agency ends the bracket, after its place
            name = agency_named(body[-size:], tag=True)
            if name:
                return name
    return None


def dateline_evidence(blocks: Sequence[Block]) -> list[Evidence]:
    """The distributor a dateline opening the text names ("HAMBURG (dpa) –", "mid Groß-Gerau -", "【6月18日 AFP】").

    The parenthesis may join agencies and desks ("dpa/lno"); any agency among
    them, or an organisation name, is the distributor. A station's call letters
    ("ST. LOUIS (KTVI) –") count after a place written in capitals.
    """
    from .bylines import is_organisation  # the general organisation test, beside the agencies

    first = [b for b in blocks if b.kept][:DATELINE_BLOCKS]
    opening = blocks[: blocks.index(first[-1]) + 1] if first else blocks[:DATELINE_BLOCKS]
    for block in opening:
        text = block.text.strip()
        if not block.kept:  # a first paragraph the builder took for a caption: an agency's dateline only
            for pattern in (_PAREN_DATELINE, _LEADING_DATELINE):
                m = pattern.match(text)
                name = agency_named(m.group("org"), tag=True) if m and len(text.split()) >= 12 else None
                if name:
                    return [Evidence("syndication", name, "text:dateline")]
            continue
        m = _PAREN_DATELINE.match(text)
        if m:
            org = m.group("org").strip()
            for token in re.split(r"\s*[/,]\s*", org):
                name = agency_named(token, tag=True)
                if name:
                    return [Evidence("syndication", name, "text:dateline")]
            place = m.group("place")
            if is_organisation(org) or (_CAPS.match(org) and place.upper() == place and any(c.isalpha() for c in place)):
                return [Evidence("syndication", org, "text:dateline")]
        m = _LEADING_DATELINE.match(text)
        if m:
            name = agency_named(m.group("org"), tag=True)
            if name:
                return [Evidence("syndication", name, "text:dateline")]
        m = _CJK_DATELINE.match(text)
        if m:
            name = agency_named(m.group("org"), tag=True)
            if name:
                return [Evidence("syndication", name, "text:dateline")]
        name = agency_dateline(text)
        if name:
            return [Evidence("syndication", name, "text:dateline")]
    return []


CLOSING_BLOCKS = 4
"""Blocks at the text's end that may close it with a tag, a source line or a note."""
AFTER_TEXT = 6
"""Short removed blocks right after the text that are still its closing lines (a source box)."""
_TAG_END = re.compile(r"(?:\((?P<paren>[^()]{2,40})\)|(?<![\w/])(?P<slashed>[\w.-]+(?:/[\w.-]+)+)|(?<=[.!?\"”»)]\s)(?P<lone>\S{2,20}))"
                      r"[.\s]*$")
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>[^.|]{2,60}?)"
                        r"(?:[.,|]\s*(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados).*)?\.?\s*$",
                        re.IGNORECASE)


_PICTURE = re.compile(r"\b(?:foto|fotos|photo|photos|photograph|bild|bilder|image|images|picture|video|grafik|illustration|"
                      r"shutterstock|getty|istock|imago)\b|listenbild|bildquelle|picture[- ]alliance", re.IGNORECASE)
_picture = gated_search(_PICTURE)
"""``_PICTURE.search``, asked only of texts holding one of its words."""
_gated = lru_cache(maxsize=32)(gated_search)
"""A data pattern's search behind its required strings (rules/literals.py), made once per pattern."""
_CONTRIBUTED = re.compile(r"\b(?:mit|with|avec|con|com|met)\b", re.IGNORECASE)
"""A tag that names the outlet with the agency ("FR mit dpa"): the agency only contributed material."""
PROSE_WORDS = 20


def closing_blocks(blocks: Sequence[Block]) -> list[Block]:
    """The text's closing blocks, in order: from its last paragraph of prose (or its last few
    blocks) on, and the short removed ones right after it that are no picture credit."""
    last = next((i for i in range(len(blocks) - 1, -1, -1) if blocks[i].kept), None)
    if last is None:
        return []
    kept = [b for b in blocks[: last + 1] if b.kept]
    prose = next((k for k in range(len(kept) - 1, -1, -1) if len(kept[k].text.split()) >= PROSE_WORDS), len(kept) - 1)
    start = max(0, min(prose, len(kept) - CLOSING_BLOCKS))
    after = [b for b in blocks[last + 1 : last + 1 + AFTER_TEXT]
             if len(b.text.split()) <= 20 and "caption" not in (b.removed_by or "") and b.kind.value != "caption"
             and not _picture(b.text)]
    return kept[start:] + after


_TAG_TAIL = 42
"""The longest tag ``_TAG_END`` reads in parentheses (or as a lone last word) with its brackets."""


def tag_end(text: str) -> re.Match[str] | None:
    """``_TAG_END.search(text)``, started where a match can begin at the earliest.

    A match ends the text, up to a run of dots and spaces, so it starts at most ``_TAG_TAIL``
    characters before that run, or where the run of word characters, dots, dashes and slashes
    standing before it starts (a slashed tag has no length limit). The search from there finds
    the same match (its lookbehinds still see the text before), without trying every position of
    a long paragraph.
    """
    end = len(text)
    while end and (text[end - 1] == "." or text[end - 1].isspace()):
        end -= 1
    start = end
    while start and (text[start - 1].isalnum() or text[start - 1] in "_./-"):
        start -= 1
    return _TAG_END.search(text, max(0, min(start, end - _TAG_TAIL)))


PROVIDED_WORDS = 16
"""A provider credit is a short line ("Distributed by Tribune Content Agency, LLC.")."""


def closing_evidence(blocks: Sequence[Block], site_keys: set[str]) -> list[Evidence]:
    """A distributor the text's closing lines name: an agency tag, a copyright or source line, a republication note.

    ``site_keys``: folded names of the site itself (its outlet names and host),
    which a closing line may name without the story being a copy.
    """
    data = syndication_data()
    out: list[Evidence] = []
    closing = closing_blocks(blocks)
    for i, block in enumerate(closing):
        text = canonical(block.text)
        last_kept = block.kept and (i + 1 == len(closing) or not closing[i + 1].kept)
        name = _closing_tag(text, lone=last_kept or not block.kept)
        if name:
            out.append(Evidence("syndication", name, "text:closing-tag"))
        m = _COPYRIGHT.match(text)
        if m:
            name = agency_named(m.group("name"), tag=True)
            if name:
                out.append(Evidence("syndication", name, "text:copyright"))
        m = data.source_label.match(text)
        if m:
            name = _distributor(m.group("name"), site_keys)
            if name:
                release = data.press_release.search(m.group("name"))
                out.append(Evidence("syndication", name, "text:press-release" if release else "text:source-line"))
        m = data.reprint.search(text) if len(text) <= 200 else None
        if m:
            name = _distributor(m.group("name"), site_keys)
            if name:
                out.append(Evidence("syndication", name, "text:republished"))
        n = len(text.split())
        m = _gated(data.provided_by)(text) if n <= PROVIDED_WORDS else None
        if m:
            name = _distributor(m.group("name"), site_keys)
            if name:
                out.append(Evidence("syndication", re.sub(r"\s+(?:inc|llc|ltd|gmbh)\.?$", "", name, flags=re.I),
                                    "text:provided-by"))
        m = _gated(data.republished)(text) if n <= 60 else None
        if m:
            name = _distributor(m.group("name"), site_keys)
            if name:
                out.append(Evidence("syndication", name, "text:republished"))
    return out


def _closing_tag(text: str, lone: bool = True) -> str | None:
    """The agency a tag ending a paragraph names: "(dpa)", "(ats/nxp)", "aja/PAP"; with ``lone`` (the text's
    last line) also a last word apart ("... skeptisch. AgE") or a line that is only the agency ("AFP")."""
    if _picture(text[-60:]):
        return None  # a picture credit ("Foto: dpa")
    n = len(text.split())
    if n <= 4:  # (a longer text is never taken whole: its key is not read at all)
        whole = agency_named(text, tag=lone and n == 1 and (text.islower() or text.isupper()))
        if whole:  # "dpa" alone closing the text
            return whole if lone else None
    m = tag_end(text)
    if not m or (m.group("lone") and not lone):
        return None
    tag = m.group("paren") or m.group("slashed") or m.group("lone")
    if _CONTRIBUTED.search(tag):
        return None
    for token in re.split(r"\s*[/,;]\s*", tag):
        if m.group("lone") and token.islower():
            continue  # a last word of the sentence, not a tag
        name = agency_named(token, tag=True)
        if name:
            return name
    return None


_CUT = re.compile(r"\s*(?:[,(|]|\s[-–—]\s|\s+(?:on|am|le|el|il|vom|du|del)\s+\d|\s+\d{1,2}[./]\s?\d{1,2}[./]|\.(?:\s|$)"
                  r"|\s+(?:under\s+(?:a|the)|and\s+(?:is|was|has\s+been)|with(?:\s+\w+)?\s+permission|as\s+part\s+of)\s).*$",
                  re.IGNORECASE)
_CITATION = re.compile(r"\bdoi\b|doi\.org|\bet al\b|\bvol\.|\bpp?\.\s*\d", re.IGNORECASE)
"""A source line citing a paper ("Quelle: Science, 2022; doi: ..."): the story's source, not its distributor."""
_PRESS_RELEASE = re.compile(r"^(?:pressemitteilung|pressemeldung|press release|medienmitteilung|communiqué de presse|pm)\s+",
                            re.IGNORECASE)


def _distributor(raw: str, site_keys: set[str]) -> str | None:
    """The organisation a source line or note names, cut before a date, a title or a link's path; None for the site itself."""
    text = raw.strip(" ©:").strip()
    picture = _picture(text)
    if picture:
        text = text[: picture.start()].strip()  # "The Guardian Photograph: Jane Doe/AFP": the credit ends the name
    url = re.match(r"^(?:https?://)?(?:www\.)?([\w-]+(?:\.[\w-]+)+)(?:/\S*)?", text)
    if url and ("." in url.group(1)) and (text.startswith(("http", "www.")) or "/" in url.group(0)
                                          or re.match(r"^[\w-]+\.[a-z]{2,}\b", text)):
        name = url.group(1)
    else:
        name = _PRESS_RELEASE.sub("", _CUT.sub("", text)).strip(" .:;\"'“”«»")
    if not name or len(name.split()) > 8 or not name[0].isalpha() or _CITATION.search(raw):
        return None
    key = _key(name.lower().removeprefix("www."))
    bare = _key(re.sub(r"\.[a-z]{2,}$", "", name.lower().removeprefix("www.")))
    if key in site_keys or bare in site_keys:
        return None
    agency = agency_named(name, tag=True)
    if agency:
        return agency
    words = name.split()
    if words[0][0].islower() and "." not in name and not agency:
        return None  # a phrase, not a name ("the web", "unsere Partner")
    if any(w.casefold() in syndication_data().not_distributors for w in words):
        return None
    if sum(w[:1].islower() and w.casefold() not in syndication_data().name_particles for w in words[1:]) >= 2:
        return None  # words of a sentence ("ATP in terms of sponsorship rates"), not a name
    from .bylines import is_organisation, is_person_name
    from .first_names import is_given_name

    if is_person_name(name) and is_given_name(words[0]) and not is_organisation(name):
        return None  # a person ("produced by Jane Doe"): a distributor is an organisation
    return name


def other_edition(name: str, own: set[str]) -> bool:
    """``name`` is the site's brand with an edition word before or after it ("VICE US" on vice.com's UK
    edition): the brand's other edition, which counts as the copy's distributor, not the site itself."""
    words = name.split()
    if len(words) < 2:
        return False
    editions = syndication_data().editions
    for edition, rest in ((words[-1], words[:-1]), (words[0], words[1:])):
        brand, mark = _key(" ".join(rest)), letters_key(edition)
        if mark in editions and brand in own:
            # the site's own edition when its names or its host spell the two together ("japan.example.com")
            return not any(brand + mark in k or mark + brand in k for k in own)
    return False


SOURCE_LINES = ("text:source-line", "html:source-line", "html:source-link")


def credible_source(ev: Evidence, has_writer: bool) -> bool:
    """Whether a source line still names the distributor once the page names its own writer: a writer's
    story cites its sources ("Source: KGUN 9" under a video, a product's maker, a study), so only an
    agency, or a name that says it is one ("juragentur.de"), counts there; and a source line read from
    the markup alone (not in the article's text: a sidebar's ticker may hold it) counts not at all."""
    if not has_writer or ev.origin not in SOURCE_LINES:
        return True
    if ev.origin.startswith("html:source-"):
        return False
    key = letters_key(ev.value)
    return bool(agency_named(ev.value, tag=True)) or any(w in key for w in syndication_data().agency_words)


PROVIDER_BLOCKS = 15
"""Blocks at the page's top (kept or not) where an aggregator shows its provider."""


def provider_evidence(blocks: Sequence[Block], evidence: Sequence[Evidence], site_keys: set[str]) -> list[Evidence]:
    """A provider credit: "© Provided by The Guardian", "Source: Zillow", "2017-03-10　来源：X　作者：Y", in a short
    line near the top or in a caption."""
    data = syndication_data()
    lines = [canonical(b.text) for b in blocks[:PROVIDER_BLOCKS]]
    lines += [canonical(e.value) for e in evidence if e.field in ("caption", "credit")]
    for text in lines:
        if len(text.split()) > 16:
            continue
        m = _gated(data.provided_by)(text) or (data.source_label.search(text.rsplit("/", 1)[-1]) if "/" in text else None) \
            or _gated(data.cjk_source)(text)
        if m:
            name = _distributor(m.group("name"), site_keys)
            if name:
                return [Evidence("syndication", re.sub(r"\s+(?:inc|llc|ltd|gmbh)\.?$", "", name, flags=re.I),
                                 "text:provided-by")]
    return []


ADDRESS_ORIGINS = ("url:domain", "config:domain")
"""Outlet evidence read off the page's address, not declared by the page."""


def site_keys(host: str | None, evidence: Sequence[Evidence]) -> set[str]:
    """Folded names the site goes by: its declared outlet names and its host's name (without ``host``,
    the canonical link's).

    Where the page declares its names and none of them is the host's name (an aggregator's "MSN" or a
    sister site's "Fortune" under a URL of businessinsider.com or time.com), the address is the
    original's canonical one, given for the copy: the host then names the source, not the site."""
    declared = [canonical(e.value) for e in evidence if e.field == "outlet" and e.origin not in ADDRESS_ORIGINS]
    foreign = bool(host and declared) and not any(names_host(v, host) for v in declared)
    keys = {_key(v) for v in declared}
    if not foreign:
        keys.update(_key(canonical(e.value)) for e in evidence if e.field == "outlet" and e.origin in ADDRESS_ORIGINS)
        # the canonical link speaks for the site only when the page's own address is unknown:
        # on an aggregator it names the outlet the copy came from
        hosts = [host] if host else [urlsplit(e.value.strip()).hostname for e in evidence if e.field == "canonical_url"]
        for h in hosts:
            if h:
                h = h.lower().removeprefix("www.")
                labels = h.split(".")  # the name's label: a subdomain ("japan.", "edition.") is no name of the site
                keys.update({_key(h), _key(h.rsplit(".", 1)[0]), _key(labels[-2] if len(labels) >= 2 else labels[0])})
    keys.discard("")
    return keys


MAX_SOURCE_LINES = 3


def _trie(words: Sequence[str]) -> str:
    """An alternation of ``words`` factored by common prefixes ("qu(?:elle(?:n)?)"): at each start the
    engine tests a few first letters instead of every word."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@dataclass(frozen=True, slots=True)
class MarkupPatterns:
    """The markup readers' patterns, compiled once from syndication.toml."""
    line_start: re.Pattern[str]
    """A text node opening with a source label or a provider phrase: the one pass that finds where
    ``source`` and ``provider`` may match. White space is possessive, so a long run of spaces after a
    tag is read once, not once per starting space."""
    source: re.Pattern[str]
    provider: re.Pattern[str]
    note_keys: tuple[str, ...]
    """Words one of which every republication note holds, for a cheap find before the note pattern."""


NOTE_KEYS = ("originally", "first appeared", "first published", "republished", "reprinted", "erschien",
             "initialement", "originalmente", "originariamente", "oorspronkelijk", "erstveröffentlichung")
"""A word of each republication phrase (syndication.toml), searched in this order."""


@lru_cache(maxsize=1)
def markup_patterns() -> MarkupPatterns:
    with open(Path(__file__).with_name("syndication.toml"), "rb") as fh:
        phrases = tomllib.load(fh)["phrases"]
    labels, provided = phrases["source_labels"], phrases["provided_by"]
    line_words = sorted({w.lower() for w in labels + provided})
    return MarkupPatterns(
        line_start=re.compile(r">\s*+" + first_char_guard([*line_words, "©", "&copy;"])
                              + r"(?:(?:©|&copy;)\s*+)?" + _trie(line_words), re.IGNORECASE),
        source=re.compile(r">\s*(?:" + _alternation(labels) + r")\s*[:：](?:&nbsp;|\s)*(?:</?(?:a|span|strong|b|em|i)\b[^>]*>(?:&nbsp;|\s)*)*"
                          r"(?P<name>[^<>]{2,200}?)\s*<(?!br)", re.IGNORECASE),
        provider=re.compile(r">\s*(?:(?:©|&copy;)\s*)?(?:" + _alternation(provided) + r")(?:\s*:)?\s+(?P<name>[^<>]{2,80}?)\s*<",
                            re.IGNORECASE),
        note_keys=NOTE_KEYS,
    )


def _markup_lines(markup: str) -> tuple[list[re.Match[str]], re.Match[str] | None]:
    """The page's source lines (in order, not overlapping) and its first provider credit, from one pass
    over the markup: the full patterns are tried only where a text node opens with a label or a phrase."""
    pats = markup_patterns()
    sources: list[re.Match[str]] = []
    provider = None
    end = 0
    for hit in pats.line_start.finditer(markup):
        at = hit.start()
        if at >= end:
            m = pats.source.match(markup, at)
            if m:
                sources.append(m)
                end = m.end()
        if provider is None:
            provider = pats.provider.match(markup, at)
    return sources, provider


def _source_line(found: Sequence[re.Match[str]], site: set[str]) -> list[Evidence]:
    """The last source line naming an agency, or a press release's issuer ("Quelle: <a>Example
    University</a>, Pressemitteilung": the line calls the text a release)."""
    data = syndication_data()
    for m in reversed(found[-MAX_SOURCE_LINES:]):
        name = _distributor(canonical(m.group("name")), site)
        if name and agency_named(name, tag=True):
            return [Evidence("syndication", name, "html:source-line")]
        line = m.string[m.start("name"):m.end() + LINE_TAIL]
        line = _MARKUP_TAG.sub(" ", re.split(r"<(?:/p|br|/div|/li)\b", line, maxsplit=1, flags=re.I)[0])
        if name and data.press_release.search(line):
            return [Evidence("syndication", name, "html:press-release")]
        host = _linked_host(m) if name is None and len(m.group("name").split()) > TITLE_WORDS else None
        if host and _distributor(host, site):  # "Quelle: <a href=https://x.example/…>A Story's Title</a>"
            return [Evidence("syndication", host, "html:source-link")]
    return []


TITLE_WORDS = 8
"""More words than a name has: a source line giving a story's title, linked to where it appeared."""
_LINK_OPEN = re.compile(r"<a\b[^>]*?\bhref=[\"']https?://(?:www\.)?(?P<host>[\w-]+(?:\.[\w-]+)+)(?P<path>[^\"'#?]*)[^>]*>\s*$",
                        re.IGNORECASE)
_DOCUMENT = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|csv|zip)$", re.IGNORECASE)
"""A link to a file: a cited document (a parliament's paper, a study), not the story's first appearance."""


def _linked_host(m: re.Match[str]) -> str | None:
    """The host of the link the source line's title is: an anchor opened around the label or the name."""
    link = _LINK_OPEN.search(m.string, max(0, m.start() - 300), m.start() + 1)
    if link is None:
        opened = m.string.rfind("<a", m.start(), m.start("name"))
        link = _LINK_OPEN.search(m.string, opened, m.string.find(">", opened) + 1 if opened >= 0 else 0) \
            if opened >= 0 else None
    return link.group("host").lower() if link and not _DOCUMENT.search(link.group("path")) else None


DATE_GAP = 200
"""Markup between a date element's end and a source line that still makes them one date line."""
LINE_TAIL = 120
"""Markup after a source line's name that may still say what the source is ("…</a>, Pressemitteilung")."""


DATE_SOURCE_TIMES = 3
"""Date elements looked beside for a source: the story's own date comes among the page's first."""
DATE_SOURCE_SIBLINGS = 2


def date_source_evidence(times: Sequence[LexborNode], site: set[str]) -> list[Evidence]:
    """A source label in an element right after one of the page's first date elements: "<time>Dec. 22,
    2016</time><span> / Source: X</span>". The story's date line credits its provider, so any name counts,
    beside a writer too. Only the date elements' next siblings are read (found in the one element pass)."""
    pattern = syndication_data().date_source
    for node in times[:DATE_SOURCE_TIMES]:
        sibling = node.next
        for _ in range(DATE_SOURCE_SIBLINGS):
            if sibling is None:
                break
            text = sibling.text(deep=True)
            m = pattern.match(canonical(text)) if text.strip() else None
            name = _distributor(m.group("name"), site) if m else None
            if name:
                return [Evidence("syndication", name, "html:date-source")]
            if text.strip():
                break  # the date's next words are something else
            sibling = sibling.next
    return []


def _provider(raw: str | None, site: set[str]) -> list[Evidence]:
    name = _distributor(canonical(raw), site) if raw else None
    if not name:
        return []
    return [Evidence("syndication", re.sub(r"\s+(?:inc|llc|ltd|gmbh)\.?$", "", name, flags=re.I), "html:provided-by")]


def markup_syndication_evidence(markup: str | None, site: set[str], page_text: str | None = None) -> list[Evidence]:
    """Every markup reader of this module, sharing one pass for source lines and provider credits:
    a source line, a provider credit, a dateline, a republication note (in that order).

    ``page_text``: the text of the page's parsed tree (its text nodes, about a third of the markup), where
    the republication keys are looked for before the markup is lower-cased. The plain readers below
    (``source_line_evidence``, ``provider_markup_evidence``, ``markup_evidence``) give the same evidence,
    each on its own scan; a test checks that both paths agree."""
    if not markup:
        return []
    sources, provider = _markup_lines(markup)
    out = _source_line(sources, site) if ":" in markup else []
    out += _provider(provider.group("name") if provider else None, site)
    out += _dateline_markup(markup, fast=True)
    out += _note_markup(markup, site, keys_in=markup if page_text is None else page_text)
    return out


def source_line_evidence(markup: str | None, site: set[str]) -> list[Evidence]:
    """The last "Quelle: Kathpress" line of the page's markup, for pages whose text extraction leaves it out
    (a line set apart under the article). Read from the markup: a cheap scan, no second parse. Only an
    agency counts here: a chart's, a picture's or a video's source is often a site, a company or a title."""
    if not markup or ":" not in markup:
        return []
    return _source_line(list(markup_patterns().source.finditer(markup)), site)


def provider_markup_evidence(markup: str | None, site: set[str]) -> list[Evidence]:
    """An aggregator's provider credit in the markup ("<span>© Provided by Prairie Ledger</span>"), where
    the page's pruning may drop it as chrome before it becomes a block."""
    if not markup:
        return []
    m = markup_patterns().provider.search(markup)
    return _provider(m.group("name") if m else None, site)


_MARKUP_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH = re.compile(r"<p\b[^>]*>(?P<text>(?:[^<]+|<(?!/p\s*>|p\b))*)", re.IGNORECASE)
_PARAGRAPH_FAST = re.compile(r"<[pP]\b[^>]*+>(?P<text>(?:[^<]++|<(?!/[pP]\s*>|[pP]\b))*+)")
"""``_PARAGRAPH`` found faster: no case-folding of the whole pattern (the tag's letter is a class), so the
engine jumps from "<" to "<"; and possessive loops, as the paragraph's end is the first "</p>" or "<p"."""
MARKUP_PARAGRAPHS = 40
"""Paragraphs of the markup searched for a dateline (the story's first ones come early)."""
NOTE_WINDOW = 400
"""Markup after a republication phrase that can hold the name it credits."""


def _in_script(markup: str, pos: int) -> bool:
    return markup.rfind("<script", 0, pos) > markup.rfind("</script", 0, pos)


class _Scripts:
    """``_in_script`` for many positions of one page: the script tags are found once, then each position
    is placed among them by bisection (a key inside a large script's data is met many times)."""

    def __init__(self, markup: str) -> None:
        self.opens = _starts(markup, "<script")
        self.closes = _starts(markup, "</script")

    def holds(self, pos: int) -> bool:
        o = bisect.bisect_right(self.opens, pos - len("<script"))
        c = bisect.bisect_right(self.closes, pos - len("</script"))
        return (self.opens[o - 1] if o else -1) > (self.closes[c - 1] if c else -1)


def _starts(text: str, sub: str) -> list[int]:
    out, pos = [], text.find(sub)
    while pos >= 0:
        out.append(pos)
        pos = text.find(sub, pos + 1)
    return out


def markup_evidence(markup: str | None, site: set[str]) -> list[Evidence]:
    """Datelines and republication notes in the page's markup, for pages whose extraction or pruning drops them
    (an editor's note set apart by the headline, a first paragraph the builder took for a caption).

    Only agencies count for a dateline here; a note's name is cut as in the text readers.
    """
    if not markup:
        return []
    return _dateline_markup(markup, fast=False) + _note_markup(markup, site, keys_in=None)


_DATELINE_HINT = re.compile(rf"[(（【\[电電&\-–—{MOJIBAKE_LEADS}](?:(?<=[(（【\[电電&])|(?<=[-–—])[{INVISIBLE_CHARS}]*\s"
                            rf"|(?<=[{MOJIBAKE_LEADS}])[{MOJIBAKE_FOLLOWERS}])")
"""What a dateline pattern needs in the canonical text: "(", "【", "[" (or the "电" of a Chinese wire's), or a
dash before a space (only dropped characters between); or what ``canonical`` may turn into one of these: an
entity ftfy decodes ("&"), a mojibake pair (the pairs ``canonical`` repairs). Without any of these,
``canonical`` only drops and folds characters, which makes no dateline. One class first, so the regex engine
skips to it; a plain dash or an accented letter (most paragraphs hold one) passes only with what follows."""


def _dateline_markup(markup: str, fast: bool) -> list[Evidence]:
    """An agency's dateline opening one of the markup's first paragraphs. ``fast``: a paragraph whose text
    holds no character a dateline needs is passed over before it is made canonical."""
    for count, m in enumerate((_PARAGRAPH_FAST if fast else _PARAGRAPH).finditer(markup)):
        if count >= MARKUP_PARAGRAPHS:
            break
        raw = htmllib.unescape(_MARKUP_TAG.sub("", m.group("text")[:400]))
        if fast and not _DATELINE_HINT.search(raw):
            continue
        text = canonical(raw)
        if len(text) < 12:
            continue
        for pattern in (_PAREN_DATELINE, _LEADING_DATELINE, _CJK_DATELINE):
            d = pattern.match(text)
            if d:
                for token in re.split(r"\s*[/,]\s*", d.group("org")):
                    name = agency_named(token, tag=True)
                    if name:
                        return [Evidence("syndication", name, "html:dateline")]
        name = agency_dateline(text)
        if name:
            return [Evidence("syndication", name, "html:dateline")]
    return []


_NOT_TEXT = frozenset(("script", "style"))


def note_keys_text(tree: LexborHTMLParser) -> str | None:
    """The text where ``markup_syndication_evidence`` looks for the republication keys: the body's text without
    the scripts and styles that are its own children (where pages put their data and trackers: about a third of
    the body's text). A note is never there, and the notes looked for in the markup pass over scripts anyway."""
    body = tree.body
    if body is None:
        return None
    parts = []
    node = body.child
    while node is not None:
        if node.tag not in _NOT_TEXT:
            parts.append(node.text())
        node = node.next
    return "".join(parts)


def _note_markup(markup: str, site: set[str], keys_in: str | None) -> list[Evidence]:
    """A republication note outside the page's scripts: the first of ``NOTE_KEYS`` found whose note names
    a distributor. ``keys_in``: a text where a key must stand for the markup to be searched for it (the
    page's text, shorter than its markup); the key's letters after the first are looked for there, so
    "Originally" is found without lower-casing (a key in capitals throughout, "ORIGINALLY", is not)."""
    pattern = syndication_data().republished
    low: str | None = None
    scripts: _Scripts | None = None
    for phrase in markup_patterns().note_keys:
        if keys_in is not None and phrase[1:] not in keys_in:
            continue
        if low is None:
            low = markup.lower()
        pos = low.find(phrase)
        if keys_in is None:
            while pos >= 0 and _in_script(markup, pos):
                pos = low.find(phrase, pos + 1)
        else:
            while pos >= 0 and (scripts := scripts or _Scripts(markup)).holds(pos):
                pos = low.find(phrase, pos + 1)
        if pos < 0:
            continue
        start = markup.rfind(">", 0, pos) + 1
        text = canonical(htmllib.unescape(_MARKUP_TAG.sub(" ", markup[start:pos + NOTE_WINDOW])))
        note = pattern.search(text)
        if note:
            name = _distributor(note.group("name"), site)
            if name:
                return [Evidence("syndication", name, "html:republished")]
    return []


SLOT_TEXT = 40
"""An agency's slot holds its name and little else ("Por AFP", "(Agenturen)")."""
SLOT_ANCESTORS = 8


@lru_cache(maxsize=1)
def _slots() -> tuple[MarkedElements, tuple[str, ...]]:
    with open(Path(__file__).with_name("syndication.toml"), "rb") as fh:
        raw = tomllib.load(fh)["slots"]
    slots = MarkedElements(tuple(raw["words"]), tuple(raw["probes"]), ("class", "id"), ("itemprop", "author"))
    return slots, tuple(raw["not_in"])


def slot_evidence(tree: LexborHTMLParser) -> list[Evidence]:
    """An agency alone in an author's, a credit's or a source's slot of the unpruned page, where the byline
    readers, looking for people, find nothing: "<span itemprop="author">AFP</span>", "<p class="credit">JIJI</p>",
    a source box "DPA" under the text. A slot inside a figure, a teaser or a hidden element is passed over
    (a wire credited for a photo or for another story); the first slot left is the story's, so one
    naming anyone else ends the search (the slots after it are teasers' and lists')."""
    slots, not_in = _slots()
    root = tree.body or tree.root
    if root is None:
        return []
    for node in slots.find(root):
        text = node.text(deep=True, strip=True)
        if not text or len(text) > SLOT_TEXT or _in_excluded(node, not_in):
            continue
        name = agency_named(strip_tail(_LEAD.sub("", canonical(text), count=1)))
        if name is None:
            return []  # the story's own slot names someone else: later slots belong to other stories
        return [Evidence("syndication", name, "agency:html:slot")]
    return []


def _in_excluded(node: LexborNode | None, not_in: tuple[str, ...]) -> bool:
    """The node or one of its near ancestors is a figure, a hidden element or a slot of the ``not_in`` kinds."""
    for _ in range(SLOT_ANCESTORS):
        if node is None or node.tag in ("body", "html"):
            return False
        if node.tag in ("figure", "figcaption", "aside", "nav"):
            return True
        attrs = node.attributes
        marks = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
        style = (attrs.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "hidden" in attrs or any(w in marks for w in not_in):
            return True
        node = node.parent
    return False


SOURCE_META_NAMES = ("dc.source", "source", "dcterms.source")
"""The <meta> names that declare the story's source (read without regard to ASCII case)."""
SOURCE_ORGANIZATION = '[itemprop="sourceOrganization"]'
_DECLARED_SOURCE = ", ".join([f'meta[name="{name}" i]' for name in SOURCE_META_NAMES] + [SOURCE_ORGANIZATION])


def is_source_meta(attrs: dict[str, str | None]) -> bool:
    """``attrs`` (a <meta>'s) match one of ``_DECLARED_SOURCE``'s meta selectors (no non-ASCII letter
    lower-cases to one of these names' letters, so ``lower`` reads them as the selector's ASCII folding does)."""
    name = attrs.get("name")
    return name is not None and name.lower() in SOURCE_META_NAMES


def title_tail(tree: LexborHTMLParser) -> str:
    """The folded last part of the page's <title>, where a site most often names itself."""
    title = tree.css_first("title")
    return _key(re.split(r"\s*[-_|｜–—·]\s*", title.text(strip=True))[-1]) if title is not None else ""


def names_title_tail(name: str, tail: str) -> bool:
    """``name`` is the site as its title's last part names it ("半月谈网" under a title ending "-半月谈")."""
    return len(tail) >= 2 and _key(name).startswith(tail)


def declared_source_evidence(tree: LexborHTMLParser, site: set[str],
                             declared: Sequence[LexborNode] | None = None) -> list[Evidence]:
    """The source the page declares for its story: a ``dc.source`` or ``source`` meta tag ("AllBusiness.com",
    "人民日报海外版"), or a microdata ``sourceOrganization``. The site's own name there means its own story.
    ``declared``: those elements, when the page's one element pass found them (html_meta.page_elements)."""
    root = tree.root
    if root is None:
        return []
    nodes = root.css(_DECLARED_SOURCE) if declared is None else declared
    if not nodes:
        return []
    tail = title_tail(tree)
    for node in nodes:
        if node.tag == "meta":
            value = node.attributes.get("content") or ""
        else:
            named = node.css_first('[itemprop="name"]')
            value = (named or node).text(deep=True, strip=True)
        value = canonical(value)
        if not value or len(value) > 80:
            continue
        name = _distributor(value, site)
        if not name or names_title_tail(name, tail):
            continue  # the site's name as its title ends with it ("…-半月谈" declaring "半月谈网")
        if len(letters_key(name)) > SHORT_ALIAS or agency_named(name):  # "BW": the site's own initials
            return [Evidence("syndication", name, "html:declared-source")]
    return []


HEADLINES = 2
"""Headings tried as the headline: a site's logo heading may come first."""
PROVIDER_TEXT = 80
_DATE_CUT = re.compile(r"\s+(?:\d|[(（]).*$|\s*[|•·]\s.*$")
"""A slot's name ends where a number (its date or time) or a bracket begins: "Valley Tech 3/9(木) 18:45配信"."""


@lru_cache(maxsize=1)
def _headline_slots() -> tuple[str, frozenset[str], frozenset[str]]:
    """The selector of the headline's provider and byline slots, and the words that name each kind."""
    with open(Path(__file__).with_name("syndication.toml"), "rb") as fh:
        raw = tomllib.load(fh)["slots"]
    provider, byline = raw["provider_words"], raw["byline_box_words"]
    selector = ", ".join(f'[{attr}*="{w}" i]' for w in provider + byline for attr in ("class", "id"))
    return selector, frozenset(provider), frozenset(byline)


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_MARK_WORD = re.compile(r"[a-z]+")
_LISTED = re.compile(r"[,;]\s*(?![\d(])\w|\s(?:and|und|et|y)\s", re.IGNORECASE)


def _marks(node: LexborNode) -> set[str]:
    """The words of the node's class and id ("article_byline" -> article, byline; not "utm_sourcex")."""
    attrs = node.attributes
    return set(_MARK_WORD.findall(f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()))


def headline_slot_evidence(headings: Sequence[LexborNode], site: set[str], markup: str | None = None,
                           tail: str = "") -> list[Evidence]:
    """The distributor the headline's credit bar names, beside the headline in its box (a small
    subtree, searched once):

    - a provider slot, an element named for an aggregator's or a portal's provider ("provider",
      "partner", "source"): "Prairie Ledger", "Valley Tech 3/9(木) 18:45配信", "来源：X",
      "Dec. 22, 2016 / Source: X"; any organisation that is not the site counts, a person does not;
    - the byline box's line naming another publication apart from the writer's name
      ("By Jane Doe" / "Prairie Post" / a date): the paper the story comes from.
    """
    selector, provider_words, byline_words = _headline_slots()
    for heading in headings[:HEADLINES]:
        scope = heading.parent  # the headline's box: its credit bar stands beside it
        if scope is None or scope.tag in ("body", "html"):
            continue
        boxes = 0
        for node in scope.css(selector):
            if node.tag in _HEADINGS:
                continue
            marks = _marks(node)
            if marks & provider_words:
                found = _provider_slot(node, site, tail)
            elif marks & byline_words and not boxes:
                boxes += 1  # the outermost box: its lines hold the inner slots' text
                found = _byline_box(node, site, markup)
            else:
                continue  # a name that only holds the word ("utm_source…"), or a box inside the first
            if found:
                return found
    return []


def page_provider_evidence(tree: LexborHTMLParser, site: set[str]) -> list[Evidence]:
    """The first provider slot anywhere on the page outside teasers and lists, for a copy whose canonical
    link names another site (an aggregator's page, where the credit bar may be far from the headline)."""
    selector, provider_words, _ = _headline_slots()
    root = tree.body
    if root is None:
        return []
    for node in root.css(selector):
        if node.tag not in _HEADINGS and _marks(node) & provider_words:
            found = _provider_slot(node, site, title_tail(tree))
            if found:
                return found
    return []


def _provider_slot(node: LexborNode, site: set[str], tail: str = "") -> list[Evidence]:
    from .bylines import is_person_name
    from .first_names import is_given_name

    text = canonical(node.text(deep=True, separator=" ", strip=True))
    if (not text or len(text) > PROVIDER_TEXT or text.endswith((":", "：")) or _in_excluded(node, _slots()[1])
            or _PICTURE.search(text)):
        return []
    data = syndication_data()
    label = data.slot_label.search(text) or data.provided_by.search(text)
    raw = label.group("name") if label else text
    if label and _LISTED.search(raw):
        return []  # "Source: A, B reporting": a graphic's data sources, not a provider
    if not label and (node.css_first("time") is not None or raw[:1].isdigit()):
        return []  # a date element named for the page's data source, with no label
    name = _distributor(_DATE_CUT.sub("", raw), site)
    parts = name.split() if name else []
    if (not name or len(parts) > 5 or ":" in name or len(letters_key(name)) < 3 and not agency_named(name)
            or is_person_name(name) and is_given_name(parts[0])):
        return []  # a phrase, another label ("Edited by: …") or a person
    if names_title_tail(name, tail):
        return []  # the site's own name, as its title ends with it ("来源：半月谈网" under "…-半月谈")
    return [Evidence("syndication", name, "html:provider-slot")]


BOX_TEXT = 200
"""A byline box holds a few short lines: a name, a publication, a date."""
BOX_LINE_WORDS = 5


def _byline_box(node: LexborNode, site: set[str], markup: str | None) -> list[Evidence]:
    """A line of the byline box that is a publication other than the site ("Prairie Post"), with a
    writer's "By" line in the same box; a job ("Staff Writer"), a writer's school or ministry, a
    person or a date is no such line."""
    from .bylines import is_affiliation, is_organisation

    text = node.text(deep=True, separator="\n", strip=True)
    if not text or len(text) > BOX_TEXT or _in_excluded(node, _slots()[1]):
        return []
    box_words = _headline_slots()[2]
    lines = [canonical(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not any(_LEAD.match(line) for line in lines):
        return []
    for line in lines:
        if _LEAD.match(line) or len(line.split()) > BOX_LINE_WORDS or any(ch.isdigit() for ch in line):
            continue
        name = line.strip(" /|•·,")
        if not name or "@" in name or not is_organisation(name) or is_affiliation(name) \
                or _MARK_WORD.findall(name.lower()) and set(_MARK_WORD.findall(name.lower())) & box_words:
            continue  # a label of the box ("Post author"), a school or a ministry, no publication
        if _distributor(name, site) == name and not (markup and _house_paper(name, markup)):
            return [Evidence("syndication", name, "html:byline-box")]
    return []


def _house_paper(name: str, markup: str) -> bool:
    """The page links to ``name`` as one of its own: a feed it offers (``<link rel="alternate"
    title="Prairie News">``) or a link's whole text (a menu of the house's papers). A sister paper
    presented so is the site's own, not a distributor."""
    bare = re.escape(re.sub(r"^the\s+", "", name, flags=re.I))
    return bool(re.search(r"<link\b[^>]*\btitle=[\"'][^\"']*\b" + bare + r"\b|>\s*(?:the\s+)?" + bare + r"\s*</a>",
                          markup, re.IGNORECASE))

