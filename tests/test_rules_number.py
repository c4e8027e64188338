import pytest

from muqabala.collate.rules import number
from test_rules_fixtures import SENTENCES, make_case, make_claim


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("أثّر الهجوم على أكثر من 70 منظمة.", []),
        ("أثّر الهجوم على 70 منظمة.", [("minor", "qualifier")]),
        ("أثّر الهجوم على 700 منظمة.", [("major", "differs")]),
        # A bound every value of the source's figure meets holds, less precisely; one it breaks does not.
        ("أثّر الهجوم على 50 منظمة على الأقل.", [("minor", "within")]),
        ("أثّر الهجوم على أقل من 50 منظمة.", [("major", "differs")]),
        # «الاثنين» is Monday, not a figure of two.
        ("قال الاتحاد يوم الاثنين إن الهجوم أثّر على أكثر من 70 منظمة.", []),
    ],
)
def test_figures_against_the_closest_sentence(claim, expected):
    case = make_case(SENTENCES)
    found = number.check(make_claim(case, claim, ranked=[("a#s2", 0.9)]), case)
    assert [(d.severity, d.details["kind"]) for d in found] == expected


def test_a_figure_no_statement_gives():
    case = make_case(SENTENCES)
    [flag] = number.check(make_claim(case, "أثّر الهجوم على 5000 خادم.", ranked=[("a#s3", 0.9)]), case)
    assert (flag.severity, flag.details["kind"], flag.claim_span.text) == ("major", "absent", "5000")


def test_a_vague_figure_is_compared_by_its_order_of_magnitude():
    from muqabala.collate.rules import number
    from test_rules_fixtures import make_case, make_claim

    rows = [("s", "s1", "alpha-office", "The attack affected more than a quarter of a million servers.", "…")]
    case = make_case(rows)
    agrees = make_claim(case, "أثّر الهجوم على مئات الآلاف من الخوادم.", ranked=[("s#s1", 0.8)])
    assert [d for d in number.check(agrees, case) if d.details.get("magnitude")] == []
    lower = make_claim(case, "أثّر الهجوم على عشرات الآلاف من الخوادم.", ranked=[("s#s1", 0.8)])
    [flag] = [d for d in number.check(lower, case) if d.details.get("magnitude")]
    assert (flag.severity, flag.details["kind"], flag.details["claim_value"]) == ("major", "differs", 10000.0)
    assert flag.explanation.en.endswith("another order of magnitude.")


@pytest.mark.parametrize(
    "claim",
    [
        "وقالت ألفا إن السلطات ألقت القبض عليهم في 13 من شهر أيار الماضي.",
        "وقالت ألفا إن السلطات ألقت القبض عليهم في 13 من أيار.",
    ],
)
def test_the_day_of_a_date_is_no_figure(claim):
    case = make_case(SENTENCES)
    assert number.check(make_claim(case, claim, claim, ranked=[("a#s2", 0.9)]), case) == []


def test_an_exact_figure_against_a_vague_source_is_compared_by_its_order_of_magnitude():
    rows = [("s", "s1", "alpha-office", "The attack affected tens of thousands of servers.", "…")]
    case = make_case(rows)
    within = make_claim(case, "أثّر الهجوم على 40 ألف خادم.", "The attack affected 40,000 servers.", [("s#s1", 0.8)])
    [flag] = number.check(within, case)
    assert (flag.severity, flag.details["kind"], flag.details["source_value"]) == ("minor", "vaguer", 10000.0)
    assert flag.explanation.en == (
        'The claim says "40,000"; the source gives only "tens of thousands", which allows it but is vaguer.'
    )
    outside = make_claim(case, "أثّر الهجوم على 500 خادم.", "The attack affected 500 servers.", [("s#s1", 0.8)])
    [flag] = number.check(outside, case)
    assert (flag.severity, flag.details["kind"], flag.details["magnitude"]) == ("major", "differs", True)
    assert flag.explanation.ar.startswith("يقول الادعاء «500»")


def test_bounds_on_opposite_sides_of_the_same_figure_differ():
    # "no fewer than 150" where the source says "nearly 150": they share the figure alone.
    rows = [*SENTENCES, ("n", "s1", "alpha", "The attack hit nearly 150 servers.", "أصاب الهجوم قرابة 150 خادمًا.")]
    case = make_case(rows)
    claim = make_claim(
        case, "أصاب الهجوم ما لا يقل عن 150 خادمًا.", "The attack hit no fewer than 150 servers.", [("n#s1", 0.9)]
    )
    [flag] = number.check(claim, case)
    assert (flag.severity, flag.details["kind"]) == ("major", "differs")
    assert (flag.details["claim_qualifier"], flag.details["source_qualifier"]) == ("at_least", "nearly")
    assert flag.explanation.en == (
        'The claim says "no fewer than 150" (at least); the source says "nearly 150" (nearly), on the other side '
        "of the figure."
    )
    # "About 150" against "nearly 150" overlap: only the qualifier differs.
    [flag] = number.check(make_claim(case, "أصاب الهجوم نحو 150 خادمًا.", ranked=[("n#s1", 0.9)]), case)
    assert (flag.severity, flag.details["kind"]) == ("minor", "qualifier")


def test_a_vague_figure_no_statement_gives_at_its_order_of_magnitude_is_absent():
    case = make_case(SENTENCES)
    [flag] = number.check(make_claim(case, "عطّل الهجوم مئات الآلاف من الخوادم.", ranked=[("a#s3", 0.9)]), case)
    assert (flag.severity, flag.details["kind"], flag.claim_span.text) == ("major", "absent", "مئات الآلاف")
