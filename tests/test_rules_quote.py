from muqabala.collate.rules import quote
from test_rules_fixtures import SENTENCES, make_case, make_claim

AR = 'وقال المكتب: "يجب على حكومة أوميغا إنهاء هذا التخريب".'


def check(en, ar=AR):
    case = make_case(SENTENCES)
    return quote.check(make_claim(case, ar, en, ranked=[("a#s5", 0.8)]), case)


def test_held_to_account_is_cosmetic():
    [flag] = check(
        'The office said: "The Omega Government must end this sabotage and can expect to be held to '
        'account if it does not."'
    )
    assert flag.severity == "minor"
    assert "held [+to] account" in flag.details["diff"]
    assert flag.source_span.text.startswith("The Omega Government must")


def test_an_exact_fragment_is_clean():
    assert check('The office said: "must end this sabotage".') == []


def test_a_changed_modal_is_major():
    [flag] = check(
        'The office said: "The Omega Government will end this sabotage and can expect to be held account".',
        'وقال المكتب: "سوف تنهي حكومة أوميغا هذا التخريب ويمكنها أن تتوقع المحاسبة".',
    )
    assert flag.severity == "major"
    assert flag.details["changed"] == ["modal"]


def test_a_gained_negation_is_major():
    [flag] = check(
        'The office said: "The Omega Government must not end this sabotage".',
        'وقال المكتب: "يجب على حكومة أوميغا ألّا تنهي هذا التخريب".',
    )
    assert flag.details["changed"] == ["negation"]


def test_words_no_statement_holds():
    [flag] = check('The office said: "Omega will invade the northern provinces tomorrow".')
    assert (flag.severity, flag.details["kind"]) == ("major", "not_found")


def test_which_negation_word_is_used_does_not_change_the_meaning():
    case = make_case([*SENTENCES, ("n", "s1", "alpha-office", "These attacks serve no legitimate interest.", "…")])
    claim = make_claim(case, AR, 'He said: "These attacks do not serve a legitimate interest".', [("n#s1", 0.8)])
    assert all("negation" not in f.details.get("changed", []) for f in quote.check(claim, case))


def test_a_quotation_may_run_across_consecutive_sentences_of_one_statement():
    [flag] = check('The office said: "over 70 organisations. The attack was highly likely to enable espionage".')
    assert flag.severity == "minor"
    assert flag.details["changed"] == []


def test_the_gap_after_a_missing_opening_mark_is_no_quotation():
    # The article left out the first quotation's opening mark: `…sabotage", the office said, "The Omega…`.
    en = 'Alpha will act against this sabotage", the office said, adding "The Omega Government must end this sabotage".'
    case = make_case(SENTENCES)
    assert quote.check(make_claim(case, AR, en, ranked=[("a#s5", 0.8)]), case) == []


def test_a_translated_quotation_holding_part_of_a_sentence_is_a_loose_rendering():
    [flag] = check('The office said: "The Omega rulers must stop this sabotage and will be punished".')
    assert (flag.severity, flag.details["kind"]) == ("minor", "loose")


def test_a_figure_left_out_of_the_quotation_but_given_outside_it_is_not_changed():
    case = make_case(SENTENCES)

    def flags(en):
        return quote.check(make_claim(case, 'وقال المكتب إن الهجوم "أثّر على منظمة".', en, ranked=[("a#s2", 0.8)]), case)

    # The figure is given outside the quotation: the quotation only leaves it out.
    [flag] = flags('The office said the attack, on 70 of them, "affected over organisations".')
    assert flag.details["changed"] == []
    # Left out and given nowhere, or altered: a number changed.
    [flag] = flags('The office said the attack "affected over organisations".')
    assert flag.details["changed"] == ["number"]
    [flag] = flags('The office said the attack "affected over 80 organisations".')
    assert flag.details["changed"] == ["number"]


def test_a_quotation_found_nowhere_is_misleading_when_the_claim_rests_on_a_statement():
    from muqabala.collate.verdict import decide

    case = make_case(SENTENCES)
    claim = make_claim(case, AR, 'The office said: "Omega will face tariffs on steel and grain".', [("a#s5", 0.8)])
    found = quote.check(claim, case)
    assert [(f.severity, f.details["kind"]) for f in found] == [("major", "not_found")]
    verdict, rationale = decide(claim, found, True, case)
    assert verdict == "misleading"
    assert rationale.en == 'No primary statement holds the quoted words "Omega will face tariffs on steel and grain".'


