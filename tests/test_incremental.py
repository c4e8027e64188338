"""Incremental publishing: after an edit only the changed pages are built, and the site published
is, file for file, the one a full build makes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import project_from
from muqabala.data.errors import DataError
from muqabala.site.build import BuildError, Session, _warnings, build, frame_key
from muqabala.site.linkmanifest import MANIFEST
from test_build import tiny_site


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(site: Path, cold: Path, *, session: bool = False) -> None:
    ours, theirs = files_of(site), files_of(cold)
    if session:
        # `serve` publishes no link manifest (site.linkmanifest): `muqabala links` parses its pages.
        assert MANIFEST not in ours
        theirs.pop(MANIFEST)
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


def test_builds_in_a_session_publish_a_full_builds_site_and_report_like_the_command(tmp_path: Path) -> None:
    # What `muqabala serve` keeps between builds: MkDocs processes, the parsed data files, the
    # replaced site deleted in the background. The sites are those of a plain cold build.
    root = tiny_site(tmp_path / "project")
    session = Session()
    try:
        assert not build(root, session=session).incremental
        for n, (old, new) in enumerate(
            (("was undertaken from", "was carried out from"), ("was carried out from", "was done from"))
        ):
            # The published site was linked for the next build in the background: a second link to
            # every published file shows that the build wrote none of them in place.
            assert session.linked is not None
            published = files_of(root / "site")
            for rel in published:
                (tmp_path / f"witness{n}" / rel).parent.mkdir(parents=True, exist_ok=True)
                os.link(root / "site" / rel, tmp_path / f"witness{n}" / rel)
            edit(root / "statements" / "st.yaml", old, new)
            assert build(root, session=session).incremental
            assert files_of(tmp_path / f"witness{n}") == published
            build(root, tmp_path / "cold", force=True)
            assert_same_site(root / "site", tmp_path / "cold", session=True)
        # The first data file (an issuer) edited: the data's hash is taken again from it on (the
        # session keeps the hash's state after each file).
        edit(root / "issuers" / "gov.yaml", "The Government", "The Government of Testland")
        build(root, session=session)
        build(root, tmp_path / "cold", force=True)
        assert_same_site(root / "site", tmp_path / "cold", session=True)
        # A site replaced by another build since the session published it is linked afresh.
        build(root, force=True)
        edit(root / "statements" / "st.yaml", "was done from", "was performed from")
        assert build(root, session=session).incremental
        build(root, tmp_path / "cold", force=True)
        assert_same_site(root / "site", tmp_path / "cold", session=True)
        # A file made invalid is reported as a fresh process reports it, and once mended builds again.
        statement = root / "statements" / "st.yaml"
        good = statement.read_text(encoding="utf-8")
        statement.write_text(good.replace("case:", "case: [", 1), encoding="utf-8")
        with pytest.raises(DataError) as in_session:
            build(root, session=session)
        with pytest.raises(DataError) as fresh:
            build(root)
        assert in_session.value.report() == fresh.value.report()
        # A placeholder is reported again by a session that parsed its file before (the scan is
        # kept per file, with the parsed file).
        statement.write_text(good.replace("Test Translator", "EDIT-translator", 1), encoding="utf-8")
        for _ in range(2):
            with pytest.raises(DataError) as in_session:
                build(root, session=session)
        with pytest.raises(DataError) as fresh:
            build(root)
        assert "placeholder left in" in in_session.value.report()
        assert in_session.value.report() == fresh.value.report()
        statement.write_text(good, encoding="utf-8")
        assert build(root, session=session).unchanged
        # A template changed under the same MkDocs processes (which keep compiled templates) is
        # compiled again: every page shows it.
        main = root / "overrides" / "main.html"
        edit(main, "{% block content %}", "{% block content %}<!-- edited template -->")
        assert not build(root, session=session).incremental
        assert "<!-- edited template -->" in (root / "site" / "en" / "statements" / "st" / "index.html").read_text(
            encoding="utf-8"
        )
        build(root, tmp_path / "cold", force=True)
        assert_same_site(root / "site", tmp_path / "cold", session=True)
        # MkDocs' own failures come back from its long-lived process as from the command.
        (root / "mkdocs.yml").write_text(
            (root / "mkdocs.yml").read_text(encoding="utf-8") + "\nno_such_option: 1\n", encoding="utf-8"
        )
        with pytest.raises(BuildError) as failed:
            build(root, session=session)
        assert "no_such_option" in str(failed.value)
    finally:
        session.close()
    assert all(driver.proc is None for driver in session.drivers.by_lang.values())
    assert sorted(p.name for p in root.glob(".site-*")) == []


def test_compiled_templates_are_kept_per_source_and_per_syntax() -> None:
    import jinja2

    from muqabala.site.mkdocs_plugin import _CompiledTemplates

    kept = _CompiledTemplates()

    def render(source: str, **syntax: str) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": source}), bytecode_cache=kept, **syntax)
        return env.get_template("t.html").render()

    assert render("{{ 1 + 1 }}[[ 3 ]]") == "2[[ 3 ]]"
    assert render("{{ 1 + 1 }}[[ 3 ]]") == "2[[ 3 ]]" and len(kept.code) == 1
    assert render("{{ 2 + 2 }}[[ 3 ]]") == "4[[ 3 ]]"  # the source changed
    assert render("{{ 2 + 2 }}[[ 3 ]]", variable_start_string="[[", variable_end_string="]]") == "{{ 2 + 2 }}3"
    assert len(kept.code) == 2


def test_a_session_started_on_a_built_project_publishes_a_full_builds_site_after_an_edit(tmp_path: Path) -> None:
    # As `serve` after `muqabala build`: its first build takes the report's parts and the pages
    # from the caches (the report assembled from the parts, the cached pages' word diffs kept in
    # the process), and its edits publish what a cold build does.
    root = tiny_site(tmp_path / "project")
    build(root)
    session = Session()
    try:
        served = tmp_path / "served"
        assert not build(root, served, session=session).incremental
        assert_same_site(served, root / "site", session=True)
        for old, new in (("was undertaken from", "was carried out from"), ("Test Translator", "Other Translator")):
            edit(root / "statements" / "st.yaml", old, new)
            assert build(root, served, session=session).incremental
            build(root, tmp_path / "cold", force=True)
            assert_same_site(served, tmp_path / "cold", session=True)
    finally:
        session.close()
