"""The search entries of our generated pages, made from their finished HTML without `html.parser`.

Material's search plugin reads every page's HTML once more with `html.parser` to cut it into
sections (one per heading with an id) and keep their text: at 100x that was 38 of a build's 203
CPU-seconds, nearly all of it on the pages we generate. The plugin now marks those pages
`search: exclude` for Material, which goes on indexing the hand-written pages, and makes their
entries here: the same sections, titles and texts Material would make, read with one regular
expression over the page's content (our own HTML, escaped by `render/escape.py`, and Markdown's
headings) instead of a parser in Python. `add_entries` puts them into the built index, folded
for Arabic search like every other entry (`render/search.py`).

The rules are Material's (`material/plugins/search/plugin.py`, 9.x), kept to the letter so the
index comes out the same (a test compares both on every page of the shipped case and of the
hostile pages): a section starts at each h1-h6 with an id, the first one's location is the page
itself and text before it is a section titled with the page's title; the tags p, code, pre, li,
ol, ul, sub and sup are kept bare and dropped when empty, every other tag is dropped; script,
style and object are skipped with their content, as is anything marked `data-search-exclude`;
a heading's permalink (`a.headerlink`) is left out of its title; whitespace is collapsed
outside `pre`. MkDocs-free.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from muqabala.site.render.search import fold_index

_TOKEN = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>"  # raw text: skipped with its element
    r"|<!--.*?-->|<[!?][^>]*>"  # comments, declarations, processing instructions
    r"|<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|([^<]+|<)",
    re.S | re.I,
)
_ATTR = re.compile(r"""([^\s/>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_KEEP = frozenset(("p", "code", "pre", "li", "ol", "ul", "sub", "sup"))
_ALWAYS_SKIPPED = frozenset(("object", "script", "style"))
_WANTED = re.compile("headerlink|data-search-exclude|linenodiv")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


@dataclass
class _Section:
    tag: str
    depth: float = 0
    id: str | None = None
    excluded: bool = False
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def _attrs(raw: str) -> dict[str, str]:
    out = {}
    for m in _ATTR.finditer(raw):
        value = next((v for v in m.group(2, 3, 4) if v is not None), "")
        out[m[1].lower()] = html.unescape(value)
    return out


class _Reader:
    """Material's `Parser` over a stream of regex tokens. Elements compare by tag name there, so
    the open elements and the skipped ones are tag names here, counted for quick membership."""

    def __init__(self) -> None:
        self.context: list[str] = []
        self.open: dict[str, int] = {}
        self.headerlink: list[bool] = []
        self.headerlinks = 0
        self.skip = set(_ALWAYS_SKIPPED)
        self.section: _Section | None = None
        self.data: list[_Section] = []

    def _preface(self) -> _Section:
        if self.section is None:
            self.section = _Section("hx")
            self.data.append(self.section)
        return self.section

    def _skipping(self) -> bool:
        return any(self.open.get(tag) for tag in self.skip)

    def _target(self, section: _Section) -> list[str]:
        return section.title if self.open.get(section.tag) else section.text

    def start(self, tag: str, raw: str) -> None:
        if tag in _VOID:
            return
        self.context.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        # Only a few attributes matter: the tags of most elements are not read further.
        if tag not in _HEADINGS and not (raw and _WANTED.search(raw)):
            self.headerlink.append(False)
            section = self._preface()
            if tag in _KEEP and not self._skipping():
                self._target(section).append(f"<{tag}>")
            return
        attrs = _attrs(raw)
        link = tag == "a" and attrs.get("class") == "headerlink"
        self.headerlink.append(link)
        self.headerlinks += link
        if tag in _HEADINGS and "id" in attrs:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = _Section("hx", depth)
                self.data.append(self.section)
            self.section = _Section(tag, depth, excluded="data-search-exclude" in attrs)
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        section = self._preface()
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skip.add(tag)
                return
        if tag in _KEEP and not self._skipping():
            self._target(section).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.context or self.context[-1] != tag:
            return
        section = self.section
        assert section is not None  # a start tag made one
        if section.depth > len(self.context):
            for before in reversed(self.data):
                if before.depth <= len(self.context):
                    section.depth = float("inf")
                    self.section = section = before
                    break
        self.context.pop()
        self.open[tag] -= 1
        self.headerlinks -= self.headerlink.pop()
        if tag in self.skip:
            if tag not in _ALWAYS_SKIPPED:
                self.skip.discard(tag)
            return
        if tag in _KEEP and not self._skipping():
            data = self._target(section)
            index = data.index(f"<{tag}>")
            if all(d.isspace() for d in data[index + 1 :]):
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def text(self, data: str) -> None:
        if self._skipping():
            return
        pre = self.open.get("pre")
        if not pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        section = self._preface()
        if self.open.get(section.tag):
            if not self.headerlinks:
                section.title.append(html.escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or pre:
                section.text.append(data)
        else:
            section.text.append(html.escape(data, quote=False))


def page_entries(content: str, url: str, title: str, meta: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The search index entries of one page: `content` is its HTML as MkDocs hands it to the
    theme, `url` its address in the site, `title` the title of text before its first heading,
    `meta` its front matter (`tags` and `search.boost` go into every entry, as Material does)."""
    reader = _Reader()
    for raw_text, slash, tag, raw, data in _TOKEN.findall(content):
        if raw_text:
            reader.start(raw_text.lower(), "")
            reader.end(raw_text.lower())
        elif tag:
            tag = tag.lower()
            if slash:
                reader.end(tag)
            else:
                reader.start(tag, raw)
                if raw.endswith("/"):
                    reader.end(tag)
        elif data:
            reader.text(html.unescape(data) if "&" in data else data)
    entries: list[dict[str, Any]] = []
    for section in reader.data:
        if section.excluded:
            continue
        entries.append(
            {
                "location": f"{url}#{section.id}" if section.id else url,
                "title": "".join(section.title).strip() if section.title else title,
                "text": "".join(section.text).strip(),
            }
        )
    meta = meta or {}
    tags = meta.get("tags")
    search = meta.get("search") or {}
    for entry in entries:
        if isinstance(tags, list):
            entry["tags"] = [str(tag) for tag in tags if tag and isinstance(tag, (str, int, float, bool))]
        if "boost" in search:
            entry["boost"] = search["boost"]
    return entries


PageEntries = tuple[str, list[dict[str, Any]] | None]
"""A page's address and its search entries; None for a page Material's search indexed."""


def add_entries(path: Path, pages: list[PageEntries]) -> None:
    """Put our pages' entries into the built index at `path`, each page in its place in build
    order as Material would have put it, and fold the whole index for Arabic search."""
    data = json.loads(path.read_text(encoding="utf-8"))
    material: list[dict[str, Any]] = data.get("docs", [])
    docs: list[dict[str, Any]] = []
    taken = 0
    for url, entries in pages:
        if entries is not None:
            docs += entries
            continue
        while taken < len(material) and _belongs(material[taken]["location"], url):
            docs.append(material[taken])
            taken += 1
    data["docs"] = docs + material[taken:]
    fold_index(data)
    _write(path, data)


def _belongs(location: str, url: str) -> bool:
    return location == url or location.startswith(url + "#")


def merge_entries(path: Path, pages: list[PageEntries], order: list[str], previous: list[dict[str, Any]]) -> None:
    """`add_entries` after a dirty build, which indexed only the pages it built again (`pages`):
    every other page of `order` (all pages' addresses in build order) keeps its entries from
    `previous`, the docs of the index this build replaced (folded already), so the index comes
    out as a full build would make it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    built = dict(pages)
    material = _by_page(data.get("docs", []))
    before = _by_page(previous)
    docs: list[dict[str, Any]] = []
    fresh: dict[str, Any] = {"docs": [], "config": data.setdefault("config", {})}
    for url in order:
        if url in built:
            entries = built[url]
            entries = material.get(url, []) if entries is None else entries
            fresh["docs"] += entries
            docs += entries
        else:
            docs += before.get(url, [])
    # Only the new entries are folded: the kept ones were folded by the build that made them.
    fold_index(fresh)
    data["docs"] = docs
    _write(path, data)


def previous_docs(path: Path) -> list[dict[str, Any]] | None:
    """The docs of the search index at `path`, which a dirty build is about to replace; None when
    there is none to read."""
    try:
        raw = path.read_bytes()
        kept = _written.get(hashlib.sha256(raw).hexdigest())
        if kept is not None:
            return kept
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
    docs = data.get("docs") if isinstance(data, dict) else None
    return docs if isinstance(docs, list) else None


_written: dict[str, list[dict[str, Any]]] = {}
"""The docs of the index this process wrote last, by the hash of its bytes: a long-lived MkDocs
process (`muqabala serve`) reads its own last index back in the next dirty build without
parsing it again (a few MB at 10×). Never changed after writing: merges only copy them."""


def _write(path: Path, data: dict[str, Any]) -> None:
    raw = _dumps(data)
    path.write_bytes(raw)
    docs = data.get("docs")
    _written.clear()
    _texts.clear()
    if isinstance(docs, list):
        _written[hashlib.sha256(raw).hexdigest()] = docs
        _texts.update(_last)
    _last.clear()


_texts: dict[int, tuple[dict[str, Any], bytes]] = {}
"""Each doc of the index this process wrote last, as UTF-8 JSON, by the doc's `id` (the doc kept
beside it, so the id cannot be another's): a dirty build writes again the entries of every page it
did not build, and reuses their bytes instead of encoding them anew."""
_last: dict[int, tuple[dict[str, Any], bytes]] = {}
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _dumps(data: dict[str, Any]) -> bytes:
    """`json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")`, the docs'
    bytes reused from the last index written (`_texts`): the same bytes, joined once. (Joined as
    text and then encoded, the 11 MB index of a 10x site was copied three times more: 0.19 s of
    each language's MkDocs process on every edit in `serve`.)"""

    def dump(value: Any) -> bytes:
        return _ENCODER.encode(value).encode("utf-8")

    def doc_bytes(doc: Any) -> bytes:
        kept = _texts.get(id(doc))
        raw = kept[1] if kept is not None and kept[0] is doc else dump(doc)
        if isinstance(doc, dict):
            _last[id(doc)] = (doc, raw)
        return raw

    if not all(isinstance(key, str) for key in data):
        return dump(data)  # what `json` would do with such keys: left to it
    out = [b"{"]
    for n, (key, value) in enumerate(data.items()):
        out += [b"," if n else b"", dump(key), b":"]
        if key == "docs" and isinstance(value, list):
            out.append(b"[")
            for i, doc in enumerate(value):
                if i:
                    out.append(b",")
                out.append(doc_bytes(doc))
            out.append(b"]")
        else:
            out.append(dump(value))
    out.append(b"}")
    return b"".join(out)


def _by_page(docs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Entries grouped by their page's address (a location is the address, or it and `#` and an id)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        out.setdefault(str(doc.get("location", "")).partition("#")[0], []).append(doc)
    return out
