"""``scraper.clean_many`` / ``write`` / ``resume`` give the records ``scraper clean`` gives."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

import scraper
from scraper.cli import main
from warcfile import article_html, write_warc

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "fixtures" / "pages"


def cli_records(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    main([*args, "--no-progress"])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize("workers", [1, 2])
def test_clean_many_gives_the_cli_records_on_the_fixture_pages(workers: int, capsys) -> None:
    want = cli_records(capsys, "clean", str(PAGES), "--ordered", "--workers", str(workers))
    with scraper.clean_many([PAGES], workers=workers, ordered=True) as records:
        got = [article.to_dict() for article in records]
    assert got == want
    assert len(got) == len(list(PAGES.iterdir()))
    assert records.summary.total == len(got) and records.summary.bytes_read > 0


def test_unordered_records_are_the_same_set(capsys) -> None:
    want = cli_records(capsys, "clean", str(PAGES), "--workers", "1")
    with scraper.clean_many([str(PAGES)], workers=2) as records:
        got = [article.to_dict() for article in records]
    assert sorted(got, key=lambda r: r["source"]) == sorted(want, key=lambda r: r["source"])


def test_explain_matches_the_cli(capsys) -> None:
    page = PAGES / "seed-001-newsletter-chrome.txt"
    want = cli_records(capsys, "clean", str(page), "--explain")
    with scraper.clean_many([page], explain=True, workers=1) as records:
        got = [article.to_dict() for article in records]
    assert got == want and "removed" in got[0]


def test_every_kind_of_input_gives_one_record(tmp_path: Path, capsys) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [{"url": f"https://news.example.org/story-{i}", "body": article_html(i)} for i in range(3)])
    html = article_html(7)
    inputs = [
        html,                                                     # bytes
        ("https://news.example.org/pair", html.decode("utf-8")),  # (url, html)
        scraper.Page(source="mine", data=html),                   # a Page
        PAGES / "seed-001-newsletter-chrome.txt",                 # a path
        warc,                                                     # a WARC: a record per page inside
        tmp_path / "missing.html",                                # an error record, not an exception
        b"",                                                      # empty: a record saying so
    ]
    with scraper.clean_many(inputs, workers=2, ordered=True) as records:
        got = list(records)
    assert len(got) == 9
    assert [a.source for a in got[:4]] == ["<bytes #0>", "https://news.example.org/pair", "mine",
                                           str(PAGES / "seed-001-newsletter-chrome.txt")]
    assert got[1].url == "https://news.example.org/pair"
    assert got[0].text == got[1].text == got[2].text and got[0].text
    warc_records = cli_records(capsys, "clean", str(warc))
    assert [a.to_dict() for a in got[4:7]] == warc_records
    assert got[7].error is not None and got[7].source == str(tmp_path / "missing.html")
    assert got[8].error is not None
    assert records.summary.failed == 2 and records.summary.ok == 7


def test_wrong_input_types_are_refused() -> None:
    with pytest.raises(TypeError):
        scraper.clean_many("fixtures/pages")
    with pytest.raises(TypeError), scraper.clean_many([42], workers=1) as records:  # type: ignore[list-item]
        list(records)


def test_leaving_the_with_block_early_shuts_the_pool_down() -> None:
    with scraper.clean_many([PAGES, PAGES, PAGES], workers=2) as records:
        first = next(records)
        assert multiprocessing.active_children()
    assert first.source.startswith(str(PAGES))
    assert not multiprocessing.active_children()


def test_write_and_resume_do_what_dash_o_does(tmp_path: Path, capsys) -> None:
    cli_out, api_out = tmp_path / "cli.jsonl", tmp_path / "api.jsonl"
    bad = tmp_path / "in" / "empty.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    (tmp_path / "in" / "page.txt").write_bytes((PAGES / "seed-001-newsletter-chrome.txt").read_bytes())
    main(["clean", str(tmp_path / "in"), "-o", str(cli_out), "--no-progress"])
    summary = scraper.write(scraper.clean_many([tmp_path / "in"], workers=1), api_out)
    assert api_out.read_text() == cli_out.read_text()
    assert (summary.ok, summary.failed) == (1, 1)

    done = scraper.resume(api_out)  # the failed record is dropped so that it runs again
    assert done == {str(tmp_path / "in" / "page.txt")}
    with scraper.clean_many([tmp_path / "in"], workers=1, skip=done) as records:
        rerun = list(records)
    assert [a.source for a in rerun] == [str(bad)] and records.summary.skipped == 1

    markdown = tmp_path / "out.md"
    scraper.write(scraper.clean_many([tmp_path / "in" / "page.txt"], workers=1), markdown)
    main(["clean", str(tmp_path / "in" / "page.txt"), "-o", str(tmp_path / "cli.md"), "--no-progress"])
    assert markdown.read_text() == (tmp_path / "cli.md").read_text()


def test_rules_lists_what_scraper_rules_prints(tmp_path: Path, capsys) -> None:
    config_path = tmp_path / "config.toml"
    first = scraper.list_rules()[0].name
    config_path.write_text(f'[rules]\ndisabled = ["{first}"]\n')
    main(["rules", "--config", str(config_path)])
    printed = [line.split(None, 3) for line in capsys.readouterr().out.splitlines()]
    listed = scraper.list_rules(scraper.load_config(config_path))
    assert [(r.name, r.phase, r.enabled) for r in listed] == [(name, phase, state == "on")
                                                               for state, phase, name, *_ in printed]
    assert [r.about for r in listed] == [fields[3] if len(fields) > 3 else "" for fields in printed]
    assert not listed[0].enabled and all(r.enabled for r in listed[1:])


def test_cluster_gives_what_scraper_cluster_writes(tmp_path: Path, capsys) -> None:
    records = tmp_path / "records.jsonl"
    main(["clean", str(PAGES), "-o", str(records), "--ordered", "--workers", "1", "--no-progress"])
    main(["cluster", str(records)])
    want = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    with scraper.clean_many([PAGES], ordered=True, workers=1) as articles:
        got = scraper.cluster(articles)
    assert got == want and all("story" in r for r in got)
    dicts = [json.loads(line) for line in records.read_text().splitlines()]
    assert scraper.cluster(dicts) == want


def test_a_page_past_the_time_limit_gives_the_cli_record(tmp_path: Path, capsys, monkeypatch) -> None:
    """Under load a slow page runs into ``[run] page_timeout``; the record that says so is the CLI's."""
    import time

    import scraper.pipeline

    real = scraper.pipeline.process

    def hangs_on_mark(page, config, explain=False):  # the workers are forked with this in place
        if b"HANG-MARK" in page.data:
            time.sleep(3600)
        return real(page, config, explain)

    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(4):
        (pages / f"{i}.html").write_bytes(article_html(i).replace(b"</body>", b"<!-- HANG-MARK --></body>")
                                          if i == 2 else article_html(i))
    cfg = tmp_path / "config.toml"
    cfg.write_text("[run]\npage_timeout = 1\n")
    monkeypatch.setattr(scraper.pipeline, "process", hangs_on_mark)
    want = cli_records(capsys, "clean", str(pages), "--ordered", "--workers", "2", "--config", str(cfg))
    with scraper.clean_many([pages], workers=2, ordered=True, config=scraper.load_config(cfg)) as records:
        got = [article.to_dict() for article in records]
    assert got == want
    assert [r["error"] for r in got] == [None, None, {"type": "PageTimeout",
                                                      "message": "page took longer than the limit of 1 s"}, None]
