"""Where records go: one module per output format, registered by name and file suffix.

``open_sink(fmt, path)`` gives the sink; ``Sink.resume()`` prepares an earlier
output for a rerun, the same for every engine. Adding a format is one module
with a class decorated by ``register`` (and an import below).
"""

from .base import EncodedSink, Sink, format_for, formats, open_sink, register
from .jsonl import JsonlSink, encode_record, record_line
from .memory import ListSink
from .text import MarkdownSink, TextSink


@register("parquet", (".parquet",))
def _parquet(path: str | None, **options: object) -> Sink:
    """Imported on use: Parquet needs pyarrow (the ``parquet`` extra), the other formats do not."""
    try:
        from .parquet import ParquetSink
    except ImportError as exc:
        raise ValueError(f"Parquet output needs pyarrow: pip install 'scraper[parquet]' ({exc})") from None
    return ParquetSink(path, **options)


def resume(path: str) -> set[str]:
    """Prepare the JSON Lines file ``path`` for a rerun; the sources already done."""
    return JsonlSink(path).resume()


__all__ = ["EncodedSink", "JsonlSink", "ListSink", "MarkdownSink", "Sink", "TextSink", "encode_record",
           "format_for", "formats", "open_sink", "record_line", "register", "resume"]
