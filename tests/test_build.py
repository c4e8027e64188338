"""Tiny sites built in tmp_path with the real MkDocs, Material and plugin."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, tiny_files, write_tree
from muqabala.cli import main
from muqabala.data.errors import DataError
from muqabala.site.build import BuildError, build, site_key
from muqabala.vocabulary import STAMP

PAGES = ("index.md", "methodology.md", "guide.md", "about.md")


def tiny_site(root: Path) -> Path:
    """A tiny project with the repository's real site configuration and templates."""
    files = tiny_files()
    for lang, title in (("en", "Home"), ("ar", "الرئيسية")):
        for page in PAGES:
            files[f"content/{lang}/{page}"] = f"# {title} {page[:-3]} {{ #top }}\n\nText.\n"
        # Every article and check page links to the about page's section on reporting an error.
        files[f"content/{lang}/about.md"] += "\n## Report an error { #report-an-error }\n\nText.\n"
    write_tree(root, files)
    for name in ("mkdocs.yml", "mkdocs.ar.yml"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "overrides", root / "overrides")
    if (REPO / "lexicon").is_dir():
        shutil.copytree(REPO / "lexicon", root / "lexicon")
    return root


def tree_digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            sha.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return sha.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tiny_site(tmp_path_factory.mktemp("tiny"))
    build(root)
    return root


def test_both_languages_are_built(built: Path) -> None:
    site = built / "site"
    for lang in ("en", "ar"):
        assert (site / lang / "index.html").is_file()
        assert (site / lang / "statements" / "st" / "index.html").is_file()
    assert (site / "index.html").is_file()


def test_arabic_html_is_rtl_and_english_ltr(built: Path) -> None:
    ar = (built / "site/ar/statements/st/index.html").read_text(encoding="utf-8")
    en = (built / "site/en/statements/st/index.html").read_text(encoding="utf-8")
    assert re.search(r'<html dir="rtl" lang="ar"', ar)
    assert re.search(r'<html dir="ltr" lang="en"', en)


