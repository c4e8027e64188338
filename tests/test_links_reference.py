"""The link check's faster reading (issue 17 item 5) finds what the checker it replaced found:
its patterns against the ones they replaced, and both checkers on a hostile site."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import write_tree
from muqabala.site.htmltags import _SKIPPED, _TAG, _parse_text
from muqabala.tools.links import _check_link, check_site, scan_site
from muqabala.tools.urls import LinkProblem, LinkReport
from test_links import GOOD, TRICKY, page

CUT = "</li>"

# The patterns as they were: the tag's loop as an alternation, script and style found with
# re.IGNORECASE.
TAG_BEFORE = re.compile(r"""<[a-zA-Z](?:[^>"'=]++|=++\s*+(?:"[^"]*+"|'[^']*+')?|["'])*+>""")
SKIPPED_BEFORE = re.compile(r"<(?:!--|(script|style)(?=[\t\n\r\f />]))", re.IGNORECASE)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="<a=b\"'> \n=x/", max_size=40))
def test_the_tag_pattern_finds_the_tags_it_found(text: str) -> None:
    assert _TAG.findall(text) == TAG_BEFORE.findall(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="<!-sScCrRiIpPtTyYlLeE\u017f\u0130\u0131\u212a />\t\nx", max_size=20))
def test_the_script_pattern_finds_what_it_found(text: str) -> None:
    assert [(m.span(), m.group(1)) for m in _SKIPPED.finditer(text)] == [
        (m.span(), m.group(1)) for m in SKIPPED_BEFORE.finditer(text)
    ]


# Pages with an end tag inside a quoted value, a tag, a comment, a script or a style, a quote
# left open, a `<script` or `<!--` cut in two.
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
def test_a_page_reads_alike_with_the_tags_known_to_hold_nothing(text: str) -> None:
    seen: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    empty: set[str] = set()
    first = _parse_text(text, seen, empty)
    again = _parse_text(text, seen, empty)
    alone = _parse_text(text, {})
    assert (first.ids, first.links) == (again.ids, again.links) == (alone.ids, alone.links)


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
                reason = _check_link(p, target, base_path, files, dirs, parsed)
            else:
                key = _level(ancestors, target)
                if key not in known:
                    known[key] = _check_link(p, target, base_path, files, dirs, parsed)
                reason = known[key]
            if reason is None:
                continue
            if reason:
                report.problems.append(LinkProblem(p, link, reason))
            report.links += count
    report.problems = sorted(set(report.problems))
    return report


def _level(ancestors: list[str], link: str) -> tuple[str, str]:
    """(folder, link) with each leading `../` of the link taken off and the folder climbed
    instead (`ancestors`: the page's folder, its parent... up to the site's root)."""
    up = 0
    while (
        up < len(ancestors) - 1
        and link.startswith("../", 3 * up)
        and link[3 * up + 3 : 3 * up + 4] not in ("", "#", "?")
    ):
        up += 1
    return ancestors[up], link[3 * up :]


def nav(depth: int, active: str) -> str:
    """A navigation repeated on every page, as Material writes it: relative to the page's depth,
    the active item marked."""
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
