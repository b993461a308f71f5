"""Throughput and memory at scale: a WARC built from the dev pages, cleaned with 1 and with all workers.

Builds a gzipped WARC in a temporary directory from the dev corpus
(``../shared/devdata/trafilatura-eval/html/*.gz`` relative to the repository
root), each page under its own URL, repeating the corpus as needed. Then, in
one run on one machine:

1. trafilatura, single process, ``extract(html)`` on the same pages (the peer);
2. ``scraper`` with ``--workers 1`` and with all workers, through the real
   reader, pool and JSON Lines sink: docs/s and the speed-up;
3. peak RSS of the whole process tree (parent + workers, each process's high
   water mark summed) after 1,000 and after ``--large`` pages of one run with
   all workers: the second should be within 10 % of the first.

    python benchmarks/throughput.py                      # 400 pages for speed, 20,000 for memory
    python benchmarks/throughput.py --pages 200 --large 5000
    python benchmarks/throughput.py --skip-memory
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "trafilatura-eval" / "html"
sys.path.insert(0, str(REPO))

from scraper.config import load_config  # noqa: E402
from scraper.runner import run  # noqa: E402
from scraper.sinks import JsonlSink  # noqa: E402
from scraper.sources import iter_paths  # noqa: E402
from scraper.sources.stats import SourceStats  # noqa: E402


def load_pages(data_dir: Path) -> list[bytes]:
    files = sorted(data_dir.glob("*.gz"))
    if not files:
        sys.exit(f"no dev pages in {data_dir}")
    return [gzip.decompress(f.read_bytes()) for f in files]


def warc_record(url: str, html: bytes) -> bytes:
    """One gzip member holding one WARC response record (what crawlers write)."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(html) + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=1)


def build_warc(path: Path, pages: list[bytes], count: int) -> None:
    with open(path, "wb") as fh:
        for i in range(count):
            fh.write(warc_record(f"https://bench.example/{i}/page", pages[i % len(pages)]))


class CountingSink(JsonlSink):
    """The real JSON Lines sink, plus a memory checkpoint at given record counts."""

    def __init__(self, path: str, checkpoints: tuple[int, ...] = ()) -> None:
        super().__init__(path)
        self.n = 0
        self.checkpoints = set(checkpoints)
        self.rss: dict[int, int] = {}

    def write(self, article) -> None:
        super().write(article)
        self.n += 1
        if self.n in self.checkpoints:
            self.rss[self.n] = tree_peak_rss()


def _status_kb(pid: int | str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_peak_rss() -> int:
    """Sum of VmHWM (peak resident set) of this process and its live children, in KB."""
    me = os.getpid()
    total = _status_kb(me, "VmHWM")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == me:
            total += _status_kb(entry, "VmHWM")
    return total


def clean_warc(warc: Path, out: Path, workers: int, checkpoints: tuple[int, ...] = ()) -> tuple[float, CountingSink]:
    config = load_config()
    out.unlink(missing_ok=True)
    sink = CountingSink(str(out), checkpoints)
    started = time.perf_counter()
    summary = run(iter_paths([str(warc)], config.run.max_page_bytes, stats=SourceStats()), sink, config,
                  workers=workers, progress=False)
    elapsed = time.perf_counter() - started
    sink.close()
    return summary.total / elapsed, sink


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def machine_headroom(workers: int, seconds: float = 1.0) -> float:
    """How many cores' worth of CPU ``workers`` busy processes get right now (ideal: ``workers``).

    The control for the speed-up: on a machine shared with other work, N
    processes get less than N cores, and no pool can beat that.
    """
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    timings = []
    for n in (1, workers):
        procs = [ctx.Process(target=_spin, args=(seconds,)) for _ in range(n)]
        started = time.perf_counter()
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join()
        timings.append(n * seconds / (time.perf_counter() - started))
    return timings[1] / timings[0]


def trafilatura_rate(pages: list[bytes]) -> float:
    import trafilatura

    started = time.perf_counter()
    for html in pages:
        trafilatura.extract(html)
    return len(pages) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=400, help="pages for the speed runs (default 400)")
    parser.add_argument("--large", type=int, default=20_000, help="pages for the memory run (default 20,000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="'all workers' (default: cores)")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()

    pages = load_pages(args.data)
    with tempfile.TemporaryDirectory(prefix="scraper-bench-") as tmp:
        small, out = Path(tmp) / "small.warc.gz", Path(tmp) / "out.jsonl"
        build_warc(small, pages, args.pages)
        print(f"{args.pages} pages ({sum(len(pages[i % len(pages)]) for i in range(args.pages)) / 1e6:.0f} MB of HTML), "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        clean_warc(small, out, 1)  # warm-up: imports and first-use caches, not timed
        peer = trafilatura_rate([pages[i % len(pages)] for i in range(args.pages)])
        one, _ = clean_warc(small, out, 1)
        many, _ = clean_warc(small, out, args.workers)
        headroom = machine_headroom(args.workers)
        print(f"control: {args.workers} busy processes get {headroom:.2f}x the CPU of one right now")
        print(f"trafilatura (1 process)   {peer:7.1f} docs/s")
        print(f"scraper --workers 1       {one:7.1f} docs/s   ({one / peer:.2f}x trafilatura)")
        print(f"scraper --workers {args.workers:<7} {many:7.1f} docs/s   ({many / one:.2f}x one worker, "
              f"{many / peer:.2f}x trafilatura)")
        if args.skip_memory:
            return
        large = Path(tmp) / "large.warc.gz"
        build_warc(large, pages, args.large)
        small.unlink()
        first = min(1000, args.large)
        rate, sink = clean_warc(large, out, args.workers, checkpoints=(first, args.large))
        a, b = sink.rss.get(first, 0), sink.rss.get(args.large, 0)
        print(f"peak RSS (parent + {args.workers} workers): {a / 1024:.0f} MB after {first:,} pages, "
              f"{b / 1024:.0f} MB after {args.large:,} pages ({(b - a) / max(a, 1) * 100:+.1f} %); "
              f"{rate:.1f} docs/s")


if __name__ == "__main__":
    main()
