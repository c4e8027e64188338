"""What each page of a built site links to and which ids it holds, recorded by the build.

`muqabala build` writes `site/.muqabala-links.json` after MkDocs: for every HTML page its
SHA-256, its ids, and its links resolved to the file and fragment they point at. 84 % of a
page's bytes are its header and navigation, and every page of a language links to the same
pages through them: resolved, the 170,000 links of the 10× site are 9,300 distinct targets.
The link check (`tools.links.scan_site`) reads every page once and hashes it; a page whose
hash is the recorded one is known without parsing, and each distinct target is checked once
for the whole site. A page that changed since the build, or that the manifest does not know,
is parsed in full, as is every page that uses a target found broken: the findings are those
of parsing every page.

The file starts with a dot, so GitHub Pages' upload action leaves it out of the published
site (`actions/upload-pages-artifact` v4 skips hidden files), like `.muqabala-site`.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from muqabala.site.htmltags import _parse_text, _Targets, page_text

MANIFEST = ".muqabala-links.json"
VERSION = 1

SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
ABSOLUTE = 1 << 30


def kind(link: str, site_prefix: str | None) -> tuple[str, int]:
    """The link as checked (an absolute link to the site itself made root-absolute) and how it
    resolves: -1 within its page (`#x`, `?q`, empty), `ABSOLUTE` alike from every page (a
    scheme, `/…`), else the number of leading `../` it climbs. From a page `depth` folders deep
    it resolves as the link without its first `min(up, depth)` `../` does from the page's
    ancestor that many folders up: alike for every page below that ancestor."""
    target = "/" + link[len(site_prefix) :] if site_prefix and link.startswith(site_prefix) else link
    stripped = target.strip()
    if not stripped or stripped.startswith(("#", "?")):
        return target, -1
    if SCHEME.match(stripped) or stripped.startswith("/"):
        return target, ABSOLUTE
    up = 0
    while target.startswith("../", 3 * up) and target[3 * up + 3 : 3 * up + 4] not in ("", "#", "?"):
        up += 1
    return target, up


def target_of(page: str, link: str) -> tuple[str, str]:
    """The path (from the site's root, normalised; `page` itself for `#x`, `?q` or an empty
    link) and the raw fragment that a link with neither scheme nor leading `/` points at."""
    path, _, fragment = link.strip().partition("#")
    path = unquote(path.partition("?")[0])
    if not path:
        return page, fragment
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)), fragment


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@dataclass
class _Record:
    """One page as recorded: its digest, how many links it makes with neither scheme nor
    leading `/`, its ids, those links' targets, and its other links with how often it makes each."""

    digest: str
    count: int
    ids: list[str]
    targets: list[tuple[str, str]]
    absolute: dict[str, int]


@dataclass
class Manifest:
    """The recorded site: pages by path, every distinct target with the pages that use it
    (`users`, decoded only when the target is broken), and the links that resolve alike from
    every page, with each page's count."""

    paths: dict[str, int]
    records: list[tuple[str, int, list[str]]]
    """(digest, count, ids) of each page, by its index in `paths`."""
    targets: list[tuple[str, str, str]]
    """(path, fragment, users): `users` the indices of the pages using it, as `1,4-9`."""
    absolute: list[tuple[str, list[tuple[int, int]]]]
    """(link, [(page index, count), ...])."""


def load(site_dir: Path) -> Manifest | None:
    """The manifest of `site_dir`, or None when it has none that this version reads."""
    try:
        data = json.loads((site_dir / MANIFEST).read_bytes())
        if data.get("version") != VERSION:
            return None
        pages = data["pages"]
        manifest = Manifest(
            paths={p[0]: i for i, p in enumerate(pages)},
            records=[(p[1], p[2], p[3]) for p in pages],
            targets=[(t[0], t[1], t[2]) for t in data["targets"]],
            absolute=[(a[0], [(r[0], r[1]) for r in a[1]]) for a in data["absolute"]],
        )
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    # A file edited by hand is ignored rather than read into a traceback.
    ok = all(type(p) is str for p in manifest.paths) and all(
        type(sha) is str and type(count) is int and type(ids) is list and all(type(x) is str for x in ids)
        for sha, count, ids in manifest.records
    )
    ok = ok and all(type(p) is str and type(f) is str and _USERS.fullmatch(u) for p, f, u in manifest.targets)
    ok = ok and all(
        type(link) is str and all(type(i) is int and type(c) is int for i, c in refs)
        for link, refs in manifest.absolute
    )
    return manifest if ok else None


