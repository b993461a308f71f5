"""``scraper serve`` started for real on 127.0.0.1, spoken to over HTTP, compared with the CLI."""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from fetch_server import LocalServer, article_html
from serve_server import running_server

PAGES = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "pages").iterdir())[:12]


def slow_page(paragraphs: int = 120_000) -> bytes:
    """A real page that takes seconds to clean (a long text dump of 11 MB, 8 s unloaded): past the 4-5 s page_timeouts."""
    return "\n\n".join(f"Line {i} of the council story says the ferry timetable will change next spring."
                       for i in range(paragraphs)).encode()


UNCAPPED = "[extract]\nmax_blocks = 10_000_000\nmax_text_chars = 1_000_000_000\n"
"""Work limits raised past the slow page, so that it runs into page_timeout instead of being cut short."""


@pytest.fixture(scope="module")
def origin():
    with LocalServer() as srv:
        srv.page("/story", article_html("Harbour council approves ferry timetable"))
        srv.redirect("/to-loopback", f"http://127.0.0.1:{srv.httpd.server_address[1]}/story", 302)
        srv.redirect("/to-decimal", f"http://2130706433:{srv.httpd.server_address[1]}/story", 302)
        yield srv


@pytest.fixture(scope="module")
def server(tmp_path_factory, origin):
    tmp = tmp_path_factory.mktemp("serve")
    config = ("[run]\npage_timeout = 5.0\n[fetch]\nper_host_delay = 0\nretries = 0\n" + UNCAPPED
              + '[serve]\nfetch_allow = ["localhost"]\nmax_body_bytes = 16_000_000\n')
    with running_server(tmp, config) as base:
        yield base


@pytest.fixture(scope="module")
def tight(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tight")
    config = (UNCAPPED + '[run]\npage_timeout = 4.0\n[serve]\nqueue_limit = 1\nmax_body_bytes = 16_000_000\n'
              'request_timeout = 20.0\ntoken = "s3cret"\n')
    with running_server(tmp, config, workers=1) as base:
        yield base


AUTH = {"Authorization": "Bearer s3cret"}


def cli(*args: str, stdin: bytes | None = None) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "scraper", *args, "--workers", "1", "--no-progress"],
                         input=stdin, capture_output=True, check=False, timeout=120)
    return [json.loads(line) for line in out.stdout.decode().splitlines()]


def test_records_equal_the_cli_s(server):
    expected = {r["source"]: r for r in cli("clean", *map(str, PAGES))}
    explained = {r["source"]: r for r in cli("clean", "--explain", *map(str, PAGES[:3]))}
    with httpx.Client(base_url=server, timeout=60) as client:
        for path in PAGES:
            got = client.post("/clean", content=path.read_bytes())
            assert got.status_code == 200 and got.headers["content-type"] == "application/json"
            assert got.json() == {**expected[str(path)], "source": "-"}
        for path in PAGES[:3]:
            got = client.post("/clean", params={"explain": "true"}, content=path.read_bytes()).json()
            assert got["removed"] is not None and got == {**explained[str(path)], "source": "-"}
        # stdin gives the same source, "-": the whole record is the CLI's, byte for byte as JSON
        got = client.post("/clean", content=PAGES[0].read_bytes())
        assert got.json() == cli("clean", "-", stdin=PAGES[0].read_bytes())[0]


def test_url_parameter_and_ndjson_stream_equal_the_cli_s_json_lines(server, tmp_path):
    lines = [{"url": f"https://news.example/{i}", "html": p.read_text(encoding="utf-8")} for i, p in enumerate(PAGES[:6])]
    body = "\n".join(json.dumps(x) for x in lines[:3]) + "\n[1, 2]\n\n" + "\n".join(json.dumps(x) for x in lines[3:])
    dump = tmp_path / "pages.jsonl"
    dump.write_text(body)
    expected = cli("clean", "--ordered", str(dump))
    with httpx.Client(base_url=server, timeout=60) as client:
        one = client.post("/clean", params={"url": lines[0]["url"]}, content=PAGES[0].read_bytes()).json()
        assert one == {**expected[0], "source": lines[0]["url"]}
        streamed = client.post("/clean", content=body.encode(), headers={"Content-Type": "application/x-ndjson"})
    assert streamed.status_code == 200 and streamed.headers["content-type"].startswith("application/x-ndjson")
    got = [json.loads(line) for line in streamed.text.splitlines()]
    assert [r["source"] for r in got] == ["-#L1", "-#L2", "-#L3", "-#L4", "-#L6", "-#L7", "-#L8"]
    assert got[3]["error"]["type"] == "ValueError"  # the line that is not an object: its own error record
    for mine, theirs in zip(got, expected, strict=True):
        assert mine == {**theirs, "source": theirs["source"].replace(str(dump), "-")}


