"""Engine-free building blocks: the unit of distributed work is one input file (a WARC, a dump).

Paths may be local or any fsspec URL (``s3://``, ``gs://``, ``hdfs://``,
``file://``); fsspec comes with the ``ray`` extra and is only imported for URLs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..config import Config
from ..deadline import guarded
from ..model import Article
from ..pipeline import process
from ..sources.files import pages_from_stream, walk
from ..sources.stats import SourceStats


def is_url(path: str) -> bool:
    return "://" in path


def open_input(path: str) -> BinaryIO:
    """A binary stream for a local path or an fsspec URL."""
    if is_url(path):
        import fsspec

        return fsspec.open(path, "rb").open()
    return open(path, "rb")


def list_inputs(paths: Iterable[str]) -> list[str]:
    """Files named by ``paths``; directories (local or remote) are listed recursively, sorted."""
    out: list[str] = []
    for raw in paths:
        if is_url(raw):
            import fsspec

            fs, root = fsspec.core.url_to_fs(raw)
            if fs.isdir(root):
                proto = raw.split("://", 1)[0]
                out.extend(f"{proto}://{p}" if not p.startswith(f"{proto}://") else p
                           for p in sorted(fs.find(root)) if not Path(p).name.startswith("."))
            else:
                out.append(raw)
        elif Path(raw).is_dir():
            out.extend(str(item) for item in walk(Path(raw)) if not isinstance(item, tuple))
        else:
            out.append(raw)
    return out


def shard_name(path: str) -> str:
    """A stable, unique output file name for one input: readable stem plus a hash of the full path."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", path.rstrip("/").rsplit("/", 1)[-1])[:80] or "input"
    return f"{stem}-{hashlib.sha1(path.encode()).hexdigest()[:10]}.jsonl"


def clean_input(path: str, config: Config, explain: bool = False, skip: set[str] | None = None,
                stats: SourceStats | None = None) -> Iterator[Article]:
    """Every page of one input file through the plain per-page function; sources in ``skip`` are passed over."""
    skip = skip or set()
    clean = guarded(process, config.run.page_timeout)
    for page in pages_from_stream(path, lambda: open_input(path), config.run.max_page_bytes, stats):
        if page.source not in skip:
            if stats is not None:
                stats.bytes_read += len(page.data)
            yield clean(page, config, explain)
