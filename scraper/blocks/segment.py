"""A pruned page -> text units in reading order, each tied to the element holding it.

One iterative walk (no recursion: 50,000 nested divs must not overflow the
stack). Inline text accumulates until a block-level boundary (a paragraph, a
heading, a list item, a cell, a ``<br>``) flushes it as one unit. Each unit
remembers its innermost block element, the innermost box holding all of its
text (a block, or an inline box such as ``<span>``/``<font>`` that old layouts
and lead paragraphs use as containers), the share of its characters inside
links, and its kind (heading, list item, quote, caption, byline, ...). Elements
get preorder ids, so "is inside element E" is a range test: ``E <= id < end[E]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from ..model import BlockKind
from .prune import FIGURE_ATTR, Selectors, Typed, selectors, tokens

BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "body", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
    "pre", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    "address", "details", "summary", "hr", "center", "fieldset", "form", "header", "footer", "nav",
    "aside", "hgroup", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "noscript",
})
_KIND = {
    "h1": BlockKind.HEADING, "h2": BlockKind.HEADING, "h3": BlockKind.HEADING, "h4": BlockKind.HEADING,
    "h5": BlockKind.HEADING, "h6": BlockKind.HEADING, "li": BlockKind.LIST_ITEM, "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM, "blockquote": BlockKind.QUOTE, "pre": BlockKind.CODE,
    "figcaption": BlockKind.CAPTION, "caption": BlockKind.CAPTION,
}
INLINE_BOXES = frozenset({"span", "font"})
"""Inline elements that may still hold a whole article or its lead: text in them is not cut
at their edges, but it belongs to them for the choice of the article's container."""
_CELL_BLOCKS = "p,div,table,ul,ol,br,h1,h2,h3,h4,h5,h6,blockquote,section,article"
MAX_DEPTH = 300
"""Below this depth a subtree is read as one unit, so pathological nesting stays linear."""


@dataclass(slots=True)
class Unit:
    text: str
    link_chars: int
    kind: BlockKind
    level: int
    element: int
    """Preorder id of the innermost block element holding the text."""
    in_time: bool = False
    inner: int = -1
    """Preorder id of the innermost element (block or inline box) holding all of the text;
    the container choice counts the unit there (-1: the same as ``element``)."""
    thread: bool = False
    """In a comment thread opened by a named anchor (see ``_mark_threads``): never article text."""
    link_density: float = field(init=False, default=0.0)
    """Share of the text inside links, at most 1: set once, as the choice and the blocks read it
    several times a unit (a unit's text and links never change)."""

    def __post_init__(self) -> None:
        if self.inner < 0:
            self.inner = self.element
        if self.text:
            self.link_density = min(1.0, self.link_chars / len(self.text))


@dataclass(slots=True)
class Segmentation:
    units: list[Unit] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)
    threads: list[tuple[int, int]] = field(default_factory=list)
    """(index of the first unit after a comment-thread anchor, the anchor's parent element),
    for anchors with prose before them on the page."""


_UNMARKED = frozenset({"body", "article", "main"})
"""The page's frame: its class never types the text inside it."""
_NOT_FRAME = f":not({','.join(sorted(_UNMARKED))})"
_NAMED_QUERY = f":is([class],[id]){_NOT_FRAME}"
_TYPED_QUERY = f":is([itemprop],[rel],[{FIGURE_ATTR}]){_NOT_FRAME}"


