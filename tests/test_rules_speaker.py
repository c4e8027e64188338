from muqabala.collate.rules import speaker
from test_rules_fixtures import SENTENCES, make_case, make_claim


def test_the_countries_credit_everyone_named_before():
    case = make_case(SENTENCES)
    claim = make_claim(case, "وقالت الدول إن جهاز المخابرات الأوميغي مسؤول.", collective=("alpha", "union"))
    [flag] = speaker.check(claim, case)
    assert flag.details == {"issuer": "union", "found_in": "alpha", "entity": "intelligence service"}
    assert flag.source_span.sentence == "s1" and flag.source_span.statement == "a"


def test_words_closest_to_another_issuer():
    case = make_case(SENTENCES)
    ranked = [("a#s1", 1.19, ["speaker:alpha", "entity:issuer:alpha"]), ("u#s2", 1.15, [])]
    claim = make_claim(case, "وربطت ألفا هذه الأنشطة بمجموعتين تعرفان باسم APT 40 و APT 31.", ranked=ranked)
    flags = speaker.check(claim, case)
    # The named groups decide before the alignment does: one flag per group.
    assert [(f.details["entity"], f.details["found_in"]) for f in flags] == [
        ("APT31", "union"),
        ("APT40", "union"),
    ]
    assert {f.claim_span.text for f in flags} == {"ألفا"}
    assert {f.source_span.sentence for f in flags} == {"s2"}


def test_the_credited_issuers_own_words_do_not_fire():
    case = make_case(SENTENCES)
    claim = make_claim(
        case,
        "وقالت ألفا إن جهاز المخابرات الأوميغي مسؤول.",
        ranked=[("a#s1", 0.9, ["speaker:alpha"]), ("u#s1", 0.5)],
    )
    assert speaker.check(claim, case) == []


def test_a_pronoun_subject_keeps_the_previous_speaker():
    case = make_case(SENTENCES)
    claim = make_claim(case, "وقالت إن الحكومة تجاهلت الدعوات.", previous=("alpha-office",))
    assert claim.credited == ["alpha-office"]


def test_alignment_alone_when_nothing_is_named():
    case = make_case(SENTENCES)
    ranked = [("a#s2", 1.0, ["speaker:alpha", "entity:issuer:alpha"]), ("u#s3", 0.95, [])]
    claim = make_claim(case, "وقالت ألفا إن القراصنة واصلوا استغلال اختراق الخوادم.", ranked=ranked)
    [flag] = speaker.check(claim, case)
    assert (flag.details["found_in"], flag.details["credited_best"]) == ("union", "a#s2")
    assert flag.source_span.sentence == "s3"


def test_the_other_issuers_statement_is_named_by_issuer_and_date():
    case = make_case(SENTENCES, {"u": "2024-01-02"})
    ranked = [("a#s2", 1.0, ["speaker:alpha", "entity:issuer:alpha"]), ("u#s3", 0.95, [])]
    claim = make_claim(case, "وقالت ألفا إن القراصنة واصلوا استغلال اختراق الخوادم.", ranked=ranked)
    [flag] = speaker.check(claim, case)
    assert flag.explanation.en == (
        "The claim's wording matches a statement of The Union of 2 January 2024, but the claim credits "
        "Alpha Government."
    )
    assert flag.explanation.ar == (
        "تطابق صياغة الادعاء بيانًا صادرًا عن الاتحاد في 2 يناير/كانون الثاني 2024، لكن الادعاء ينسبها إلى حكومة ألفا."
    )


def test_a_supported_rationale_names_the_speaker_and_the_date():
    from muqabala.collate.verdict import decide

    case = make_case(SENTENCES)
    claim = make_claim(case, "وقالت ألفا إن جهاز المخابرات الأوميغي مسؤول.", ranked=[("a#s1", 0.9)])
    verdict, rationale = decide(claim, [], True, case)
    assert verdict == "supported"
    assert rationale.en == "Alpha Office says this in a statement of 1 January 2024."
    assert rationale.ar == "ورد ذلك في بيان مكتب ألفا الصادر في 1 يناير/كانون الثاني 2024."


def test_a_joint_statements_words_are_every_signatorys():
    from muqabala.collate.engine import build_case
    from test_rules_fixtures import LEXICON

    rows = [
        ("j", "s1", "alpha", "The attack affected over 70 organisations.", "أثّر الهجوم على أكثر من 70 منظمة."),
        ("u", "s1", "union", "Water pumps need repair.", "تحتاج مضخات المياه إلى إصلاح."),
    ]
    claim_text = "وقال الاتحاد إن الهجوم أثّر على أكثر من 70 منظمة."

    def flags(joined: list[str]) -> list[str]:
        case = make_case(rows)
        st = case.corpus.statements["j"].model_copy(update={"joined_by": joined})
        case.corpus.statements["j"] = st
        case.corpus.cases["test"].statements["j"] = st
        case = build_case(case.corpus, LEXICON, "test")
        return [
            f.details.get("found_in") for f in speaker.check(make_claim(case, claim_text, ranked=[("j#s1", 0.8)]), case)
        ]

    assert flags([]) == ["alpha"]  # Alpha's statement alone: the Union is credited with Alpha's words
    assert flags(["union"]) == []  # Alpha and the Union signed it together


def test_another_issuers_account_of_what_the_credited_one_did_is_no_rival():
    # The Union reports Alpha's act ("Alpha summoned…"): it confirms the claim, it does not take its words.
    rows = [
        *SENTENCES,
        ("u", "s4", "union", "Alpha summoned the Omegan envoy over the attack.", "استدعت ألفا المبعوث الأوميغي."),
    ]
    case = make_case(rows)
    ranked = [("u#s4", 0.9, []), ("a#s2", 0.2, ["speaker:alpha"])]
    claim = make_claim(case, "وأعلنت ألفا أنها استدعت المبعوث الأوميغي بسبب الهجوم.", ranked=ranked)
    assert speaker.check(claim, case) == []
    # Words of the Union that do not name Alpha are still the Union's.
    claim = make_claim(case, "وقالت ألفا إن القراصنة واصلوا استغلال اختراق الخوادم.", ranked=[("u#s3", 0.9, [])])
    assert [f.details["found_in"] for f in speaker.check(claim, case)] == ["union"]
