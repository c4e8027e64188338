"""Hostile input from outside the YAML text: config values and file names reaching HTML, options
that name the wrong folder, signals, operating-system errors, and what `new` writes.

The data-file cases (names, links, devices, addresses, aliases) are in tests/broken/.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import STATEMENT, tiny_files, write_tree
from muqabala.cli import main
from muqabala.data.corpus import load_corpus
from muqabala.site.build import MARKER, SiteDirError, _remove_leftovers, build, check_site_dir
from muqabala.site.render.escape import url_attr
from test_build import tiny_site

HOSTILE = '"><img src=x onerror=alert(1)>'


class Elements(HTMLParser):
    """Every element of a page with its attributes, and the text inside <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- (2) every value that reaches HTML is escaped: config values and names --------------------


def test_hostile_config_values_stay_text_in_the_dom(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    for name in ("mkdocs.yml", "mkdocs.ar.yml"):  # the Arabic one has a plugins list of its own
        config = (root / name).read_text(encoding="utf-8")
        config = config.replace("site_name: Muqabala", "site_name: 'Muqabala <script>alert(1)</script>'")
        config = config.replace(
            "  - muqabala\n", f"  - muqabala:\n      edit_base: 'https://example.org/edit/{HOSTILE}/'\n"
        )
        (root / name).write_text(config, encoding="utf-8")
    build(root)
    for lang in ("en", "ar"):
        page = parse(root / "site" / lang / "statements" / "st" / "index.html")
        assert not [attrs for tag, attrs in page.elements if tag == "img" or "onerror" in attrs]
        edit = [attrs["href"] for tag, attrs in page.elements if tag == "a" and attrs.get("rel") == "edit"]
        assert edit == ["https://example.org/edit/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E/statements/st.yaml"]
    english = parse(root / "site" / "en" / "index.html")
    assert "<script>alert(1)</script>" in english.title
    assert not [a for tag, a in english.elements if tag == "script" and not a.get("src") and "alert" in str(a)]
    assert "<script>alert(1)</script>" not in (root / "site" / "en" / "index.html").read_text(encoding="utf-8")


def test_edit_base_must_be_a_web_address(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - muqabala\n", "  - muqabala:\n      edit_base: 'javascript:alert(1)//'\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 1
    assert (
        "muqabala: edit_base must be an http:// or https:// address, like https://github.com/o/r/edit/main/ "
        "(got 'javascript:alert(1)//')" in result.output
    )
    assert not (root / "site").exists()


@pytest.mark.parametrize(
    ("url", "attr"),
    [
        (
            f"https://example.org/edit/{HOSTILE}.yaml",
            "https://example.org/edit/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E.yaml",
        ),
        ("../../data/source/statements/st'x.yaml", "../../data/source/statements/st%27x.yaml"),
        ("https://example.org/a?b=1&c=2#d", "https://example.org/a?b=1&amp;c=2#d"),
        ("https://example.org/\u202eedit", "https://example.org/%E2%80%AEedit"),
    ],
)
def test_url_attr_leaves_no_character_that_ends_an_attribute(url: str, attr: str) -> None:
    assert url_attr(url) == attr


# --- (5) --site-dir never replaces project data or an unknown folder; the swap survives signals --


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("statements", "is the project's statements or inside it; name a folder of its own, like site"),
        ("lexicon/out", "is the project's lexicon or inside it; name a folder of its own, like site"),
        (".", "holds the project itself; name a folder of its own, like site"),
        ("..", "holds the project itself; name a folder of its own, like site"),
    ],
)
def test_site_dir_refuses_the_project_and_its_folders(tiny: Path, name: str, message: str) -> None:
    (tiny / "lexicon").mkdir()
    with pytest.raises(SiteDirError) as e:
        build(tiny, tiny / name)
    assert str(e.value) == f"{tiny / name} {message}"
    assert (tiny / "statements" / "st.yaml").is_file()


