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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import Evidence
from .guards import first_char_guard
from .trust import DATE_VOTE

DATA_FILE = Path(__file__).with_name("dates.toml")

MIN_YEAR = 1995
"""No news page is older than the web's early years; a smaller year is a false hit."""


LABEL_KINDS = ("published", "modified", "expiry", "weak")
"""What a word before a date says of it: the first publication, an update, a date that is not the
story's at all ("expiry": an offer or video expires, the page was printed, a source retrieved), or
only loosely that it is the date ("vom")."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    meta: dict[str, str]
    """meta tag name (lower-case) -> "published" or "modified"."""
    months: dict[str, int]
    month_first: tuple[str, ...]
    text_date: re.Pattern[str]
    label: re.Pattern[str]
    labels: dict[str, str]
    """label word (lower-case) -> one of LABEL_KINDS."""


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
        rf"|(?P<na>{day})(?P<nsep>[./-]|\s[|/]\s)\s?(?P<nb>0?[1-9]|1[0-2]|{day})(?P=nsep)\s?(?P<ny>{year})(?!\.?\d)"
        rf"|(?P<sd>0[1-9]|[12]\d|3[01])\.(?P<sm>0[1-9]|1[0-2])\.(?P<sy>\d{{2}})(?![\d.])"
        rf"|(?P<dd>{day})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+|of\s+)?(?P<dm>{month})\.?,?\s+"
        rf"(?:de\s+|del\s+)?(?P<dy>{year})(?!\d)"
        rf"|(?P<mm>{month})\.?\s+(?P<md>{day})(?:st|nd|rd|th)?,?\s+(?P<my>{year})(?!\d)"
        rf"|(?P<ly>{year})\.\s+gada\s+(?P<ld>{day})\.\s*(?P<lm>{month})(?!\w)"
        rf"|(?P<yy>{year})(?:\.|\s+m\.)\s*(?P<ym>{month})\.?\s+(?P<yd>{day})(?:\.|\s*d\.|(?!\d))"
        rf"|(?:(?<=,\s)|(?<=\()|(?<=\(\s))(?P<pd>{day})\.?\s+(?P<pm>{month})\.?\s+(?P<py>\d{{2}})(?=\s?\))"
        rf")",
        re.IGNORECASE,
    )
    labels = {w: kind for kind in LABEL_KINDS for w in data["labels"][kind]}
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
    alt: date | None = None
    """The other reading of a numeric date whose day and month could swap (11/01/2021)."""


def dates_in_text(text: str, lang: str | None = None, latest: int | None = None) -> list[TextDate]:
    """Every calendar date written in ``text`` (numeric or with a month name), in order.

    A numeric date with a slash or dash reads day first, unless the page's
    language writes the month first (US English) or only one order is a date.
    """
    return _read_dates(vocabulary().text_date.finditer(text), text, lang, latest)


_YEAR = re.compile(r"(?:19|20)\d\d")
_SHORT_YEAR_DATE = re.compile(r"\.\d\d\.\d\d")
_CLOSING_SHORT_YEAR = re.compile(r"\)(?<= \d\d\))|\)(?<= \d\d \))")
"""What every date of the pattern holds: a four-digit year, the ".mm.yy" of a short "dd.mm.yy", or the
short year closing a dateline's parenthesis ("14 Gennaio 20)"); a scan each, as one pattern for all
is several times slower. The last opens with its literal ")" and looks behind it: five times faster
than a pattern opening with the space before the year, a character found everywhere."""
WINDOW_BEFORE = 64
"""Characters before a year that a date holding it can start at (with single spaces: 28 at most)."""
WINDOW_AFTER = 24
"""Characters after a year that a date holding it, and the look past its end, can reach (8 at most for a
date ending in its year; a year-first date, "2021 m. rugpjūčio 15 d.", up to 20 past the year's end)."""


def dates_in_collapsed_text(text: str, lang: str | None = None) -> list[TextDate]:
    """dates_in_text for a long text whose whitespace is collapsed to single spaces (``_visible``'s).

    The pattern is tried only in windows around year-like numbers, not at every
    word of the text; the same dates come out, as every date holds such a number
    and, without runs of spaces, spans a bounded stretch around it.
    """
    pattern = vocabulary().text_date
    hits = sorted([m.start() for m in _YEAR.finditer(text)] + [m.start() for m in _SHORT_YEAR_DATE.finditer(text)]
                  + [m.start() for m in _CLOSING_SHORT_YEAR.finditer(text)])
    windows: list[list[int]] = []
    for hit in hits:
        start, end = max(0, hit - WINDOW_BEFORE), min(len(text), hit + 6 + WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    matches = (m for start, end in windows for m in pattern.finditer(text, start, end))
    return _read_dates(matches, text, lang, None)


def _read_dates(matches: Iterable[re.Match[str]], text: str, lang: str | None, latest: int | None) -> list[TextDate]:
    """The calendar dates that the pattern's matches in ``text`` spell, plus the CJK dates of ``text``."""
    vocab = vocabulary()
    latest = latest or datetime.now().year + 1
    out = []
    for m in matches:
        g = m.groupdict()
        found = alt = None
        if g["iy"]:
            found = _valid(int(g["iy"]), int(g["im"]), int(g["id"]), latest)
        elif g["ny"]:
            a, b, y = int(g["na"]), int(g["nb"]), int(g["ny"])
            if g["nsep"] == "." or not _month_first(lang, vocab):
                found = _valid(y, b, a, latest) or (None if g["nsep"] == "." else _valid(y, a, b, latest))
            else:
                found = _valid(y, a, b, latest) or _valid(y, b, a, latest)
            if g["nsep"] != "." and a != b and a <= 12 and b <= 12:
                alt = _valid(y, a, b, latest) if found == _valid(y, b, a, latest) else _valid(y, b, a, latest)
        elif g["sy"]:
            found = _valid(2000 + int(g["sy"]), int(g["sm"]), int(g["sd"]), latest)
        elif g["dy"]:
            month = vocab.months.get(g["dm"].casefold())
            found = _valid(int(g["dy"]), month, int(g["dd"]), latest) if month else None
        elif g["my"]:
            month = vocab.months.get(g["mm"].casefold())
            found = _valid(int(g["my"]), month, int(g["md"]), latest) if month else None
        elif g["yy"]:  # year first: "2021. március 5.", "2021 m. kovo 5 d."
            month = vocab.months.get(g["ym"].casefold())
            found = _valid(int(g["yy"]), month, int(g["yd"]), latest) if month else None
        elif g["ly"]:  # "2021. gada 5. martā"
            month = vocab.months.get(g["lm"].casefold())
            found = _valid(int(g["ly"]), month, int(g["ld"]), latest) if month else None
        elif g["py"]:  # a dateline's short year: "(Rivoli, 14 Gennaio 20)"
            month = vocab.months.get(g["pm"].casefold())
            found = _valid(2000 + int(g["py"]), month, int(g["pd"]), latest) if month else None
        if found and (g["dd"] or g["nsep"] == ".") and m.start():
            found = _range_start(text, m.start(), found)
        if found:
            out.append(TextDate(found, m.start(), m.end(), alt))
    if "年" in text or "년" in text:  # a second, rarely needed pass: kept out of the main pattern (speed)
        for m in _CJK_DATE.finditer(text):
            found = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), latest)
            if found:
                out.append(TextDate(found, m.start(), m.end()))
        out.sort(key=lambda d: d.start)
    return out


