"""`muqabala import statement|article`, `muqabala new issuer` and `muqabala list`, on real texts.

The texts are the hand-split gold of `tests/splitting/` joined back into plain text, Markdown and
HTML, imported into a copy of the shipped case (`exchange`), split and numbered; then filled in
as an editor would and checked.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import project_from
from muqabala.cli import main
from muqabala.data.textimport import read_source
from test_sentences import GOLD, gold

FCDO = GOLD / "uk-fcdo-release-2021-07-19.txt"
YOUM7 = GOLD / "youm7-solarwinds-2021-ar.txt"


def plain(path: Path) -> str:
    return "\n\n".join(" ".join(p) for p in gold(path)) + "\n"


def run(root: Path, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [*args, "--root", str(root)], input=stdin)


@pytest.fixture
def project(tmp_path: Path, exchange: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(exchange, root, ignore=shutil.ignore_patterns("site", ".cache", "content"))
    return root


def sentences(path: Path) -> list[list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [[s["text"] for s in p["sentences"]] for p in data["paragraphs"]]


def test_import_statement_splits_a_real_release_as_the_editors_did(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "uk-fcdo-import.txt"
    source.write_text(plain(FCDO), encoding="utf-8")
    result = run(
        project, "import", "statement", str(source), "--issuer", "uk-fcdo", "--case", "exchange-2021",
        "--date", "2021-07-19", "--url", "https://www.gov.uk/government/news/x",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote statements/uk-fcdo-import.yaml: 0 sentence ids kept, 14 new;")
    path = project / "statements" / "uk-fcdo-import.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    expected = gold(FCDO)
    assert data["title"]["text"] == expected[0][0]
    assert sentences(path) == expected[1:]
    assert data["status"] == "draft" and data["issuer"] == "uk-fcdo" and data["language"] == "en"
    first, intro = data["paragraphs"][0]["sentences"][0], data["paragraphs"][4]["sentences"][0]
    assert first == {"id": "p1-s1", "text": expected[1][0], "translations": {"ar": "EDIT: ترجمة"}, "role": "heading"}
    assert intro["text"] == "Foreign Secretary Dominic Raab said:" and intro["role"] == "intro"
    assert data["paragraphs"][7]["sentences"][1]["id"] == "p8-s2"

    check = run(project, "check")
    assert check.exit_code == 0, check.output
    # Terminology warnings about the frozen case's own translations may come first.
    assert "statements/uk-fcdo-import.yaml: draft, not published (delete `status: draft` when it is done)" in (
        check.output.splitlines()
    )

    # Published without its translations: every placeholder is an error, with its line.
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    check = run(project, "check")
    assert check.exit_code == 1
    lines = check.output.splitlines()
    assert lines[0] == (
        "statements/uk-fcdo-import.yaml:11: title.translations.ar: placeholder left in (got 'EDIT: ترجمة'); "
        "write the real value, or mark the file `status: draft` until it is done"
    )
    assert lines[-1] == "Error: 18 problems in 1 file"

    # Filled in: it passes, and the site would publish it.
    text = re.sub(r"'EDIT: [^']*'", "'مترجم'", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    check = run(project, "check")
    # The stand-in translation draws terminology warnings; what counts is that it passes.
    assert check.exit_code == 0 and check.output.splitlines()[-1] == "OK: 16 issuers, 11 statements, 1 articles"


def test_reimport_keeps_the_ids_and_fields_of_unchanged_sentences(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "uk-fcdo-import.txt"
    source.write_text(plain(FCDO), encoding="utf-8")
    assert run(project, "import", "statement", str(source), "--issuer", "uk-fcdo").exit_code == 0
    path = project / "statements" / "uk-fcdo-import.yaml"
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    translated = path.read_text(encoding="utf-8").replace(
        "text: The attacks took place in early 2021, affecting over a quarter of a million servers worldwide.\n"
        "    translations:\n      ar: 'EDIT: ترجمة'",
        "text: The attacks took place in early 2021, affecting over a quarter of a million servers worldwide.\n"
        "    translations:\n      ar: وقعت الهجمات في أوائل 2021.",
    )
    assert translated != path.read_text(encoding="utf-8")
    path.write_text(translated, encoding="utf-8")

    # The release is amended: a sentence changes, a sentence is added before the quotation.
    amended = plain(FCDO).replace("patched against the vulnerability.", "patched against it.")
    amended = amended.replace(
        "Foreign Secretary Dominic Raab said:", "A new sentence. Foreign Secretary Dominic Raab said:"
    )
    source.write_text(amended, encoding="utf-8")
    result = run(project, "import", "statement", str(source))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Wrote statements/uk-fcdo-import.yaml: 13 sentence ids kept, 2 new, 1 gone (p8-s2);"
    )
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert after["issuer"] == "uk-fcdo" and after["status"] == "draft"
    old = {s["id"]: s for p in before["paragraphs"] for s in p["sentences"]}
    new = {s["id"]: s for p in after["paragraphs"] for s in p["sentences"]}
    assert new["p4-s1"]["translations"] == {"ar": "وقعت الهجمات في أوائل 2021."}
    assert new["p5-s1"] == old["p5-s1"]  # the intro keeps its id though it moved to second place
    assert new["p5-s1b"]["text"] == "A new sentence."
    assert new["p8-s2b"]["text"].endswith("patched against it.")
    assert "p8-s2" not in new


def test_import_article_from_stdin_finds_the_arabic_headline(project: Path) -> None:
    result = run(
        project, "import", "article", "-", "--id", "youm7-import-ar", "--case", "exchange-2021",
        "--date", "2021-04-16", stdin=plain(YOUM7),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = project / "articles" / "youm7-import-ar.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    expected = gold(YOUM7)
    assert data["language"] == "ar"
    assert data["headline"] == {"id": "headline", "text": expected[0][0], "translations": {"en": "EDIT: translation"}}
    assert sentences(path) == expected[1:]
    assert "# EDIT" not in path.read_text(encoding="utf-8")
    assert run(project, "check").exit_code == 0


def test_import_without_a_date_marks_the_scaffold_date(project: Path) -> None:
    result = run(project, "import", "article", "-", "--id", "undated-ar", "--case", "exchange-2021", stdin=plain(YOUM7))
    assert result.exit_code == 0, result.output
    path = project / "articles" / "undated-ar.yaml"
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^date: '\d{4}-\d{2}-\d{2}'  # EDIT: the day it was published$", text, re.MULTILINE)
    path.write_text(re.sub(r"'EDIT: [^']*'", "'x'", text).replace("status: draft\n", ""), encoding="utf-8")
    check = run(project, "check")
    assert check.exit_code == 1
    assert check.output.splitlines() == [
        "articles/undated-ar.yaml:10: date: placeholder left in: the line is marked `# EDIT` (the scaffold's own "
        "value); set the real value and delete the comment, or mark the file `status: draft`",
        "articles/undated-ar.yaml:11: url: placeholder left in (got "
        "'https://example.org/EDIT-the-address-it-was-published-at'); write the real value, or mark the file "
        "`status: draft` until it is done",
        "Error: 2 problems in 1 file",
    ]


def test_import_markdown_and_html() -> None:
    md = read_source(
        "# A title\n\nFirst **bold** sentence. Second [link](https://x.org) one.\n\n## Background\n\n- Item one.\n",
        "a.md",
    )
    assert md.headline == "A title"
    assert [(b.text, b.heading) for b in md.blocks] == [
        ("First bold sentence. Second link one.", False),
        ("Background", True),
        ("Item one.", False),
    ]
    html = read_source(
        '<!doctype html><html><head><title>Site | A title</title><link rel="canonical" href="https://gov.example/a">'
        '<meta property="article:published_time" content="2021-07-19T10:00:00Z"><script>var x = "no.";</script>'
        "</head><body><nav>Home. Menu.</nav><h1>A title</h1><p>First sentence. Second &amp; last.</p>"
        "<h2>Notes</h2><p>Mr. Raab said:</p></body></html>",
        "page.html",
    )
    assert html.headline == "A title"
    assert [(b.text, b.heading) for b in html.blocks] == [
        ("First sentence. Second & last.", False),
        ("Notes", True),
        ("Mr. Raab said:", False),
    ]
    assert html.meta == {"url": "https://gov.example/a", "date": "2021-07-19"}


def test_import_refuses_unknown_ids_with_the_closest(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text(plain(FCDO), encoding="utf-8")
    result = run(project, "import", "statement", str(source), "--issuer", "uk-fcd")
    assert result.exit_code == 1
    assert result.output == (
        "Error: --issuer: unknown issuer 'uk-fcd'; did you mean 'uk-fcdo'? `muqabala list issuers` shows them all\n"
    )
    result = run(project, "import", "article", str(source), "--case", "exchange-2012")
    assert result.output == (
        "Error: --case: unknown case 'exchange-2012'; did you mean 'exchange-2021'? "
        "`muqabala list cases` shows them all\n"
    )
    assert run(project, "import", "article", "-", stdin="x").output == (
        "Error: --id is needed when the text comes from standard input\n"
    )


def test_new_issuer_then_the_readme_example(tmp_path: Path) -> None:
    root = project_from(tmp_path / "p")
    missing = run(root, "new", "statement", "us-whitehouse-2021-07-19", "--issuer", "us-government")
    assert missing.exit_code == 1
    assert missing.output == (
        "Error: --issuer: unknown issuer 'us-government'; did you mean 'uk-government' or 'china-government'? "
        "`muqabala list issuers` shows them all; "
        "or add it with `muqabala new issuer us-government`\n"
    )
    made = run(root, "new", "issuer", "us-government", "--name-en", "US Government", "--country", "US")
    assert made.output == "Wrote issuers/us-government.yaml: fill in the EDIT values, then run `muqabala check`\n"
    check = run(root, "check")
    assert check.output.splitlines()[0] == (
        "issuers/us-government.yaml:7: name.ar: placeholder left in (got 'EDIT: الاسم بالعربية'); "
        "write the real value, or mark the file `status: draft` until it is done"
    )
    path = root / "issuers" / "us-government.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("EDIT: الاسم بالعربية", "الحكومة الأمريكية"), "utf-8")
    assert run(root, "check").exit_code == 0
    readme = run(root, "new", "statement", "us-whitehouse-2021-07-19", "--issuer", "us-government")
    assert readme.exit_code == 0, readme.output
    assert run(root, "check").output.splitlines()[-1] == ("OK: 17 issuers, 10 statements, 1 articles; 1 draft left out")
    listed = run(root, "list", "issuers").output.splitlines()
    assert "us-government         government: US Government" in listed
    assert run(root, "list", "cases").output == "exchange-2021  11 statements, 1 article\n"
    statements = run(root, "list", "statements").output
    assert re.search(r"^us-whitehouse-2021-07-19 +exchange-2021, us-government, ", statements, re.MULTILINE)
    assert statements.rstrip().endswith("[draft]")


def test_a_joint_speaker_list_is_checked_and_collated(tmp_path: Path) -> None:
    from conftest import ISSUER, tiny_files, write_tree

    files = tiny_files()
    files["issuers/min.yaml"] = ISSUER.format(id="min", ar="الوزير", en="The Minister", kind="person")
    files["statements/st.yaml"] = (
        files["statements/st.yaml"]
        .replace("issuer: gov\n", "issuer: gov\nspeaker: [min, gov]\n")
        .replace(
            "      - id: p1-s1\n",
            "      - id: p1-s1\n        speaker: [min, nobody]\n        role: evidence\n"
            "        quoted_in:\n          - {outlet: Reuters, url: 'https://www.reuters.com/a', date: 2021-07-19}\n",
        )
    )
    root = project_from(tmp_path / "p")
    for folder in ("issuers", "statements", "articles"):
        shutil.rmtree(root / folder)
    write_tree(root, files)
    check = run(root, "check")
    assert check.output == (
        "statements/st.yaml:18: paragraphs[0].sentences[0].speaker[1]: unknown issuer (got 'nobody'); "
        "`muqabala list issuers` shows them all\nError: 1 problem in 1 file\n"
    )
    path = root / "statements" / "st.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[min, nobody]", "[min, gov]"), encoding="utf-8")
    assert run(root, "check").exit_code == 0
    report = run(root, "report")
    assert report.exit_code == 0, report.output
    assert '"p1-s1"' in report.output