_USERS = re.compile(r"\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*")


def users_of(encoded: str) -> list[int]:
    """The page indices of `encode_users`' text."""
    found: list[int] = []
    for part in encoded.split(","):
        first, _, last = part.partition("-")
        found.extend(range(int(first), int(last or first) + 1))
    return found


def encode_users(indices: list[int]) -> str:
    """Sorted page indices as runs: `[1, 4, 5, 6]` → `1,4-6` (a navigation link is used by
    every page of its language, which sort next to each other)."""
    runs: list[str] = []
    start = prev = indices[0]
    for i in indices[1:] + [-2]:
        if i != prev + 1:
            runs.append(str(start) if start == prev else f"{start}-{prev}")
            start = i
        prev = i
    return ",".join(runs)


def html_pages(site_dir: Path) -> list[str]:
    """Every HTML file of the site, as sorted paths from its root."""
    found = []
    for folder, _subdirs, names in os.walk(site_dir):
        rel = Path(folder).relative_to(site_dir).as_posix()
        rel = "" if rel == "." else rel
        found += [posixpath.join(rel, n) for n in names if n.endswith(".html")]
    return sorted(found)


def record(site_dir: Path, previous: Path | None = None) -> None:
    """Write the manifest of the site built in `site_dir`. A page whose path and bytes are those
    recorded in the manifest `previous` (the published site's) is taken from it unparsed.

    When the site has the published one's pages, the published manifest is edited for the pages
    that changed (`_edited`) rather than rebuilt: after an edit a rebuild rewrites a few pages
    of thousands, and the others are hard links to the published ones, known by their inode
    without being read. Either way the file is the one recording every page from scratch writes."""
    pages = html_pages(site_dir)
    manifest = load(previous) if previous is not None else None
    if previous is not None and manifest is not None and list(manifest.paths) == pages:
        data = _edited(site_dir, previous, pages, manifest)
    else:
        data = _recorded(site_dir, pages, _records(previous) if previous is not None else {})
    # A file of its own, renamed over the old name: a rebuild's site starts as hard links to the
    # published one, whose manifest must not change before the swap.
    fresh = site_dir / f".{MANIFEST}.new"
    fresh.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(fresh, site_dir / MANIFEST)


class _Parser:
    """Pages parsed into records, sharing what one page's parse finds for the next: the tags
    seen, the targets resolved from each ancestor folder, each link's kind."""

    def __init__(self) -> None:
        self.seen: dict[str, _Targets] = {}
        self.empty: set[str] = set()
        self.kinds: dict[str, int] = {}
        # A link climbing `up` folders resolves as the rest of it does from that ancestor (`kind`):
        # the navigation's links are resolved once per ancestor, not once per page.
        self.resolved: dict[tuple[str, str], tuple[str, str]] = {}

    def parse(self, page: str, raw: bytes, sha: str) -> _Record:
        parsed = _parse_text(page_text(raw), self.seen, self.empty)
        rec = _Record(sha, 0, sorted(parsed.ids), [], {})
        ancestors = [posixpath.dirname(page)]
        while ancestors[-1]:
            ancestors.append(posixpath.dirname(ancestors[-1]))
        for link, count in parsed.links.items():
            up = self.kinds.get(link)
            if up is None:
                up = self.kinds[link] = kind(link, None)[1]
            if up == ABSOLUTE:
                rec.absolute[link] = count
                continue
            rec.count += count
            if up < 0:
                rec.targets.append(target_of(page, link))
                continue
            up = min(up, len(ancestors) - 1)
            key = (ancestors[up], link[3 * up :])
            target = self.resolved.get(key)
            if target is None:
                target = self.resolved[key] = target_of(page, link)
            rec.targets.append(target)
        return rec


def _read(site_dir: Path, page: str) -> tuple[bytes, str]:
    with open(os.path.join(site_dir, page), "rb") as f:
        raw = f.read()
    return raw, digest(raw)


