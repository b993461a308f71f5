"""Records kept in memory, for library use and tests."""

from __future__ import annotations

from ..model import Article


class ListSink:
    """Records as dicts in ``records`` (``run(pages, ListSink(), config)``); nothing to resume."""

    def __init__(self) -> None:
        self.records: list[dict] = []

    def write(self, article: Article) -> None:
        self.records.append(article.to_dict())

    def resume(self) -> set[str]:
        return set()

    def close(self) -> None:
        pass
