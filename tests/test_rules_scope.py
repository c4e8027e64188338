from muqabala.collate.rules import scope
from test_rules_fixtures import SENTENCES, make_case, make_claim


def run(ar):
    case = make_case(SENTENCES)
    return scope.check(make_claim(case, ar, ranked=[("u#s3", 0.6)]), case)


def test_a_worldwide_attack_placed_in_britain_and_europe():
    [flag] = run("هجوم كاسح على الخوادم ببريطانيا وأوروبا")
    assert flag.claim_span.text == "بريطانيا وأوروبا"
    assert flag.details["claim_scope"] == ["EU", "GB"]
    assert flag.source_span.text == "worldwide"


def test_worldwide_in_the_claim_is_clean():
    assert run("هجوم على الخوادم حول العالم بما في ذلك في أوروبا") == []


def test_the_speakers_own_country_is_not_the_scope():
    assert run("وفي أوروبا، قال الاتحاد إن القراصنة استغلوا الخوادم.") == []


def test_a_place_named_without_a_locative_is_not_a_scope():
    assert run("اتهمت بريطانيا القراصنة باستغلال الخوادم") == []
