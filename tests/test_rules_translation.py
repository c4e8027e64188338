from muqabala.collate.rules import translation
from test_rules_fixtures import SENTENCES, make_case, make_claim


def run(ar, ref):
    case = make_case(SENTENCES)
    return translation.check(make_claim(case, ar, ranked=[(ref, 0.8)]), case)


def test_compromise_rendered_as_a_settlement():
    [flag] = run("واصل القراصنة استغلال حل وسط حتى الآن.", "u#s3")
    assert (flag.severity, flag.details["term"], flag.claim_span.text) == ("major", "compromise", "حل وسط")
    assert flag.source_span.text == "compromise"
    assert "اختراق" in flag.explanation.ar


def test_actors_rendered_as_representatives():
    [flag] = run("سمحت الحكومة لممثليها المدعومين من الدولة بالتصرف.", "a#s4")
    assert flag.details["term"] == "actors" and flag.claim_span.text == "لممثليها"


def test_the_high_representative_is_no_mistranslation():
    assert run("قال الممثل الأعلى إن الجهات الفاعلة تصرفت.", "a#s4") == []


def test_a_wrong_word_without_the_source_term_is_left_alone():
    assert run("توصل الطرفان إلى حل وسط.", "a#s2") == []
