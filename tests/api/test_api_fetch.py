"""``scraper.fetch`` / ``fetch_many`` / ``afetch`` / ``afetch_many`` against a real server on 127.0.0.1:
the records ``scraper fetch`` writes, and nothing left running afterwards."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

import scraper
from fetch_server import LocalServer, article_html, running_threads
from scraper.cli import main

SETTINGS = """
[fetch]
per_host_delay = 0.0
connect_timeout = 1.0
read_timeout = 1.0
total_timeout = 3.0
retries = 0
concurrency = 4
per_host_concurrency = 4
[run]
workers = 1
"""


@pytest.fixture()
def site():
    with LocalServer() as srv:
        for i in range(3):
            srv.page(f"/story-{i}", article_html(f"Harbour story {i}"))
        for i in range(2):
            srv.page(f"/fed-{i}", article_html(f"Feed story {i}", body_word="ferry"))
        items = "".join(f"<item><title>Feed story {i}</title><link>{srv.url(f'/fed-{i}')}</link></item>"
                        for i in range(2))
        srv.page("/rss.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{items}'
                             f"</channel></rss>", content_type="application/rss+xml")
        srv.page("/gone", "<html><body>gone</body></html>", status=404)
        yield srv


@pytest.fixture()
def config_path(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(SETTINGS)
    return path


def comparable(records: list[dict]) -> list[dict]:
    """Records without the fetch time, in source order (fetched pages come out as they finish)."""
    return sorted(({k: v for k, v in r.items() if k != "fetched_at"} for r in records), key=lambda r: r["source"])


def cli_fetch(tmp_path: Path, config_path: Path, *args: str) -> list[dict]:
    out = tmp_path / "cli.jsonl"
    out.unlink(missing_ok=True)
    main(["fetch", *args, "--config", str(config_path), "-o", str(out), "--no-progress"])
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_fetch_many_and_afetch_many_give_the_cli_records(site: LocalServer, tmp_path: Path,
                                                         config_path: Path) -> None:
    urls = [site.url(f"/story-{i}") for i in range(3)] + [site.url("/gone"), site.url("/story-0") + "?utm_source=x"]
    feed = site.url("/rss.xml")
    want = comparable(cli_fetch(tmp_path, config_path, *urls, "--feed", feed))
    assert len(want) == 6  # 3 stories + 2 from the feed + the 404; the tracking-parameter duplicate once
    config = scraper.load_config(config_path)
    threads = running_threads()

    with scraper.fetch_many(urls, feeds=[feed], config=config, workers=2) as records:
        got = comparable([article.to_dict() for article in records])
    assert got == want
    assert (records.summary.ok, records.summary.failed) == (5, 1)

    async def gather() -> list[dict]:
        async with scraper.afetch_many(urls, feeds=[feed], config=config) as records:
            return [article.to_dict() async for article in records]

    assert comparable(asyncio.run(gather())) == want
    assert running_threads() == threads  # no fetcher thread, no cleaning thread left behind


def test_fetch_and_afetch_give_the_cli_record_of_one_url(site: LocalServer, tmp_path: Path,
                                                         config_path: Path) -> None:
    url = site.url("/story-1")
    want = comparable(cli_fetch(tmp_path, config_path, url, "--explain"))
    config = scraper.load_config(config_path)
    assert comparable([scraper.fetch(url, config=config, explain=True).to_dict()]) == want

    async def inside_a_running_loop() -> tuple[scraper.Article, int]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.001)

        task = asyncio.create_task(ticker())
        article = await scraper.afetch(url, config=config, explain=True)
        task.cancel()
        return article, ticks

    article, ticks = asyncio.run(inside_a_running_loop())
    assert comparable([article.to_dict()]) == want
    assert ticks > 1  # the loop kept running other tasks while the page was fetched and cleaned


def test_failures_are_records(site: LocalServer, config_path: Path) -> None:
    config = scraper.load_config(config_path)
    assert scraper.fetch(site.url("/gone"), config=config).error["type"] == "HTTPError"
    assert scraper.fetch("not a url", config=config).error is not None
    with pytest.raises(TypeError):
        scraper.fetch_many(site.url("/story-0"))  # a string is not a list of URLs


def test_save_raw_then_clean_many_gives_the_same_articles_offline(site: LocalServer, tmp_path: Path,
                                                                  config_path: Path) -> None:
    urls = [site.url(f"/story-{i}") for i in range(3)]
    warc = tmp_path / "crawl.warc.gz"
    config = scraper.load_config(config_path)
    with scraper.fetch_many(urls, config=config, workers=1, save_raw=warc) as records:
        fetched = {a.url: a.text for a in records}
    with scraper.clean_many([warc], workers=1) as records:
        again = {a.url: a.text for a in records}
    assert again == fetched and all(fetched.values())


def test_fetch_many_skips_done_urls(site: LocalServer, config_path: Path) -> None:
    urls = [site.url(f"/story-{i}") for i in range(3)]
    with scraper.fetch_many(urls, config=scraper.load_config(config_path), workers=1, skip=urls[:2]) as records:
        assert [a.source for a in records] == urls[2:]
    assert records.summary.skipped == 2
    assert site.count("/story-0") == 0
