from muqabala.collate.rules import quote
from test_rules_fixtures import SENTENCES, make_case, make_claim

AR = 'وقال المكتب: "يجب على حكومة أوميغا إنهاء هذا التخريب".'


def check(en):
    case = make_case(SENTENCES)
    return quote.check(make_claim(case, AR, en, ranked=[("a#s5", 0.8)]), case)


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
    [flag] = check('The office said: "The Omega Government will end this sabotage and can expect to be held account".')
    assert flag.severity == "major"
    assert flag.details["changed"] == ["modal"]


def test_a_gained_negation_is_major():
    [flag] = check('The office said: "The Omega Government must not end this sabotage".')
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
