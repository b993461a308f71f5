"""Fetch + clean speed and memory: `scraper fetch`'s engine against a sequential httpx + trafilatura loop.

Serves N real article pages (``../shared/devdata/trafilatura-eval/html`` relative
to the repository root) from a local HTTP server in a separate process, then
runs each contender in a fresh process of its own, so peak memory (max RSS) is
that contender's alone. All traffic stays on 127.0.0.1.

    python benchmarks/fetch.py                      # 200 pages, concurrency 1, 4, 16
    python benchmarks/fetch.py --n 400 --concurrency 1 8 32 --latency 0.05
    python benchmarks/fetch.py --workers 2          # clean in 2 processes (if runner supports it)

``--latency`` makes the server wait before each answer, as a distant site would;
with it, concurrency is what pays. All pages are on one host, so per-host
concurrency is set equal to total concurrency and the per-host delay to 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "trafilatura-eval" / "html"


def load_pages(data_dir: Path, n: int) -> list[bytes]:
    files = sorted(data_dir.glob("*.html*"))[:n]
    return [gzip.decompress(f.read_bytes()) if f.name.endswith(".gz") else f.read_bytes() for f in files]


# -- the server process ----------------------------------------------------------

def serve(data_dir: Path, n: int, latency: float) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    pages = load_pages(data_dir, n)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            if latency:
                time.sleep(latency)
            try:
                body = pages[int(self.path.rsplit("/", 1)[-1].split(".")[0])]
                status = 200
            except (ValueError, IndexError):
                body, status = b"not found", 404
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()


# -- the contenders (each in its own process) -----------------------------------

def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def measure_ours(urls: list[str], concurrency: int, workers: int, clean: bool) -> dict:
    import dataclasses

    from scraper.config import load_config
    from scraper.sources.fetch import PageStream
    from scraper.runner import run

    config = load_config()
    config = dataclasses.replace(config, fetch=dataclasses.replace(
        config.fetch, concurrency=concurrency, per_host_concurrency=concurrency, per_host_delay=0.0))

    class Count:
        ok = 0

        def write(self, article) -> None:
            self.ok += article.error is None and bool(article.text)

        def close(self) -> None:
            pass

    sink = Count()
    started = time.perf_counter()
    if clean:
        extra = {"workers": workers} if workers > 1 else {}
        run(PageStream(urls, config.fetch), sink, config, progress=False, **extra)
    else:
        for page in PageStream(urls, config.fetch):
            sink.ok += page.error is None
    return {"seconds": time.perf_counter() - started, "ok": sink.ok, "peak_mb": peak_mb()}


def measure_clean_only(n: int, data_dir: Path) -> dict:
    """Our pipeline on the same pages read from memory: the ceiling fetch+clean can reach in one process."""
    from scraper.config import load_config
    from scraper.model import Page
    from scraper.pipeline import process

    config = load_config()
    pages = load_pages(data_dir, n)
    started = time.perf_counter()
    ok = sum(bool(process(Page(source=str(i), data=d, url=f"http://127.0.0.1/p/{i}.html"), config).text)
             for i, d in enumerate(pages))
    return {"seconds": time.perf_counter() - started, "ok": ok, "peak_mb": peak_mb()}


def measure_baseline(urls: list[str]) -> dict:
    import httpx
    import trafilatura

    ok = 0
    started = time.perf_counter()
    with httpx.Client(timeout=20.0, headers={"User-Agent": "benchmark"}) as client:
        for url in urls:
            resp = client.get(url)
            text = trafilatura.extract(resp.text) if resp.status_code == 200 else None
            ok += bool(text)
    return {"seconds": time.perf_counter() - started, "ok": ok, "peak_mb": peak_mb()}


def contender(args: argparse.Namespace) -> None:
    urls = [f"http://127.0.0.1:{args.port}/p/{i}.html" for i in range(args.n)]
    if args.contender == "baseline":
        result = measure_baseline(urls)
    elif args.contender == "clean-only":
        result = measure_clean_only(args.n, args.data)
    else:
        result = measure_ours(urls, args.c, args.workers, clean=args.contender == "ours")
    print(json.dumps(result))


# -- the driver ---------------------------------------------------------------------

def run_contender(name: str, port: int, n: int, concurrency: int = 1, workers: int = 1,
                  data: Path = DEFAULT_DATA) -> dict:
    cmd = [sys.executable, __file__, "--contender", name, "--port", str(port), "--n", str(n), "--c", str(concurrency),
           "--workers", str(workers), "--data", str(data)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["pages_per_s"] = n / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n", type=int, default=200, help="pages to serve and fetch")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--latency", type=float, default=0.0, help="server-side wait per request, seconds")
    parser.add_argument("--workers", type=int, default=1, help="cleaning processes for ours")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--contender", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--c", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.data, args.n, args.latency)
    if args.contender:
        return contender(args)

    n = len(load_pages(args.data, args.n))
    if n == 0:
        sys.exit(f"no pages under {args.data}")
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--data", str(args.data), "--n", str(n),
                               "--latency", str(args.latency)], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        print(f"{n} pages from {args.data}, served on 127.0.0.1:{port}, latency {args.latency} s, "
              f"cleaning workers {args.workers}", flush=True)
        print(f"{'contender':<34} {'pages/s':>8} {'ok':>5} {'peak MB':>8}", flush=True)
        base = run_contender("baseline", port, n)
        rows = [("httpx sequential + trafilatura", base)]
        for c in args.concurrency:
            rows.append((f"scraper fetch+clean, concurrency {c}",
                         run_contender("ours", port, n, c, args.workers, data=args.data)))
        rows.append(("scraper clean only (no network)", run_contender("clean-only", port, n, data=args.data)))
        top = max(args.concurrency)
        rows.append((f"scraper fetch only, concurrency {top}", run_contender("fetch-only", port, n, top)))
        for name, r in rows:  # printed together at the end, after every contender ran
            ratio = r["pages_per_s"] / base["pages_per_s"]
            print(f"{name:<34} {r['pages_per_s']:>8.1f} {r['ok']:>5} {r['peak_mb']:>8.0f}   x{ratio:.2f} vs baseline")
    finally:
        server.terminate()
        server.wait(timeout=5)


if __name__ == "__main__":
    main()