def test_site_dir_refuses_a_folder_holding_data_or_unknown_files(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "project", tiny_files())
    other = write_tree(tmp_path / "other", tiny_files())
    with pytest.raises(SiteDirError, match=r"holds project data \(issuers\)"):
        check_site_dir(root, other)
    notes = write_tree(tmp_path / "notes", {"todo.txt": "mine"})
    with pytest.raises(SiteDirError, match=r"is not empty and holds no site built by muqabala \(no \.muqabala-site"):
        check_site_dir(root, notes)
    write_tree(tmp_path / "file", {})
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(SiteDirError, match="is a file, not a folder"):
        check_site_dir(root, tmp_path / "a-file")
    # An empty folder, a new one and a site we built are fine.
    (tmp_path / "empty").mkdir()
    site = write_tree(tmp_path / "old-site", {MARKER: "", "en/index.html": ""})
    for fine in (tmp_path / "empty", tmp_path / "new", site):
        check_site_dir(root, fine)


def test_cli_site_dir_on_data_is_one_line_and_deletes_nothing(tiny: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--root", str(tiny), "--site-dir", str(tiny / "articles")])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: --site-dir: {tiny / 'articles'} is the project's articles or inside it; "
        "name a folder of its own, like site\n"
    )
    assert (tiny / "articles" / "art.yaml").is_file()


