"""Remove what is never article text from a parsed page, before scoring.

Three kinds of chrome go: tags that never hold article text (scripts, nav,
forms, ...), ARIA roles of page furniture, and containers whose class or id
vocabulary names chrome (share, related, newsletter, comments, ads, ...).
The vocabulary is data (selectors.toml). A node holding most of the page's
text is never pruned by role or class: a site calling its article wrapper
"main-sidebar-layout" must not lose its article.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

SELECTORS_FILE = Path(__file__).with_name("selectors.toml")

_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"[a-z0-9]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SAFE_SHARE = 0.5
"""A node with more than this share of the body's text is never pruned by role or class."""
_SMALL_FORM_CHARS = 500
FIGURE_ATTR = "data-scraper-figure"
"""Set on the small box around an image: its text is the image's caption or credit."""
_FIGURE_MAX_CHARS = 400
_FIGURE_LEVELS = 3
_NEVER_FIGURE = frozenset({"body", "html", "article", "main", "p"})
"""A paragraph with an image inline is still a paragraph."""


def tokens(value: str) -> list[str]:
    """Class or id value -> lower-case word tokens ("relatedPosts__item" -> related, posts, item)."""
    low = value.lower()
    if low != value:  # only a name with capitals has humps to split
        low = _HUMP.sub(" ", value).lower()
    return _WORD.findall(low)


def _name_tokens(name: str) -> list[str]:
    """``tokens`` of one name, read with plain string methods when the name is lower-case ASCII
    letters and digits joined by hyphens and underscores (most names); else ``tokens`` itself."""
    if name.isascii() and name.lower() == name:
        flat = name.replace("_", "-")
        if flat.replace("-", "").isalnum():
            if "--" in flat or flat[0] == "-" or flat[-1] == "-":
                return [t for t in flat.split("-") if t]
            return flat.split("-")
    return tokens(name)


class Verdicts:
    """Class and id values already judged, kept by the vocabulary that judged them: values repeat
    across a page and across pages, so each is judged once. Each table starts over past ``cap``
    entries, so a long run's memory stays bounded."""

    __slots__ = ("attrs", "ids", "names", "cap")

    def __init__(self, cap: int = 200_000) -> None:
        self.attrs: dict[str, tuple[bool, bool, str]] = {}
        """Class attribute value -> (a name in it names chrome, a name in it starts as the article's
        own, the kind of text its first name naming one names: see ``Selectors.names_kind``)."""
        self.ids: dict[str, tuple[bool, bool, str]] = {}
        """The same for id values (judged as one name each; the kind read name by name, as for a class)."""
        self.names: dict[str, tuple[bool, bool, str]] = {}
        """One class name -> (it names chrome, it starts as the article's own, the kind of text
        it names: see ``Selectors.kind_named``); names repeat across pages far more than whole
        class values do."""
        self.cap = cap

    def remember(self, table: dict[str, tuple], key: str, verdict: tuple) -> None:
        if len(table) > self.cap:
            table.clear()
        table[key] = verdict


