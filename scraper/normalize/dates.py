"""Publication dates a page states: in its URL, its <time> elements, and the visible date by its headline.

Structured statements (JSON-LD, meta tags) are read by html_meta.py; this
module reads what a reader sees. The date printed next to the headline or
byline ("Stand: 28.04.2020 18:00 Uhr", "Updated Mar 12, 2020", "4 de mayo de
2022") is the date the page gives its story; a label before it says whether it
is the first publication or an update. Month names, label words and meta tag
names are data (dates.toml). Everything is compiled once per process.
"""

from __future__ import annotations

import html as htmllib
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from ..model import Evidence

DATA_FILE = Path(__file__).with_name("dates.toml")

MIN_YEAR = 1995
"""No news page is older than the web's early years; a smaller year is a false hit."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    meta: dict[str, str]
    """meta tag name (lower-case) -> "published" or "modified"."""
    months: dict[str, int]
    month_first: tuple[str, ...]
    text_date: re.Pattern[str]
    label: re.Pattern[str]
    labels: dict[str, str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """dates.toml, compiled once per process."""
    with open(DATA_FILE, "rb") as fh:
        data = tomllib.load(fh)
    meta = {name: "published" for name in data["meta"]["published"]}
    meta.update({name: "modified" for name in data["meta"]["modified"]})
    months = {name: int(num) for num, names in data["months"].items() for name in names}
    month = r"[^\W\d_]{3,12}"  # any word: looked up in ``months`` after the match (a long alternation is slow)
    day = r"(?:0?[1-9]|[12]\d|3[01])"
    year = r"(?:19|20)\d{2}"
    text_date = re.compile(
        rf"(?<![\w.])(?:"
        rf"(?P<iy>{year})(?P<isep>[-/.])(?P<im>0?[1-9]|1[0-2])(?P=isep)(?P<id>{day})(?!\.?\d)"
        rf"|(?P<na>{day})(?P<nsep>[./-])\s?(?P<nb>0?[1-9]|1[0-2]|{day})(?P=nsep)\s?(?P<ny>{year})(?!\.?\d)"
        rf"|(?P<sd>0[1-9]|[12]\d|3[01])\.(?P<sm>0[1-9]|1[0-2])\.(?P<sy>\d{{2}})(?![\d.])"
        rf"|(?P<dd>{day})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+)?(?P<dm>{month})\.?,?\s+(?:de\s+|del\s+)?(?P<dy>{year})(?!\d)"
        rf"|(?P<mm>{month})\.?\s+(?P<md>{day})(?:st|nd|rd|th)?,?\s+(?P<my>{year})(?!\d)"
        rf")",
        re.IGNORECASE,
    )
    labels = {w: "published" for w in data["labels"]["published"]}
    labels.update({w: "modified" for w in data["labels"]["modified"]})
    label = re.compile(rf"(?:^|[^\w])({_alternation(list(labels))})\s*(?:on|am|le|el|il|:|-|–)?\s*[:.]?\s*(?:\w+,?\s+)?$",
                       re.IGNORECASE)
    return Vocabulary(meta, months, tuple(data["languages"]["month_first"]), text_date, label, labels)


def _valid(year: int, month: int, day: int, latest: int) -> date | None:
    if not MIN_YEAR <= year <= latest:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_first(lang: str | None, vocab: Vocabulary) -> bool:
    lang = (lang or "").casefold().replace("_", "-")
    return lang in vocab.month_first or lang == "en"


@dataclass(frozen=True, slots=True)
class TextDate:
    day: date
    start: int
    end: int


def dates_in_text(text: str, lang: str | None = None, latest: int | None = None) -> list[TextDate]:
    """Every calendar date written in ``text`` (numeric or with a month name), in order.

    A numeric date with a slash or dash reads day first, unless the page's
    language writes the month first (US English) or only one order is a date.
    """
    vocab = vocabulary()
    latest = latest or datetime.now().year + 1
    out = []
    for m in vocab.text_date.finditer(text):
        g = m.groupdict()
        found = None
        if g["iy"]:
            found = _valid(int(g["iy"]), int(g["im"]), int(g["id"]), latest)
        elif g["ny"]:
            a, b, y = int(g["na"]), int(g["nb"]), int(g["ny"])
            if g["nsep"] == "." or not _month_first(lang, vocab):
                found = _valid(y, b, a, latest) or (None if g["nsep"] == "." else _valid(y, a, b, latest))
            else:
                found = _valid(y, a, b, latest) or _valid(y, b, a, latest)
        elif g["sy"]:
            found = _valid(2000 + int(g["sy"]), int(g["sm"]), int(g["sd"]), latest)
        elif g["dy"]:
            month = vocab.months.get(g["dm"].casefold())
            found = _valid(int(g["dy"]), month, int(g["dd"]), latest) if month else None
        elif g["my"]:
            month = vocab.months.get(g["mm"].casefold())
            found = _valid(int(g["my"]), month, int(g["md"]), latest) if month else None
        if found:
            out.append(TextDate(found, m.start(), m.end()))
    return out


def label_of(before: str) -> str | None:
    """"published" or "modified" when the text just before a date labels it so ("Updated", "Stand:")."""
    m = vocabulary().label.search(before[-40:])
    if not m:
        return None
    return vocabulary().labels.get(m.group(1).casefold())


_URL_DATES = (
    re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$|[-_])"),
    re.compile(r"[/_-]((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"),
    re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|$|[-_])"),
)
_URL_DMY = re.compile(r"/(0[1-9]|[12]\d|3[01])-(0[1-9]|1[0-2])-((?:19|20)\d{2})(?:[/_.-]|$)")


def url_date(url: str | None) -> str | None:
    """A full date in a URL path: /2021/03/05/, /2021-03-05-slug, /20210305/."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if m:
            found = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), datetime.now().year + 1)
            if found:
                return found.isoformat()
    m = _URL_DMY.search(path)
    if m:
        found = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)), datetime.now().year + 1)
        if found:
            return found.isoformat()
    return None


