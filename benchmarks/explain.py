"""What the explain report costs: writing it against the clean run, its size, and how it opens in a browser.

Per page, in one process and interleaved so machine noise hits all three alike:
clean (plain), clean with ``explain=True`` (what the report needs), and
rendering the page into the report (``ReportSink.write``); then the report's
``close`` (index, shell, copy). Prints CPU ms/page and the report's cost as a
share of each clean run. With ``--browser`` it opens the report in chromium and
times the load, the index pager, and showing and scrolling the largest page.

    .venv/bin/python benchmarks/explain.py --limit 200
    .venv/bin/python benchmarks/explain.py --mode both --limit 1000 --browser
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "devdata" / "trafilatura-eval"


def inputs(data: Path, mode: str, limit: int | None) -> list[Path]:
    dirs = {"html": ["html"], "text": ["text"], "both": ["html", "text"]}[mode]
    files = [p for d in dirs for p in sorted((data / d).iterdir())]
    if mode == "both":  # alternate, so a limit takes both kinds
        html = [p for p in files if p.parent.name == "html"]
        text = [p for p in files if p.parent.name == "text"]
        files = [p for pair in zip(html, text) for p in pair]
    return files[:limit] if limit else files


def measure(files: list[Path], out: Path) -> dict[str, float]:
    from scraper.config import load_config
    from scraper.model import Page
    from scraper.pipeline import process
    from scraper.report import ReportSink

    config = load_config(None)
    sink = ReportSink(out)
    clock = time.process_time
    plain = explained = write = 0.0
    process(Page(source="warm", data=gzip.decompress(files[0].read_bytes())), config, True)  # load models once
    for path in files:
        page = Page(source=str(path), data=gzip.decompress(path.read_bytes()))
        for explain in (False, True) if len(sink.rows) % 2 else (True, False):  # neither always runs first
            t0 = clock()
            if explain:
                article = process(page, config, True)
                explained += clock() - t0
            else:
                process(page, config, False)
                plain += clock() - t0
        t0 = clock()
        sink.write(article)
        write += clock() - t0
    t4 = clock()
    sink.close()
    close = clock() - t4
    return {"pages": len(files), "plain": plain, "explain": explained, "write": write, "close": close,
            "bytes": out.stat().st_size}


def browse(report: Path, chromium: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        t0 = time.perf_counter()
        page.goto(report.as_uri(), wait_until="commit")
        page.wait_for_selector("#rows tbody tr")
        index = time.perf_counter() - t0
        page.wait_for_load_state("load")
        load = time.perf_counter() - t0
        pager = page.evaluate("""() => {
            const next = document.getElementById('next'); let n = 0; const t0 = performance.now();
            while (!next.disabled && n < 20) { next.click(); n++; }
            return n ? (performance.now() - t0) / n / 1000 : 0;
        }""")
        largest = page.evaluate("""() => [...document.querySelectorAll('template')]
            .reduce((a, t) => t.innerHTML.length > a.innerHTML.length ? t : a).id""")
        t0 = time.perf_counter()
        page.evaluate(f"location.hash = '#{largest}'")
        page.wait_for_selector("#view .page")
        show = time.perf_counter() - t0
        frames = page.evaluate("""async () => {
            const gaps = []; let last = performance.now();
            for (let y = 0; y < document.body.scrollHeight; y += 400) {
                window.scrollTo(0, y);
                await new Promise(r => requestAnimationFrame(r));
                const now = performance.now(); gaps.push(now - last); last = now;
            }
            gaps.sort((a, b) => a - b);
            return [gaps.length, gaps[Math.floor(gaps.length / 2)], gaps[gaps.length - 1]];
        }""")
        browser.close()
    return {"index": index, "load": load, "pager": pager, "show": show, "frames": frames[0], "frame_median": frames[1],
            "frame_max": frames[2]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--mode", choices=("html", "text", "both"), default="html")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--out", type=Path, help="keep the report here (default: a temporary file)")
    parser.add_argument("--browser", action="store_true", help="also open the report in chromium")
    args = parser.parse_args()
    files = inputs(args.data, args.mode, args.limit)
    tmp = Path(tempfile.mkdtemp())
    out = args.out or tmp / "report.html"
    try:
        m = measure(files, out)
        n = m["pages"]
        report = m["write"] + m["close"]
        print(f"{n} pages ({args.mode}), CPU ms/page:")
        print(f"  clean            {1000 * m['plain'] / n:7.2f}")
        print(f"  clean --explain  {1000 * m['explain'] / n:7.2f}  ({m['explain'] / m['plain'] - 1:+.1%} over clean)")
        print(f"  report write     {1000 * m['write'] / n:7.2f}  + close {1000 * m['close']:.0f} ms in all")
        print(f"  report / clean           {report / m['plain']:.1%}")
        print(f"  report / clean --explain {report / m['explain']:.1%}")
        print(f"  report size {m['bytes'] / 1e6:.1f} MB ({m['bytes'] / n / 1024:.1f} KB/page)")
        if args.browser:
            chromium = os.environ.get("SCRAPER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
            if not chromium:
                print("no chromium found: apt-get install chromium", file=sys.stderr)
                return 1
            b = browse(out, chromium)
            print(f"  chromium: index shown {b['index']:.2f} s, whole file loaded {b['load']:.2f} s, next index page {1000 * b['pager']:.0f} ms, "
                  f"largest page shown {1000 * b['show']:.0f} ms; scrolling it {b['frames']} steps, "
                  f"frame median {b['frame_median']:.0f} ms, worst {b['frame_max']:.0f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
