"""Link checks: the built site's internal links and anchors, and the data's source URLs.

`check_site` parses every page of the built site once (stdlib `html.parser`), so a link written
in Markdown and one written as raw HTML are checked alike, in both language trees, with
anchors. `check_external_offline` checks the addresses in the data without a network.
The online check lives in `linkcheck_online.py`; `command` is the `muqabala links` command.
"""

from __future__ import annotations

import ipaddress
import json
import os
import posixpath
import re
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import click

from .errors import show

if TYPE_CHECKING:
    from .corpus import Corpus


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


# --- internal links -------------------------------------------------------------------------

_SKIPPED_SCHEMES = {"http", "https", "mailto", "tel", "ftp", "sms", "irc", "news"}
_FORBIDDEN_SCHEMES = {
    "javascript": "javascript: links are not allowed (use a real address, or a button for a script)",
    "data": "data: URLs are not allowed (publish the file with the site and link to it)",
    "file": "file: links only work on the author's machine (link to a file in the site)",
}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)


class _PageParser(HTMLParser):
    """Collects a page's fragment targets and the links it makes, in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "id" in a and a["id"]:
            self.ids.add(a["id"])
        # Per the HTML spec only <a name> is a fragment target; <meta name>/<input name> are not.
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"] or "")
        href = a.get("href")
        if href is not None and tag != "base":
            # Material's search "share" button is a theme-made javascript:void(0) handled by its
            # own script (feature `search.share`); it is not a link an author wrote.
            if not (href.startswith("javascript:") and a.get("data-md-component") == "search-share"):
                self.links.append(href)
        for name in ("src", "poster") + (("data",) if tag == "object" else ()):
            if a.get(name):
                self.links.append(a[name] or "")
        if a.get("srcset") and tag in ("img", "source"):
            self.links += [c.split()[0] for c in (a["srcset"] or "").split(",") if c.strip()]
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH_URL.search(a.get("content") or "")
            if m:
                self.links.append(m.group(1).strip())

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def scan_site(site_dir: Path, site_url: str | None = None) -> LinkReport:
    """Check every internal link and anchor of the built site; see `check_site`."""
    files: set[str] = set()
    dirs: set[str] = {""}
    for folder, subdirs, names in os.walk(site_dir):
        rel = Path(folder).relative_to(site_dir).as_posix()
        rel = "" if rel == "." else rel
        dirs.update(posixpath.join(rel, d) for d in subdirs)
        files.update(posixpath.join(rel, n) for n in names)
    pages = sorted(f for f in files if f.endswith(".html"))
    parsed = {p: _parse(site_dir / p) for p in pages}
    site_prefix = site_url.rstrip("/") + "/" if site_url else None
    base_path = urlsplit(site_prefix).path if site_prefix else "/"
    report = LinkReport(pages=len(pages))
    for page in pages:
        for link in parsed[page].links:
            if site_prefix and link.startswith(site_prefix):
                target = "/" + link[len(site_prefix):]
            else:
                target = link
            reason = _check_link(page, target, base_path, files, dirs, parsed)
            if reason is None:
                continue
            if reason:
                report.problems.append(LinkProblem(page, link, reason))
            report.links += 1
    report.problems = sorted(set(report.problems))
    return report


def _check_link(page: str, link: str, base_path: str, files: set[str], dirs: set[str],
                parsed: dict[str, _PageParser]) -> str | None:
    """The reason `link` on `page` is broken, "" when it is fine, None when it is not ours to check."""
    link = link.strip()
    m = _SCHEME.match(link)
    if m:
        scheme = m.group(1).lower()
        return _FORBIDDEN_SCHEMES.get(scheme) if scheme not in _SKIPPED_SCHEMES else None
    if link.startswith("//"):
        return None
    path, _, fragment = link.partition("#")
    path = unquote(path.partition("?")[0])
    if not path:
        target = page
    else:
        if path.startswith("/"):
            # Root-absolute links carry the site's path prefix when it is served below a host's root.
            if (path + "/").startswith(base_path):
                path = path[len(base_path):]
            else:
                path = path.lstrip("/")
        else:
            path = posixpath.join(posixpath.dirname(page), path)
        norm = posixpath.normpath(path) if path else "."
        if norm == ".." or norm.startswith("../"):
            return f"points outside the site (resolves to {norm})"
        norm = "" if norm == "." else norm
        if norm in files:
            target = norm
        elif norm in dirs:
            target = posixpath.join(norm, "index.html")
            if target not in files:
                return f"folder has no index.html (looked for {target})"
        else:
            return f"no such file (looked for {norm})"
    if fragment and target in parsed:
        anchor = unquote(fragment)
        if anchor not in parsed[target].ids:
            return f"no id or name {anchor!r} on {target}"
    return ""


def check_site(site_dir: Path, site_url: str | None = None) -> list[LinkProblem]:
    """Every internal link (href, src, srcset, meta refresh) of every page resolves, with its anchor.

    Pages are parsed once and their ids cached, so the check is linear in the size of the site.
    Links to http(s) hosts, mailto: and tel: are skipped; javascript:, data: and file: are errors.
    With `site_url`, root-absolute links are read below its path and absolute links to the site
    itself are checked as internal ones.
    """
    return scan_site(site_dir, site_url).problems


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
        for test, what in ((ip.is_loopback, "a loopback"), (ip.is_link_local, "a link-local"),
                           (ip.is_unspecified, "an unspecified"), (ip.is_multicast, "a multicast"),
                           (ip.is_reserved, "a reserved"), (ip.is_private, "a private"),
                           (not ip.is_global, "a non-public")):
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
            report.problems.append(LinkProblem(
                page, "archive_url", "required when no_archive_reason is absent, like "
                "https://web.archive.org/web/2021/https://www.gov.uk/…"))
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


# --- the command ----------------------------------------------------------------------------

def site_url_of(root: Path) -> str | None:
    """The address of the whole site (site/), from `site_url` in mkdocs.yml; None when unset.

    Read as text: the file may hold tags PyYAML cannot load. Each language is built on its own
    into site/<lang>, so a site_url ending in that folder is cut back to the site's root.
    """
    path = root / "mkdocs.yml"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^site_url:\s*['\"]?(https?://[^'\"\s#]+)", text, re.M)
    if not m:
        return None
    url = m.group(1).rstrip("/") + "/"
    sub = re.search(r"^site_dir:\s*['\"]?site/([^'\"\s/#]+)", text, re.M)
    if sub and url.endswith(f"/{sub.group(1)}/"):
        url = url[: -len(sub.group(1)) - 1]
    return url


@click.command(name="links")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Built site to check (default: <root>/site).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Project folder (default: the nearest folder upwards with mkdocs.yml).")
@click.option("--external", is_flag=True, help="Only check the data's source addresses, offline.")
@click.option("--online", is_flag=True,
              help="Fetch every source address (HEAD, then GET) and print a summary table.")
@click.option("--max-age", type=click.FloatRange(min=0), default=7.0, show_default=True,
              help="With --online: reuse cached results younger than this many days.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="With --online: seconds to wait for each response.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def command(site_dir: Path | None, root: Path | None, external: bool, online: bool, max_age: float,
            timeout: float, as_json: bool) -> None:
    """Check the built site's links and anchors, and the data's source addresses.

    By default checks every internal link and #anchor of the built site (both languages,
    Markdown and raw HTML alike) and, offline, that each source address in the data is a
    public http(s) URL with an archive copy or a reason for none. --external does only the
    latter; --online does it too, then fetches each address and prints a table (results are
    cached in .cache/links.json for --max-age days). Data files count as pages.

    \b
    Example:
        muqabala build && muqabala links
        en/statements/index.html: eu/#p1-s9: no id or name 'p1-s9' on en/statements/eu/index.html
        Error: 1 broken link
    """
    from .cli import fail_on_data_errors, find_root
    from .corpus import load_corpus

    started = time.monotonic()
    root = (root or find_root()).resolve()
    report = LinkReport()
    results: list[dict[str, object]] = []
    if not external and not online:
        site = site_dir or root / "site"
        if not site.is_dir():
            click.echo(f"Error: no built site at {site} (run `muqabala build` first, or pass --site DIR)",
                       err=True)
            sys.exit(1)
        _merge(report, scan_site(site, site_url_of(root)))
    corpus = fail_on_data_errors(load_corpus)(root)
    offline = scan_external_offline(corpus)
    _merge(report, offline)
    if online:
        from .linkcheck_online import OnlineOptions, check_online, summary_table

        options = OnlineOptions(timeout=timeout, cache_path=root / ".cache" / "links.json",
                                max_age_days=max_age)
        problems, checked = check_online(corpus, options, skip={p.link for p in offline.problems})
        report.problems = sorted(report.problems + problems)
        results = [r.to_json() for r in checked]
        if not as_json:
            click.echo(summary_table(checked))
    elapsed = time.monotonic() - started
    n = len(report.problems)
    if as_json:
        click.echo(json.dumps({"problems": [vars(p) for p in report.problems], "links": report.links,
                               "pages": report.pages, "seconds": round(elapsed, 2), "results": results},
                              ensure_ascii=False, indent=2))
    else:
        for p in report.problems:
            click.echo(str(p))
    if n:
        if not as_json:
            click.echo(f"Error: {n} broken link{'s' if n != 1 else ''}", err=True)
        sys.exit(1)
    if not as_json:
        click.echo(f"OK: checked {report.links} links on {report.pages} pages in {elapsed:.1f}s")


def _merge(into: LinkReport, other: LinkReport) -> None:
    into.problems = sorted(into.problems + other.problems)
    into.links += other.links
    into.pages += other.pages
