"""A real HTTP server on 127.0.0.1 for the fetcher tests: routes are functions, every hit is logged.

Runs in a thread (stdlib ThreadingHTTPServer, HTTP/1.1 with keep-alive), stops
itself when the ``with`` block ends; slow handlers wait on an event, so stopping
never hangs.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

Handler = Callable[["RequestHandler"], None]


def running_threads() -> set[threading.Thread]:
    """This process's threads less the server's own connection handlers (they end with their connection)."""
    return {t for t in threading.enumerate() if "process_request_thread" not in t.name}


def article_html(title: str, sentences: int = 6, charset_meta: str | None = None, body_word: str = "harbour") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    paras = "".join(
        f"<p>The {body_word} council met on day {i} and agreed that the new ferry timetable would start next "
        f"spring, after months of debate among residents, traders and the port authority.</p>"
        for i in range(sentences))
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{paras}</article><footer>Copyright 2024</footer></body></html>")


class RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence stderr
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        owner = self.server.owner
        path = self.path
        with owner.lock:
            owner.hits.append((path, time.monotonic(), dict(self.headers)))
        route = owner.routes.get(path) or owner.routes.get(path.split("?", 1)[0])
        if route is None:
            self.reply(404, b"<html><body>not found</body></html>")
        else:
            route(self)

    def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Type", content_type)
        headers.setdefault("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: "LocalServer"


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: list[tuple[str, float, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.httpd = _Server(("127.0.0.1", 0), RequestHandler)
        self.httpd.owner = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "LocalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _, _ in self.hits if p == path)

    def times(self, path: str) -> list[float]:
        with self.lock:
            return [t for p, t, _ in self.hits if p == path]

    # -- route helpers ---------------------------------------------------------

    def page(self, path: str, body: bytes | str, status: int = 200, headers: dict[str, str] | None = None,
             content_type: str = "text/html; charset=utf-8", encoding: str | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        extra = dict(headers or {})
        if encoding == "gzip":
            data = gzip.compress(data)
            extra["Content-Encoding"] = "gzip"
        elif encoding == "br":
            data = brotli.compress(data)
            extra["Content-Encoding"] = "br"
        self.routes[path] = lambda h: h.reply(status, data, extra, content_type)

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        self.routes[path] = lambda h: h.reply(status, b"", {"Location": to})

    def sequence(self, path: str, *steps: Handler) -> None:
        """Answer the n-th request with the n-th step (the last one repeats)."""
        counter = iter(range(10**6))

        def route(h: RequestHandler) -> None:
            steps[min(next(counter), len(steps) - 1)](h)

        self.routes[path] = route

    def stall(self, path: str, after: bytes = b"<html><body><p>partial", total: int = 100_000) -> None:
        """Send headers and part of the body, then go silent (until the server stops, at most 5 s)."""
        def route(h: RequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", str(total))
            h.end_headers()
            h.wfile.write(after)
            h.wfile.flush()
            self.stopping.wait(5)
            h.close_connection = True

        self.routes[path] = route
