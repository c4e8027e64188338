"""Attribution coding by class (issue 18, items 5 and 9): foreign intelligence services, groups tied
to a state, the state's conduct and other wording of holding responsible; an organ's own state; a
collective speaker.

Invented states: Alpha (XA) and Omega (XO, "Omegan"), from test_rules_fixtures; the shipped lexicon,
or a copy of it with an invented organ in tmp_path.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from muqabala.collate.attribution import code, frames, states_of
from muqabala.collate.engine import statement_report
from muqabala.collate.rules import attribution_level, hedge
from muqabala.lexicon.phrases import load_lexicon
from test_rules_fixtures import LEXICON, ROOT, coded, make_case, make_claim


@pytest.mark.parametrize(
    "text",
    [
        "The Omegan Foreign Intelligence Service was behind the compromise.",
        "The Union assesses that Omega's Foreign Intelligence Services are responsible.",
        "The Omegan foreign intelligence agency ran the campaign.",
    ],
)
def test_a_foreign_intelligence_service_is_an_intelligence_service(text):
    # Not the SVR, the lexicon's foreign intelligence service of Russia: an organ with a state
    # matches that state's names only.
    assert coded(text) == ("state_organ", "XO", "intelligence service")


@pytest.mark.parametrize(
    "ar",
    [
        "وقالت ألفا إن جهاز الاستخبارات الخارجية الأوميغي يقف وراء الهجمات.",
        "وقالت ألفا إن الاستخبارات الخارجية الأوميغية هي من يقف وراء الهجمات.",
        "وقالت ألفا إن الجهاز الأوميغي مسؤول عن الهجمات.",
    ],
)
def test_a_foreign_intelligence_service_in_arabic(ar):
    case = make_case([("a", "s1", "alpha", "Text.", "نص.")])
    coding = make_claim(case, ar).segments[-1].coding
    assert (coding.level, coding.state, coding.named_organ) == ("state_organ", "XO", "intelligence service")


@pytest.mark.parametrize(
    "text",
    [
        # Groups tied to the state.
        "The threat posed by Omega-affiliated actors is real.",
        "The campaign was conducted by the Omega-controlled group.",
        "This hacking operation, backed by the Omegan government, targeted journalists.",
        "In other words: Omegan state hackers have attacked Alpha in cyberspace.",
        "Treasury sanctioned individuals carrying out Omegan government-directed attempts to influence the vote.",
        "Omega has repeatedly leveraged the group to conduct malicious activities.",
        # The state's conduct, qualified as hostile.
        "The Union will respond to Omega's malicious behaviour in cyberspace.",
        "Alpha shares concerns about a continuing pattern of Omegan malign activity.",
        "Allies respond to Omega's destabilising activities.",
        "The order deters the full scope of Omega's harmful foreign activities.",
        "We will continue to disrupt Omega's cyber activities.",
        "Omega continues to demonstrate a sustained pattern of destabilising behaviour.",
        "The Union is concerned about a pattern of malign behaviour by the Omegan State.",
        "Those targeted were prominent in calling out the malign activity of Omega.",
        "These actions signal hostile intent from Omega.",
        "The Union will not tolerate efforts by the Omegan government to intimidate its critics.",
        # Holding responsible in other words, and demands that presuppose the activity.
        "All available evidence points to the responsibility of Omega for the hack.",
        "We will continue to hold Omega accountable for its activities.",
        "Partners will hold Omega to account for these patterns of activity.",
        "The Union is taking actions to impose costs on Omega.",
        "We call on Omega to cease immediately its destabilising behaviour.",
        "Omega needs to cease its provocations.",
    ],
)
def test_the_state_held_responsible_in_other_words(text):
    assert coded(text) == ("state_affiliated", "XO", None)


@pytest.mark.parametrize(
    "ar",
    [
        "وعزا الوزير الهجوم الإلكتروني إلى الحكومة الأوميغية.",
        "وقالت ألفا إن المجموعات مدعومة من الحكومة الأوميغية.",
    ],
)
def test_holding_responsible_in_other_words_in_arabic(ar):
    case = make_case([("a", "s1", "alpha", "Text.", "نص.")])
    coding = make_claim(case, ar).segments[-1].coding
    assert (coding.level, coding.state) == ("state_affiliated", "XO")


@pytest.mark.parametrize(
    "text",
    [
        "The Union welcomed Omega's decision to join the talks.",
        "Omega continues to host the summit.",
        "The Union and Omega agreed to stop the fighting.",
        "Omega's services were not involved, the Union said.",
        # Another government's actions, supported: no accusation.
        "The Union supports the Omega Government actions announced today.",
        "The Union welcomed the Omega-directed relief effort.",
    ],
)
def test_the_state_named_in_an_ordinary_sentence_is_still_not_accused(text):
    assert coded(text)[0] == "none"


@pytest.mark.parametrize(
    "text",
    [
        # The formula of a foreign ministry's counter-accusation.
        "Relevant Omegan institutions have been conducting cyber intrusion against Alpha.",
        "It has long been an open secret that relevant departments in the Omega have been spying.",
        "The Union holds responsible elements of the Omega government for the campaign.",
        "Investigators found access by actors affiliated with the Omega.",
        "The investigation into Omega's targeting of telecommunications revealed a campaign.",
        "Alpha is a victim of severe Omegan cyber theft.",
        "The Bureau learned more about Omega's efforts to sow discord.",
    ],
)
def test_unnamed_bodies_of_the_state_as_the_actor(text):
    assert coded(text) == ("state_affiliated", "XO", None)


def test_a_demand_that_the_states_side_stop_echoing_is_no_attribution():
    # China's embassy asked "the UK side to immediately stop echoing the groundless accusation".
    assert coded("We call on the Omega side to immediately stop echoing the accusation.")[0] == "none"


def test_a_group_operating_in_the_state_is_coded_at_the_territory():
    assert coded("They were members of a hacking group operating in Omega.")[:2] == ("territory", "XO")


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("Kostyukov is responsible for cyber-attacks carried out by the GTsSS.", "GRU"),
        ("The victims suffered loss as a result of the 3PLA's tactics.", "People's Liberation Army"),
        ("Members of Unit 74455 deployed the malware.", "GRU"),
    ],
)
def test_an_organs_units_and_abbreviations_name_it(text, organ):
    assert coded(text)[::2] == ("state_organ", organ)


def test_the_plural_adjective_names_russia_in_arabic():
    # «قراصنة روس» (Russian hackers): the nearest state to «تابعين للدولة» is Russia, not the
    # Australia of «خلال زيارة لأستراليا» after it.
    states = states_of(make_case([("s", "s1", "union", "Text.", "نص.")]).corpus, LEXICON)
    text = "هاجم قراصنة روس تابعين للدولة ألمانيا في الفضاء السيبراني، خلال زيارة لأستراليا."
    coding = code(text, "ar", LEXICON, states).attribution
    assert (coding.level, coding.state) == ("state_affiliated", "RU")


def bureau_lexicon(tmp_path, phrase: str = "Bureau Nine"):
    """The shipped lexicon with an invented organ of Omega, "Bureau Nine", named by `phrase`."""
    shutil.copytree(ROOT / "lexicon", tmp_path / "lexicon")
    path = tmp_path / "lexicon" / "attribution.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    organ = {"name": "Bureau Nine", "name_ar": "المكتب التاسع", "state": "XO", "en": [phrase], "ar": ["المكتب التاسع"]}
    data["organs"].insert(0, organ)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_lexicon(tmp_path / "lexicon")


STATES = {"XO": ["Omega", "Omegan"], "XA": ["Alpha"]}


def test_a_speaker_naming_its_own_states_body_accuses_nobody(tmp_path):
    lexicon = bureau_lexicon(tmp_path)
    text = "Excuse us, but Bureau Nine has been known to the whole world since 1920."
    assert code(text, "en", lexicon, STATES).attribution.named_organ == "Bureau Nine"
    assert code(text, "en", lexicon, STATES, {"XO"}).attribution.level == "none"


def test_an_organ_with_a_state_matches_that_states_names_only(tmp_path):
    lexicon = bureau_lexicon(tmp_path, "{state} bureau nine")
    assert code("The Omegan Bureau Nine did it.", "en", lexicon, STATES).attribution.named_organ == "Bureau Nine"
    assert code("The Alpha Bureau Nine did it.", "en", lexicon, STATES).attribution.level == "none"


def test_a_collective_speaker_exceeds_only_what_none_of_its_members_said():
    rows = [
        ("a", "s1", "alpha", "Alpha attributes the attack to the Omegan intelligence service.", "نص."),
        ("u", "s1", "union", "The activity was undertaken from the territory of Omega.", "نص."),
    ]
    case = make_case(rows)
    text = "وقالت الدول إن جهاز المخابرات الأوميغي مسؤول عن أنشطة أخرى."
    claim = make_claim(case, text, collective=("alpha", "union"))
    assert claim.segments[-1].speakers == ("alpha", "union")
    claim.frames = tuple(frames(text, "ar", case.corpus, case.lexicon, case.states))
    assert attribution_level.check(claim, case) == []
    # Listed by name, each speaker is held to its own words: the Union never named the service.
    named = "وقالت ألفا والاتحاد إن جهاز المخابرات الأوميغي مسؤول عن أنشطة أخرى."
    claim = make_claim(case, named)
    claim.frames = tuple(frames(named, "ar", case.corpus, case.lexicon, case.states))
    assert [f.details["issuer"] for f in attribution_level.check(claim, case)] == ["union"]


def test_a_body_named_for_another_group_does_not_raise_the_speakers_level_for_this_one():
    rows = [
        ("a", "s1", "alpha", "APT40 is run by the Omegan intelligence service.", "نص."),
        ("a", "s2", "alpha", "APT31 consists of Omegan state-backed actors.", "نص."),
    ]
    case = make_case(rows)
    claim = make_claim(case, "وقالت ألفا إن جهاز المخابرات الأوميغي يقف وراء مجموعة APT31.")
    assert claim.segments[-1].coding.groups == ["APT31"]
    [flag] = attribution_level.check(claim, case)
    assert (flag.details["claim_level"], flag.details["source_level"]) == ("state_organ", "state_affiliated")
    # About APT40, the body is Alpha's own words.
    claim = make_claim(case, "وقالت ألفا إن جهاز المخابرات الأوميغي يقف وراء مجموعة APT40.")
    assert attribution_level.check(claim, case) == []


def test_a_rejected_accusation_of_the_speakers_state_accuses_no_other_state():
    text = "Alpha's claim that Omega was responsible for malicious cyber campaigns is completely unfounded."
    assert coded(text, issuer="omega") == ("none", None, None)
    # Verb first, the speaker stands in the gap and the accusation is its own.
    case = make_case([("u", "s1", "union", "Omegan state-backed actors were responsible.", "نص.")])
    claim = make_claim(case, "اتهمت ألفا والاتحاد أوميغا بتنفيذ الهجوم.")
    assert claim.segments[-1].coding.level == "state_affiliated"


@pytest.mark.parametrize(
    ("en", "cue"),
    [
        (
            "The Intelligence Community has high confidence in its attribution to Omegan state-backed actors.",
            "high confidence",
        ),
        ("Alpha is confident that Omegan state-backed actors were responsible.", "confident"),
    ],
)
def test_confidence_language_is_an_assessment(en, cue):
    case = make_case([("s", "s1", "alpha", en, "نص.")])
    report, _ = statement_report(case.corpus.statements["s"], case)
    assert (report.certainty, report.certainty_cues) == (["assessed"], [cue])


def test_confidence_language_in_arabic_keeps_a_claim_hedged():
    case = make_case([("s", "s1", "alpha", "Alpha has high confidence that Omegan state-backed actors did it.", "نص.")])
    claim = make_claim(case, "وقالت ألفا بثقة عالية إن جهات مدعومة من أوميغا نفذت الهجوم.", ranked=[("s#s1", 0.6)])
    assert hedge.check(claim, case) == []
    flat = make_claim(case, "وقالت ألفا إن جهات مدعومة من أوميغا نفذت الهجوم.", ranked=[("s#s1", 0.6)])
    assert [(f.type, f.severity) for f in hedge.check(flat, case)] == [("hedge", "minor")]


@pytest.mark.parametrize(
    "text",
    [
        "Allies acknowledge the statements attributing the responsibility for the attack to the Government of Omega.",
        "The Union has condemned the Omegan state for a cyber attack against Alpha.",
        "The Union strongly condemns Omega's cyberattack against Alpha.",
        "The Union condemns Omega's use of ransomware to attack businesses.",
        "We join Alpha's call for Omega to be held accountable for this incident.",
        "These attacks are the latest in an increasingly reckless pattern of behaviour by Omega.",
        "Omega's reckless actions showed a blatant disregard for the people of Alpha.",
        "Omega's conduct disregards norms of responsible state behaviour in cyberspace.",
    ],
)
def test_condemning_the_state_for_the_act_holds_it_responsible(text):
    assert coded(text) == ("state_affiliated", "XO", None)


def test_a_reckless_move_of_the_state_is_no_attribution_of_an_attack():
    # The accused state's reply calls the accuser's accusation reckless: nobody is held responsible.
    assert coded("We can never tolerate the Omegan reckless move of using the issue of cyber-attack.")[0] == "none"


@pytest.mark.parametrize(
    "text",
    [
        "The investigation showed that the attack was organized and sponsored by the Government of Omega.",
        "The campaign was orchestrated by Omega.",
    ],
)
def test_sponsoring_or_orchestrating_the_act_holds_the_state_responsible(text):
    assert coded(text) == ("state_affiliated", "XO", None)


def test_the_accused_state_is_the_one_accused_at_length_when_a_reply_accuses_in_kind():
    # One government accuses Omega in three sentences; Omega's reply accuses Alpha in one. Each has
    # one root behind it: the accusation the case is about is the longer one.
    case = make_case(
        [
            ("a", "s1", "alpha", "The Omegan intelligence service carried out the attack.", "نص."),
            ("a", "s2", "alpha", "Omega was behind the intrusions.", "نص."),
            ("a", "s3", "alpha", "Omegan state-backed actors stole the data.", "نص."),
            ("o", "s1", "omega", "Alpha is behind many cyber attacks.", "نص."),
        ]
    )
    assert case.accused == frozenset({"XO"})


@pytest.mark.parametrize(
    ("ar", "level"),
    [
        # The verbal noun with the accused and the charge: «اتهام أوميغا بـ…».
        ("وجاء ذلك بعد اتهام أوميغا بالقرصنة.", "state_affiliated"),
        # The state's own accusation, its genitive: nobody is accused of anything by it here.
        ("ويأتي اتهام أوميغا فيما أعلن الاتحاد عقوبات جديدة.", "none"),
    ],
)
def test_the_accusation_of_a_state_is_its_accusing_only_with_the_charge(ar, level):
    states = states_of(make_case([("s", "s1", "union", "Text.", "نص.")]).corpus, LEXICON)
    assert code(ar, "ar", LEXICON, states).attribution.level == level
