import pytest

from muqabala.collate.attribution import frames
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


SUSPECTED = [
    (
        "b",
        "s1",
        "alpha",
        "The Omegan officer is strongly suspected of being responsible for the attack.",
        "يُشتبه بشدة في أن الضابط الأوميغي مسؤول عن الهجوم.",
    ),
    (
        "b",
        "s2",
        "alpha",
        "There are reliable indications that he belonged to the Omegan intelligence service.",
        "هناك مؤشرات موثوقة على أنه كان ينتمي إلى جهاز المخابرات الأوميغي.",
    ),
]


def test_suspicion_reported_as_a_finding_is_a_dropped_hedge():
    case = make_case(SUSPECTED)
    claim = make_claim(case, "قالت ألفا إن الضابط الأوميغي مسؤول عن الهجوم.", ranked=[("b#s1", 0.8)])
    found = hedge.check(claim, case)
    assert [(d.severity, d.details["hedge"]) for d in found] == [("major", "suspected")]
    assert found[0].explanation.en == (
        'The source gives it as an assessment ("strongly suspected"); the claim states it as fact.'
    )


def test_a_claim_that_keeps_the_suspicion_is_not_flagged():
    case = make_case(SUSPECTED)
    claim = make_claim(case, "قالت ألفا إنه يُشتبه في أن الضابط الأوميغي مسؤول عن الهجوم.", ranked=[("b#s1", 0.8)])
    assert hedge.check(claim, case) == []


STATED = [
    (
        "b",
        "s1",
        "alpha",
        "Alpha has summoned the Omegan ambassador over cyber attacks against its ministries.",
        "استدعت ألفا السفير الأوميغي بسبب هجمات إلكترونية على وزاراتها.",
    ),
    (
        "o",
        "s1",
        "omega",
        "Omega rejects the groundless allegations of cyber attacks.",
        "ترفض أوميغا الادعاءات التي لا أساس لها بشأن هجمات إلكترونية.",
    ),
    (
        "b",
        "s2",
        "alpha",
        "The Omegan intelligence service carried out the attacks.",
        "نفّذ جهاز المخابرات الأوميغي الهجمات.",
    ),
]


def test_reports_alleging_what_the_speaker_stated_lower_its_certainty():
    case = make_case(STATED)
    text = "قالت ألفا إنها استدعت السفير الأوميغي على خلفية تقارير تزعم وجود هجمات إلكترونية."
    claim = make_claim(case, text, ranked=[("b#s1", 0.8)])
    found = hedge.check(claim, case)
    assert [(d.severity, d.details["hedge"], d.claim_span.text) for d in found] == [("major", "doubt", "تزعم")]
    assert found[0].explanation.en == (
        "The source states it without reservation; the claim presents it as an allegation."
    )
    assert found[0].explanation.ar == "يذكر المصدر الأمر دون تحفّظ، بينما يقدّمه الادعاء زعمًا («تزعم»)."


@pytest.mark.parametrize(
    ("claim", "ref"),
    [
        # The accused state's reply calls them allegations itself.
        ("قالت أوميغا إنها ترفض الهجمات المزعومة.", "o#s1"),
        # The verb that reports the speaker is the article's stance toward it.
        ("وزعمت ألفا أن جهاز المخابرات الأوميغي نفّذ الهجمات.", "b#s2"),
        # The article's own voice credits nobody.
        ("استُدعي السفير الأوميغي بسبب الهجوم المزعوم.", "b#s1"),
    ],
)
def test_a_doubt_the_speaker_shares_or_the_article_voices_is_not_a_lowered_certainty(claim, ref):
    case = make_case(STATED)
    view = make_claim(case, claim, ranked=[(ref, 0.8)])
    # Where the claim only says who speaks, as the engine finds it for every claim.
    view.frames = tuple(frames(claim, "ar", case.corpus, case.lexicon, case.states))
    assert hedge.check(view, case) == []
