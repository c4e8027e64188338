from muqabala.collate.rules import unsupported
from muqabala.lexicon.quotations import inside
from test_rules_fixtures import SENTENCES, make_case, make_claim


def run(ar, ranked):
    case = make_case(SENTENCES)
    return unsupported.check(make_claim(case, ar, ranked=ranked), case)


def test_unnamed_officials():
    [flag] = run("يقول مسؤولون إن السلوك كان أخطر من أي شيء سابق.", [("w#s1", 0.9), ("u#s1", 0.15)])
    assert flag.details["kind"] == "anonymous"
    assert flag.details["context"] == "w#s1"


def test_a_media_report_is_never_support():
    [flag] = run("كان السلوك أخطر من أي شيء سابق.", [("w#s1", 0.9), ("u#s1", 0.05)])
    assert (flag.details["kind"], flag.details["closest"]) == ("no_evidence", "u#s1")


def test_a_close_primary_sentence_supports():
    assert run("أثّر الهجوم على أكثر من 70 منظمة.", [("a#s2", 0.9)]) == []


def test_a_bonus_for_merely_naming_an_issuer_is_not_support():
    ranked = [("u#s1", 0.2, ["speaker:union"])]
    [flag] = run("انضمام الاتحاد إلى الحملة يشير إلى خطورة القضية.", ranked)
    assert flag.details["kind"] == "no_evidence"


def test_the_media_report_is_named_by_outlet_and_date():
    [flag] = run("يقول مسؤولون إن السلوك كان أخطر من أي شيء سابق.", [("w#s1", 0.9), ("u#s1", 0.15)])
    assert flag.explanation.en == (
        "The claim rests on unnamed officials or sources; no primary statement is theirs. "
        "Only a media report says something close (Newswire, 1 January 2024)."
    )
    assert flag.explanation.ar == (
        "يستند الادعاء إلى مسؤولين أو مصادر لم تُسمَّ، وليس لهم بيان رسمي. "
        "لا يقول ما يقاربه سوى تقرير إعلامي (وكالة الأنباء، 1 يناير/كانون الثاني 2024)."
    )


def test_an_unfulfilled_forecast_is_unsupported():
    case = make_case(SENTENCES)
    claim = make_claim(case, "من المتوقع أن تحذو أوميغا حذوها.", "Omega is expected to follow suit.", [("u#s1", 0.9)])
    claim.named, claim.date = ("omega",), "2024-01-01"
    [flag] = unsupported.check(claim, case)
    assert flag.details["kind"] == "forecast"
    assert flag.explanation.en == (
        "The claim is a forecast about Omega Government; no statement in this case, up to the article's day "
        "or after it, shows it fulfilled."
    )


def test_a_forecast_a_later_statement_fulfils_is_left_to_the_other_rules():
    case = make_case(SENTENCES, dates={"u": "2024-01-05"})
    claim = make_claim(
        case, "من المتوقع أن يحذو الاتحاد حذوها.", "The Union is expected to follow suit.", [("u#s1", 0.9)]
    )
    claim.named, claim.date = ("union",), "2024-01-02"
    assert unsupported.check(claim, case) == []


def test_a_forecast_the_claim_quotes_a_speaker_making_is_left_to_the_other_rules():
    case = make_case(SENTENCES)
    quoted = make_claim(
        case,
        "وقال الاتحاد: «من المتوقع أن تحذو ألفا حذوها».",
        'The Union said: "Alpha is expected to follow suit".',
        [("u#s1", 0.9)],
    )
    said = make_claim(case, "وقال الاتحاد إنه من المتوقع أن تحذو ألفا حذوها.", ranked=[("u#s1", 0.9)])
    for claim in (quoted, said):
        claim.named, claim.date = ("union",), "2024-03-01"  # after every statement of the case
    # Inside the quotation marks the forecast is the speaker's; outside them, the article's.
    assert unsupported.check(quoted, case) == []
    assert [f.details["kind"] for f in unsupported.check(said, case)] == ["forecast"]


def test_a_claim_credited_to_an_issuer_without_a_statement_in_the_case():
    case = make_case([row for row in SENTENCES if row[2] != "omega"])
    claim = make_claim(case, "قالت أوميغا إن الهجوم أثّر على أكثر من 70 منظمة.", ranked=[("a#s2", 0.9)])
    [flag] = unsupported.check(claim, case)
    assert (flag.details["kind"], flag.details["issuers"]) == ("no_statement", ["omega"])


def test_a_speaker_who_is_no_issuer_of_the_case_is_unsupported():
    # «الحزب» names none of the issuers, and no statement of the case comes close to what it says.
    [flag] = run("وقال الحزب إن الهجوم أثّر على أكثر من 70 منظمة.", [("a#s2", 0.15)])
    assert flag.details["kind"] == "unlisted"
    assert flag.claim_span.text == "وقال الحزب إن الهجوم أثّر على أكثر من 70 منظمة."
    assert flag.explanation.en == (
        "The claim credits a speaker who is none of the issuers whose statements this case holds: "
        "no primary source is theirs."
    )
    assert flag.explanation.ar == (
        "ينسب الادعاء القول إلى متحدث ليس من الجهات التي يضم هذا الملف بياناتها؛ فلا مصدر رسميًا لما نُسب إليه."
    )