def _find_markers(body: LexborNode, markers: dict[int, BlockKind], sel: Selectors,
                  marks: dict[int, str] | None = None, anchors: set[int] | None = None) -> None:
    """Elements whose markup types their text (node id -> kind). A figure box beats an author
    attribute, which beats the class and id names. ``marks``: the kinds the class and id names
    give, as the pruning read them (see ``prune``); without them they are read here.
    ``anchors``, when given, receives the comment-thread anchors (``_thread_anchors``), found
    in the same search as the figure boxes and author attributes."""
    if marks is not None:
        for mid, kind in marks.items():
            markers[mid] = _KIND_NAMED[kind]
    else:
        _named_markers(body, markers, sel)
    comments = sel.comments
    for node in body.css(_TYPED_QUERY if anchors is None else _TYPED_OR_ANCHOR_QUERY):
        attrs = node.attributes
        tag = node.tag
        if anchors is not None and tag == "a" and "href" not in attrs and ("name" in attrs or "id" in attrs):
            if _is_thread_anchor(node, attrs, comments):
                anchors.add(node.mem_id)
            if tag in _UNMARKED or not ("itemprop" in attrs or "rel" in attrs or FIGURE_ATTR in attrs):
                continue  # found as an anchor only
        if FIGURE_ATTR in attrs:
            markers[node.mem_id] = BlockKind.CAPTION
        elif (attrs.get("itemprop") or "").lower() == "author" or (attrs.get("rel") or "").lower() == "author":
            markers[node.mem_id] = BlockKind.BYLINE


def _named_markers(body: LexborNode, markers: dict[int, BlockKind], sel: Selectors) -> None:
    """The kinds the class and id names give, read on their own (the plain reading)."""
    for node in body.css(_NAMED_QUERY):
        attrs = node.attributes
        cls, id_ = attrs.get("class"), attrs.get("id")
        # The first name naming a kind wins, and the class names come before the id.
        kind = _marker_for_names(cls, sel) if cls else None
        if kind is None and id_:
            kind = _marker_for_names(id_, sel)
        if kind is not None:
            markers[node.mem_id] = kind


_MARKER_CACHE: dict[str, BlockKind | None] = {}
_KIND_NAMED = {"byline": BlockKind.BYLINE, "caption": BlockKind.CAPTION, "": None}


def _marker_for_name(name: str, sel: Selectors) -> BlockKind | None:
    """Byline or caption kind named by the first two words of one class name or id (read from
    the pruning's table of judged names, where most names already are)."""
    return _KIND_NAMED[sel.name_kind(name)]


def _marker_for_names(names: str, sel: Selectors) -> BlockKind | None:
    """Byline or caption kind named by a class/id string (the first name naming one); judged
    once per distinct string."""
    try:
        return _MARKER_CACHE[names]
    except KeyError:
        pass
    found = None
    for name in names.split():
        found = _marker_for_name(name, sel)
        if found is not None:
            break
    if len(_MARKER_CACHE) > 50_000:
        _MARKER_CACHE.clear()
    _MARKER_CACHE[names] = found
    return found


_ANCHOR_QUERY = "a[name]:not([href]),a[id]:not([href])"
THREAD_PROSE_BEFORE = 100
"""Characters of one low-link unit that must come before a thread anchor: comments follow a
story, so an anchor above all prose (a page-top target) opens nothing."""


def _thread_anchors(body: LexborNode, comments: frozenset[str]) -> set[int]:
    """Node ids of empty in-page anchors named for the comment thread."""
    found = set()
    for node in body.css(_ANCHOR_QUERY):
        if _is_thread_anchor(node, node.attributes, comments):
            found.add(node.mem_id)
    return found


def _is_thread_anchor(node: LexborNode, attrs: dict[str, str | None], comments: frozenset[str]) -> bool:
    name = f"{attrs.get('name') or ''} {attrs.get('id') or ''}"
    return not comments.isdisjoint(tokens(name)) and not node.text(deep=True).strip()


_TYPED_OR_ANCHOR_QUERY = f":is({_TYPED_QUERY},{_ANCHOR_QUERY})"


THREAD_BOX_LEVELS = 4
"""Boxes walked up from an anchor whose own box holds no prose after it (a heading cell over
the thread): the thread is in the nearest box around it that does."""


def _thread_box(seg: Segmentation, start: int, box: int) -> int:
    """The box holding a thread that opens at unit ``start`` with an anchor in ``box``: the
    anchor's box, or the nearest one up that holds a unit of prose after the anchor."""
    units, end, parent = seg.units, seg.end, seg.parent
    for _ in range(THREAD_BOX_LEVELS):
        if any(len(u.text) >= THREAD_PROSE_BEFORE for u in units[start:] if box <= u.element < end[box]):
            return box
        if parent[box] < 0:
            break
        box = parent[box]
    return box


