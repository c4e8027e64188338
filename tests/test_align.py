"""Alignment on an invented case (no Exchange words anywhere), then on the real data against gold."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from conftest import EXCHANGE, REPO, rank
from muqabala.collate.align import Aligner
from muqabala.data.corpus import Corpus, load_corpus
from muqabala.lexicon.concepts import load_concepts
from muqabala.lexicon.phrases import load_lexicon

LEXICON = load_lexicon(REPO / "lexicon")
"""The invented cases have no lexicon folder of their own: they are read with the repository's."""


def issuer(id_: str, en: str, ar: str, kind: str = "government") -> dict:
    return {
        "schema_version": 1,
        "id": id_,
        "name": {"ar": ar, "en": en},
        "kind": kind,
        "aliases": {"en": [en], "ar": [ar]},
    }


def statement(
    id_: str, issuer_id: str, sentences: list[tuple[str, str]], case: str = "zenda-2030", role: str = "primary"
) -> dict:
    return {
        "schema_version": 1,
        "id": id_,
        "case": case,
        "issuer": issuer_id,
        "role": role,
        "title": {"text": "A title", "translations": {"ar": "عنوان"}},
        "date": "2030-01-02",
        "url": "https://example.org/" + id_,
        "no_archive_reason": {"en": "invented", "ar": "مختلق"},
        "language": "en",
        "completeness": "complete",
        "translator": "Test",
        "paragraphs": [
            {
                "sentences": [
                    {"id": f"p1-s{i}", "text": en, "translations": {"ar": ar}}
                    for i, (en, ar) in enumerate(sentences, start=1)
                ]
            }
        ],
    }


ARTICLE = {
    "schema_version": 1,
    "id": "zenda-ar",
    "case": "zenda-2030",
    "outlet": {"ar": "صحيفة", "en": "A paper"},
    "no_url_reason": {"en": "invented", "ar": "مختلق"},
    "date": "2030-01-03",
    "language": "ar",
    "translator": "Test",
    "headline": {
        "id": "headline",
        "text": "اتهام روريتانيا باختراق مرافق المياه",
        "translations": {"en": "Ruritania accused of hacking water utilities"},
    },
    "paragraphs": [
        {
            "sentences": [
                {
                    "id": "p1-s1",
                    "text": "قالت فريدونيا إن جهات تعمل من أراضي روريتانيا اخترقت مرافق المياه.",
                    "translations": {
                        "en": "Freedonia said actors operating from Ruritania's territory broke into "
                        "the water utilities."
                    },
                },
                {
                    "id": "p1-s2",
                    "text": "وربطت سيلفانيا المجموعة APT 77 بالمخابرات الروريتانية.",
                    "translations": {"en": "Sylvania linked the group APT 77 to Ruritanian intelligence."},
                },
            ]
        },
        {
            "sentences": [
                {
                    "id": "p2-s1",
                    "text": "وتعطلت نحو ١٢ ألف مضخة.",
                    "translations": {"en": "And about 12 thousand pumps were disabled."},
                }
            ]
        },
    ],
}


def _write_case(folder: Path) -> Corpus:
    files = {
        "issuers/freedonia.yaml": issuer("freedonia", "Freedonia", "فريدونيا"),
        "issuers/sylvania.yaml": issuer("sylvania", "Sylvania", "سيلفانيا"),
        "issuers/ruritania.yaml": issuer("ruritania", "Ruritania", "روريتانيا"),
        "issuers/press.yaml": issuer("press", "The Press", "الصحافة", kind="media"),
        "statements/freedonia.yaml": statement(
            "freedonia",
            "freedonia",
            [
                (
                    "Freedonia assesses that the intrusion into the water utilities was undertaken by actors "
                    "operating from the territory of Ruritania.",
                    "تقدّر فريدونيا أن اختراق مرافق المياه نفّذته جهات تعمل من أراضي روريتانيا.",
                ),
                ("Freedonia urges Ruritania to end these activities.", "تحث فريدونيا روريتانيا على إنهاء هذه الأنشطة."),
            ],
        ),
        "statements/sylvania.yaml": statement(
            "sylvania",
            "sylvania",
            [
                (
                    "Sylvania attributes the campaign known as APT77 to the Ruritanian intelligence service.",
                    "تنسب سيلفانيا الحملة المعروفة باسم APT77 إلى جهاز المخابرات الروريتاني.",
                ),
                ("Over 12,000 water pumps were disabled.", "تعطلت أكثر من 12 ألف مضخة مياه."),
            ],
        ),
        "statements/press.yaml": statement(
            "press",
            "press",
            [("Ruritania was accused of hacking water utilities.", "اتُّهمت روريتانيا باختراق مرافق المياه.")],
            role="secondary",
        ),
        "statements/other-case.yaml": statement(
            "other-case",
            "freedonia",
            [
                (
                    "Actors operating from the territory of Ruritania broke into the water utilities.",
                    "جهات تعمل من أراضي روريتانيا اخترقت مرافق المياه.",
                )
            ],
            case="other-2031",
        ),
        "articles/zenda-ar.yaml": ARTICLE,
    }
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_corpus(folder)


