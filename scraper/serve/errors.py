"""Errors a request can get, as JSON: ``{"error": {"type": ..., "message": ...}}``, never a stack trace.

The same ``error`` object a record carries, so a client reads one shape
whether the request failed or the page did.
"""

from __future__ import annotations

import json

from starlette.responses import Response


class ApiError(Exception):
    """A request that gets an error response instead of a record."""

    def __init__(self, status: int, type_: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.type = type_
        self.message = message
        self.headers = headers or {}


def error_response(status: int, type_: str, message: str, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps({"error": {"type": type_, "message": message}}, ensure_ascii=False)
    return Response(body, status_code=status, media_type="application/json", headers=headers)


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["type", "message"],
                             "properties": {"type": {"type": "string"}, "message": {"type": "string"}}}},
}