def _mark_threads(seg: Segmentation) -> None:
    """Units after a thread anchor inside the anchor's box are the thread's, once some prose
    came before the anchor on the page (other anchors are forgotten)."""
    units, end = seg.units, seg.end
    kept = []
    for start, box in seg.threads:
        if not any(len(u.text) >= THREAD_PROSE_BEFORE and u.link_density < 0.3 for u in units[:start]):
            continue
        box = _thread_box(seg, start, box)
        kept.append((start, box))
        for u in units[start:]:
            if box <= u.element < end[box]:
                u.thread = True
    seg.threads = kept


def _whole_unit(node: LexborNode, tag: str, eid: int, seg: Segmentation, anchors: set[int]) -> None:
    """A subtree read as one unit (a table row without blocks in its cells, or a subtree past
    ``MAX_DEPTH``); its elements get no ids of their own."""
    if anchors and any(a.mem_id in anchors and not a.text(deep=True).strip() for a in node.css(_ANCHOR_QUERY)):
        seg.threads.append((len(seg.units), eid))  # a thread's head row, read as one unit
    if tag == "tr":
        cells = [" ".join(c.text(deep=True).split()) for c in node.iter() if c.tag in ("td", "th")]
        text = " | ".join(c for c in cells if c)
        kind = BlockKind.TABLE_ROW
    else:
        text = " ".join(node.text(deep=True, separator=" ").split())
        kind = BlockKind.PARAGRAPH
    if text:
        links = sum(len(a.text(deep=True).strip()) for a in node.css("a"))
        seg.units.append(Unit(text, min(links, len(text)), kind, 0, eid))


_CELL_BLOCK_TAGS = frozenset(_CELL_BLOCKS.split(","))


def _holds_cell_block(row: LexborNode) -> bool:
    """``row.css_first(_CELL_BLOCKS) is not None`` by a walk of the row's few elements (a CSS
    search costs more to set up than the walk; the reference walk keeps the CSS)."""
    for node in row.traverse():
        if node.tag in _CELL_BLOCK_TAGS:
            return True
    return False


