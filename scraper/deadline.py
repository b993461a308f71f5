"""A per-page time limit for pages cleaned in the calling process.

The worker pool (``scraper.engines.workers``) can kill a worker whose page hangs; a
page cleaned in this process (``--workers 1``, library use, a Ray task) has no
one to kill it. Here a POSIX interval timer raises ``PageTimeout`` inside the
page's own Python code, so the page becomes an error record and the batch goes
on. It is best effort: a signal handler runs between bytecodes, so a single C
call that never returns (a regex, a parser) is only stopped by the pool. Only
the main thread can receive the signal; elsewhere the guard does nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import TypeVar

from .model import Article, Page

T = TypeVar("T")


class PageTimeout(BaseException):
    """The page ran past its time limit.

    A ``BaseException``, like ``KeyboardInterrupt``: code that catches
    ``Exception`` to try another way (a fallback extractor, a date parser)
    must not swallow it and run on past the limit.
    """


def _can_guard(seconds: float) -> bool:
    return (seconds > 0 and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread())


def call_with_deadline(seconds: float, fn: Callable[[], T]) -> T:
    """Run ``fn``; raise ``PageTimeout`` in it once ``seconds`` have passed."""
    if not _can_guard(seconds):
        return fn()

    def expire(_signum: int, _frame: object) -> None:
        raise PageTimeout(f"page took longer than the limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def guarded(process_fn: Callable[[Page, object, bool], Article], seconds: float
            ) -> Callable[[Page, object, bool], Article]:
    """``process_fn`` under a per-page deadline; a late page becomes a ``PageTimeout`` record.

    ``PageTimeout`` passes through the ``except Exception`` of
    ``scraper.process`` and is turned into the record here.
    """
    def run(page: Page, config: object, explain: bool) -> Article:
        try:
            return call_with_deadline(seconds, lambda: process_fn(page, config, explain))
        except PageTimeout as exc:
            return Article.failure(page.source, "PageTimeout", str(exc), url=page.url,
                                   final_url=page.final_url, status=page.status, fetched_at=page.fetched_at)

    return run
