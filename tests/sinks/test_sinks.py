"""Sinks: the registry, byte-identical encoded writes, and resume through the Sink interface."""

from __future__ import annotations

import json

import pytest

from scraper.model import Article
from scraper.sinks import JsonlSink, MarkdownSink, TextSink, format_for, formats, open_sink, register


def _articles() -> list[Article]:
    return [Article(source="a", title="Héllo", text="One.\n\nTwo.", structure=["heading", "paragraph"],
                    authors=["Ann Lee"]),
            Article.failure("b", "PageTimeout", "too slow"),
            Article(source="c", text="Three \u2028 four.")]


def test_formats_are_found_by_name_and_by_suffix():
    assert {"jsonl", "text", "markdown"} <= set(formats())
    assert format_for("out.jsonl") == "jsonl"
    assert format_for("notes.md") == "markdown"
    assert format_for("x.txt") == "text"
    assert format_for("out") == "jsonl" and format_for(None) == "jsonl"
    with pytest.raises(ValueError):
        open_sink("nope", None)


def test_a_new_format_is_one_registered_class(tmp_path):
    @register("upper-test", (".upper-test",))
    class Upper:
        def __init__(self, path):
            self.fh = open(path, "w")

        def write(self, article):
            self.fh.write(article.source.upper() + "\n")

        def resume(self):
            return set()

        def close(self):
            self.fh.close()

    out = tmp_path / "o.upper-test"
    sink = open_sink(None, str(out))
    sink.write(Article(source="abc"))
    sink.close()
    assert out.read_text() == "ABC\n"


@pytest.mark.parametrize("cls", [JsonlSink, TextSink, MarkdownSink])
def test_encoded_writes_equal_plain_writes(tmp_path, cls):
    plain, encoded = tmp_path / "plain", tmp_path / "encoded"
    a, b = cls(str(plain)), cls(str(encoded))
    for article in _articles():
        a.write(article)
        b.write_encoded(cls.encode(article))
    a.close()
    b.close()
    assert plain.read_bytes() == encoded.read_bytes()
    if cls is TextSink:
        assert plain.read_text().startswith("Héllo\n\nOne.") and plain.read_text().count("\f\n") == 2


def test_jsonl_resume_keeps_good_records_and_drops_failed_and_torn_lines(tmp_path):
    out = tmp_path / "out.jsonl"
    sink = JsonlSink(str(out))
    for article in _articles():
        sink.write(article)
    sink.close()
    with open(out, "a") as fh:
        fh.write('{"source": "d", "tex')  # torn by a kill
    again = JsonlSink(str(out))
    assert again.resume() == {"a", "c"}
    assert again.dropped == 2
    assert [json.loads(line)["source"] for line in out.read_text().split("\n") if line] == ["a", "c"]
    again.write(Article(source="b", text="now fine"))
    again.close()
    assert [json.loads(line)["source"] for line in out.read_text().split("\n") if line] == ["a", "c", "b"]


def test_record_bytes_are_compact_utf8_json(tmp_path):
    line = JsonlSink.encode(Article(source="é", text="x"))
    assert line.endswith(b"\n") and b"\\u" not in line and b'"source":"\xc3\xa9"' in line


def test_text_outputs_do_not_resume(tmp_path):
    assert TextSink(str(tmp_path / "t.txt")).resume() == set()
    assert JsonlSink(None).resume() == set()