def test_dozens_of_concurrent_clients_all_get_their_record(server):
    bodies = [PAGES[i % len(PAGES)].read_bytes() for i in range(48)]

    async def main() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=server, timeout=120,
                                     limits=httpx.Limits(max_connections=48)) as client:
            return await asyncio.gather(*(client.post("/clean", content=b) for b in bodies))

    answers = asyncio.run(main())
    assert [a.status_code for a in answers] == [200] * 48
    by_body: dict[bytes, dict] = {}
    for body, answer in zip(bodies, answers):
        record = answer.json()
        assert record["error"] is None and record["text"]
        assert by_body.setdefault(body, record) == record  # the same page always gives the same record


def test_a_page_that_hangs_gets_its_error_record_while_others_are_answered(server):
    async def main() -> tuple[httpx.Response, float, list[tuple[float, httpx.Response]]]:
        async with httpx.AsyncClient(base_url=server, timeout=120) as client:
            async def timed(body: bytes) -> tuple[float, httpx.Response]:
                answer = await client.post("/clean", content=body)
                return time.monotonic(), answer
            hanging = asyncio.create_task(timed(slow_page()))
            while (await client.get("/health")).json()["in_progress"] < 1:
                await asyncio.sleep(0.02)
            quick = [await timed(path.read_bytes()) for path in PAGES[:3]]
            hung_at, hung = await hanging
            return hung, hung_at, quick

    hanging, hung_at, quick = asyncio.run(main())
    assert hanging.status_code == 200 and hanging.json()["error"]["type"] == "PageTimeout"
    assert all(r.status_code == 200 and r.json()["error"] is None for _, r in quick)
    assert all(done < hung_at for done, _ in quick)  # served by the other worker meanwhile
    assert httpx.get(f"{server}/health").json()["status"] == "ok"


def test_oversize_and_malformed_bodies_get_json_errors(tight):
    with httpx.Client(base_url=tight, timeout=30, headers=AUTH) as client:
        big = client.post("/clean", content=b"<p>" + b"x" * 16_100_000)
        assert big.status_code == 413 and big.json()["error"]["type"] == "BodyTooLarge"
        bomb = gzip.compress(b" " * 40_000_000)  # 40 KB that unpack past the cap
        got = client.post("/clean", content=bomb, headers={"Content-Encoding": "gzip"})
        assert got.status_code == 413 and got.json()["error"]["type"] == "BodyTooLarge"
        got = client.post("/clean", content=b"\x1f\x8b not gzip at all", headers={"Content-Encoding": "gzip"})
        assert got.status_code == 400 and got.json()["error"]["type"] == "MalformedBody"
        got = client.post("/clean", content=b"<html>not json lines", headers={"Content-Type": "application/x-ndjson"})
        assert got.status_code == 400 and got.json()["error"]["type"] == "MalformedBody"
        got = client.post("/clean", params={"explain": "perhaps"}, content=b"<p>hi</p>")
        assert got.status_code == 400 and got.json()["error"]["type"] == "BadRequest"
        got = client.get("/no-such-route")
        assert got.status_code == 404 and "error" in got.json()
        gz = client.post("/clean", content=gzip.compress(PAGES[0].read_bytes()), headers={"Content-Encoding": "gzip"})
        assert gz.status_code == 200 and gz.json()["text"]
    for response in (big, got):
        assert "Traceback" not in response.text


def test_busy_workers_give_503_with_retry_after_and_tokens_are_checked(tight):
    assert httpx.post(f"{tight}/clean", content=b"<p>hi</p>").status_code == 401
    assert httpx.post(f"{tight}/clean", content=b"<p>hi</p>", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert httpx.get(f"{tight}/health").status_code == 200  # open for load balancers

    async def main() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=tight, timeout=60, headers=AUTH) as client:
            async def until(key: str) -> None:
                deadline = time.monotonic() + 60
                while (await client.get("/health")).json()[key] < 1:
                    assert time.monotonic() < deadline, f"no {key} page"
                    await asyncio.sleep(0.02)
            first = asyncio.create_task(client.post("/clean", content=slow_page()))  # takes the only worker
            await until("in_progress")
            second = asyncio.create_task(client.post("/clean", content=PAGES[0].read_bytes()))  # waits
            await until("waiting")
            third = await client.post("/clean", content=PAGES[1].read_bytes())  # over the queue limit
            return [await first, await second, third]

    first, second, third = asyncio.run(main())
    assert third.status_code == 503 and third.headers["Retry-After"] == "1"
    assert third.json()["error"]["type"] == "Busy"
    assert first.json()["error"]["type"] == "PageTimeout"
    # the waiting page is cleaned once the worker is free (a fresh one, replacing the stopped worker)
    assert second.status_code == 200 and second.json()["error"] is None


