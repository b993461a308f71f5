"""The Python calls behind ``import scraper``: each does what a command of the CLI does, with the same records.

``clean`` is one page in this process; ``clean_many`` and ``fetch_many`` stream
many through the same machinery as ``scraper clean`` / ``scraper fetch``
(sources, the worker pool with its per-page time and memory guards, one record
per input) and hand back a ``Records`` iterator that also closes the pool when
used as a context manager. The async calls live in ``scraper.api_async``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from .cluster import ClusterSettings
from .cluster import cluster as _cluster
from .config import Config, load_config
from .decode import utf8_bytes
from .engines.base import Job
from .sources.fetch import PageStream
from .model import Article, Page
from .pipeline import process
from .rules.base import about_of
from .rules.engine import default_rules
from .runner import Summary, engine_for
from .sinks import open_sink
from .sinks import resume as _resume
from .sources.units import WorkUnit, plan_units, units_of_pages

Input = str | os.PathLike[str] | Page | bytes | bytearray | tuple[str, str | bytes]
"""What ``clean_many`` takes: a path (file, directory, WARC, ...), a ``Page``, page bytes, or ``(url, html)``."""


class Records(Iterator[Article]):
    """Records as they are made, one per input; a context manager that stops the work on exit.

    ``summary`` counts what came out so far (ok / empty / failed), as the CLI's last line does.
    Leaving the ``with`` block (or ``close()``) shuts the worker pool and the fetcher down,
    also when the records were not all read.
    """

    def __init__(self, articles: Iterator[Article], summary: Summary) -> None:
        self._articles = articles
        self.summary = summary

    def __iter__(self) -> Records:
        return self

    def __next__(self) -> Article:
        article = next(self._articles)
        self.summary.count(article)
        return article

    def close(self) -> None:
        close = getattr(self._articles, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> Records:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def clean(data: bytes | str, *, url: str | None = None, source: str | None = None,
          config: Config | None = None, explain: bool = False) -> Article:
    """Clean one page (HTML or a plain-text dump) into an Article record, in this process.

    Never raises for bad input: the returned record's ``error`` says what went wrong.
    """
    raw = utf8_bytes(data) if isinstance(data, str) else bytes(data)
    page = Page(source=source or url or "<memory>", data=raw, url=url)
    return process(page, config or load_config(), explain=explain)


def _page(i: int, item: Input) -> Page:
    if isinstance(item, Page):
        return item
    if isinstance(item, (bytes, bytearray, memoryview)):
        return Page(source=f"<bytes #{i}>", data=bytes(item))
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
        url, html = item
        return Page(source=url, data=utf8_bytes(html) if isinstance(html, str) else bytes(html), url=url)
    raise TypeError(f"input #{i}: expected a path, a Page, bytes or a (url, html) pair, not {type(item).__name__}")


def _units(inputs: Iterable[Input], config: Config, workers: int) -> Iterator[WorkUnit]:
    """Work units in input order: runs of paths planned as ``scraper clean`` plans them (workers read
    their own files, a large archive in byte ranges), other inputs as pages in memory."""
    def is_path(item: tuple[int, Input]) -> bool:
        return isinstance(item[1], (str, os.PathLike))

    for paths, run in itertools.groupby(enumerate(inputs), key=is_path):
        if paths:
            yield from plan_units((os.fspath(item) for _, item in run), config.run.max_page_bytes,  # type: ignore[arg-type]
                                  workers=workers)
        else:
            yield from units_of_pages((_page(i, item) for i, item in run), max(1, config.run.chunk_size))


def _cleaned(units: Iterable[WorkUnit], job: Job, workers: int, summary: Summary) -> Iterator[Article]:
    """The records of ``units`` from the engine ``scraper clean`` would use for ``workers``."""
    return engine_for(workers).articles(units, job, summary)


def _workers(workers: int | None, config: Config) -> int:
    if workers is not None and workers < 0:
        raise ValueError("workers must be 0 (one per core) or more")
    return workers if workers else config.run.worker_count


def clean_many(inputs: Iterable[Input], *, workers: int | None = None, ordered: bool = False,
               config: Config | None = None, explain: bool = False, skip: Iterable[str] = ()) -> Records:
    """Clean many inputs the way ``scraper clean`` does: one record per page, streamed as they are ready.

    ``workers``: processes (default: ``[run] workers`` of the config, one per core; 1 cleans in this
    process). Records come in the order they finish unless ``ordered``. ``skip`` holds sources to pass
    over (see ``resume``). Use it in a ``with`` block so the pool is shut down even if you stop early.
    """
    if isinstance(inputs, (str, bytes, os.PathLike, Page, tuple)):
        raise TypeError("clean_many takes an iterable of inputs: wrap a single one in a list")
    config = config or load_config()
    count, summary = _workers(workers, config), Summary()
    job = Job(config, explain, ordered, False, set(skip))
    return Records(_cleaned(_units(inputs, config, count), job, count, summary), summary)


def _check_urls(urls: Iterable[str]) -> None:
    if isinstance(urls, (str, bytes)):
        raise TypeError("fetch_many takes an iterable of URLs: for one URL use scraper.fetch(url)")


def fetch_many(urls: Iterable[str] = (), *, config: Config | None = None, workers: int | None = None,
               explain: bool = False, feeds: Iterable[str] = (), sitemaps: Iterable[str] = (),
               save_raw: str | os.PathLike[str] | None = None, skip: Iterable[str] = ()) -> Records:
    """Fetch and clean the way ``scraper fetch`` does: robots.txt, per-host limits, retries, size caps.

    ``feeds`` and ``sitemaps`` add the articles they list; ``save_raw`` also writes every response to a
    WARC file; URLs in ``skip`` are not fetched. One record per URL (duplicates after normalization are
    fetched once), in the order they finish. Fetching runs in a thread of its own, cleaning in
    ``workers`` processes (default: ``[run] workers``; 1 = this process).
    """
    _check_urls(urls)
    config = config or load_config()
    count = _workers(workers, config)
    stream = PageStream(urls, config.fetch, feeds=feeds, sitemaps=sitemaps, save_raw=save_raw, done=skip)

    summary = Summary()

    def articles() -> Iterator[Article]:
        with stream:
            units = units_of_pages(stream, max(1, config.run.chunk_size))
            cleaned = _cleaned(units, Job(config, explain, progress=False), count, summary)
            try:
                yield from cleaned
            finally:
                cleaned.close()  # the workers stop before the fetcher does
        summary.skipped += stream.skipped

    return Records(articles(), summary)


def fetch(url: str, *, config: Config | None = None, explain: bool = False) -> Article:
    """Fetch one page and clean it in this process; a failed fetch is a record with ``error`` set."""
    with fetch_many([url], config=config, explain=explain, workers=1) as records:
        return next(records)


def write(records: Iterable[Article], path: str | os.PathLike[str] | None = None, *,
          format: str | None = None) -> Summary:  # noqa: A002 - the CLI's --format
    """Write records as ``-o PATH --format FMT`` does (format from the suffix, else JSON Lines; no path:
    standard output), appending to an existing file; returns the counts."""
    summary = Summary()
    sink = open_sink(format, os.fspath(path) if path is not None else None)
    try:
        for article in records:
            sink.write(article)
            summary.count(article)
    finally:
        sink.close()
    return summary


def resume(path: str | os.PathLike[str]) -> set[str]:
    """Prepare a JSON Lines output for a rerun (a torn last line is cut, failed records dropped) and
    return the sources already written: pass them as ``skip`` to clean or fetch only the rest."""
    return _resume(os.fspath(path))


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One block rule as ``scraper rules`` lists it: its name (for ``[rules] disabled``), phase and purpose."""

    name: str
    phase: str
    about: str
    enabled: bool


def list_rules(config: Config | None = None) -> list[RuleInfo]:
    """The block rules in the order they run, each switched on or off by ``config``."""
    disabled = (config or load_config()).rules.disabled
    return [RuleInfo(rule.name, rule.phase, about_of(rule), rule.name not in disabled) for rule in default_rules()]


def cluster(records: Iterable[Article | dict[str, Any]], *, settings: ClusterSettings | None = None
            ) -> list[dict[str, Any]]:
    """Group records into stories as ``scraper cluster`` does: each record (as a dict, in the same order)
    gains ``story``: its id, the match (exact copy, near-duplicate, rewrite) and which copy is the original.

    ``settings``: ``scraper.cluster`` settings, e.g. ``load_cluster_settings("my.toml")`` from
    ``scraper.cluster.settings`` for a ``[cluster]`` table (default: the bundled ones).
    """
    return _cluster((r.to_dict() if isinstance(r, Article) else r for r in records), settings)
