"""Bylines -> person names and the syndication source.

A byline mixes people, roles, organisations, dates and UI text ("By: Jane Doe,
Daily Caller News Foundation", "By JANE DOE and JOHN ROE, Associated Press",
"Jane Doe | Reuters", "Jane Doe, Staff Writer"). It is split into parts and
each part is classified by shape and by the word lists in names.toml: a
person name is two to five capitalised name tokens; an organisation carries an
organisation word or is a known news service.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..lexicon import alternation
from ..lexicon import words as lexicon_words
from .first_names import is_given_name

LEADS = alternation(lexicon_words("byline", "leads"))
"""Words that put a writer's name after them ("by", "von", "par", ...): the lexicon's byline leads."""
LABELS = alternation(lexicon_words("byline", "labels")) + r"(?:in|innen|en)?"
"""Words that label the author field, with the German inflections ("Autorin", "Autoren")."""
WRITING = alternation(lexicon_words("byline", "writing"))
"""The kind of writing named before a lead word ("Story by", "Reporting by")."""


@dataclass(frozen=True, slots=True)
class NameData:
    news_services: frozenset[str]
    organisation_words: frozenset[str]
    legal_forms: frozenset[str]
    """Company forms ("S.A.", "GmbH"): an organisation only as a name's last word."""
    collective_words: frozenset[str]
    """Words that make a byline part a group ("... Staff", "... Desk"), never a person."""
    cjk_collective_endings: tuple[str, ...]
    """Endings that make a CJK byline part a newsroom desk ("ASCII編集部")."""
    roles: tuple[str, ...]
    not_names: frozenset[str]
    organisation_suffixes: tuple[str, ...]
    ui_prefix: re.Pattern[str]
    ui_suffix: re.Pattern[str]
    """Buttons after a name ("Follow", "WATCH LIVE")."""
    affiliation_words: frozenset[str]
    phrase_words: frozenset[str]
    split: re.Pattern[str]
    """Separators between the people of one byline: punctuation and the joiners of names.toml
    (``split_pattern``: ``split_plain`` behind a lookahead for where a separator may start)."""
    split_plain: re.Pattern[str]
    """``split`` as written, the reference (a test holds the two to the same parts)."""
    compound_role: re.Pattern[str]
    cjk_organisation_endings: tuple[str, ...]
    role_phrase: re.Pattern[str]
    """A job description after the name: a role word, then "of"/"der"/"at" and where."""
    beat_end: re.Pattern[str]
    """Beats and desks that qualify a job title, at the end of what precedes it ("Jane Doe Sports" of "... Sports Editor")."""
    other_credit: re.Pattern[str]
    """A label crediting another role (photos, translation): "Fotos: John Roe", "translated by John Roe"."""
    """A compound job title opening a byline ("FOCUS-Online-Experte ")."""

    @property
    def services_by_length(self) -> tuple[str, ...]:
        """Multi-word news services, longest first (one-word ones are too ambiguous to split off)."""
        return _services_by_length(self.news_services)


@lru_cache(maxsize=1)
def _services_by_length(services: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted((s for s in services if " " in s), key=len, reverse=True))