@pytest.fixture
def aligner(tmp_path: Path) -> Aligner:
    return Aligner(_write_case(tmp_path), LEXICON)


def test_territorial_claim_finds_its_source_with_reasons(aligner: Aligner):
    top = rank(aligner, "zenda-ar", "p1-s1")[0]
    assert top.ref == "freedonia#p1-s1"
    assert {"speaker:freedonia", "term:en:territory", "term:ar:اراض"} <= set(top.reasons)


def test_group_code_is_matched_across_spellings(aligner: Aligner):
    top = rank(aligner, "zenda-ar", "p1-s2")[0]
    assert top.ref == "sylvania#p1-s1"
    assert "entity:APT77" in top.reasons


def test_figure_is_matched_across_scripts_and_words(aligner: Aligner):
    top = rank(aligner, "zenda-ar", "p2-s1")[0]
    assert top.ref == "sylvania#p1-s2"
    assert "figure:12000" in top.reasons


def test_only_statements_of_the_claims_case_are_candidates(aligner: Aligner):
    refs = [c.ref for s in ("headline", "p1-s1", "p1-s2", "p2-s1") for c in rank(aligner, "zenda-ar", s)]
    assert not any(r.startswith("other-case#") for r in refs)


def test_secondary_sources_are_ranked_but_marked(aligner: Aligner):
    top = rank(aligner, "zenda-ar", "headline")[0]
    assert (top.ref, top.secondary) == ("press#p1-s1", True)
    assert not any(c.secondary for c in rank(aligner, "zenda-ar", "p1-s2") if c.statement != "press")


def test_ranking_is_deterministic_and_limited_to_k(aligner: Aligner):
    first = rank(aligner, "zenda-ar", "p1-s1", k=3)
    assert first == rank(aligner, "zenda-ar", "p1-s1", k=3)
    assert len(first) == 3
    assert [c.score for c in first] == sorted((c.score for c in first), reverse=True)


def test_a_synonym_of_the_concept_lexicon_adds_to_the_score_with_its_reason(tmp_path: Path):
    def build(concepts: list[dict]) -> Aligner:
        path = tmp_path / "concepts.yaml"
        path.write_text(yaml.safe_dump({"schema_version": 1, "concepts": concepts}), encoding="utf-8")
        return Aligner(corpus, replace(LEXICON, concepts=load_concepts(path)))

    corpus = _write_case(tmp_path / "data")
    plain = build([])
    before = {c.ref: c for c in rank(plain, "zenda-ar", "p1-s1")}
    after = {
        c.ref: c
        for c in rank(
            build([{"id": "intrusion", "kind": "synonym", "en": ["intrusion", "broke into"]}]), "zenda-ar", "p1-s1"
        )
    }
    assert "concept:en:intrusion" in after["freedonia#p1-s1"].reasons
    assert after["freedonia#p1-s1"].score > before["freedonia#p1-s1"].score
    # Sentences without the synonym keep their score: a concept is a bonus, not part of the ideal.
    assert after["freedonia#p1-s2"].score == before["freedonia#p1-s2"].score


def test_equal_scores_fall_back_to_statement_then_sentence_id(tmp_path: Path):
    same = ("Identical words about pumps.", "كلمات متطابقة عن المضخات.")
    files = {
        "issuers/a.yaml": issuer("a", "Aland", "الاند"),
        "statements/b.yaml": statement("b", "a", [same]),
        "statements/a.yaml": statement("a", "a", [same, same]),
        # A sentence of the body: the headline's bonus for statements' leads would break the tie.
        "articles/zenda-ar.yaml": ARTICLE
        | {"paragraphs": [{"sentences": [{"id": "p1-s1", "text": "مضخات", "translations": {"en": "pumps"}}]}]},
    }
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    refs = [c.ref for c in rank(Aligner(load_corpus(tmp_path), LEXICON), "zenda-ar", "p1-s1")]
    assert refs == ["a#p1-s1", "a#p1-s2", "b#p1-s1"]


