"""Reading a built page's links and ids as `html.parser` reads them, without parsing the page.

Start tags are found with regular expressions and each distinct one is read once with
`html.parser`'s own attribute patterns (a site repeats its header and navigation on every
page), and a tag known to hold no id and no link is passed over on later pages: the same
links and ids as `HTMLParser` finds, in a fraction of its time. The link check
(`tools.links`) reads pages with it, and the build records with it what each page it wrote
holds (`site.linkmanifest`).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

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


def page_text(raw: bytes) -> str:
    """A page's bytes as `Path.read_text(encoding="utf-8", errors="replace")` reads them
    (universal newlines: `\\r\\n` and a lone `\\r` become `\\n`)."""
    text = raw.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
