"""The one policy for source addresses, and the problem types every link check reports.

`url_problem` says whether an address may be published as a source; `scan_external_offline`
applies it to every address of the data without a network. `linkcheck_online` fetches them.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from muqabala.data.corpus import Corpus
from muqabala.data.errors import show


@dataclass(frozen=True, order=True)
class LinkProblem:
    """One broken link, printed as `page: link: reason`."""

    page: str
    """The page (relative to the site folder) or data file (relative to the project) holding the link."""
    link: str
    """The link as written."""
    reason: str
    """What is wrong, with the value that was looked for."""

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"


@dataclass
class LinkReport:
    """The problems found, and how much was checked (for the summary line)."""

    problems: list[LinkProblem] = field(default_factory=list)
    links: int = 0
    pages: int = 0


# --- data URLs, offline -----------------------------------------------------------------------

_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".home.arpa")


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a published source address, or None when it can."""
    if re.search(r"\s", url) or any(ord(c) < 32 for c in url):
        return f"must not contain spaces or control characters (got {show(url)})"
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as e:
        return f"is not a well-formed address: {e} (got {show(url)})"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"must be an http:// or https:// address, like https://www.gov.uk/ (got {show(scheme + ':')})"
    if "@" in parts.netloc:
        return "must not carry a user name or password before the host (user@host)"
    if not host:
        return f"has no host (got {show(url)})"
    host = host.rstrip(".")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None:
        for test, what in (
            (ip.is_loopback, "a loopback"),
            (ip.is_link_local, "a link-local"),
            (ip.is_unspecified, "an unspecified"),
            (ip.is_multicast, "a multicast"),
            (ip.is_reserved, "a reserved"),
            (ip.is_private, "a private"),
            (not ip.is_global, "a non-public"),
        ):
            if test:
                return f"host must be public, not {what} address (got {show(host)})"
        return None
    if host == "localhost" or host.endswith(_LOCAL_NAMES):
        return f"host must be public, not a local name (got {show(host)})"
    if "." not in host:
        return f"host must be a full domain name with a dot, like www.gov.uk (got {show(host)})"
    return None


def data_urls(corpus: Corpus) -> list[tuple[str, str, str]]:
    """Every source address in the data as (data file, field, url), in a stable order."""
    out = []
    for sid, st in sorted(corpus.statements.items()):
        page = corpus.files.get(f"statement:{sid}", f"statements/{sid}")
        out.append((page, "url", st.url))
        if st.archive_url:
            out.append((page, "archive_url", st.archive_url))
    for aid, art in sorted(corpus.articles.items()):
        if art.url:
            out.append((corpus.files.get(f"article:{aid}", f"articles/{aid}"), "url", art.url))
    return out


def scan_external_offline(corpus: Corpus) -> LinkReport:
    """Check the data's addresses without a network; see `check_external_offline`."""
    report = LinkReport()
    entries = data_urls(corpus)
    for page, key, url in entries:
        reason = url_problem(url)
        if reason:
            report.problems.append(LinkProblem(page, url, f"{key}: {reason}"))
    for sid, st in sorted(corpus.statements.items()):
        why = st.no_archive_reason
        if not st.archive_url and not (why and why.ar.strip() and why.en.strip()):
            page = corpus.files.get(f"statement:{sid}", f"statements/{sid}")
            report.problems.append(
                LinkProblem(
                    page,
                    "archive_url",
                    "required when no_archive_reason is absent, like "
                    "https://web.archive.org/web/2021/https://www.gov.uk/…",
                )
            )
    report.links = len(entries)
    report.pages = len({p for p, _, _ in entries})
    report.problems.sort()
    return report


def check_external_offline(corpus: Corpus) -> list[LinkProblem]:
    """Every statement and article address is a well-formed http(s) URL on a public host.

    Public means: not localhost, *.localhost, *.local, a host without a dot, or an IP literal
    in a loopback, link-local, private, reserved or unspecified range; no user@ part. Each
    statement also needs an archive_url or a no_archive_reason. The page is the data file.
    """
    return scan_external_offline(corpus).problems
