"""``afetch`` / ``afetch_many``: the fetcher inside the caller's running event loop.

No second event loop and no fetcher thread: the HTTP requests run as tasks of
the caller's loop. Cleaning a page is CPU work, so each page is cleaned in one
helper thread owned by the call (the loop stays responsive), joined when the
call ends. A page that runs past ``[run] page_timeout`` becomes a
``PageTimeout`` record at once; its helper thread is handed back without
waiting and ends when that page does (a thread cannot be stopped from outside).
For all cores on a long list, use ``fetch_many`` (a process pool) instead.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterable
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType

from .config import Config, load_config
from .sources.fetch import PageStream
from .model import Article, Page
from .pipeline import process


class AsyncRecords(AsyncIterator[Article]):
    """Records as pages are fetched and cleaned; an async context manager that stops the work on exit."""

    def __init__(self, articles: AsyncIterator[Article]) -> None:
        self._articles = articles

    def __aiter__(self) -> AsyncRecords:
        return self

    async def __anext__(self) -> Article:
        return await self._articles.__anext__()

    async def aclose(self) -> None:
        """Cancel the fetches in flight and let the helper thread go."""
        await self._articles.aclose()  # type: ignore[attr-defined]

    async def __aenter__(self) -> AsyncRecords:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()


async def _clean_pages(pages: AsyncIterator[Page], config: Config, explain: bool) -> AsyncIterator[Article]:
    loop = asyncio.get_running_loop()
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scraper-clean")
    try:
        async for page in pages:
            future = loop.run_in_executor(executor, process, page, config, explain)
            try:
                yield await asyncio.wait_for(future, config.run.page_timeout or None)
            except TimeoutError:
                executor.shutdown(wait=False, cancel_futures=True)
                executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scraper-clean")
                yield Article.failure(page.source, "PageTimeout",
                                      f"page took longer than the limit of {config.run.page_timeout:g} s",
                                      url=page.url, final_url=page.final_url, status=page.status,
                                      fetched_at=page.fetched_at)
    finally:
        await pages.aclose()  # type: ignore[attr-defined]
        executor.shutdown(wait=True)


def afetch_many(urls: Iterable[str] = (), *, config: Config | None = None, explain: bool = False,
                feeds: Iterable[str] = (), sitemaps: Iterable[str] = (),
                save_raw: str | os.PathLike[str] | None = None, skip: Iterable[str] = ()) -> AsyncRecords:
    """``fetch_many`` for code inside an event loop: ``async with scraper.afetch_many(urls) as records:
    async for article in records: ...``; the same records as ``scraper fetch``, in the order they finish."""
    if isinstance(urls, (str, bytes)):
        raise TypeError("afetch_many takes an iterable of URLs: for one URL use scraper.afetch(url)")
    config = config or load_config()
    stream = PageStream(urls, config.fetch, feeds=feeds, sitemaps=sitemaps, save_raw=save_raw, done=skip)
    return AsyncRecords(_clean_pages(stream.pages(), config, explain))


async def afetch(url: str, *, config: Config | None = None, explain: bool = False) -> Article:
    """Fetch one page and clean it, without blocking the running event loop."""
    async with afetch_many([url], config=config, explain=explain) as records:
        async for article in records:
            return article
    raise AssertionError("the fetcher gives one record per URL")  # pragma: no cover
