"""Rule "a reply is no evidence for the accusation it rejects" (engine `_replies_after`): the accused
state's reply shares the accusation's words, so for a claim reporting the accusation it comes after the
accusers' sentences; a claim reporting the reply («نفت أوميغا», "Omega denied") keeps it first."""

from __future__ import annotations

from muqabala.collate.engine import reports_reply
from test_rules_fixtures import make_case, make_claim

ROWS = [
    (
        "a",
        "s1",
        "alpha",
        "Alpha holds Omega responsible for the attack on the ministry.",
        "تحمّل ألفا أوميغا مسؤولية الهجوم على الوزارة.",
    ),
    ("a", "s2", "alpha", "Alpha summoned the ambassador of Omega.", "استدعت ألفا سفير أوميغا."),
    ("u", "s1", "union", "The Union attributes the attack to Omega.", "ينسب الاتحاد الهجوم إلى أوميغا."),
    (
        "o",
        "s1",
        "omega",
        "Alpha's claim that the attack on the ministry came from us is a slander.",
        "ادعاء ألفا أن الهجوم على الوزارة جاء منا افتراء.",
    ),
    ("o", "s2", "omega", "Alpha is the biggest hacker of all and attacked Omega.", "ألفا أكبر قرصان وهاجمت أوميغا."),
]
"""Alpha and the Union hold Omega responsible; Omega rejects it and accuses Alpha back."""

REPLY_FIRST = [("o#s1", 0.6), ("a#s1", 0.5), ("u#s1", 0.4)]


def order(ar: str, en: str, ranked: list[tuple] = REPLY_FIRST) -> list[str]:
    case = make_case(ROWS)
    return [s.ref for s in make_claim(case, ar, en, ranked).evidence]


def test_the_accused_is_the_state_most_issuers_hold_responsible_not_the_one_a_reply_accuses_back():
    assert make_case(ROWS).accused == frozenset({"XO"})


def test_a_claim_reporting_the_accusation_gets_the_accusers_sentences_before_the_reply():
    assert order("اتهمت ألفا أوميغا بالهجوم على الوزارة.", "Alpha accused Omega of the attack on the ministry.") == [
        "a#s1",
        "u#s1",
        "o#s1",
    ]


def test_a_claim_holding_the_accused_responsible_in_the_outlets_voice_gets_the_accusers_first():
    ar, en = "أوميغا مسؤولة عن الهجوم على وزارة ألفا", "Omega is responsible for the attack on Alpha's ministry"
    assert order(ar, en)[0] == "a#s1"


def test_a_claim_that_accuses_nobody_keeps_the_reply_where_the_scores_put_it():
    # The reply in other words, without a word of denying: nothing to hold the reply below.
    ar, en = 'وقال المتحدث إن "ادعاء ألفا جاء منا"', 'The spokesman said "Alpha\'s claim came from us"'
    assert order(ar, en)[0] == "o#s1"


def test_replying_to_the_accusation_reports_the_reply():
    assert order("وردت أوميغا على الهجوم على الوزارة.", "Omega replied about the attack on the ministry.")[0] == "o#s1"
    assert order("بيونغ ترد على الاتهامات بالهجوم", "Omega responds to the accusations of the attack")[0] == "o#s1"
    assert order('وقالت إن "لا صلة لنا بالهجوم"', 'She said "we have no link to the attack"')[0] == "o#s1"


def test_a_claim_reporting_the_denial_keeps_the_reply_first():
    assert order("ونفت أوميغا أي صلة بالهجوم.", "Omega denied any link to the attack.")[0] == "o#s1"
    assert order("ورفض مسؤولون الاتهامات.", "Officials rejected the accusations.")[0] == "o#s1"


def test_a_claim_crediting_the_accused_keeps_its_words_first():
    case = make_case(ROWS)
    claim = make_claim(case, "وقالت أوميغا إن ألفا أكبر قرصان.", "Omega said Alpha is the biggest hacker.", REPLY_FIRST)
    assert reports_reply(claim, case)
    assert claim.evidence[0].ref == "o#s1"


def test_a_reply_naming_the_credited_speaker_is_evidence_of_what_that_speaker_did():
    # "Alpha summoned Omega's ambassador" accuses nobody; Omega's account of the summons names Alpha.
    ranked = [("o#s1", 0.6, ["entity:issuer:alpha"]), ("a#s2", 0.5)]
    assert order("وأعلنت ألفا أنها استدعت سفير أوميغا.", "Alpha announced it summoned Omega's ambassador.", ranked)[
        0
    ] == ("o#s1")