@dataclass(frozen=True, slots=True)
class Selectors:
    drop_tags: tuple[str, ...]
    drop_if_small: tuple[str, ...]
    roles: frozenset[str]
    strong: frozenset[str]
    prefix: tuple[str, ...]
    weak: frozenset[str]
    hidden: frozenset[str]
    keep: frozenset[str]
    layout: frozenset[str]
    byline: frozenset[str]
    caption: frozenset[str]
    comments: frozenset[str] = frozenset()
    """Words naming an empty anchor that opens the comment thread (see segment.py)."""
    drop_if_holding: str = ""
    """CSS of what makes a ``drop_if_small`` element chrome at any size (a poll's radio buttons)."""
    verdicts: Verdicts = field(default_factory=Verdicts, compare=False, repr=False)

    def is_chrome_name(self, name: str) -> bool:
        """One class name or id names chrome, and does not start as the article's own."""
        return self._judge_name(tokens(name))

    def _judge_name(self, toks: list[str]) -> bool:
        if not toks or toks[0] in self.keep or not self.layout.isdisjoint(toks):
            return False
        if "".join(toks) in self.hidden:
            return True
        if len(toks) <= 2 and not self.weak.isdisjoint(toks):
            return True
        if not self.strong.isdisjoint(toks):
            return True
        prefix = self.prefix
        for t in toks:  # a plain loop: a generator costs more than the test on new names
            if t.startswith(prefix):
                return True
        return False

    def names_keep(self, name: str) -> bool:
        toks = tokens(name)
        return bool(toks) and toks[0] in self.keep

    def _judge_one(self, name: str) -> tuple[bool, bool, str]:
        return self.verdicts.names.get(name) or self._judge_new(name)

    def _judge_new(self, name: str) -> tuple[bool, bool, str]:
        """A name not in the table, judged and kept (``tokens`` and ``kind_named`` inline: most
        names a page judges are new to the run)."""
        toks = _name_tokens(name)
        head = toks[:2]
        kind = "byline" if not self.byline.isdisjoint(head) else "caption" if not self.caption.isdisjoint(head) else ""
        hit = (False, True, kind) if toks and toks[0] in self.keep else (self._judge_name(toks), False, kind)
        names = self.verdicts.names
        if len(names) > self.verdicts.cap:
            names.clear()
        names[name] = hit
        return hit

    def kind_named(self, toks: list[str]) -> str:
        """The kind of text ("byline", "caption", or "") the first two words of one class name
        or id name (segment.py types the text inside with it)."""
        head = toks[:2]
        return "byline" if not self.byline.isdisjoint(head) else "caption" if not self.caption.isdisjoint(head) else ""

    def name_kind(self, name: str) -> str:
        """``kind_named`` for one class name or id, kept in the same table as its chrome verdict:
        the names segment.py reads are mostly ones the pruning judged, so they are split once."""
        return self._judge_one(name)[2]

    def names_kind(self, value: str) -> str:
        """The kind of text the first name in a class or id value naming one names ("" if none)."""
        for name in value.split():
            kind = self._judge_one(name)[2]
            if kind:
                return kind
        return ""

    def _judge_value(self, value: str, cache: dict[str, tuple[bool, bool, str]], split: bool) -> tuple[bool, bool, str]:
        hit = cache.get(value)
        if hit is None:
            names = self.verdicts.names
            parts = value.split()
            if split:
                chrome = keep = False
                kind = ""
                for name in parts:
                    name_chrome, name_keep, name_kind = names.get(name) or self._judge_new(name)
                    chrome = chrome or name_chrome
                    keep = keep or name_keep
                    kind = kind or name_kind
                hit = (chrome, keep, kind)
            else:
                one = names.get(value) or self._judge_new(value)
                hit = one if parts == [value] else (*one[:2], self.names_kind(value))
            self.verdicts.remember(cache, value, hit)
        return hit

    def judge(self, class_attr: str | None, id_attr: str | None) -> tuple[bool, str]:
        """(A name in the class or the id names chrome and none starts as the article's own,
        the kind of text the names give: the class's first naming one, else the id's)."""
        verdicts = self.verdicts
        chrome, keep, kind = (verdicts.attrs.get(class_attr) or self._judge_value(class_attr, verdicts.attrs, True)) \
            if class_attr else (False, False, "")
        if id_attr:
            id_chrome, id_keep, id_kind = verdicts.ids.get(id_attr) or self._judge_value(id_attr, verdicts.ids, False)
            chrome, keep, kind = chrome or id_chrome, keep or id_keep, kind or id_kind
        return chrome and not keep, kind

    def is_chrome(self, class_attr: str | None, id_attr: str | None) -> bool:
        """A name in the class or the id names chrome and none starts as the article's own."""
        return self.judge(class_attr, id_attr)[0]