def test_a_quotation_found_nowhere_in_a_claim_without_a_source_is_unsupported():
    from muqabala.collate.rules import unsupported
    from muqabala.collate.verdict import decide

    case = make_case(SENTENCES)
    ar = 'وقال متحدث باسم الحزب: "لا يمكن استبعاد تسرب بيانات من بعض صناديق البريد".'
    claim = make_claim(case, ar, 'A party spokesman said: "a leak of data from some inboxes cannot be ruled out".')
    found = quote.check(claim, case) + unsupported.check(claim, case)
    assert sorted(f.type for f in found) == ["quote", "unsupported"]
    verdict, _ = decide(claim, found, True, case)
    assert verdict == "unsupported"


def test_a_quotation_found_nowhere_in_a_claim_no_sentence_comes_near_is_unsupported():
    from muqabala.collate.verdict import decide

    case = make_case(SENTENCES)
    said = 'The office said: "Omega will face tariffs on steel and grain".'
    # The same claim and the same flag as above: only how near its closest sentence comes differs.
    for score, verdict in [(0.8, "misleading"), (0.21, "misleading"), (0.19, "unsupported"), (0.05, "unsupported")]:
        claim = make_claim(case, AR, said, [("a#s5", score)])
        found = quote.check(claim, case)
        assert [(f.severity, f.details["kind"]) for f in found] == [("major", "not_found")]
        assert decide(claim, found, True, case)[0] == verdict, score


DENIAL = [
    ("d", "s1", "omega", "Such allegations are groundless.", "إن هذه الادعاءات لا أساس لها."),
    (
        "d",
        "s2",
        "omega",
        "Omega has neither the intention nor the motive to interfere in the Alpha presidential elections.",
        "لا تضمر أوميغا أي نية أو دافع للتدخل في الانتخابات الرئاسية في ألفا.",
    ),
]


def test_a_negation_only_the_translation_back_loses_is_no_change():
    # «لا أساس لها» is "baseless" in the editors' English: the Arabic keeps its negation, as the
    # editors' Arabic of the source does, so the meaning has not changed.
    case = make_case(DENIAL)
    claim = make_claim(
        case,
        'وقالت أوميغا إن "ادعاءات تدخل أوميغا في الانتخابات الرئاسية في ألفا لا أساس لها".',
        'Omega said that "the claims of Omega\'s interference in the Alpha presidential elections are baseless".',
        [("d#s2", 0.5), ("d#s1", 0.4)],
    )
    [flag] = quote.check(claim, case)
    assert (flag.severity, flag.details["changed"]) == ("minor", [])


def test_a_negation_the_article_drops_in_its_own_language_is_still_major():
    case = make_case(DENIAL)
    claim = make_claim(
        case,
        'وقالت أوميغا إن لديها "نية ودافعًا للتدخل في الانتخابات الرئاسية في ألفا".',
        'Omega said it has "the intention and the motive to interfere in the Alpha presidential elections".',
        [("d#s2", 0.5)],
    )
    [flag] = quote.check(claim, case)
    assert (flag.severity, flag.details["changed"]) == ("major", ["negation"])


def test_a_run_needs_words_of_the_quotation_on_both_sides_of_the_break():
    # The next sentence shares one word ("state") and has a modal verb: the quotation does not run into it.
    case = make_case(
        [
            ("k", "s1", "omega", "We have nothing to do with the attack and we reject the claims of Alpha.", "…"),
            ("k", "s2", "omega", "We can never tolerate a direct accusation against our state.", "…"),
        ]
    )
    claim = make_claim(
        case,
        'وقالت أوميغا: "لا صلة لنا بالهجوم ونرفض ادعاءات ولايات ألفا".',
        'Omega said: "we have no link with the attack and we reject the claims of the Alpha states".',
        [("k#s1", 0.5)],
    )
    [flag] = quote.check(claim, case)
    assert flag.source_span.sentence == "s1"
    assert "modal" not in flag.details["changed"]
