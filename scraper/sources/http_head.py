"""The HTTP response head stored in front of an archived body: status and headers."""

from __future__ import annotations


def split_http(block: bytes) -> tuple[int | None, dict[str, str], bytes] | None:
    """Status, lower-cased headers (the last of repeated ones) and body; ``None`` when not an HTTP response."""
    if not block.startswith(b"HTTP/"):
        return None
    end, sep = block.find(b"\r\n\r\n"), 4
    if end < 0:
        end, sep = block.find(b"\n\n"), 2
    if end < 0:
        end, sep = len(block), 0
    lines = block[:end].decode("latin-1").splitlines()
    parts = lines[0].split(None, 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    return status, headers, block[end + sep:]
