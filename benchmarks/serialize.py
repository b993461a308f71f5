"""Which JSON encoder writes the records: the standard ``json`` module, ``orjson`` or ``msgspec``.

Encodes real records (the cleaned dev pages, or a JSON Lines file of records
given with ``--records``) with each encoder that is installed, checks that each
gives exactly the bytes of the documented record (``scraper.sinks.encode_record``,
standard ``json``), and prints microseconds per record next to the time to
clean a page, which is what the encoder competes with in a worker.

    python benchmarks/serialize.py --records out.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scraper.model import Article  # noqa: E402
from scraper.sinks import encode_record  # noqa: E402


def encoders() -> dict[str, object]:
    found: dict[str, object] = {"json (stdlib)": encode_record}
    try:
        import orjson

        found["orjson"] = lambda a: orjson.dumps(a.to_dict()) + b"\n"
    except ImportError:
        pass
    try:
        import msgspec

        enc = msgspec.json.Encoder()
        found["msgspec"] = lambda a: enc.encode(a.to_dict()) + b"\n"
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=Path, required=True, help="a JSON Lines file of records")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = [Article(**json.loads(line)) for line in args.records.read_text().splitlines() if line]
    reference = [encode_record(a) for a in articles]
    to_dict = min(_time(lambda: [a.to_dict() for a in articles]) for _ in range(args.repeat))
    print(f"{len(articles)} records; Article.to_dict alone: {to_dict / len(articles) * 1e6:.1f} us/record")
    for name, fn in encoders().items():
        same = [fn(a) for a in articles] == reference
        best = min(_time(lambda: [fn(a) for a in articles]) for _ in range(args.repeat))
        print(f"{name:14} {best / len(articles) * 1e6:6.1f} us/record (to_dict included)   "
              f"{'byte-identical' if same else 'DIFFERENT BYTES'}")


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
