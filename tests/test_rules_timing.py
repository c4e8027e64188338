import pytest

from muqabala.rules import timing
from test_rules_fixtures import SENTENCES, make_case, make_claim

CLAIM = "كان الاتحاد أول من أصدر بيانًا قال فيه إن الهجوم جاء من أراضي أوميغا."


@pytest.mark.parametrize(
    ("alpha_date", "expected"),
    [
        ("2024-01-01", [("major", "cannot_establish")]),
        ("2024-01-01T09:00+01:00", [("major", "contradicted")]),
        ("2024-01-01T11:00+01:00", []),
    ],
)
def test_first_against_the_dates(alpha_date, expected):
    case = make_case(SENTENCES, {"u": "2024-01-01T10:00+01:00", "a": alpha_date, "w": "2024-01-02"})
    found = timing.check(make_claim(case, CLAIM, ranked=[("u#s1", 0.6)]), case)
    assert [(d.severity, d.details["kind"]) for d in found] == expected
    assert all(d.claim_span.text == "أول من" for d in found)
