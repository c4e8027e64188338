"""Entities: canonical keys for groups, codes, organs and issuers, with spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from muqabala.data.errors import DataError
from muqabala.data.model import Issuer
from muqabala.lexicon.entities import extract_entities, load_lexicon

ENTITIES = load_lexicon(Path(__file__).resolve().parents[1] / "lexicon" / "entities.yaml")
"""These unit tests have no project: they read the repository's entity lexicon."""


def keys(text: str, lang: str = "en", issuers=()) -> list[str]:
    return [e.key for e in extract_entities(text, lang, ENTITIES, issuers)]


@pytest.mark.parametrize("text", ["APT40", "APT 40", "apt-40", "Advanced Persistent Threat 40"])
def test_apt_spellings_share_one_key(text):
    assert keys(text) == ["APT40"]


def test_dutch_sentence_names_both_groups():
    text = "de hackersgroepen die bekend staan als Advanced Persistent Threat 40 en Advanced Persistent Threat 31"
    assert keys(text, "nl") == ["APT40", "APT31"]


def test_hafnium_in_both_scripts():
    assert keys("Hafnium and HAFNIUM") == ["HAFNIUM", "HAFNIUM"]
    assert keys("مجموعة تسمى هافنيوم", "ar") == ["HAFNIUM"]


def test_ministry_of_state_security_in_both_languages():
    assert "MSS" in keys("the Chinese Ministry of State Security (MSS)")
    assert "MSS" in keys("إن وزارة أمن الدولة الصينية مسؤولة", "ar")


def test_cve_ids_are_codes():
    (e,) = extract_entities("exploited CVE-2021-26855 today", "en", ENTITIES)
    assert (e.key, e.kind, e.text) == ("CVE-2021-26855", "code", "CVE-2021-26855")


def test_microsoft_exchange_in_quotes_inside_arabic():
    found = keys("على الخوادم “Microsoft Exchange”،", "ar")
    assert "MICROSOFT-EXCHANGE" in found and "MICROSOFT" in found


def test_acronyms_match_capitals_only():
    assert keys("tell us") == []
    assert keys("the US said") == ["state:US"]


def test_issuer_names_and_aliases_come_from_the_corpus():
    raab = Issuer(
        schema_version=1,
        id="raab",
        name={"ar": "دومينيك راب", "en": "Dominic Raab"},
        kind="person",
        aliases={"ar": ["راب"], "en": ["Raab"]},
    )
    (e,) = extract_entities("وقال دومينيك راب", "ar", ENTITIES, [raab])
    assert (e.key, e.kind, e.text) == ("issuer:raab", "person", "دومينيك راب")
    assert keys("وقال لراب", "ar", [raab]) == ["issuer:raab"]


def test_a_shorter_mention_inside_a_longer_one_of_the_same_key_is_dropped():
    ncsc = Issuer(
        schema_version=1,
        id="ncsc",
        name={"ar": "المركز", "en": "National Cyber Security Centre"},
        kind="agency",
        aliases={"en": ["UK National Cyber Security Centre"]},
    )
    found = [
        e
        for e in extract_entities("the UK National Cyber Security Centre", "en", ENTITIES, [ncsc])
        if e.key == "issuer:ncsc"
    ]
    assert [e.text for e in found] == ["UK National Cyber Security Centre"]


def test_spans_point_into_the_original():
    text = "وربطت هذه الأنشطة بـ APT 31"
    (e,) = extract_entities(text, "ar", ENTITIES)
    assert text[e.start : e.end] == "APT 31"


def test_lexicon_patterns_must_be_written_folded(tmp_path: Path):
    path = tmp_path / "entities.yaml"
    path.write_text(
        "schema_version: 1\npatterns:\n  - regex: 'APT(\\d+)'\n    key: 'APT{1}'\n    kind: group\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as e:
        load_lexicon(path)
    assert str(e.value.problems[0]) == (
        "entities.yaml:3: patterns[0].regex: must be written folded, like 'apt(\\\\d+)' (got 'APT(\\\\d+)')"
    )
