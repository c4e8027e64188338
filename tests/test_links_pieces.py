"""The link check reads a page a piece at a time (issue 17 item 5): the same ids and links as
reading the page whole, and the same findings as the checker it replaced, on hostile pages."""

from __future__ import annotations

import os
import posixpath
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import write_tree
from muqabala.tools.links import _CUT, _check_link, _level, _parse_text, _SiteReader, check_site, scan_site
from muqabala.tools.urls import LinkProblem, LinkReport
from test_links import GOOD, TRICKY, page

CUT = _CUT.decode()


def by_pieces(text: str, site_prefix: str | None = None) -> tuple[set[str], Counter[str]]:
    """The ids and links of a page as the reader finds them, its pieces put together."""
    ids: set[str] = set()
    links: Counter[str] = Counter()
    for piece in _SiteReader(site_prefix).page(text.encode("utf-8")):
        ids |= piece.ids
        links.update({link: n for link, n in piece.links})
    return ids, links


def whole(text: str) -> tuple[set[str], Counter[str]]:
    found = _parse_text(text, {})
    return found.ids, found.links


# Pages cut where a piece must not end: inside a quoted value, a tag, a comment, a script or a
# style, with a quote left open, and a `<script` or `<!--` cut by the end of a piece.
HOSTILE = [
    f'<ul><li><a href="a.html">a</a>{CUT}<li id="b"><a href="b.html">b</a>{CUT}</ul>',
    f'<a title="x{CUT}" href="in-quote.html">1</a><a href="after.html">',
    f"<a title='x{CUT}' href='in-quote.html'>1</a><a href='after.html'>",
    f'<a title=x{CUT} href="unquoted.html"><a href="after.html">',
    f'<a href="a.html"\n{CUT}\nid="open-tag">',
    f'<!-- <a href="commented.html">{CUT}<a href="still-commented.html"> --><a href="kept.html">',
    f'<script>var s = "{CUT}<a href=\\"in-script.html\\">";</script><a href="after.html">',
    f"<style>li::after{{content:'{CUT}<a href=\"in-style.html\">'}}</style><a href='after.html'>",
    f'<a title="x>{CUT}<a href="not-a-tag.html">"><a href="after.html">',
    f'x = "{CUT}<a href="q.html">"',
    f"<a href='a.html' title= '{CUT}<a href=\"b.html\">'>",
    f'<scrip{CUT}t src="s.js"><a href="a.html">',
    f'<!-{CUT}- <a href="a.html"> -->',
    f'<script src="s.js"{CUT}><a href="a.html"></script><a href="b.html">',
    f'<a href="x.html" title="{" " * 70}{CUT}">',
    f'<a href="a.html" title={" " * 70}"{CUT}">',
    f"<a href=\"a.html\">{CUT}<a <b href='x'{CUT}>",
    f'<a href="a.html">{CUT}<a title="<b href=c.html>" x',
    f'<li id="&#x627;">{CUT}<a href="f.html?a=1&amp;b=2#s&eacute;">{CUT}<A HREF=e.html NAME=top>',
    f'<p id="one">{CUT}<p id="one"><a href="#one">{CUT}<a href="#one">',
]


@pytest.mark.parametrize("text", TRICKY + HOSTILE)
def test_pieces_read_as_the_whole_page(text: str) -> None:
    assert by_pieces(text) == whole(text)


def test_invalid_utf8_reads_alike() -> None:
    data = b'<a href="a.html">' + b"\xe2\x82" + _CUT + b'\xff<a id="b\xed\xa0">' + _CUT + b"\xf0\x9f"
    ids: set[str] = set()
    links: Counter[str] = Counter()
    for piece in _SiteReader(None).page(data):
        ids |= piece.ids
        links.update(dict(piece.links))
    assert (ids, links) == whole(data.decode("utf-8", errors="replace"))


# Fragments that open and close what the scanner reads, so that random pages end pieces in
# every state.
FRAGMENTS = [
    CUT,
    "<li>",
    '<a href="a.html">',
    "<a href=b.html>",
    "<a id='c'>",
    '<a name="d">',
    "<img src=",
    "<img srcset='e.png 1x'>",
    " href=",
    " id=",
    '"',
    "'",
    "=",
    ">",
    "<",
    " ",
    "\n",
    "x",
    "<!--",
    "-->",
    "--",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<scr",
    "ipt>",
    "&amp;",
    "#",
    "</li",
]


# Mostly well-formed fragments: pages that do read in pieces, with a hostile one here and there.
WELL_FORMED = [CUT, "<li>", '<a href="a.html">', "<a href=b.html>", '<a id="c">', "x", "\n", "<p>", "</p>", "<br/>"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_any_page_reads_alike_in_pieces(fragments: list[str]) -> None:
    text = "".join(fragments)
    assert by_pieces(text) == whole(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WELL_FORMED), st.sampled_from(WELL_FORMED), st.sampled_from(FRAGMENTS))))
def test_mostly_well_formed_pages_read_alike_in_pieces(fragments: list[str]) -> None:
    text = "".join(fragments)
    assert by_pieces(text) == whole(text)