def test_a_headline_prefers_the_lead_of_a_statement_to_a_later_sentence_saying_as_much(tmp_path: Path):
    same = ("Identical words about pumps.", "كلمات متطابقة عن المضخات.")
    intro = ("The minister said:", "قال الوزير:")
    files = {
        "issuers/a.yaml": issuer("a", "Aland", "الاند"),
        # "a" opens with an intro that holds nothing: its lead is the sentence after it.
        "statements/a.yaml": statement("a", "a", [("Other news on roads.", "أخبار أخرى عن الطرق."), same]),
        "statements/b.yaml": statement("b", "a", [intro, same]),
        "articles/zenda-ar.yaml": ARTICLE
        | {
            "headline": {"id": "headline", "text": "مضخات", "translations": {"en": "pumps"}},
            "paragraphs": [{"sentences": [{"id": "p1-s1", "text": "مضخات", "translations": {"en": "pumps"}}]}],
        },
    }
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    aligner = Aligner(load_corpus(tmp_path), LEXICON)
    headline = rank(aligner, "zenda-ar", "headline")
    assert [(c.ref, "lead" in c.reasons) for c in headline] == [("b#p1-s2", True), ("a#p1-s2", False)]
    # The same words in the body take no bonus: the tie falls back to the ids.
    assert [c.ref for c in rank(aligner, "zenda-ar", "p1-s1")] == ["a#p1-s2", "b#p1-s2"]


# The real case: the top primary candidate of each claim must be one of its gold sentences.
GOLD = EXCHANGE / "gold" / "exchange-hack-ar.yaml"


def _gold_claims() -> list[str]:
    return [c for c, refs in yaml.safe_load(GOLD.read_text(encoding="utf-8"))["evidence"].items() if refs]


@pytest.fixture(scope="module")
def real(exchange: Path) -> Aligner:
    return Aligner(load_corpus(exchange))


@pytest.mark.parametrize("claim", _gold_claims())
def test_top_primary_candidate_is_a_gold_sentence(real: Aligner, claim: str):
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["evidence"][claim]
    top = next(c.ref for c in rank(real, "exchange-hack-ar", claim) if not c.secondary)
    assert top in gold


def test_statements_after_the_article_are_no_candidates_and_old_ones_weigh_half(tmp_path: Path):
    same = ("Identical words about pumps.", "كلمات متطابقة عن المضخات.")
    files = {
        "issuers/a.yaml": issuer("a", "Aland", "الاند"),
        "statements/now.yaml": statement("now", "a", [same]),
        "statements/later.yaml": statement("later", "a", [same]) | {"date": "2030-02-01"},
        "statements/old.yaml": statement("old", "a", [same]) | {"date": "2028-01-01"},
        "articles/zenda-ar.yaml": ARTICLE
        | {"headline": {"id": "headline", "text": "مضخات", "translations": {"en": "pumps"}}},
    }
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ranked = rank(Aligner(load_corpus(tmp_path), LEXICON), "zenda-ar", "headline")
    assert [c.ref for c in ranked] == ["now#p1-s1", "old#p1-s1"]
    assert ranked[1].score == pytest.approx(ranked[0].score / 2)
    assert "date:older" in ranked[1].reasons


