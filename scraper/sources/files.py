"""Local inputs -> Pages: files, directories (walked recursively, in a stable order), stdin.

``.gz`` is read transparently whatever the file is called; a WARC file or a
JSON Lines file of ``{"url", "html"}`` objects yields one Page per record.
An input that cannot be read still yields a Page, with ``error`` set, so it
becomes an error record rather than vanishing.
"""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..model import Page
from . import arc, jsonl, warc  # noqa: F401 - each registers its kind
from .registry import sniff
from .stats import SourceStats

GZIP_MAGIC = b"\x1f\x8b"


def _error_page(source: str, exc: BaseException) -> Page:
    return Page(source=source, data=b"", error={"type": type(exc).__name__, "message": str(exc) or repr(exc)})


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress a whole gzip stream (several members allowed), refusing to grow past ``max_bytes``."""
    out = bytearray()
    while data:
        d = zlib.decompressobj(wbits=31)
        out += d.decompress(data, max_bytes + 1 - len(out))
        if len(out) > max_bytes:
            raise ValueError(f"gzip expands past the size cap of {max_bytes} bytes")
        if not d.eof:
            raise EOFError("truncated gzip stream: compressed data ends before the end-of-stream marker")
        data = d.unused_data
        if data and not data.startswith(GZIP_MAGIC):
            break
    return bytes(out)


def walk(path: Path) -> Iterator[Path | tuple[Path, BaseException]]:
    """Files under ``path`` in sorted order; an unreadable directory is reported, not skipped."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        yield path, exc
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from walk(child)
        elif entry.is_file():
            yield child
        elif entry.is_symlink():
            yield child, FileNotFoundError(f"broken symbolic link: {child}")
        else:  # FIFO, socket, device: reading could block forever
            yield child, OSError(f"not a regular file: {child}")


def sniff_head(open_fn: Callable[[], BinaryIO]) -> bytes:
    """The first bytes of an input, gunzipped if it is gzip: what the source kinds are told apart by."""
    with open_fn() as fh:
        head = fh.read(16)
        if head.startswith(GZIP_MAGIC):
            fh.seek(0)
            with gzip.GzipFile(fileobj=fh) as inner_fh:
                head = inner_fh.read(16)
    return head


def pages_from_stream(name: str, open_fn: Callable[[], BinaryIO], max_bytes: int,
                      stats: SourceStats | None = None, start: int = 0, end: int | None = None,
                      first: int = 1) -> Iterator[Page]:
    """One input opened by ``open_fn`` (a local file or an fsspec URL) -> its Pages.

    The kind is sniffed from the first bytes (``registry``: WARC, ARC, JSON
    Lines, ...); kinds that hold many pages are streamed, and may be read in a
    byte range (``start``, ``end``). Anything else is one page, read whole.
    """
    stats = stats if stats is not None else SourceStats()
    try:
        head = sniff_head(open_fn)
    except (OSError, EOFError, zlib.error) as exc:
        yield _error_page(name, exc)
        return
    kind = sniff(head, name)
    if kind is not None:
        try:
            yield from kind.read(name, open_fn, max_bytes, stats, start, end, first)
        except (OSError, EOFError, zlib.error) as exc:
            yield _error_page(name, exc)
        return
    try:
        with open_fn() as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ValueError(f"file is over the size cap of {max_bytes} bytes")
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data, max_bytes)
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        yield _error_page(name, exc)
        return
    yield Page(source=name, data=data)


def pages_from_file(path: Path, max_bytes: int, stats: SourceStats | None = None) -> Iterator[Page]:
    """One local file -> its Pages (one, or one per archive record or JSON line)."""
    yield from pages_from_stream(str(path), lambda: open(path, "rb"), max_bytes, stats)


def iter_paths(paths: Iterable[str], max_bytes: int = 50_000_000, stdin: object = None,
               exclude: Iterable[str] = (), stats: SourceStats | None = None) -> Iterator[Page]:
    """Pages from command-line paths: files, directories, or ``-`` for standard input.

    ``exclude`` names files never read as input (the run's own output file).
    """
    excluded = {os.path.realpath(p) for p in exclude}
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)  # type: ignore[attr-defined]
            if len(data) > max_bytes:
                yield _error_page("-", ValueError(f"standard input is over the size cap of {max_bytes} bytes"))
            else:
                try:
                    yield Page(source="-", data=gunzip(data, max_bytes) if data.startswith(GZIP_MAGIC) else data)
                except (EOFError, ValueError, zlib.error) as exc:
                    yield _error_page("-", exc)
            continue
        path = Path(raw)
        if path.is_dir():
            for item in walk(path):
                if isinstance(item, tuple):
                    yield _error_page(str(item[0]), item[1])
                elif os.path.realpath(item) not in excluded:
                    yield from pages_from_file(item, max_bytes, stats)
        elif path.is_file():
            yield from pages_from_file(path, max_bytes, stats)
        elif path.exists():
            yield _error_page(raw, OSError(f"not a regular file: {raw}"))
        else:
            yield _error_page(raw, FileNotFoundError(f"no such file or directory: {raw}"))
