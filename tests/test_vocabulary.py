"""Each vocabulary is declared once (`muqabala.vocabulary`); what must repeat it outside Python agrees."""

from __future__ import annotations

import re
from typing import get_args

from conftest import REPO
from muqabala.data.model import Override
from muqabala.report import Claim
from muqabala.site.render.labels import t
from muqabala.vocabulary import (
    ATTRIBUTION_LEVELS,
    CERTAINTY_LEVELS,
    DISCREPANCY_TYPES,
    GENERATED,
    SITE_LANGUAGES,
    VERDICTS,
    Verdict,
    count,
    join,
    quote,
    when,
    wording,
)


def test_the_schema_and_the_report_take_their_verdicts_from_the_vocabulary() -> None:
    assert Override.model_fields["verdict"].annotation == Verdict | None
    assert Claim.model_fields["verdict"].annotation == Verdict
    assert set(get_args(Verdict)) == set(VERDICTS)


def test_pages_label_every_term_with_the_vocabulary_wording() -> None:
    for prefix, terms in (("verdict", VERDICTS), ("type", DISCREPANCY_TYPES), ("level", ATTRIBUTION_LEVELS)):
        for key, term in terms.items():
            for lang in SITE_LANGUAGES:
                assert t(f"{prefix}.{key}", lang) == term.label(lang)


def test_gitignore_and_make_clean_list_exactly_the_generated_pages() -> None:
    ignored = {m for m in re.findall(r"^/content/\*/([^\s/]+)/?$", (REPO / ".gitignore").read_text(), re.M)}
    assert ignored == set(GENERATED)
    clean = (REPO / "Makefile").read_text().split("clean:", 1)[1]
    assert {m for m in re.findall(r"content/\*/([\w.-]+)", clean)} == set(GENERATED)


def test_wording_prefers_the_page_language_then_english_then_the_original() -> None:
    texts = {"nl": "Het kabinet", "en": "The cabinet", "ar": "الحكومة"}
    assert wording(texts, "ar", "nl") == "الحكومة"
    assert wording({"nl": "Het kabinet", "en": "The cabinet"}, "ar", "nl") == "The cabinet"
    assert wording({"nl": "Het kabinet"}, "ar", "nl") == "Het kabinet"


def test_dates_in_explanations_are_given_in_utc_in_both_languages() -> None:
    assert when("2021-07-19") == {"en": "19 July 2021", "ar": "19 يوليو/تموز 2021"}
    assert when("2021-07-19T11:35+02:00") == {
        "en": "19 July 2021, 09:35 UTC",
        "ar": "19 يوليو/تموز 2021، الساعة 09:35 بالتوقيت العالمي المنسّق",
    }


def test_every_term_has_a_label_and_a_definition_in_both_languages() -> None:
    for terms in (VERDICTS, DISCREPANCY_TYPES, ATTRIBUTION_LEVELS, CERTAINTY_LEVELS):
        for term in terms.values():
            for lang in SITE_LANGUAGES:
                assert term.label(lang).strip() and term.definition(lang).strip(), (term.key, lang)


def test_arabic_counted_nouns_lists_and_quotes_follow_the_desk_rules() -> None:
    assert [count(n, "claim", "ar") for n in (0, 1, 2, 3, 10, 11, 99, 100, 103, 111)] == [
        "لا ادعاءات",
        "ادعاء واحد",
        "ادعاءان",
        "ثلاثة ادعاءات",
        "عشرة ادعاءات",
        "11 ادعاءً",
        "99 ادعاءً",
        "100 ادعاء",
        "103 ادعاءات",
        "111 ادعاءً",
    ]
    assert [count(n, "sentence", "ar") for n in (1, 3)] == ["جملة واحدة", "ثلاث جمل"]
    assert [count(n, "claim", "en") for n in (1, 2)] == ["1 claim", "2 claims"]
    assert (
        join(["الاتحاد الأوروبي", "المملكة المتحدة", "أستراليا"], "ar") == "الاتحاد الأوروبي والمملكة المتحدة وأستراليا"
    )
    assert join(["the EU", "the UK", "Australia"], "en") == "the EU, the UK and Australia"
    assert quote('a "b" «c»', "ar") == "«a b “c”»"


# Each page names a term as `key` (label), **label** (`key`), or icon **label** in the verdicts table.
_NAMED = (
    re.compile(r"`([a-z_]+)` \(([^)`]+)\)"),
    re.compile(r'<code dir="ltr">([a-z_]+)</code> \(([^)<]+)\)'),
    re.compile(r"\*\*([^*]+)\*\* \((?:`|<code dir=\"ltr\">)([a-z_]+)(?:`|</code>)\)"),
)
RETIRED = ("مؤيَّد", "مؤيد", "تنقضه المصادر", "لا سند له", "«الإقليم»", "**الإقليم**", "جهات مرتبطة بالدولة")
RETIRED += ("State-affiliated actors", "**Territory**", "**State organ**")
"""Names the vocabulary once had two of: they must not come back."""


def test_methodology_and_guide_name_terms_only_by_their_vocabulary_label() -> None:
    labels: dict[str, set[str]] = {}
    for terms in (VERDICTS, DISCREPANCY_TYPES, ATTRIBUTION_LEVELS, CERTAINTY_LEVELS):
        for key, term in terms.items():
            labels.setdefault(key, set()).update({term.en, term.ar})
    icons = {v.icon: v for v in VERDICTS.values()}
    checked = 0
    for lang in SITE_LANGUAGES:
        for page in ("methodology.md", "guide.md", "about.md"):
            text = (REPO / "content" / lang / page).read_text(encoding="utf-8")
            for retired in RETIRED:
                assert retired not in text, f"content/{lang}/{page} names {retired!r}, not a vocabulary label"
            for i, pattern in enumerate(_NAMED):
                for m in pattern.finditer(text):
                    key, label = (m[2], m[1]) if i == 2 else (m[1], m[2])
                    if key in labels and label.replace("\n", " ") not in (labels[key] | {key}):
                        # `none` etc. also name plain field values: only vocabulary keys are held to it.
                        raise AssertionError(f"content/{lang}/{page}: {key!r} named {label!r}; labels: {labels[key]}")
                    checked += key in labels
            for m in re.finditer(r"\| (\S) \*\*([^*]+)\*\* \|", text):
                if m[1] in icons:
                    assert m[2] == icons[m[1]].label(lang), f"content/{lang}/{page}: verdict {m[2]!r}"
                    checked += 1
    assert checked > 30
