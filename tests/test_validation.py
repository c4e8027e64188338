"""One exact-text test per validation rule: what an editor sees for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import STATEMENT, tiny_files, write_tree
from muqabala.data.corpus import load_corpus
from muqabala.data.errors import DataError


def problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_corpus(root)
    return [str(p) for p in exc.value.problems]


def with_statement(tmp_path: Path, text: str, name: str = "statements/st.yaml") -> list[str]:
    files = tiny_files()
    files[name] = text
    return problems(write_tree(tmp_path, files))


def test_valid_tiny_project_loads(tiny: Path) -> None:
    corpus = load_corpus(tiny)
    assert list(corpus.statements) == ["st"]
    assert corpus.files["statement:st"] == "statements/st.yaml"


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    assert with_statement(tmp_path, "schema_version: 1\nid: [unclosed\n") == [
        "statements/st.yaml:2: YAML syntax: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)"
    ]


def test_duplicate_key(tmp_path: Path) -> None:
    assert with_statement(tmp_path, STATEMENT.replace("case: case-1\n", "case: case-1\ncase: case-2\n")) == [
        "statements/st.yaml:4: case: duplicate key (first at line 3)"
    ]


def test_missing_field(tmp_path: Path) -> None:
    assert with_statement(tmp_path, STATEMENT.replace("translator: Test Translator\n", "")) == [
        "statements/st.yaml:1: translator: required field is missing"
    ]


def test_unknown_field(tmp_path: Path) -> None:
    assert with_statement(tmp_path, STATEMENT + "colour: blue\n") == [
        "statements/st.yaml:19: colour: unknown field; delete it or correct its name"
    ]


def test_unknown_field_never_quotes_its_value(tmp_path: Path) -> None:
    # A token pasted into the wrong field must not reach a public CI log.
    text = STATEMENT + "api_token: ghp_0123456789abcdefSECRET\n"
    assert with_statement(tmp_path, text) == [
        "statements/st.yaml:19: api_token: unknown field; delete it or correct its name"
    ]


def test_wrong_type(tmp_path: Path) -> None:
    text = STATEMENT.replace("text: The activity", "text: [The activity").replace("of Ruritania.\n", "of Ruritania.]\n")
    assert with_statement(tmp_path, text) == [
        "statements/st.yaml:17: paragraphs[0].sentences[0].text: must be text "
        "(got ['The activity was undertaken from the territory of Ruritan…)"
    ]


def test_invalid_date(tmp_path: Path) -> None:
    assert with_statement(tmp_path, STATEMENT.replace("date: 2021-07-19", "date: 2021-13-01")) == [
        "statements/st.yaml:8: date: invalid date: month must be in 1..12 (got '2021-13-01')"
    ]


def test_date_shape(tmp_path: Path) -> None:
    assert with_statement(tmp_path, STATEMENT.replace("date: 2021-07-19", "date: 19 July 2021")) == [
        "statements/st.yaml:8: date: must be a date like 2021-07-19 or 2021-07-19T11:35+02:00 (got '19 July 2021')"
    ]


def test_url_scheme(tmp_path: Path) -> None:
    assert with_statement(tmp_path, STATEMENT.replace("https://example.org/a", "javascript:alert(1)")) == [
        "statements/st.yaml:9: url: must be an http:// or https:// address, like https://www.gov.uk/ "
        "(got 'javascript:alert(1)')"
    ]


def test_unknown_issuer(tmp_path: Path) -> None:
    assert with_statement(tmp_path, STATEMENT.replace("issuer: gov", "issuer: govt")) == [
        "statements/st.yaml:4: issuer: unknown issuer (got 'govt'); did you mean 'gov'? "
        "`muqabala list issuers` shows them all"
    ]


def test_unknown_speaker_in_sentence(tmp_path: Path) -> None:
    text = STATEMENT.replace("      - id: p1-s1\n", "      - id: p1-s1\n        speaker: nobody\n")
    assert with_statement(tmp_path, text) == [
        "statements/st.yaml:17: paragraphs[0].sentences[0].speaker: unknown issuer (got 'nobody'); "
        "`muqabala list issuers` shows them all"
    ]


def test_id_must_be_the_file_name(tmp_path: Path) -> None:
    # Two files can no longer give the same id: each id is its file's name.
    files = tiny_files()
    files["statements/st2.yaml"] = STATEMENT
    assert problems(write_tree(tmp_path, files)) == [
        "statements/st2.yaml:2: id: must be the file name without .yaml, 'st2'; rename the file or change the id "
        "(got 'st')"
    ]


def test_duplicate_sentence_id(tmp_path: Path) -> None:
    text = STATEMENT + "      - id: p1-s1\n        text: Again.\n        translations: {ar: مجددا.}\n"
    assert with_statement(tmp_path, text) == [
        "statements/st.yaml:19: paragraphs[0].sentences[1].id: duplicate sentence id 'p1-s1' (first at line 16)"
    ]


def test_sentence_without_translation(tmp_path: Path) -> None:
    text = STATEMENT.replace("        translations: {ar: نُفّذ النشاط من أراضي روريتانيا.}\n", "")
    assert with_statement(tmp_path, text) == [
        "statements/st.yaml:16: paragraphs[0].sentences[0].translations: translation into 'ar' is missing "
        "(the text is in 'en')"
    ]


def test_text_not_nfc(tmp_path: Path) -> None:
    text = STATEMENT.replace("A title", "Cafe\u0301")
    assert with_statement(tmp_path, text) == [
        "statements/st.yaml:6: title.text: text is not in Unicode NFC form (first at character 5: "
        "'afé'); re-save it as NFC".replace("'afé'", repr("afe\u0301"))
    ]


@pytest.mark.parametrize(
    "char, name",
    [("\u200b", "ZERO WIDTH SPACE"), ("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u2067", "RIGHT-TO-LEFT ISOLATE")],
)
def test_invisible_and_bidi_controls(tmp_path: Path, char: str, name: str) -> None:
    text = STATEMENT.replace("A title", f"A ti{char}tle")
    assert with_statement(tmp_path, text) == [
        f"statements/st.yaml:6: title.text: invisible or bidirectional control character "
        f"U+{ord(char):04X} {name} at character 5; delete it"
    ]


def test_partial_needs_a_note(tmp_path: Path) -> None:
    text = STATEMENT.replace("completeness: complete", "completeness: partial")
    assert with_statement(tmp_path, text) == [
        "statements/st.yaml:1: (file): completeness_note is required when completeness is partial"
    ]


def test_archive_or_reason(tmp_path: Path) -> None:
    assert with_statement(tmp_path, STATEMENT.replace("no_archive_reason: {en: not archived, ar: لم يُؤرشف}\n", "")) == [
        "statements/st.yaml:1: (file): archive_url or no_archive_reason is required"
    ]


def test_closed_set(tmp_path: Path) -> None:
    assert with_statement(tmp_path, STATEMENT.replace("completeness: complete", "completeness: whole")) == [
        "statements/st.yaml:12: completeness: must be one of 'complete' or 'partial' (got 'whole')"
    ]


def test_bad_id(tmp_path: Path) -> None:
    assert with_statement(tmp_path, STATEMENT.replace("id: st\n", "id: St_1\n")) == [
        "statements/st.yaml:2: id: must be lower-case ASCII letters, digits and hyphens, like eu-declaration "
        "(got 'St_1')"
    ]


def test_every_problem_in_every_file_is_reported(tmp_path: Path) -> None:
    files = tiny_files()
    files["statements/st.yaml"] = (
        STATEMENT.replace("issuer: gov", "issuer: nobody")
        .replace("date: 2021-07-19", "date: 2021-02-30")
        .replace("https://example.org/a", "javascript:alert(1)")
        .replace("completeness: complete", "completeness: 3")
    )
    files["issuers/other.yaml"] = "schema_version: 1\nid: other\n"
    found = problems(write_tree(tmp_path, files))
    assert [p.split(": ")[0] for p in found] == [
        "issuers/other.yaml:1",
        "issuers/other.yaml:1",
        "statements/st.yaml:4",
        "statements/st.yaml:8",
        "statements/st.yaml:9",
        "statements/st.yaml:12",
    ]
    with pytest.raises(DataError) as exc:
        load_corpus(tmp_path)
    assert exc.value.report().splitlines()[-1] == "Error: 6 problems in 2 files"


def test_article_override_references(tmp_path: Path) -> None:
    files = tiny_files()
    files["articles/art.yaml"] += (
        "overrides:\n"
        "  - claim: p9-s9\n"
        "    verdict: supported\n"
        "    evidence: [st#p1-s1, st#p7-s7, nope#p1-s1]\n"
        "    editor: An Editor\n"
        "    date: 2026-11-28\n"
        "    note: {en: Checked by hand., ar: رُوجع يدويًا.}\n"
    )
    assert problems(write_tree(tmp_path, files)) == [
        "articles/art.yaml:19: overrides[0].claim: no sentence of this article has id 'p9-s9'",
        "articles/art.yaml:21: overrides[0].evidence[1]: statement 'st' has no sentence 'p7-s7'",
        "articles/art.yaml:21: overrides[0].evidence[2]: unknown statement 'nope'",
    ]


def test_not_a_claim_needs_reason(tmp_path: Path) -> None:
    files = tiny_files()
    files["articles/art.yaml"] = files["articles/art.yaml"].replace(
        "      - id: p1-s1\n", "      - id: p1-s1\n        claim: false\n"
    )
    assert problems(write_tree(tmp_path, files)) == [
        "articles/art.yaml:15: paragraphs[0].sentences[0]: not_claim_reason is required when claim is false"
    ]


def test_article_case_must_exist(tmp_path: Path) -> None:
    files = tiny_files()
    files["articles/art.yaml"] = files["articles/art.yaml"].replace("case: case-1", "case: case-9")
    assert problems(write_tree(tmp_path, files)) == [
        "articles/art.yaml:3: case: no statement belongs to case 'case-9'; did you mean 'case-1'? "
        "`muqabala list cases` shows them all"
    ]


def test_issuer_parent_unknown_and_loop(tmp_path: Path) -> None:
    files = tiny_files()
    files["issuers/a.yaml"] = "schema_version: 1\nid: a\nname: {ar: أ, en: A}\nkind: agency\nparent: b\n"
    files["issuers/b.yaml"] = "schema_version: 1\nid: b\nname: {ar: ب, en: B}\nkind: agency\nparent: a\n"
    files["issuers/c.yaml"] = "schema_version: 1\nid: c\nname: {ar: ج, en: C}\nkind: agency\nparent: zz\n"
    assert problems(write_tree(tmp_path, files)) == [
        "issuers/a.yaml:5: parent: parents form a loop through 'a'",
        "issuers/b.yaml:5: parent: parents form a loop through 'b'",
        "issuers/c.yaml:5: parent: unknown issuer (got 'zz'); `muqabala list issuers` shows them all",
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "statements/st.yaml:1: file is empty"),
        (b"# only a comment\n", "statements/st.yaml:1: file is empty"),
        (b"a: 1\n---\nb: 2\n", "statements/st.yaml:2: file holds several YAML documents (---); keep one per file"),
        (b"id: caf\xe9\n", "statements/st.yaml:1: file is not UTF-8: byte 0xe9 at offset 7; re-save it as UTF-8"),
        (b"- just\n- a list\n", "statements/st.yaml:1: file must hold a mapping of fields (got ['just', 'a list'])"),
        (
            b"a: !!python/object/apply:os.system ['true']\n",
            "statements/st.yaml:1: the YAML tag '!!python/object/apply:os.system' is not allowed; "
            "write plain values without '!' tags",
        ),
    ],
)
def test_file_level_problems(tmp_path: Path, content: bytes, message: str) -> None:
    files = tiny_files()
    del files["statements/st.yaml"]
    write_tree(tmp_path, files)
    (tmp_path / "statements").mkdir(exist_ok=True)
    (tmp_path / "statements" / "st.yaml").write_bytes(content)
    found = problems(tmp_path)
    assert found[0] == message


def test_alias_bomb_is_stopped(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 10)}]" for i in range(1, 9)]
    files = tiny_files()
    files["statements/st.yaml"] = "\n".join(lines) + "\n"
    assert problems(write_tree(tmp_path, files)) == [
        "statements/st.yaml:1: file expands to more than 200,000 values (aliases?)"
    ]
