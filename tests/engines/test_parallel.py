"""The process pool: same records as one process, a hung or greedy page cut off, resume after a kill."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import scraper.pipeline
from scraper.config import Config, load_config
from scraper.model import Page
from scraper.runner import run
from scraper.sinks import ListSink
from warcfile import article_html, write_warc

REPO = Path(__file__).resolve().parents[2]


def _config(**run) -> Config:
    config = load_config()
    return dataclasses.replace(config, run=dataclasses.replace(config.run, **run))


def _pages(n: int, special: dict[int, str] | None = None) -> list[Page]:
    special = special or {}
    return [Page(source=special.get(i, f"page-{i}"), data=article_html(i), url=f"https://p.example/{i}")
            for i in range(n)]


# Test-only behaviours, installed in the workers by an initializer (never in production code).
def _misbehave_on_marked_pages() -> None:
    real = scraper.pipeline.process

    def process(page, config, explain=False):
        if page.source == "hangs":
            time.sleep(3600)
        if page.source == "greedy":
            hog = bytearray(3 * 1024**3)  # far past the memory cap the test sets
            hog[-1] = 1
        if page.source == "crashes":
            os._exit(3)
        return real(page, config, explain)

    scraper.pipeline.process = process


def test_pool_gives_the_same_records_as_one_process_in_order():
    pages = _pages(12)
    single, pooled = ListSink(), ListSink()
    run(pages, single, _config(), workers=1)
    summary = run(pages, pooled, _config(chunk_size=2), workers=2, ordered=True)
    assert pooled.records == single.records
    assert summary.ok == 12 and summary.bytes_read == sum(len(p.data) for p in pages)


def test_a_hanging_page_is_cut_off_and_the_run_goes_on():
    pages = _pages(10, {3: "hangs"})
    sink = ListSink()
    started = time.monotonic()
    summary = run(pages, sink, _config(page_timeout=1.0, chunk_size=4), workers=2,
                  initializer=_misbehave_on_marked_pages)
    assert time.monotonic() - started < 20
    by_source = {r["source"]: r for r in sink.records}
    assert len(sink.records) == 10 and len(by_source) == 10  # every page once, none lost from the chunk
    assert by_source["hangs"]["error"] == {"type": "PageTimeout",  # the same words as a single-process run's
                                           "message": "page took longer than the limit of 1 s"}
    assert all(r["error"] is None for s, r in by_source.items() if s != "hangs")
    assert summary.failed == 1 and summary.ok == 9


def test_a_hanging_page_is_cut_off_in_a_single_process_run_too():
    def slow_on_mark(page, config, explain=False):
        if page.source == "hangs":
            while True:  # pure Python, and it swallows ordinary exceptions
                try:
                    time.sleep(0.05)
                except Exception:  # noqa: BLE001
                    pass
        return scraper.pipeline.process(page, config, explain)

    sink = ListSink()
    started = time.monotonic()
    summary = run(_pages(5, {2: "hangs"}), sink, _config(page_timeout=0.5), workers=1, process_fn=slow_on_mark)
    assert time.monotonic() - started < 10
    assert [r["source"] for r in sink.records] == ["page-0", "page-1", "hangs", "page-3", "page-4"]
    assert sink.records[2]["error"] == {"type": "PageTimeout", "message": "page took longer than the limit of 0.5 s"}
    assert summary.failed == 1 and summary.ok == 4


def test_a_page_past_the_memory_cap_or_crashing_its_worker_becomes_an_error_record():
    pages = _pages(8, {2: "greedy", 5: "crashes"})
    sink = ListSink()
    run(pages, sink, _config(max_page_memory_mb=512, chunk_size=3), workers=2, ordered=True,
        initializer=_misbehave_on_marked_pages)
    assert [r["source"] for r in sink.records] == [p.source for p in pages]
    errors = {r["source"]: r["error"]["type"] for r in sink.records if r["error"]}
    assert errors == {"greedy": "PageMemoryError", "crashes": "WorkerCrashed"}


_SLOW_CLI = """
import sys, time
import scraper.pipeline as pipeline
real = pipeline.process
def slow(page, config, explain=False):
    time.sleep(0.15)
    return real(page, config, explain)
