from muqabala.collate.rules import attribution_level
from test_rules_fixtures import SENTENCES, make_case, make_claim


def test_accusing_the_state_exceeds_territory_but_not_an_organ():
    case = make_case(SENTENCES)
    claim = make_claim(
        case,
        "اتهمت ألفا والاتحاد أوميغا بتنفيذ الهجوم.",
        "Alpha and the Union accused Omega of the attack.",
        [("u#s1", 0.6)],
    )
    assert claim.credited == ["alpha", "union"]
    [flag] = attribution_level.check(claim, case)
    assert flag.severity == "major"
    assert flag.details["issuer"] == "union"
    assert (flag.details["claim_level"], flag.details["source_level"]) == ("state_affiliated", "territory")
    assert flag.claim_span.text == "اتهمت ألفا والاتحاد أوميغا"
    assert flag.source_span.text == "territory of Omega"
    assert flag.explanation.ar and flag.explanation.en


def test_each_speaker_is_held_to_its_own_words():
    case = make_case(SENTENCES)
    claim = make_claim(
        case, "قال الاتحاد إن الهجوم جاء من أراضي أوميغا، في حين قالت ألفا إن جهاز المخابرات الأوميغي مسؤول."
    )
    assert [s.speakers for s in claim.segments] == [("union",), ("alpha",)]
    assert attribution_level.check(claim, case) == []


def test_naming_an_organ_the_issuer_never_named():
    case = make_case(SENTENCES)
    claim = make_claim(case, "وقال الاتحاد إن جهاز المخابرات الأوميغي مسؤول.")
    [flag] = attribution_level.check(claim, case)
    assert flag.details["claim_level"] == "state_organ"
    assert flag.details["claim_organ"] == "intelligence service"


def test_a_broader_organ_counts_as_named_when_the_source_names_a_narrower_one():
    # The source names the GRU; the claim says "Russian military intelligence" (an intelligence service).
    rows = [("g", "s1", "alpha-office", "The GRU was responsible.", "كانت مديرية المخابرات الرئيسية مسؤولة.")]
    case = make_case(rows)
    claim = make_claim(case, "قالت ألفا إن المخابرات الروسية مسؤولة.", ranked=[("g#s1", 0.6)])
    assert claim.segments[-1].coding.named_organ == "intelligence service"
    assert [f for f in attribution_level.check(claim, case) if f.severity == "major"] == []


def test_naming_the_state_where_the_sentence_it_rests_on_names_an_organ_is_less_specific():
    case = make_case(SENTENCES)
    # Alpha's sentence names the Omegan intelligence service; the claim says only "Omega".
    claim = make_claim(case, "اتهمت ألفا أوميغا بتنفيذ الهجوم.", "Alpha accused Omega of the attack.", [("a#s1", 0.6)])
    [less] = attribution_level.check(claim, case)
    assert (less.severity, less.details["issuer"], less.details["kind"]) == ("minor", "alpha", "less_specific")
    assert less.explanation.en == (
        'The claim stops at "the state or state-backed actors", where Alpha Government names a state body, '
        "the intelligence service: less specific, not contrary."
    )
    # Accurate and less specific: noted beside the verdict, which it does not change.
    from muqabala.collate.verdict import decide

    assert decide(claim, [less], True, case)[0] == "supported"


def test_the_claim_rests_on_its_speakers_close_sentences_not_only_the_closest():
    case = make_case(SENTENCES)
    # The closest sentence is Alpha's "state-backed actors"; the next, close enough, names the organ.
    claim = make_claim(
        case, "اتهمت ألفا أوميغا بالهجوم.", "Alpha accused Omega of the attack.", [("a#s4", 0.6), ("a#s1", 0.5)]
    )
    assert [s.ref for s in claim.evidence] == ["a#s4", "a#s1"]
    [less] = attribution_level.check(claim, case)
    assert less.details["kind"] == "less_specific"
    assert less.source_span.sentence == "s1"


def test_a_claim_holding_a_state_responsible_puts_its_speakers_attributions_first():
    case = make_case(SENTENCES)
    claim = make_claim(
        case, "اتهمت ألفا أوميغا بالهجوم.", "Alpha accused Omega of the attack.", [("a#s2", 0.5), ("a#s1", 0.45)]
    )
    assert [s.ref for s in claim.evidence] == ["a#s1", "a#s2"]
    assert "attribution:state_organ" in claim.evidence[0].reasons
    # Another speaker's attribution gains nothing: the claim credits Alpha.
    other = make_claim(
        case, "اتهمت ألفا أوميغا بالهجوم.", "Alpha accused Omega of the attack.", [("a#s2", 0.5), ("u#s1", 0.45)]
    )
    assert [s.ref for s in other.evidence] == ["a#s2", "u#s1"]


DECLINED = [
    (
        "d",
        "p1-s1",
        "alpha",
        "Alpha is confident that the Omega Government directed the theft of e-mails from political parties.",
        "ألفا واثقة من أن حكومة أوميغا وجّهت سرقة رسائل البريد الإلكتروني من أحزاب سياسية.",
    ),
    (
        "d",
        "p2-s1",
        "alpha",
        "Some regions have seen scanning of their voting machines from servers of a private company.",
        "شهدت بعض المناطق مسحًا لآلات التصويت فيها من خوادم شركة خاصة.",
    ),
    (
        "d",
        "p2-s2",
        "alpha",
        "However, we are not now in a position to attribute this activity to the Omega Government.",
        "غير أننا لسنا الآن في وضع يسمح بنسب هذا النشاط إلى حكومة أوميغا.",
    ),
]


def test_a_sentence_declining_to_attribute_attributes_nothing():
    case = make_case(DECLINED)
    assert case.coding["d#p1-s1"].level == "state_affiliated"
    assert case.coding["d#p2-s2"].level == "none"
    assert case.declined == {"d#p2-s2": frozenset({"XO"})}


def test_holding_the_state_responsible_for_what_the_source_declines_to_attribute():
    case = make_case(DECLINED)
    claim = make_claim(
        case,
        "اتهمت ألفا أوميغا بقرصنة أحزاب سياسية وآلات التصويت.",
        "Alpha accused Omega of hacking political parties and voting machines.",
        [("d#p1-s1", 0.6), ("d#p2-s2", 0.4)],
    )
    [flag] = attribution_level.check(claim, case)
    assert (flag.severity, flag.details["kind"]) == ("major", "declined")
    assert flag.source_span.sentence == "p2-s2"
    assert flag.explanation.en == (
        "The claim has Alpha Government hold Omega Government responsible for what Alpha Government declines "
        "to attribute: "
        '"However, we are not now in a position to attribute this activity to the Omega Government."'
    )
    from muqabala.collate.verdict import decide

    verdict, rationale = decide(claim, [flag], True, case)
    assert (verdict, rationale) == ("misleading", flag.explanation)
    assert flag.explanation.ar == (
        "ينسب الادعاء إلى حكومة ألفا تحميل حكومة أوميغا المسؤولية عن نشاط تمتنع بيانات حكومة ألفا عن نسبته إليها."
    )


def test_the_part_the_source_attributes_is_not_declined():
    # The claim shares only the attributed paragraph's words (e-mails, parties): the refusal is about
    # another activity, though it ranks among the claim's close sentences.
    case = make_case(DECLINED)
    claim = make_claim(
        case,
        "اتهمت ألفا أوميغا بسرقة رسائل البريد الإلكتروني من أحزاب سياسية.",
        "Alpha accused Omega of stealing e-mails from political parties.",
        [("d#p1-s1", 0.6), ("d#p2-s2", 0.4)],
    )
    assert attribution_level.check(claim, case) == []
