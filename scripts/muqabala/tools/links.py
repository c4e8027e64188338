"""Link checks: the built site's internal links and anchors, and the data's source URLs.

`check_site` reads every page of the built site once, so a link written in Markdown and one
written as raw HTML are checked alike, in both language trees, with anchors. Start tags are
found with regular expressions and each distinct one is read once with `html.parser`'s own
attribute patterns (a site repeats its header and navigation on every page): the same links
and ids as `HTMLParser` finds, in a fraction of its time. `check_external_offline` checks the
addresses in the data without a network. The online check lives in `linkcheck_online.py`;
`check_links` is what `muqabala links` runs.
"""

from __future__ import annotations

import functools
import html
import os
import posixpath
import re
import time
from collections import Counter
from collections.abc import Callable
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
# so a `>` inside a quoted value does not end the tag.
_TAG = re.compile(r"""<[a-zA-Z](?:[^>"'=]++|=++\s*+(?:"[^"]*+"|'[^']*+')?|["'])*+>""")
# The same, but a tag cut by the end of the text is found too (without its `>`): how a piece
# of a page tells that it ends inside a tag.
_TAG_OR_END = re.compile(_TAG.pattern[:-1] + r"(?:>|\Z)")
# What `html.parser` does not read tags in: comments, and the text of script and style elements.
_SKIPPED = re.compile(r"<(?:!--|(script|style)(?=[\t\n\r\f />]))", re.IGNORECASE)
_COMMENT_END = re.compile(r"--\s*>")
# A tag's name and each attribute: `html.parser`'s own patterns (Python 3.11), so that a tag
# is read into the same names and values.
_TAG_NAME = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTRIBUTE = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*""")

# Every tag that holds an id or a link has one of these attributes with a value (`_targets`).
_MAY_HOLD = re.compile(r"(?:id|name|href|src|srcset|poster|data|http-equiv)\s*=", re.IGNORECASE)

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


def _tags(text: str, tag: re.Pattern[str] = _TAG) -> tuple[Counter[str], bool]:
    """Every start tag of the text as written (its text → how often), outside comments and
    outside the text of script and style elements; and whether the text ends *closed*.

    Closed means that nothing the scanner reads runs to the end of the text: no start tag
    (read with `tag=_TAG_OR_END`, a tag cut by the end of its stretch does not end with `>`),
    comment, script or style left open, and no quoted value without its closing quote. The
    text after a closed text is then read alike on its own and after it (see `_chunk`).
    """
    tags: Counter[str] = Counter()
    pos = 0
    closed = True
    while True:
        m = _SKIPPED.search(text, pos)
        found = tag.findall(text, pos, m.start() if m else len(text))
        if found and found[-1][-1] != ">":
            closed = False  # only the last of a stretch can run to its end
        tags.update(found)
        if not m:
            return tags, closed and _quotes_closed(text)
        if m.group(1) is None:
            close = _COMMENT_END.search(text, m.end())
            if not close:
                return tags, False
            pos = close.end()
            continue
        start = _TAG.match(text, m.start())
        if not start:
            pos = m.end()  # `<script` never closed by `>`: text, not a tag
            closed = False
            continue
        tags[start.group()] += 1
        close = re.compile(rf"</\s*{m.group(1)}\s*>", re.IGNORECASE).search(text, start.end())
        if not close:
            return tags, False
        pos = close.end()


def _quotes_closed(text: str) -> bool:
    """Neither quote's last occurrence may open a value (`="`, `= '`): `_TAG` reads such a
    quote as a lone character when no closing quote follows in the text, and the text after it
    could hold one. Too long a run of spaces before it counts as open too."""
    for quote in "\"'":
        i = text.rfind(quote)
        before = text[max(0, i - 64) : i].rstrip()
        if i > 0 and (before.endswith("=") or (i >= 64 and not before)):
            return False
    return True


def _parse_text(text: str, seen: dict[str, _Targets]) -> _Page:
    """The page's targets and links, reading only the tags that hold any.

    A site repeats the same tags on every page (header, navigation, footer): each distinct
    tag is read once, in `seen`, and found there on every later page.
    """
    page = _Page()
    for raw, count in _tags(text)[0].items():
        found = seen.get(raw)
        if found is None:
            found = seen[raw] = _tag_targets(raw)
        if found is not _NOTHING:
            page.ids.update(found[0])
            for link in found[1]:
                page.links[link] += count
    return page


_CUT = b"</li>"
"""Where `_SiteReader` cuts a page into pieces: an end tag, which the scanner reads as text
(no start tag, comment or script begins inside it), found on every line of a navigation."""

_NO_UP = 1 << 30


@dataclass(frozen=True, eq=False)
class _Piece:
    """What one piece of a page holds, read once however many pages repeat it."""

    ids: frozenset[str]
    links: tuple[tuple[str, int], ...]
    """Each link as written, with how often the piece makes it."""
    closed: bool
    """Ends outside any tag, comment, script or quoted value (`_tags`)."""
    local: bool
    """Makes a link whose target depends on its page itself: `#x`, `?q`, an empty one."""
    up: int
    """The fewest leading `../` of its links relative to the page's folder (`_NO_UP` with none)."""


