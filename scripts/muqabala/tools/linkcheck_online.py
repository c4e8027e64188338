"""The online check of the data's source addresses: real HTTP, politely, with a cache.

Each address gets a HEAD request (a GET when HEAD is refused or fails); redirects are
followed by hand so the chain can be reported; timeouts, 5xx and 429 are retried with
exponential backoff; at most a few requests go to one host at a time; results are cached
with their date so that repeated runs do not hammer the sources.

`check_urls` fetches any address it is given (tests use 127.0.0.1); `check_online` takes the
data and skips the addresses the offline check rejects, so a data file cannot make the
checker call a private host.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from muqabala import __version__
from muqabala.data.corpus import Corpus
from muqabala.data.urlpolicy import address_problem, display_host, host_problem
from muqabala.tools.urls import LinkProblem, data_urls, url_problem

USER_AGENT = f"muqabala/{__version__} (fact-check link checker; HEAD first, 2 requests per host at most)"

Status = Literal["ok", "redirected", "client_error", "server_error", "timeout", "redirect_loop", "connection_error"]
"""How a check ended: the first two are fine, the others are problems."""

_PERMANENT = {301, 308}
_REDIRECTS = {301, 302, 303, 307, 308}
_STABLE: set[str] = {"ok", "redirected", "client_error", "redirect_loop"}
"""Outcomes worth caching; a timeout or a 5xx may be gone tomorrow, so those are checked again."""


@dataclass
class OnlineOptions:
    """How hard and how politely to check; tests shrink the times."""

    timeout: float = 10.0
    """Seconds to wait for a connection or a response."""
    retries: int = 2
    """Further attempts after a timeout, a 5xx or a 429."""
    backoff: float = 1.0
    """First wait before a retry, in seconds; doubled at each retry."""
    retry_after_cap: float = 30.0
    """The longest Retry-After a server may impose, in seconds."""
    max_redirects: int = 10
    """More hops than this count as a loop."""
    per_host: int = 2
    """Requests in flight to one host at a time."""
    workers: int = 8
    """Requests in flight in all."""
    cache_path: Path | None = None
    """JSON cache of results; None for no cache."""
    max_age_days: float = 7.0
    """Cached results younger than this are reused."""
    public_redirects_only: bool = False
    """Fetch public hosts only: resolve each name and refuse it when any of its addresses is
    loopback, private, link-local, reserved or multicast (connecting to the address checked, so
    a second lookup cannot swap it), and refuse each redirect the same way."""
    resolve: Callable[..., list[Any]] = socket.getaddrinfo
    """How names are looked up (`socket.getaddrinfo`); tests give a fixed table."""
    trusted: frozenset[str] = frozenset()
    """Resolved addresses let through although not public: tests name their local server's."""


@dataclass
class Hop:
    """One redirect: where from, the status code, and whether it is permanent."""

    url: str
    code: int
    permanent: bool


@dataclass
class UrlResult:
    """The outcome of checking one address."""

    url: str
    status: Status
    code: int | None = None
    final_url: str = ""
    chain: list[Hop] = field(default_factory=list)
    seconds: float = 0.0
    checked: str = ""
    """When it was checked (ISO 8601, UTC)."""
    attempts: int = 1
    method: str = "HEAD"
    error: str = ""
    cached: bool = False

    @property
    def fine(self) -> bool:
        return self.status in ("ok", "redirected")

    def reason(self) -> str:
        """The problem in words, for a `page: link: reason` line."""
        code = f" {self.code}" if self.code else ""
        detail = f" ({self.error})" if self.error else ""
        words = {
            "client_error": f"client error{code}",
            "server_error": f"server error{code}",
            "timeout": "timed out",
            "redirect_loop": "redirect loop",
            "connection_error": "connection failed",
        }.get(self.status, self.status)
        tries = f" after {self.attempts} attempts" if self.attempts > 1 else ""
        return f"{words}{detail}{tries}"

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> UrlResult:
        values: dict[str, Any] = dict(data)
        values["chain"] = [Hop(**h) for h in values.get("chain") or []]
        return cls(**values)


class _Outcome(Exception):
    """A final outcome found in the middle of a hop (a loop, a refused redirect)."""

    def __init__(self, status: Status, error: str):
        super().__init__(error)
        self.status, self.error = status, error