@lru_cache(maxsize=1)
def name_data() -> NameData:
    with open(Path(__file__).with_name("names.toml"), "rb") as fh:
        raw = tomllib.load(fh)
    return NameData(
        news_services=frozenset(raw["news_services"]),
        organisation_words=frozenset(raw["organisation_words"]),
        legal_forms=frozenset(raw["legal_forms"]),
        collective_words=frozenset(raw["collective_words"]),
        cjk_collective_endings=tuple(raw["cjk_collective_endings"]),
        roles=tuple(sorted(raw["roles"], key=len, reverse=True)),
        not_names=frozenset(raw["not_names"]),
        organisation_suffixes=tuple(raw["organisation_suffixes"]),
        affiliation_words=frozenset(raw["affiliation_words"]),
        phrase_words=frozenset(raw["phrase_words"]),
        split=split_pattern(raw["joiners"]),
        split_plain=split_pattern(raw["joiners"], guarded=False),
        compound_role=re.compile(
            r"^[\w.]+(?:-[\w.]+)*-\w*?(?:" + "|".join(re.escape(w) for w in raw["compound_role_endings"]) + r")(?:in)?\s+|"
            r"\s+[\w.]+(?:-[\w.]+)*-\w*?(?:" + "|".join(re.escape(w) for w in raw["compound_role_endings"]) + r")(?:in)?$",
            re.IGNORECASE),
        cjk_organisation_endings=tuple(raw["cjk_organisation_endings"]),
        role_phrase=re.compile(
            r"^[\w-]*?(?:" + "|".join(re.escape(w) for w in raw["compound_role_endings"] + raw["role_phrase_heads"])
            + r")(?:in)?\s+(?:" + "|".join(re.escape(w) for w in raw["role_phrase_links"]) + r")\s", re.IGNORECASE),
        beat_end=re.compile(
            r"(?:^|\s+)(?:(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(raw["beat_words"], key=len, reverse=True))
            + r")\s*)+$", re.IGNORECASE),
        other_credit=re.compile(
            r"(?:^|(?<=[\s,;|/·•–—(-]))(?P<text>(?:text|texte|texto|testo|words|story|reporting)\s*(?:und|and|&|et|y|e|\+)\s*)?"
            r"(?:" + "|".join(re.escape(w) for w in sorted(raw["other_credits"], key=len, reverse=True))
            + r")(?:\s*:|\s+(?:by|von|par|de|por|di|da|door)\b|\s+(?=[A-ZÀ-ÞĀ-Ž]))", re.IGNORECASE),
        ui_suffix=re.compile(
            r"(?:\s+(?:" + "|".join(re.escape(p) for p in sorted(raw["ui_suffixes"], key=len, reverse=True)) + r"))+\s*$",
            re.IGNORECASE),
        ui_prefix=re.compile(
            r"^\s*(?:" + "|".join(re.escape(p) for p in sorted(raw["ui_prefixes"], key=len, reverse=True)) + r")\s*:?\s*",
            re.IGNORECASE),
    )


SEPARATORS = (",", ";", "|", "•", "·", "/", "，", "、", "／")
"""Characters that separate the people of a byline wherever they stand."""


def split_pattern(joiners: list[str], guarded: bool = True) -> re.Pattern[str]:
    """The separators between a byline's people: SEPARATORS, a dash between spaces, a joiner (names.toml).

    ``guarded``: behind a lookahead that a separator can start here at all. The pattern is tried at
    every position of a byline, and after its leading white space at each one it tries every joiner
    (IGNORECASE leaves the regex engine no first letter to skip by). A match opens with white space,
    one of SEPARATORS, a joiner that is no word ("&"), or a word joiner after white space or at the
    start (``_joiner``'s lookbehind): the lookahead says so in one test, and so changes no match.
    """
    words = "|".join(_joiner(j) for j in sorted(joiners, key=len, reverse=True))
    plain = r"\s*(?:" + "|".join(re.escape(c) for c in SEPARATORS) + r"|\s[–—-]\s|" + words + r")\s*"
    if not guarded:
        return re.compile(plain, re.IGNORECASE)
    opening = "".join(re.escape(c) for c in (*SEPARATORS, *(j[0] for j in joiners if not j[0].isalnum())))
    return re.compile(rf"(?:(?=[\s{opening}])|(?<!\S)){plain}", re.IGNORECASE)


def _joiner(word: str) -> str:
    """A joiner as a pattern: a word only between spaces ("e" joins, "e. V." does not), "&" anywhere."""
    escaped = re.escape(word).replace(r"\ ", r"\s+")
    return escaped if not word[0].isalnum() else rf"(?<!\S){escaped}(?!\S)"


@dataclass(slots=True)
class Byline:
    authors: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    """Parts that name nobody ("Staff", "Email the author")."""
    unknown: list[str] = field(default_factory=list)
    """Parts that are neither names nor organisations nor roles (a sign this is no byline)."""

    @property
    def syndication(self) -> str | None:
        """The organisation a byline credits, preferring a known news service."""
        data = name_data()
        for org in self.organisations:
            if org.casefold() in data.news_services:
                return org
        return self.organisations[0] if self.organisations else None