def test_the_words_of_a_reporting_frame_are_left_out_of_the_match(tmp_path: Path):
    from muqabala.collate.attribution import frames

    content = ("The water utilities were broken into.", "اختُرقت مرافق المياه.")
    sign_off = ("“We will respond,” said the Freedonian minister.", "«سنرد»، قال الوزير الفريدوني.")
    claim = "قال الوزير الفريدوني إن مرافق المياه اختُرقت."
    files = {
        "issuers/freedonia.yaml": issuer("freedonia", "the Freedonian minister", "الوزير الفريدوني"),
        "statements/freedonia.yaml": statement("freedonia", "freedonia", [content, sign_off]),
        "articles/zenda-ar.yaml": ARTICLE
        | {
            "headline": {
                "id": "headline",
                "text": claim,
                "translations": {"en": "The Freedonian minister said that the water utilities were broken into."},
            }
        },
    }
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    aligner = Aligner(corpus, LEXICON)
    art = corpus.articles["zenda-ar"]
    framed = {lang: frames(text, lang, corpus, LEXICON) for lang, text in [("ar", claim)]}
    assert [claim[s:e] for s, e in framed["ar"]] == ["قال الوزير الفريدوني إن"]
    ranked = aligner.rank(art, art.headline, frames=framed)
    assert ranked[0].ref == "freedonia#p1-s1"
    sign = next(c for c in ranked if c.ref == "freedonia#p1-s2")
    assert not [r for r in sign.reasons if r.startswith("term:ar:")]
    # Without the frames the minister's name and verb match the sign-off line.
    plain = next(c for c in aligner.rank(art, art.headline) if c.ref == "freedonia#p1-s2")
    assert [r for r in plain.reasons if r.startswith("term:ar:")]


def _write(tmp_path: Path, files: dict) -> Corpus:
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_corpus(tmp_path)


def test_a_sentence_reporting_another_issuers_position_speaks_for_that_issuer(tmp_path: Path):
    reported = ("Borduria attributes the attack on the pumps to Zenda.", "تنسب بوردوريا الهجوم على المضخات إلى زندا.")
    own = ("Zenda carried out the attack on the pumps.", "نفذت زندا الهجوم على المضخات.")
    corpus = _write(
        tmp_path,
        {
            "issuers/aland.yaml": issuer("aland", "Aland", "الاند"),
            "issuers/borduria.yaml": issuer("borduria", "Borduria", "بوردوريا"),
            "statements/aland.yaml": statement("aland", "aland", [reported, own]),
            "articles/zenda-ar.yaml": ARTICLE
            | {"headline": {"id": "headline", "text": "الهجوم على المضخات", "translations": {"en": "The attack"}}},
        },
    )
    aligner = Aligner(corpus, LEXICON)
    art = corpus.articles["zenda-ar"]
    by_aland = {c.ref: c for c in aligner.rank(art, art.headline, credited=["aland"])}
    assert "speaker:aland" in by_aland["aland#p1-s2"].reasons
    assert not [r for r in by_aland["aland#p1-s1"].reasons if r.startswith("speaker:")]
    by_borduria = {c.ref: c for c in aligner.rank(art, art.headline, credited=["borduria"])}
    assert "speaker:borduria" in by_borduria["aland#p1-s1"].reasons


def test_an_issuers_own_name_opening_its_sentence_is_its_own_words(tmp_path: Path):
    own = ("Aland attributes the attack on the pumps to Zenda.", "تنسب الاند الهجوم على المضخات إلى زندا.")
    corpus = _write(
        tmp_path,
        {
            "issuers/aland.yaml": issuer("aland", "Aland", "الاند"),
            "statements/aland.yaml": statement("aland", "aland", [own]),
            "articles/zenda-ar.yaml": ARTICLE
            | {"headline": {"id": "headline", "text": "الهجوم على المضخات", "translations": {"en": "The attack"}}},
        },
    )
    art = corpus.articles["zenda-ar"]
    [top] = Aligner(corpus, LEXICON).rank(art, art.headline, credited=["aland"])
    assert "speaker:aland" in top.reasons


