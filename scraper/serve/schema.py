"""The record's JSON Schema for the OpenAPI description, derived from ``Article`` so it cannot drift."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..model import Article


@cache
def record_schema() -> dict[str, Any]:
    from pydantic import TypeAdapter

    schema = TypeAdapter(Article).json_schema()
    schema["properties"].pop("structure", None)  # Markdown output's helper, never in a record
    schema["title"] = "Record"
    schema["description"] = ("One record per page: the article and its metadata, or `error` set. "
                             "`provenance` and `removed` only with `explain`. Fields as in the README.")
    return schema