GENRE_LEAD = r"(?:ein|eine|a|an|un|une|una|uno)\s+[^\W\d_][\w-]{2,24}(?:\s+[^\W\d_][\w-]{2,24})?"
"""The kind of piece before the byline word: "Eine Kolumne (von)", "A guest post (by)", "Un reportage (par)"."""
_PREFIX = re.compile(
    r"^\s*(?:" + WRITING + r"\s+)?(?:" + GENRE_LEAD + r"\s+(?=" + LEADS + r"\s))?(?:" + LEADS + "|" + LABELS + r")\b\s*:?\s*",
    re.IGNORECASE,
)
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAY = (
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
)
"""Weekday names that open a date after a name ("Jane Doe Monday, February 29, 2016")."""
DATE_HEAD = re.compile(
    r"^(?:\s*(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|"
    rf"(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\.?\s+(?:{_MONTH})\.?\s+\d{{4}}|"
    r"(?:(?:at|um|à|a las|alle)\s+)?\d{1,2}:\d{2}(?:\s*(?:uhr|h|am|pm)\b)?(?:\s+(?-i:[A-Z]{2,4})\b)?)\s*[|•·,–—-]?)+\s*",
    re.IGNORECASE)
"""Dates and times that open a byline line: "04.02.2022 | 13:10 Uhr | Jane Doe", "October 14, 2009|Jane Doe"."""
_POSTED_ON = re.compile(
    r"^\s*(?:posted|published|written|veröffentlicht|publié|publicado)\s+(?!" + LEADS + r"\s)(?:on|am|le|el)?\s*[^|]{4,40}?\s+(?="
    + LEADS + r"\s)", re.IGNORECASE)