pipeline.process = slow
from scraper.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _gone(marker: str, within: float = 10.0) -> bool:
    """No process left whose command line mentions ``marker``."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = False
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                alive |= marker.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                pass
        if not alive:
            return True
        time.sleep(0.1)
    return False


def test_resume_after_a_killed_run_gives_every_record_once(tmp_path):
    warc = tmp_path / "big.warc.gz"
    n = 24
    ids = write_warc(warc, [{"url": f"https://k.example/{i}", "body": article_html(i)} for i in range(n)])
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-c", _SLOW_CLI, "clean", str(warc), "-o", str(out), "--no-progress", "--workers", "2"]
    proc = subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 6):
        time.sleep(0.05)
    proc.kill()  # SIGKILL: no chance to tidy up
    proc.wait()
    assert _gone(str(out)), "workers must not outlive a killed run"
    written = out.read_text().count("\n")
    assert 6 <= written < n, "the run should have been killed part way"
    with open(out, "a") as fh:  # what an interrupted write leaves at worst: a torn last line
        fh.write('{"source": "' + str(warc) + '#torn", "text": "half')
    # a failed record is redone on resume
    lines = out.read_text().splitlines(keepends=True)
    first = json.loads(lines[0])
    lines[0] = json.dumps({**first, "error": {"type": "PageTimeout", "message": "x"}, "text": ""}) + "\n"
    out.write_text("".join(lines))
    code = subprocess.run([sys.executable, "-m", "scraper", *cmd[3:]], cwd=REPO, stderr=subprocess.DEVNULL).returncode
    records = [json.loads(line) for line in out.read_text().splitlines()]
    sources = [r["source"] for r in records]
    assert len(sources) == len(set(sources)) == n
    assert set(sources) == {f"{warc}#{i.strip('<>')}" for i in ids}
    assert all(r["error"] is None for r in records) and code == 0


def _broken_setup() -> None:
    raise RuntimeError("this worker cannot start")


def test_workers_that_cannot_start_stop_the_run_instead_of_looping():
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="die while starting"):
        run(_pages(4), ListSink(), _config(), workers=2, initializer=_broken_setup)
    assert time.monotonic() - started < 20


def test_workers_started_while_another_thread_runs_come_from_a_fork_server():
    import threading

    from scraper.engines.workers import default_context, spawn_context

    def start_method() -> str:
        return spawn_context(default_context(), None, None).get_start_method()

    stop = threading.Event()
    fetcher = threading.Thread(target=stop.wait, daemon=True)  # stands in for the fetch thread
    pages = _pages(6)
    single = ListSink()
    run(pages, single, _config(), workers=1)
    fetcher.start()
    try:
        assert start_method() == "forkserver"
        pooled = ListSink()
        summary = run(pages, pooled, _config(chunk_size=2), workers=2, ordered=True)
    finally:
        stop.set()
        fetcher.join()
    assert pooled.records == single.records and summary.ok == 6
    assert start_method() == "fork"


def test_the_service_s_one_page_units_finish_with_their_guard_record():
    """A one-page unit whose page hangs is finished by its PageTimeout record: no worker re-reads it."""
    from scraper.engines.workers import WorkerPool
    from scraper.sources.units import WorkUnit

    pool = WorkerPool(2, _config(page_timeout=1.0), initializer=_misbehave_on_marked_pages)
    pool.start()
    try:
        assert pool.submit(0, WorkUnit(pages=tuple(_pages(1, {0: "hangs"}))))
        assert pool.submit(1, WorkUnit(pages=tuple(_pages(2)[1:])))
        assert not pool.submit(2, WorkUnit(pages=tuple(_pages(1))))  # every worker busy: refused, not queued
        got: dict[int, list] = {}
        deadline = time.monotonic() + 30
        while pool.in_flight and time.monotonic() < deadline:
            for uid, records, finished in pool.poll():
                got.setdefault(uid, []).extend(r[2] for r in records)
                assert finished
        assert not pool.in_flight and pool.replaced == 1
        assert got[0][0].error == {"type": "PageTimeout", "message": "page took longer than the limit of 1 s"}
        assert got[1][0].error is None and got[1][0].source == "page-1"
        assert pool.submit(3, WorkUnit(pages=tuple(_pages(1))))  # the replacement takes the next page
    finally:
        pool.close()


def test_the_pool_counts_truncated_records_as_one_process_does():
    config = load_config()
    config = dataclasses.replace(config, extract=dataclasses.replace(config.extract, max_blocks=12))
    sentence = "The harbour board met on Monday and agreed the new ferry timetable for the spring season."
    pages = [Page(source=f"page-{i}", url=f"https://p.example/{i}",
                  data=("<html><head><title>Ferry timetable</title></head><body><article>"
                        + "".join(f"<p>{j} {sentence}</p>" for j in range(8 if i % 2 else 30))
                        + "</article></body></html>").encode())
             for i in range(8)]
    single, pooled = ListSink(), ListSink()
    one = run(pages, single, config, workers=1)
    two = run(pages, pooled, dataclasses.replace(config, run=dataclasses.replace(config.run, chunk_size=2)),
              workers=2, ordered=True)
    assert pooled.records == single.records
    assert one.truncated == 4 and two.truncated == 4
    assert ", 4 truncated" in two.line()


def test_workers_fork_from_a_warmed_up_pipeline():
    """What the pipeline loads on first use is loaded once in the parent and shared, not by each worker."""
    from scraper.engines.workers import WorkerPool
    from scraper.normalize import language
    from scraper.normalize.first_names import given_names

    given_names.cache_clear()
    language._model.cache_clear()
    pool = WorkerPool(1, _config())
    pool.start()
    try:
        assert given_names.cache_info().currsize == 1 and language._model.cache_info().currsize == 1
    finally:
        pool.close()
    given_names.cache_clear()
    own = WorkerPool(1, _config(), process_fn=scraper.pipeline.process)  # a caller's own function: no warm-up
    own.start()
    try:
        assert given_names.cache_info().currsize == 0
    finally:
        own.close()
