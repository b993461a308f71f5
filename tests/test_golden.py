"""Each fixture page cleans to the record stored beside it (see tests/golden.py)."""

from __future__ import annotations

import json

import pytest

from golden import expected_path, inputs, record_for


@pytest.mark.parametrize("page", inputs(), ids=lambda p: p.name)
def test_fixture_matches_expected_record(page):
    expected = json.loads(expected_path(page).read_text(encoding="utf-8"))
    assert record_for(page) == expected