"""A date statement before the byline word: "Posted on September 21, 2020 by Jane Doe"."""
_PAREN = re.compile(r"\s*\([^()]{2,80}\)\s*$")
"""A role or affiliation in parentheses after the names: "Jane Doe (Pressesprecherin)"."""
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
# A date, time or "Updated ..." tail ends the names part of a byline.
_TAIL = re.compile(
    r"(?:\s*[|•·,;–—-]?\s*)(?:\b(?:updated|published|posted|last updated|modified|on|veröffentlicht|aktualisiert|"
    r"publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)\b.*|\b(?:datum|date|fecha|data)\s*:.*|\s\b(?:am|le|el|op)\s*$|"
    rf"\b(?:{_WEEKDAY}),?\s+(?=\d|(?:{_MONTH})\b).*|"
    rf"\b(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b.*|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\b.*|\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}.*|"
    r"\b\d{1,2}:\d{2}.*|\b\d+\s+(?:min|minutes?|hours?|days?)\b.*|\s(?:filed\s+)?under\b.*|\s(?:in|unter|dans)\s*$)$",
    re.IGNORECASE,
)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
"""Soft hyphens and zero-width characters inside names ("Mat\u00adthi\u00adas")."""
_LEADING_MARKS = re.compile(r"^[\s\-–—―~*•·|:>]+")
"""Dashes and bullets before a byline: "---- by Jane Doe", "— Jane Doe" under an article."""
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÞĀ-Ž][\w'’.-]*|\([A-ZÀ-ÞĀ-Ž][\w'’.-]*\)|(?:de|da|di|du|la|le|van|von)[A-ZÀ-ÞĀ-Ž][\w'’.-]*|(?:de|da|del|della|der|den|di|du|la|le|van|von|bin|al|el|y|zu|ten|ter|dos|das)|[A-Z]\.)$")
_GLUED_PARTICLE = re.compile(r"^(?:de|da|di|du|la|le|van|von)[A-ZÀ-ÞĀ-Ž]")
"""A family name with its particle written together ("deCasparis", "vanHouten")."""
_ABBREVIATION_END = re.compile(r"(?:\s|^)(?:[A-Z]|Jr|Sr|St)\.$")
_LOWER_PARTICLES = frozenset("de da del della der den di du la le van von bin al el y zu ten ter dos das".split())


def _strip_roles(part: str) -> str:
    """Remove job titles around a name: "Jane Doe, Staff Writer" -> "Jane Doe"."""
    data = name_data()
    text = part.strip(" :-–—()[]@")
    if text.endswith(".") and not _ABBREVIATION_END.search(text):
        text = text.rstrip(".")
    text = text.lstrip(".")
    if data.role_phrase.match(text):
        return ""  # "Projektleiterin der HSS in Tunesien", "Head of Research at ..."
    text = data.compound_role.sub("", text, count=1)
    named = text
    order = _role_order(data.roles)
    while text:
        low = text.casefold()
        role = _first_role(low, order)
        if role is None:
            break
        if low == role:
            return ""
        if low.endswith(" " + role):
            head = text[: -len(role)].rstrip(" ,.-–—")
            for _ in range(3):  # "Jane Doe Former Deputy (Director)", "Jane Doe Chief Political (Correspondent)"
                shorter = data.beat_end.sub("", _MODIFIER_END.sub("", head)).strip()
                if shorter == head:
                    break
                head = shorter
            if not head or (" " not in head and head.isupper() and len(head) <= 3):
                return ""  # a job title alone, or the outlet's initials with one ("CH Contributor")
            if " " not in head and " " in named.strip() and not is_given_name(head):
                return named  # "Rasender Reporter": a pen name, not "Rasender" with a job title
            text = head
        elif _ROLE_OF.match(low, len(role) + 1):
            return ""  # "Associate Professor of Urban Ecology"
        else:
            text = text[len(role) :].lstrip(" ,.:-–—")
    return text


_MODIFIER_END = re.compile(
    r"(?:(?:^|\s+)(?:former|deputy|acting|interim|senior|junior|associate|assistant|executive|chief|lead|"
    r"ehemaliger|ehemalige|stellvertretender|stellvertretende|ancien|ancienne|adjoint|adjointe|ex))+$", re.IGNORECASE)
"""Words that qualify a job title and stay behind when it is cut off the end of a name."""
_ROLE_OF = re.compile(r"(?:of|at|in|for|für|de|à)\b")
_NO_LEADING_ROLE = frozenset(("and", "with"))


@lru_cache(maxsize=1)
def _role_order(roles: tuple[str, ...]) -> dict[str, int]:
    return {role: i for i, role in reversed(list(enumerate(roles)))}


def _first_role(low: str, order: dict[str, int]) -> str | None:
    """The first role (in names.toml order, longest first) that is, ends or opens ``low``.

    The same role a loop over every role would stop at, found by looking up the
    text's word-bounded heads and tails instead (a few lookups, not a hundred).
    A leading "and"/"with" counts only before "of"/"at"/... (it is no title).
    """
    best = order.get(low)
    found = low if best is not None else None
    start = 0
    while True:
        i = low.find(" ", start)
        if i < 0:
            return found
        start = i + 1
        tail = order.get(low[i + 1:])
        if tail is not None and (best is None or tail < best):
            best, found = tail, low[i + 1:]
        head_role = low[:i]
        head = order.get(head_role)
        if (head is not None and (best is None or head < best)
                and (head_role not in _NO_LEADING_ROLE or _ROLE_OF.match(low, i + 1))):
            best, found = head, head_role


_DOMAIN = re.compile(r"\b[\w-]+\.(?:[a-z]{2,3}|info|online|news|media)\b(?:/\S*)?$", re.IGNORECASE)
_URL = re.compile(r"^(?:https?://|www\.)|/", re.IGNORECASE)


CACHED = 8192
"""Texts whose readings (``parse_byline``, ``is_person_name``, ``is_organisation``) are kept: a page's
metadata readers and its resolution ask about the same bylines and names several times over (two in
three calls on the dev pages repeat one), and each reading is a dozen regex passes. Readings depend on
nothing but the text and the word lists, which are read once per process."""


@lru_cache(maxsize=CACHED)
def is_organisation(name: str) -> bool:
    """An organisation: a known news service, an organisation word or ending, or a domain name."""
    data = name_data()
    low = name.casefold().strip()
    if low in data.news_services:
        return True
    if _DOMAIN.search(low) and not re.search(r"\b[a-z]\.$", low):
        return True
    if low.endswith(data.cjk_organisation_endings) and _CJK_CHAR.search(low[-3:]):
        return True  # "ASCII編集部", "新華社": a desk, a paper, an agency
    tokens = re.findall(r"[\w.'’-]+", re.sub(r"\b(\w)\.\s(?=\w\.)", r"\1.", low))  # "e. V." -> "e.v."
    for i, t in enumerate(tokens):
        bare = t.rstrip(".")
        if t in data.organisation_words or bare in data.organisation_words:
            return True
        if (t in data.legal_forms or bare in data.legal_forms or f"{bare}." in data.legal_forms) and i == len(tokens) - 1 and i > 0:
            return True
        if len(bare) > 6 and bare.endswith(data.organisation_suffixes):
            return True
    return any(w in low for w in (".com", ".org", ".net"))


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_HANDLE_NAME = re.compile(r"^[\w][\w.'’-]{1,39}$")


def is_affiliation(name: str) -> bool:
    """An organisation a writer belongs to (a university, a ministry), not a news distributor."""
    words = set(re.findall(r"\w+", name.casefold()))
    return bool(words & name_data().affiliation_words)


def is_single_name(name: str) -> bool:
    """One word that can stand for a person in structured data: "Heiko", "karstenruppert", "c1ph4"."""
    if not _HANDLE_NAME.match(name) or name.isdigit() or "@" in name:
        return False
    if len(name) <= 3 and name.isupper():
        return False  # initials ("JF", "DT") stand for someone a page does not name
    return not re.fullmatch(r"[\d\W_]+", name)


_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_KANA_NAME = re.compile(r"[\u30a1-\u30fa\u30fc]{2,8}")
"""A name written in katakana ("オカモト"): a word like any other, so taken only where a byline slot vouches for it."""


@lru_cache(maxsize=CACHED)
def is_person_name(name: str) -> bool:
    """Two to five name-shaped tokens, at least two capitalised, no digits; or two to four CJK characters."""
    if any(ch.isdigit() for ch in name) or len(name) > 60:
        return False
    if _CJK_NAME.fullmatch(name):
        return not name.endswith(name_data().cjk_organisation_endings)
    tokens = name.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if not all(_NAME_TOKEN.match(t) for t in tokens) or tokens[0][0] == "(" or tokens[-1][0] == "(":
        return False  # a nickname in parentheses stands inside a name ("Richard (R.J.) Doe"), never at its ends
    if any(t.casefold() in name_data().phrase_words for t in tokens[1:]):
        return False  # "Letters To The (Editor)", "Tips For Parents": a title-cased phrase
    if tokens[0].casefold() in _ARTICLES:
        return False  # "The Plain Dealer": a publication, not a person
    if _lead_inside(tokens):
        return False  # "Pressemitteilung von Jane Doe": a label and a byline, not one name
    capitalised = [t for t in tokens if t[0].isupper() or _GLUED_PARTICLE.match(t)]
    return len(capitalised) >= 2


_LEAD_PARTICLES = frozenset(("von", "de", "di", "da", "van"))


def _lead_inside(tokens: list[str]) -> bool:
    """A particle that is a byline word: after words that do not open with a given name and before a
    full name that does ("Ein Kommentar von Jane Doe"); "Ursula von der Leyen" keeps hers."""
    for i, t in enumerate(tokens[1:-2], start=1):
        if t in _LEAD_PARTICLES and is_given_name(tokens[i + 1]) and not is_given_name(tokens[0]):
            return True
    return False


_ARTICLES = frozenset(("the", "der", "die", "das", "les", "los", "las"))
"""Articles that open a publication's name, never a person's (not "Le", "La", "El": they open family names)."""
_LOOSE_NAME = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,3}$")


