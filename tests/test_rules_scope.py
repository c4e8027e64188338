from muqabala.collate.rules import scope
from test_rules_fixtures import SENTENCES, add_issuer, make_case, make_claim


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


DAMAGE = [
    (
        "d",
        "s1",
        "alpha",
        "The attack caused damage across Europe, Asia, and the Americas.",
        "تسبب الهجوم في أضرار في أوروبا وآسيا والأمريكتين.",
    ),
    ("d", "s2", "alpha", "The attack hit companies in the United States.", "أصاب الهجوم شركات في الولايات المتحدة."),
    ("o", "s1", "union", "Hospitals in the United States were hit.", "أصيبت مستشفيات في الولايات المتحدة."),
]


def narrowed(ar: str, ranked: list[tuple[str, float]]):
    case = make_case(DAMAGE)
    return scope.check(make_claim(case, ar, ranked=ranked), case)


def test_a_country_where_the_source_names_only_the_region_holding_it_narrows_the_scope():
    [flag] = narrowed("وقالت ألفا إن الهجوم تسبب في خسائر طالت أوروبا وآسيا والولايات المتحدة.", [("d#s1", 0.6)])
    assert flag.claim_span.text == "الولايات المتحدة"
    assert flag.details["source_scope"] == "AM-R"
    assert flag.source_span.text == "the Americas"
    assert flag.explanation.en == 'The claim places it in the United States; the source says "the Americas".'


def test_the_country_named_by_the_same_speaker_elsewhere_is_not_narrowed():
    assert narrowed("وقالت ألفا إن الهجوم تسبب في خسائر طالت الولايات المتحدة.", [("d#s1", 0.6), ("d#s2", 0.5)]) == []


def test_another_speaker_naming_the_country_does_not_clear_the_credited_speakers_words():
    found = narrowed("وقالت ألفا إن الهجوم تسبب في خسائر طالت الولايات المتحدة.", [("d#s1", 0.6), ("o#s1", 0.5)])
    assert [f.details["source_scope"] for f in found] == ["AM-R"]


def test_a_place_inside_the_speakers_name_is_not_the_scope():

    case = make_case(SENTENCES)
    add_issuer(case, "uk", "حكومة المملكة المتحدة", "UK Government", "GB")
    # No reporting verb credits them, but "intelligence agencies in Britain" is who accuses, not where.
    claim = make_claim(
        case, "وجهت وكالات استخبارات في بريطانيا اتهامات إلى أوميغا باستغلال الخوادم", ranked=[("u#s3", 0.6)]
    )
    assert scope.check(claim, case) == []
    claim = make_claim(case, "وجهت الوكالات اتهامات إلى أوميغا باستغلال الخوادم في بريطانيا", ranked=[("u#s3", 0.6)])
    assert [f.details["claim_scope"] for f in scope.check(claim, case)] == [["GB"]]
