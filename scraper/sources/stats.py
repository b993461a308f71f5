"""Counts a source keeps while it reads, for the progress line and the summary."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class SourceStats:
    skipped_records: int = 0
    """Archive records that are not pages (requests, metadata, images, PDFs, ...)."""
    bytes_read: int = 0
    """Bytes of pages handed on (counted by callers that see every page, e.g. ``engines.inputs``)."""
    damaged: int = 0
    """Unreadable byte ranges of archives, each given as one ``DamagedArchive`` record."""