def test_a_build_killed_between_the_renames_gets_its_old_site_back(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(done.stdout)
    old = write_tree(tmp_path / f".site-old-{dead}-abc", {MARKER: "", "en/index.html": "old"})
    write_tree(tmp_path / f".site-build-{dead}-def", {"en/index.html": "half"})
    _remove_leftovers(tmp_path / "site")
    assert (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8") == "old"
    assert not old.exists() and not (tmp_path / f".site-build-{dead}-def").exists()


def test_sigterm_during_a_build_cleans_up_like_ctrl_c(tmp_path: Path) -> None:
    root = tiny_site(tmp_path / "project")
    site = write_tree(root / "site", {MARKER: "", "en/index.html": "previous"})
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "muqabala", "build", "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 120
    while not list(root.glob(".site-build-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in stderr.decode()
    assert (site / "en" / "index.html").read_text(encoding="utf-8") == "previous"
    assert not list(root.glob(".site-*"))


# --- (7) operating-system errors: one line, exit 1, nothing left behind ----------------------


def test_missing_root_is_an_error_not_ok(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--root", str(tmp_path / "nowhere")])
    assert (result.exit_code, result.output) == (1, f"Error: --root: no folder at {tmp_path / 'nowhere'}\n")


def test_site_dir_under_a_file_is_one_line(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    (root / "notes").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--site-dir", str(root / "notes" / "site")])
    assert (result.exit_code, result.output) == (1, f"Error: {root / 'notes'}: File exists\n")


@pytest.mark.parametrize("port", ["-1", "65536", "99999"])
def test_serve_refuses_an_invalid_port(tiny: Path, port: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--root", str(tiny), "--port", port])
    assert (result.exit_code, result.output) == (1, f"Error: --port must be between 0 and 65535 (got {port})\n")


def test_serve_on_a_port_in_use_says_so_and_leaves_nothing_behind(tiny: Path, tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "muqabala", "serve", "--root", str(tiny), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "TMPDIR": str(temp)},
        )
    assert result.returncode == 1
    assert result.stderr == f"Error: cannot serve on 127.0.0.1:{port}: Address already in use\n"
    assert list(temp.iterdir()) == []


# --- (8) what the editor wrote, as written ---------------------------------------------------


def test_persian_zero_width_non_joiner_is_accepted(tmp_path: Path) -> None:
    files = tiny_files()
    files["statements/st.yaml"] = STATEMENT + (
        "      - id: p1-s2\n"
        "        lang: fa\n"
        "        text: ما می\u200cخواهیم این گزارش\u200cها را ببینیم.\n"
        "        translations: {en: We want to see these reports., ar: نريد أن نرى هذه التقارير.}\n"
    )
    corpus = load_corpus(write_tree(tmp_path, files))
    assert "\u200c" in corpus.statements["st"].sentences()[1].text


def test_yaml_1_1_numbers_stay_as_written(tmp_path: Path) -> None:
    files = tiny_files()
    files["statements/st.yaml"] = STATEMENT.replace("translator: Test Translator", "translator: 12:30")
    assert load_corpus(write_tree(tmp_path, files)).statements["st"].translator == "12:30"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["statement", "us-2021\n"],
            "Error: SLUG must be lower-case letters, digits and hyphens, like eu-declaration-2021-07-19 "
            "(got 'us-2021\\n')",
        ),
        (
            ["statement", "us-2021", "--issuer", "gov\nspeaker: gov", "--case", "case-1"],
            "Error: --issuer must be lower-case letters, digits and hyphens, like us-government "
            "(got 'gov\\nspeaker: gov')",
        ),
        (
            ["statement", "us-2021", "--issuer", "gov", "--case", "case-1\nrole: secondary"],
            "Error: --case must be lower-case letters, digits and hyphens, like exchange-2021 "
            "(got 'case-1\\nrole: secondary')",
        ),
    ],
)
def test_new_refuses_values_that_would_inject_fields(tiny: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["new", *args, "--root", str(tiny)])
    assert (result.exit_code, result.output) == (1, message + "\n")
    assert sorted(p.name for p in (tiny / "statements").iterdir()) == ["st.yaml"]


def test_a_claims_title_and_description_stay_text_in_the_head(tmp_path: Path) -> None:
    """A claim page's `<title>`, description and share card come from the claim's words."""
    root = tiny_site(tmp_path)
    article = root / "articles" / "art.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("The government accused Ruritania.", f"The government accused Ruritania {HOSTILE}."),
        encoding="utf-8",
    )
    build(root)
    path = root / "site" / "en" / "checks" / "art" / "p1-s1" / "index.html"
    page = parse(path)
    assert not [attrs for tag, attrs in page.elements if tag == "img" or "onerror" in attrs]
    assert HOSTILE in page.title
    metas = {a.get("property") or a.get("name"): a.get("content") for tag, a in page.elements if tag == "meta"}
    assert HOSTILE in (metas["og:title"] or "") and metas["twitter:title"] == metas["og:title"]


def test_report_error_must_be_a_web_or_mail_address(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace('  report_error: ""\n', "  report_error: 'javascript:alert(1)//'\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 1
    assert (
        "muqabala: extra.report_error must be an http://, https:// or mailto: address, like "
        "mailto:corrections@example.org (got 'javascript:alert(1)//')" in result.output
    )
    assert not (root / "site").exists()


def test_report_error_from_the_configuration_on_every_check(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace('  report_error: ""\n', '  report_error: "mailto:corrections@example.org?subject=<x>"\n')
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    build(root)
    for lang, words in (("en", "Report it"), ("ar", "أبلغنا به")):
        for page in ("checks/art", "articles/art"):
            text = (root / "site" / lang / page / "index.html").read_text(encoding="utf-8")
            assert f'<a href="mailto:corrections@example.org?subject=&lt;x&gt;">{words}</a>' in text, (lang, page)
        statement = (root / "site" / lang / "statements" / "st" / "index.html").read_text(encoding="utf-8")
        assert "mq-report-error" not in statement


def test_the_quick_look_for_refused_characters_misses_none():
    import unicodedata

    from muqabala.data import yamlfile

    every = map(chr, range(0x110000))
    refused = {c for c in every if c in yamlfile.FORBIDDEN_CHARS or unicodedata.category(c) == "Cc"} - {"\n", "\t"}
    assert {c for c in refused if yamlfile._SUSPECT.search(c)} == refused
