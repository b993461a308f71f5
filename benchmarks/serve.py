"""The service against the CLI, on the same dev pages in one run: req/s and latency at 1, 8 and 32 clients.

1. ``scraper clean DIR -o out.jsonl`` over the pages (the CLI, all workers): docs/s from its summary line.
2. ``scraper serve`` with the same workers, on 127.0.0.1: N clients (threads, keep-alive connections,
   stdlib ``http.client``) each POST the next page to /clean until every page is done: requests/s,
   p50 and p99 latency, and the ratio to the CLI's docs/s.
3. One ``application/x-ndjson`` request holding every page, records streamed back: docs/s.

Every answer is checked: 200 and a record with the page's source. Pages come from
``../shared/devdata/trafilatura-eval/html/*.gz`` (relative to the repository root).

    python benchmarks/serve.py                      # 400 pages, 1/8/32 clients
    python benchmarks/serve.py --pages 100 --clients 8
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "trafilatura-eval" / "html"


def load_pages(data_dir: Path, count: int) -> list[bytes]:
    files = sorted(data_dir.glob("*.gz"))
    if not files:
        sys.exit(f"no dev pages in {data_dir}")
    pages = [gzip.decompress(f.read_bytes()) for f in files]
    return [pages[i % len(pages)] for i in range(count)]


def run_cli(pages: list[bytes], workers: int, tmp: Path) -> float:
    src = tmp / "pages"
    src.mkdir(exist_ok=True)
    for i, page in enumerate(pages):
        (src / f"{i:05d}.html").write_bytes(page)
    out = tmp / "cli.jsonl"
    if out.exists():
        out.unlink()
    done = subprocess.run([sys.executable, "-m", "scraper", "clean", str(src), "-o", str(out), "--workers",
                           str(workers), "--no-progress"], capture_output=True, text=True)
    match = re.search(r"([\d.]+) docs/s", done.stderr)
    if not match:
        sys.exit(f"no summary from the CLI: {done.stderr[-2000:]}")
    return float(match.group(1))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(workers: int, tmp: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    cfg = tmp / "serve.toml"
    cfg.write_text("[serve]\nqueue_limit = 1000\n")
    log = open(tmp / "serve.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "scraper", "serve", "--port", str(port), "--workers", str(workers),
                             "--config", str(cfg)], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("the server did not start")


def load(port: int, pages: list[bytes], clients: int) -> dict[str, float]:
    """``clients`` threads POST the pages (each takes the next one) until all are done."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    cursor = iter(range(len(pages)))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                i = next(cursor, None)
            if i is None:
                break
            started = time.perf_counter()
            conn.request("POST", f"/clean?url=https://bench.example/{i}", body=pages[i],
                         headers={"Content-Type": "text/html"})
            answer = conn.getresponse()
            body = answer.read()
            took = time.perf_counter() - started
            ok = answer.status == 200 and json.loads(body)["source"] == f"https://bench.example/{i}"
            with lock:
                latencies.append(took)
                if not ok:
                    failures.append(f"{answer.status} {body[:200]!r}")
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    if failures:
        sys.exit(f"{len(failures)} failed requests, e.g. {failures[0]}")
    latencies.sort()
    return {"rps": len(pages) / wall, "p50": statistics.median(latencies) * 1000,
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000}


def stream(port: int, pages: list[bytes]) -> float:
    body = b"".join(json.dumps({"url": f"https://bench.example/{i}", "html": p.decode("utf-8", "replace")}).encode()
                    + b"\n" for i, p in enumerate(pages))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    conn.request("POST", "/clean", body=body, headers={"Content-Type": "application/x-ndjson"})
    answer = conn.getresponse()
    records = answer.read().splitlines()
    wall = time.perf_counter() - started
    if answer.status != 200 or len(records) != len(pages):
        sys.exit(f"stream: {answer.status}, {len(records)} records for {len(pages)} pages")
    return len(pages) / wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    args = parser.parse_args()
    pages = load_pages(args.data, args.pages)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        proc, port = start_server(args.workers, tmp)
        try:
            load(port, pages[: min(40, len(pages))], 4)  # warm-up: every worker has imported and run
            results = {}
            cli_before = run_cli(pages, args.workers, tmp)
            for clients in args.clients:
                results[clients] = load(port, pages, clients)
            ndjson = stream(port, pages)
            cli_after = run_cli(pages, args.workers, tmp)
        finally:
            proc.terminate()
            proc.wait(15)
    cli = (cli_before + cli_after) / 2
    print(f"{len(pages)} dev pages, {args.workers} workers, {os.cpu_count()} cores\n")
    print("| how | docs/s (req/s) | vs CLI | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|")
    print(f"| `scraper clean` (CLI; runs before/after: {cli_before:.1f}/{cli_after:.1f}) | {cli:.1f} | 1.00 | | |")
    for clients, r in results.items():
        print(f"| serve, {clients} client{'s' if clients > 1 else ''} | {r['rps']:.1f} | {r['rps'] / cli:.2f} "
              f"| {r['p50']:.0f} | {r['p99']:.0f} |")
    print(f"| serve, one x-ndjson stream | {ndjson:.1f} | {ndjson / cli:.2f} | | |")


if __name__ == "__main__":
    main()
