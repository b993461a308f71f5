"""Packaging: the version flag, the bundled defaults, and a real wheel installed into a fresh venv.

The wheel test is the check that a non-editable install runs exactly like a
checkout: built offline from this tree, installed without dependencies into a
new venv that borrows the test venv's third-party packages, run from another
directory, it must give the same records on fixtures/pages as this checkout.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

import scraper
from scraper.cli import main
from scraper.config import DEFAULT_CONFIG_PATH, load_config, parse_config

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "fixtures" / "pages"


def test_version_flag_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"scraper {scraper.__version__}"


def test_version_agrees_with_the_installed_metadata() -> None:
    assert importlib.metadata.version("scraper") == scraper.__version__


def test_bundled_defaults_agree_with_the_documented_copy() -> None:
    """config.toml at the top is what users read and copy; the package ships the same settings."""
    documented = tomllib.loads((ROOT / "config.toml").read_text(encoding="utf-8"))
    bundled = tomllib.loads(DEFAULT_CONFIG_PATH.read_text(encoding="utf-8"))
    assert bundled == documented, (
        "config.toml and scraper/default_config.toml differ: copy config.toml over scraper/default_config.toml")
    assert DEFAULT_CONFIG_PATH.parent == Path(scraper.__file__).resolve().parent


def test_load_config_without_a_path_reads_the_bundled_defaults() -> None:
    config = load_config()
    assert config == parse_config(tomllib.loads((ROOT / "config.toml").read_text(encoding="utf-8")))
    assert config.outlets  # the outlet names come with the package, not from the working directory


def _source_data_files() -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / "scraper").rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--wheel-dir", str(out), str(ROOT)], check=True, capture_output=True,
                   timeout=300)
    (built,) = out.glob("scraper-*.whl")
    return built


def test_the_wheel_carries_every_data_file_and_py_typed(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = _source_data_files() - names
    assert not missing, f"data files left out of the wheel: {sorted(missing)}"
    assert {"scraper/py.typed", "scraper/default_config.toml"} <= names


def test_a_wheel_installed_in_a_fresh_venv_gives_the_same_records(
        wheel: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    # Third-party packages from the test venv, read as a plain path: its .pth files (the editable
    # install's import hook among them) are not run, so `scraper` can only come from the wheel.
    (purelib / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}

    probe = subprocess.run([str(python), "-c", "import json, scraper; "
                            "print(json.dumps([scraper.__file__, scraper.load_config().outlets]))"],
                           cwd=elsewhere, env=env, check=True, capture_output=True, text=True, timeout=120)
    location, outlets = json.loads(probe.stdout)
    assert Path(location).resolve().is_relative_to(venv.resolve())
    assert outlets == load_config().outlets and outlets

    installed = subprocess.run([str(venv / "bin" / "scraper"), "clean", str(PAGES), "--workers", "1",
                                "--no-progress"], cwd=elsewhere, env=env, capture_output=True, text=True,
                               timeout=300)
    assert installed.returncode in (0, 1), installed.stderr
    main(["clean", str(PAGES), "--workers", "1", "--no-progress"])
    editable = capsys.readouterr().out
    got = [json.loads(line) for line in installed.stdout.splitlines()]
    want = [json.loads(line) for line in editable.splitlines()]
    assert len(got) == len(want) == len(list(PAGES.iterdir()))
    assert got == want
