"""A damaged archive through ``scraper clean`` with the pool: one error record, counted, and kept on resume."""

from __future__ import annotations

import json

from damaged_archives import build
from scraper.cli import main
from scraper.sources import units


def test_damaged_archive_in_the_pool_and_on_resume(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(units, "SPLIT_MIN", 600)  # cut the small archive into several work units
    data, name = build("warc", "cut")
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.jsonl"
    args = ["clean", str(path), "-o", str(out), "--workers", "2", "--no-progress"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "8 records: 7 ok, 0 empty, 1 failed" in err and "1 damaged archive spans" in err
    first = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["error"]["type"] for r in first if r["error"]] == ["DamagedArchive"]

    assert main(args) == 1  # the good pages are not redone; the damaged span is reported again, once
    err = capsys.readouterr().err
    assert "1 records: 0 ok, 0 empty, 1 failed, 7 skipped (already done)" in err
    again = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["source"] for r in again) == sorted(r["source"] for r in first)
