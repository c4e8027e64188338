"""Who speaks in Arabic news syntax: accusations, frames with an outlet, the article ل+ال, intros."""

from __future__ import annotations

from conftest import REPO
from muqabala.collate.align import _introduces
from muqabala.collate.attribution import frames, turns
from muqabala.collate.views import ANONYMOUS
from muqabala.data.model import Sentence
from muqabala.lexicon.phrases import find, load_lexicon
from test_rules_fixtures import SENTENCES, add_issuer, make_case

LEXICON = load_lexicon(REPO / "lexicon")


def speakers(text: str) -> list[tuple[str, ...]]:
    case = make_case(SENTENCES)
    return [t.speakers for t in turns(text, "ar", case.corpus, LEXICON)]


def test_the_name_after_a_verb_of_accusing_and_before_b_is_the_accused():
    assert speakers("طردت ألفا أربعة دبلوماسيين، واتهمت أوميغا بقرصنة المنظمة.") == [()]
    assert speakers("اتهمت ألفا والاتحاد أوميغا بتنفيذ الهجوم.") == [("alpha", "union")]


def test_a_name_inside_an_outlet_is_no_speaker():
    assert speakers("وأضاف حسب موقع أوميغا اليوم أن الهجوم وقع في أبريل.") == [(), ()]


def test_the_frame_according_to_credits_the_name_after_it():
    assert speakers("ووفقا لألفا، فإن الهجوم كان واسعًا.") == [("alpha",)]


def test_quoted_as_saying_credits_the_name_before_it():
    assert speakers('ونقلت وكالة "برس أسوسيشن" عن ألفا قوله إن الهجوم كان متهورًا.')[-1] == ("alpha",)


def test_l_before_the_article_is_written_ll():
    assert [h.start for h in find(["البيت الأبيض"], "قال بيان للمكتب الصحفي للبيت الأبيض")] == [23]


def test_a_sentence_that_only_introduces_a_quotation_is_no_evidence():
    def intro(text: str) -> bool:
        return _introduces(Sentence(id="p1-s1", text=text), "en", LEXICON)

    assert intro("Foreign Secretary Dominic Raab said:")
    assert not intro("This incident is part of a pattern of behaviour by the SVR, which includes:")
    assert not intro("The attack affected over 70 organisations.")


def test_a_states_authorities_speak_as_its_government():
    from muqabala.collate.attribution import mentions, turns

    case = make_case(SENTENCES)
    add_issuer(case, "uk", "حكومة المملكة المتحدة", "UK Government", "GB")
    text = "وقالت السلطات البريطانية إن الهجوم وقع."
    assert [m.who for m in mentions(text, case.corpus, LEXICON, "ar")] == ["uk"]
    assert [t.speakers for t in turns(text, "ar", case.corpus, LEXICON)] == [("uk",)]
    # Its intelligence agencies named together speak for it as well.
    text = "وقالت أجهزة الاستخبارات البريطانية إن الهجوم وقع."
    assert [t.speakers for t in turns(text, "ar", case.corpus, LEXICON)] == [("uk",)]


def test_a_title_followed_by_another_states_name_is_not_that_issuer():
    from muqabala.collate.attribution import states_of, titled

    case = make_case(SENTENCES)
    add_issuer(
        case, "alpha-svc", "جهاز الاستخبارات الخارجية", "Alpha Foreign Intelligence Service", "XA", "agency", "alpha"
    )
    states = states_of(case.corpus, LEXICON)
    assert titled("أجهزة الاستخبارات، وهي كل", case.corpus, states, lexicon=LEXICON) == "alpha-svc"
    # «أجهزة الاستخبارات» fits its name, but the next word names Omega: not Alpha's service.
    assert titled("أجهزة الاستخبارات الأوميغية، وهي كل", case.corpus, states, lexicon=LEXICON) is None


def frame_words(text: str, lang: str = "ar") -> list[str]:
    case = make_case(SENTENCES)
    return [text[s:e] for s, e in frames(text, lang, case.corpus, LEXICON)]


def test_a_frame_is_the_verb_its_speaker_and_the_complementizer():
    assert frame_words("وقالت ألفا إن الهجوم كان واسعًا.") == ["وقالت ألفا إن"]
    assert frame_words("Alpha said that the attack was broad.", "en") == ["Alpha said that"]


