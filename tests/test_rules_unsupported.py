from muqabala.collate.rules import unsupported
from test_rules_fixtures import SENTENCES, make_case, make_claim


def run(ar, ranked):
    case = make_case(SENTENCES)
    return unsupported.check(make_claim(case, ar, ranked=ranked), case)


def test_unnamed_officials():
    [flag] = run("يقول مسؤولون إن السلوك كان أخطر من أي شيء سابق.", [("w#s1", 0.9), ("u#s1", 0.2)])
    assert flag.details["kind"] == "anonymous"
    assert flag.details["context"] == "w#s1"


def test_a_media_report_is_never_support():
    [flag] = run("كان السلوك أخطر من أي شيء سابق.", [("w#s1", 0.9), ("u#s1", 0.2)])
    assert (flag.details["kind"], flag.details["closest"]) == ("no_evidence", "u#s1")


def test_a_close_primary_sentence_supports():
    assert run("أثّر الهجوم على أكثر من 70 منظمة.", [("a#s2", 0.9)]) == []


def test_a_bonus_for_merely_naming_an_issuer_is_not_support():
    ranked = [("u#s1", 0.45, ["speaker:union"])]
    [flag] = run("انضمام الاتحاد إلى الحملة يشير إلى خطورة القضية.", ranked)
    assert flag.details["kind"] == "no_evidence"


def test_the_media_report_is_named_by_outlet_and_date():
    [flag] = run("يقول مسؤولون إن السلوك كان أخطر من أي شيء سابق.", [("w#s1", 0.9), ("u#s1", 0.2)])
    assert flag.explanation.en == (
        "The claim rests on unnamed officials or sources; no primary statement is theirs. "
        "Only a media report says something close (Newswire, 1 January 2024)."
    )
    assert flag.explanation.ar == (
        "يستند الادعاء إلى مسؤولين أو مصادر لم تُسمَّ، وليس لهم بيان رسمي. "
        "لا يقول ما يقاربه سوى تقرير إعلامي (وكالة الأنباء، 1 يناير/كانون الثاني 2024)."
    )
