"""Incremental publishing: after an edit only the changed pages are built, and the site published
is, file for file, the one a full build makes."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import project_from
from muqabala.site.build import _warnings, build, frame_key
from test_build import tiny_site


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(site: Path, cold: Path) -> None:
    ours, theirs = files_of(site), files_of(cold)
    assert sorted(ours) == sorted(theirs)
    assert [rel for rel in ours if ours[rel] != theirs[rel]] == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_sentence_rebuilds_its_pages_only_and_publishes_a_full_builds_site(tmp_path: Path) -> None:
    root = tiny_site(tmp_path / "project")
    assert not build(root).incremental
    about = root / "site" / "en" / "about" / "index.html"
    statement = root / "site" / "en" / "statements" / "st" / "index.html"
    kept, edited = about.stat().st_mtime_ns, statement.stat().st_mtime_ns
    # A second link to every published file: the build links them into its tree too, and must
    # write none of them in place.
    published = files_of(root / "site")
    for rel in published:
        (tmp_path / "witness" / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(root / "site" / rel, tmp_path / "witness" / rel)
    edit(root / "statements" / "st.yaml", "was undertaken from", "was carried out from")
    result = build(root)
    assert result.incremental and "copy" in result.seconds
    assert files_of(tmp_path / "witness") == published
    assert about.stat().st_mtime_ns == kept  # copied with its time, not built again
    assert statement.stat().st_mtime_ns != edited
    assert "was carried out from" in statement.read_text(encoding="utf-8")
    cold = build(root, tmp_path / "cold", force=True)
    assert not cold.incremental
    assert_same_site(root / "site", tmp_path / "cold")


def test_a_changed_nav_title_a_lenient_build_and_force_build_every_page(tmp_path: Path) -> None:
    root = tiny_site(tmp_path / "project")
    build(root)
    frame = frame_key(root, strict=True)
    # The statement's title is in the nav of every page.
    edit(root / "statements" / "st.yaml", "text: A title", "text: Another title")
    result = build(root)
    assert not result.incremental and "copy" not in result.seconds
    assert frame_key(root, strict=True) != frame
    build(root, tmp_path / "cold", force=True)
    assert_same_site(root / "site", tmp_path / "cold")
    edit(root / "statements" / "st.yaml", "was undertaken from", "was carried out from")
    assert not build(root, strict=False).incremental  # a strict build counted warnings a lenient one lets pass
    edit(root / "statements" / "st.yaml", "was carried out from", "was undertaken from")
    assert not build(root, force=True).incremental


def test_the_shipped_case_after_an_edit_is_the_full_builds_site(tmp_path: Path) -> None:
    root = project_from(tmp_path / "project")
    build(root)
    edit(root / "statements" / "eu-declaration-2021-07-19.yaml", "significantly affected our", "badly affected our")
    result = build(root)
    assert result.incremental
    build(root, tmp_path / "cold", force=True)
    assert_same_site(root / "site", tmp_path / "cold")


def test_a_dirty_builds_own_warning_is_not_counted_but_every_other_is() -> None:
    output = (
        "WARNING -  A 'dirty' build is being performed, this will likely lead to inaccurate navigation"
        " and other links within your site. This option is designed for site development purposes only.\n"
        "INFO    -  Building documentation to directory: /tmp/site/en\n"
        "WARNING -  Doc file 'statements/st.md' contains a link 'x.md', but the target is not found among"
        " documentation files.\n"
    )
    assert _warnings(output) == 1
    assert _warnings(output.split("\n", 1)[0]) == 0
