"""Rule `form`: the kind of text and the day a claim says its speaker spoke in, against the file."""

from __future__ import annotations

import pytest

from muqabala.collate.attribution import frames
from muqabala.collate.rules import form
from muqabala.collate.views import CaseView, ClaimView
from test_rules_fixtures import LEXICON, SENTENCES, make_case, make_claim


def case_with(kind: str | None, day: str = "2024-01-01") -> CaseView:
    case = make_case(SENTENCES, dates={"a": day})
    st = case.corpus.statements["a"]
    case.corpus.statements["a"] = st.model_copy(update={"form": kind})
    case.corpus.cases["test"].statements["a"] = case.corpus.statements["a"]
    return case


def claim_on(case: CaseView, text: str, published: str = "2024-01-04") -> ClaimView:
    claim = make_claim(case, text, ranked=[("a#s2", 0.8)])
    claim.date = published
    claim.frames = tuple(frames(text, "ar", case.corpus, LEXICON))
    return claim


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("press_release", [("minor", "tweet", "press_release")]),
        ("tweet", []),
        (None, []),  # nobody recorded the form: nothing to compare with
    ],
)
def test_a_form_not_on_file_is_a_minor_difference(kind, expected):
    case = case_with(kind)
    found = form.check(claim_on(case, "وقالت ألفا في تغريدة إن الهجوم أثّر على أكثر من 70 منظمة."), case)
    got = [(d.severity, d.details["claim_form"], d.details["source_form"]) for d in found if d.type == "form"]
    assert got == expected


def test_the_form_explanation_reads_in_both_languages():
    case = case_with("press_release")
    (d,) = form.check(claim_on(case, "وقالت ألفا في تغريدة إن الهجوم أثّر على أكثر من 70 منظمة."), case)
    assert d.explanation.en == (
        "No social media post by Alpha Government is on file for this case; the words the claim reports "
        "are in a press release of 1 January 2024."
    )
    assert d.explanation.ar == (
        "ليس في ملف هذه القضية شيء صادر عن حكومة ألفا في صورة تغريدة؛ والكلام الذي ينقله الادعاء وارد في "
        "بيان صحفي بتاريخ 1 يناير/كانون الثاني 2024."
    )
    assert d.claim_span.text == "تغريدة"


@pytest.mark.parametrize(
    ("text", "statement_day", "flagged"),
    [
        ("وقالت ألفا اليوم إن الهجوم أثّر على أكثر من 70 منظمة.", "2024-01-04", False),
        ("وقالت ألفا اليوم إن الهجوم أثّر على أكثر من 70 منظمة.", "2024-01-03", False),  # a day of zones
        ("وقالت ألفا اليوم إن الهجوم أثّر على أكثر من 70 منظمة.", "2023-12-20", True),
        ("وقالت ألفا يوم الاثنين إن الهجوم أثّر على أكثر من 70 منظمة.", "2024-01-01", False),
        ("وقالت ألفا يوم الاثنين إن الهجوم أثّر على أكثر من 70 منظمة.", "2023-12-20", True),
        # A day in what was said, not in the frame, is not the day of speaking.
        ("وقالت ألفا إن الهجوم أثّر اليوم على أكثر من 70 منظمة.", "2023-12-20", False),
    ],
)
def test_the_day_a_frame_gives_the_speaking_is_compared_with_the_statements_date(text, statement_day, flagged):
    case = case_with("press_release", statement_day)
    found = [d for d in form.check(claim_on(case, text), case) if d.type == "timing"]
    assert bool(found) == flagged
    if flagged:
        assert found[0].severity == "major"
        assert found[0].details["source_day"] == statement_day


def test_the_day_explanation_names_the_weekday_and_both_dates():
    case = case_with("press_release", "2023-12-20")
    (d,) = form.check(claim_on(case, "وقالت ألفا يوم الاثنين إن الهجوم أثّر على أكثر من 70 منظمة."), case)
    assert d.explanation.en == (
        "The claim dates what Alpha Government said to Monday 1 January 2024; the statement holding those "
        "words is of 20 December 2023."
    )
    assert d.explanation.ar.startswith("يؤرّخ الادعاء كلام حكومة ألفا بيوم الاثنين 1 يناير/كانون الثاني 2024")
