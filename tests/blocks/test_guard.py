"""The nesting guard's tag count: the vectorised count agrees with the plain one."""

from __future__ import annotations

import pytest

from scraper.blocks.guard import count_tags, count_tags_plain, too_deep


@pytest.mark.parametrize("data", [b"", b"no tags at all", b"<", b"<<<>>>", "<p>caf\u00e9 &lt; \u65e5\u672c</p>".encode(),
                                  b"<div>" * 7000 + b"</div>" * 7000, bytes(range(256)) * 3])
def test_the_vectorised_count_is_the_plain_count(data):
    assert count_tags(data) == count_tags_plain(data)


def test_a_page_nested_past_the_limit_is_still_found():
    assert too_deep(b"<div>" * 7000) > 6000
    assert too_deep("<div>" * 7000) > 6000
    assert too_deep(b"<p>x</p>" * 100) == 0
