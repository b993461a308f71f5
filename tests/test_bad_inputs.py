"""Bad input gives a clear error record, and never stops the batch."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import scraper
from scraper.cli import main
from scraper.sources import iter_paths

ARTICLE = (
    "<html><head><title>Bridge reopens after repairs</title></head><body><article>"
    "<h1>Bridge reopens after repairs</h1>"
    + "".join(f"<p>Paragraph {i} says the bridge reopened on Monday after eight months of repairs to its deck.</p>"
              for i in range(6))
    + "</article></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


def records_for(tmp_path: Path, files: dict[str, bytes]) -> dict[str, dict]:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return {Path(p.source).name: scraper.process(p, scraper.load_config()).to_dict() for p in iter_paths([str(tmp_path)])}


@pytest.mark.parametrize(
    ("data", "error_type", "words"),
    [
        (b"", "EmptyInput", "empty"),
        (b"   \n\t\n", "EmptyInput", "empty"),
        (PNG, "DecodeError", "PNG"),
        (PDF, "DecodeError", "PDF"),
        (bytes(range(256)) * 40, "DecodeError", "binary"),
    ],
    ids=["empty", "whitespace", "png", "pdf", "random-bytes"],
)
def test_unreadable_bytes_give_error_record(data, error_type, words):
    article = scraper.clean(data, source="x")
    assert article.error is not None
    assert article.error["type"] == error_type
    assert words in article.error["message"]
    assert article.text == "" and article.outcome == "failed"


def test_utf8_with_a_stray_byte_is_still_cleaned():
    data = ARTICLE.replace("eight", "eight\udcff", 1).encode("utf-8", "surrogateescape")
    article = scraper.clean(data)
    assert article.error is None
    assert "reopened on Monday" in article.text


@pytest.mark.parametrize("pad", [b"\x00" * 65536, b"\x00\x01\x02" * 2000], ids=["nul-tail", "control-tail"])
def test_text_dump_with_a_padded_tail_is_read_not_called_binary(pad):
    dump = "\n\n".join(f"Paragraph {i} says the bridge reopened on Monday after eight months of repairs to its deck."
                       for i in range(6)).encode()
    article = scraper.clean(dump + pad, explain=True)
    assert article.error is None
    assert "reopened on Monday" in article.text
    assert article.diagnostics["replaced_chars"] == len(pad)


def test_compressed_bytes_with_nuls_stay_refused():
    data = zlib.compress(bytes(range(256)) * 200, 1)[:4000] + b"\x00" * 4000
    article = scraper.clean(data)
    assert article.error is not None and article.error["type"] == "DecodeError"


def test_undeclared_latin1_page_decodes_correctly():
    text = "Café owners in Zürich say the new rules will make life harder for small businesses, según the report. " * 3
    article = scraper.clean(text.encode("latin-1"))
    assert article.error is None
    assert "Café owners in Zürich" in article.text


def test_invalid_utf8_that_is_no_text_gives_error():
    # Byte soup with no plausible encoding: continuation bytes and control characters.
    data = bytes([0x80, 0x81, 0x01, 0x02, 0x9F, 0x03]) * 500
    article = scraper.clean(data)
    assert article.error is not None and article.error["type"] == "DecodeError"


def test_truncated_gzip_gives_error_record(tmp_path):
    whole = gzip.compress(ARTICLE.encode() * 20)
    records = records_for(tmp_path, {"cut.html.gz": whole[: len(whole) // 2], "ok.html.gz": whole})
    assert records["cut.html.gz"]["error"]["type"] == "EOFError"
    assert "truncated" in records["cut.html.gz"]["error"]["message"]
    assert records["ok.html.gz"]["error"] is None
    assert "reopened on Monday" in records["ok.html.gz"]["text"]


def test_gzip_bomb_is_refused_not_expanded(tmp_path):
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = bomb.compress(b"a" * 60_000_000) + bomb.flush()
    (tmp_path / "bomb.gz").write_bytes(data)
    (page,) = list(iter_paths([str(tmp_path / "bomb.gz")], max_bytes=1_000_000))
    assert page.error is not None and "size cap" in page.error["message"]


def test_directory_with_unreadable_entries_yields_one_record_each(tmp_path):
    (tmp_path / "good.html").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_bytes(b"")
    os.symlink(tmp_path / "missing.html", tmp_path / "dangling.html")
    os.mkfifo(tmp_path / "pipe.html")  # reading it would block: must be refused, not read
    locked = tmp_path / "locked.html"
    locked.write_text(ARTICLE)
    locked.chmod(0)
    records = records_for(tmp_path, {})
    assert set(records) == {"good.html", "empty.txt", "dangling.html", "pipe.html", "locked.html"}
    assert records["good.html"]["error"] is None
    assert records["empty.txt"]["error"]["type"] == "EmptyInput"
    assert records["dangling.html"]["error"]["type"] == "FileNotFoundError"
    assert "not a regular file" in records["pipe.html"]["error"]["message"]
    if os.geteuid() != 0:  # root reads a mode-000 file anyway
        assert records["locked.html"]["error"]["type"] == "PermissionError"


def test_missing_path_gives_error_record(tmp_path, capsys):
    code = main(["clean", "--no-progress", str(tmp_path / "nope.html")])
    (line,) = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert record["error"]["type"] == "FileNotFoundError"
    assert code == 1


def test_batch_goes_on_after_bad_pages_and_reports_counts(tmp_path):
    (tmp_path / "a-good.html").write_text(ARTICLE)
    (tmp_path / "b-image.png").write_bytes(PNG)
    (tmp_path / "c-empty.txt").write_bytes(b"")
    (tmp_path / "d-good.txt").write_text("Dockworkers agree to a new contract.\n\n" + "The deal raises pay by four percent a year for three years. " * 4)
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "scraper", "clean", str(tmp_path), "-o", str(out), "--no-progress"],
                          capture_output=True, text=True, timeout=120)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [Path(r["source"]).name for r in records] == ["a-good.html", "b-image.png", "c-empty.txt", "d-good.txt"]
    assert [r["error"] is None for r in records] == [True, False, False, True]
    assert proc.returncode == 1
    assert "4 records: 2 ok, 0 empty, 2 failed" in proc.stderr


def test_page_over_size_cap_gives_error_record():
    config = scraper.load_config()
    small = type(config)(run=type(config.run)(max_page_bytes=1000), outlets=config.outlets)
    article = scraper.clean(ARTICLE * 10, config=small)
    assert article.error is not None and article.error["type"] == "PageTooLarge"


def test_a_lone_surrogate_in_str_input_is_replaced_not_raised():
    page = ARTICLE.replace("eight months", "eight \ud800months")
    article = scraper.clean(page)
    assert article.error is None and "eight \ufffdmonths" in article.text


def test_json_lines_with_a_broken_escape_give_a_record_each(tmp_path):
    lines = [json.dumps({"url": "https://example.com/a", "html": ARTICLE}),
             '{"url": "https://example.com/b", "html": "<p>bad \\ud800 escape</p>' + ARTICLE.replace('"', "'") + '"}',
             json.dumps({"url": "https://example.com/c", "html": ARTICLE})]
    (tmp_path / "pages.jsonl").write_text("\n".join(lines) + "\n")
    records = records_for(tmp_path, {})
    assert len(records) == 3
    assert all(r["error"] is None and "bridge reopened" in r["text"] for r in records.values())


def test_unparsable_urls_in_page_values_are_no_urls():
    # An unbalanced "[" makes urllib take the host for an IPv6 address and raise.
    html = ARTICLE.replace("<head>", '<head><link rel="canonical" href="http://[oops/story">'
                                     '<meta name="author" content="http://[x"><meta property="og:url" content="https://[">')
    article = scraper.clean(html.encode())
    assert article.error is None, article.error
    assert "reopened on Monday" in article.text