@lru_cache(maxsize=1)
def selectors() -> Selectors:
    """The pruning vocabulary, loaded once per process."""
    with open(SELECTORS_FILE, "rb") as fh:
        data = tomllib.load(fh)
    cls = data["classes"]
    return Selectors(
        drop_tags=tuple(data["tags"]["drop"]),
        drop_if_small=tuple(data["tags"]["drop_if_small"]),
        roles=frozenset(data["roles"]["drop"]),
        strong=frozenset(cls["strong"]),
        prefix=tuple(cls["prefix"]),
        weak=frozenset(cls["weak"]),
        hidden=frozenset(cls["hidden"]),
        keep=frozenset(cls["keep"]),
        layout=frozenset(cls["layout"]),
        byline=frozenset(data["kinds"]["byline"]),
        caption=frozenset(data["kinds"]["caption"]),
        comments=frozenset(data["sections"]["comments"]),
        drop_if_holding=",".join(data["tags"].get("drop_if_holding", [])),
    )


@dataclass(slots=True)
class Typed:
    """What segment.py's search for typed elements finds, read by the pruning walk from the
    attributes it reads anyway (one CSS search of the pruned page fewer): the figure boxes it
    marks and the elements naming an author (node id -> "caption" or "byline"; a figure box
    beats an author attribute), and the named anchors without an address whose names name the
    comment thread (whether such an anchor is empty is asked after the pruning, by segment.py:
    chrome inside it may go). ``read`` stays False where the walk did not read them (the plain
    path), and segment.py searches then."""

    kinds: dict[int, str] = field(default_factory=dict)
    anchors: set[int] = field(default_factory=set)
    read: bool = False


def _read_typed(node: LexborNode, tag: str, attrs: dict[str, str | None], typed: Typed,
                comments: frozenset[str]) -> None:
    """``typed`` for one element left standing (see ``Typed``), as segment.py's search reads it."""
    if tag == "a" and "href" not in attrs and ("name" in attrs or "id" in attrs):
        if not comments.isdisjoint(tokens(f"{attrs.get('name') or ''} {attrs.get('id') or ''}")):
            typed.anchors.add(node.mem_id)
    if FIGURE_ATTR in attrs:
        typed.kinds[node.mem_id] = "caption"
    elif (attrs.get("itemprop") or "").lower() == "author" or (attrs.get("rel") or "").lower() == "author":
        typed.kinds[node.mem_id] = "byline"


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def _text_len(node: LexborNode) -> int:
    return len(node.text(deep=True))


def _small_is_chrome(node: LexborNode, sel: "Selectors", limit: float) -> bool:
    """A ``drop_if_small`` element (a form) is chrome when it holds little text, or when it holds
    a poll's inputs, and in both cases not most of the page (an ASP.NET page wraps its whole body
    in a form, however short the story)."""
    n = _text_len(node)
    if n < _SMALL_FORM_CHARS:
        return n <= limit
    return n <= limit and _holds_poll(node, sel)


def _holds_poll(node: LexborNode, sel: "Selectors") -> bool:
    return bool(sel.drop_if_holding) and node.css_first(sel.drop_if_holding) is not None


_NEVER_BY_NAME = frozenset({"html", "body", "main", "article"})
"""Never pruned for a role, class or id: the page's own frame."""
_ALWAYS = ("script", "style", "noscript", "template", "svg", "canvas", "head", "title", "link", "meta", "object", "embed")


_ALWAYS_TAGS = frozenset(_ALWAYS)


def strip_always(tree: LexborHTMLParser, reference: bool = False) -> None:
    """Take out every element of the ``_ALWAYS`` tags, subtree and all. One walk of the page's
    elements finds them all, where the parser's ``strip_tags`` walks it once per tag (and a CSS
    search for all of them costs more than the walk, its matching per element included); each
    is detached as ``strip_tags`` does (not freed: one may sit inside another already taken
    out). ``reference=True`` is ``strip_tags`` itself (a test holds the two together)."""
    if reference:
        tree.strip_tags(list(_ALWAYS))
        return
    root = tree.root
    if root is None:
        return
    for node in [node for node in root.traverse() if node.tag in _ALWAYS_TAGS]:  # found before any is detached
        node.decompose(recursive=False)


_MEDIA = frozenset({"img", "picture", "video"})