def test_a_page_of_closed_pieces_is_read_in_pieces() -> None:
    text = nav(2, "en/") + nav(2, "ar/")
    assert len(_SiteReader(None).page(text.encode())) == 15
    assert by_pieces(text) == whole(text)


# --- the checker this one replaced, kept to compare their findings ----------------------------


def reference_scan(site_dir: Path, site_url: str | None = None) -> LinkReport:
    """`scan_site` as it was before pages were read in pieces: each page whole, each link of
    each page resolved (once per ancestor folder and link without its leading `../`)."""
    files: set[str] = set()
    dirs: set[str] = {""}
    for folder, subdirs, names in os.walk(site_dir):
        rel = Path(folder).relative_to(site_dir).as_posix()
        rel = "" if rel == "." else rel
        dirs.update(posixpath.join(rel, d) for d in subdirs)
        files.update(posixpath.join(rel, n) for n in names)
    pages = sorted(f for f in files if f.endswith(".html"))
    seen: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    parsed = {p: _parse_text((site_dir / p).read_text(encoding="utf-8", errors="replace"), seen) for p in pages}
    ids = {p: frozenset(found.ids) for p, found in parsed.items()}
    site_prefix = site_url.rstrip("/") + "/" if site_url else None
    base_path = urlsplit(site_prefix).path if site_prefix else "/"
    report = LinkReport(pages=len(pages))
    known: dict[tuple[str, str], str | None] = {}
    for p in pages:
        ancestors = [posixpath.dirname(p)]
        while ancestors[-1]:
            ancestors.append(posixpath.dirname(ancestors[-1]))
        for link, count in parsed[p].links.items():
            target = "/" + link[len(site_prefix) :] if site_prefix and link.startswith(site_prefix) else link
            if target.strip().startswith(("#", "?")) or not target.strip():
                reason = _check_link(p, target, base_path, files, dirs, ids)
            else:
                key = _level(ancestors, target)
                if key not in known:
                    known[key] = _check_link(p, target, base_path, files, dirs, ids)
                reason = known[key]
            if reason is None:
                continue
            if reason:
                report.problems.append(LinkProblem(p, link, reason))
            report.links += count
    report.problems = sorted(set(report.problems))
    return report


def nav(depth: int, active: str) -> str:
    """A navigation repeated on every page, as Material writes it: relative to the page's depth,
    the active item marked, each item ending a piece."""
    up = "../" * depth
    items = ["", "en/", "ar/", "en/statements/eu/", "en/missing/", "en/statements/eu/#p1-s1", "en/#gone"]
    lines = [
        f'<li class="{"active" if item == active else "item"}"><a href="{up}{item}">{item or "home"}</a>{CUT}'
        for item in items
    ]
    return '<nav id="nav"><ul>' + "\n".join(lines) + "</ul></nav>"


def hostile_site(tmp_path: Path) -> Path:
    """The good site of test_links, every page given the same navigation, plus pages of every
    hostile kind at several depths and links that climb out of the site."""
    files: dict[str, str] = {}
    for rel, text in GOOD.items():
        if rel.endswith(".html"):
            depth = rel.count("/")
            text = text.replace("<body>", "<body>" + nav(depth, posixpath.dirname(rel) + "/"))
        files[rel] = text
    for i, text in enumerate(TRICKY + HOSTILE):
        files[f"en/t{i}/index.html"] = page(nav(2, "") + text)
        files[f"en/deep/t{i}/x/index.html"] = page(nav(4, "") + text + '<a href="../../../../../out.html">')
    files["en/renamed/index.html"] = page(nav(2, "") + '<a href="../statements/eu/#p1-s2">', '<p id="p1-s2-renamed">')
    files["en/prefixed/index.html"] = page(
        nav(2, "") + '<a href="https://x.github.io/muqabala/en/#intro">'
        '<a href="https://x.github.io/muqabala/en/gone/">'
        '<a href=" ../statements/eu/#p1-s1"><a href="?q=1"><a href="#nav">'
    )
    return write_tree(tmp_path / "site", files)


@pytest.mark.parametrize("site_url", [None, "https://x.github.io/muqabala/", "https://x.github.io/"])
def test_the_same_findings_as_the_checker_it_replaced(tmp_path: Path, site_url: str | None) -> None:
    root = hostile_site(tmp_path)
    new, old = scan_site(root, site_url), reference_scan(root, site_url)
    assert (new.pages, new.links) == (old.pages, old.links)
    assert [str(p) for p in new.problems] == [str(p) for p in old.problems]
    assert len(new.problems) > 20  # the navigation's broken items on every page, and the rest


def test_a_broken_navigation_item_is_reported_on_every_page(tmp_path: Path) -> None:
    root = hostile_site(tmp_path)
    missing = [p.page for p in check_site(root) if p.link.endswith("en/missing/")]
    html_pages = sorted(str(p.relative_to(root)) for p in root.rglob("*.html"))
    assert missing == html_pages
