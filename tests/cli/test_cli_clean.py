"""`scraper clean`: inputs, formats, resume, exit codes."""

from __future__ import annotations

import gzip
import io
import json
import pytest
import sys
from pathlib import Path

from scraper.cli import main
from scraper.sinks import resume

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
SEED = FIXTURES / "seed-001-newsletter-chrome.txt"


class Result:
    def __init__(self, code: int, stdout: str) -> None:
        self.returncode, self.stdout = code, stdout


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run the command in-process (fast); stdin bytes are served through sys.stdin.buffer."""

    def run(*args: str, stdin: bytes | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main([*args, "--no-progress"])
        return Result(code, capsys.readouterr().out)

    return run


def test_stdin_and_gzip_give_the_same_record(tmp_path, run_cli):
    gz = tmp_path / "seed.dump"  # no telling name: content decides
    gz.write_bytes(gzip.compress(SEED.read_bytes()))
    from_stdin = json.loads(run_cli("clean", "-", stdin=SEED.read_bytes()).stdout)
    from_gzip = json.loads(run_cli("clean", str(gz)).stdout)
    assert from_stdin["source"] == "-"
    for record in (from_stdin, from_gzip):
        assert record["title"] == "U.S. Beefing Up Intel Network Across Asia to Counter China’s Spy Threat"
    assert from_stdin["text"] == from_gzip["text"]


def test_directory_walk_is_recursive_and_sorted(tmp_path, run_cli):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b" / "c.txt").write_bytes(SEED.read_bytes())
    proc = run_cli("clean", str(tmp_path))
    sources = [json.loads(line)["source"] for line in proc.stdout.splitlines()]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.txt"), str(tmp_path / "b" / "z.txt")]
    assert proc.returncode == 0


def test_text_and_markdown_formats(run_cli):
    text = run_cli("clean", "--format", "text", str(SEED)).stdout
    assert text.startswith("U.S. Beefing Up Intel Network")
    assert "request for comment." in text and "DONATE" not in text
    md = run_cli("clean", "--format", "markdown", str(SEED)).stdout
    assert md.startswith("# U.S. Beefing Up Intel Network")
    assert "Micaela Burrow" in md.splitlines()[2]


def test_explain_adds_provenance_and_removed_blocks(run_cli):
    record = json.loads(run_cli("clean", "--explain", str(SEED)).stdout)
    assert record["provenance"]["syndication"]
    assert {"rule": "donate-box", "text": "DONATE"} in [{k: r[k] for k in ("rule", "text")} for r in record["removed"]]
    plain = json.loads(run_cli("clean", str(SEED)).stdout)
    assert "provenance" not in plain and "removed" not in plain


def test_rerun_with_same_output_skips_done_and_redoes_failed(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_bytes(SEED.read_bytes())
    (inputs / "bad.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    assert main(["clean", "--no-progress", str(inputs), "-o", str(out)]) == 1
    (inputs / "bad.txt").write_bytes(SEED.read_bytes())  # fixed since the first run
    assert main(["clean", "--no-progress", str(inputs), "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(Path(r["source"]).name for r in records) == ["bad.txt", "good.txt"]
    assert all(r["error"] is None for r in records)


def test_resume_cuts_a_torn_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    good = json.dumps({"source": "a", "error": None}) + "\n"
    out.write_text(good + '{"source": "b", "tex')
    assert resume(str(out)) == {"a"}
    assert out.read_text() == good


def test_rules_command_lists_rule_names(capsys):
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    for name in ("share-widget", "signup-box", "feed-footer", "duplicate-block", "page-head"):
        assert name in listing


def test_unknown_config_key_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "c.toml"
    bad.write_text("[fetch]\nuser_agnet = 'x'\n")
    assert main(["clean", "--config", str(bad), str(SEED)]) == 2
    assert "user_agnet" in capsys.readouterr().err


def test_disabled_rule_in_config_keeps_its_blocks(tmp_path, run_cli):
    para = "The harbour reopened to ships on Monday after dredging work that took most of the winter to finish."
    dump = tmp_path / "dump.txt"
    dump.write_text(f"{para}\n\nAdvertisement\n\n{para.replace('Monday', 'Friday')}\n")
    cfg = tmp_path / "c.toml"
    cfg.write_text('[rules]\ndisabled = ["advertisement"]\n')
    assert "Advertisement" not in json.loads(run_cli("clean", str(dump)).stdout)["text"]
    assert "Advertisement" in json.loads(run_cli("clean", "--config", str(cfg), str(dump)).stdout)["text"]