class Checker:
    """Fetches addresses with the politeness rules of `OnlineOptions`."""

    def __init__(self, options: OnlineOptions):
        self.options = options
        self._locks: dict[str, threading.Semaphore] = {}
        self._guard = threading.Lock()
        self._tls = ssl.create_default_context()

    def _host_lock(self, netloc: str) -> threading.Semaphore:
        with self._guard:
            return self._locks.setdefault(netloc.lower(), threading.Semaphore(self.options.per_host))

    def _request(self, method: str, url: str) -> tuple[int, str | None, str | None]:
        """(status code, Location, Retry-After) of one request; raises OSError on failure."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _Outcome("connection_error", f"cannot fetch {url!r}")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = self._public_address(parts.hostname, port) if self.options.public_redirects_only else None
        with self._host_lock(parts.netloc):
            conn: http.client.HTTPConnection = (
                _HTTPS(parts.hostname, port, address, timeout=self.options.timeout, context=self._tls)
                if parts.scheme == "https"
                else _HTTP(parts.hostname, port, address, timeout=self.options.timeout)
            )
            try:
                conn.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"})
                resp = conn.getresponse()
                if method == "GET":
                    resp.read(65536)  # enough to know the server answers; never the whole file
                return resp.status, resp.getheader("Location"), resp.getheader("Retry-After")
            finally:
                conn.close()

    def _public_address(self, host: str, port: int) -> str:
        """The address to connect to for `host`, checked against the URL policy; raises `_Outcome`."""
        problem = host_problem(host)
        if problem:
            raise _Outcome("connection_error", f"not fetched: {problem}")
        infos = self.options.resolve(host, port, type=socket.SOCK_STREAM)
        addresses = [str(info[4][0]).split("%")[0] for info in infos]
        for address in addresses:
            if address in self.options.trusted:
                continue
            problem = address_problem(ipaddress.ip_address(address), display_host(host))
            if problem:
                raise _Outcome("connection_error", f"not fetched: {problem}")
        if not addresses:
            raise _Outcome("connection_error", f"no address for {display_host(host)}")
        return addresses[0]

    def _fetch(self, url: str) -> tuple[int, str | None, str | None, str]:
        """HEAD, then GET when HEAD is refused (405, 501, any error status) or fails without a timeout."""
        try:
            code, location, retry_after = self._request("HEAD", url)
            if code < 400:
                return code, location, retry_after, "HEAD"
        except (TimeoutError, _Outcome, socket.gaierror, ConnectionRefusedError, ssl.SSLError):
            raise  # a GET would fare no better: no name, no server, or a bad certificate
        except (OSError, http.client.HTTPException):
            pass  # some servers drop or garble HEAD requests
        return (*self._request("GET", url), "GET")

    def check(self, url: str) -> UrlResult:
        """Follow `url` to its end, retrying what may be passing trouble."""
        started = time.monotonic()
        result = UrlResult(url=url, status="ok", checked=_now().isoformat(timespec="seconds"))
        current, seen = url, {url}
        attempt = 0
        while True:
            try:
                code, location, retry_after, result.method = self._fetch(current)
                error: str = ""
            except _Outcome as e:
                result.status, result.error = e.status, e.error
                break
            except TimeoutError:
                code, location, retry_after, error = 0, None, None, f"no answer in {self.options.timeout:g}s"
            except (OSError, http.client.HTTPException) as e:
                result.status, result.error = "connection_error", _describe(e)
                break
            retryable = code == 0 or code == 429 or code >= 500
            if retryable and attempt < self.options.retries:
                time.sleep(self._delay(attempt, retry_after))
                attempt += 1
                result.attempts += 1
                continue
            result.code = code or None
            if code == 0:
                result.status, result.error = "timeout", error
            elif code in _REDIRECTS and location:
                nxt = urljoin(current, location.strip())
                result.chain.append(Hop(current, code, code in _PERMANENT))
                if nxt in seen:
                    result.status, result.error = "redirect_loop", f"back to {nxt}"
                    break
                if len(result.chain) > self.options.max_redirects:
                    result.status = "redirect_loop"
                    result.error = f"more than {self.options.max_redirects} redirects"
                    break
                if self.options.public_redirects_only and url_problem(nxt):
                    result.status, result.error = "connection_error", f"not following redirect to {nxt}"
                    break
                seen.add(nxt)
                current, attempt = nxt, 0
                continue
            elif 200 <= code < 300:
                result.status = "redirected" if result.chain else "ok"
            elif code >= 500 or (300 <= code < 400):
                result.status = "server_error"
                if code < 400:
                    result.error = "redirect without a Location"
            else:
                result.status = "client_error"
            break
        result.final_url = current
        result.seconds = round(time.monotonic() - started, 3)
        return result

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        delay = self.options.backoff * 2**attempt
        wait = _retry_after_seconds(retry_after)
        if wait is not None:
            delay = max(delay, min(wait, self.options.retry_after_cap))
        return delay


class _HTTP(http.client.HTTPConnection):
    """A connection to `address` when given (the one the policy checked), else to the host."""

    def __init__(self, host: str, port: int, address: str | None, **kwargs: Any):
        super().__init__(host, port, **kwargs)
        self.address = address

    def connect(self) -> None:
        if self.address is None:
            super().connect()
        else:
            self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _HTTPS(http.client.HTTPSConnection):
    """`_HTTP` over TLS: the certificate is still checked against the host's name."""

    def __init__(self, host: str, port: int, address: str | None, *, context: ssl.SSLContext, **kwargs: Any):
        super().__init__(host, port, context=context, **kwargs)
        self.address, self.tls = address, context

    def connect(self) -> None:
        if self.address is None:
            super().connect()
        else:
            raw = socket.create_connection((self.address, self.port), self.timeout)
            self.sock = self.tls.wrap_socket(raw, server_hostname=self.host)


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - _now()).total_seconds())
    except (TypeError, ValueError):
        return None


