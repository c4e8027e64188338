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
    DISCREPANCY_TYPES,
    GENERATED,
    SITE_LANGUAGES,
    VERDICTS,
    Verdict,
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
    assert when("2021-07-19") == {"en": "19 July 2021", "ar": "19 يوليو 2021"}
    assert when("2021-07-19T11:35+02:00")["en"] == "19 July 2021, 09:35 UTC"
