"""Attribution coding of statement sentences that name the actor in other words (issue 18, item 9).

Invented states: Alpha (XA) and Omega (XO, "Omegan"), from test_rules_fixtures; the shipped lexicon.
"""

from __future__ import annotations

import pytest

from muqabala.collate.rules import speaker
from test_rules_fixtures import coded, make_case, make_claim


@pytest.mark.parametrize(
    "text",
    [
        # An activity by the state.
        "The Union condemns a pattern of malicious cyber activity by Omega targeting institutions worldwide.",
        "These cyber attacks by Omega must stop.",
        # The state's operation, agents and conduct, possessives included.
        "The Omegan operation had targeted the summit.",
        "Our exposure of this Omegan operation is a clear message.",
        "The charges name Omegan operatives caught at the airport.",
        "Several Omegan agents conducted a clandestine mission.",
        "It demonstrates ever more clearly Omega's involvement in the conflict.",
        "It was part of Omega's ongoing effort to destabilize the region.",
        "The ministers issued a statement condemning Omega's behaviour.",
        # A demand that presupposes the activity.
        "Omega must end this reckless cyber sabotage.",
        "The Omegan Government must end this systematic sabotage.",
        "The Union calls on all countries, including Omega, to refrain from these activities.",
        "The Union urges the Omegan government to take responsibility for its actions.",
        # Tasking by the state.
        'The group "operates to key Omegan State Intelligence requirements."',
        # The act named as the state's own, the state as the subject of a verb of doing (eighth wave).
        "Further, Omega's attack on the studio reaffirms the danger.",
        "The Union condemns Omega's destructive cyber activities against the region.",
        "The advisory highlights Omega's continued use of sophisticated means to target our networks.",
        "For years, Omega has conducted aggressive cyber operations to steal intellectual property.",
        "The bureau announced today and we can confirm that Omega engaged in this attack.",
        "Our assessment is that Omega took actions intended to interfere with the vote.",
        "The disclosures are consistent with the methods of Omegan-directed efforts.",
        "The bureau assesses that Omega was almost certainly responsible for the attack.",
        "The bureau assesses that Omega is an aggressive and capable cyber actor.",
        "It is unacceptable that we uncover cybercrime committed by Omega against other nations.",
        "The bureau traced the attack to cyber affiliates of the Omegan government.",
        "The actors carried out those attacks on behalf of the Omegan government in the past.",
        "The activity could only have been directed by the highest levels of the Omegan government.",
        "The allies join us in denouncing Omega for the attack.",
    ],
)
def test_the_state_named_as_the_actor_in_other_words(text):
    assert coded(text) == ("state_affiliated", "XO", None)


def test_intelligence_officers_name_the_intelligence_service():
    assert coded("Four Omegan intelligence officers had set up equipment near the offices.") == (
        "state_organ",
        "XO",
        "intelligence service",
    )


@pytest.mark.parametrize(
    "text",
    [
        "The summit was attended by Omega.",
        "The Union discussed the operation with Omega.",
        "Omega and the Union signed an agreement.",
    ],
)
def test_a_state_in_an_ordinary_sentence_is_not_accused(text):
    assert coded(text)[0] == "none"


def test_a_cue_naming_no_state_concerns_the_state_closest_to_it():
    text = "Through consultation with Alpha, the Union has judged that Omegan state sponsored actors were responsible."
    assert coded(text) == ("state_affiliated", "XO", None)
    # After the cue as well: the state right after it, not the one consulted earlier.
    text = "After talks with Alpha, the Union found that state-backed actors of Omega were responsible."
    assert coded(text) == ("state_affiliated", "XO", None)


def test_an_accusation_of_the_speakers_own_state_is_quoted_not_made():
    text = 'Alpha issued a statement, claiming that "the servers were exploited by Omegan state-backed actors", etc.'
    assert coded(text, issuer="omega") == ("none", None, None)
    # The speaker's own state named away from the cue does not silence it.
    assert coded("The Omega Government condemns attacks by state-backed actors.", issuer="omega")[0] == (
        "state_affiliated"
    )
    # Nor does it make the speaker's own country the one accused.
    assert coded("Omega must end this sabotage.", issuer="omega")[0] == "none"


def test_a_counter_accusation_is_coded_like_any_other():
    assert coded("In fact, Alpha is the world's largest source of cyber attacks.", issuer="omega") == (
        "territory",
        "XA",
        None,
    )
    assert coded("Alpha is wiretapping not only competitors, but also its allies.", issuer="omega") == (
        "state_affiliated",
        "XA",
        None,
    )


def test_a_kind_of_body_is_named_by_an_organ_of_that_kind():
    # Alpha names the GRU (an intelligence service); the Union names "intelligence officers". A claim
    # that Alpha accused "the Russian intelligence service" credits Alpha with what it said.
    rows = [
        ("a", "s1", "alpha-office", "The GRU was responsible.", "كانت مديرية المخابرات الرئيسية مسؤولة."),
        ("u", "s1", "union", "Four Russian intelligence officers had set up equipment.", "نص."),
    ]
    case = make_case(rows)
    assert case.coding["u#s1"].named_organ == "intelligence service"
    claim = make_claim(case, "اتهمت ألفا المخابرات الروسية بالهجوم.", ranked=[("a#s1", 0.6)])
    assert claim.segments[-1].coding.named_organ == "intelligence service"
    assert [f for f in speaker.check(claim, case) if f.details.get("entity")] == []


def test_a_victims_efforts_are_no_attribution():
    # Not every possessive of a state names a hostile act: support for a victim's efforts is none.
    assert coded("The Union supports Omega's efforts to recover from the attack.")[0] == "none"
