"""`muqabala new issuer|statement|article SLUG`: data files that pass `check` once their blanks are filled.

Statements and articles start as drafts (`status: draft`): `check` lists them and the site
leaves them out until the editor deletes that line, after which every `EDIT` left is an error.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from muqabala.data.errors import show
from muqabala.data.model import ID_PATTERN
from muqabala.vocabulary import SITE_LANGUAGES

STATEMENT_TEMPLATE = """\
# yaml-language-server: $schema=../schema/statement.schema.json
# A new statement. Replace every value marked EDIT, delete `status: draft`, then run `muqabala check`.
# Field reference: the editor's guide (guide/ on the site) and schema/statement.schema.json.
schema_version: 1
id: {slug}
# A draft is checked but never published; delete this line when every EDIT is done.
status: draft
# The case this statement belongs to; articles of that case are checked against it.
case: {case}
# Who issued it: an id from issuers/ (add a file there for a new issuer).
issuer: {issuer}
# speaker: an issuer id, when the whole statement is one person's words ([id, id] for a joint one).
title:
  text: "EDIT: the title exactly as published"
  translations:
    ar: "EDIT: ترجمة العنوان"
# A day, or a moment with its zone: 2021-07-19T11:35+02:00
date: "{today}"  # EDIT: the day it was published (this is the day the file was written)
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
        # role: intro     # or heading, or quoted; see "Sentence roles" in the guide
        # quoted_in:      # when the fragment is known only through an outlet's report
        #   - {{outlet: Reuters, url: "https://example.org/EDIT", date: 2021-07-19}}
        # note:   # a translator's note (an odd wording, a sic), in both languages
        #   en: "EDIT: the note in English"
        #   ar: "EDIT: الملاحظة بالعربية"
"""

ARTICLE_TEMPLATE = """\
# yaml-language-server: $schema=../schema/article.schema.json
# A new article under review. Replace every value marked EDIT, delete `status: draft`, then run `muqabala check`.
# Field reference: the editor's guide (guide/ on the site) and schema/article.schema.json.
# Transcribe it exactly as published, odd quotation marks and all: the checks compare its
# wording with the sources, and a silent correction would hide what is being checked.
schema_version: 1
id: {slug}
# A draft is checked but never published; delete this line when every EDIT is done.
status: draft
# The case it reports on: its claims are checked against the statements of that case.
case: {case}
outlet:
  ar: "EDIT: اسم الوسيلة الناشرة"
  en: "EDIT: the outlet's name"
# outlet_note:   # what is known or unknown about the outlet, in both languages
#   en: "EDIT: the note in English"
#   ar: "EDIT: الملاحظة بالعربية"
url: "https://example.org/EDIT-the-address-it-was-published-at"
# When the address is not known, delete url and say why, in English and Arabic:
# no_url_reason:
#   en: "EDIT: why the address is not given"
#   ar: "EDIT: سبب عدم ذكر العنوان"
# A day, or a moment with its zone: 2021-07-19T11:35+02:00
date: "{today}"  # EDIT: the day it was published (this is the day the file was written)
# date_note:   # how sure the date is, in both languages
#   en: "EDIT: the note in English"
#   ar: "EDIT: الملاحظة بالعربية"
# The language it was published in.
language: {language}
# Translations are editorial and unofficial: render what the article says, errors included.
translator: "EDIT: translator's name"
# The headline is checked like any other sentence; its id stays `headline`.
headline:
  id: headline
  text: "{headline}"
  translations:
    {other}: "{headline_translation}"
paragraphs:
  # One item per paragraph; its sentences in order, with ids p1-s1, p1-s2, p2-s1…
  - sentences:
      # Sentence ids are the claims' anchors that other pages link to: never renumber them.
      - id: p1-s1
        text: "{sentence}"
        translations:
          {other}: "{sentence_translation}"
        # note:   # a translator's note (an odd wording, a sic), in both languages
        #   en: "EDIT: the note in English"
        #   ar: "EDIT: الملاحظة بالعربية"
        # claim: false   # for a sentence that asserts nothing checkable (a byline, a link), with:
        # not_claim_reason:
        #   en: "EDIT: why it is not a claim"
        #   ar: "EDIT: لماذا ليست ادعاءً"
