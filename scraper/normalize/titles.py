"""A story's title without the site's name, tagline or kicker that declared titles and headings carry.

Declared titles (<title>, og:title, JSON-LD headline) often join the headline
to the site's name ("Headline | The Outlet", "The Outlet - Headline", "Headline
| outlet.example | Your weekly magazine"); a visible <h1> often holds a kicker
(overline) in a child element before the headline. Both are cut by comparing
with what else the page says: the site's names (declared outlets, the host)
and the page's other titles. The separators and limits are data (titles.toml).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Evidence
from .dates import has_date
from .text import letters_key

DATA_FILE = Path(__file__).with_name("titles.toml")

QUOTES = "\"'“”‘’«»„‟"
CJK = "[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff01-\uff60]"
"""A Chinese, Japanese or Korean character, or a CJK or full-width punctuation mark."""


@dataclass(frozen=True, slots=True)
class TitleRules:
    separators: re.Pattern[str]
    """Between two parts of a title (the headline and a site name or tagline)."""
    site_separators: re.Pattern[str]
    """``separators`` and the marks that only cut off a part that names the site."""
    mark_at_end: re.Pattern[str]
    """A separator ending a text ("Headline |")."""
    min_host_prefix: int
    min_outlet_inside: int
    max_site_words: int
    articles: re.Pattern[str]
    """An article before a name ("The", "Die", "La")."""
    max_kicker_words: int
    page_kinds: frozenset[str]
    """Letters keys of title parts that name a kind of page ("Blog Archive"), not the story."""


def _alternation(marks: Iterable[str]) -> str:
    return "|".join(re.escape(m) for m in sorted(set(marks), key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> TitleRules:
    """titles.toml, compiled once per process."""
    with open(DATA_FILE, "rb") as fh:
        data = tomllib.load(fh)
    seps = data["separators"]

    between = _alternation(seps["cjk_between"])

    def pattern(spaced: list[str], cjk: list[str]) -> re.Pattern[str]:
        mark = _alternation(spaced)
        return re.compile(rf"\s+(?:{mark})(?:\s+(?:{mark}))*\s+|\s*(?:{_alternation(cjk)})\s*(?=[^\x00-\x7f])"
                          rf"|(?<={CJK})\s*(?:{between})\s*(?={CJK})")

    return TitleRules(pattern(seps["spaced"], seps["cjk"]),
                      pattern(seps["spaced"] + seps["spaced_site"], seps["cjk"] + seps["cjk_site"]),
                      re.compile(rf"\s(?:{_alternation(seps['spaced'])})\s*$"),
                      data["site"]["min_host_prefix"], data["site"]["min_outlet_inside"], data["site"]["max_words"],
                      re.compile(rf"^(?:{_alternation(data['site']['articles'])})\s*(?<=\s|')", re.IGNORECASE),
                      data["kicker"]["max_words"], frozenset(letters_key(k) for k in data["site"]["page_kinds"]))


@dataclass(frozen=True, slots=True)
class SiteNames:
    """The letters keys of the names a site goes by: its declared outlet names and its host name."""

    outlets: frozenset[str]
    hosts: frozenset[str]
    host_words: frozenset[str] = frozenset()
    """The long words of a hyphenated host name ("example-kiel.net": "example"): a part equal to one names the site."""

    def named(self, part: str) -> str | None:
        """Whether a part of a title names the site: "exact" (it is one of the names, or holds no letter
        at all, like "☆☆☆" or an empty end), "loose" (it holds one, or is held in one), else None."""
        key = letters_key(part)
        if not key or key in self.outlets or key in self.hosts or key in self.host_words:
            return "exact"
        r = rules()
        if len(part.split()) > r.max_site_words:
            return None
        if len(key) >= 4 and any(key in o for o in self.outlets):
            return "loose"  # "Outlet" beside a declared "The Outlet Magazine"
        if any(len(o) >= r.min_outlet_inside and o in key for o in self.outlets):
            return "loose"  # "The Outlet (TO)" holding a declared "The Outlet"
        bare = letters_key(r.articles.sub("", part.strip(), count=1))
        if bare != key and bare in self.hosts:
            return "exact"  # "Die Abendpost" on abendpost.example
        if any(len(h) >= r.min_host_prefix and (key.startswith(h) or bare.startswith(h)) for h in self.hosts):
            return "loose"  # "Example Blog" on exampleblog.net
        return None


def site_names(evidence: Sequence[Evidence], outlet: str | None = None) -> SiteNames:
    """The site's names from the evidence: declared outlet names (not a title's own last part, which
    is a guess from the title) and the page's host, with and without its suffix."""
    outlets = {letters_key(e.value) for e in evidence if e.field == "outlet" and e.origin not in ("title:suffix", "url:domain")}
    if outlet:
        outlets.add(letters_key(outlet))
    hosts: set[str] = set()
    words: set[str] = set()
    for e in evidence:
        if e.field == "outlet" and e.origin == "url:domain":
            host = e.value.strip().lower().removeprefix("www.")
            hosts.update({letters_key(host), letters_key(host.rsplit(".", 1)[0]), letters_key(host.split(".")[0])})
            words.update(w for w in host.split(".")[0].split("-") if len(w) >= rules().min_host_prefix)
    outlets.discard("")
    hosts.discard("")
    return SiteNames(frozenset(outlets), frozenset(hosts), frozenset(letters_key(w) for w in words))