_RANGE_START = re.compile(r"(?<![\d.])(0?[1-9]|[12]\d|3[01])\.?\s?[-–—]\s?$")
"""The first day of a range within one month, just before its last ("14. - 20. Januar 2022", "14.–20.01.2022")."""


def _range_start(text: str, start: int, last: date) -> date:
    """The day a date range opens on, when ``last`` ends one: a range is read as its first day, the
    day the page's week or event begins (its end is no more the page's date than its start)."""
    m = _RANGE_START.search(text, max(0, start - 8), start)
    if m is None or int(m.group(1)) >= last.day:
        return last
    return last.replace(day=int(m.group(1)))


_CJK_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s?[年년]\s?(0?[1-9]|1[0-2])\s?[月월]"
                       r"\s?(0?[1-9]|[12]\d|3[01])\s?[日일]")
"""Chinese, Japanese and Korean dates: 2019年6月24日, 2019년 6월 24일."""


def label_of(before: str) -> str | None:
    """The kind of label (LABEL_KINDS) the text just before a date gives it ("Updated", "Stand:", "verfügbar bis")."""
    m = vocabulary().label.search(before[-40:])
    if not m:
        return None
    return vocabulary().labels.get(m.group(1).casefold())


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_CLOCK_TAIL = re.compile(r"\s+(?:at\s+)?\d{1,2}:\d{2}.*$")
_COMPACT = re.compile(r"((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")