def _recorded(site_dir: Path, pages: list[str], old: dict[str, _Record]) -> dict[str, object]:
    """The manifest's data, every page read; those whose digest `old` records are not parsed."""
    parser = _Parser()
    records: list[_Record] = []
    for page in pages:
        raw, sha = _read(site_dir, page)
        known = old.get(page)
        records.append(known if known is not None and known.digest == sha else parser.parse(page, raw, sha))
    users: dict[tuple[str, str], list[int]] = {}
    absolute: dict[str, list[tuple[int, int]]] = {}
    for i, rec in enumerate(records):
        for target in dict.fromkeys(rec.targets):
            users.setdefault(target, []).append(i)
        for link, count in rec.absolute.items():
            absolute.setdefault(link, []).append((i, count))
    return {
        "version": VERSION,
        "pages": [[page, rec.digest, rec.count, rec.ids] for page, rec in zip(pages, records, strict=True)],
        # Sorted: a page's tags are read in no fixed order, and the same site makes the same file.
        "targets": [[path, fragment, encode_users(used)] for (path, fragment), used in sorted(users.items())],
        "absolute": [[link, [list(r) for r in refs]] for link, refs in sorted(absolute.items())],
    }


def _edited(site_dir: Path, previous: Path, pages: list[str], manifest: Manifest) -> dict[str, object]:
    """The manifest's data for a site with the pages of the published site `previous`, from its
    manifest: a page that is the published file itself (a hard link, same inode) or has its
    recorded digest keeps its record; the others are parsed and their uses replace theirs."""
    parser = _Parser()
    changed: dict[int, _Record] = {}
    for i, page in enumerate(pages):
        try:
            a, b = os.stat(os.path.join(site_dir, page)), os.stat(os.path.join(previous, page))
            if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino):
                continue
        except OSError:
            pass
        raw, sha = _read(site_dir, page)
        if sha != manifest.records[i][0]:
            changed[i] = parser.parse(page, raw, sha)
    rows: list[list[object]] = [[page, *manifest.records[i]] for i, page in enumerate(pages)]
    for i, rec in changed.items():
        rows[i] = [pages[i], rec.digest, rec.count, rec.ids]
    added: dict[tuple[str, str], list[int]] = {}
    links: dict[str, list[tuple[int, int]]] = {}
    for i, rec in sorted(changed.items()):
        for target in dict.fromkeys(rec.targets):
            added.setdefault(target, []).append(i)
        for link, count in rec.absolute.items():
            links.setdefault(link, []).append((i, count))
    gone = set(changed)
    targets: list[list[str]] = []
    for path, fragment, used in manifest.targets:
        more = added.pop((path, fragment), [])
        if more or (gone and _holds(used, gone)):
            used = _edit_runs(used, gone, more)
        if used:
            targets.append([path, fragment, used])
    targets += [[path, fragment, encode_users(used)] for (path, fragment), used in added.items()]
    targets.sort(key=lambda t: (t[0], t[1]))
    absolute: list[list[object]] = []
    for link, refs in manifest.absolute:
        kept = [r for r in refs if r[0] not in gone] + links.pop(link, [])
        if kept:
            absolute.append([link, [list(r) for r in sorted(kept)]])
    absolute += [[link, [list(r) for r in refs]] for link, refs in links.items()]
    absolute.sort(key=lambda a: str(a[0]))
    return {"version": VERSION, "pages": rows, "targets": targets, "absolute": absolute}


def _runs(encoded: str) -> list[tuple[int, int]]:
    out = []
    for part in encoded.split(","):
        first, _, last = part.partition("-")
        out.append((int(first), int(last or first)))
    return out


def _holds(encoded: str, indices: set[int]) -> bool:
    """Whether `encode_users`' text holds one of `indices`, read as runs, not expanded."""
    return any(a <= i <= b for a, b in _runs(encoded) for i in indices)


def _edit_runs(encoded: str, remove: set[int], add: list[int]) -> str:
    """`encode_users` of the indices of `encoded` less `remove`, plus `add`, on its runs: a
    navigation target's users are thousands of pages in a few runs."""
    runs: list[tuple[int, int]] = []
    for a, b in _runs(encoded):
        cuts = sorted(i for i in remove if a <= i <= b)
        for i in cuts:
            if a <= i - 1:
                runs.append((a, i - 1))
            a = i + 1
        if a <= b:
            runs.append((a, b))
    runs += [(i, i) for i in add]
    runs.sort()
    merged: list[tuple[int, int]] = []
    for a, b in runs:
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in merged)


def _records(site_dir: Path) -> dict[str, _Record]:
    """The pages recorded in the manifest of `site_dir`, by path, with their targets."""
    manifest = load(site_dir)
    if manifest is None:
        return {}
    found = [_Record(sha, count, ids, [], {}) for sha, count, ids in manifest.records]
    for path, fragment, used in manifest.targets:
        for i in users_of(used):
            found[i].targets.append((path, fragment))
    for link, refs in manifest.absolute:
        for i, count in refs:
            found[i].absolute[link] = count
    return {page: found[i] for page, i in manifest.paths.items()}
