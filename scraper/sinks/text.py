"""Human-readable outputs: plain text (title and text) and Markdown (a document per record).

Neither is read back, so neither resumes: a rerun appends from scratch. Each
record's chunk starts with the separator, which ``write_encoded`` leaves out
for the first record of a run.
"""

from __future__ import annotations

import sys

from ..model import Article
from .base import open_text, register


def text_chunk(article: Article) -> bytes:
    """Form feed line, then title, blank line, text (or an error line)."""
    if article.error:
        body = f"# error in {article.source}: {article.error['type']}: {article.error['message']}\n"
    else:
        head = f"{article.title}\n\n" if article.title else ""
        body = f"{head}{article.text}\n"
    return ("\f\n" + body).encode("utf-8", "surrogatepass")


_PREFIX = {"heading": "## ", "list_item": "- ", "quote": "> "}


def markdown_chunk(article: Article) -> bytes:
    """Rule line, then title, a metadata line, and the text with its structure."""
    parts = ["\n---\n\n"]
    if article.error:
        parts.append(f"<!-- error in {article.source}: {article.error['type']}: {article.error['message']} -->\n")
        return "".join(parts).encode("utf-8", "surrogatepass")
    if article.title:
        parts.append(f"# {article.title}\n\n")
    meta = [", ".join(article.authors), article.syndication or "", article.outlet or "", article.published or ""]
    if any(meta):
        parts.append("*" + " · ".join(m for m in meta if m) + "*\n\n")
    paragraphs = article.text.split("\n\n") if article.text else []
    kinds = article.structure or ["paragraph"] * len(paragraphs)
    for kind, para in zip(kinds, paragraphs):
        parts.append(_PREFIX.get(kind, "") + para + "\n\n")
    return "".join(parts).encode("utf-8", "surrogatepass")


class _ChunkSink:
    separator = b""

    def __init__(self, path: str | None) -> None:
        self.stream = open_text(path)
        self.first = True

    def resume(self) -> set[str]:
        return set()

    def write(self, article: Article) -> None:
        self.write_encoded(type(self).encode(article))

    def write_encoded(self, chunk: bytes) -> None:
        if self.first:
            chunk = chunk[len(self.separator):]
            self.first = False
        self.stream.write(chunk.decode("utf-8", "surrogatepass"))
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not sys.stdout:
            self.stream.close()


@register("text", (".txt",))
class TextSink(_ChunkSink):
    """Title, blank line, text; records separated by a form feed line."""

    separator = b"\f\n"
    encode = staticmethod(text_chunk)


@register("markdown", (".md", ".markdown"))
class MarkdownSink(_ChunkSink):
    """A Markdown document per record: title, a metadata line, then the text with its structure."""

    separator = b"\n---\n\n"
    encode = staticmethod(markdown_chunk)