def parse_date(value: str, lang: str | None = None) -> str | None:
    """A stated date as ISO 8601: a date-time where the value gives a time, else the day; None when it is no date.

    The one reader of a single date value (meta tags, JSON-LD, <time datetime>,
    a byline's "March 5, 2021 at 10:00"): ISO 8601 first, then the written
    dates that ``dates_in_text`` reads in page text, then a compact 20210305.
    """
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        midnight = _local_midnight(parsed)
        if midnight:
            return midnight
        if (parsed.hour, parsed.minute, parsed.second) != (0, 0, 0) or parsed.tzinfo:
            return parsed.isoformat()
        return parsed.date().isoformat()
    except ValueError:
        pass
    m = _ISO_DAY.search(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    found = dates_in_text(_CLOCK_TAIL.sub("", value), lang)
    if found:
        return found[0].day.isoformat()
    m = _COMPACT.fullmatch(value)
    if m:
        day = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)), datetime.now().year + 1)
        return day.isoformat() if day else None
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


def has_date(text: str) -> bool:
    """True when ``text`` writes a calendar date (the same reading as ``dates_in_text``)."""
    return bool(dates_in_text(text))


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
_HEADLINE_END = re.compile(r"</h1\s*>", re.IGNORECASE)
_SITE_HEADLINE = re.compile(r"""\b(?:class|id)\s*=\s*["'](?:[^"']*[\s_-])?"""
                            r"""(?:logo|brand|branding|site[-_]?(?:title|name)|masthead)(?=[\s_"'-])"""
                            r"""|\bhref\s*=\s*["'](?:/|\./|https?://[^/"']+/?)["']""", re.IGNORECASE)
MAX_HEADLINES = 5
"""<h1> elements looked at for the story's headline (themes put the site's logo in the first)."""
_SKIPPED = ("script", "style", "noscript", "template", "svg", "select")
_SKIP = re.compile(r"<" + first_char_guard([*_SKIPPED, "!--"]) + r"(?:(" + "|".join(_SKIPPED)
                   + r")\b[^<]*(?:<(?!/\1\s*>)[^<]*)*</\1\s*>|!--[^-]*(?:-(?!->)[^-]*)*-->)", re.IGNORECASE)
"""Scripts, styles, comments and the like, up to their first end tag: each run of text without a "<"
is passed in one step (a lazy ".*?" tries the end tag after every character). The guard fails most
tags ("</", "<a", "<div") on one class test instead of one per alternative."""
_TAG = re.compile(r"<[^>]*>")
_TIME_TAG = re.compile(r"<time\b[^>]*>", re.IGNORECASE)
_DATETIME = re.compile(r"""\bdatetime\s*=\s*["']?([^"'>]+)""", re.IGNORECASE)
_ISO_HEAD = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")
# An element whose class or itemprop names its date: "entry-date published", itemprop="dateModified".
_MARKED_PUBLISHED = re.compile(r"""\b(?:class|itemprop)\s*=\s*["'][^"']*(?:publish|pubdate)""", re.IGNORECASE)
_MARKED_MODIFIED = re.compile(r"""\b(?:class|itemprop)\s*=\s*["'][^"']*(?:updated|modified|last-?mod)""", re.IGNORECASE)
_UPDATE_WORDS = ("updated", "modified", "lastmod", "last-mod")
UPDATE_MARK = " \u2063updated: "
"""Written into the text after an element marked as the update's date, so the date in it reads as labelled
(the invisible separator tells the mark from a label the reader sees)."""

BEFORE_CHARS = 4000
"""Markup before the headline that is read (a kicker or date stamp stands just above it). Only the last
BEFORE_TEXT characters of its visible text count: this bounds the markup between (photos with long image
URLs, empty ad slots), not the distance a reader sees."""
AFTER_CHARS = 6000
"""Markup after the headline that is read (standfirst, byline, date line)."""
BEFORE_TEXT = 200
"""Of the visible text before the headline, only this much counts: further up is page chrome
(a masthead showing today's date)."""
AFTER_TEXT = 600
"""Of the visible text after the headline, only this much counts: further down is the story."""
NEAREST_CHARS = 400
"""A date further than this from the headline is not its date line, even when it is the nearest
(it is in the story's text: "am 07.03.2020 beginnt ...")."""


def _visible(markup: str) -> str:
    return " ".join(htmllib.unescape(_TAG.sub(" ", _SKIP.sub(" ", markup))).split())


def _tag_label(tag: str) -> str | None:
    """"published" or "modified" when an element's class or itemprop says which date it holds."""
    if _MARKED_PUBLISHED.search(tag):
        return "published"
    if _MARKED_MODIFIED.search(tag):
        return "modified"
    return None