def test_a_speaker_reported_inside_a_quotation_is_the_quoted_sources_report():
    # The quotation opened in the sentence before: the union reports what «الحزب» announced.
    assert run("وفي الوقت نفسه أعلن الحزب أن الهجوم أثّر على أكثر من 70 منظمة”.", [("a#s2", 0.9)]) == []


def test_quoted_reads_pairs_and_a_closing_mark_the_sentence_never_opened():
    text = "أعلن جيم أن الهجوم واسع”، كما “تم استهداف مؤسسات” وأضاف"
    assert inside(text, text.index("أعلن"))
    assert inside(text, text.index("تم"))
    assert not inside(text, text.index("كما"))
    assert not inside(text, text.index("وأضاف"))


def test_quoted_pairs_straight_marks_in_order():
    text = 'وقال جيم "إن دال أعلن أن الهجوم واسع" وأضاف "أن'
    assert inside(text, text.index("دال"))
    assert not inside(text, text.index("وأضاف"))
    assert not inside(text, text.index("أن", text.index("وأضاف")))


def test_a_speaker_reported_inside_straight_quotation_marks_is_the_quoted_sources_report():
    assert run('وقال الاتحاد "إن الحزب أعلن أن الهجوم أثّر على أكثر من 70 منظمة".', [("a#s2", 0.9)]) == []


def test_what_unnamed_officials_say_that_a_statement_says_is_partly_supported():
    from muqabala.collate.verdict import decide

    case = make_case(SENTENCES)
    claim = make_claim(case, "يقول مسؤولون إن الهجوم أثّر على أكثر من 70 منظمة.", ranked=[("a#s2", 0.6)])
    [flag] = unsupported.check(claim, case)
    assert (flag.details["kind"], flag.source_span.statement) == ("echoed", "a")
    assert flag.explanation.en == (
        "The claim rests on unnamed officials or sources; what it says is in Alpha Office's statement of "
        "1 January 2024, which does not name them."
    )
    assert flag.explanation.ar == (
        "يستند الادعاء إلى مسؤولين أو مصادر لم تُسمَّ، لكن مضمونه وارد في بيان مكتب ألفا الصادر في "
        "1 يناير/كانون الثاني 2024، ولا يسمّيهم."
    )
    assert decide(claim, [flag], True, case)[0] == "partly_supported"


def test_a_speaker_with_no_statement_on_file_saying_what_a_statement_says_is_partly_supported():
    case = make_case(SENTENCES)
    claim = make_claim(case, "وقال الحزب إن الهجوم أثّر على أكثر من 70 منظمة.", ranked=[("a#s2", 0.6)])
    [flag] = unsupported.check(claim, case)
    assert flag.details["kind"] == "echoed"
    assert flag.explanation.en.startswith("The claim credits a speaker who is none of the issuers")


def test_a_closing_mark_after_a_quotation_of_the_sentences_own_opens_the_next_one():
    text = "وكان المكتب “اف بي أي” أعلن أمس الهجوم فيما قال الرئيس أن”المنظمين ربما يكونون في أوميغا” ذلك."
    assert not inside(text, text.index("أعلن"))
    assert not inside(text, text.index("قال"))
    assert inside(text, text.index("المنظمين"))


SUMMONED = [
    (
        "b",
        "s1",
        "alpha",
        "The Omegan intelligence service carried out the attack on the ministries.",
        "نفّذ جهاز المخابرات الأوميغي الهجوم على الوزارات.",
    ),
    (
        "c",
        "s1",
        "alpha",
        "The scale of the theft calls for a firm response.",
        # The editors' Arabic renders "calls for" with the verb of summoning: no summons.
        "ويستدعي حجم السرقة ردًا حازمًا من السفير.",
    ),
]


def test_a_measure_no_statement_reports_is_unsupported():
    case = make_case(SUMMONED)
    claim = make_claim(case, "ألفا تستدعي السفير الأوميغي بسبب الهجوم على الوزارات.", ranked=[("b#s1", 0.6)])
    [found] = unsupported.check(claim, case)
    assert (found.details["kind"], found.details["act"], found.claim_span.text) == (
        "no_act",
        "summon",
        "تستدعي السفير",
    )
    assert found.explanation.en == "No primary statement reports the measure the claim describes (a summons)."
    assert (
        found.explanation.ar == "لا يذكر أيٌّ من البيانات الرسمية الإجراء الذي يرويه الادعاء (استدعاء: «تستدعي السفير»)."
    )


def test_a_measure_a_statement_reports_in_its_own_words_is_left_to_the_other_rules():
    rows = SUMMONED + [("d", "s1", "alpha", "Alpha has summoned the Omegan ambassador.", "استدعت ألفا السفير.")]
    case = make_case(rows)
    claim = make_claim(case, "ألفا تستدعي السفير الأوميغي بسبب الهجوم على الوزارات.", ranked=[("b#s1", 0.6)])
    assert unsupported.check(claim, case) == []


def test_recalling_ones_own_ambassador_is_not_the_summons_of_anothers():
    rows = SUMMONED + [("d", "s1", "alpha", "Alpha has summoned the Omegan ambassador.", "استدعت ألفا السفير.")]
    case = make_case(rows)
    claim = make_claim(case, "ألفا تستدعي سفيرها لدى أوميغا بسبب الهجوم على الوزارات.", ranked=[("b#s1", 0.6)])
    [found] = unsupported.check(claim, case)
    assert (found.details["kind"], found.details["act"]) == ("no_act", "recall")