def _is_loose_name(name: str) -> bool:
    """A name as a structured field writes it, case aside: "Mobasir hassan"; not a phrase ("Tune in Tokyo")."""
    if not (_LOOSE_NAME.match(name) and name[0].isupper()):
        return False
    tokens = name.split()
    if any(t.casefold() in name_data().phrase_words for t in tokens[1:]) or _lead_inside(tokens):
        return False
    return not any(t.islower() and len(t) <= 3 and t not in _LOWER_PARTICLES for t in tokens)


def fix_case(name: str) -> str:
    """ALL-CAPS or all-lower full names to title case, keeping Mc/O' and hyphenated parts right.

    Only letters' case changes, never their number ("ABBY GOODNOUGH" -> "Abby
    Goodnough"). A single word (a user name such as "karstenruppert") stays as written.
    """
    letters = [ch for ch in name if ch.isalpha()]
    mostly_upper = bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
    if not (mostly_upper or name.islower()) or len(name.split()) < 2:
        return name

    def word(w: str) -> str:
        low = w.lower()
        if low in _LOWER_PARTICLES and name.islower():
            return low
        out = "-".join(p[:1].upper() + p[1:] for p in low.split("-"))
        if re.match(r"^mc\w", out, re.IGNORECASE) and len(out) > 3:
            out = "Mc" + out[2].upper() + out[3:]
        if re.match(r"^o['’]\w", out, re.IGNORECASE):
            out = out[:2] + out[2].upper() + out[3:]
        return out

    return " ".join(word(w) for w in name.split())


def _split_services(parts: list[str]) -> list[str]:
    """"MARY MAJOR Associated Press" -> "MARY MAJOR", "Associated Press": a news service ending a part."""
    data = name_data()
    out: list[str] = []
    for part in parts:
        part = part.strip()
        low = part.casefold()
        if low in data.news_services:
            out.append(part)
            continue
        for service in _ending_services(low, data.news_services):
            if len(part) > len(service) + 1:
                head = part[: -len(service)].strip(" ,")
                if head.casefold() == "the" or head.casefold().endswith(" the"):
                    head = head[:-3].strip(" ,")
                out.extend([h for h in (head, part[len(part) - len(service):]) if h])
                break
        else:
            out.append(part)
    return out