# The visible text around the headline, read straight from the markup.
_HEADLINE = re.compile(r"<h1[\s>]", re.IGNORECASE)
_SKIP = re.compile(r"<(script|style|noscript|template|svg|select)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_TIME_ATTR = re.compile(r"<time\b[^>]*?\bdatetime\s*=\s*[\"']?([^\"'>]+)", re.IGNORECASE)
_ISO_HEAD = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")

BEFORE_CHARS = 600
"""Markup before the headline that is read (a kicker or date stamp stands just above it)."""
AFTER_CHARS = 6000
"""Markup after the headline that is read (standfirst, byline, date line)."""
BEFORE_TEXT = 200
"""Of the visible text before the headline, only this much counts: further up is page chrome
(a masthead showing today's date)."""
AFTER_TEXT = 600
"""Of the visible text after the headline, only this much counts: further down is the story."""


def _visible(markup: str) -> str:
    return " ".join(htmllib.unescape(_TAG.sub(" ", _SKIP.sub(" ", markup))).split())


@dataclass(frozen=True, slots=True)
class Stamp:
    """A date found near the headline: the day, how far from the headline, and its label."""

    day: str
    distance: int
    label: str | None
    origin: str


def headline_dates(html: str, lang: str | None = None) -> list[Stamp]:
    """Dates printed near the page's first <h1>, nearest first: <time datetime> values, then visible dates."""
    m = _HEADLINE.search(html)
    if m is None:
        return []
    pos = m.start()
    before_markup = html[max(0, pos - BEFORE_CHARS):pos]
    after_markup = html[pos:pos + AFTER_CHARS]
    after_markup = after_markup[:_end_of_window(after_markup)]
    stamps: list[Stamp] = []
    for t in _TIME_ATTR.finditer(after_markup):
        iso = _ISO_HEAD.match(t.group(1).strip())
        if iso:
            text_before = _visible(after_markup[:t.start()])
            if len(text_before) <= AFTER_TEXT:
                found = _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), datetime.now().year + 1)
                if found:
                    stamps.append(Stamp(found.isoformat(), len(text_before), label_of(text_before), "time"))
    after = _visible(after_markup)[:AFTER_TEXT + 40]
    for d in dates_in_text(after, lang):
        if d.start <= AFTER_TEXT:
            stamps.append(Stamp(d.day.isoformat(), d.start, label_of(after[:d.start]), "text"))
    before = _visible(before_markup)[-BEFORE_TEXT:]
    for d in dates_in_text(before, lang):
        stamps.append(Stamp(d.day.isoformat(), len(before) - d.end + 1, label_of(before[:d.start]), "text-above"))
    stamps.sort(key=lambda s: s.distance)
    return stamps


_WINDOW_END = re.compile(r"<(?:h1|h2|footer)[\s>]", re.IGNORECASE)


def _end_of_window(markup: str) -> int:
    """The story's text runs on past its date line; a second heading ends the search."""
    m = _WINDOW_END.search(markup, 4)
    return m.start() if m else len(markup)


# Elements whose class or id says they hold a date; their short text is read when
# nothing near the headline gives one.
DATE_ELEMENTS = ('[class*="date" i],[id*="date" i],[class*="datum" i],[class*="time" i],[class*="publish" i],'
                 '[class*="posted" i],[class*="fecha" i],[class*="meta" i],[class*="byline" i],[class*="info" i],time')
MAX_DATE_ELEMENTS = 200
MAX_DATE_ELEMENT_CHARS = 300


def date_element_day(tree: LexborHTMLParser, lang: str | None = None) -> str | None:
    """The first date written in a short element named as a date, byline or meta line."""
    body = tree.body
    if body is None:
        return None
    for node in body.css(DATE_ELEMENTS)[:MAX_DATE_ELEMENTS]:
        text = node.text(deep=True, separator=" ")
        if len(text) > MAX_DATE_ELEMENT_CHARS:
            continue
        found = dates_in_text(" ".join(text.split()), lang)
        if found:
            return found[0].day.isoformat()
    return None