def _describe(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


def _now() -> datetime:
    return datetime.now(UTC)


def load_cache(path: Path | None) -> dict[str, UrlResult]:
    """Cached results by address; an unreadable cache is simply empty."""
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {url: UrlResult.from_json(entry) for url, entry in data.get("results", {}).items()}
    except (ValueError, TypeError, AttributeError):
        return {}


def save_cache(path: Path, results: dict[str, UrlResult]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    entries = {url: {**r.to_json(), "cached": False} for url, r in sorted(results.items())}
    tmp.write_text(json.dumps({"version": 1, "results": entries}, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def check_urls(urls: Iterable[str], options: OnlineOptions | None = None) -> dict[str, UrlResult]:
    """Check each distinct address, reusing fresh cached results; any host is allowed."""
    options = options or OnlineOptions()
    cache = load_cache(options.cache_path)
    limit = _now() - timedelta(days=options.max_age_days)
    out: dict[str, UrlResult] = {}
    todo: list[str] = []
    for url in dict.fromkeys(urls):
        hit = cache.get(url)
        if hit and hit.status in _STABLE and _parse_time(hit.checked) > limit:
            hit.cached = True
            out[url] = hit
        else:
            todo.append(url)
    checker = Checker(options)
    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        for result in pool.map(checker.check, todo):
            out[result.url] = result
    if options.cache_path is not None and todo:
        save_cache(options.cache_path, {**cache, **{u: r for u, r in out.items() if r.status in _STABLE}})
    return out


def _parse_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def check_online(
    corpus: Corpus, options: OnlineOptions | None = None, skip: set[str] | None = None, public_only: bool = True
) -> tuple[list[LinkProblem], list[UrlResult]]:
    """Fetch every source address of the data; the problems (page = data file) and all results.

    Addresses in `skip` are not fetched. With `public_only` (the default) neither are those the
    offline check rejects, nor redirects to such hosts: a data file cannot point the checker at
    a private network. Tests turn it off to reach 127.0.0.1.
    """
    options = options or OnlineOptions()
    if public_only:
        options = replace(options, public_redirects_only=True)
    entries = [
        (page, key, url)
        for page, key, url in data_urls(corpus)
        if url not in (skip or set()) and not (public_only and url_problem(url))
    ]
    results = check_urls((url for _, _, url in entries), options)
    problems = [
        LinkProblem(page, url, f"{key}: {results[url].reason()}") for page, key, url in entries if not results[url].fine
    ]
    return sorted(problems), [results[u] for u in dict.fromkeys(u for _, _, u in entries)]


def summary_table(results: list[UrlResult], width: int = 80) -> str:
    """A plain-text table: url, status, final url, time, cached; addresses cut to `width`.

    The problem lines that follow it give each failing address in full.
    """
    head = ("url", "status", "final url", "time", "cached")
    rows = [
        (
            _clip(r.url, width),
            r.status + (f" {r.code}" if r.code else ""),
            _clip(r.final_url, width) if r.final_url != r.url else "",
            f"{r.seconds:.2f}s",
            "yes" if r.cached else "",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in [head, *rows]]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
