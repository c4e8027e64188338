"""`muqabala new statement` and `muqabala new article`: the templates pass `check`, before and
after an editor fills them in; refusals are exact."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import STATEMENT, write_tree
from muqabala.cli import main, new
from muqabala.data.scaffold import ScaffoldError, new_article

# What an editor types over the blanks, by the language of the article.
FILLED = {
    "ar": {
        "EDIT: اسم الوسيلة الناشرة": "صحيفة الاختبار",
        "EDIT: the outlet's name": "The Test Paper",
        "EDIT: العنوان كما نُشر": "عاجل| هجوم إلكتروني على روريتانيا",
        "EDIT: the headline's translation": "Breaking| Cyber attack on Ruritania",
        "EDIT: الجملة الأولى كما نُشرت.": "اتهمت الحكومة روريتانيا.",
        "EDIT: the first sentence's translation.": "The government accused Ruritania.",
    },
    "en": {
        "EDIT: اسم الوسيلة الناشرة": "صحيفة الاختبار",
        "EDIT: the outlet's name": "The Test Paper",
        "EDIT: the headline exactly as published": "Cyber attack on Ruritania",
        "EDIT: ترجمة العنوان": "هجوم إلكتروني على روريتانيا",
        "EDIT: the first sentence, exactly as published.": "The government accused Ruritania.",
        "EDIT: ترجمة الجملة الأولى.": "اتهمت الحكومة روريتانيا.",
    },
}


def fill_in(text: str, lang: str) -> str:
    """Fill the template as an editor would when the article's address is unknown.

    Every optional field the template shows commented out is switched on, so that each is
    known to be valid where it stands; the remaining notes get plain words in their language.
    """
    for blank, words in FILLED[lang].items():
        text = text.replace(f'"{blank}"', f'"{words}"')
    text = re.sub(r"^url: .*\n", "", text, flags=re.MULTILINE)
    text = re.sub(
        r"^(\s*)# ((?:outlet_note|no_url_reason|date_note|note|claim|not_claim_reason):.*"
        r"|  (?:en|ar): .*)$",
        r"\1\2",
        text,
        flags=re.MULTILINE,
    )
    text = re.sub(r'^(\s*)en: "EDIT: [^"]*"', r'\1en: "A note."', text, flags=re.MULTILINE)
    text = re.sub(r'^(\s*)ar: "EDIT: [^"]*"', r'\1ar: "ملاحظة."', text, flags=re.MULTILINE)
    text = re.sub(r"^date: .*$", "date: 2021-07-20", text, flags=re.MULTILINE)
    return text.replace('"EDIT: translator\'s name"', "Test Translator")


def invoke(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["new", "article", *args, "--root", str(root)])


def test_new_statement_passes_check(tiny: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["new", "statement", "gov-reply-2021-07-20", "--root", str(tiny)])
    assert result.exit_code == 0, result.output
    text = (tiny / "statements" / "gov-reply-2021-07-20.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/statement.schema.json\n")
    assert "issuer: gov\n" in text and "case: case-1\n" in text
    check = runner.invoke(main, ["check", "--root", str(tiny)])
    assert check.exit_code == 0, check.output
    again = runner.invoke(main, ["new", "statement", "gov-reply-2021-07-20", "--root", str(tiny)])
    assert again.exit_code == 1
    assert again.output == ("Error: statements/gov-reply-2021-07-20.yaml already exists; choose another SLUG\n")


def test_new_statement_rejects_bad_slug(tiny: Path) -> None:
    result = CliRunner().invoke(main, ["new", "statement", "Bad Slug", "--root", str(tiny)])
    assert result.exit_code == 1
    assert result.output == (
        "Error: SLUG must be lower-case letters, digits and hyphens, like eu-declaration-2021-07-19 (got 'Bad Slug')\n"
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_new_article_passes_check_as_written_and_once_filled_in(tiny: Path, lang: str) -> None:
    result = invoke(tiny, "paper-2021-07-20", "--language", lang)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Wrote articles/paper-2021-07-20.yaml: fill in the EDIT values, then run `muqabala check`\n"
    )
    path = tiny / "articles" / "paper-2021-07-20.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/article.schema.json\n")
    assert "case: case-1\n" in text and f"language: {lang}\n" in text
    check = CliRunner().invoke(main, ["check", "--root", str(tiny)])
    assert check.output == (
        "articles/paper-2021-07-20.yaml: draft, not published (delete `status: draft` when it is done)\n"
        "OK: 1 issuers, 1 statements, 1 articles; 1 draft left out\n"
    )

    filled = fill_in(text, lang).replace("status: draft\n", "")
    assert '"EDIT' not in filled and "no_url_reason:" in filled and "claim: false" in filled
    path.write_text(filled, encoding="utf-8")
    check = CliRunner().invoke(main, ["check", "--root", str(tiny)])
    assert check.output == "OK: 1 issuers, 1 statements, 2 articles\n"


def test_new_article_writes_the_language_and_day_given(tmp_path: Path) -> None:
    path = new_article(tmp_path, "paper-en", case="case-1", language="en", today=date(2021, 7, 20))
    text = path.read_text(encoding="utf-8")
    assert 'date: "2021-07-20"  # EDIT: the day it was published' in text and "language: en\n" in text
    assert '    ar: "EDIT: ترجمة العنوان"\n' in text


def test_new_article_refuses_an_existing_file_and_leaves_it_alone(tiny: Path) -> None:
    before = (tiny / "articles" / "art.yaml").read_bytes()
    result = invoke(tiny, "art")
    assert result.exit_code == 1
    assert result.output == "Error: articles/art.yaml already exists; choose another SLUG\n"
    assert (tiny / "articles" / "art.yaml").read_bytes() == before


def test_new_article_rejects_bad_slug(tiny: Path) -> None:
    result = invoke(tiny, "Bad Slug")
    assert result.exit_code == 1
    assert result.output == (
        "Error: SLUG must be lower-case letters, digits and hyphens, like exchange-hack-ar (got 'Bad Slug')\n"
    )


def test_new_article_rejects_an_unknown_case(tiny: Path) -> None:
    result = invoke(tiny, "paper", "--case", "case-2")
    assert result.exit_code == 1
    assert result.output == (
        "Error: --case: no statement belongs to case 'case-2'; did you mean 'case-1'? "
        "`muqabala list cases` shows them all\n"
    )
    assert not (tiny / "articles" / "paper.yaml").exists()


def test_new_article_needs_case_when_there_are_several(tiny: Path) -> None:
    write_tree(
        tiny, {"statements/st2.yaml": STATEMENT.replace("id: st", "id: st2").replace("case: case-1", "case: case-2")}
    )
    result = invoke(tiny, "paper")
    assert result.exit_code == 1
    assert result.output == "Error: several cases to default to; pass --case (known: case-1, case-2)\n"
    result = invoke(tiny, "paper", "--case", "case-2")
    assert result.exit_code == 0, result.output
    assert "case: case-2\n" in (tiny / "articles" / "paper.yaml").read_text(encoding="utf-8")


def test_new_article_needs_a_statement_first(tmp_path: Path) -> None:
    result = invoke(tmp_path, "paper")
    assert result.exit_code == 1
    assert result.output == "Error: no statement, so no case to default to; pass --case (known: none)\n"


def test_new_article_works_while_another_file_is_invalid(tiny: Path) -> None:
    # An editor fixing one file can still start another: only ids are read, not validated.
    statement = tiny / "statements" / "st.yaml"
    statement.write_text(
        statement.read_text(encoding="utf-8").replace("date: 2021-07-19", "date: 2021-13-01"), encoding="utf-8"
    )
    result = invoke(tiny, "paper")
    assert result.exit_code == 0, result.output
    assert (tiny / "articles" / "paper.yaml").exists()


def test_new_article_offers_only_the_site_languages(tiny: Path) -> None:
    result = invoke(tiny, "paper", "--language", "fr")
    assert result.exit_code == 2
    assert "Error: Invalid value for '--language': 'fr' is not one of 'ar', 'en'.\n" in result.output
    with pytest.raises(ScaffoldError) as e:
        new_article(tiny, "paper", case="case-1", language="fr")
    assert str(e.value) == "--language must be one of ar, en (got 'fr')"
    assert not (tiny / "articles" / "paper.yaml").exists()


def test_new_article_help_has_an_example() -> None:
    help_text = new.commands["article"].help or ""
    assert "Example:\n        muqabala new article " in help_text