def _ending_services(low: str, services: frozenset[str]) -> Iterator[str]:
    """Multi-word news services that end ``low`` after a space, longest first."""
    start = 0
    while True:
        i = low.find(" ", start)
        if i < 0:
            return
        start = i + 1
        tail = low[i + 1:]
        if " " in tail and tail in services:
            yield tail


_DANGLING = re.compile(r"[\s,;:|/·•–—(-]+(?:(?:and|und|et|y|e|&|with|mit)[\s,;:]*)?$", re.IGNORECASE)


_WRITER_AGAIN = re.compile(r"[\s,;|·•–—-](?:written|words|text|story|reporting|geschrieben|verfasst|texte|texto)\s*(?:by|von|par|por|:)\s*",
                           re.IGNORECASE)
"""A writer's credit after another role's: the byline's writers follow it."""


def _cut_other_credits(body: str) -> str:
    """The writers' part of a byline: up to a credit for another role ("Von Jane Doe, Fotos: John Roe").

    "Text und Fotos: Jane Doe" credits the writer too: the label goes, the name stays.
    A credit that opens the line ("Foto: John Roe") leaves nothing.
    """
    m = name_data().other_credit.search(body)
    if m is None:
        return body
    head = body[: m.start()]
    if m.group("text") is not None and not head.strip(" ,;|:-–—"):
        return body[m.end():].strip()
    if not head.strip(" ,;|:-–—"):
        again = _WRITER_AGAIN.search(body, m.end())  # "Medically reviewed by John Roe — Written by Jane Doe"
        return _cut_other_credits(body[again.end():].strip()) if again else ""
    if head.strip() and head.rstrip()[-1].isalnum() and not is_given_name(head.split()[0]):
        return body  # "Revised Edition Edited by ...": no mark ends a writer's name before the label
    return _DANGLING.sub("", head).strip()


_INVERTED = re.compile(r"^\s*(?P<last>[^\W\d_][\w'’-]+(?:\s+[^\W\d_][\w'’-]+)?)\s*,\s*"
                       r"(?P<first>[^\W\d_][\w'’-]+\.?(?:\s+[A-Z]\.)*|[A-Z]\.(?:\s*[A-Z]\.)*)\s*$")


def uninverted(value: str) -> str:
    """"Doe, Jane" -> "Jane Doe": one name written surname first, as library and citation tags do.

    Only when what follows the comma is a known given name or initials ("Doe, J. R."),
    and what precedes it is not one unless initials follow (two people, "Jane, John", stay two).
    """
    m = _INVERTED.match(value)
    if m is None:
        return value
    first, last = m.group("first"), m.group("last")
    lead = first.split()[0]
    if not (is_given_name(lead) or re.fullmatch(r"[A-Z]\.", lead)):
        return value
    if is_given_name(last.split()[0]) and " " not in first:
        return value  # "Jane, John"; "Anderson, Michael L." is one person by its initial
    if last.casefold() in name_data().not_names or is_organisation(last):
        return value
    return f"{first} {last}"


_INTERVIEW = re.compile(r"^\W*(?:(?:ein|eine|an?|un|une|una)\s+)?(?:interview|gespräch|entretien|entrevista|intervista)\b",
                        re.IGNORECASE)
_INTERVIEWEE = re.compile(r"(?:^|\s)(?:mit|with|avec|con)\s", re.IGNORECASE)


def _undoubled(name: str) -> str:
    """"Jane Doe Jane Doe" -> "Jane Doe": a name an element holds twice (visible and for screen readers)."""
    tokens = name.split()
    half = len(tokens) // 2
    if len(tokens) >= 4 and len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]:
        return " ".join(tokens[:half])
    return name


@lru_cache(maxsize=CACHED)
def parse_byline(text: str, allow_single: bool = False) -> Byline:
    """``read_byline``, once per text: the result is shared between its callers, who only read it."""
    return read_byline(text, allow_single)


