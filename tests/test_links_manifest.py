"""The build's link manifest (issue 17 item 5): the check finds with it what it finds by parsing
every page, whatever happened to the site since the build."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import write_tree
from muqabala.site import linkmanifest
from muqabala.site.linkmanifest import MANIFEST, encode_users, record, users_of
from muqabala.tools.links import scan_site
from test_links import GOOD, page
from test_links_reference import hostile_site, reference_scan

URLS = [None, "https://x.github.io/muqabala/", "https://x.github.io/"]


def same_findings(site: Path, site_url: str | None = None) -> list[str]:
    new, old = scan_site(site, site_url), reference_scan(site, site_url)
    assert (new.pages, new.links) == (old.pages, old.links)
    assert [str(p) for p in new.problems] == [str(p) for p in old.problems]
    return [str(p) for p in new.problems]


@pytest.mark.parametrize("site_url", URLS)
def test_the_recorded_hostile_site_is_checked_as_if_parsed(tmp_path: Path, site_url: str | None) -> None:
    site = hostile_site(tmp_path)
    record(site)
    assert len(same_findings(site, site_url)) > 20


def corrupt(site: Path, part: str, row: int, column: int, value: object) -> None:
    data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    data[part][row][column] = value
    (site / MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    assert linkmanifest.load(site) is None


@pytest.mark.parametrize(
    "change",
    [
        # A page changed after the build: an injected link, a renamed anchor, a page emptied.
        lambda site: (site / "en/t0/index.html").write_text('<a href="injected.html"><img src="x.png">'),
        lambda site: (site / "en/statements/eu/index.html").write_text(
            (site / "en/statements/eu/index.html").read_text().replace('id="p1-s1"', 'id="renamed"')
        ),
        lambda site: (site / "en/index.html").write_text(""),
        # A page added, a page deleted, a folder's index deleted.
        lambda site: (
            (site / "en/new/index.html").parent.mkdir() or (site / "en/new/index.html").write_text('<a href="#x">')
        ),
        lambda site: (site / "en/t1/index.html").unlink(),
        lambda site: (site / "en/statements/eu/index.html").unlink(),
        # The manifest of another site, or none that this version reads.
        lambda site: (site / MANIFEST).write_text((site / MANIFEST).read_text().replace("en/t2/", "en/t3/", 1)),
        lambda site: (site / MANIFEST).write_text("{not json"),
        lambda site: (site / MANIFEST).write_text(json.dumps({"version": 99})),
        # A manifest edited by hand: a count, a list of pages, a page number that are not.
        lambda site: corrupt(site, "pages", 0, 2, "x"),
        lambda site: corrupt(site, "targets", 0, 2, "0-x"),
        lambda site: corrupt(site, "absolute", 0, 1, [["x", 1]]),
    ],
)
def test_a_site_changed_after_the_build_is_checked_as_if_parsed(tmp_path: Path, change: object) -> None:
    site = hostile_site(tmp_path)
    record(site)
    change(site)  # type: ignore[operator]
    for site_url in URLS:
        same_findings(site, site_url)


def test_a_renamed_anchor_is_reported_on_every_unchanged_page_that_links_to_it(tmp_path: Path) -> None:
    site = hostile_site(tmp_path)
    record(site)
    page = site / "en/statements/eu/index.html"
    page.write_text(page.read_text().replace('id="p1-s1"', 'id="renamed"'))
    problems = same_findings(site)
    gone = {p.split(":")[0] for p in problems if p.endswith("no id or name 'p1-s1' on en/statements/eu/index.html")}
    # The navigation links to it from every page, none of which changed but the one renamed.
    assert gone == {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_unchanged_pages_are_taken_from_the_previous_manifest(tmp_path: Path) -> None:
    site = hostile_site(tmp_path)
    record(site)
    before = (site / MANIFEST).read_bytes()
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    record(copy, site)
    assert (copy / MANIFEST).read_bytes() == before
    page = copy / "en/t0/index.html"
    page.write_text(page.read_text() + '<a href="../../en/missing/#x">')
    record(copy, site)
    assert (copy / MANIFEST).read_bytes() != before
    fresh = tmp_path / "fresh"
    shutil.copytree(copy, fresh)
    record(fresh)
    assert (copy / MANIFEST).read_bytes() == (fresh / MANIFEST).read_bytes()
    same_findings(copy)


def test_only_changed_pages_and_those_using_a_broken_target_are_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from muqabala.tools import links

    site = write_tree(tmp_path / "site", GOOD)
    record(site)
    parsed: list[str] = []
    parse = links._parse_text

    def counted(text: str, *args: Any) -> Any:
        parsed.append(text)
        return parse(text, *args)

    monkeypatch.setattr(links, "_parse_text", counted)
    assert same_findings(site) == [] and parsed == []
    (site / "ar/index.html").write_text(page('<a href="statements/eu/#الجملة-1"><a href="gone.html">'))
    (site / "ar/statements/eu/index.html").write_text(page("", ids='<p id="renamed">'))
    parsed.clear()
    assert same_findings(site) == [
        "ar/index.html: gone.html: no such file (looked for ar/gone.html)",
        "ar/index.html: statements/eu/#الجملة-1: no id or name 'الجملة-1' on ar/statements/eu/index.html",
        "en/statements/eu/index.html: ../../../ar/statements/eu/#%D8%A7%D9%84%D8%AC%D9%85%D9%84%D8%A9-1: "
        "no id or name 'الجملة-1' on ar/statements/eu/index.html",
    ]
    # The two pages changed, and the one unchanged page that links to the renamed anchor.
    assert len(parsed) == 3


def test_the_build_writes_the_manifest_of_the_site_it_publishes(exchange_site: Path) -> None:
    manifest = linkmanifest.load(exchange_site)
    assert manifest is not None
    pages = sorted(p.relative_to(exchange_site).as_posix() for p in exchange_site.rglob("*.html"))
    assert sorted(manifest.paths) == pages
    assert same_findings(exchange_site) == []


def test_the_built_site_read_with_its_manifest_and_without(exchange_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(exchange_site, site)
    with_manifest = scan_site(site)
    (site / MANIFEST).unlink()
    without = scan_site(site)
    assert (with_manifest.pages, with_manifest.links, with_manifest.problems) == (
        without.pages,
        without.links,
        without.problems,
    )


@pytest.mark.parametrize("indices", [[0], [3], [0, 1, 2], [1, 2, 3, 7, 9, 10, 11, 20]])
def test_page_indices_read_back(indices: list[int]) -> None:
    assert users_of(encode_users(indices)) == indices


def linked_copy(site: Path, to: Path) -> Path:
    """The site as a rebuild starts from it: every file a hard link to the published one."""
    for path in sorted(site.rglob("*")):
        dst = to / path.relative_to(site)
        if path.is_dir():
            dst.mkdir(parents=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, dst)
    return to


def rewrite(page: Path, text: str) -> None:
    # As MkDocs does after the build's `_unshare`: a file of its own, never the published one.
    page.unlink()
    page.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "edits",
    [
        # Nothing changed; a page rewritten with the same bytes.
        {},
        {"en/t0/index.html": None},
        # A page with a new target, an anchor renamed, a page that no longer links anywhere.
        {"en/t0/index.html": '<a href="../../en/missing/#x"><a href="https://example.org/new">'},
        {
            "en/statements/eu/index.html": lambda t: t.replace('id="p1-s1"', 'id="renamed"'),
            "en/index.html": "",
            "en/t1/index.html": lambda t: t + '<a href="../t0/#y"><a href="/root/">',
        },
    ],
)
def test_a_rebuilt_site_gets_the_manifest_recorded_from_scratch(tmp_path: Path, edits: dict[str, Any]) -> None:
    site = hostile_site(tmp_path)
    record(site)
    copy = linked_copy(site, tmp_path / "copy")
    for name, edit in edits.items():
        page = copy / name
        text = page.read_text(encoding="utf-8")
        rewrite(page, text if edit is None else edit(text) if callable(edit) else edit)
    record(copy, site)
    fresh = tmp_path / "fresh"
    shutil.copytree(copy, fresh)
    (fresh / MANIFEST).unlink()
    record(fresh)
    assert (copy / MANIFEST).read_bytes() == (fresh / MANIFEST).read_bytes()
    # The published site's files are untouched by the rebuild's record.
    assert linkmanifest.load(site) is not None and (site / MANIFEST).stat().st_nlink == 1
    same_findings(copy)