def _mark_figure(img: LexborNode) -> LexborNode | None:
    """The nearest box around an image that holds any text, when that text is short, is the
    image's caption, credit or teaser label: marked before images go, so segment can type it.
    An image set straight into a paragraph's inline run (``<p><font><img>text</font></p>``)
    floats in the paragraph's text, as one set straight into the paragraph does; a box of its
    own around the image (``<p><span><a><img></a></span><span>caption</span></p>``) is a figure."""
    node = img.parent
    for level in range(_FIGURE_LEVELS):
        if node is None or node.tag in _NEVER_FIGURE:
            break
        n = len(node.text(deep=True).strip())
        if n:
            if n <= _FIGURE_MAX_CHARS and not (level == 0 and node.tag in _INLINE_BOXES and _in_paragraph(node)):
                node.attrs[FIGURE_ATTR] = "1"
                return node
            break
        node = node.parent
    return None


_INLINE_BOXES = frozenset({"span", "font", "a", "b", "i", "em", "strong", "small", "big", "u"})


def _in_paragraph(node: LexborNode) -> bool:
    """Is the inline ``node`` inside a paragraph, through inline elements only?"""
    parent = node.parent
    while parent is not None and parent.tag in _INLINE_BOXES:
        parent = parent.parent
    return parent is not None and parent.tag == "p"


def _mark_figures(body: LexborNode) -> None:
    """Every image's caption box marked (see _mark_figure)."""
    for img in body.css(",".join(sorted(_MEDIA))):
        _mark_figure(img)


_BUDGET_PER_CHAR = 50
"""The safety check measures at most this many characters per character of body text (plus a
fixed allowance): past it, big nested chrome is pruned unmeasured (pathological nesting)."""
_BUDGET_FIXED = 1_000_000
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
"""Elements that never hold text: always small enough to prune, no need to measure."""
_NAMED = "[class],[id],[role],[style],[hidden],[aria-hidden]"


@dataclass(frozen=True, slots=True)
class _Queries:
    """The CSS prune() runs, built once from the vocabulary."""
    soft_tags: frozenset[str]
    small_tags: frozenset[str]
    by_tag: frozenset[str]
    all_query: str
    """Every candidate (tags and names), in document order; a node once per selector it matches."""
    figures_by_tag: bool
    """Every image tag is a tag pruned, so the walk for candidates meets every image to mark."""


@lru_cache(maxsize=1)
def _queries() -> _Queries:
    sel = selectors()
    soft = tuple(t for t in sel.drop_tags if t not in _ALWAYS)
    small = tuple(sel.drop_if_small)
    return _Queries(
        soft_tags=frozenset(soft), small_tags=frozenset(small), by_tag=frozenset(soft + small),
        all_query=",".join([*soft, *small, _NAMED]),
        figures_by_tag=_MEDIA <= frozenset(soft),
    )


def _names_chrome(sel: Selectors, attrs: dict[str, str | None]) -> bool:
    """The node's role, class or id names chrome, or its attributes hide it."""
    role = attrs.get("role")
    return bool((role and role.strip().lower() in sel.roles) or sel.is_chrome(attrs.get("class"), attrs.get("id"))
                or _is_hidden(attrs))


def _doomed_in_order(body: LexborNode, sel: Selectors, q: _Queries, total: int) -> list[LexborNode]:
    """Chrome in document order, every candidate judged and measured while the budget lasts
    (the general path: on deeply nested pages the budget may run out)."""
    limit = total * _SAFE_SHARE
    budget = _BUDGET_PER_CHAR * total + _BUDGET_FIXED
    soft_tags, small_tags = q.soft_tags, q.small_tags
    doomed: list[LexborNode] = []
    seen: set[int] = set()
    for node in body.css(q.all_query):
        mid = node.mem_id
        if mid in seen:
            continue
        seen.add(mid)
        tag = node.tag
        if tag in small_tags:
            if _small_is_chrome(node, sel, limit):
                doomed.append(node)
            continue
        if tag not in soft_tags:
            attrs = node.attributes
            if not attrs or tag in _NEVER_BY_NAME or not _names_chrome(sel, attrs):
                continue
        if budget > 0:
            size = _text_len(node)
            budget -= size
            if size > limit:
                continue
        doomed.append(node)
    return doomed


