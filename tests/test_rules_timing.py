import pytest

from muqabala.collate.rules import timing
from muqabala.collate.views import when
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


def test_explanations_name_statements_by_issuer_and_date_not_by_file_id():
    case = make_case(SENTENCES, {"u": "2024-01-01T10:00+01:00", "a": "2024-01-01", "w": "2024-01-02"})
    [flag] = timing.check(make_claim(case, CLAIM, ranked=[("u#s1", 0.6)]), case)
    assert flag.explanation.en == (
        "The statements' dates cannot establish that The Union's statement was first: it is dated "
        "1 January 2024, 09:00 UTC, and the statement of Alpha Office gives only the day."
    )
    assert flag.explanation.ar == (
        "لا تكفي تواريخ البيانات لإثبات أن بيان الاتحاد كان الأول: فهو مؤرَّخ في "
        "1 يناير/كانون الثاني 2024، الساعة 09:00 بالتوقيت العالمي المنسّق، ولا يذكر بيان مكتب ألفا سوى اليوم."
    )
    case = make_case(SENTENCES, {"u": "2024-01-01T10:00+01:00", "a": "2024-01-01T09:00+01:00"})
    [flag] = timing.check(make_claim(case, CLAIM, ranked=[("u#s1", 0.6)]), case)
    assert flag.explanation.en == (
        "The Union's statement was not the first: it is dated 1 January 2024, 09:00 UTC, and "
        "Alpha Office's statement is dated earlier, 1 January 2024, 08:00 UTC."
    )
    assert flag.explanation.ar == (
        "لم يكن بيان الاتحاد الأول: صدر في 1 يناير/كانون الثاني 2024، الساعة 09:00 بالتوقيت العالمي المنسّق، "
        "وسبقه بيان مكتب ألفا الصادر في 1 يناير/كانون الثاني 2024، الساعة 08:00 بالتوقيت العالمي المنسّق."
    )


@pytest.mark.parametrize(
    ("date", "en", "ar"),
    [
        ("2021-07-19", "19 July 2021", "19 يوليو/تموز 2021"),
        (
            "2021-07-19T11:35+02:00",
            "19 July 2021, 09:35 UTC",
            "19 يوليو/تموز 2021، الساعة 09:35 بالتوقيت العالمي المنسّق",
        ),
        (
            "2021-12-31T23:30-01:00",
            "1 January 2022, 00:30 UTC",
            "1 يناير/كانون الثاني 2022، الساعة 00:30 بالتوقيت العالمي المنسّق",
        ),
    ],
)
def test_dates_in_explanations_are_written_out(date, en, ar):
    assert (when(date).en, when(date).ar) == (en, ar)


def test_months_are_read_in_egyptian_and_levantine_names_with_their_day():
    from muqabala.collate.rules.timing import months

    assert [m[2:] for m in months("في الـ13 من أيار الماضي")] == [(5, 13)]
    assert [m[2:] for m in months("On 13 April 2018, the service")] == [(4, 13)]
    assert [m[2:] for m in months("بدأ في كانون الثاني")] == [(1, None)]


def test_a_month_the_evidence_contradicts():
    from muqabala.collate.rules import timing
    from test_rules_fixtures import make_case, make_claim

    rows = [("d", "s1", "alpha-office", "On 13 April the service disrupted the operation.", "…")]
    case = make_case(rows)
    claim = make_claim(case, "أحبطت ألفا العملية في الـ13 من أيار الماضي.", ranked=[("d#s1", 0.8)])
    [flag] = timing.check(claim, case)
    assert (flag.severity, flag.details["claim_month"], flag.details["source_month"]) == ("major", 5, 4)
    assert flag.explanation.en == "The claim dates it to 13 May; the source gives 13 April."
    same = make_claim(case, "أحبطت ألفا العملية في الـ13 من نيسان.", ranked=[("d#s1", 0.8)])
    assert timing.check(same, case) == []


def test_dates_alone_decide_the_order_across_days():
    from muqabala.collate.rules import timing
    from test_rules_fixtures import SENTENCES, make_case, make_claim

    claim_ar = "وكان الاتحاد أول من أصدر بيانًا."
    later = make_case(SENTENCES, dates={"u": "2024-01-01", "a": "2024-01-03"})
    assert timing.check(make_claim(later, claim_ar, "The Union was the first to issue a statement."), later) == []
    earlier = make_case(SENTENCES, dates={"u": "2024-01-03", "a": "2024-01-01"})
    [flag] = timing.check(make_claim(earlier, claim_ar, "The Union was the first to issue a statement."), earlier)
    assert (flag.details["kind"], flag.details["earlier"]) == ("contradicted", "a")
