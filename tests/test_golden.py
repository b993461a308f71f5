"""Each fixture page cleans to the record stored for it (see tests/golden.py)."""

from __future__ import annotations

import pytest

from golden import expected_path, expected_record, inputs, record_for


@pytest.mark.parametrize("page", inputs(), ids=lambda p: p.name)
def test_fixture_matches_expected_record(page):
    assert expected_path(page).exists(), f"no expected record: run tests/golden.py {page.name.split('.')[0]}"
    expected = expected_record(page)
    assert record_for(page, expected.get("url")) == expected