# overrides:   # an editor's decision on a computed verdict: see "Editorial overrides" in the guide
"""

# The blanks of an article in each site language: the original wording in the article's
# language, its translation in the other.
_ARTICLE_BLANKS = {
    "ar": {
        "headline": "EDIT: العنوان كما نُشر",
        "sentence": "EDIT: الجملة الأولى كما نُشرت.",
        "headline_translation": "EDIT: the headline's translation",
        "sentence_translation": "EDIT: the first sentence's translation.",
    },
    "en": {
        "headline": "EDIT: the headline exactly as published",
        "sentence": "EDIT: the first sentence, exactly as published.",
        "headline_translation": "EDIT: ترجمة العنوان",
        "sentence_translation": "EDIT: ترجمة الجملة الأولى.",
    },
}


ISSUER_TEMPLATE = """\
# yaml-language-server: $schema=../schema/issuer.schema.json
# A new issuer. Replace every value marked EDIT, then run `muqabala check`.
# Field reference: the editor's guide (guide/ on the site) and schema/issuer.schema.json.
schema_version: 1
id: {slug}
name:
  ar: "{name_ar}"
  en: "{name_en}"
# government, intergovernmental_body, agency, company, media or person
kind: {kind}
{country}{parent}# aliases:   # other names an article may use, by language
#   ar: ["EDIT: اسم آخر"]
#   en: ["EDIT: another name"]
# role:   # for a person: the office held at the time, in both languages
#   en: "EDIT: Foreign Secretary"
#   ar: "EDIT: وزير الخارجية"
"""


class ScaffoldError(Exception):
    pass


def _target(root: Path, folder: str, slug: str, example: str) -> Path:
    """The new file's path; refuse an id the schema would reject or a file that exists."""
    check_id("SLUG", slug, example)
    path = root / folder / f"{slug}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; choose another SLUG")
    return path


def check_id(what: str, value: str, example: str) -> None:
    """Refuse an id that is not lower-case ASCII letters, digits and hyphens (`ScaffoldError`)."""
    # fullmatch: `$` alone lets a trailing newline through, and a value is written into the file
    # as it is, so a newline in it would add fields of its own.
    if not re.fullmatch(ID_PATTERN, value) or len(value) > 80:
        raise ScaffoldError(
            f"{what} must be lower-case letters, digits and hyphens, like {example} (got {show(value)})"
        )


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def new_statement(
    root: Path, slug: str, *, issuer: str = "edit-issuer", case: str = "edit-case", today: date | None = None
) -> Path:
    """Write statements/<slug>.yaml; refuse to overwrite or to use an id the schema would reject."""
    path = _target(root, "statements", slug, "eu-declaration-2021-07-19")
    check_id("--issuer", issuer, "us-government")
    check_id("--case", case, "exchange-2021")
    return _write(
        path, STATEMENT_TEMPLATE.format(slug=slug, issuer=issuer, case=case, today=(today or date.today()).isoformat())
    )


def new_article(
    root: Path, slug: str, *, case: str = "edit-case", language: str = "ar", today: date | None = None
) -> Path:
    """Write articles/<slug>.yaml for an article in `language` (ar or en); refuse like `new_statement`."""
    if language not in _ARTICLE_BLANKS:
        # Another language would need a translation into both site languages: not a blank to fill.
        raise ScaffoldError(f"--language must be one of {', '.join(SITE_LANGUAGES)} (got {language!r})")
    path = _target(root, "articles", slug, "exchange-hack-ar")
    check_id("--case", case, "exchange-2021")
    other = next(lang for lang in SITE_LANGUAGES if lang != language)
    return _write(
        path,
        ARTICLE_TEMPLATE.format(
            slug=slug,
            case=case,
            language=language,
            other=other,
            today=(today or date.today()).isoformat(),
            **_ARTICLE_BLANKS[language],
        ),
    )


def new_issuer(
    root: Path,
    slug: str,
    *,
    kind: str = "government",
    name_en: str | None = None,
    name_ar: str | None = None,
    country: str | None = None,
    parent: str | None = None,
) -> Path:
    """Write issuers/<slug>.yaml; names not given are `EDIT:` blanks that `check` refuses until filled."""
    path = _target(root, "issuers", slug, "us-government")
    country_line = (
        f"country: {country}\n"
        if country
        else "# country: an ISO 3166-1 code (GB, CN, US), or EU; none for an intergovernmental body\n"
    )
    parent_line = f"parent: {parent}\n" if parent else "# parent: the issuer this one speaks for (an issuer id)\n"
    return _write(
        path,
        ISSUER_TEMPLATE.format(
            slug=slug,
            kind=kind,
            name_ar=_quoted(name_ar or "EDIT: الاسم بالعربية"),
            name_en=_quoted(name_en or "EDIT: the name in English"),
            country=country_line,
            parent=parent_line,
        ),
    )


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
