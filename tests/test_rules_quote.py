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
