"""``scraper serve``: run the HTTP service (POST /clean, GET /fetch, /health, /version, /docs)."""

from __future__ import annotations

import argparse
import sys

from .common import config_from


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="run the cleaner as an HTTP service (pip install 'scraper[serve]')",
                            description="Serve POST /clean, GET /fetch, /health and /version; the OpenAPI "
                                        "description is at /openapi.json, a browsable one at /docs. "
                                        "Settings: the [serve] section of config.toml.")
    parser.add_argument("--host", help="address to listen on (default: [serve] host, 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default: [serve] port, 8080; 0 = any free port)")
    parser.add_argument("--config", metavar="FILE", help="settings file (default: the bundled config.toml)")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="cleaning processes (default: [serve] workers, else [run] workers)")
    parser.add_argument("--access-log", action="store_true", help="log every request to stderr")
    parser.set_defaults(func=command)


def command(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from ..serve import create_app
    except ImportError as exc:
        print(f"scraper serve needs its extra: pip install 'scraper[serve]' ({exc})", file=sys.stderr)
        return 2
    config = config_from(args)
    if args.workers is not None and args.workers < 0:
        raise ValueError("--workers must be 0 (the config's count) or more")
    app = create_app(config, workers=args.workers or None)
    host = args.host or config.serve.host
    port = config.serve.port if args.port is None else args.port
    uvicorn.run(app, host=host, port=port, access_log=args.access_log, log_level="info",
                timeout_keep_alive=5, timeout_graceful_shutdown=10)
    return 0