def test_words_dating_the_speaking_belong_to_the_frame():
    assert frame_words("وقالت ألفا اليوم الخميس إن الهجوم كان واسعًا.") == ["وقالت ألفا اليوم الخميس إن"]
    assert frame_words("Alpha said today, Thursday, that the attack was broad.", "en") == [
        "Alpha said today, Thursday, that"
    ]


def test_a_verb_of_accusing_is_content_and_only_its_subject_frames_it():
    assert frame_words("اتهمت ألفا والاتحاد أوميغا بتنفيذ الهجوم.") == ["ألفا والاتحاد"]


def test_a_headline_opening_with_a_name_and_a_colon_credits_that_name():
    assert speakers("ألفا: أوميغا تقف وراء الهجوم") == [("alpha",)]
    assert frame_words("ألفا: أوميغا تقف وراء الهجوم") == ["ألفا: "]
    # A colon after other words is no speaker's: «تحذير: الهجوم مستمر».
    assert speakers("تحذير عاجل: الهجوم مستمر") == []


def test_after_a_verb_of_accusing_the_name_after_a_comma_is_the_accused():
    assert speakers("حمّلت ألفا، أوميغا، مسؤولية الهجوم.") == [("alpha",)]
    # Joined by و the names are one subject still.
    assert speakers("اتهمت ألفا والاتحاد أوميغا بتنفيذ الهجوم.") == [("alpha", "union")]
    # Other verbs keep a comma-joined list of speakers.
    assert speakers("قالت ألفا، والاتحاد، إن الهجوم كان واسعًا.") == [("alpha", "union")]


def test_a_verb_with_a_subject_that_names_no_issuer_credits_an_unlisted_speaker():
    from muqabala.collate.attribution import segments
    from muqabala.collate.views import UNLISTED

    # «قال الحزب إن …»: someone else speaks; the speaker of the sentence before is not in force.
    assert speakers("وقال الحزب الاشتراكي إن حساباته تعرضت للاختراق.") == [(UNLISTED,)]
    assert speakers("وعزا الحزب ذلك إلى ثغرة أمنية.") == [(UNLISTED,)]
    case = make_case(SENTENCES)
    text = "وأكد الممثل الأعلى في مذكرة أن الهجوم كان واسعًا."
    assert [w for _, _, w in segments(text, "ar", case.corpus, LEXICON, ("alpha",), ())] == [(UNLISTED,)]


def test_a_preposition_day_adverb_or_anaphor_after_the_verb_keeps_the_speaker_in_force():
    from muqabala.collate.attribution import segments

    case = make_case(SENTENCES)
    for text in (
        "وقالت في بيان إن الهجوم كان واسعًا.",
        "وأشار إلى أن الهجوم كان واسعًا.",
        "وأكدت اليوم الخميس أن الهجوم كان واسعًا.",
        "وأضاف البيان أن الهجوم كان واسعًا.",
        "وأضافت الوزيرة: «الهجوم كان واسعًا».",
        "وأضاف حسب موقع أوميغا اليوم أن الهجوم وقع.",
        # The document speaks for whoever issued it; whom the speaker addressed is no subject.
        "وجاء في التقرير أن الهجوم كان واسعًا.",
        "وذكرت لائحة الاتهام أن الهجوم كان واسعًا.",
        "وصرح للصحافيين بأن الهجوم كان واسعًا.",
        "وقالت لوكالة أنباء محلية إن الهجوم كان واسعًا.",
    ):
        assert {w for _, _, w in segments(text, "ar", case.corpus, LEXICON, ("alpha",), ())} == {("alpha",)}, text


def test_a_name_right_after_a_preposition_is_no_subject():
    from muqabala.collate.views import UNLISTED

    # «ونفى دبلوماسيون في ألفا»: Alpha is where the diplomats are, not who denies.
    assert speakers("ونفى دبلوماسيون في ألفا هذه المزاعم.") == [(UNLISTED,)]
    assert speakers("ونفت ألفا هذه المزاعم.") == [("alpha",)]


def test_a_nominal_sentence_credits_the_name_that_opens_it():
    # «ألمانيا تتهم روسيا بـ…»: the name before the verb accuses, the one after is accused.
    assert speakers("ألفا تتهم أوميغا بقرصنة المنظمة.") == [("alpha",)]
    assert speakers("ألفا تتهم أوميغا بقرصنة المنظمة. والاتحاد يدين أوميغا.") == [("alpha",), ("union",)]


