"""Link checks: the built site's internal links and anchors, and the data's source URLs.

`check_site` parses every page of the built site once (stdlib `html.parser`), so a link written
in Markdown and one written as raw HTML are checked alike, in both language trees, with
anchors. `check_external_offline` checks the addresses in the data without a network.
The online check lives in `linkcheck_online.py`; `check_links` is what `muqabala links` runs.
"""

from __future__ import annotations

import os
import posixpath
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from muqabala.data.corpus import load_corpus
from muqabala.tools.linkcheck_online import OnlineOptions, check_online
from muqabala.tools.urls import LinkProblem, LinkReport, scan_external_offline

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
                target = "/" + link[len(site_prefix) :]
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


def _check_link(
    page: str, link: str, base_path: str, files: set[str], dirs: set[str], parsed: dict[str, _PageParser]
) -> str | None:
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
                path = path[len(base_path) :]
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


# --- the check as `muqabala links` runs it ----------------------------------------------------


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


class NoSite(Exception):
    """There is no built site to check."""


@dataclass
class LinkRun:
    """What `muqabala links` found: the problems, and with `online` each address's result."""

    report: LinkReport
    checked: list[Any] = field(default_factory=list)
    """The online results (`linkcheck_online.UrlResult`), when the addresses were fetched."""
    seconds: float = 0.0


def check_links(
    root: Path,
    site_dir: Path | None = None,
    external: bool = False,
    online: bool = False,
    max_age: float = 7.0,
    timeout: float = 10.0,
) -> LinkRun:
    """The site's links and anchors (unless `external` or `online`), then the data's addresses.

    Raises `NoSite` when the site is to be checked and is not built, `DataError` when the data is invalid.
    """
    started = time.monotonic()
    root = root.resolve()
    run = LinkRun(report=LinkReport())
    if not external and not online:
        site = site_dir or root / "site"
        if not site.is_dir():
            raise NoSite(f"no built site at {site} (run `muqabala build` first, or pass --site DIR)")
        _merge(run.report, scan_site(site, site_url_of(root)))
    corpus = load_corpus(root)
    offline = scan_external_offline(corpus)
    _merge(run.report, offline)
    if online:
        options = OnlineOptions(timeout=timeout, cache_path=root / ".cache" / "links.json", max_age_days=max_age)
        problems, run.checked = check_online(corpus, options, skip={p.link for p in offline.problems})
        run.report.problems = sorted(run.report.problems + problems)
    run.seconds = time.monotonic() - started
    return run


def _merge(into: LinkReport, other: LinkReport) -> None:
    into.problems = sorted(into.problems + other.problems)
    into.links += other.links
    into.pages += other.pages