def _mark_updates(markup: str) -> str:
    """Label the text of elements marked only as an update (class="updated", itemprop="dateModified").

    The marking words are found with plain string search (a case-insensitive regex over
    every tag is several times slower); each hit's enclosing tag is then checked.
    """
    low = markup.lower()
    hits = []
    for word in _UPDATE_WORDS:
        i = low.find(word)
        while i != -1:
            hits.append(i)
            i = low.find(word, i + 1)
    if not hits:
        return markup
    out: list[str] = []
    last = 0
    for pos in sorted(hits):
        start = markup.rfind("<", 0, pos)
        if start < last or not markup[start + 1:start + 2].isalpha() or markup.rfind(">", start, pos) != -1:
            continue
        end = markup.find(">", pos)
        if end == -1:
            continue
        tag = markup[start:end + 1]
        if _MARKED_MODIFIED.search(tag) and not _MARKED_PUBLISHED.search(tag):
            out += (markup[last:end + 1], UPDATE_MARK)
            last = end + 1
    out.append(markup[last:])
    return "".join(out)


_REGION_START = re.compile(r"<main\b|</(?:aside|nav|header|footer)\s*>", re.IGNORECASE)


def _after_last_boundary(markup: str) -> str:
    """The markup above the headline from where its story begins: <main> opens, or a sidebar,
    a menu or the site header ends."""
    start = 0
    for m in _REGION_START.finditer(markup):
        start = m.start()
    return markup[start:]


def _whole_tags(markup: str) -> str:
    """A slice of markup without the tags cut in two at its ends (whose attribute text would read as visible)."""
    close, open_ = markup.find(">"), markup.find("<")
    if close != -1 and (open_ == -1 or close < open_):
        markup = markup[close + 1:]
    last_open = markup.rfind("<")
    return markup[:last_open] if last_open > markup.rfind(">") else markup


@dataclass(frozen=True, slots=True)
class Stamp:
    """A date found near the headline: the day, how far from the headline, and its label."""

    day: str
    distance: int
    label: str | None
    origin: str
    alt: str | None = None
    """The other reading of an ambiguous numeric date (11/01/2021)."""
    marked: bool = False
    """The label comes from the markup (class="updated"), not from words a reader sees."""


def story_headline(html: str) -> int | None:
    """Where the story's <h1> starts: the first that is not the site's logo or name (a link to the home page)."""
    for i, m in enumerate(_HEADLINE.finditer(html)):
        if i >= MAX_HEADLINES:
            break
        end = _HEADLINE_END.search(html, m.end(), m.end() + 2000)
        if not _SITE_HEADLINE.search(html, m.start(), end.start() if end else m.end() + 300):
            return m.start()
    return None


def headline_dates(html: str, lang: str | None = None) -> list[Stamp]:
    """Dates printed near the story's <h1>, nearest first: <time datetime> values, then visible dates.

    A date the page says is not the story's (a video "available until") is left out.
    """
    pos = story_headline(html)
    if pos is None:
        return []
    before_markup = _whole_tags(html[max(0, pos - BEFORE_CHARS):pos])
    after_markup = html[pos:pos + AFTER_CHARS]
    after_markup = _mark_updates(_whole_tags(after_markup[:_end_of_window(after_markup)]))
    stamps: list[Stamp] = []
    latest = datetime.now().year + 1
    for t in _TIME_TAG.finditer(after_markup):
        value = _DATETIME.search(t.group(0))
        iso = _ISO_HEAD.match(value.group(1).strip()) if value else None
        if iso:
            text_before = _visible(after_markup[:t.start()])
            if len(text_before) <= AFTER_TEXT:
                found = _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), latest)
                if found:
                    label = label_of(text_before.replace(UPDATE_MARK.strip(), ""))  # a <time> carries its own mark
                    marked = label is None and _tag_label(t.group(0)) is not None
                    label = label or _tag_label(t.group(0))
                    stamps.append(Stamp(found.isoformat(), len(text_before), label, "time", marked=marked))
    after = _visible(after_markup)[:AFTER_TEXT + 40]
    for d in dates_in_collapsed_text(after, lang):
        if d.start <= AFTER_TEXT:
            marked = UPDATE_MARK[1] in after[max(0, d.start - 40):d.start]
            stamps.append(_stamp(d, d.start, label_of(after[:d.start]), "text", marked))
    before = _visible(_after_last_boundary(before_markup))[-BEFORE_TEXT:]
    for d in dates_in_collapsed_text(before, lang):
        stamps.append(_stamp(d, len(before) - d.end + 1, label_of(before[:d.start]), "text-above"))
    stamps.extend(_attribute_stamps(before_markup, after_markup, lang))
    stamps = [s for s in stamps if s.label != "expiry"]
    stamps.sort(key=lambda s: s.distance)
    return stamps