def test_switcher_links_to_the_same_page(built: Path) -> None:
    ar = (built / "site/ar/statements/st/index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(en|ar)"', ar))
    assert links == {"../../../en/statements/st/": "en", "../../../ar/statements/st/": "ar"}
    target = (built / "site/ar/statements/st" / "../../../en/statements/st/index.html").resolve()
    assert target.is_file()


def test_open_data_at_the_site_root(built: Path) -> None:
    site = built / "site"
    assert (site / "data" / "report.json").is_file()
    assert (site / "data" / "source" / "statements" / "st.yaml").read_bytes() == (
        built / "statements" / "st.yaml"
    ).read_bytes()
    assert sorted(p.name for p in (site / "schema").iterdir()) == [
        "article.schema.json",
        "issuer.schema.json",
        "report.schema.json",
        "statement.schema.json",
    ]


def test_without_edit_base_there_is_no_edit_link(built: Path) -> None:
    for page in ("site/ar/statements/st/index.html", "site/en/checks/art/p1-s1/index.html", "site/en/guide/index.html"):
        assert 'rel="edit"' not in (built / page).read_text(encoding="utf-8"), page


def test_edit_link_points_at_the_file_on_the_repository_host(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    base = "https://git.example.org/o/r/edit/main/"
    for name in ("mkdocs.yml", "mkdocs.ar.yml"):
        config = (root / name).read_text(encoding="utf-8")
        (root / name).write_text(config.replace("  - muqabala\n", f"  - muqabala:\n      edit_base: {base}\n"))
    build(root)
    for page, source in (
        ("ar/statements/st", "statements/st.yaml"),
        ("en/checks/art/p1-s1", "articles/art.yaml"),
        ("en/checks/art", "articles/art.yaml"),
        ("ar/guide", "content/ar/guide.md"),
    ):
        html = (root / "site" / page / "index.html").read_text(encoding="utf-8")
        edit = re.search(r'<a href="([^"]+)"[^>]*rel="edit"', html)
        assert edit and edit.group(1) == base + source, page


def test_no_remote_requests_in_html(built: Path) -> None:
    for page in (built / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        for src in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:[^"]+)"', text):
            pytest.fail(f"{page}: remote resource {src}")


def test_failed_data_check_leaves_site_untouched(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    build(root)
    before = tree_digest(root / "site")
    (root / "statements" / "st.yaml").write_text(
        (root / "statements" / "st.yaml").read_text(encoding="utf-8").replace("issuer: gov", "issuer: nobody"),
        encoding="utf-8",
    )
    with pytest.raises(DataError):
        build(root)
    assert tree_digest(root / "site") == before
    assert not list(tmp_path.glob(".site-build-*"))


def test_failed_mkdocs_build_leaves_site_untouched(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    build(root)
    before = tree_digest(root / "site")
    (root / "content" / "ar" / "guide.md").write_text("# دليل\n\n[broken](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"\[ar\] mkdocs.ar.yml failed"):
        build(root)
    assert tree_digest(root / "site") == before
    assert not list(tmp_path.glob(".site-build-*"))


def test_cli_check_reports_four_errors_without_traceback(tmp_path: Path) -> None:
    files = tiny_files()
    files["statements/st.yaml"] = (
        files["statements/st.yaml"]
        .replace("issuer: gov", "issuer: unknown-gov")
        .replace("date: 2021-07-19", "date: 2021-07-32")
        .replace("https://example.org/a", "javascript:alert(document.cookie)")
        .replace("completeness: complete", "completeness: [complete]")
    )
    root = write_tree(tmp_path, files)
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        "statements/st.yaml:4",
        "statements/st.yaml:8",
        "statements/st.yaml:9",
        "statements/st.yaml:12",
    ]
    assert lines[-1] == "Error: 4 problems in 1 file"
    assert "Traceback" not in result.output


def test_cli_build_failure_exits_1(tmp_path: Path) -> None:
    files = tiny_files()
    files["statements/st.yaml"] = files["statements/st.yaml"].replace("issuer: gov", "issuer: x")
    root = write_tree(tmp_path, files)
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Error: 1 problem in 1 file"


def test_every_command_is_documented_with_an_example() -> None:
    def walk(group, prefix=""):  # type: ignore[no-untyped-def]
        for name, cmd in group.commands.items():
            yield prefix + name, cmd
            if hasattr(cmd, "commands"):
                yield from walk(cmd, prefix + name + " ")

    names = dict(walk(main))
    for required in ("check", "build", "serve", "new", "new statement", "report", "links", "evaluate"):
        assert required in names, f"muqabala {required} is missing"
    for name, cmd in names.items():
        assert cmd.help and "Example:" in cmd.help, f"muqabala {name} has no example in its help"


def test_shipped_data_is_valid() -> None:
    from muqabala.data.corpus import load_corpus

    corpus = load_corpus(REPO)
    assert len(corpus.statements) >= 10 and len(corpus.articles) >= 1


def test_each_data_file_points_at_its_schema() -> None:
    for folder, kind in (("issuers", "issuer"), ("statements", "statement"), ("articles", "article")):
        for path in sorted((REPO / folder).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json", path


def test_committed_schemas_match_the_models() -> None:
    from muqabala.data.schema import stale_schemas

    assert stale_schemas(REPO / "schema") == []


def test_data_digest_is_the_loaded_corpus_digest(tiny: Path) -> None:
    from muqabala.data.corpus import load_corpus
    from muqabala.data.files import data_digest

    assert data_digest(tiny) == load_corpus(tiny).digest


def test_build_renders_once_and_stamps_the_pages(built: Path) -> None:
    from muqabala.data.corpus import load_corpus
    from muqabala.site.cache import current_key
    from muqabala.site.pages import STAMP, pregenerated
    from muqabala.site.render import render_pages

    corpus = load_corpus(built)
    for lang in ("en", "ar"):
        docs = built / "content" / lang
        stamp = json.loads((docs / STAMP).read_text(encoding="utf-8"))
        assert stamp["key"] == current_key(built)
        feeds = {"feed.json", "feed.xml"}
        assert stamp["files"] == sorted(set(render_pages(corpus, _report(built, corpus), lang).files) | feeds)
        found = pregenerated(built, docs, lang)
        assert found is not None and found.nav == stamp["nav"] and found.sources == stamp["sources"]
        assert not (built / "site" / lang / STAMP).exists()


def _report(root: Path, corpus: object) -> object:
    from muqabala.site.cache import cached_report

    return cached_report(corpus, root)  # type: ignore[arg-type]


def test_stamp_is_ignored_when_the_data_or_the_pages_changed(tmp_path: Path) -> None:
    from muqabala.site.pages import pregenerated

    root = tiny_site(tmp_path)
    build(root)
    docs = root / "content" / "en"
    assert pregenerated(root, docs, "ar") is None  # another language's stamp
    (docs / "checks" / "art" / "p1-s1.md").unlink()
    assert pregenerated(root, docs, "en") is None
    build(root)
    assert pregenerated(root, docs, "en") is not None
    st = root / "statements" / "st.yaml"
    st.write_text(st.read_text(encoding="utf-8").replace("A title", "A new title"), encoding="utf-8")
    assert pregenerated(root, docs, "en") is None


@pytest.mark.parametrize("edit", [False, True])
def test_plain_mkdocs_build_after_muqabala_build(tmp_path: Path, edit: bool) -> None:
    """Standalone `mkdocs build --strict` works with the stamped pages, and regenerates them
    when the data changed since `muqabala build` wrote them."""
    root = tiny_site(tmp_path)
    build(root)
    if edit:
        st = root / "statements" / "st.yaml"
        st.write_text(st.read_text(encoding="utf-8").replace("عنوان", "عنوان جديد"), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.ar.yml", "-d", str(tmp_path / "ar-site")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert out.returncode == 0, out.stdout + out.stderr
    page = (tmp_path / "ar-site" / "statements" / "st" / "index.html").read_text(encoding="utf-8")
    assert ("عنوان جديد" in page) == edit


def test_docs_dir_is_read_from_the_configuration(tmp_path: Path) -> None:
    from muqabala.site.build import docs_dir

    assert docs_dir(REPO / "mkdocs.ar.yml") == REPO / "content" / "ar"
    (tmp_path / "base.yml").write_text("site_name: x\ndocs_dir: 'pages/en'  # comment\n", encoding="utf-8")
    (tmp_path / "child.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    (tmp_path / "plain.yml").write_text("site_name: x\n", encoding="utf-8")
    assert docs_dir(tmp_path / "child.yml") == tmp_path / "pages/en"
    assert docs_dir(tmp_path / "plain.yml") == tmp_path / "docs"


def test_site_key_follows_every_input_but_the_generated_pages(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    (root / "content" / "en" / "statements").mkdir()
    key = site_key(root, strict=True)
    assert site_key(root, strict=True) == key
    assert site_key(root, strict=False) != key
    (root / "content" / "en" / "statements" / "st.md").write_text("generated\n", encoding="utf-8")
    (root / "content" / "en" / STAMP).write_text("{}\n", encoding="utf-8")
    assert site_key(root, strict=True) == key  # the build's own output, not an input
    edits = {
        "content/en/guide.md": "# Guide\n\nNew text.\n",
        "content/ar/img/new.png": "png",
        "overrides/partials/new.html": "<p></p>",
        "mkdocs.ar.yml": (root / "mkdocs.ar.yml").read_text(encoding="utf-8") + "\n# a comment\n",
        "statements/st.yaml": (root / "statements/st.yaml").read_text(encoding="utf-8") + "\n# a comment\n",
        "lexicon/extra.yaml": "{}\n",
    }
    monkeypatch_env = os.environ.get("MUQABALA_SITE_URL")
    os.environ["MUQABALA_SITE_URL"] = "https://example.org/elsewhere/"
    try:
        assert site_key(root, strict=True) != key  # the site's address, set for one build
    finally:
        if monkeypatch_env is None:
            del os.environ["MUQABALA_SITE_URL"]
        else:
            os.environ["MUQABALA_SITE_URL"] = monkeypatch_env
    for rel, text in edits.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        assert site_key(root, strict=True) != key, rel
        key = site_key(root, strict=True)


def test_unchanged_build_publishes_nothing_and_says_so(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    first = build(root)
    assert not first.unchanged
    marker = root / "site" / ".muqabala-site"
    assert f"key: {site_key(root, strict=True)}" in marker.read_text(encoding="utf-8")
    before, stamp = tree_digest(root / "site"), marker.stat().st_mtime_ns
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Unchanged: {root / 'site'} was built from this data, these pages,")
    assert "nothing published (compare " in result.output
    assert tree_digest(root / "site") == before and marker.stat().st_mtime_ns == stamp
    # A lenient build is not the strict one, and deleted generated pages are written again.
    assert not build(root, strict=False).unchanged
    (root / "content" / "en" / "checks" / "art" / "index.md").unlink()
    assert not build(root).unchanged
    assert (root / "content" / "en" / "checks" / "art" / "index.md").is_file()
    assert build(root).unchanged
    assert not build(root, force=True).unchanged


def test_a_site_address_makes_canonical_urls_sitemaps_robots_and_absolute_reviews(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MUQABALA_SITE_URL", "https://example.org/muqabala")
    root = tiny_site(tmp_path)
    build(root)
    site = root / "site"
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\nSitemap: https://example.org/muqabala/sitemap.xml\n"
    )
    assert "https://example.org/muqabala/ar/sitemap.xml" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/muqabala/ar/methodology/</loc>" in (site / "ar" / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    page = (site / "ar" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/muqabala/ar/methodology/">' in page
    assert '<link rel="alternate " href="https://example.org/muqabala/en/methodology/" hreflang="en">' in page
    assert '<meta property="og:url" content="https://example.org/muqabala/ar/methodology/">' in page
    claim = (site / "en" / "checks" / "art" / "p1-s1" / "index.html").read_text(encoding="utf-8")
    assert '"url":"https://example.org/muqabala/en/checks/art/p1-s1/"' in claim
    assert '<link rel="canonical" href="https://example.org/muqabala/en/checks/art/p1-s1/">' in claim
    assert "<loc>https://example.org/muqabala/en/checks/art/p1-s1/</loc>" in (site / "en" / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    feed = (site / "en" / "feed.xml").read_text(encoding="utf-8")
    assert "<id>https://example.org/muqabala/en/feed.xml</id>" in feed


def test_without_a_site_address_robots_txt_names_no_sitemap(built: Path) -> None:
    assert (built / "site" / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    assert not (built / "site" / "sitemap.xml").exists()


def test_a_site_address_must_be_a_web_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUQABALA_SITE_URL", "javascript:alert(1)//")
    root = tiny_site(tmp_path)
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 1
    assert (
        "muqabala: site_url (or MUQABALA_SITE_URL) must be the http:// or https:// address of the site's root, "
        "like https://example.org/muqabala/ (got 'javascript:alert(1)//')" in result.output
    )


def test_no_source_maps_and_only_the_search_languages_used(built: Path) -> None:
    site = built / "site"
    assert not list(site.rglob("*.map"))
    for path in site.rglob("*"):
        if path.suffix in (".js", ".css"):
            assert b"sourceMappingURL" not in path.read_bytes(), path
    for lang, stemmers in (("en", []), ("ar", ["lunr.ar.min.js"])):
        lunr = site / lang / "assets" / "javascripts" / "lunr"
        assert sorted(p.name for p in lunr.rglob("*") if p.is_file()) == sorted(
            ["lunr.multi.min.js", "lunr.stemmer.support.min.js", *stemmers]
        )


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_search_index_holds_every_page_once_in_build_order(built: Path, lang: str) -> None:
    # Material indexes the hand-written pages, our plugin the generated ones (site/searchindex.py).
    data = json.loads((built / "site" / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = [doc["location"].split("#")[0] for doc in data["docs"]]
    runs = [page for i, page in enumerate(pages) if i == 0 or pages[i - 1] != page]
    assert len(runs) == len(set(runs)), runs  # each page's entries together
    assert {"", "about/", "guide/", "methodology/", "compare/", "discrepancies/"} <= set(runs)
    assert any(p.startswith("checks/") for p in runs) and any(p.startswith("statements/") for p in runs)
    # In the order MkDocs built the pages, not Material's pages first.
    assert runs.index("compare/") < runs.index("guide/"), runs
    assert all("folded" in doc for doc in data["docs"])
    assert data["config"]["fields"]["folded"] == {"boost": 1.0}


HEAVY = ("pydantic", "muqabala.data.model", "muqabala.collate.engine", "muqabala.site.render", "rich", "mkdocs")


@pytest.mark.parametrize("args", [["--help"], ["build"]], ids=["help", "unchanged-build"])
def test_help_and_an_unchanged_build_import_neither_models_nor_engine(built: Path, args: list[str]) -> None:
    # What start-up costs: every command imports its own modules when it runs (see cli.py).
    code = (
        "import sys\nfrom muqabala.cli import main\n"
        f"try:\n    main({args + ['--root', str(built)] if args == ['build'] else args!r})\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=built, check=True)
    assert out.stdout.splitlines()[-1] == "[]", out.stdout + out.stderr
    if args == ["build"]:
        assert out.stdout.startswith("Unchanged: "), out.stdout
