"""The closed set of error types a record's ``error.type`` may hold.

A record's error says either that the input was bad (a page we cannot read, a source
that could not hand over bytes, a page that ran past a run limit) or that the
project itself failed (``InternalError``). Keeping the set closed lets a user tell a
bad page from a bug: an exception this module does not know becomes
``InternalError`` (from cleaning) or ``SourceError`` (from a source), with the
original class named in the message. README.md lists the set.
"""

from __future__ import annotations


class PageError(ValueError):
    """The page's bytes hold no article we can read; the class name is the record's error type."""


class EmptyInput(PageError):
    """The input holds no bytes, or only whitespace."""


class PageTooLarge(PageError):
    """The input is over the configured size cap ([run] max_page_bytes)."""


class DecodeError(PageError):
    """The bytes are not text: a binary format, or no encoding gives readable text."""


INTERNAL = "InternalError"
"""A bug in the project: the exception's class and text are in the message, the traceback in the log."""
SOURCE = "SourceError"
"""A source failed in a way not named below: the original class is in the message."""

PAGE_ERRORS = frozenset({"EmptyInput", "PageTooLarge", "DecodeError"})
"""Cleaning refused the page's bytes."""
RUN_ERRORS = frozenset({"PageTimeout", "PageMemoryError", "WorkerCrashed", "RequestTimeout", "WorkersUnavailable"})
"""The page ran past a per-page guard of the run."""
SOURCE_ERRORS = frozenset({
    # files and archives
    "FileNotFoundError", "IsADirectoryError", "PermissionError", "OSError", "EOFError", "BadGzipFile",
    "TruncatedRecord", "DamagedArchive", "UnicodeDecodeError", "JSONDecodeError", "ValueError",
    # fetching
    "HTTPError", "HTTPStatusError", "BodyTooLarge", "UnsupportedContentType", "UnsupportedEncoding",
    "UnsupportedScheme", "RobotsDisallowed", "RedirectLoop", "TooManyRedirects", "TotalTimeout",
    "ConnectError", "ConnectTimeout", "ReadTimeout", "WriteTimeout", "PoolTimeout", "ReadError",
    "WriteError", "RemoteProtocolError", "LocalProtocolError", "ProxyError", "InvalidURL", "NotAFeed",
    "ForbiddenAddress",
})
"""A source could not hand over the page's bytes."""
ERROR_TYPES = PAGE_ERRORS | RUN_ERRORS | SOURCE_ERRORS | {INTERNAL, SOURCE}
"""Every value ``error.type`` can take."""


def source_error_type(name: str) -> str:
    """A source's error type as recorded: a known name as it is, anything else ``SourceError``."""
    return name if name in ERROR_TYPES else SOURCE
