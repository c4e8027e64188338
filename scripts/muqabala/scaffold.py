"""`muqabala new statement SLUG`: a statement file that passes `check` once its blanks are filled."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from .model import ID_PATTERN

STATEMENT_TEMPLATE = """\
# yaml-language-server: $schema=../schema/statement.schema.json
# A new statement. Replace every value marked EDIT, then run `muqabala check`.
# Field reference: the editor's guide (guide/ on the site) and schema/statement.schema.json.
schema_version: 1
id: {slug}
# The case this statement belongs to; articles of that case are checked against it.
case: {case}
# Who issued it: an id from issuers/ (add a file there for a new issuer).
issuer: {issuer}
# speaker: an issuer id, when the whole statement is one person's words.
title:
  text: "EDIT: the title exactly as published"
  translations:
    ar: "EDIT: ترجمة العنوان"
# A day, or a moment with its zone: 2021-07-19T11:35+02:00
date: "{today}"
url: "https://example.org/EDIT-the-address-it-was-published-at"
# Either an archive copy …
# archive_url: https://web.archive.org/web/2021/https://example.org/
# … or why there is none, in English and Arabic:
no_archive_reason:
  en: "EDIT: not archived yet"
  ar: "EDIT: لم تُؤرشف بعد"
# The language of the wording below.
language: en
# complete, or partial with a note (in English and Arabic) saying what is missing and where the text comes from.
completeness: partial
completeness_note:
  en: "EDIT: say what is missing"
  ar: "EDIT: اذكر ما ينقص"
# Translations are editorial and unofficial; say whose they are.
translator: "EDIT: translator's name"
paragraphs:
  - sentences:
      # Sentence ids are anchors that other pages link to: never renumber them.
      - id: p1-s1
        text: "EDIT: the first sentence, exactly as published."
        translations:
          ar: "EDIT: ترجمة الجملة الأولى."
        # speaker: raab   # when the sentence quotes a person inside a release
        # note:   # a translator's note (an odd wording, a sic), in both languages
        #   en: "EDIT: the note in English"
        #   ar: "EDIT: الملاحظة بالعربية"
"""


class ScaffoldError(Exception):
    pass


def new_statement(root: Path, slug: str, *, issuer: str = "EDIT-issuer", case: str = "EDIT-case",
                  today: date | None = None) -> Path:
    """Write statements/<slug>.yaml; refuse to overwrite or to use an id the schema would reject."""
    if not re.match(ID_PATTERN, slug):
        raise ScaffoldError(
            f"SLUG must be lower-case letters, digits and hyphens, like eu-declaration-2021-07-19 (got {slug!r})")
    path = root / "statements" / f"{slug}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; choose another SLUG")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = STATEMENT_TEMPLATE.format(slug=slug, issuer=issuer, case=case,
                                     today=(today or date.today()).isoformat())
    path.write_text(text, encoding="utf-8")
    return path
