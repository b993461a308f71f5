"""Damaged and hostile archives, built on the fly: one bad record or span costs only itself.

Each archive holds 8 response records; one is damaged. Every case must give
the 7 good pages and exactly one error record, in bounded memory and time.
"""

from __future__ import annotations

import time
import tracemalloc
import zlib

import pytest

from damaged_archives import _warc_member, build
from scraper.sources.files import pages_from_file
from scraper.sources.stats import SourceStats

CAP = 2_000_000


CASES = ["bomb", "cut", "junk", "lying-length", "truncated-final", "not-gzip"]


@pytest.mark.parametrize("kind", ["warc", "arc"])
@pytest.mark.parametrize("case", CASES)
def test_a_damaged_record_costs_only_itself(tmp_path, kind, case):
    data, name = build(kind, case)
    path = tmp_path / name
    path.write_bytes(data)
    stats = SourceStats()
    tracemalloc.start()
    began = time.perf_counter()
    pages = list(pages_from_file(path, CAP, stats))
    elapsed = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    good = [p for p in pages if p.error is None]
    bad = [p for p in pages if p.error is not None]
    expected = [0, 1, 2, 4, 5, 6, 7]  # record 3 is the bad one (or was dropped to put the cut one last)
    assert [p.url.rsplit("/", 1)[1] for p in good] == [str(n) for n in expected]
    assert all(f"story {n}:".encode() in p.data for p, n in zip(good, expected))
    assert len(bad) == 1, [p.error for p in bad]
    assert bad[0].error["message"]
    if case == "bomb":
        assert bad[0].error["type"] == "BodyTooLarge" and "at byte" in bad[0].error["message"]
    else:
        assert bad[0].error["type"] == "DamagedArchive" and stats.damaged == 1
        start, end = map(int, bad[0].source.rsplit("#bytes=", 1)[1].split("-"))
        assert 0 <= start < end <= len(data)
    assert peak < 3 * CAP + 8_000_000  # a bomb is never decoded past the cap
    assert elapsed < 10


def test_resync_never_reads_past_a_declared_length_in_a_plain_file(tmp_path):
    members = [_warc_member(n, gz=False) for n in range(8)]
    members[3] = members[3].replace(b"Content-Length: ", b"Content-Length: 1", 1)  # ten times too long or more
    path = tmp_path / "plain.warc"
    path.write_bytes(b"".join(members))
    pages = list(pages_from_file(path, CAP))
    assert [p.url.rsplit("/", 1)[1] for p in pages if p.error is None] == ["0", "1", "2", "4", "5", "6", "7"]
    assert [p.error["type"] for p in pages if p.error] == ["DamagedArchive"]


@pytest.mark.parametrize("case", ["cut", "lying-length"])
def test_the_fast_inflate_and_plain_zlib_read_the_same_pages(tmp_path, monkeypatch, case):
    from scraper.sources import framing

    data, name = build("warc", case)
    path = tmp_path / name
    path.write_bytes(data)
    def read():  # the decoders' own error texts differ; everything else must not
        return [(p.source, p.url, p.data, p.error and p.error["type"]) for p in pages_from_file(path, CAP)]

    fast = read()
    monkeypatch.setattr(framing, "_inflate", zlib)
    monkeypatch.setattr(framing, "_INFLATE_ERRORS", (zlib.error,))
    assert read() == fast