def read_byline(text: str, allow_single: bool = False) -> Byline:
    """Split a byline into person names (case fixed) and organisations.

    ``allow_single`` accepts a one-word name (a first name or a user name), as
    structured author fields give them; in free text a single word is too weak.
    """
    result = Byline()
    data = name_data()
    body = _LEADING_MARKS.sub("", _INVISIBLE.sub("", text).strip(), count=1)
    body = data.ui_prefix.sub("", DATE_HEAD.sub("", _POSTED_ON.sub("", body, count=1), count=1), count=1)
    body = _PREFIX.sub("", _PREFIX.sub("", body, count=1), count=1)  # "By by Jane Doe": a label, then the line's own lead
    body = data.ui_prefix.sub("", body, count=1)
    body = data.ui_suffix.sub("", body)
    if _INTERVIEW.match(text):
        body = _INTERVIEWEE.split(body, maxsplit=1)[0]  # "Ein Interview von Jane Doe mit John Roe": John is asked
    if "@" in body:  # an address or a handle holds one: most bylines skip both scans
        body = _EMAIL.sub(" ", body)
        body = _HANDLE.sub(" ", body).rstrip()
    else:
        body = body.rstrip()
    body = data.ui_suffix.sub("", body)  # "Jane Doe Follow @janedoe"
    paren = _PAREN.search(body) if ")" in body else None
    with_others = _WITH.match(paren.group(0).strip(" ()")) if paren else None
    if with_others and body[: paren.start()].strip(" ,;:-–—"):
        body = f"{body[: paren.start()]}, {with_others.group('names')}"  # "Jane Doe (avec John Roe et Max Mustermann)"
    elif paren and not is_organisation(paren.group(0).strip(" ()")):
        # "jane@example.com (Jane Doe)", as feeds write it: the name is the parenthesis
        body = paren.group(0).strip(" ()") if not body[: paren.start()].strip(" ,;:-–—") else body[: paren.start()]
    elif paren and body[: paren.start()].strip(" ,;:-–—"):
        body = f"{body[: paren.start()]}, {paren.group(0).strip(' ()')}"  # "Jane Doe (Reuters)": a part of its own
    for _ in range(3):  # "Jane Doe am 12.03.2024 um 10:00": each pass drops one tail
        shorter = _TAIL.sub("", body).strip(" ,|:-–—@")
        if shorter == body:
            break
        body = shorter
    body = data.ui_suffix.sub("", body)  # "Jane Doe Follow Aug 8, 2016": the button before the date
    body = _cut_other_credits(body)
    if not body:
        result.unknown.append(text.strip())  # a photo or translation credit alone names no writer
        return result
    if body.endswith(".") and not _ABBREVIATION_END.search(body):
        body = body.rstrip(".")
    parts = data.split.split(body)
    slot = allow_single
    kana: list[str] = []
    allow_single = allow_single and len([p for p in parts if p.strip()]) == 1
    handles = slot and not allow_single and bool(_POSTED_BY.match(text))  # "Posted by kovarex, TOGos, Albert"
    affiliated = False  # a role or an organisation followed a writer: what comes next may be its name
    for raw_part in _split_services(parts):
        if raw_part.strip().strip(" .:").casefold() in data.not_names:
            result.placeholders.append(raw_part.strip())
            continue
        if _collective(raw_part.strip()):
            result.placeholders.append(raw_part.strip())  # "Motley Fool Staff", "Our Foreign Staff": a group
            continue
        part = _strip_roles(_without_where(_PREFIX.sub("", raw_part.strip(), count=1)))  # "... | By Jane Doe | ..."
        if not part:
            affiliated = bool(result.authors)
            continue
        low = part.casefold()
        if low in data.not_names:
            result.placeholders.append(part)
            continue
        if is_organisation(part):
            affiliated = bool(result.authors)
            if part not in result.organisations:
                result.organisations.append(part)
        elif affiliated and is_person_name(part) and not is_given_name(part.split()[0]):
            result.placeholders.append(part)  # "Jane Doe, Senior Fellow, ACLU Speech, Privacy ...": the role's unit
        elif slot and _KANA_NAME.fullmatch(part) and not is_person_name(part):
            kana.append(part)
        elif (is_person_name(part) or (allow_single and (is_single_name(part) or _is_loose_name(part)))
              or (handles and _listed_handle(part))):
            name = fix_case(_undoubled(_untitled(part)))
            if name not in result.authors:
                result.authors.append(name)
        else:
            result.unknown.append(part)
    if kana and not result.unknown:
        result.authors.extend(k for k in kana if k not in result.authors)  # "文● オカモト／ASCII編集部"
    elif kana:
        result.unknown.extend(kana)  # "NeoL／ネオエル": a brand and its reading, nobody named
    if not _JOINED.search(body):
        _drop_trailing_place(result)
    return result