# Case-sensitive (attribute names are written lower-case): a literal start keeps the scan fast.
_DATA_DATE = re.compile(r"""data-([\w-]*?(?:publish|date|created)[\w-]*)\s*=\s*["']([^"'<>]{6,80})["']""")
_NOT_PUBLICATION = re.compile(r"end|expir|until|modif|updat|start|from|to$|birth|event", re.IGNORECASE)
_UNIX = re.compile(r"^\s*(1\d{9})(\d{3})?\s*$")
MAX_ATTRIBUTE_DATES = 8


def _attribute_day(value: str, lang: str | None) -> str | None:
    """The day in a data attribute's value: ISO, a Unix timestamp (UTC), or a written date."""
    latest = datetime.now().year + 1
    iso = _ISO_HEAD.match(value.strip())
    if iso:
        found = _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), latest)
        return found.isoformat() if found else None
    unix = _UNIX.match(value)
    if unix:
        day = datetime.fromtimestamp(int(unix.group(1)), tz=timezone.utc).date()
        return day.isoformat() if MIN_YEAR <= day.year <= latest else None
    found = dates_in_text(value, lang)
    return found[0].day.isoformat() if found and found[0].alt is None else None


def _attribute_stamps(before_markup: str, after_markup: str, lang: str | None) -> list[Stamp]:
    """Publication dates that the markup by the headline keeps in data attributes (data-published-at="...")."""
    stamps: list[Stamp] = []
    for markup, above in ((before_markup, True), (after_markup, False)):
        for m in list(_DATA_DATE.finditer(markup))[:MAX_ATTRIBUTE_DATES]:
            if _NOT_PUBLICATION.search(m.group(1)):
                continue
            day = _attribute_day(htmllib.unescape(m.group(2)), lang)
            if day:
                distance = len(_visible(markup[m.end():])) if above else len(_visible(markup[:m.start()]))
                if distance <= (BEFORE_TEXT if above else AFTER_TEXT):
                    stamps.append(Stamp(day, distance, None, "time"))
    return stamps


def _stamp(d: TextDate, distance: int, label: str | None, origin: str, marked: bool = False) -> Stamp:
    label = "published" if label == "weak" else label  # next to the headline, "vom 3.5.2021" dates the story
    return Stamp(d.day.isoformat(), distance, label, origin, d.alt.isoformat() if d.alt else None,
                 marked and label == "modified")


_WINDOW_END = re.compile(r"<(?:h1|h2|footer)[\s>]", re.IGNORECASE)


_HEADING_END = re.compile(r"</h[12]\s*>", re.IGNORECASE)


def _end_of_window(markup: str) -> int:
    """The story's text runs on past its date line; a second heading ends the search.

    A heading that a date label introduces ("Erschienen am:" <h2>13.10.2021</h2>) is the date line itself.
    """
    m = _WINDOW_END.search(markup, 4)
    if m is None:
        return len(markup)
    if label_of(_visible(markup[max(0, m.start() - 300):m.start()])) in ("published", "modified"):
        close = _HEADING_END.search(markup, m.end(), m.end() + 500)
        if close:
            return close.end()
    return m.start()


# Elements whose class or id says they hold a date; their short text is read when
# nothing near the headline gives one.
DATE_ELEMENTS = ('[class*="date" i],[id*="date" i],[class*="datum" i],[class*="time" i],[class*="publish" i],'
                 '[class*="posted" i],[class*="fecha" i],[class*="meta" i],[class*="byline" i],[class*="info" i],time')
MAX_DATE_ELEMENTS = 200
MAX_DATE_ELEMENT_CHARS = 300
# Page regions whose dates belong to something else than the story: comments, sidebar widgets,
# menus, teasers of other stories, the masthead's "today". A class or id word containing "comment"
# (not "commentary", an opinion piece) or starting with one of the others marks one.
_CHROME_REGION = re.compile(r"comment(?!ary)|^(?:widget|related|teaser|nav|menu|masthead|top-?bar|recent|popular"
                            r"|most-|trending|site-header|ticker)", re.IGNORECASE)
_CHROME_TAGS = frozenset({"nav"})
_WORDS = re.compile(r"[^\s_]+")


def in_chrome(node: LexborNode) -> bool:
    """The element stands in a comment, sidebar, menu, teaser list or footer (itself or an ancestor)."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html"):
        if current.tag in _CHROME_TAGS:
            return True
        attrs = current.attributes
        if _chrome_marked(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"):
            return True
        current = current.parent
    return False


def chrome_marks(marks: str) -> bool:
    """An element's class and id (``marks``) name a chrome region: one of their words does."""
    return any(_CHROME_REGION.search(w) for w in _WORDS.findall(marks))


