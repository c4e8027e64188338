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