def test_a_colon_after_a_clause_of_its_own_credits_the_names_before_it():
    assert speakers("ألفا تتهم أوميغا بقرصنة المنظمة.. وأوميغا: افتراء خبيث") == [("alpha",), ("omega",)]
    assert frame_words("ألفا تتهم أوميغا بقرصنة.. وأوميغا: افتراء خبيث") == ["ألفا", "وأوميغا: "]


def test_explained_in_the_masculine_credits_its_subject_but_the_comparative_clearer_does_not():
    # «وأوضح» (and he explained) reports; «بشكل أوضح» ("more clearly") is no verb.
    assert speakers("وأوضح ألفا أن الهجوم كان واسعًا.") == [("alpha",)]
    assert speakers("ويظهر بشكل أوضح تورط أوميغا في الهجوم.") == []


def test_the_noun_reply_is_no_reporting_verb():
    # «رد» is as often the noun "reply" as the verb: only its unambiguous forms report.
    assert speakers("وقالت ألفا إن أوميغا ليست لها صلة، وذلك في أول رد رسمي من أوميغا.") == [("alpha",)]
    assert speakers("وردت ألفا على الاتهامات.") == [("alpha",)]


def test_an_unnamed_official_or_two_sources_are_unnamed():
    # The indefinite singular and the dual, as news has them: «مسؤول كبير», «مصدران مطلعان».
    assert speakers("وذكر مسؤول كبير بالإدارة أن الهجوم كان واسعًا.") == [(ANONYMOUS,)]
    assert speakers("أفاد مصدران مطلعان بأن الهجوم كان واسعًا.") == [(ANONYMOUS,)]


def test_unnamed_officials_of_a_named_issuer_speak_for_it():
    # The office is named, only its officials are not; officials named by their country stay unnamed.
    assert speakers("وقال مسؤولون بمكتب ألفا الخارجي إن الهجوم كان واسعًا.") == [("alpha-office",)]
    assert speakers("وقال مسؤولون في مكتب ألفا الخارجي إن الهجوم كان واسعًا.") == [("alpha-office",)]
    assert speakers("وقال مسؤولون أوميغيون إن الهجوم كان واسعًا.") == [(ANONYMOUS,)]


def test_describing_in_the_present_reports():
    assert speakers("حكومة أوميغا تصف اتهامات ألفا بأنها حملة تشويه.") == [("omega",)]


def test_condemning_and_denouncing_are_reporting_verbs():
    # «نددت طهران بقرار تيرانا»: the one who denounces speaks, not the one whose decision it is.
    assert speakers("من جهتها، نددت ألفا بقرار أوميغا قطع العلاقات.") == [("alpha",)]
    assert speakers("واستنكرت ألفا الهجوم.") == [("alpha",)]
    assert speakers("وأكدوا في بيان أن الهجوم كان واسعًا.") == [()]


def test_two_governments_speak_in_the_dual():
    assert speakers("ألفا والاتحاد تتهمان أوميغا بقرصنة المنظمة.") == [("alpha", "union")]
    assert speakers("وأعلنتا ألفا والاتحاد أن الهجوم كان واسعًا.") == [("alpha", "union")]


def test_the_issuer_a_sentence_without_a_speaker_opens_with_acts_in_it():
    from muqabala.collate.attribution import actor

    corpus = make_case(SENTENCES).corpus

    def acting(text: str) -> str | None:
        return actor(text, "ar", corpus, LEXICON)

    assert acting("ألفا تطرد أربعة دبلوماسيين من أوميغا.") == "alpha"
    assert acting("طردت ألفا أربعة دبلوماسيين من أوميغا.") == "alpha"
    assert acting("بسبب الهجوم .. ألفا تستدعي سفيرها لدى أوميغا") == "alpha"
    # A name further in is no actor: «بعد أسبوع من اتهامات ألفا» opens with something else.
    assert acting("بعد أسبوع من الهجوم اتهمت ألفا أوميغا.") is None