def segment(body: LexborNode, reference: bool = False, marks: dict[int, str] | None = None,
            typed: Typed | None = None) -> Segmentation:
    """Walk ``body`` once and cut its text into units.

    Two walks give the same units. The fast one moves by ``first_child``/``next`` and keeps
    only the open elements on its stack; the reference one pushes every child onto a stack of
    nodes still to enter (``reference=True``; a test holds the two together). ``marks``: the
    kinds of text class and id names give, as ``prune`` read them (else read here); ``typed``:
    the typed elements and the comment anchors, as ``prune`` read them (else searched here)."""
    sel = selectors()
    seg = Segmentation()
    units, parent, end, tags = seg.units, seg.parent, seg.end, seg.tag
    markers: dict[int, BlockKind] = {}
    if reference:  # the plain reading: one search for the markers, one for the anchors
        _find_markers(body, markers, sel, marks)
        anchors = _thread_anchors(body, sel.comments)
    elif typed is not None and typed.read:
        # The pruning's reading: the named kinds, the typed ones over them; its anchors are the
        # ones named for the thread, and one left empty opens it (asked as the walk meets it).
        if marks is not None:
            for mid, kind in marks.items():
                markers[mid] = _KIND_NAMED[kind]
        else:
            _named_markers(body, markers, sel)
        for mid, kind in typed.kinds.items():
            markers[mid] = _KIND_NAMED[kind]
        anchors = typed.anchors
    else:
        anchors = set()
        _find_markers(body, markers, sel, marks, anchors)
    buf: list[str] = []
    link_chars = 0
    in_link = 0
    in_time = 0
    time_chars = 0
    marked_chars = 0
    marked_kind: BlockKind | None = None
    block_stack: list[int] = []
    box_stack: list[int] = []
    """Open blocks and inline boxes, outermost first."""
    inner = -1
    inner_open = False
    kind_stack: list[tuple[BlockKind, int]] = [(BlockKind.PARAGRAPH, 0)]
    marker_stack: list[BlockKind] = []

    def flush() -> None:
        nonlocal link_chars, time_chars, marked_chars, marked_kind, inner
        if buf:
            text = " ".join("".join(buf).split())
            if text:
                kind, level = kind_stack[-1]
                if marked_kind is not None and kind is not BlockKind.HEADING and marked_chars * 2 >= len(text):
                    kind = marked_kind
                element = block_stack[-1] if block_stack else 0
                units.append(Unit(text, min(link_chars, len(text)), kind, level, element,
                                  time_chars * 2 >= len(text), inner if inner >= element else element))
            buf.clear()
        link_chars = 0
        time_chars = 0
        marked_chars = 0
        marked_kind = None
        inner = -1

    if not reference:
        # Open elements (node, element id, flags): a node's parent element is the top one and
        # its depth the stack's size. Entering an element goes on to its first child; a node
        # with nothing to enter is followed by its next sibling, after leaving every element
        # whose last child it was.
        open_: list[tuple] = []
        node = body
        while True:
            leave_top = False
            tag = node.tag  # one read: a text node's tag is "-text"
            if tag == "-text":
                # Spacing between blocks, with no unit open, is left without reading it (see below).
                piece = None if not buf and node.is_empty_text_node else node.text_content
                if piece:
                    if piece.isspace():  # most text nodes: the spacing between tags counts no characters
                        # Spacing that would open a unit is left out: a unit's text is stripped, and
                        # the kind it marks is overridden by any marked text that follows it.
                        if buf:
                            buf.append(piece)
                            if marker_stack:
                                marked_kind = marker_stack[-1]
                    else:
                        buf.append(piece)
                        # The innermost open box holding every piece of the buffer so far.
                        if inner < 0:
                            inner, inner_open = (box_stack[-1] if box_stack else 0), True
                        elif not inner_open:
                            inner = next((b for b in reversed(box_stack) if b < inner), 0)
                            inner_open = True
                        if in_link or in_time or marker_stack:  # the piece's characters count only there
                            n = len(piece.strip())
                            if in_link:
                                link_chars += n
                            if in_time:
                                time_chars += n
                            if marker_stack:
                                marked_chars += n
                                marked_kind = marker_stack[-1]
            else:
                if not tag or tag[0] == "-":
                    pass  # comment, doctype
                elif tag == "br":
                    if buf:
                        flush()
                else:
                    pid = open_[-1][1] if open_ else -1
                    eid = len(tags)
                    tags.append(tag)
                    parent.append(pid)
                    end.append(eid + 1)
                    if len(open_) >= MAX_DEPTH or (tag == "tr" and not _holds_cell_block(node)):
                        if buf:
                            flush()
                        _whole_unit(node, tag, eid, seg, anchors)
                        end[eid] = len(tags)
                    else:
                        if tag in BLOCK_TAGS:
                            if buf:
                                flush()
                            block_stack.append(eid)
                            box_stack.append(eid)
                            if tag in _KIND:
                                kind_stack.append((_KIND[tag], int(tag[1]) if tag[0] == "h" else len(block_stack)))
                                flags = 48
                            else:
                                flags = 16
                        elif tag == "a":
                            in_link += 1
                            flags = 1
                            if anchors and node.mem_id in anchors and not node.text(deep=True).strip():
                                if buf:
                                    flush()
                                seg.threads.append((len(units), pid))
                        elif tag == "time":
                            in_time += 1
                            flags = 2
                        elif tag in INLINE_BOXES:
                            box_stack.append(eid)
                            flags = 8
                        else:
                            flags = 0
                        marker = markers.get(node.mem_id) if markers else None
                        if marker is not None:
                            marker_stack.append(marker)
                            flags |= 4
                        open_.append((node, eid, flags))
                        child = node.first_child
                        if child is not None:
                            node = child
                            continue
                        leave_top = True  # an empty element is left at once
            while True:
                if leave_top:
                    node, eid, flags = open_.pop()
                    end[eid] = len(tags)
                    if flags & 16:  # a block
                        if buf:  # nothing to cut: the counters only grow with the buffer
                            flush()
                        block_stack.pop()
                        box_stack.pop()
                        if flags & 32:  # a block typing its text
                            kind_stack.pop()
                    elif flags & 8:
                        box_stack.pop()
                        if eid == inner:
                            inner_open = False
                    if flags & 1:
                        in_link -= 1
                    if flags & 2:
                        in_time -= 1
                    if flags & 4:
                        marker_stack.pop()
                    if not open_:
                        break  # ``body`` left: the walk is over
                nxt = node.next
                if nxt is not None:
                    break
                leave_top = True  # the last child: its parent is left next
            if not open_:
                break
            node = nxt
    else:
        # Stack items: (node, parent element id, depth) to enter; (None, element id, flags) to leave.
        stack: list[tuple] = [(body, -1, 0)]
        push = stack.append
        while stack:
            node, pid, depth = stack.pop()
            if node is None:
                eid, flags = pid, depth
                tag = tags[eid]
                end[eid] = len(tags)
                if tag in BLOCK_TAGS:
                    if buf:  # nothing to cut: the counters only grow with the buffer
                        flush()
                    block_stack.pop()
                    box_stack.pop()
                    if tag in _KIND:
                        kind_stack.pop()
                elif flags & 8:
                    box_stack.pop()
                    if eid == inner:
                        inner_open = False
                if flags & 1:
                    in_link -= 1
                if flags & 2:
                    in_time -= 1
                if flags & 4:
                    marker_stack.pop()
                continue
            if node.is_text_node:
                piece = node.text_content
                if piece:
                    buf.append(piece)
                    if piece.isspace():  # most text nodes: the spacing between tags counts no characters
                        if marker_stack:
                            marked_kind = marker_stack[-1]
                        continue
                    n = len(piece.strip())
                    # The innermost open box holding every piece of the buffer so far.
                    if inner < 0:
                        inner, inner_open = (box_stack[-1] if box_stack else 0), True
                    elif not inner_open:
                        inner = next((b for b in reversed(box_stack) if b < inner), 0)
                        inner_open = True
                    if in_link:
                        link_chars += n
                    if in_time:
                        time_chars += n
                    if marker_stack:
                        marked_chars += n
                        marked_kind = marker_stack[-1]
                continue
            tag = node.tag
            if not tag or tag.startswith("-"):
                continue  # comment, doctype
            if tag == "br":
                if buf:
                    flush()
                continue
            eid = len(tags)
            tags.append(tag)
            parent.append(pid)
            end.append(eid + 1)
            if depth >= MAX_DEPTH or (tag == "tr" and node.css_first(_CELL_BLOCKS) is None):
                if buf:
                    flush()
                _whole_unit(node, tag, eid, seg, anchors)
                end[eid] = len(tags)
                continue
            flags = 0
            if tag in BLOCK_TAGS:
                if buf:
                    flush()
                block_stack.append(eid)
                box_stack.append(eid)
                if tag in _KIND:
                    kind_stack.append((_KIND[tag], int(tag[1]) if tag[0] == "h" else len(block_stack)))
            elif tag == "a":
                in_link += 1
                flags |= 1
                if anchors and node.mem_id in anchors:
                    if buf:
                        flush()
                    seg.threads.append((len(units), pid))
            elif tag == "time":
                in_time += 1
                flags |= 2
            elif tag in INLINE_BOXES:
                box_stack.append(eid)
                flags |= 8
            marker = markers.get(node.mem_id) if markers else None
            if marker is not None:
                marker_stack.append(marker)
                flags |= 4
            stack.append((None, eid, flags))
            # Children pushed last one first, so the first is taken next.
            child = node.last_child
            depth += 1
            while child is not None:
                push((child, eid, depth))
                child = child.prev
    if buf:
        flush()
    if seg.threads:
        _mark_threads(seg)
    return seg