class _SiteReader:
    """Reads pages as `_parse_text` does, a piece at a time.

    The header, navigation and footer repeat on every page of a language, in the same pieces:
    a page is cut at `_CUT` and each distinct piece is scanned once. That is exact when every
    piece ends *closed* (`_tags`): a page starts outside any tag, so by induction each piece
    then starts where the scan of the whole page would be between tags, and the cut (an end
    tag) is text to it. A page with a piece that does not end closed is read whole.
    """

    def __init__(self, site_prefix: str | None) -> None:
        self.site_prefix = site_prefix
        self.seen: dict[str, _Targets] = {}
        self.empty: set[str] = set()
        """Tags known to hold no id and no link: most of a page's, skipped without a look-up."""
        self.pieces: dict[bytes, _Piece] = {}

    def page(self, data: bytes) -> list[_Piece]:
        pieces = self.pieces
        read = [pieces.get(raw) or self._new(raw) for raw in data.split(_CUT)]
        if all(piece.closed for piece in read):
            return read
        page = _parse_text(data.decode("utf-8", errors="replace"), self.seen)
        return [self._piece(page, True)]

    def _new(self, raw: bytes) -> _Piece:
        tags, closed = _tags(raw.decode("utf-8", errors="replace"), _TAG_OR_END)
        page = _Page()
        for tag in tags.keys() - self.empty:
            found = self.seen.get(tag)
            if found is None:
                found = _tag_targets(tag) if tag[-1] == ">" and _MAY_HOLD.search(tag) else _NOTHING
                if found is _NOTHING:
                    self.empty.add(tag)
                    continue
                self.seen[tag] = found
            page.ids.update(found[0])
            for link in found[1]:
                page.links[link] += tags[tag]
        piece = self.pieces[raw] = self._piece(page, closed)
        return piece

    def _piece(self, page: _Page, closed: bool) -> _Piece:
        local, up = False, _NO_UP
        for link in page.links:
            target = _on_site(link, self.site_prefix).strip()
            if not target or target.startswith(("#", "?")):
                local = True
            elif not (_SCHEME.match(target) or target.startswith("/")):
                up = min(up, _ups(_on_site(link, self.site_prefix)))
        return _Piece(frozenset(page.ids), tuple(page.links.items()), closed, local, up)


def _on_site(link: str, site_prefix: str | None) -> str:
    """An absolute link to the site itself as a root-absolute one."""
    return "/" + link[len(site_prefix) :] if site_prefix and link.startswith(site_prefix) else link


def _ups(link: str) -> int:
    """How many leading `../` `_level` takes off the link, however deep its page."""
    up = 0
    while link.startswith("../", 3 * up) and link[3 * up + 3 : 3 * up + 4] not in ("", "#", "?"):
        up += 1
    return up


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
    site_prefix = site_url.rstrip("/") + "/" if site_url else None
    reader = _SiteReader(site_prefix)
    read = {p: reader.page((site_dir / p).read_bytes()) for p in pages}
    ids = {p: frozenset().union(*[piece.ids for piece in pieces if piece.ids]) for p, pieces in read.items()}
    base_path = urlsplit(site_prefix).path if site_prefix else "/"
    report = LinkReport(pages=len(pages))
    # A link resolves alike from every folder below the same ancestor once its leading `../`
    # are taken off: the navigation's links are checked once per level of the site, not once
    # per page. A link within the page itself (`#x`, `?q`, empty) depends on the page. A
    # piece's links are checked together, once per page for a piece with such a link and
    # otherwise once per ancestor its fewest `../` climb to.
    known: dict[tuple[str, str], str | None] = {}
    verdicts: dict[tuple[_Piece, object], tuple[int, list[tuple[str, str]]]] = {}
    check = functools.partial(_check_link, base_path=base_path, files=files, dirs=dirs, ids=ids)
    for page in pages:
        ancestors = [posixpath.dirname(page)]
        while ancestors[-1]:
            ancestors.append(posixpath.dirname(ancestors[-1]))
        depth = len(ancestors) - 1
        for piece in read[page]:
            if not piece.links:
                continue
            if piece.local:
                key: object = page
            else:
                up = min(piece.up, depth)
                key = (up, ancestors[up])
            verdict = verdicts.get((piece, key))
            if verdict is None:
                verdict = verdicts[piece, key] = _verdict(piece, page, ancestors, site_prefix, known, check)
            report.links += verdict[0]
            report.problems.extend(LinkProblem(page, link, reason) for link, reason in verdict[1])
    report.problems = sorted(set(report.problems))
    return report


def _verdict(
    piece: _Piece,
    page: str,
    ancestors: list[str],
    site_prefix: str | None,
    known: dict[tuple[str, str], str | None],
    check: Callable[[str, str], str | None],
) -> tuple[int, list[tuple[str, str]]]:
    """How many of the piece's links are ours to check on `page`, and each broken one with why."""
    count = 0
    problems: list[tuple[str, str]] = []
    for link, n in piece.links:
        target = _on_site(link, site_prefix)
        if target.strip().startswith(("#", "?")) or not target.strip():
            reason = check(page, target)
        else:
            key = _level(ancestors, target)
            if key not in known:
                known[key] = check(page, target)
            reason = known[key]
        if reason is None:
            continue
        if reason:
            problems.append((link, reason))
        count += n
    return count, problems


def _level(ancestors: list[str], link: str) -> tuple[str, str]:
    """(folder, link) with each leading `../` of the link taken off and the folder climbed
    instead (`ancestors`: the page's folder, its parent... up to the site's root): a pair that
    resolves to the same target, shared by the folder's siblings."""
    up = 0
    while (
        up < len(ancestors) - 1
        and link.startswith("../", 3 * up)
        and link[3 * up + 3 : 3 * up + 4] not in ("", "#", "?")
    ):
        up += 1
    return ancestors[up], link[3 * up :]


def _check_link(
    page: str, link: str, base_path: str, files: set[str], dirs: set[str], ids: dict[str, frozenset[str]]
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
    if fragment and target in ids:
        anchor = unquote(fragment)
        if anchor not in ids[target]:
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
