"""Counts a source keeps while it reads, for the progress line and the summary."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class SourceStats:
    skipped_records: int = 0
    """Archive records that are not pages (requests, metadata, images, PDFs, ...)."""
