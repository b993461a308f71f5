"""JSON Lines of ``{"url": ..., "html": ...}`` objects (or ``"text"``) -> one Page per line, streamed.

A line is read at most ``max_bytes`` long, so one huge line gives an error
record instead of a memory spike, and a dump of any size is read in constant
memory. Source is ``file#Lnumber``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from ..decode import utf8_bytes
from ..model import Page


def _error(where: str, exc: BaseException, url: str | None = None) -> Page:
    return Page(source=where, data=b"", url=url, error={"type": type(exc).__name__, "message": str(exc) or repr(exc)})


def iter_jsonl_pages(data: bytes | BinaryIO, source: str, max_bytes: int = 50_000_000) -> Iterator[Page]:
    stream = data.splitlines(keepends=True) if isinstance(data, bytes) else None
    number = 0
    while True:
        if stream is not None:
            if number >= len(stream):
                return
            line = stream[number]
        else:
            line = data.readline(max_bytes + 2)  # type: ignore[union-attr]
            if not line:
                return
        number += 1
        where = f"{source}#L{number}"
        if len(line) > max_bytes + 1 and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
                line = data.readline(1 << 20)  # type: ignore[union-attr]
            yield oversize_line(where, max_bytes)
            continue
        page = page_from_line(line, where)
        if page is not None:
            yield page


def oversize_line(where: str, max_bytes: int) -> Page:
    return _error(where, ValueError(f"line is over the size cap of {max_bytes} bytes"))


def page_from_line(line: bytes, where: str) -> Page | None:
    """One ``{"url", "html"}`` line -> a Page (an error Page when it is not such an object); None when blank."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise ValueError("expected a JSON object with \"html\" or \"text\"")
        body = obj.get("html") if obj.get("html") is not None else obj.get("text", "")
        if not isinstance(body, str):
            raise ValueError('expected a string in "html" or "text"')
    except ValueError as exc:
        return _error(where, exc)
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    return Page(source=where, data=utf8_bytes(body), url=url)