def test_a_stalled_request_body_times_out(tight):
    port = int(tight.rsplit(":", 1)[1])
    # the client waits past the server's 20 s request timeout (and the 80 s bound below), so it is the server that answers
    with socket.create_connection(("127.0.0.1", port), timeout=90) as sock:
        sock.sendall(b"POST /clean HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n"
                     b"Content-Length: 1000\r\n\r\n<html>only part")
        started = time.monotonic()
        answer = b""
        while b"}}" not in answer:  # headers and body may come in separate packets
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        answer = answer.decode()
    assert " 504 " in answer.splitlines()[0] and "RequestTimeout" in answer
    assert 19.5 < time.monotonic() - started < 80


def test_fetch_gives_the_cli_s_record(server, origin):
    url = f"http://localhost:{origin.httpd.server_address[1]}/story"
    got = httpx.get(f"{server}/fetch", params={"url": url}, timeout=60)
    assert got.status_code == 200
    expected = cli("fetch", url)[0]
    mine = got.json()
    assert mine["error"] is None and mine["title"] == "Harbour council approves ferry timetable"
    assert {**mine, "fetched_at": None} == {**expected, "fetched_at": None}


LOOPBACK_SPELLINGS = ["127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "017700000001",
                      "127.1", "127.0.1", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]",
                      "0.0.0.0", "[::]", "127.000.000.001", "[::127.0.0.1]", "[64:ff9b::7f00:1]",
                      "[2002:7f00:1::]"]


def test_fetch_refuses_every_spelling_of_a_local_address(server, origin):
    port = origin.httpd.server_address[1]
    before = origin.count("/story")
    with httpx.Client(base_url=server, timeout=30) as client:
        for host in LOOPBACK_SPELLINGS:
            got = client.get("/fetch", params={"url": f"http://{host}:{port}/story"})
            assert got.status_code == 403, (host, got.text)
            assert got.json()["error"]["type"] == "ForbiddenAddress", host
        for path in ("/to-loopback", "/to-decimal"):  # an allowed host redirecting to a local address
            got = client.get("/fetch", params={"url": f"http://localhost:{port}{path}"})
            assert got.status_code == 403 and got.json()["error"]["type"] == "ForbiddenAddress", path
            assert origin.count(path) == 1
    assert origin.count("/story") == before  # no request ever reached the refused target


def test_the_openapi_description_lists_the_routes(server):
    spec = httpx.get(f"{server}/openapi.json").json()
    assert {"/clean", "/fetch", "/health", "/version"} <= set(spec["paths"])
    assert "application/x-ndjson" in spec["paths"]["/clean"]["post"]["requestBody"]["content"]
    assert httpx.get(f"{server}/version").json()["version"]


NOT_PUBLIC = ["10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "239.1.2.3",
              "240.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.1", "0.0.0.0", "fe80::1", "fc00::1", "fd12::1",
              "ff02::1", "::1", "::", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:a00:1::",
              "2001:db8::1", "012.0.0.1", "0xa.0.0.1", "167772161", "0300.0250.0.1", "0xa9fea9fe", "2852039166"]


@pytest.mark.parametrize("host", NOT_PUBLIC)
def test_private_link_local_multicast_and_reserved_addresses_are_refused_in_any_spelling(host):
    from scraper.serve.addresses import AddressPolicy, ForbiddenAddress

    with pytest.raises(ForbiddenAddress):  # literals: decided without a lookup, so nothing leaves the machine
        asyncio.run(AddressPolicy().check_url(f"http://{host if ':' not in host else f'[{host}]'}/x"))


def test_names_are_judged_by_the_addresses_they_resolve_to_and_the_allowlist_by_host_or_network():
    from scraper.serve.addresses import AddressPolicy, ForbiddenAddress, is_public
    import ipaddress

    with pytest.raises(ForbiddenAddress):
        asyncio.run(AddressPolicy().check_url("http://localhost:8080/"))
    assert is_public(ipaddress.ip_address("93.184.215.14")) and is_public(ipaddress.ip_address("2606:4700::1"))
    allowed = AddressPolicy.from_allowlist(["intranet.example", ".corp.example", "10.1.0.0/16"])
    assert allowed.host_allowed("intranet.example") and allowed.host_allowed("wiki.corp.example")
    assert not allowed.host_allowed("evilcorp.example")
    assert asyncio.run(allowed.resolve("10.1.2.3", 80)) == "10.1.2.3"
    with pytest.raises(ForbiddenAddress):
        asyncio.run(allowed.resolve("10.2.0.1", 80))