def test_only_a_lead_in_near_the_start_is_skipped_before_the_actor():
    from muqabala.collate.attribution import actor

    corpus = make_case(SENTENCES).corpus
    # An ellipsis («...») is the sentence's own, no lead-in: the actor still opens the sentence.
    assert actor("ألفا تطرد أربعة دبلوماسيين... ثم تغلق السفارة", "ar", corpus, LEXICON) == "alpha"


def test_a_title_several_issuers_hold_is_the_one_under_the_speaker_in_force():
    from muqabala.collate.attribution import segments

    case = make_case(SENTENCES)
    names = (("alpha-mfa", "alpha", "وزارة خارجية ألفا"), ("omega-mfa", "omega", "وزارة الخارجية الأوميغية"))
    for iid, parent, ar in names:
        add_issuer(case, iid, ar, iid, case.corpus.issuers[parent].country or "", "agency", parent)
    text = "وأشارت وزارة الخارجية إلى أن الهجوم وقع."
    # After a sentence credited to Alpha's government, «وزارة الخارجية» is Alpha's ministry.
    [(_, _, who)] = segments(text, "ar", case.corpus, LEXICON, ("alpha",), ())
    assert who == ("alpha-mfa",)
    # With no speaker in force the title names a kind of speaker, not one.
    [(_, _, who)] = segments(text, "ar", case.corpus, LEXICON, (), ())
    assert who == ("~unlisted",)


def test_and_attached_to_a_name_that_begins_with_waw_opens_a_nominal_clause():
    # «… حيوية وواشنطن تتهم بكين»: the name after «و» accuses, the one after the verb is accused.
    case = make_case(SENTENCES)
    add_issuer(case, "wadi", "واديا", "Wadia", "WD")
    said = turns("هجوم واسع على منشآت حيوية وواديا تتهم أوميغا.", "ar", case.corpus, LEXICON)
    assert [t.speakers for t in said] == [("wadi",)]
    assert [t.speakers for t in turns("وواديا تنفي.", "ar", case.corpus, LEXICON)] == [("wadi",)]


def test_the_media_who_link_a_group_to_a_state_are_no_issuer_but_an_outlets_report_keeps_its_speakers():
    from muqabala.collate.views import UNLISTED

    assert speakers("وربطت وسائل الإعلام المجموعة بأوميغا.") == [(UNLISTED,)]
    assert speakers("وذكرت وكالة الأنباء أن ألفا اتهمت أوميغا بالهجوم.")[0] != (UNLISTED,)


def test_a_title_filed_under_one_spokeswoman_before_another_ones_name_credits_the_one_named():
    from muqabala.data.model import Issuer

    case = make_case(SENTENCES)
    add_issuer(case, "mfa", "خارجية أوميغا", "Omega MFA", "OM", kind="agency", parent="omega")
    for iid, ar, en, aliases in [
        ("hua", "هوا", "Hua", ["هوا", "المتحدثة باسم خارجية أوميغا"]),
        ("mao", "ماو نينغ", "Mao Ning", ["ماو نينغ"]),
    ]:
        case.corpus.issuers[iid] = Issuer(
            schema_version=1,
            id=iid,
            name={"ar": ar, "en": en},
            kind="person",
            country="OM",
            parent="mfa",
            aliases={"ar": aliases, "en": [en]},
        )
    said = turns("وقالت المتحدثة باسم خارجية أوميغا ماو نينغ إن التقارير كاذبة.", "ar", case.corpus, LEXICON)
    assert [t.speakers for t in said] == [("mao",)]
    said = turns("وقالت المتحدثة باسم خارجية أوميغا هوا إن التقارير كاذبة.", "ar", case.corpus, LEXICON)
    assert [t.speakers for t in said] == [("hua",)]


def test_the_bureau_refers_back_to_the_bureau_in_force_and_to_no_other_speaker():
    from muqabala.collate.attribution import segments
    from muqabala.collate.views import UNLISTED

    case = make_case(SENTENCES)
    add_issuer(case, "bureau", "مكتب التحقيقات الألفي", "Alpha Bureau", "XA", kind="agency", parent="alpha")
    text = "وقال المكتب في بيان إن الهجوم كان واسعًا."

    def who(previous: tuple[str, ...]) -> tuple[str, ...]:
        [(_, _, speakers)] = segments(text, "ar", case.corpus, LEXICON, previous, ())
        return speakers

    assert who(("bureau",)) == ("bureau",)
    assert who(("omega",)) == (UNLISTED,)


