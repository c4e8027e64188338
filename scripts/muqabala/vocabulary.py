"""The project's vocabularies, each declared once with both site languages' words.

Verdicts, kinds of discrepancy, the attribution scale, the site's languages, month names and the
one way of choosing a text's wording for a page language. The schema (`data.model`), the report
(`report`), the rules' explanations and the pages' labels all read them from here, so a term has
one key and one label per language everywhere.

This module imports nothing of the package: it is the bottom layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import date as Day
from typing import Literal, get_args

# --- languages ----------------------------------------------------------------------------------

SITE_LANGUAGES: tuple[str, ...] = ("ar", "en")
"""The languages the site is published in; every text needs a version in each."""

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
"""Languages written right to left: their pages and spans get `dir="rtl"`."""

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "ar": {"en": "Arabic", "ar": "العربية"},
    "en": {"en": "English", "ar": "الإنجليزية"},
    "nl": {"en": "Dutch", "ar": "الهولندية"},
    "fr": {"en": "French", "ar": "الفرنسية"},
    "de": {"en": "German", "ar": "الألمانية"},
    "zh": {"en": "Chinese", "ar": "الصينية"},
    "ru": {"en": "Russian", "ar": "الروسية"},
}
"""Names of the languages statements are published in, in each site language."""


def wording(texts: Mapping[str, str], lang: str, original: str | None = None) -> str:
    """The wording of a text for a page in `lang`: its version in `lang`, else in English, else the
    original (`original` names the original's language; default: the first version given).

    The one rule for every two-language text of the package (statement sentences, claims,
    explanations): a page never shows a key, and falls back to English before the original, which
    may be in a language the reader does not read (a Dutch sentence on an Arabic page).
    """
    if texts.get(lang):
        return texts[lang]
    if texts.get("en"):
        return texts["en"]
    if original is not None and texts.get(original):
        return texts[original]
    return next(iter(texts.values()), "")


# --- terms --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One term of a vocabulary: its key, and its label in each site language."""

    key: str
    en: str
    ar: str

    def label(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en


Verdict = Literal[
    "supported",
    "partly_supported",
    "misleading",
    "misattributed",
    "contradicted",
    "unsupported",
    "not_a_claim",
]
"""Verdict keys, one per claim."""


@dataclass(frozen=True)
class VerdictTerm(Term):
    icon: str
    """A symbol per verdict, so that a verdict is never told by colour alone."""
    rationale_ar: str
    """The Arabic verdict name that opens a rationale. It differs from the label for two verdicts
    («تنقضه المصادر», «لا سند له»): a known inconsistency, kept until the generated prose is reviewed
    (issue 13), because this module was introduced without changing a byte of the site."""


VERDICTS: dict[str, VerdictTerm] = {
    v.key: v
    for v in (
        VerdictTerm("supported", "Supported", "مدعوم", "✓", "مدعوم"),
        VerdictTerm("partly_supported", "Partly supported", "مدعوم جزئيًا", "◐", "مدعوم جزئيًا"),
        VerdictTerm("misleading", "Misleading", "مضلِّل", "⚠", "مضلِّل"),
        VerdictTerm("misattributed", "Misattributed", "منسوب إلى غير قائله", "⇄", "منسوب إلى غير قائله"),
        VerdictTerm("contradicted", "Contradicted", "تناقضه المصادر", "✗", "تنقضه المصادر"),
        VerdictTerm("unsupported", "Unsupported", "بلا سند", "?", "لا سند له"),
        VerdictTerm("not_a_claim", "Not a claim", "ليس ادعاءً", "–", "ليس ادعاءً"),
    )
}
"""Every verdict, in the order summaries list them."""

DiscrepancyType = Literal[
    "attribution_level",
    "speaker",
    "number",
    "quote",
    "translation",
    "hedge",
    "scope",
    "timing",
    "unsupported",
]
"""The kinds of difference the rules flag, in the order the rules run."""

DISCREPANCY_TYPES: dict[str, Term] = {
    t.key: t
    for t in (
        Term("attribution_level", "Attribution level", "درجة الإسناد"),
        Term("speaker", "Speaker", "القائل"),
        Term("number", "Figures", "الأرقام"),
        Term("quote", "Quotation", "الاقتباس"),
        Term("translation", "Translation", "الترجمة"),
        Term("hedge", "Certainty (hedging)", "درجة اليقين"),
        Term("scope", "Scope", "النطاق"),
        Term("timing", "Timing", "التوقيت"),
        Term("unsupported", "No source", "لا مصدر"),
    )
}
"""Every kind of discrepancy, with the label the pages show."""

SEVERITIES: dict[str, Term] = {
    "major": Term("major", "major", "جوهري"),
    "minor": Term("minor", "minor", "ثانوي"),
}

AttributionLevel = Literal["none", "territory", "state_affiliated", "state_organ"]
"""The attribution scale, weakest first (see the methodology page)."""


@dataclass(frozen=True)
class LevelTerm(Term):
    phrase_en: str
    """The level as an explanation describes it in English ("a named state body")."""
    phrase_ar: str
    """The same in Arabic."""

    def phrase(self, lang: str) -> str:
        return self.phrase_ar if lang == "ar" else self.phrase_en


ATTRIBUTION_LEVELS: dict[str, LevelTerm] = {
    t.key: t
    for t in (
        LevelTerm("none", "No attribution", "لا إسناد", "no attribution", "لا إسناد"),
        LevelTerm("territory", "Territory", "الإقليم", "activity from the state's territory", "نشاط من أراضي الدولة"),
        LevelTerm(
            "state_affiliated",
            "State-affiliated actors",
            "جهات مرتبطة بالدولة",
            "state-backed actors or the state itself",
            "جهات مدعومة من الدولة أو الدولة نفسها",
        ),
        LevelTerm("state_organ", "State organ", "جهاز من أجهزة الدولة", "a named state body", "جهاز حكومي مسمّى"),
    )
}
"""The scale, weakest first: the label names a level in tables and charts, the phrase inside a
sentence of an explanation."""

ATTRIBUTION_ORDER: tuple[str, ...] = tuple(ATTRIBUTION_LEVELS)

CERTAINTY: dict[str, Term] = {
    t.key: t
    for t in (
        Term("stated", "Stated as fact", "بصيغة الجزم"),
        Term("assessed", "An assessment", "تقدير"),
        Term("almost_certain", "Almost certain", "شبه مؤكد"),
        Term("likely", "Likely", "مرجَّح"),
        Term("possible", "Possible", "محتمل"),
    )
}
"""How sure a statement says it is of what it attributes: `stated` when its attributing sentences carry
no hedge, else the kinds of hedge they carry (the `id`s of lexicon/hedges.yaml; an id added there
without a label here is shown as it is)."""

# --- dates --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month(Term):
    """A month: `en` and `ar` as explanations write it; `forms` as texts may (Levantine names too)."""

    number: int
    forms: tuple[str, ...]


MONTHS: tuple[Month, ...] = (
    Month("1", "January", "يناير", 1, ("January", "Jan", "يناير", "كانون الثاني")),
    Month("2", "February", "فبراير", 2, ("February", "Feb", "فبراير", "شباط")),
    Month("3", "March", "مارس", 3, ("March", "مارس", "آذار")),
    Month("4", "April", "أبريل", 4, ("April", "Apr", "أبريل", "إبريل", "ابريل", "نيسان")),
    Month("5", "May", "مايو", 5, ("May", "مايو", "أيار")),
    Month("6", "June", "يونيو", 6, ("June", "يونيو", "يونيه", "حزيران")),
    Month("7", "July", "يوليو", 7, ("July", "يوليو", "يوليه", "تموز")),
    Month("8", "August", "أغسطس", 8, ("August", "Aug", "أغسطس", "آب")),
    Month("9", "September", "سبتمبر", 9, ("September", "Sept", "سبتمبر", "أيلول")),
    Month("10", "October", "أكتوبر", 10, ("October", "Oct", "أكتوبر", "تشرين الأول")),
    Month("11", "November", "نوفمبر", 11, ("November", "Nov", "نوفمبر", "تشرين الثاني")),
    Month("12", "December", "ديسمبر", 12, ("December", "Dec", "ديسمبر", "كانون الأول")),
)
"""Month names for dates in explanations, and the forms a text may use for each (the timing rule)."""


def when(date: str) -> dict[str, str]:
    """A date as explanations write it, by language: `19 July 2021` / `19 يوليو 2021`.

    A date with a time is given in UTC (`19 July 2021, 09:35 UTC`), so that statements from
    different zones compare at a glance. No ISO form: inside Arabic text its parts would be
    laid out in reverse order, and readers do not need it (the statement page shows it).
    """
    if "T" in date:
        moment = datetime.fromisoformat(date.replace("Z", "+00:00"))
        utc = moment.tzinfo is not None
        if utc:
            moment = moment.astimezone(UTC)
        day, clock = moment.date(), moment.strftime("%H:%M")
    else:
        day, clock, utc = Day.fromisoformat(date[:10]), "", False
    month = MONTHS[day.month - 1]
    en, ar = f"{day.day} {month.en} {day.year}", f"{day.day} {month.ar} {day.year}"
    if clock:
        en += f", {clock}" + (" UTC" if utc else "")
        ar += f"، الساعة {clock}" + (" بتوقيت غرينتش" if utc else "")
    return {"en": en, "ar": ar}


# --- what the build writes ----------------------------------------------------------------------

STAMP = ".muqabala-generated.json"
"""The file in each docs folder that records what the generated pages were generated from."""

GENERATED: tuple[str, ...] = ("statements", "articles", "checks", "compare.md", "discrepancies.md", "data.md", STAMP)
"""What the build owns in each language's docs folder (`content/<lang>/`): folders and files it may
overwrite or delete; the last records what the pages were generated from. `.gitignore` and
`make clean` list the same (a test checks them)."""

# Each vocabulary keyed exactly by its Literal: a key added to one and not the other fails at import.
assert tuple(VERDICTS) == get_args(Verdict)
assert tuple(DISCREPANCY_TYPES) == get_args(DiscrepancyType)
assert tuple(ATTRIBUTION_LEVELS) == get_args(AttributionLevel)
