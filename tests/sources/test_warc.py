"""WARC/ARC/JSON Lines inputs: real archives written by the test, cleaned end to end."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import brotli
import pytest

from scraper.cli import main
from scraper.sources.files import pages_from_file
from scraper.sources.stats import SourceStats
from warcfile import article_html, write_warc


def _records(tmp_path: Path, gz: bool) -> tuple[Path, list[str]]:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    ids = write_warc(path, [
        {"url": "https://news.example/a", "body": article_html(1)},
        {"url": "https://news.example/a", "body": b"", "type": "request"},
        {"url": "https://news.example/logo.png", "body": b"\x89PNG\r\n\x1a\n", "content_type": "image/png"},
        {"url": "https://news.example/b", "body": gzip.compress(article_html(2)),
         "headers": [("Content-Encoding", "gzip")]},
        {"url": "https://news.example/c", "body": brotli.compress(article_html(3)),
         "headers": [("Content-Encoding", "br")]},
        {"url": "https://news.example/old", "body": b"<html>Moved</html>", "status": 301},
        {"url": "https://news.example/d", "body": article_html(4)},
    ], gzip=gz)
    return path, [i.strip("<>") for i in ids]


def _run(args: list[str]) -> int:
    return main(["clean", "--no-progress", *args])


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_with_a_truncated_last_record_cleans_to_pages_and_one_error(tmp_path, gz, capsys):
    path, ids = _records(tmp_path, gz)
    data = path.read_bytes()
    path.write_bytes(data[:-120])  # the last record (page d) loses the end of its body
    out = tmp_path / "out.jsonl"
    code = _run([str(path), "-o", str(out), "--workers", "1"])
    records = [json.loads(line) for line in out.read_text().splitlines()]
    by_url = {r["url"]: r for r in records}
    # pages a, b (gzip-encoded body), c (brotli-encoded body): cleaned, with the WARC URL and record id
    for n, letter, rid in ((1, "a", ids[0]), (2, "b", ids[3]), (3, "c", ids[4])):
        rec = by_url[f"https://news.example/{letter}"]
        assert rec["error"] is None
        assert rec["source"] == f"{path}#{rid}"
        assert rec["title"] == f"Council approves plan number {n}"
        assert f"Paragraph 3 of story {n}:" in rec["text"]
        assert "Subscribe" not in rec["text"]
    # the request, the image and the redirect are not pages: skipped and counted, not records
    assert "https://news.example/logo.png" not in by_url and "https://news.example/old" not in by_url
    assert "3 non-page archive records skipped" in capsys.readouterr().err
    # the truncated record is an error record, not a silent short page
    bad = [r for r in records if r["error"] is not None]
    assert len(bad) == 1 and len(records) == 4
    assert bad[0]["error"]["type"] == "DamagedArchive"
    assert code == 1


def test_corrupt_record_in_the_middle_costs_only_that_record(tmp_path):
    path, _ = _records(tmp_path, gz=False)
    data = bytearray(path.read_bytes())
    second = data.index(b"WARC/1", 10)
    data[second:second + 6] = b"XXXX/1"  # the request record's header is garbage
    path.write_bytes(bytes(data))
    stats = SourceStats()
    pages = list(pages_from_file(path, 10_000_000, stats))
    assert [p.url for p in pages if p.error is None] == [f"https://news.example/{c}" for c in "abcd"]
    bad = [p for p in pages if p.error is not None]
    assert len(bad) == 1 and bad[0].error["type"] == "DamagedArchive" and stats.damaged == 1
    assert bad[0].source.startswith(f"{path}#bytes={second}-")


def test_resource_records_and_content_types(tmp_path):
    path = tmp_path / "r.warc.gz"
    write_warc(path, [
        {"url": "https://ex.example/notes.txt", "body": b"A plain text note. " * 10, "type": "resource",
         "content_type": "text/plain"},
        {"url": "https://ex.example/f.pdf", "body": b"%PDF-1.4", "content_type": "application/pdf"},
        {"url": "https://ex.example/x", "body": article_html(5), "content_type": "application/xhtml+xml"},
    ])
    stats = SourceStats()
    pages = list(pages_from_file(path, 10_000_000, stats))
    assert [p.url for p in pages] == ["https://ex.example/notes.txt", "https://ex.example/x"]
    assert stats.skipped_records == 1


def test_arc_file(tmp_path):
    body = article_html(7)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = (b"filedesc://t.arc 0.0.0.0 20050614070159 text/plain %d\n" % len(desc) + desc + b"\n"
           + b"http://old.example/story 10.0.0.1 20050614070144 text/html %d\n" % len(http) + http + b"\n"
           + b"http://old.example/i.gif 10.0.0.1 20050614070145 image/gif 4\nGIF8\n")
    path = tmp_path / "old.arc.gz"
    path.write_bytes(gzip.compress(arc))
    stats = SourceStats()
    pages = list(pages_from_file(path, 10_000_000, stats))
    assert len(pages) == 1 and pages[0].error is None
    assert pages[0].url == "http://old.example/story" and pages[0].data == body
    assert pages[0].fetched_at == "2005-06-14T07:01:44Z"
    assert stats.skipped_records == 2  # the version block and the image


def test_jsonl_dump_streams_and_reports_bad_lines(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    lines = [json.dumps({"url": "https://j.example/1", "html": article_html(1).decode()}), "not json",
             "", json.dumps({"url": "https://j.example/2", "text": "Plain text body. " * 5})]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    pages = list(pages_from_file(path, 10_000_000))
    assert [p.source.rsplit("#", 1)[1] for p in pages] == ["L1", "L2", "L4"]
    assert pages[0].url == "https://j.example/1" and pages[1].error is not None
    assert pages[2].data.startswith(b"Plain text body.")


def test_arc_version_2_headers_keep_the_url(tmp_path):
    """Version 2 header lines carry 10 fields (warcio's ARC reader takes 5 from the right and folds the rest
    into the URL); the URL is the first field, the length the last."""
    body = article_html(8)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    desc = (b"2 0 Test\nURL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename "
            b"Archive-length\n")
    arc = (b"filedesc://t.arc 0.0.0.0 20050614070159 text/plain 200 - - 0 t.arc %d\n" % len(desc) + desc + b"\n"
           + b"http://old.example/v2 10.0.0.1 20050614070144 text/html 200 ABCDEF - 0 t.arc %d\n" % len(http)
           + http + b"\n")
    path = tmp_path / "v2.arc"
    path.write_bytes(arc)
    [page] = list(pages_from_file(path, 10_000_000))
    assert page.error is None and page.url == "http://old.example/v2" and page.data == body
    assert page.source == f"{path}#{arc.index(b'http://old.example/v2')}"
