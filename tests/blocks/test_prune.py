"""Pruning: the fast path (chrome inside chrome is never judged) gives the same tree as the
plain reference path (every candidate judged in document order), page by page."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.blocks import prune as prune_module
from scraper.blocks.prune import FIGURE_ATTR, Selectors, Verdicts, prune, read_marks, selectors, tokens

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
STORY = "<p>" + "The harbour board voted on Tuesday to extend the ferry service into the winter months. " * 4 + "</p>"

DEEP_SHARE = "<div class='share'>" * 1200 + "Share this story " * 120 + "</div>" * 1200
"""Chrome nested so deep that measuring every box in it would spend the whole budget."""

SHAPES = {
    "chrome inside chrome": f"<div class='related-posts'><aside><div class='share'>Share</div><form>x</form></aside></div>{STORY}",
    "small and big forms": f"<form>Search</form>{STORY}<form><p>{'long form text ' * 60}</p></form>",
    "figure captions": f"<figure><img src='a.jpg'><figcaption>The quay at dawn. Photo: Jane Roe</figcaption></figure>{STORY}"
                       "<div><picture><img src='b.jpg'></picture><span>Credit: Agency</span></div>",
    "hidden and roles": f"<div style='display:none'>hidden</div><div role='navigation'>Menu</div><div aria-hidden='true'>x</div>{STORY}",
    "kept wrapper named like chrome": f"<div class='main-sidebar-layout'>{STORY * 3}</div><div class='sidebar'>Most read</div>",
    "keep names": f"<div class='article-body share-bar'>{STORY}</div><div id='comments'>Comments</div>",
    "nested boxes": "".join(f"<div class='box{i}'><div class='newsletter'>Sign up</div>" for i in range(30)) + STORY + "</div>" * 30,
    "article and main": f"<main class='share'><article class='related'>{STORY}</article></main><nav>Home</nav>",
    "tags never text, nested": f"<noscript><svg><script>a()</script><style>.x{{}}</style></svg><img src='n.gif'></noscript>"
                               f"<object><embed src='m.swf'><canvas>c</canvas></object><title>t</title><meta name='x'>{STORY}"
                               "<template><script>b()</script><p>tpl</p></template><svg><title>icon</title></svg>",
    "poll form": f"{STORY * 3}<form><table><tr><td>{'Should the ferry run all year? ' * 20}</td></tr>"
                 "<tr><td><input type='radio' name='c'></td><td>Yes</td></tr></table></form>",
    "marked boxes": f"<div class='article-byline' id='x'>By Jane Roe</div><div id='photo-caption'>The quay</div>"
                    f"<aside class='byline-box'>{STORY * 4}</aside><div class='related'><p class='byline'>In chrome</p></div>"
                    f"<article class='byline'>{STORY}</article><span class='credit wp-caption-text'>Agency</span>",
    "budget spent, no large chrome after": DEEP_SHARE + STORY * 8,
    "comments and bare elements between candidates": f"<!-- top --><div><b>x</b><!-- a --><div class='share'>Share"
        f"<!-- in --><span>s</span></div><!-- b --><p>p</p></div>{STORY}<section><!-- c --><nav>n</nav>tail</section>",
    "chrome closing the page, images inside and after": f"{STORY}<div><div class='related'><img src='a.jpg'>"
        "<div><picture><img src='b.jpg'></picture><span>Credit</span></div></div></div>",
    "chrome as the last child of nested boxes": f"<div><div><div class='share'><span>s</span></div></div>"
        f"<img src='c.jpg'><span>Caption</span></div>{STORY}",
    "never-text inside chrome and beside it": f"<div class='share'><p>Share</p><script>a()</script></div>{STORY}"
        "<div class='related'><noscript><img src='n.gif'></noscript><ul><li>x</li></ul><style>.x{}</style>"
        "<span>Photo <img src='r.jpg'></span></div><noscript><div class='promo'>p</div></noscript>",
    "never-text in a box with a long tail": f"<div class='newsletter'><script>1</script><span class='share'>x</span>"
        + "<b>y</b>" * 20 + f"<script>2</script><template><p class='x'>t</p></template></div><p class='lead'>after</p>{STORY}",
}
"""Pages whose chrome is nested so deep that the plain path's measuring budget runs out."""


_DOOMED_OUTERMOST = prune_module._doomed_outermost


def _outermost_only(html: str) -> None:
    """The fast path's chrome never lies inside other chrome it found (each is freed whole)."""
    tree = LexborHTMLParser(html)
    body = tree.body
    if body is None:
        return
    prune_module.strip_always(tree)
    doomed = _DOOMED_OUTERMOST(body, selectors(), prune_module._queries(), len(body.text(deep=True))) or []
    ids = {node.mem_id for node in doomed}
    for node in doomed:
        up = node.parent
        while up is not None:
            assert up.mem_id not in ids
            up = up.parent