@lru_cache(maxsize=4096)
def _chrome_marked(marks: str) -> bool:
    """``chrome_marks``, read once per class and id: ``in_chrome`` walks up from each date element through
    the same ancestors, and pages share their class names."""
    return chrome_marks(marks)


LISTING_DEPTH = 4
"""Levels above a date element searched for the list item it belongs to."""
LISTING_OTHERS = 2
"""Dated list items beside the element's own that make its list a listing (a meta line may list
"Published" and "Updated": two items)."""


def _in_listing(node: LexborNode, lang: str | None) -> bool:
    """The element is in one item of a list whose other items carry dates too: a listing of other stories or events."""
    item: LexborNode | None = node
    for _ in range(LISTING_DEPTH):
        if item is None or item.tag == "li":
            break
        item = item.parent
    if item is None or item.tag != "li" or item.parent is None:
        return False
    dated = 0
    for sibling in item.parent.iter():
        if sibling.tag == "li" and sibling.mem_id != item.mem_id:
            if dates_in_text(" ".join(sibling.text(deep=True, separator=" ").split())[:MAX_DATE_ELEMENT_CHARS], lang):
                dated += 1
                if dated >= LISTING_OTHERS:
                    return True
    return False


@dataclass(frozen=True, slots=True)
class ElementDate:
    day: str
    alt: str | None


def date_element_day(tree: LexborHTMLParser, lang: str | None = None) -> ElementDate | None:
    """The first date written in a short element named as a date, byline or meta line, outside page chrome."""
    body = tree.body
    if body is None:
        return None
    for node in body.css(DATE_ELEMENTS)[:MAX_DATE_ELEMENTS]:
        text = node.text(deep=True, separator=" ")
        if len(text) > MAX_DATE_ELEMENT_CHARS:
            continue
        text = " ".join(text.split())
        found = dates_in_text(text, lang)
        if not found or in_chrome(node):
            continue
        d = found[0]
        if label_of(text[:d.start]) == "expiry" or _in_listing(node, lang):
            continue
        return ElementDate(d.day.isoformat(), d.alt.isoformat() if d.alt else None)
    return None


WEIGHTS: dict[str, float] = DATE_VOTE
"""How much each kind of statement counts in the vote for the publication day (trust.toml says why)."""

_KIND_OF_ORIGIN = {"json-ld:datePublished": "json-ld:published", "json-ld:dateCreated": "json-ld:created",
                   "json-ld:dateModified": "json-ld:modified", "html:itemprop-datePublished": "itemprop"}
_AMBIGUOUS = re.compile(r"^\s*(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})\b")


def _day(value: str) -> str | None:
    cleaned = parse_date(value)
    return cleaned[:10] if cleaned else None


def _other_reading(value: str, day: str) -> str | None:
    """The other day a stated "11/01/2023" could mean, when its day and month could swap."""
    m = _AMBIGUOUS.match(value)
    if not m:
        return None
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if a == b or a > 12 or b > 12:
        return None
    readings = {d.isoformat() for d in (_valid(year, a, b, 9999), _valid(year, b, a, 9999)) if d}
    readings.discard(day)
    return readings.pop() if len(readings) == 1 else None


EARLY_UTC_HOURS = 6
"""A stamp written in UTC before this hour may be the day before where the page is (the Americas)."""


def _western_day(value: str, day: str) -> str | None:
    """The day before ``day`` when ``value`` is an instant written in UTC in its first hours.

    "Wed, 04 May 2022 00:25:56 GMT" from a paper in Buenos Aires is the 3rd
    there: the vote lets such a stamp take the reading the page's other
    statements give (as for a day and month that could swap).
    """
    text = value.strip()
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            stamp = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    offset = stamp.utcoffset()
    if offset is None or offset.total_seconds() != 0 or stamp.hour >= EARLY_UTC_HOURS:
        return None
    if stamp.date().isoformat() != day or (stamp.hour, stamp.minute, stamp.second) == (0, 0, 0):
        return None
    return (stamp - timedelta(days=1)).date().isoformat()


@dataclass(slots=True)
class _Statement:
    kind: str
    day: str
    alt: str | None = None
    western: bool = False
    """``alt`` is the day before, where the page is (an early UTC stamp), not a swapped day and month."""


def _settle_readings(statements: list[_Statement]) -> None:
    """An ambiguous date takes the reading that the page's other statements give.

    A numeric date whose day and month could swap follows the firm statements
    and the early UTC stamps; an early UTC stamp follows only firm ones.
    """
    firm = {s.day for s in statements if s.alt is None}
    settled = firm | {s.day for s in statements if s.western}
    for s in statements:
        known = firm if s.western else settled
        if s.alt and s.day not in known and s.alt in known:
            s.day, s.alt = s.alt, s.day


