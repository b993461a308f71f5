"""The sink interface and the registry of output formats.

A sink receives every record of a run, in the order the engine hands them
over, and is the only place that knows the output format. ``resume`` prepares
an existing output for a rerun and says which sources are already done, so
every engine resumes the same way. A new format is one module that defines a
class and registers it with ``register``; ``open_sink`` then finds it by format
name (``--format``) or by the output file's suffix.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

from ..model import Article


@runtime_checkable
class Sink(Protocol):
    """Where records go. ``write`` is called once per record; ``close`` once at the end."""

    def write(self, article: Article) -> None: ...
    def close(self) -> None: ...
    def resume(self) -> set[str]:
        """Prepare the output for a rerun; return the sources already written successfully.

        A sink that cannot be resumed (standard output, a format that is not read
        back) returns an empty set and the run starts from scratch.
        """
        ...


class EncodedSink(Protocol):
    """A byte-stream sink whose records can be encoded elsewhere (in a worker process).

    ``encode`` is a plain function of one record, so workers can run it and send
    bytes; ``write_encoded`` appends what ``encode`` made, exactly as ``write``
    would have written the record.
    """

    encode: Callable[[Article], bytes]

    def write_encoded(self, chunk: bytes) -> None: ...


SinkFactory = Callable[..., Sink]

_BY_FORMAT: dict[str, SinkFactory] = {}
_BY_SUFFIX: dict[str, str] = {}


def register(fmt: str, suffixes: tuple[str, ...] = ()) -> Callable[[Any], Any]:
    """Class decorator: make a sink available as ``--format fmt`` and for outputs ending in ``suffixes``."""
    def add(cls: Any) -> Any:
        _BY_FORMAT[fmt] = cls
        for suffix in suffixes:
            _BY_SUFFIX[suffix] = fmt
        return cls
    return add


def formats() -> list[str]:
    return sorted(_BY_FORMAT)


def format_for(path: str | None, default: str = "jsonl") -> str:
    """The format an output path's suffix asks for (longest suffix wins), else ``default``."""
    if path and path != "-":
        for suffix in sorted(_BY_SUFFIX, key=len, reverse=True):
            if path.endswith(suffix):
                return _BY_SUFFIX[suffix]
    return default


def open_sink(fmt: str | None, path: str | None, **options: Any) -> Sink:
    """The sink for ``fmt`` (``None``: chosen by the suffix of ``path``) writing to ``path`` (``None``/``-``: stdout)."""
    name = fmt or format_for(path)
    if name not in _BY_FORMAT:
        raise ValueError(f"unknown output format {name!r}; known: {', '.join(formats())}")
    return _BY_FORMAT[name](path, **options)


def open_text(path: str | None) -> IO[str]:
    """A text stream appending to ``path``, or standard output."""
    if path is None or path == "-":
        return sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return open(path, "a", encoding="utf-8")
