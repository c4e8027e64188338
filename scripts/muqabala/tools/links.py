"""Link checks: the built site's internal links and anchors, and the data's source URLs.

`check_site` reads every page of the built site once, so a link written in Markdown and one
written as raw HTML are checked alike, in both language trees, with anchors. A page is read
as `html.parser` reads it (`site.htmltags`) only when the build's manifest
(`site.linkmanifest`) does not know its bytes or it uses a target found broken; the others'
links are checked through the manifest, each distinct target once for the whole site. Links
of parsed pages are resolved once per folder level, not once per page (`kind`).
`check_external_offline` checks the addresses in the data without a network. The online check
lives in `linkcheck_online.py`; `check_links` is what `muqabala links` runs.
"""

from __future__ import annotations

import os
import posixpath
import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from muqabala.data.corpus import load_corpus
from muqabala.site import linkmanifest
from muqabala.site.htmltags import _Page, _parse_text, _Targets, page_text
from muqabala.site.linkmanifest import ABSOLUTE, SCHEME, kind, target_of
from muqabala.tools.linkcheck_online import OnlineOptions, check_online
from muqabala.tools.urls import LinkProblem, LinkReport, scan_external_offline

# --- internal links -------------------------------------------------------------------------

_SKIPPED_SCHEMES = {"http", "https", "mailto", "tel", "ftp", "sms", "irc", "news"}
_FORBIDDEN_SCHEMES = {
    "javascript": "javascript: links are not allowed (use a real address, or a button for a script)",
    "data": "data: URLs are not allowed (publish the file with the site and link to it)",
    "file": "file: links only work on the author's machine (link to a file in the site)",
}


def scan_site(site_dir: Path, site_url: str | None = None) -> LinkReport:
    """Check every internal link and anchor of the built site; see `check_site`.

    Every page is read once. With the build's manifest (`site.linkmanifest`), a page whose
    digest is the recorded one is not parsed: its ids are the recorded ones, its links are
    counted, and their targets are checked once for the whole site. A page the manifest does
    not know, one whose bytes changed, and one that uses a target found broken are parsed and
    checked link by link (`_check_pages`), so the findings are those of parsing every page.
    """
    files: set[str] = set()
    dirs: set[str] = {""}
    top = os.fspath(site_dir)
    for folder, subdirs, names in os.walk(top):
        rel = folder[len(top) + 1 :].replace(os.sep, "/") if folder != top else ""
        dirs.update(posixpath.join(rel, d) for d in subdirs)
        files.update(posixpath.join(rel, n) for n in names)
    pages = sorted(f for f in files if f.endswith(".html"))
    manifest = linkmanifest.load(site_dir)
    paths = manifest.paths if manifest else {}
    seen: dict[str, _Targets] = {}
    empty: set[str] = set()
    parsed: dict[str, _Page] = {}
    recorded: dict[str, int] = {}
    base = os.path.join(site_dir, "")
    for page in pages:
        with open(base + page, "rb") as f:
            raw = f.read()
        i = paths.get(page)
        if manifest is not None and i is not None and manifest.records[i][0] == linkmanifest.digest(raw):
            recorded[page] = i
        else:
            parsed[page] = _parse_text(page_text(raw), seen, empty)
    site_prefix = site_url.rstrip("/") + "/" if site_url else None
    base_path = urlsplit(site_prefix).path if site_prefix else "/"
    report = LinkReport(pages=len(pages))
    ids = _Ids(parsed, recorded, manifest)
    if manifest is not None and recorded:
        unparsed = set(recorded.values())
        broken: set[int] = set()
        # Most targets are a page named by many links: its file is looked for once.
        found: dict[str, str] = {}
        for path, fragment, users in manifest.targets:
            file = found.get(path)
            if file is None:
                file = found[path] = _file_of(path, files, dirs)
            if file in files and (not fragment or file not in ids or unquote(fragment) in ids[file].ids):
                continue
            if not _check_target(path, fragment, files, dirs, ids):
                continue
            broken.update(linkmanifest.users_of(users))
        counted: list[list[tuple[int, int]]] = []
        for link, refs in manifest.absolute:
            reason = _check_link(pages[0], linkmanifest.kind(link, site_prefix)[0], base_path, files, dirs, ids)
            if reason:
                broken.update(i for i, _ in refs)
            elif reason is not None:
                counted.append(refs)
        unparsed -= broken
        report.links += sum(manifest.records[i][1] for i in unparsed)
        report.links += sum(count for refs in counted for i, count in refs if i in unparsed)
        for page, i in recorded.items():
            if i not in unparsed:
                parsed[page] = _parse_text(page_text((site_dir / page).read_bytes()), seen, empty)
    _check_pages([p for p in pages if p in parsed], parsed, ids, files, dirs, site_prefix, base_path, report)
    report.problems = sorted(set(report.problems))
    return report


