"""Link checks: the built site's internal links and anchors, and the data's source URLs.

`check_site` reads every page of the built site once, so a link written in Markdown and one
written as raw HTML are checked alike, in both language trees, with anchors. Start tags are
found with regular expressions and each distinct one is read once with `html.parser`'s own
attribute patterns (a site repeats its header and navigation on every page), and a tag known
to hold no id and no link is passed over on later pages: the same links and ids as
`HTMLParser` finds, in a fraction of its time. A link is resolved once per folder level, not
once per page (`_kind`). `check_external_offline` checks the
addresses in the data without a network. The online check lives in `linkcheck_online.py`;
`check_links` is what `muqabala links` runs.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import time
from collections import Counter
from dataclasses import dataclass, field
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


# A start tag as `html.parser` delimits it: quotes are special only in a value (after `=`),
# so a `>` inside a quoted value does not end the tag. Between the tag's name and its `>`:
# runs of plain characters, each after an `=` (with the quoted value that may follow it) or a
# lone quote (the loop unrolled: ~10 % faster than the alternation `(?:[^>"'=]++|=…|["'])*+`,
# which finds the same tags).
_TAG = re.compile(r"""<[a-zA-Z][^>"'=]*+(?:=++\s*+(?:"[^"]*+"|'[^']*+')?[^>"'=]*+|["'][^>"'=]*+)*+>""")
# What `html.parser` does not read tags in: comments, and the text of script and style elements.
# Spelled out rather than with re.IGNORECASE, which matches the same (to it ſ is an s, ı and İ
# are i's) and is several times slower to search.
_SKIPPED = re.compile("<(?:!--|([sS\u017f](?:[cC][rR][iI\u0130\u0131][pP][tT]|[tT][yY][lL][eE]))(?=[\t\n\r\f />]))")
_COMMENT_END = re.compile(r"--\s*>")
# Every tag that holds an id or a link has one of these attributes with a value (`_targets`).
_MAY_HOLD = re.compile(r"(?:id|name|href|src|srcset|poster|data|http-equiv)\s*=", re.IGNORECASE)
# A tag's name and each attribute: `html.parser`'s own patterns (Python 3.11), so that a tag
# is read into the same names and values.
_TAG_NAME = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTRIBUTE = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*""")

_Targets = tuple[tuple[str, ...], tuple[str, ...]]
"""What one start tag holds: the fragment targets it defines and the links it makes."""

_NOTHING: _Targets = ((), ())


def _tag_targets(raw: str) -> _Targets:
    """The ids and links of one start tag, its attributes read as `HTMLParser.parse_starttag`
    reads them (same patterns, names lowercased, values unquoted and unescaped)."""
    match = _TAG_NAME.match(raw, 1)
    if not match:
        return _NOTHING
    tag, k = match.group(1).lower(), match.end()
    attrs: list[tuple[str, str | None]] = []
    while k < len(raw):
        m = _ATTRIBUTE.match(raw, k)
        if not m:
            break
        name, rest, quoted = m.group(1), m.group(2), m.group(3) or ""
        value: str | None = None
        if rest:
            if quoted[:1] == "'" == quoted[-1:] or quoted[:1] == '"' == quoted[-1:]:
                quoted = quoted[1:-1]
            value = html.unescape(quoted) if quoted else quoted
        attrs.append((name.lower(), value))
        k = m.end()
    if raw[k:].strip() not in (">", "/>"):
        return _NOTHING  # not a tag to HTMLParser either: text
    return _targets(tag, dict(attrs))


def _targets(tag: str, a: dict[str, str | None]) -> _Targets:
    ids: list[str] = []
    links: list[str] = []
    if a.get("id"):
        ids.append(a["id"] or "")
    # Per the HTML spec only <a name> is a fragment target; <meta name>/<input name> are not.
    if tag == "a" and a.get("name"):
        ids.append(a["name"] or "")
    href = a.get("href")
    if href is not None and tag != "base":
        # Material's search "share" button is a theme-made javascript:void(0) handled by its
        # own script (feature `search.share`); it is not a link an author wrote.
        if not (href.startswith("javascript:") and a.get("data-md-component") == "search-share"):
            links.append(href)
    for name in ("src", "poster") + (("data",) if tag == "object" else ()):
        if a.get(name):
            links.append(a[name] or "")
    if a.get("srcset") and tag in ("img", "source"):
        links += [c.split()[0] for c in (a["srcset"] or "").split(",") if c.strip()]
    if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
        m = _REFRESH_URL.search(a.get("content") or "")
        if m:
            links.append(m.group(1).strip())
    return (tuple(ids), tuple(links)) if ids or links else _NOTHING


@dataclass
class _Page:
    """A page's fragment targets, and the links it makes with how often it makes each."""

    ids: set[str] = field(default_factory=set)
    links: Counter[str] = field(default_factory=Counter)


def _tags(text: str) -> Counter[str]:
    """Every start tag of the page as written (its text → how often), outside comments and
    outside the text of script and style elements."""
    tags: Counter[str] = Counter()
    pos = 0
    while True:
        m = _SKIPPED.search(text, pos)
        if not m:
            tags.update(_TAG.findall(text, pos))
            return tags
        tags.update(_TAG.findall(text, pos, m.start()))
        if m.group(1) is None:
            close = _COMMENT_END.search(text, m.end())
            pos = close.end() if close else len(text)
            continue
        tag = _TAG.match(text, m.start())
        if not tag:
            pos = m.end()  # `<script` never closed by `>`: text, not a tag
            continue
        tags[tag.group()] += 1
        close = re.compile(rf"</\s*{m.group(1)}\s*>", re.IGNORECASE).search(text, tag.end())
        pos = close.end() if close else len(text)


def _parse_text(text: str, seen: dict[str, _Targets], empty: set[str] | None = None) -> _Page:
    """The page's targets and links, reading only the tags that hold any.

    A site repeats the same tags on every page (header, navigation, footer): each distinct
    tag is read once, in `seen`, and found there on every later page. A tag that holds
    nothing goes into `empty` (when given) instead, and is skipped on later pages without a
    look-up: most of a page's tags.
    """
    page = _Page()
    tags = _tags(text)
    links: dict[str, int] = {}
    for raw in tags.keys() - empty if empty is not None else tags:
        found = seen.get(raw)
        if found is None:
            found = _tag_targets(raw) if _MAY_HOLD.search(raw) else _NOTHING
            if found is _NOTHING and empty is not None:
                empty.add(raw)
                continue
            seen[raw] = found
        if found[0]:
            page.ids.update(found[0])
        for link in found[1]:
            links[link] = links.get(link, 0) + tags[raw]
    page.links.update(links)
    return page


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
    seen: dict[str, _Targets] = {}
    empty: set[str] = set()
    parsed = {p: _parse_text((site_dir / p).read_text(encoding="utf-8", errors="replace"), seen, empty) for p in pages}
    site_prefix = site_url.rstrip("/") + "/" if site_url else None
    base_path = urlsplit(site_prefix).path if site_prefix else "/"
    report = LinkReport(pages=len(pages))
    # A link resolves alike from every folder below the same ancestor once its leading `../`
    # are taken off (`_kind`): the navigation's links are checked once per level of the site,
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
            kind = kinds.get(link)
            if kind is None:
                kind = kinds[link] = _kind(link, site_prefix)
            target, up = kind
            if up < 0:
                reason = _check_link(page, target, base_path, files, dirs, parsed)
            elif up == _ABSOLUTE:
                if target not in absolute:
                    absolute[target] = _check_link(page, target, base_path, files, dirs, parsed)
                reason = absolute[target]
            else:
                up = min(up, depth)
                key = (ancestors[up], target[3 * up :])
                if key not in known:
                    known[key] = _check_link(page, target, base_path, files, dirs, parsed)
                reason = known[key]
            if reason is None:
                continue
            if reason:
                report.problems.append(LinkProblem(page, link, reason))
            report.links += count
    report.problems = sorted(set(report.problems))
    return report


_ABSOLUTE = 1 << 30


def _kind(link: str, site_prefix: str | None) -> tuple[str, int]:
    """The link as checked (an absolute link to the site itself made root-absolute) and how it
    resolves: -1 within its page (`#x`, `?q`, empty), `_ABSOLUTE` alike from every page (a
    scheme, `/…`), else the number of leading `../` it climbs. From a page `depth` folders deep
    it resolves as the link without its first `min(up, depth)` `../` does from the page's
    ancestor that many folders up: alike for every page below that ancestor."""
    target = "/" + link[len(site_prefix) :] if site_prefix and link.startswith(site_prefix) else link
    stripped = target.strip()
    if not stripped or stripped.startswith(("#", "?")):
        return target, -1
    if _SCHEME.match(stripped) or stripped.startswith("/"):
        return target, _ABSOLUTE
    up = 0
    while target.startswith("../", 3 * up) and target[3 * up + 3 : 3 * up + 4] not in ("", "#", "?"):
        up += 1
    return target, up


def _check_link(
    page: str, link: str, base_path: str, files: set[str], dirs: set[str], parsed: dict[str, _Page]
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
