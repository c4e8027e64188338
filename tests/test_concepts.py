"""The concept lexicon: forms joined as one term, synonyms tagged, and its validation messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from muqabala.collate.index import BM25Index
from muqabala.data.errors import DataError
from muqabala.lexicon.concepts import ConceptLexicon, ConceptMatcher, load_concepts


def matcher(*concepts: dict) -> ConceptMatcher:
    return ConceptMatcher(ConceptLexicon.model_validate({"schema_version": 1, "concepts": list(concepts)}))


FORMS = {"id": "server", "kind": "form", "ar": ["خادم", "خوادم"]}
WIDE = {
    "id": "widespread",
    "kind": "synonym",
    "ar": ["كاسح", "واسع", "واسع النطاق"],
    "en": ["sweeping", "widespread", "large-scale"],
}


def test_a_broken_plural_is_indexed_as_its_singular():
    m = matcher(FORMS)
    assert m.terms("على خوادم الشركة", "ar") == m.terms("على خادم الشركة", "ar") == ["خادم", "شرك"]


def test_a_synonym_adds_one_tag_and_keeps_the_word():
    m = matcher(WIDE)
    assert m.terms("a sweeping, widespread, large-scale hack", "en") == [
        "sweep",
        "widespread",
        "large",
        "scale",
        "hack",
        "≈widespread",
    ]


def test_arabic_terms_match_with_and_without_the_article():
    # Light stemming reads the و of a bare واسع as a conjunction, but not after ال.
    m = matcher(WIDE)
    assert "≈widespread" in m.terms("الاختراق الواسع", "ar")
    assert "≈widespread" in m.terms("اختراق واسع", "ar")
    assert "≈widespread" in m.terms("هجوم كاسح", "ar")


def test_the_shipped_lexicon_loads():
    assert load_concepts(Path(__file__).resolve().parents[1] / "lexicon" / "concepts.yaml").concepts


def test_tags_are_searchable_but_do_not_lengthen_a_sentence():
    m = matcher(WIDE)
    index = BM25Index()
    for doc, text in {"tagged": "widespread attack", "plain": "massive attack"}.items():
        terms = m.terms(text, "en")
        index.add(doc, [t for t in terms if not t.startswith("≈")], [t for t in terms if t.startswith("≈")])
    assert [d for d, _, _ in index.search(["≈widespread"])] == ["tagged"]
    scores = {d: score for d, score, _ in index.search(["attack"])}
    assert scores["tagged"] == scores["plain"]


@pytest.mark.parametrize(
    "body, message",
    [
        (
            "  - id: server\n    kind: form\n    ar: [خادم, خوادم الشركة]\n",
            "concepts.yaml:3: concepts[0]: a form is one word; list phrases under kind: synonym "
            "(got 'خوادم الشركة' in ar)",
        ),
        (
            "  - id: wide\n    kind: synonym\n    en: [widespread]\n    ar: [واسع]\n",
            "concepts.yaml:3: concepts[0]: a group needs two terms of one language that stem apart, like "
            "en: [sweeping, widespread] (got ar: ['واسع'], en: ['widespread'])",
        ),
        (
            "  - id: wide\n    kind: synonym\n    en: [the, widespread]\n",
            "concepts.yaml:5: concepts[0].en: term 'the' has no content word once function words are dropped "
            "(got ['the', 'widespread'])",
        ),
        (
            "  - id: wide\n    kind: synonym\n    en: [sweeping, widespread]\n"
            "  - id: wide\n    kind: synonym\n    en: [pervasive, widespread]\n",
            "concepts.yaml:6: concepts[1].id: is already the id of concepts[0] (got 'wide')",
        ),
        (
            "  - id: server\n    kind: form\n    ar: [خادم, خوادم]\n"
            "  - id: servant\n    kind: form\n    ar: [خدام, خوادم]\n",
            "concepts.yaml:8: concepts[1].ar[1]: is already a form of 'server'; a word belongs to one form group "
            "(got 'خوادم')",
        ),
    ],
)
def test_each_rule_has_its_message(tmp_path: Path, body: str, message: str):
    path = tmp_path / "concepts.yaml"
    path.write_text("schema_version: 1\nconcepts:\n" + body, encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_concepts(path)
    assert [str(p) for p in e.value.problems] == [message]


def test_the_shipped_lexicon_reads_electronic_and_cyber_as_one_word():
    # Arabic news renders the sources' "cyber" «إلكتروني» as often as «سيبراني».
    m = ConceptMatcher(load_concepts(Path(__file__).resolve().parents[1] / "lexicon" / "concepts.yaml"))
    assert m.terms("هجوم إلكتروني", "ar") == m.terms("هجوم سيبراني", "ar")
    assert m.terms("الهجمات الالكترونية", "ar") == m.terms("الهجمات السيبرانية", "ar")


def test_summoning_in_any_tense_and_its_verbal_noun_are_one_word():
    m = ConceptMatcher(load_concepts(Path(__file__).resolve().parents[1] / "lexicon" / "concepts.yaml"))
    assert m.terms("تستدعي السفير", "ar") == m.terms("استدعت السفير", "ar")
    assert m.terms("استدعاء السفير", "ar") == m.terms("استدعت السفير", "ar")
