"""The hand-written pages cannot drift from the schema or from each other.

The editor's guide documents every field of every model class, in both languages, in the
section for that class; and the English and Arabic pages carry the same heading ids, so a
link to an anchor works in either language.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from muqabala.data import model

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "ar")

DOCUMENTED = {
    model.Issuer: "fields-issuer",
    model.IssuerGrammar: "fields-issuer",
    model.Statement: "fields-statement",
    model.Paragraph: "fields-paragraph",
    model.StatementVersion: "fields-version",
    model.Sentence: "fields-sentence",
    model.QuotedIn: "fields-quoted-in",
    model.Text: "fields-text",
    model.Article: "fields-article",
    model.ArticleParagraph: "fields-article-paragraph",
    model.ArticleSentence: "fields-article-sentence",
    model.Override: "fields-override",
    model.Correction: "fields-correction",
    model.Bilingual: "fields-bilingual",
}
"""Each model class → the heading id of its field table in the guide."""

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ID = re.compile(r"\{\s*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def page(lang: str, name: str) -> str:
    return (ROOT / "content" / lang / name).read_text(encoding="utf-8")


def headings(text: str) -> list[tuple[int, str | None, int]]:
    """(level, explicit id or None, line number) of every heading outside fenced code."""
    out: list[tuple[int, str | None, int]] = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        m = HEADING.match(line)
        if m and not in_fence:
            found = HEADING_ID.search(m.group(2))
            out.append((len(m.group(1)), found.group(1) if found else None, number))
    return out


def sections(text: str) -> dict[str, str]:
    """Heading id → the text under that heading, up to the next heading of any level."""
    lines = text.splitlines()
    marks = [(number, hid) for _, hid, number in headings(text) if hid]
    ends = [number for number, _ in marks[1:]] + [len(lines) + 1]
    return {hid: "\n".join(lines[start : end - 1]) for (start, hid), end in zip(marks, ends, strict=True)}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("cls", list(DOCUMENTED), ids=lambda c: c.__name__)
def test_every_field_is_in_its_table(lang: str, cls: type[BaseModel]) -> None:
    body = sections(page(lang, "guide.md")).get(DOCUMENTED[cls])
    assert body is not None, f"content/{lang}/guide.md has no heading {{ #{DOCUMENTED[cls]} }}"
    missing = [name for name in cls.model_fields if f"`{name}`" not in body]
    assert not missing, f"content/{lang}/guide.md, {cls.__name__} table lacks {missing}"


@pytest.mark.parametrize("name", ["index.md", "guide.md", "about.md"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_heading_has_an_explicit_id(lang: str, name: str) -> None:
    bare = [number for _, hid, number in headings(page(lang, name)) if hid is None]
    assert not bare, f"content/{lang}/{name}: headings without {{ #id }} at lines {bare}"


@pytest.mark.parametrize("name", ["index.md", "guide.md", "about.md"])
def test_languages_have_the_same_heading_ids(name: str) -> None:
    ids = {lang: [(level, hid) for level, hid, _ in headings(page(lang, name))] for lang in LANGUAGES}
    assert ids["en"] == ids["ar"], f"{name}: headings differ between en and ar"
    flat = [hid for _, hid in ids["en"]]
    assert len(flat) == len(set(flat)), f"{name}: duplicate heading ids"


def test_every_model_class_is_documented() -> None:
    # A class added to model.py with fields an editor can write must get a table too.
    classes = {
        obj
        for obj in vars(model).values()
        if isinstance(obj, type)
        and issubclass(obj, BaseModel)
        and obj.__module__ == model.__name__
        and not obj.__name__.startswith("_")
    }
    assert classes <= set(DOCUMENTED), sorted(c.__name__ for c in classes - set(DOCUMENTED))
