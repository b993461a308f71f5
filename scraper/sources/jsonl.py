"""JSON Lines of ``{"url": ..., "html": ...}`` objects -> one Page per line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..model import Page


def iter_jsonl_pages(data: bytes, source: str) -> Iterator[Page]:
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#L{number}"
        try:
            obj = json.loads(line)
            body = obj.get("html") if obj.get("html") is not None else obj.get("text", "")
            if not isinstance(body, str):
                raise ValueError('expected a string in "html" or "text"')
        except (ValueError, AttributeError) as exc:
            yield Page(source=where, data=b"", error={"type": type(exc).__name__, "message": str(exc)})
            continue
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        yield Page(source=where, data=body.encode("utf-8"), url=url)