def _element_can_decide(score: dict[str, float], signals: dict[str, str], ambiguous: dict[str, str]) -> bool:
    """Whether a date element's vote could change the day the vote picks.

    The first day with the most votes wins, so the element's day wins only
    when its votes with the element's pass the winner's, or reach them and the
    day was stated first (a day not stated yet comes last). When only ambiguous
    statements back the winner, the element's vote may also decide their reading.
    """
    if not score:
        return True
    weight = WEIGHTS["date-element"]
    winner = max(score.items(), key=lambda kv: kv[1])[0]
    top = score[winner]
    if weight > top:
        return True
    for day, votes in score.items():
        if day == winner:
            break  # the days stated before the winner: a tie goes to them
        if votes + weight >= top:
            return True
    if any(votes + weight > top for day, votes in score.items() if day != winner):
        return True
    backers = [kind for kind, day in signals.items() if day == winner]
    return bool(backers) and all(kind in ambiguous for kind in backers)


def vote_publication_day(html: str, tree: LexborHTMLParser, url: str | None, evidence: list[Evidence],
                         lang: str | None = None) -> tuple[str | None, dict[str, str]]:
    """The day most statements of the page agree on, and which statement gave each vote.

    Each kind of statement votes once (its first value), with the weight in WEIGHTS.
    A date marked as an update counts as the headline's date only when the
    headline shows no other. A tie goes to the day stated first in this order:
    the URL, the dates by the headline, the declared ones, a date element.
    """
    statements: list[_Statement] = []
    day = url_date(url)
    if day:
        statements.append(_Statement("url", day))
    stamps = headline_dates(html, lang) if html else []
    shown = [s for s in stamps if not (s.marked and s.label == "modified")] or stamps
    if shown and shown[0].distance <= NEAREST_CHARS:
        statements.append(_Statement("headline:nearest", shown[0].day, shown[0].alt))
    for s in shown:
        statements.append(_Statement(f"headline:{s.origin if s.origin == 'time' else 'text'}", s.day, s.alt))
    for s in stamps:
        if s.label and not s.marked:
            statements.append(_Statement(f"headline:{s.label}", s.day, s.alt))
    meta = vocabulary().meta
    for ev in evidence:
        if ev.field not in ("published", "modified"):
            continue
        kind = _KIND_OF_ORIGIN.get(ev.origin)
        if kind is None and ev.origin.startswith("meta:"):
            name = ev.origin[5:]
            kind = f"meta:{meta.get(name, ev.field)}"
        if kind:
            day = _day(ev.value)
            if day:
                western = _western_day(ev.value, day)
                statements.append(_Statement(kind, day, western or _other_reading(ev.value, day), bool(western)))
    _settle_readings(statements)
    signals: dict[str, str] = {}
    ambiguous: dict[str, str] = {}
    for s in statements:
        if s.kind not in signals:
            signals[s.kind] = s.day
            if s.alt:
                ambiguous[s.kind] = s.alt
    score: dict[str, float] = {}
    for kind, day in signals.items():
        score[day] = score.get(day, 0.0) + WEIGHTS.get(kind, 0.0)
    ranking = sorted(score.values(), reverse=True) + [0.0, 0.0]
    if ranking[0] - ranking[1] <= WEIGHTS["date-element"] and _element_can_decide(score, signals, ambiguous):
        # The date elements can still change the winner: read them (a CSS pass over the page).
        found = date_element_day(tree, lang)
        if found:
            element = _Statement("date-element", found.day, found.alt)
            _settle_readings(statements + [element])
            signals[element.kind] = element.day
            score[element.day] = score.get(element.day, 0.0) + WEIGHTS[element.kind]
            if element.alt:
                ambiguous[element.kind] = element.alt
    if not score:
        return None, signals
    winner = max(score.items(), key=lambda kv: kv[1])[0]
    backers = [kind for kind, day in signals.items() if day == winner]
    if backers and all(kind in ambiguous for kind in backers):
        # Only ambiguous statements back the winner: a date the text labels as the publication settles it.
        other = {ambiguous[kind] for kind in backers}
        labelled = set(labelled_text_days(html, lang))
        if len(other) == 1 and not other <= labelled:
            labelled.add(page_text_day(html, lang) or "")  # else the first date the page's text shows
        if len(other) == 1 and other <= labelled:
            winner = other.pop()
            signals["text:published"] = winner
    return winner, signals


