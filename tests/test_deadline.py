"""The per-page time limit of single-process runs (``scraper.deadline``)."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from scraper.deadline import PageTimeout, call_with_deadline, guarded
from scraper.model import Article, Page


def _spin_swallowing(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            sum(range(1000))
        except Exception:  # noqa: BLE001 - a page's code that catches everything must still be stopped
            pass
    return "finished"


def test_a_fast_call_returns_its_value_and_leaves_no_timer_or_handler():
    before = signal.getsignal(signal.SIGALRM)
    assert call_with_deadline(5.0, lambda: 42) == 42
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_a_slow_call_is_stopped_even_if_it_catches_exceptions():
    started = time.monotonic()
    with pytest.raises(PageTimeout, match="limit of 0.2 s"):
        call_with_deadline(0.2, lambda: _spin_swallowing(5.0))
    assert time.monotonic() - started < 2.0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_no_limit_off_the_main_thread_or_for_zero_seconds():
    assert call_with_deadline(0, lambda: _spin_swallowing(0.3)) == "finished"
    result: list[str] = []
    thread = threading.Thread(target=lambda: result.append(call_with_deadline(0.05, lambda: _spin_swallowing(0.3))))
    thread.start()
    thread.join()
    assert result == ["finished"]


def test_guarded_turns_a_late_page_into_a_page_timeout_record_with_its_origin():
    def slow(page, config, explain):
        _spin_swallowing(5.0)
        return Article(source=page.source, text="never")

    page = Page(source="s.html", data=b"x", url="https://t.example/s", status=200, fetched_at="2024-01-01T00:00:00Z")
    record = guarded(slow, 0.2)(page, None, False)
    assert record.error["type"] == "PageTimeout"
    assert (record.source, record.url, record.status, record.fetched_at) == (
        "s.html", "https://t.example/s", 200, "2024-01-01T00:00:00Z")
    fast = guarded(lambda p, c, e: Article(source=p.source, text="ok"), 0.2)(page, None, False)
    assert fast.text == "ok" and fast.error is None