def _both(html: str) -> tuple[str, str]:
    _outermost_only(html)
    fast, ref = LexborHTMLParser(html), LexborHTMLParser(html)
    marks: dict[int, str] = {}
    a, b = prune(fast, marks=marks), prune(ref, reference=True)
    if a is not None:  # the kinds read while judging are the kinds read afterwards
        plain: dict[int, str] = {}
        read_marks(a, selectors(), plain)
        assert marks == plain
    assert fast.html == ref.html  # the whole document, head and all
    return (a.html if a is not None else ""), (b.html if b is not None else "")


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_fast_and_reference_paths_agree_on_page_shapes(name):
    fast, reference = _both(f"<html><body>{SHAPES[name]}</body></html>")
    assert fast == reference


@pytest.mark.parametrize("path", sorted(p.name for p in PAGES.iterdir() if p.suffix == ".html"))
def test_fast_and_reference_paths_agree_on_the_fixture_pages(path):
    html = (PAGES / path).read_text(encoding="utf-8", errors="replace")
    fast, reference = _both(html)
    assert fast == reference


def test_when_the_budget_may_have_run_out_before_large_chrome_the_plain_path_decides(monkeypatch):
    """Past its budget the plain path prunes chrome unmeasured, even a box named like chrome
    that holds most of the page: the fast path cannot tell, so it hands over to the plain one."""
    wide = f"<div class='sidebar-layout-x share'>{STORY * 12}</div>"
    page = f"<html><body>{DEEP_SHARE}{wide}</body></html>"
    answers = []
    real = prune_module._doomed_outermost
    monkeypatch.setattr(prune_module, "_doomed_outermost", lambda *a, **k: answers.append(real(*a, **k)) or answers[-1])
    fast, reference = _both(page)
    assert answers == [None]  # handed over
    assert fast == reference
    answers.clear()
    _both(f"<html><body>{wide}{DEEP_SHARE}</body></html>")  # measured before the budget went
    assert answers and answers[0] is not None
    answers.clear()
    _both(f"<html><body>{SHAPES['budget spent, no large chrome after']}</body></html>")
    assert answers and answers[0] is not None  # nothing large after: the fast verdicts stand


def test_the_paths_differ_in_what_they_judge_not_in_what_they_remove():
    html = f"<html><body>{SHAPES['chrome inside chrome']}</body></html>"
    fast, _ = _both(html)
    assert "Share" not in fast and "harbour board" in fast
    assert FIGURE_ATTR not in fast


def test_verdicts_belong_to_the_vocabulary_that_made_them():
    sel = selectors()
    fresh = Selectors(**{f: getattr(sel, f) for f in Selectors.__dataclass_fields__ if f != "verdicts"},
                      verdicts=Verdicts(cap=2))
    for name in ("share-box", "related", "newsletter", "story"):
        fresh.is_chrome(name, None)
    assert len(fresh.verdicts.attrs) <= 3  # the table starts over past its cap
    assert fresh.is_chrome("share-box", None) and not fresh.is_chrome("story", None)
    assert fresh.verdicts is not sel.verdicts


def test_a_poll_form_goes_whatever_its_size_but_a_form_holding_the_page_stays():
    """Radio buttons make a form a poll or survey: it goes even when its question and answers are
    long, unless it holds most of the page (a page that wraps its whole body in a form)."""
    question = "Should the ferry run all year, even when fewer than a hundred passengers a day use it? " * 8
    poll = f"<form><p>{question}</p><input type='radio' name='c'> Yes <input type='radio' name='c'> No</form>"
    body = prune(LexborHTMLParser(f"<html><body>{STORY * 4}{poll}</body></html>"))
    assert "Should the ferry" not in body.text() and "harbour board" in body.text()
    wrapped = prune(LexborHTMLParser(f"<html><body><form>{STORY * 4}{poll}</form></body></html>"))
    assert "harbour board" in wrapped.text()


def test_a_short_story_wrapped_in_a_form_stays_a_small_form_beside_it_goes():
    """A small form is chrome (a search box, a sign-up) only beside the page's text: a short story
    that a page wraps whole in a form, as ASP.NET pages do, is the page, in both pruning paths."""
    story = "<h1>Bridge opens</h1><p>The new bridge opened to traffic on Saturday morning.</p>"
    page = f"<html><body><form><input type='hidden' name='state' value='x'>{story}</form></body></html>"
    for reference in (False, True):
        assert "opened to traffic" in prune(LexborHTMLParser(page), reference=reference).text()
    signup = "<form><label>Your e-mail</label><input type='email'><button>Sign up</button></form>"
    beside = prune(LexborHTMLParser(f"<html><body>{STORY * 2}{signup}</body></html>"))
    assert "harbour board" in beside.text() and "Your e-mail" not in beside.text()


@pytest.mark.parametrize("name", ["share", "related-posts", "post__meta", "-lead-", "a--b", "x_", "col-md-4", "relatedPosts",
                                  "HTMLParser", "sr-only", "Ärger-box", "caf\u00e9", "a1b2", "ad.slot", "news letter", "9", "_"])
def test_names_split_by_string_methods_split_as_the_tokens_do(name):
    assert prune_module._name_tokens(name) == tokens(name)