def runners_up(signals: dict[str, str], winner: str) -> list[str]:
    """The days the vote did not pick, most votes first (a tie: the day stated first).

    Resolution falls back to them when the winner is later than the page's fetch date.
    """
    score: dict[str, float] = {}
    for kind, day in signals.items():
        if day != winner:
            score[day] = score.get(day, 0.0) + WEIGHTS.get(kind, 0.0)
    return sorted(score, key=lambda day: -score[day])


_BODY = re.compile(r"<body\b", re.IGNORECASE)
MAX_PAGE_TEXT = 200_000
"""Characters of markup read by the whole-page search (a date that matters is near the top)."""


_ARCHIVE_BANNER = re.compile(r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->",
                             re.DOTALL)
"""A web archive's own banner over an archived page (its capture dates are not the page's)."""
_LINK_OPEN = re.compile(r"<[aA]\b[^>]*>")
_LINK_CLOSE = re.compile(r"</[aA]\s*>")
_IN_LINK, _OUT_LINK = "\x02", "\x03"
"""Written where a link opens and closes, so one pass over the text knows which dates are link text."""


def _page_dates(html: str, lang: str | None) -> list[tuple[str | None, TextDate, bool]]:
    """Every date of the page's visible text: the kind of its label ("vom" says nothing; a date that
    expires is left out) and whether it is a link's text."""
    m = _BODY.search(html)
    start = m.start() if m else 0
    markup = html[start:start + MAX_PAGE_TEXT]
    if "WAYBACK TOOLBAR INSERT" in markup:  # a plain search first: the banner is rare
        markup = _ARCHIVE_BANNER.sub(" ", markup)
    text = _visible(_LINK_CLOSE.sub(f" {_OUT_LINK} ", _LINK_OPEN.sub(f" {_IN_LINK} ", markup)))
    out = []
    for d in dates_in_collapsed_text(text, lang):
        before = text[max(0, d.start - 48):d.start].replace(_IN_LINK, "").replace(_OUT_LINK, "")
        label = label_of(before)
        if label != "expiry":
            linked = text.rfind(_IN_LINK, 0, d.start) > text.rfind(_OUT_LINK, 0, d.start)
            out.append((None if label == "weak" else label, d, linked))
    return out


def page_text_day(html: str, lang: str | None = None) -> str | None:
    """The page's date from its whole visible text, for pages that state none near a headline or in markup.

    A date labelled as the publication ("Erschienen am", "Mise en ligne") wins; else
    one labelled at all ("Stand:", "Updated"); else the first date of the text
    outside links (a date in a link's text titles another page: a menu entry, a teaser).
    """
    found = _page_dates(html, lang)
    for wanted in ("published", "modified"):
        for label, d, _ in found:
            if label == wanted:
                return d.day.isoformat()
    for label, d, linked in found:
        if not linked:
            return d.day.isoformat()
    return None


def labelled_text_days(html: str, lang: str | None = None) -> list[str]:
    """The days the page's text labels as its publication ("Erstellt am: 01.11.2023"), in order."""
    return [d.day.isoformat() for label, d, _ in _page_dates(html, lang) if label == "published"]


@lru_cache(maxsize=1)
def _script_date_after_quote() -> str:
    """The script-date pattern after its opening quote: a data key, then a date as its value."""
    with open(DATA_FILE, "rb") as fh:
        keys = tomllib.load(fh)["scripts"]["published"]
    return rf"{first_char_guard(keys)}({_alternation(keys)})[\"']\s*:\s*[\"']((?:19|20)\d{{2}})-(\d{{2}})-(\d{{2}})"


@lru_cache(maxsize=1)
def _script_date() -> re.Pattern[str]:
    """A publication date under a data key in the page's scripts (the plain pattern: either quote)."""
    return re.compile(r"[\"']" + _script_date_after_quote())


@lru_cache(maxsize=1)
def _script_date_by_quote() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``_script_date`` once for each opening quote: a pattern that opens with one character (not a class)
    lets the regex engine skip to that character's places several times faster, which pays for two scans."""
    return re.compile('"' + _script_date_after_quote()), re.compile("'" + _script_date_after_quote())


def first_script_date(html: str) -> re.Match[str] | None:
    """``_script_date().search(html)``: the earlier of the two quotes' first matches (a place opens with one quote)."""
    double, single = (pattern.search(html) for pattern in _script_date_by_quote())
    if double is None or single is None:
        return double or single
    return double if double.start() < single.start() else single


def script_day(html: str) -> str | None:
    """A publication date in the page's own data (a CMS's JSON state: "published_at": "2019-03-02T...")."""
    m = first_script_date(html)
    if not m:
        return None
    found = _valid(int(m.group(2)), int(m.group(3)), int(m.group(4)), datetime.now().year + 1)
    return found.isoformat() if found else None