_UNNAMED = (False, "")
"""``Selectors.judge`` of an element with neither a class nor an id."""


def _doomed_outermost(body: LexborNode, sel: Selectors, q: _Queries, total: int,
                      marks: dict[int, str] | None = None, typed: Typed | None = None) -> list[LexborNode] | None:
    """The same chrome as _doomed_in_order, outermost only, when the measuring budget cannot
    run out; None when it might (the caller then takes the plain path).

    One walk of the page's elements in document order (the parser's own ``traverse``: a CSS
    search for the candidates walks the tree several times slower); an element is a candidate
    by its tag, or by its names and attributes, read only where it has any. A node found to be
    chrome skips what lies inside it (until the first node after it). No node is freed here,
    so every size is measured on the whole page, as in document order; the nodes returned
    never lie inside one another. Every image is still marked (see _mark_figure), inside
    chrome or not: the box it marks may lie outside.

    The budget: the plain path measures every chrome candidate, those inside chrome too, while
    its budget lasts; past it, chrome is pruned unmeasured. That changes a verdict only for
    chrome holding more than the safety share of the text, which is never inside other chrome
    (no larger than its box), so this path meets each such node. Here the candidates outside
    chrome are measured, and each node skipped inside chrome (at least as many as the
    candidates there) is counted at the size of the chrome around it (no larger): while that
    sum, at such a node, is under the budget, the plain path measured it too and both judge
    alike; else None. ``marks`` receives, for each element left standing, the kind of text its
    class or id names give (see ``Selectors.judge``), from the same judging; ``typed`` what
    segment.py's search for typed elements would find (see ``Typed``; only where every image
    is marked in this walk, so that each figure box is seen being marked)."""
    limit = total * _SAFE_SHARE
    budget = _BUDGET_PER_CHAR * total + _BUDGET_FIXED
    small_tags, by_tag = q.small_tags, q.by_tag
    marking = q.figures_by_tag
    if not marking:
        _mark_figures(body)
        typed = None
    kinds = typed.kinds if typed is not None else None
    comments = sel.comments
    doomed: list[LexborNode] = []
    roles, judge, hidden_style = sel.roles, sel.judge, _HIDDEN_STYLE.search
    skip_to = -1
    """While inside chrome: the id of the first node after it (0: none, the page's end)."""
    size = 0
    for node in body.traverse():
        tag = node.tag
        if skip_to >= 0:
            if node.mem_id != skip_to:
                budget -= size  # no more candidates inside than nodes
                if marking and tag in _MEDIA:
                    box = _mark_figure(node)  # every image, in document order, as _mark_figures does
                    if box is not None and kinds is not None:
                        # (a box inside the chrome is freed with it; no node is made before
                        # segment.py reads the table, so its id names no other node there)
                        kinds[box.mem_id] = "caption"
                continue
            skip_to = -1
        if tag in by_tag:
            if marking and tag in _MEDIA:
                box = _mark_figure(node)
                if box is not None and kinds is not None:
                    kinds[box.mem_id] = "caption"
            if tag in _VOID:
                size = 0
            else:
                size = _text_len(node)
                if tag in small_tags:
                    chrome = size <= limit and (size < _SMALL_FORM_CHARS or _holds_poll(node, sel))
                else:
                    chrome = size <= limit
                    if not chrome and budget <= 0:
                        return None  # the plain path may have stopped measuring before this node
                    budget -= size
                if not chrome:
                    if marks is not None or typed is not None:
                        attrs = node.attributes
                        if attrs:
                            kind = judge(attrs.get("class"), attrs.get("id"))[1]
                            if kind and marks is not None:
                                marks[node.mem_id] = kind
                            if typed is not None:
                                _read_typed(node, tag, attrs, typed, comments)
                    continue
        elif tag in _NEVER_BY_NAME:
            continue
        else:
            attrs = node.attributes
            if not attrs:
                continue  # no names: not a candidate (text, comments, bare elements)
            # _names_chrome and _is_hidden inline, in their order (the names first: their kind is kept).
            cls, id_ = attrs.get("class"), attrs.get("id")
            chrome, kind = judge(cls, id_) if cls or id_ else _UNNAMED  # most links have neither
            more = len(attrs) > (cls is not None) + (id_ is not None)  # attributes beyond the names
            if not chrome and more:  # (most elements have none): a role, or one hiding it
                role = attrs.get("role")
                style = attrs.get("style")
                chrome = bool((role and role.strip().lower() in roles)
                              or "hidden" in attrs or (attrs.get("aria-hidden") or "").strip().lower() == "true"
                              or (style and hidden_style(style) is not None))
            if chrome:
                size = _text_len(node)
                chrome = size <= limit
                if not chrome and budget <= 0:
                    return None  # the plain path may have stopped measuring before this node
                budget -= size
            if not chrome:
                if kind and marks is not None:
                    marks[node.mem_id] = kind
                if typed is not None and ((tag == "a" and "href" not in attrs) or (more and (
                        "itemprop" in attrs or "rel" in attrs or FIGURE_ATTR in attrs))):  # rare: tested inline
                    _read_typed(node, tag, attrs, typed, comments)
                continue
        doomed.append(node)
        if node.first_child is not None:
            after = _node_after(node, body)
            if after is None:
                if not marking:
                    break  # nothing after it: the walk is over
                skip_to = 0
            else:
                skip_to = after.mem_id
    return doomed