_WITH = re.compile(r"^(?:with|avec|mit|con|com|met)\s+(?P<names>.+)$", re.IGNORECASE)
"""Co-writers in parentheses after the writer: "(avec Jane Doe et John Roe)", "(with John Roe)"."""
_WHERE = re.compile(r"^(?P<name>.+?)\s+(?:in|im|dans|en|em)\s+\S.*$")
"""A name, then where the writer is or what the post is filed in: "Jane Doe in London", "Jane Doe in Science"."""


_ACADEMIC = re.compile(r"^(?:(?:dr|prof|dipl|ing|mag|med|rer|nat|phil|univ|priv|doz)\.(?:-\w+\.)?\s*)+", re.IGNORECASE)
"""Academic titles before a name ("Dr.", "Prof. Dr.", "Dipl.-Ing."): the spec's authors carry none."""


def _untitled(name: str) -> str:
    """"Prof. Dr. Jane Doe" -> "Jane Doe"; a title before a lone family name stays ("Dr. Doe" names one person)."""
    bare = _ACADEMIC.sub("", name)
    return bare if bare != name and len(bare.split()) >= 2 else name


_POSTED_BY = re.compile(r"^\W*(?:posted|written|geschrieben|verfasst|publié|écrit|publicado|escrito|scritto)\s+"
                        r"(?:by|von|par|por|da)\s", re.IGNORECASE)
"""A post's own credit line: after it, a list of one-word names is a list of its writers' user names."""
_HANDLE_SHAPE = re.compile(r"^(?:[a-z][a-z\d_.-]+|\w*[\d_]\w*)$")


def _listed_handle(part: str) -> bool:
    """One writer of "Posted by kovarex, TOGos, Albert": a known given name or a user name by its shape
    (lower case, mixed case, a digit); "Politik" or "News" is no one."""
    if " " in part or not is_single_name(part):
        return False
    mixed = part not in (part.lower(), part.upper(), part.capitalize())
    return is_given_name(part) or mixed or bool(_HANDLE_SHAPE.match(part))


def _without_where(part: str) -> str:
    """"Jane Doe in Valve" -> "Jane Doe": a place or category after a full person name is no part of it."""
    m = _WHERE.match(part)
    if m is None:
        return part
    name = m.group("name")
    return name if is_person_name(name) and not is_organisation(name) else part


def _collective(part: str) -> bool:
    """A group's byline: ends with a collective word ("Motley Fool Staff") after words that do not open
    with a known given name (a person followed by "Staff" is a name and a role)."""
    if part.endswith(name_data().cjk_collective_endings):
        return True  # "ASCII編集部"
    tokens = part.split()
    if len(tokens) < 2 or tokens[-1].casefold().strip(".") not in name_data().collective_words:
        return False
    head = tokens[:-1]
    return not (len(head) >= 2 and is_given_name(head[0]))


_JOINED = re.compile(r"\s(?:and|und|&|et|y|e|i|og|och|en|with|oraz)\s", re.IGNORECASE)


def _drop_trailing_place(result: Byline) -> None:
    """"Jane Doe, BBC News, New York", "Jane Doe, Polityka Insight": a last name-shaped part that opens
    with no given name, after people who all do, is a place or a unit, not a writer (a writer is
    joined by "and", so a byline with a joiner keeps every name)."""
    names = result.authors
    if len(names) < 2 or len(names[-1].split()) > 3 or is_given_name(names[-1].split()[0]):
        return
    if all(is_given_name(n.split()[0]) for n in names[:-1]):
        result.placeholders.append(names.pop())


def looks_like_byline(text: str, allow_single: bool = False) -> bool:
    """True when ``text`` reads as a byline: names or organisations only, nothing else."""
    if len(text) > 200:
        return False
    parsed = parse_byline(text, allow_single=allow_single)
    return bool(parsed.authors or parsed.organisations or parsed.placeholders) and not parsed.unknown


def strip_tail(text: str) -> str:
    """``text`` without the date, time or "Updated ..." tail that may follow a name ("dpa am 25.01.2022")."""
    for _ in range(3):
        shorter = _TAIL.sub("", text).strip(" ,|:-–—@")
        if shorter == text:
            break
        text = shorter
    return text
