"""Statement versions: the rules of a history, the text an article is checked against, and the pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import STATEMENT, tiny_files, write_tree
from muqabala.collate.engine import collate
from muqabala.data import versions
from muqabala.data.corpus import load_corpus
from muqabala.data.errors import DataError
from muqabala.site.render import render_pages

OLD = "The activity was undertaken from the territory of Ruritania."
NEW = "The activity was undertaken by the state security ministry of Ruritania."

AMENDED = (
    STATEMENT.replace(OLD, NEW).replace(
        "        translations: {ar: نُفّذ النشاط من أراضي روريتانيا.}\n",
        "        translations: {ar: نفّذت النشاطَ وزارةُ أمن الدولة في روريتانيا.}\n",
    )
    + f"""\
versions:
  - kind: published
    date: 2021-07-19
    paragraphs:
      - sentences:
          - id: p1-s1
            text: {OLD}
            translations: {{ar: نُفّذ النشاط من أراضي روريتانيا.}}
  - kind: amended
    date: 2021-07-22
    note: {{en: The ministry is named, ar: سُمّيت الوزارة}}
"""
)


def load(tmp_path: Path, statement: str):  # type: ignore[no-untyped-def]
    files = tiny_files()
    files["statements/st.yaml"] = statement
    return load_corpus(write_tree(tmp_path, files))


def problems(tmp_path: Path, statement: str) -> list[str]:
    with pytest.raises(DataError) as exc:
        load(tmp_path, statement)
    return [str(p) for p in exc.value.problems]


def test_the_text_in_force_on_a_date(tmp_path: Path) -> None:
    st = load(tmp_path, AMENDED).statements["st"]
    assert versions.in_force(st, "2021-07-20") == 0
    assert versions.in_force(st, "2021-07-22") == 1
    assert versions.as_of(st, "2021-07-20").sentences()[0].text == OLD
    assert versions.as_of(st, "2021-07-23") is st


def test_an_article_is_checked_against_the_text_of_its_day(tmp_path: Path) -> None:
    corpus = load(tmp_path, AMENDED)
    claim = collate(corpus, Path(__file__).resolve().parents[1]).articles[0].claims[1]
    assert claim.evidence[0].text.en == OLD
    later = corpus.articles["art"].model_copy(update={"date": "2021-07-23"})
    corpus.articles["art"] = later
    del corpus.__dict__["cases"]
    claim = collate(corpus, Path(__file__).resolve().parents[1]).articles[0].claims[1]
    assert claim.evidence[0].text.en == NEW


def test_the_statement_page_shows_the_history_and_the_diff(tmp_path: Path) -> None:
    corpus = load(tmp_path, AMENDED)
    report = collate(corpus, Path(__file__).resolve().parents[1])
    en = render_pages(corpus, report, "en").files
    page = en["statements/st.md"]
    assert "## Versions { #mq-versions }" in page
    assert "Version 1 (Published, 19 July 2021)" in page
    assert "Version 2 (Amended, 22 July 2021)" in page
    assert 'id="v1-p1-s1"' in page
    assert "<del>" in page and "<ins>" in page
    # Every claim of the article has its own page under checks/art/.
    checks = "".join(text for name, text in sorted(en.items()) if name.startswith("checks/art/"))
    assert "Checked against" in checks and "Version 1 (Published, 19 July 2021)</a>" in checks
    assert "The source has changed since" in checks
    assert "statements/st/#v1-p1-s1" in checks and "The Government</span>, sentence <bdi>1</bdi>" in checks
    ar_files = render_pages(corpus, report, "ar").files
    ar = "".join(text for name, text in sorted(ar_files.items()) if name.startswith("checks/art/"))
    assert "تغيّر المصدر منذ ذلك الحين" in ar and "النسخة 1" in ar


def test_a_withdrawn_statement_is_marked(tmp_path: Path) -> None:
    text = AMENDED + "  - kind: withdrawn\n    date: 2021-08-01\n    note: {en: Taken down, ar: حُذف}\n"
    corpus = load(tmp_path, text)
    report = collate(corpus, Path(__file__).resolve().parents[1])
    page = render_pages(corpus, report, "en").files["statements/st.md"]
    assert "The issuer withdrew this statement on 1 August 2021." in page


def test_version_rules(tmp_path: Path) -> None:
    text = AMENDED.replace("  - kind: published\n    date: 2021-07-19\n", "  - kind: amended\n    date: 2021-07-18\n")
    text = text.replace("    note: {en: The ministry is named, ar: سُمّيت الوزارة}\n", "")
    text = text.replace("date: 2021-07-22", "date: 2021-07-17")
    text += "    paragraphs: [{sentences: [{id: p1-s1, text: Again., translations: {ar: مجددا.}}]}]\n"
    note = (
        "say what changed, in both languages, like note: {en: The second paragraph was removed, "
        "ar: حُذفت الفقرة الثانية}"
    )
    assert problems(tmp_path, text) == [
        "statements/st.yaml:20: versions[0].kind: the first version must be published (got 'amended')",
        f"statements/st.yaml:20: versions[0].note: required for an amended version: {note}",
        "statements/st.yaml:21: versions[0].date: the first version's date must be the statement's date, "
        "2021-07-19 (got '2021-07-18')",
        f"statements/st.yaml:27: versions[1].note: required for an amended version: {note}",
        "statements/st.yaml:28: versions[1].date: must come after the version before it, 2021-07-18 (got '2021-07-17')",
        "statements/st.yaml:29: versions[1].paragraphs: the current version's text is the statement's "
        "paragraphs; leave it out here (got 1 paragraph)",
    ]


def test_version_rules_on_texts_and_withdrawals(tmp_path: Path) -> None:
    text = STATEMENT + (
        "versions:\n"
        "  - {kind: published, date: 2021-07-19}\n"
        "  - {kind: withdrawn, date: 2021-07-20, note: {en: Gone, ar: سُحب}}\n"
        "  - {kind: published, date: 2021-07-21}\n"
        "  - {kind: amended, date: 2021-07-22, note: {en: Changed, ar: تغيّر}}\n"
    )
    assert problems(tmp_path, text) == [
        "statements/st.yaml:20: versions[0].paragraphs: required: the text of version 1 as published, "
        "before version 2 changed it",
        "statements/st.yaml:21: versions[1].kind: a withdrawal must be the last version (got 'withdrawn' before "
        "version 3)",
        "statements/st.yaml:22: versions[2].kind: only the first version is published; a later one is amended "
        "or withdrawn (got 'published')",
        "statements/st.yaml:22: versions[2].paragraphs: required: the text of version 3 as published, "
        "before version 4 changed it",
    ]


def test_a_versioned_statement_builds_strictly_with_every_link_resolved(tmp_path: Path) -> None:
    from muqabala.site.build import build
    from muqabala.tools.links import check_site
    from test_build import tiny_site

    root = tiny_site(tmp_path)
    (root / "statements" / "st.yaml").write_text(AMENDED, encoding="utf-8")
    build(root)
    assert check_site(root / "site") == []
    page = (root / "site/ar/statements/st/index.html").read_text(encoding="utf-8")
    assert 'id="v1-p1-s1"' in page and "التغييرات من النسخة 1 إلى النسخة 2" in page


MIDDLE = "The activity was undertaken by state actors of Ruritania."

THREE = AMENDED.replace(
    "    note: {en: The ministry is named, ar: سُمّيت الوزارة}\n",
    f"""\
    note: {{en: State actors are named, ar: سُمّيت جهات الدولة}}
    paragraphs:
      - sentences:
          - id: p1-s1
            text: {MIDDLE}
            translations: {{ar: نفّذت النشاطَ جهاتٌ تابعة لدولة روريتانيا.}}
  - kind: amended
    date: 2021-07-25
    note: {{en: The ministry is named, ar: سُمّيت الوزارة}}
""",
)


def test_any_two_versions_compare(tmp_path: Path) -> None:
    corpus = load(tmp_path, THREE)
    report = collate(corpus, Path(__file__).resolve().parents[1])
    page = render_pages(corpus, report, "en").files["statements/st.md"]
    # Each text against the next (open) and against every later one (folded): 1→2, 1→3, 2→3.
    assert page.count('class="mq-version-diff"') == 3
    assert "Changes from version 1 to version 3" in page
    assert page.count('class="mq-version-diff" open') == 2