def _node_after(node: LexborNode, root: LexborNode) -> LexborNode | None:
    """The first node after ``node`` and its subtree, in document order, that ``traverse``
    yields (any node but text), inside ``root``; None when there is none."""
    root_id = root.mem_id
    while True:
        nxt = node.next
        while nxt is not None:
            if not nxt.is_text_node:
                return nxt
            nxt = nxt.next
        node = node.parent
        if node is None or node.mem_id == root_id:
            return None


def prune(tree: LexborHTMLParser, reference: bool = False, marks: dict[int, str] | None = None,
          typed: Typed | None = None) -> LexborNode | None:
    """Remove chrome from ``tree`` in place; returns the body (None when the page has none).

    Two paths give the same tree. The reference path judges every candidate in document
    order (``_doomed_in_order``); the fast one (``_doomed_outermost``) skips what lies inside
    chrome already found, and stands when it can show that the measuring budget does not run
    out (else the plain path runs after it: only pathological nesting). ``reference=True``
    takes the plain path on every page (tests hold the two together). ``marks``, when given, receives the kind of text ("byline", "caption")
    that the class or id names of each element left standing give (node id -> kind, for
    segment.py); the fast path reads it while it judges the names, the plain one afterwards.
    ``typed``, when given, receives what segment.py's search for typed elements would find, on
    the fast path only (``Typed.read`` says whether it did)."""
    sel = selectors()
    q = _queries()
    strip_always(tree, reference)
    body = tree.body
    if body is None:
        return None
    doomed = None if reference else _doomed_outermost(body, sel, q, _text_len(body), marks, typed)
    if doomed is not None:
        for node in doomed:
            node.decompose()
        if typed is not None:
            typed.read = q.figures_by_tag
    else:
        if marks:
            marks.clear()
        if typed is not None:
            typed.kinds.clear()
            typed.anchors.clear()
            typed.read = False
        _mark_figures(body)
        # Document order puts a node before its descendants: freeing in reverse never
        # touches a node whose ancestor is already gone.
        for node in reversed(_doomed_in_order(body, sel, q, _text_len(body))):
            node.decompose()
        if marks is not None:
            read_marks(body, sel, marks)
    return body


MARKED_QUERY = ":is([class],[id]):not(body,article,main)"
"""Elements whose class or id may type their text; the page's frame never does."""


def read_marks(body: LexborNode, sel: Selectors, marks: dict[int, str]) -> None:
    """The plain reading of ``prune``'s ``marks``: every element with a class or id, after pruning."""
    for node in body.css(MARKED_QUERY):
        attrs = node.attributes
        cls, id_ = attrs.get("class"), attrs.get("id")
        kind = (sel.names_kind(cls) if cls else "") or (sel.names_kind(id_) if id_ else "")
        if kind:
            marks[node.mem_id] = kind