# How much each statement counts in the vote for the publication day. The page's
# URL is the most stable statement; what the page shows its readers (a <time> by the
# headline, a short element named as the date) outweighs a single meta stamp, which
# is often a re-indexing time; declared modification dates count little, but do win
# when the page itself shows that date by its headline.
WEIGHTS: dict[str, float] = {
    "url": 3.0,
    "headline:nearest": 1.0,
    "headline:time": 1.5,
    "headline:text": 0.5,
    "headline:published": 1.0,
    "headline:modified": 0.5,
    "itemprop": 1.0,
    "json-ld:published": 1.0,
    "json-ld:created": 1.0,
    "json-ld:modified": 0.5,
    "meta:published": 1.0,
    "meta:modified": 0.5,
    "date-element": 1.5,
}

_KIND_OF_ORIGIN = {"json-ld:datePublished": "json-ld:published", "json-ld:dateCreated": "json-ld:created",
                   "json-ld:dateModified": "json-ld:modified", "html:itemprop-datePublished": "itemprop"}


def _day(value: str) -> str | None:
    from .resolve import clean_date  # resolve owns the date cleaner (local-midnight stamps and all)

    cleaned = clean_date(value)
    return cleaned[:10] if cleaned else None


def vote_publication_day(html: str, tree: LexborHTMLParser, url: str | None, evidence: list[Evidence],
                         lang: str | None = None) -> tuple[str | None, dict[str, str]]:
    """The day most statements of the page agree on, and which statement gave each vote.

    Each kind of statement votes once (its first value), with the weight in WEIGHTS.
    """
    signals: dict[str, str] = {}
    day = url_date(url)
    if day:
        signals["url"] = day
    stamps = headline_dates(html, lang) if html else []
    if stamps:
        signals["headline:nearest"] = stamps[0].day
    for s in stamps:
        signals.setdefault(f"headline:{s.origin if s.origin == 'time' else 'text'}", s.day)
        if s.label:
            signals.setdefault(f"headline:{s.label}", s.day)
    meta = vocabulary().meta
    for ev in evidence:
        if ev.field not in ("published", "modified"):
            continue
        kind = _KIND_OF_ORIGIN.get(ev.origin)
        if kind is None and ev.origin.startswith("meta:"):
            name = ev.origin[5:]
            kind = f"meta:{meta.get(name, ev.field)}"
        if kind and kind not in signals:
            day = _day(ev.value)
            if day:
                signals[kind] = day
    score: dict[str, float] = {}
    for kind, day in signals.items():
        score[day] = score.get(day, 0.0) + WEIGHTS.get(kind, 0.0)
    ranking = sorted(score.values(), reverse=True) + [0.0, 0.0]
    if ranking[0] - ranking[1] <= WEIGHTS["date-element"]:
        # The date elements can still change the winner: read them (a CSS pass over the page).
        found = date_element_day(tree, lang)
        if found:
            signals["date-element"] = found
            score[found] = score.get(found, 0.0) + WEIGHTS["date-element"]
    if not score:
        return None, signals
    return max(score.items(), key=lambda kv: kv[1])[0], signals


_BODY = re.compile(r"<body\b", re.IGNORECASE)
MAX_PAGE_TEXT = 200_000
"""Characters of markup read by the whole-page search (a date that matters is near the top)."""


def page_text_day(html: str, lang: str | None = None) -> str | None:
    """The page's date from its whole visible text, for pages that state none near a headline or in markup.

    A date labelled as the publication ("Erschienen am", "Mise en ligne") wins; else
    one labelled at all ("Stand:", "Updated"); else the first date of the text.
    """
    m = _BODY.search(html)
    text = _visible(html[m.start() if m else 0:][:MAX_PAGE_TEXT])
    found = dates_in_text(text, lang)
    if not found:
        return None
    labelled = [(label_of(text[max(0, d.start - 40):d.start]), d) for d in found]
    for wanted in ("published", "modified"):
        for label, d in labelled:
            if label == wanted:
                return d.day.isoformat()
    return found[0].day.isoformat()


@lru_cache(maxsize=1)
def _script_date() -> re.Pattern[str]:
    with open(DATA_FILE, "rb") as fh:
        keys = tomllib.load(fh)["scripts"]["published"]
    return re.compile(rf"[\"']({_alternation(keys)})[\"']\s*:\s*[\"']((?:19|20)\d{{2}})-(\d{{2}})-(\d{{2}})")


def script_day(html: str) -> str | None:
    """A publication date in the page's own data (a CMS's JSON state: "published_at": "2019-03-02T...")."""
    m = _script_date().search(html)
    if not m:
        return None
    found = _valid(int(m.group(2)), int(m.group(3)), int(m.group(4)), datetime.now().year + 1)
    return found.isoformat() if found else None
