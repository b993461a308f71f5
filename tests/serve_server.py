"""Start ``scraper serve`` for real, as its own process on 127.0.0.1, and stop it afterwards."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_server(tmp: Path, config: str, workers: int = 2) -> Iterator[str]:
    """A server with ``config`` (TOML text); yields its base URL once /health answers."""
    cfg = tmp / f"serve-{time.monotonic_ns()}.toml"
    cfg.write_text(config)
    port = free_port()
    log = open(tmp / f"serve-{port}.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "scraper", "serve", "--port", str(port), "--config", str(cfg),
                             "--workers", str(workers)], stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {(tmp / f'serve-{port}.log').read_text()}")
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
