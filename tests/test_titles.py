"""A speaker named by a title the issuer files do not list as a name: «وأكد الممثل الأعلى الأوروبي»,
«ونفت السفارة الروسية», "the Foreign Secretary" credit the issuer whose role or names hold the title."""

from __future__ import annotations

from conftest import REPO
from muqabala.collate.attribution import states_of, titled, turns
from muqabala.collate.views import UNLISTED, CaseView
from muqabala.data.model import Issuer
from muqabala.lexicon.phrases import load_lexicon
from test_rules_fixtures import SENTENCES, make_case

LEXICON = load_lexicon(REPO / "lexicon")
KAPPA = {"XK": ["كابا", "الكابي*"]}
"""An invented state whose adjective («الكابية») no issuer lists as a name."""


def _issuer(iid: str, ar: str, en: str, country: str, aliases_ar: list[str], role: tuple[str, str] | None = None):
    return Issuer(
        schema_version=1,
        id=iid,
        name={"ar": ar, "en": en},
        kind="person" if role else "agency",
        country=country,
        aliases={"ar": aliases_ar},
        role={"ar": role[0], "en": role[1]} if role else None,
    )


EMBASSY = _issuer("kappa-embassy", "سفارة كابا في ألفا", "Embassy of Kappa in Alpha", "XK", ["سفارة كابا لدى ألفا"])
ENVOY = _issuer(
    "envoy",
    "سامي نادر",
    "Sami Nader",
    "EU",
    ["نادر"],
    ("المبعوث الأعلى للشؤون الخارجية", "High Envoy for Foreign Affairs"),
)
DEPUTY = _issuer(
    "alpha-deputy", "رامي فارس", "Rami Fares", "XA", ["فارس"], ("نائب رئيس الوزراء", "Deputy Prime Minister")
)


def with_titles(*more: Issuer) -> CaseView:
    case = make_case(SENTENCES)
    for issuer in [EMBASSY, ENVOY, DEPUTY, *more]:
        case.corpus.issuers[issuer.id] = issuer
    return case


def states(case: CaseView) -> dict[str, list[str]]:
    return {**states_of(case.corpus, LEXICON), **KAPPA}


def speakers(case: CaseView, text: str, speaking: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    return [t.speakers for t in turns(text, "ar", case.corpus, LEXICON, states(case), speaking)]


def test_a_title_from_the_issuers_role_credits_that_issuer():
    case = with_titles()
    assert speakers(case, "وأكد المبعوث الأعلى أن الهجوم مرفوض.") == [("envoy",)]
    assert titled("the High Envoy", case.corpus, states(case)) == "envoy"


def test_a_title_with_the_countrys_adjective_credits_the_issuer_of_that_country():
    case = with_titles()
    assert speakers(case, "ونفت السفارة الكابية بشدة أي صلة بالهجوم.") == [("kappa-embassy",)]


def test_a_title_that_leaves_out_the_first_word_of_a_role_is_not_that_role():
    # The Prime Minister is not the Deputy Prime Minister.
    case = with_titles()
    assert speakers(case, "وقال رئيس الوزراء رامز إن الهجوم مرفوض.") == [(UNLISTED,)]
    assert titled("the Prime Minister", case.corpus, states(case)) is None


def test_words_no_issuer_holds_and_one_word_titles_credit_nobody():
    case = with_titles()
    assert speakers(case, "وقالت اللجنة الانتخابية الكابية إن الهجوم مرفوض.") == [(UNLISTED,)]
    assert speakers(case, "وقال المبعوث إن الهجوم مرفوض.") == [(UNLISTED,)]


def test_a_title_two_issuers_hold_credits_the_one_speaking_in_the_case():
    other = _issuer("kappa-mission", "بعثة كابا", "Kappa Mission", "XK", ["سفارة كابا لدى الاتحاد"])
    case = with_titles(other)
    text = "ونفت السفارة الكابية أي صلة بالهجوم."
    assert speakers(case, text) == [(UNLISTED,)]
    assert speakers(case, text, ("alpha", "kappa-mission")) == [("kappa-mission",)]


def test_a_title_in_other_words_of_one_form_group_credits_the_issuer():
    # «الإلكتروني» and «السيبراني» are one word (concepts.yaml): the sources' "cyber".
    centre = _issuer("kappa-centre", "المركز الكابي للأمن السيبراني", "Kappa Cyber Centre", "XK", [])
    food = _issuer("kappa-food", "المركز الكابي للأمن الغذائي", "Kappa Food Security Centre", "XK", [])
    case = with_titles(centre, food)
    assert speakers(case, "وقال المركز الكابي للأمن الإلكتروني إن الهجوم مرفوض.") == [("kappa-centre",)]


def test_a_title_two_issuers_hold_credits_the_one_under_a_government_speaking_in_the_case():
    ours = _issuer("alpha-centre", "مركز ألفا", "Alpha Centre", "XA", ["المركز الوطني للأمن السيبراني لألفا"])
    theirs = _issuer("omega-centre", "مركز أوميغا", "Omega Centre", "XO", ["المركز الوطني للأمن السيبراني لأوميغا"])
    case = with_titles(ours.model_copy(update={"parent": "alpha"}), theirs.model_copy(update={"parent": "omega"}))
    text = "وقال المركز الوطني للأمن السيبراني إن الهجوم مرفوض."
    assert speakers(case, text) == [(UNLISTED,)]
    assert speakers(case, text, ("alpha",)) == [("alpha-centre",)]
