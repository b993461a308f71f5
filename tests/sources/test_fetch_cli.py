"""``scraper fetch`` end to end against a local server: resume, WARC round trip, interruption."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fetch_server import LocalServer, article_html
from scraper.cli import main

CONFIG = """
[fetch]
per_host_delay = 0.0
connect_timeout = 1.0
read_timeout = 0.5
total_timeout = 3.0
retries = {retries}
backoff_base = 0.01
backoff_max = 1.0
concurrency = 4
per_host_concurrency = 4
[run]
workers = 1
"""


@pytest.fixture()
def server():
    with LocalServer() as srv:
        yield srv


def config_file(tmp_path: Path, retries: int = 0) -> str:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG.format(retries=retries))
    return str(path)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_resume_skips_done_urls_and_redoes_failed_ones(server: LocalServer, tmp_path: Path) -> None:
    for i in range(3):
        server.page(f"/a{i}", article_html(f"Article {i}"))
    server.page("/flaky", "down", status=503)
    urls = [server.url(f"/a{i}") for i in range(3)] + [server.url("/flaky")]
    url_file = tmp_path / "urls.txt"
    url_file.write_text("# today's list\n" + "\n".join(urls[1:]) + "\n" + urls[1] + "?utm_source=x\n")
    out = tmp_path / "out.jsonl"
    args = [urls[0], "--urls", str(url_file), "-o", str(out), "--config", config_file(tmp_path), "--no-progress",
            "--workers", "2"]  # cleaning in a process pool while the fetcher thread runs
    assert main(["fetch", *args]) == 1  # one failure
    first = records(out)
    assert len(first) == 4 and sum(r["error"] is not None for r in first) == 1

    server.page("/flaky", article_html("Back up"))
    assert main(["fetch", *args]) == 0
    second = records(out)
    assert sorted(r["source"] for r in second) == sorted(urls)  # one record per URL, no duplicates
    assert all(r["error"] is None for r in second)
    assert all(server.count(f"/a{i}") == 1 for i in range(3))  # done pages were not fetched again
    assert server.count("/flaky") == 2


def test_save_raw_then_clean_gives_the_same_records(server: LocalServer, tmp_path: Path) -> None:
    server.page("/plain", article_html("Plain page"))
    server.page("/gz", article_html("Gzipped page", sentences=20), encoding="gzip")
    server.page("/br", article_html("Brotli page", sentences=20), encoding="br")
    server.page("/ru", article_html("Новый паром", charset_meta="windows-1251", body_word="городской").encode("cp1251"),
                content_type="text/html")
    server.redirect("/moved", "/plain2")
    server.page("/plain2", article_html("Moved page"))
    server.sequence("/flaky", lambda h: h.reply(500, b"oops"), lambda h: h.reply(200, article_html("Flaky").encode()))
    urls = [server.url(p) for p in ("/plain", "/gz", "/br", "/ru", "/moved", "/flaky")]
    fetched, cleaned, warc = tmp_path / "fetched.jsonl", tmp_path / "cleaned.jsonl", tmp_path / "raw.warc.gz"
    assert main(["fetch", *urls, "-o", str(fetched), "--save-raw", str(warc), "--no-progress",
                 "--config", config_file(tmp_path, retries=1)]) == 0
    assert main(["clean", str(warc), "-o", str(cleaned), "--no-progress", "--config", config_file(tmp_path)]) == 0

    def content(rec: dict) -> dict:  # everything but where the record came from
        return {k: v for k, v in rec.items() if k not in ("source", "url", "final_url")}

    by_final = {r["final_url"]: r for r in records(fetched)}
    again = records(cleaned)
    assert len(again) == len(by_final) == 6
    for rec in again:
        original = by_final[rec["url"]]  # the archive's target URI is the final URL
        assert content(rec) == content(original), rec["url"]
    assert by_final[server.url("/plain2")]["url"] == server.url("/moved")


def test_sigterm_leaves_whole_lines(server: LocalServer, tmp_path: Path) -> None:
    def slow(h) -> None:
        server.stopping.wait(0.05)
        h.reply(200, article_html("Slow page").encode())

    for i in range(200):
        server.routes[f"/s{i}"] = slow
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(server.url(f"/s{i}") for i in range(200)))
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "scraper", "fetch", "--urls", str(url_file), "-o", str(out),
                             "--no-progress", "--config", config_file(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 2000):
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 130
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n")
    done = [json.loads(line) for line in text.splitlines()]
    assert 0 < len(done) < 200 and all(r["error"] is None for r in done)
    assert os.path.getsize(out) > 0