def without_site_name(value: str, names: SiteNames) -> str:
    """The title without the parts that name the site: at its end, with what follows (a tagline), or at its start.

    A part at the start goes only when the headline after it is the longer: a
    headline may begin with the word the host is named after.
    """
    value = without_page_kinds(value)
    seps = list(rules().site_separators.finditer(value))
    if not seps:
        return value
    bounds = [0] + [x for m in seps for x in (m.start(), m.end())] + [len(value)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    end = len(parts)
    for i in range(1, len(parts)):
        if names.named(value[parts[i][0]:parts[i][1]]):
            end = i
            break
    start = 0
    while start < end - 1:
        naming = names.named(value[parts[start][0]:parts[start][1]])
        if naming is None:
            break
        kept = value[parts[start + 1][0]:parts[end - 1][1]]
        if naming == "loose" and len(kept) <= parts[start][1] - parts[start][0]:
            break
        start += 1
    if (start, end) == (0, len(parts)):
        return value
    return value[parts[start][0]:parts[end - 1][1]].strip()


def without_page_kinds(value: str) -> str:
    """The title without its parts that name a kind of page ("Site » Blog Archive » Headline"), each with
    the separator before it (after it, for the first part); a title that is nothing else stays whole."""
    seps = list(rules().separators.finditer(value))
    if not seps:
        return value
    bounds = [0] + [x for m in seps for x in (m.start(), m.end())] + [len(value)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    kinds = rules().page_kinds
    kept = [i for i, (a, b) in enumerate(parts) if letters_key(value[a:b]) not in kinds]
    if len(kept) == len(parts) or not kept:
        return value
    first = kept[0]
    out = value[parts[first][0]:parts[first][1]]
    for i in kept[1:]:
        out += value[parts[i - 1][1]:parts[i][1]]  # the separator before the part, and the part
    return out


def clean_title(value: str, names: SiteNames | None = None, strip_suffix: bool = False, quoted: bool = False
                ) -> str | None:
    """Drop the parts naming the site ("Headline | Site"), or (``strip_suffix``) a short last part.

    Quote marks around a headline are part of it ("»Abzocke ...«"), unless
    ``quoted``: a title quoted inside a sentence ("The post “X” appeared first on").
    """
    value = value.strip()
    if quoted and len(value) > 2 and value[0] in QUOTES and value[-1] in QUOTES:
        value = value[1:-1].strip()
    if names is not None:
        shorter = without_site_name(value, names)
        if shorter != value:
            return shorter or None
    if strip_suffix and title_suffix(value):
        value = value[: list(rules().separators.finditer(value))[-1].start()].strip()
    dangling = rules().mark_at_end.search(value)
    if dangling and not set(dangling.group()) & set(QUOTES):  # "Travel Advice -": a part the template left empty
        value = value[:dangling.start()].strip()  # (a French closing « ... » stays)
    return value or None


def cut_at_quote(title: str, whole: str) -> bool:
    """Whether a meta tag's title is ``whole`` cut short where the headline quotes a word: a page that
    writes ``content="Senator calls rival "unfit""`` ends the attribute at the quote mark."""
    rest = whole[len(title):].lstrip() if whole.startswith(title) else ""
    return rest[:1] in QUOTES and len(rest) > 1


def title_suffix(title: str) -> str | None:
    """"Story headline | The Outlet" -> "The Outlet" (a short last part)."""
    parts = rules().separators.split(title)
    if len(parts) > 1 and 1 <= len(parts[-1].split()) <= 5 and len(parts[0]) > len(parts[-1]):
        return parts[-1].strip()
    return None


_WORD = re.compile(r"\w{4,}")


def shares_words(text: str, titles: Iterable[str]) -> bool:
    """The heading has a word of four letters or more in common with a declared title (else it is chrome:
    a cookie dialog's or a shop widget's heading)."""
    words = {w.casefold() for w in _WORD.findall(text)}
    if not words:
        return True
    return any(words & {w.casefold() for w in _WORD.findall(t)} for t in titles)


def declared_parts(titles: Iterable[str]) -> set[str]:
    """The letters keys of every run of parts of the page's declared titles
    ("Kicker - Headline - Site": "Kicker", "Headline", "Kicker - Headline", ..., the whole)."""
    runs: set[str] = set()
    for title in titles:
        parts = rules().site_separators.split(title)[:8]
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                runs.add(letters_key(" ".join(parts[i:j])))
    runs.discard("")
    return runs


def without_kicker(text: str, children: Sequence[str], runs: set[str]) -> str | None:
    """A heading's headline without the kicker its first child element holds, or without what its last
    one holds when that is a date line or set off by a separator ("Headline | Site").

    ``children``: the texts of the heading's child elements, in order. The rest
    of the heading must be what the page declares as its title, or a part of a
    declared title ("Kicker - Headline - Site"): the element sets the kicker apart
    even where a declared title joins it to the headline.
    """
    if not children:
        return None
    limit = rules().max_kicker_words
    first, last = children[0], children[-1]
    if first and text.startswith(first) and len(first.split()) <= limit:
        rest = text[len(first):].strip(" :|–—-")
        if rest and letters_key(rest) in runs:
            return rest
    if last and text.endswith(last) and last != text:
        before = text[: len(text) - len(last)]
        rest = before.strip(" :|–—-")
        if not (has_date(last) or rules().mark_at_end.search(before) or rules().mark_at_end.search(" " + last.split()[0])):
            return None  # a subtitle the heading runs on into
        if rest and letters_key(rest) in runs:
            return rest
    return None


_TYPOGRAPHY = str.maketrans({**dict.fromkeys("’‘‚‛′`´", "'"), **dict.fromkeys("“”„‟«»″", '"'),
                             **dict.fromkeys("‐‑‒–—―−", "-")})


def same_wording(a: str, b: str) -> bool:
    """Two texts with the same words and punctuation, whatever their spacing, case and typographic marks
    ("Editor’s Letter: Bye" and "Editor's letter: bye"; not "Climate Drilling" and "Climate: Drilling")."""
    return " ".join(a.translate(_TYPOGRAPHY).casefold().split()) == " ".join(b.translate(_TYPOGRAPHY).casefold().split())


MARKED_HEADLINE = "html:headline-element"
"""The origin of a title read from an element only marked as the headline (class="headline", itemprop)."""


def headline_shown(ev: Evidence, evidence: Sequence[Evidence]) -> bool:
    """Whether a title candidate may stand: an element only marked as the headline must share a word with
    the page's declared titles (a cookie dialog's or a shop widget's heading shares none)."""
    if ev.origin != MARKED_HEADLINE:
        return True
    others = [" ".join(e.value.split()) for e in evidence if e.field == "title" and e.origin != MARKED_HEADLINE]
    return not others or shares_words(" ".join(ev.value.split()), others)
