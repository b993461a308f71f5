"""Segmentation: the fast walk (first child / next sibling, open elements only on its stack)
cuts the same units, with the same element ids, as the reference walk (every child pushed);
the kinds class names give (byline, caption) read from the pruning's table match the plain
reading, whether the pruning hands them over or segment reads them itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.blocks.prune import Typed, prune, selectors, tokens
from scraper.blocks.segment import _MARKER_CACHE, MAX_DEPTH, _marker_for_names, segment
from scraper.model import BlockKind

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
STORY = "<p>" + "The harbour board voted on Tuesday to extend the ferry service into the winter months. " * 3 + "</p>"

SHAPES = {
    "paragraphs, breaks and inline boxes": f"{STORY}<div>first line<br>second <span>boxed <b>bold</b></span> tail</div>",
    "empty elements and comments": f"<div></div><p><!-- note --></p><span></span>{STORY}<i></i>",
    "links, times and markers": f"<div class='byline'>By <a href='/a'>Jane Roe</a> <time>May 2</time></div>{STORY}"
                                "<figure><img src='a.jpg'><figcaption>The quay. <a href='/p'>Photo</a></figcaption></figure>",
    "table rows": "<table><tr><td>Ferry</td><td>08:10</td></tr><tr><td><p>A cell</p><p>with blocks</p></td></tr></table>"
                  + STORY,
    "comment thread anchor": f"<div>{STORY}<a name='comments'></a><div><p>{'A reader wrote at length here. ' * 5}</p></div></div>",
    "anchor in a row": f"{STORY}<table><tr><td><a id='comments'></a>Comments</td></tr></table><p>{'Reply text. ' * 12}</p>",
    "headings and lists": f"<h1>Title</h1><h3>Sub</h3><ul><li>one</li><li>two <em>x</em></li></ul>{STORY}",
    "nested past the depth limit": "<div>" * (MAX_DEPTH + 5) + STORY + "<p>deep <a href='/x'>link</a></p>" + "</div>" * (MAX_DEPTH + 5)
                                   + "<p>after the deep box</p>",
    "anchors that are typed too": f"<div>{STORY}<a id='comments' rel='author'></a><span itemprop='author'>Jane Roe</span>"
                                  f"<a name='respond-comments' href='#top'>Top</a><div><p>{'A reader wrote at length. ' * 5}</p></div></div>",
    "an anchor emptied by the pruning": f"<div>{STORY}<a name='comments'><span class='share-bar'>Share</span></a>"
                                         f"<div><p>{'A reader wrote at length here. ' * 5}</p></div></div>",
    "an anchor holding text, and one with a share box beside it": f"<div>{STORY}<a id='comments'>Comments</a>"
        f"<p>{'A reader wrote at length here. ' * 5}</p><a name='comment-list'></a><div class='share'>s</div>"
        f"<table><tr><td><a name='comments-2'><span class='share'>x</span></a>Replies</td></tr></table></div>",
    "typed boxes: authors, figures, both": f"<div itemprop='author'>Jane Roe</div><span rel='Author'>Ann Lee</span>"
        f"<div itemprop='author'><img src='a.jpg'><span>Photo: Jane Roe</span></div>{STORY}"
        "<div class='byline' itemprop='editor'>By Al Bo</div><form itemprop='author'>" + STORY * 3 + "</form>",
    "text only": "just text in the body",
    "empty body": "",
}


def _both(html: str):
    tree = LexborHTMLParser(html)
    marks: dict[int, str] = {}
    typed = Typed()
    body = prune(tree, marks=marks, typed=typed)
    assert body is not None
    fast = segment(body, marks=marks, typed=typed)
    # the kinds class names give, and the typed elements and anchors, as the pruning read them or read here
    _same(fast, segment(body, marks=marks))
    _same(fast, segment(body))
    return fast, segment(body, reference=True)


def _same(a, b) -> None:
    assert a.units == b.units
    assert (a.parent, a.end, a.tag, a.threads) == (b.parent, b.end, b.tag, b.threads)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_fast_and_reference_walks_agree_on_page_shapes(name):
    fast, reference = _both(f"<html><body>{SHAPES[name]}</body></html>")
    _same(fast, reference)


@pytest.mark.parametrize("path", sorted(p.name for p in PAGES.iterdir() if p.suffix == ".html"))
def test_fast_and_reference_walks_agree_on_the_fixture_pages(path):
    fast, reference = _both((PAGES / path).read_text(encoding="utf-8", errors="replace"))
    _same(fast, reference)


def test_the_walk_reads_text_in_order_and_past_the_depth_limit():
    fast, _ = _both(f"<html><body>{SHAPES['nested past the depth limit']}</body></html>")
    texts = [u.text for u in fast.units]
    assert texts[-1] == "after the deep box"
    assert any("harbour board" in t and "deep link" in t for t in texts)  # the deep subtree read as one unit


def test_a_row_without_blocks_is_one_unit_and_a_row_with_blocks_is_walked():
    fast, _ = _both(f"<html><body>{SHAPES['table rows']}</body></html>")
    texts = [u.text for u in fast.units]
    assert "Ferry | 08:10" in texts
    assert "A cell" in texts and "with blocks" in texts


NAMES = ["byline", "article-byline", "authorName", "author-box share", "wp-caption-text", "photoCredit",
         "image-caption", "entry-content", "share-bar", "caption", "post-author__name", "credit", "meta byline",
         "story", "c-byline__item", "Caption", "relatedPosts", "fig-caption", "x byline"]


def _plain_kind(value: str):
    """The plain reading of a class/id string: the first name whose first two words name a kind."""
    sel = selectors()
    for name in value.split():
        head = tokens(name)[:2]
        if not sel.byline.isdisjoint(head):
            return BlockKind.BYLINE
        if not sel.caption.isdisjoint(head):
            return BlockKind.CAPTION
    return None


@pytest.mark.parametrize("judged_first", [False, True])
def test_markers_read_from_the_pruning_table_match_the_plain_reading(judged_first):
    sel = selectors()
    if judged_first:  # the pruning saw the names before: the kinds come from its table
        for value in NAMES:
            sel.is_chrome(value, value.split()[0])
    else:
        sel.verdicts.names.clear()
    _MARKER_CACHE.clear()
    kinds = [_marker_for_names(value, sel) for value in NAMES]
    assert kinds == [_plain_kind(value) for value in NAMES]
    assert BlockKind.BYLINE in kinds and BlockKind.CAPTION in kinds and None in kinds


def test_a_marked_box_types_its_text():
    tree = LexborHTMLParser(f"<html><body><div class='article-byline'>By Jane Roe</div>{STORY}"
                            "<div class='wp-caption-text'>The quay at dawn</div></body></html>")
    seg = segment(prune(tree))
    kinds = {u.text: u.kind for u in seg.units}
    assert kinds["By Jane Roe"] is BlockKind.BYLINE
    assert kinds["The quay at dawn"] is BlockKind.CAPTION


@pytest.mark.parametrize("path", sorted(p.name for p in PAGES.iterdir() if p.suffix == ".html")[:12])
def test_an_elements_children_are_read_by_their_ends_as_by_their_parents(path):
    from scraper.blocks.score import _child_ids

    seg, _ = _both((PAGES / path).read_text(encoding="utf-8", errors="replace"))
    for p in range(len(seg.tag)):
        assert _child_ids(seg, p, seg.end[p]) == [e for e in range(p + 1, seg.end[p]) if seg.parent[e] == p]


def test_the_pruning_reads_the_typed_elements_on_its_fast_path():
    tree = LexborHTMLParser(f"<html><body>{SHAPES['typed boxes: authors, figures, both']}"
                            f"{SHAPES['an anchor emptied by the pruning']}</body></html>")
    typed = Typed()
    prune(tree, typed=typed)
    assert typed.read and sorted(typed.kinds.values()) == ["byline", "byline", "byline", "caption"]
    assert len(typed.anchors) == 1  # named for the thread; whether it is empty is asked by segment