def test_the_speaker_bonus_goes_to_the_credited_body_not_to_a_sibling_under_the_same_government(tmp_path: Path):
    # "The bureau accuses" is the bureau's sentence, not the palace's through their common government;
    # "Aland accuses" is both, as bodies under it; a minister quoted in a release gives it voice.
    line = ("Zenda carried out the attack on the pumps.", "نفذت زندا الهجوم على المضخات.")
    corpus = _write(
        tmp_path,
        {
            "issuers/aland.yaml": issuer("aland", "Aland", "الاند"),
            "issuers/bureau.yaml": issuer("bureau", "Aland Bureau", "مكتب الاند", "agency") | {"parent": "aland"},
            "issuers/palace.yaml": issuer("palace", "Aland Palace", "قصر الاند", "agency") | {"parent": "aland"},
            "issuers/vera.yaml": issuer("vera", "Vera Lind", "فيرا ليند", "person") | {"parent": "palace"},
            "statements/bureau.yaml": statement("bureau", "bureau", [line]),
            "statements/palace.yaml": statement("palace", "palace", [line]),
            "articles/zenda-ar.yaml": ARTICLE
            | {"headline": {"id": "headline", "text": "الهجوم على المضخات", "translations": {"en": "The attack"}}},
        },
    )
    aligner = Aligner(corpus, LEXICON)
    art = corpus.articles["zenda-ar"]

    def credited(*who: str) -> dict[str, list[str]]:
        return {
            c.ref: [r for r in c.reasons if r.startswith("speaker:")]
            for c in aligner.rank(art, art.headline, credited=who)
        }

    assert credited("bureau") == {"bureau#p1-s1": ["speaker:bureau"], "palace#p1-s1": []}
    assert credited("aland") == {"bureau#p1-s1": ["speaker:aland"], "palace#p1-s1": ["speaker:aland"]}
    assert credited("vera") == {"bureau#p1-s1": [], "palace#p1-s1": []}
    data = statement("palace", "palace", [line])
    data["paragraphs"].append(
        {
            "sentences": [
                {
                    "id": "p2-s1",
                    "text": "“We act.”",
                    "speaker": "vera",
                    "role": "quoted",
                    "translations": {"ar": "«نتحرك».»"},
                }
            ]
        }
    )
    corpus = _write(tmp_path, {"statements/palace.yaml": data})
    aligner = Aligner(corpus, LEXICON)
    by_vera = {c.ref: c.reasons for c in aligner.rank(corpus.articles["zenda-ar"], art.headline, credited=["vera"])}
    assert "speaker:vera" in by_vera["palace#p1-s1"]


def test_quoted_words_pull_up_the_sentence_that_holds_them_but_quoted_names_add_nothing(tmp_path: Path):
    intro = (
        "Today the ministry charged two hackers of Zenda over the theft.",
        "وجهت الوزارة اليوم تهما لقرصانين من زندا بالسرقة.",
    )
    words = ("This is outright cheating and theft.", "هذا غش وسرقة صريحان.")
    corpus = _write(
        tmp_path,
        {
            "issuers/aland.yaml": issuer("aland", "Aland", "الاند"),
            "statements/aland.yaml": statement("aland", "aland", [intro, words]),
            "articles/zenda-ar.yaml": ARTICLE
            | {
                "headline": {
                    "id": "headline",
                    "text": "وقال الوزير بعد توجيه التهم لقرصانين من زندا: «هذا غش وسرقة صريحان»",
                    "translations": {
                        "en": "After charging two hackers of Zenda the minister said: "
                        '"this is outright cheating and theft"'
                    },
                }
            },
        },
    )
    art = corpus.articles["zenda-ar"]
    ranked = Aligner(corpus, LEXICON).rank(art, art.headline)
    assert ranked[0].ref == "aland#p1-s2"
    assert "quoted:ar" in ranked[0].reasons and "quoted:en" in ranked[0].reasons
    # A name in quotation marks is no quoted wording.
    named = art.headline.model_copy(
        update={
            "text": "وقال الوزير بعد توجيه التهم لقرصانين من «زندا»",
            "translations": {"en": 'After charging two hackers of "Zenda" the minister said'},
        }
    )
    assert not [r for c in Aligner(corpus, LEXICON).rank(art, named) for r in c.reasons if r.startswith("quoted:")]


def test_a_title_several_people_hold_names_none_of_them(tmp_path: Path):
    line = ("The Foreign Secretary has issued a statement on the pumps.", "أصدر وزير الخارجية بيانًا بشأن المضخات.")
    people = {
        f"issuers/{pid}.yaml": issuer(pid, name, ar, "person") | {"aliases": {"en": [name, "Foreign Secretary"]}}
        for pid, name, ar in [("vera", "Vera Lind", "فيرا ليند"), ("karl", "Karl Berg", "كارل برغ")]
    }
    corpus = _write(
        tmp_path,
        {
            "issuers/aland.yaml": issuer("aland", "Aland", "الاند"),
            **people,
            "statements/aland.yaml": statement("aland", "aland", [line]),
            "articles/zenda-ar.yaml": ARTICLE
            | {
                "headline": {
                    "id": "headline",
                    "text": "وزير الخارجية فيرا ليند",
                    "translations": {"en": "Foreign Secretary Vera Lind"},
                }
            },
        },
    )
    art = corpus.articles["zenda-ar"]
    [top] = Aligner(corpus, LEXICON).rank(art, art.headline)
    assert not [r for r in top.reasons if r.startswith("entity:issuer:")]
