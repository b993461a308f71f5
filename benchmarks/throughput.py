"""Throughput, scaling and memory: a WARC built from the dev pages, cleaned with 1, 2, ... workers.

Builds a gzipped WARC in a temporary directory from the dev corpus
(``../shared/devdata/trafilatura-eval/html/*.gz`` relative to the repository
root, or ``--data``), each page under its own URL, repeating the corpus as
needed. Then, in one run on one machine:

1. trafilatura, single process, ``extract(html)`` on the same pages (the peer);
2. ``scraper`` through the real path of ``scraper clean`` (work units, the
   pool whose workers read their own ranges, the JSON Lines sink) for each
   worker count given: docs/s, speed-up over one worker, and the parent's own
   CPU per page (``resource.getrusage(RUSAGE_SELF)``, children excluded) with
   the ceiling it implies (1000 / ms docs/s); the records of every run are
   checked to be the one-worker run's, line for line;
3. ``--before``: the same pool fed the earlier way, for comparison: the parent
   reads the WARC and ships page bytes to the workers (units of pages in memory);
4. peak RSS of the whole process tree (parent + workers, each process's high
   water mark summed) after 1,000 and after ``--large`` pages of one run with
   the most workers: the second should be within 10 % of the first.

    python benchmarks/throughput.py --workers 1 2                 # 400 pages, then 20,000 for memory
    python benchmarks/throughput.py --pages 200 --workers 1 2 --skip-memory --before
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "trafilatura-eval" / "html"
sys.path.insert(0, str(REPO))

from scraper.config import load_config  # noqa: E402
from scraper.engines.base import Job  # noqa: E402
from scraper.runner import engine_for  # noqa: E402
from scraper.sinks import JsonlSink  # noqa: E402
from scraper.sources.units import plan_units  # noqa: E402


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
        self.checkpoints = sorted(checkpoints)
        self.rss: dict[int, int] = {}

    def write_encoded(self, chunk: bytes) -> None:
        super().write_encoded(chunk)
        self.n += chunk.count(b"\n")
        while self.checkpoints and self.n >= self.checkpoints[0]:
            self.rss[self.checkpoints.pop(0)] = tree_peak_rss()


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


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def clean_warc(warc: Path, out: Path, workers: int, checkpoints: tuple[int, ...] = ()
               ) -> tuple[float, float, CountingSink]:
    """The path of ``scraper clean WARC -o OUT --workers N``; returns docs/s, parent CPU ms/page, the sink."""
    config = load_config()
    out.unlink(missing_ok=True)
    sink = CountingSink(str(out), checkpoints)
    cpu, started = _cpu(), time.perf_counter()
    units = plan_units([str(warc)], config.run.max_page_bytes, workers=workers)
    summary = engine_for(workers, sink).run(units, Job(config, progress=False))
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
    sink.close()
    return summary.total / elapsed, cpu * 1000 / max(summary.total, 1), sink


def clean_warc_before(warc: Path, out: Path, workers: int) -> tuple[float, float]:
    """The earlier design, for comparison: the parent reads the WARC and ships page bytes to the pool."""
    from scraper.runner import run
    from scraper.sources import iter_paths

    config = load_config()
    out.unlink(missing_ok=True)
    sink = JsonlSink(str(out))
    cpu, started = _cpu(), time.perf_counter()
    summary = run(iter_paths([str(warc)], config.run.max_page_bytes), sink, config, progress=False, workers=workers)
    n = summary.total
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
    sink.close()
    return n / elapsed, cpu * 1000 / max(n, 1)


def same_records(a: Path, b: Path) -> str:
    """Whether the runs wrote the same records (the pool writes them in the order they finish)."""
    import json

    def records(path: Path) -> dict[str, bytes]:
        return {json.loads(line)["source"]: line for line in path.read_bytes().split(b"\n") if line}

    ra, rb = records(a), records(b)
    if ra == rb:
        return "records identical"
    differ = [s for s in ra.keys() | rb.keys() if ra.get(s) != rb.get(s)]
    kinds = {(json.loads(ra[s]).get("error") or {}).get("type", "ok") + "/" +
             (json.loads(rb[s]).get("error") or {}).get("type", "ok") for s in differ if s in ra and s in rb}
    return f"RECORDS DIFFER: {len(differ)} ({', '.join(sorted(kinds))})"


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
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1],
                        help="worker counts to run (default: 1 and the number of cores)")
    parser.add_argument("--before", action="store_true", help="also run the parent-reads page pool")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    counts = sorted(set(args.workers) | {1})

    pages = load_pages(args.data)
    with tempfile.TemporaryDirectory(prefix="scraper-bench-") as tmp:
        small = Path(tmp) / "small.warc.gz"
        build_warc(small, pages, args.pages)
        print(f"{args.pages} pages ({sum(len(pages[i % len(pages)]) for i in range(args.pages)) / 1e6:.0f} MB of HTML, "
              f"{small.stat().st_size / 1e6:.0f} MB gzipped WARC), {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f}")
        clean_warc(small, Path(tmp) / "warm.jsonl", 1)  # warm-up: imports and first-use caches, not timed
        peer = trafilatura_rate([pages[i % len(pages)] for i in range(args.pages)])
        print(f"trafilatura (1 process)       {peer:8.1f} docs/s")
        rates: dict[int, float] = {}
        for n in counts:
            out = Path(tmp) / f"out-{n}.jsonl"
            rate, ms, _ = clean_warc(small, out, n)
            rates[n] = rate
            same = "records identical" if n == 1 else same_records(out, Path(tmp) / "out-1.jsonl")
            print(f"scraper --workers {n:<3}         {rate:8.1f} docs/s   {rate / rates[1]:5.2f}x one worker   "
                  f"{rate / peer:5.2f}x trafilatura   parent CPU {ms:.3f} ms/page (ceiling {1000 / max(ms, 1e-6):,.0f} "
                  f"docs/s)   {same}")
            if args.before and n > 1:
                b_rate, b_ms = clean_warc_before(small, Path(tmp) / "before.jsonl", n)
                print(f"  before: parent reads        {b_rate:8.1f} docs/s   {b_rate / rates[1]:5.2f}x one worker   "
                      f"parent CPU {b_ms:.3f} ms/page (ceiling {1000 / max(b_ms, 1e-6):,.0f} docs/s)")
        top = max(counts)
        headroom = machine_headroom(top) if top > 1 else 1.0
        print(f"control: {top} busy processes get {headroom:.2f}x the CPU of one right now")
        if args.skip_memory:
            return
        large = Path(tmp) / "large.warc.gz"
        build_warc(large, pages, args.large)
        small.unlink()
        first = min(1000, args.large)
        rate, _, sink = clean_warc(large, Path(tmp) / "large.jsonl", top, checkpoints=(first, args.large))
        a, b = sink.rss.get(first, 0), sink.rss.get(args.large, 0)
        print(f"peak RSS (parent + {top} workers): {a / 1024:.0f} MB after {first:,} pages, "
              f"{b / 1024:.0f} MB after {args.large:,} pages ({(b - a) / max(a, 1) * 100:+.1f} %); "
              f"{rate:.1f} docs/s")


if __name__ == "__main__":
    main()