class _Ids(Mapping[str, _Page]):
    """Every page's ids, for the fragment checks: a parsed page's as read, a recorded one's from
    the manifest (its links are not needed: only `.ids` is looked at)."""

    def __init__(self, parsed: dict[str, _Page], recorded: dict[str, int], manifest: linkmanifest.Manifest | None):
        self.parsed, self.recorded, self.manifest = parsed, recorded, manifest
        self.loaded: dict[str, _Page] = {}

    def __getitem__(self, page: str) -> _Page:
        found = self.parsed.get(page) or self.loaded.get(page)
        if found is None:
            if self.manifest is None or page not in self.recorded:
                raise KeyError(page)
            found = self.loaded[page] = _Page(ids=set(self.manifest.records[self.recorded[page]][2]))
        return found

    def __contains__(self, page: object) -> bool:
        return page in self.parsed or page in self.recorded

    def __iter__(self) -> Iterator[str]:
        return iter(self.parsed.keys() | self.recorded.keys())

    def __len__(self) -> int:
        return len(self.parsed.keys() | self.recorded.keys())


def _check_pages(
    pages: list[str],
    parsed: dict[str, _Page],
    ids: Mapping[str, _Page],
    files: set[str],
    dirs: set[str],
    site_prefix: str | None,
    base_path: str,
    report: LinkReport,
) -> None:
    """Check each link of each of `pages` (parsed), adding to `report`."""
    # A link resolves alike from every folder below the same ancestor once its leading `../`
    # are taken off (`kind`): the navigation's links are checked once per level of the site,
    # not once per page. A link within the page itself (`#x`, `?q`, empty) depends on the page.
    # A link that names a scheme or starts with `/` resolves alike from every page.
    known: dict[tuple[str, str], str | None] = {}
    absolute: dict[str, str | None] = {}
    kinds: dict[str, tuple[str, int]] = {}
    for page in pages:
        ancestors = [posixpath.dirname(page)]
        while ancestors[-1]:
            ancestors.append(posixpath.dirname(ancestors[-1]))
        depth = len(ancestors) - 1
        for link, count in parsed[page].links.items():
            found = kinds.get(link)
            if found is None:
                found = kinds[link] = kind(link, site_prefix)
            target, up = found
            if up < 0:
                reason = _check_link(page, target, base_path, files, dirs, ids)
            elif up == ABSOLUTE:
                if target not in absolute:
                    absolute[target] = _check_link(page, target, base_path, files, dirs, ids)
                reason = absolute[target]
            else:
                up = min(up, depth)
                key = (ancestors[up], target[3 * up :])
                if key not in known:
                    known[key] = _check_link(page, target, base_path, files, dirs, ids)
                reason = known[key]
            if reason is None:
                continue
            if reason:
                report.problems.append(LinkProblem(page, link, reason))
            report.links += count


def _check_link(
    page: str, link: str, base_path: str, files: set[str], dirs: set[str], parsed: Mapping[str, _Page]
) -> str | None:
    """The reason `link` on `page` is broken, "" when it is fine, None when it is not ours to check."""
    link = link.strip()
    m = SCHEME.match(link)
    if m:
        scheme = m.group(1).lower()
        return _FORBIDDEN_SCHEMES.get(scheme) if scheme not in _SKIPPED_SCHEMES else None
    if link.startswith("//"):
        return None
    if not link.startswith("/"):
        return _check_target(*target_of(page, link), files, dirs, parsed)
    path, _, fragment = link.partition("#")
    path = unquote(path.partition("?")[0])
    # Root-absolute links carry the site's path prefix when it is served below a host's root.
    if (path + "/").startswith(base_path):
        path = path[len(base_path) :]
    else:
        path = path.lstrip("/")
    return _check_target(posixpath.normpath(path) if path else ".", fragment, files, dirs, parsed)


def _file_of(norm: str, files: set[str], dirs: set[str]) -> str:
    """The file `_check_target` finds for `norm` ("" when none), before looking at a fragment."""
    norm = "" if norm == "." else norm
    if norm in files:
        return norm
    return posixpath.join(norm, "index.html") if norm in dirs else ""


def _check_target(norm: str, fragment: str, files: set[str], dirs: set[str], parsed: Mapping[str, _Page]) -> str:
    """The reason the path `norm` (normalised, from the site's root) with `fragment` is not a
    file of the site or not an id on that page; "" when it is one."""
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

    Every page is read once and parsed at most once (not at all when the build's manifest knows
    its bytes and none of its targets is broken), so the check is linear in the size of the site.
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