def test_a_states_diplomats_unnamed_speak_for_its_government():
    assert speakers("ونفى الدبلوماسيون الأوميغيون في ألفا هذه المزاعم.") == [("omega",)]


def test_the_words_before_a_contrast_are_not_the_next_clauses_speakers():
    from muqabala.collate.attribution import segments

    case = make_case(SENTENCES)
    text = "وجهت ألفا اتهامًا رسميًا لأوميغا بالقرصنة، بينما نفت أوميغا هذه التهم."
    spans = segments(text, "ar", case.corpus, LEXICON, (), ())
    assert [(text[a:b].strip(), who) for a, b, who in spans] == [
        ("وجهت ألفا اتهامًا رسميًا لأوميغا بالقرصنة، بينما", ()),
        ("نفت أوميغا هذه التهم.", ("omega",)),
    ]
    # Without the contrast the words before the verb are the speaker's, as in «الهجوم كان واسعًا، قال ألفا».
    [(_, _, who)] = segments("الهجوم كان واسعًا، قالت ألفا.", "ar", case.corpus, LEXICON, (), ())
    assert who == ("alpha",)


def test_a_name_and_a_verb_inside_the_quoted_words_are_no_new_speaker():
    # «وأضاف "نأسف لأن الولايات المتحدة ترفض التعاون"»: the quoted words are the one who added them.
    assert speakers("وأضاف “نأسف لأن أوميغا ترفض التعاون معنا”.") == [()]


def test_a_persons_surname_alone_names_them_unless_another_issuers_name_ends_with_it():
    from muqabala.collate.views import UNLISTED

    case = make_case(SENTENCES)
    add_issuer(case, "vera", "فيرا لينداو", "Vera Lindau", "XA", kind="person", parent="alpha")
    said = turns("وقال لينداو إن الهجوم كان واسعًا.", "ar", case.corpus, LEXICON)
    assert [t.speakers for t in said] == [("vera",)]
    add_issuer(case, "karl", "كارل لينداو", "Karl Lindau", "XO", kind="person", parent="omega")
    said = turns("وقال لينداو إن الهجوم كان واسعًا.", "ar", case.corpus, LEXICON)
    assert [t.speakers for t in said] == [(UNLISTED,)]


def test_a_document_with_its_owner_after_it_is_not_the_speaker_in_force():
    from muqabala.collate.attribution import segments
    from muqabala.collate.views import UNLISTED

    case = make_case(SENTENCES)
    speaking = lambda text: [w for _, _, w in segments(text, "ar", case.corpus, LEXICON, ("alpha",), ())]  # noqa: E731
    # Its owners are none of the issuers: nobody on file, not Alpha of the sentence before.
    assert speaking("وقال بيان مشترك لكل من وزير الداخلية ومدير الاستخبارات إن الهجوم وقع.") == [(UNLISTED,)]
    # An owner that is an issuer is the speaker.
    assert speaking("وقال بيان لمكتب ألفا الخارجي إن الهجوم وقع.") == [("alpha-office",)]
    # Without an owner the document speaks for the speaker in force.
    assert speaking("وقال البيان إن الهجوم وقع.") == [("alpha",)]


def test_unnamed_officials_who_announce_speak_on_the_record_for_their_state():
    from muqabala.collate.attribution import mentions

    case = make_case(SENTENCES)
    add_issuer(case, "uk", "حكومة المملكة المتحدة", "UK Government", "GB")

    def who(text: str) -> list[tuple[str, ...]]:
        return [t.speakers for t in turns(text, "ar", case.corpus, LEXICON)]

    # An announcement is made on the record; officials who only say stay unnamed.
    assert who("وأعلن مسؤولون بريطانيون عن توجيه لائحة اتهام.") == [("uk",)]
    assert who("صرح مسؤولون بريطانيون باستدعاء سفير ألفا.") == [("uk",)]
    assert who("وقال مسؤولون بريطانيون إن الهجوم كان واسعًا.") == [(ANONYMOUS,)]
    said = [m.who for m in mentions("British officials announced an indictment.", case.corpus, LEXICON, "en")]
    assert said == ["uk"]
    assert [m.who for m in mentions("British officials said so.", case.corpus, LEXICON, "en")] == [ANONYMOUS]
