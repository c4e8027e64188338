import pytest

from muqabala.collate.rules import hedge
from test_rules_fixtures import SENTENCES, make_case, make_claim


@pytest.mark.parametrize(
    ("claim", "ref", "expected"),
    [
        ("قالت ألفا إن الهجوم أتاح التجسس على نطاق واسع.", "a#s3", [("major", "likely")]),
        ("قالت ألفا إن الهجوم من المرجح أن يتيح التجسس.", "a#s3", []),
        ("قال الاتحاد إن الأنشطة نُفّذت من أراضي أوميغا.", "u#s1", [("minor", "assessed")]),
        ("أثّر الهجوم على أكثر من 70 منظمة.", "a#s2", []),
    ],
)
def test_hedges(claim, ref, expected):
    case = make_case(SENTENCES)
    found = hedge.check(make_claim(case, claim, ranked=[(ref, 0.8)]), case)
    assert [(d.severity, d.details["hedge"]) for d in found] == expected


HEDGED_ONLY = [
    (
        "b",
        "s1",
        "alpha",
        "The Omegan intelligence service was highly likely responsible for the attack.",
        "من المرجح جدًا أن جهاز المخابرات الأوميغي مسؤول عن الهجوم.",
    ),
    ("b", "s2", "alpha", "The attack affected over 70 organisations.", "أثّر الهجوم على أكثر من 70 منظمة."),
    ("v", "s1", "union", "These activities can be linked to Omega.", "ويمكن ربط هذه الأنشطة بأوميغا."),
]


def test_an_attribution_hedged_wherever_its_speaker_makes_it_is_a_dropped_hedge():
    # The closest sentence is about the damage; Alpha's only attribution says "highly likely".
    case = make_case(HEDGED_ONLY)
    claim = make_claim(
        case, "قالت ألفا إن المخابرات الأوميغية تقف وراء الهجوم الذي أثّر على 70 منظمة.", ranked=[("b#s2", 0.8)]
    )
    found = hedge.check(claim, case)
    assert [(d.severity, d.details["hedge"], d.source_span.sentence) for d in found] == [("major", "likely", "s1")]


def test_an_attribution_the_speaker_also_states_flatly_keeps_no_hedge():
    rows = HEDGED_ONLY + [
        (
            "b",
            "s3",
            "alpha",
            "The Omegan intelligence service carried out the attack.",
            "نفّذ جهاز المخابرات الأوميغي الهجوم.",
        )
    ]
    case = make_case(rows)
    claim = make_claim(
        case, "قالت ألفا إن المخابرات الأوميغية تقف وراء الهجوم الذي أثّر على 70 منظمة.", ranked=[("b#s2", 0.8)]
    )
    assert hedge.check(claim, case) == []


def test_another_speakers_hedge_is_not_the_credited_speakers():
    # The closest sentence is the Union's "can be linked", but the claim credits Alpha, which never hedges.
    rows = [r for r in HEDGED_ONLY if r[0] == "v"] + [
        ("b", "s3", "alpha", "Omega carried out the attack.", "نفّذت أوميغا الهجوم.")
    ]
    case = make_case(rows)
    claim = make_claim(case, "قالت ألفا إن هذه الأنشطة مرتبطة بأوميغا.", ranked=[("v#s1", 0.9), ("b#s3", 0.5)])
    assert hedge.check(claim, case) == []
