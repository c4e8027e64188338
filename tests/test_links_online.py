"""The online check against a real HTTP server on 127.0.0.1, with small timeouts and backoff."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from conftest import tiny_files, write_tree
from muqabala import __version__
from muqabala.cli import main
from muqabala.data.corpus import load_corpus
from muqabala.tools.linkcheck_online import OnlineOptions, check_online, check_urls, summary_table

FAST = OnlineOptions(timeout=0.3, backoff=0.01, retry_after_cap=0.05)
CLASSIFY = OnlineOptions(timeout=2.0, backoff=0.01, retry_after_cap=0.05, retries=0)
"""For telling outcomes apart: a timeout long enough that a loaded machine does not turn a quick
answer into a retried one (seen with 0.3 s: the 404's HEAD asked twice), and no retries."""


@pytest.fixture(scope="module")
def shared_server() -> Iterator[HTTPServer]:
    # Threaded, so a slow handler does not hold up the other requests; one per module, since
    # stopping a server takes half a second.
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def server(shared_server: HTTPServer) -> Iterator[HTTPServer]:
    yield shared_server
    shared_server.clear()


def hits(server: HTTPServer, path: str) -> list[str]:
    """The methods of the requests the server received for `path`, in order."""
    return [req.method for req, _ in server.log if req.path == path]


def test_each_outcome_is_classified(server: HTTPServer) -> None:
    server.expect_request("/ok").respond_with_data("fine")
    server.expect_request("/old").respond_with_data("", 301, {"Location": "/older"})
    server.expect_request("/older").respond_with_data("", 301, {"Location": server.url_for("/new")})
    server.expect_request("/new").respond_with_data("here")
    server.expect_request("/gone").respond_with_data("no", 404)
    server.expect_request("/boom").respond_with_data("oops", 500)
    server.expect_request("/slow").respond_with_handler(lambda r: (time.sleep(4), Response("late"))[1])
    server.expect_request("/loop-a").respond_with_data("", 302, {"Location": "/loop-b"})
    server.expect_request("/loop-b").respond_with_data("", 307, {"Location": "/loop-a"})
    server.expect_request("/get-only", method="HEAD").respond_with_data("", 405)
    server.expect_request("/get-only", method="GET").respond_with_data("body")
    paths = ["/ok", "/old", "/gone", "/boom", "/slow", "/loop-a", "/get-only"]
    started = time.monotonic()
    results = check_urls([server.url_for(p) for p in paths], CLASSIFY)
    assert time.monotonic() - started < 30  # a hang guard: the slow answer is cut at 2 s
    got = {p: results[server.url_for(p)] for p in paths}
    assert {p: r.status for p, r in got.items()} == {
        "/ok": "ok",
        "/old": "redirected",
        "/gone": "client_error",
        "/boom": "server_error",
        "/slow": "timeout",
        "/loop-a": "redirect_loop",
        "/get-only": "ok",
    }
    assert got["/old"].final_url == server.url_for("/new")
    assert [(h.url, h.code, h.permanent) for h in got["/old"].chain] == [
        (server.url_for("/old"), 301, True),
        (server.url_for("/older"), 301, True),
    ]
    assert got["/loop-a"].error == f"back to {server.url_for('/loop-a')}"
    assert [h.permanent for h in got["/loop-a"].chain] == [False, False]
    assert got["/get-only"].method == "GET" and hits(server, "/get-only") == ["HEAD", "GET"]
    assert got["/gone"].code == 404 and hits(server, "/gone") == ["HEAD", "GET"]
    assert got["/ok"].code == 200 and hits(server, "/ok") == ["HEAD"]


def test_server_errors_are_retried_then_reported(server: HTTPServer) -> None:
    server.expect_request("/boom").respond_with_data("oops", 503)
    result = check_urls([server.url_for("/boom")], FAST)[server.url_for("/boom")]
    assert (result.status, result.code, result.attempts) == ("server_error", 503, 3)
    assert hits(server, "/boom") == ["HEAD", "GET"] * 3
    assert result.reason() == "server error 503 after 3 attempts"


def test_timeouts_are_retried_with_backoff(server: HTTPServer) -> None:
    server.expect_request("/slow").respond_with_handler(lambda r: (time.sleep(0.5), Response("late"))[1])
    options = OnlineOptions(timeout=0.1, backoff=0.05, retries=2)
    started = time.monotonic()
    result = check_urls([server.url_for("/slow")], options)[server.url_for("/slow")]
    took = time.monotonic() - started
    assert (result.status, result.attempts, result.error) == ("timeout", 3, "no answer in 0.1s")
    assert 0.3 + 0.05 + 0.1 <= took < 2  # three timeouts, and waits of 0.05 s then 0.1 s
    assert result.reason() == "timed out (no answer in 0.1s) after 3 attempts"


def test_retry_after_is_honoured_up_to_the_cap(server: HTTPServer) -> None:
    server.expect_request("/busy").respond_with_data("slow down", 429, {"Retry-After": "3600"})
    started = time.monotonic()
    result = check_urls([server.url_for("/busy")], FAST)[server.url_for("/busy")]
    # An hour's Retry-After is capped: the check ends in seconds, not an hour (a loose bound, so that a
    # loaded machine does not fail it).
    assert time.monotonic() - started < 60
    assert (result.status, result.code, result.attempts) == ("client_error", 429, 3)


def test_a_server_recovering_is_fine(server: HTTPServer) -> None:
    calls = iter([500, 500, 200])
    server.expect_request("/flaky", method="HEAD").respond_with_handler(lambda r: Response("", next(calls)))
    server.expect_request("/flaky", method="GET").respond_with_data("", 500)
    result = check_urls([server.url_for("/flaky")], FAST)[server.url_for("/flaky")]
    assert (result.status, result.attempts) == ("ok", 3)


def test_too_many_redirects(server: HTTPServer) -> None:
    def hop(request: Request) -> Response:
        n = int(request.path.rsplit("/", 1)[1])
        return Response("", 302, {"Location": f"/hop/{n + 1}"})

    server.expect_request(re.compile(r"/hop/\d+")).respond_with_handler(hop)
    result = check_urls([server.url_for("/hop/0")], FAST)[server.url_for("/hop/0")]
    assert (result.status, result.error, len(result.chain)) == ("redirect_loop", "more than 10 redirects", 11)


def test_polite_user_agent(server: HTTPServer) -> None:
    server.expect_request("/ok").respond_with_data("fine")
    check_urls([server.url_for("/ok")], FAST)
    request = next(req for req, _ in server.log if req.path == "/ok")
    assert request.headers["User-Agent"].startswith(f"muqabala/{__version__} (")


def test_per_host_concurrency_limit(server: HTTPServer) -> None:
    lock, state = threading.Lock(), {"now": 0, "most": 0}

    def handler(request: Request) -> Response:
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1
        return Response("ok")

    server.expect_request(re.compile(r"/p/\d+")).respond_with_handler(handler)
    options = OnlineOptions(timeout=2, per_host=2, workers=8)
    results = check_urls([server.url_for(f"/p/{i}") for i in range(8)], options)
    assert all(r.status == "ok" for r in results.values())
    assert state["most"] == 2


def test_cache_reuses_fresh_results_only(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/ok").respond_with_data("fine")
    server.expect_request("/boom").respond_with_data("", 500)
    cache = tmp_path / ".cache" / "links.json"
    options = OnlineOptions(timeout=0.3, backoff=0.01, retries=0, cache_path=cache)
    urls = [server.url_for("/ok"), server.url_for("/boom")]
    first = check_urls(urls, options)
    assert not any(r.cached for r in first.values())
    second = check_urls(urls, options)
    assert second[urls[0]].cached and not second[urls[1]].cached  # a 5xx may be gone tomorrow
    assert hits(server, "/ok") == ["HEAD"]
    stored = json.loads(cache.read_text(encoding="utf-8"))["results"]
    assert list(stored) == [urls[0]] and stored[urls[0]]["status"] == "ok"
    stored[urls[0]]["checked"] = (datetime.now(UTC) - timedelta(days=8)).isoformat(timespec="seconds")
    cache.write_text(json.dumps({"version": 1, "results": stored}), encoding="utf-8")
    assert not check_urls(urls[:1], options)[urls[0]].cached
    assert hits(server, "/ok") == ["HEAD", "HEAD"]


def test_check_online_reports_data_files(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/statement").respond_with_data("", 404)
    corpus = load_corpus(write_tree(tmp_path, tiny_files()))
    st = corpus.statements["st"]
    corpus.statements["st"] = st.model_copy(update={"url": server.url_for("/statement")})
    problems, results = check_online(corpus, FAST, public_only=False)
    assert [str(p) for p in problems] == [f"statements/st.yaml: {server.url_for('/statement')}: url: client error 404"]
    assert [r.status for r in results] == ["client_error"]
    # By default a private address in the data is never fetched: the offline check reports it.
    assert check_online(corpus, FAST) == ([], [])
    assert hits(server, "/statement") == ["HEAD", "GET"]


def resolver(table: dict[str, str]):  # type: ignore[no-untyped-def]
    """A `getaddrinfo` answering from `table` (name → address), with no network."""

    def resolve(host: str, port: int, **_: object) -> list[tuple[object, ...]]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (table[host], port))]

    return resolve


def public_only(server: HTTPServer, table: dict[str, str]) -> OnlineOptions:
    """Public hosts only, with the local test server's address let through as if public."""
    return OnlineOptions(
        timeout=0.3, retries=0, public_redirects_only=True, resolve=resolver(table), trusted=frozenset({"127.0.0.1"})
    )


def test_public_only_refuses_redirects_to_private_hosts(server: HTTPServer) -> None:
    server.expect_request("/out").respond_with_data("", 302, {"Location": "http://10.0.0.1/admin"})
    url = f"http://www.example.org:{server.port}/out"
    result = check_urls([url], public_only(server, {"www.example.org": "127.0.0.1"}))[url]
    assert (result.status, result.error) == ("connection_error", "not following redirect to http://10.0.0.1/admin")
    assert hits(server, "/out") == ["HEAD"]


@pytest.mark.parametrize(
    ("location", "error"),
    [
        # A name that resolves to a private address, checked at each hop, not only the first.
        (
            "http://rebind.example.org/admin",
            "not fetched: host must be public, not a private address (got 'rebind.example.org = 10.0.0.5')",
        ),
        ("http://0x7f.1/admin", "not following redirect to http://0x7f.1/admin"),
        ("http://[::ffff:127.0.0.1]/admin", "not following redirect to http://[::ffff:127.0.0.1]/admin"),
    ],
)
def test_public_only_checks_every_hop(server: HTTPServer, location: str, error: str) -> None:
    server.expect_request("/out").respond_with_data("", 302, {"Location": location})
    url = f"http://www.example.org:{server.port}/out"
    table = {"www.example.org": "127.0.0.1", "rebind.example.org": "10.0.0.5"}
    result = check_urls([url], public_only(server, table))[url]
    assert (result.status, result.error) == ("connection_error", error)


def test_public_only_refuses_names_that_resolve_to_loopback(server: HTTPServer) -> None:
    server.expect_request("/x").respond_with_data("secret")
    url = f"http://intranet.example.org:{server.port}/x"
    options = replace(public_only(server, {"intranet.example.org": "127.0.0.1"}), trusted=frozenset())
    result = check_urls([url], options)[url]
    assert (result.status, result.error) == (
        "connection_error",
        "not fetched: host must be public, not a loopback address (got 'intranet.example.org = 127.0.0.1')",
    )
    assert hits(server, "/x") == []


def test_public_only_refuses_local_notations_before_any_lookup(server: HTTPServer) -> None:
    url = f"http://0x7f.1:{server.port}/x"
    result = check_urls([url], public_only(server, {}))[url]
    assert result.error == "not fetched: host must be public, not a loopback address (got '0x7f.1 = 127.0.0.1')"


def test_connection_refused(tmp_path: Path) -> None:
    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    url = srv.url_for("/x")
    srv.stop()
    result = check_urls([url], FAST)[url]
    assert result.status == "connection_error" and "ConnectionRefusedError" in result.error


def test_summary_table(server: HTTPServer) -> None:
    server.expect_request("/old").respond_with_data("", 308, {"Location": "/new"})
    server.expect_request("/new").respond_with_data("")
    url = server.url_for("/old")
    lines = summary_table(list(check_urls([url], FAST).values())).splitlines()
    assert lines[0].split() == ["url", "status", "final", "url", "time", "cached"]
    assert lines[2].split() == [url, "redirected", "200", server.url_for("/new"), lines[2].split()[4]]


def test_command_online_uses_the_cache(tmp_path: Path) -> None:
    """No network: every address of the data is in a fresh cache, so the table says so."""
    write_tree(tmp_path, {**tiny_files(), "mkdocs.yml": "site_name: t\n"})
    now = datetime.now(UTC).isoformat(timespec="seconds")
    entry = {
        "url": "https://example.org/a",
        "status": "ok",
        "code": 200,
        "final_url": "https://example.org/a",
        "chain": [],
        "seconds": 0.2,
        "checked": now,
        "attempts": 1,
        "method": "HEAD",
        "error": "",
    }
    write_tree(tmp_path, {".cache/links.json": json.dumps({"version": 1, "results": {entry["url"]: entry}})})
    result = CliRunner().invoke(main, ["links", "--root", str(tmp_path), "--online"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2].split() == ["https://example.org/a", "ok", "200", "0.20s", "yes"]
    assert lines[-1].startswith("OK: checked 1 links on 1 pages in ")
