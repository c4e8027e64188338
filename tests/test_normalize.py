"""Folding for matching: each rule once, idempotence, offsets, and light stemming."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from muqabala.lexicon.normalize import fold, normalize, normalize_ar, tokens


def test_tashkeel_and_superscript_alef_are_dropped():
    assert normalize_ar("أُعْلِنَ هٰذا") == "اعلن هذا"


def test_tatweel_is_dropped():
    assert normalize_ar("الصيـــنية") == "الصينيه"


def test_alef_forms_merge():
    assert normalize_ar("أ إ آ ٱ") == "ا ا ا ا"


def test_alef_maqsura_and_ta_marbuta():
    assert normalize_ar("على الدولة") == "علي الدوله"


def test_arabic_indic_and_persian_digits_become_ascii():
    assert normalize_ar("٣٠٬٠٠٠ و۱۲") == "30,000 و12"


def test_arabic_punctuation_becomes_space():
    assert normalize_ar("نعم،لا؛ربما؟") == "نعم لا ربما"


def test_latin_is_casefolded_and_unaccented():
    assert normalize("Microsoft EXCHANGE Café", "en") == "microsoft exchange cafe"


def test_whitespace_collapses_and_ends_are_trimmed():
    assert normalize("  a \n\t b  ", "en") == "a b"


def test_presentation_forms_fold_to_letters():
    assert normalize_ar("ﻻ") == "لا"


def test_fold_offsets_point_into_the_original():
    text = "  الدَّولة  APT"
    folded, origin = fold(text)
    assert folded == "الدوله apt"
    assert text[origin[0]] == "ا" and text[origin[-1]] == "T"


@settings(deadline=None)  # a property of the output, not of its speed on a shared machine
@given(st.text())
def test_normalisation_is_idempotent(text):
    once = normalize_ar(text)
    assert normalize_ar(once) == once


@settings(deadline=None)  # a property of the output, not of its speed on a shared machine
@given(st.text())
def test_fold_gives_one_offset_per_character(text):
    folded, origin = fold(text)
    assert len(folded) == len(origin)
    assert origin == sorted(origin)


def test_arabic_prefixes_are_stripped_when_three_letters_remain():
    assert tokens("والاتحاد بالصين للأمن وكتب", "ar") == ["اتحاد", "صين", "امن", "كتب"]


def test_short_arabic_words_keep_their_letters():
    assert tokens("بلد", "ar") == ["بلد"]


def test_arabic_function_words_are_not_terms():
    assert tokens("في إلى من الهجوم", "ar") == ["هجوم"]


def test_english_stop_words_and_plurals():
    assert tokens("The servers of the companies", "en") == ["serv", "company"]


def test_english_verb_endings_are_light_stemmed():
    assert tokens("hackers exploited hacking", "en") == ["hack", "exploit", "hack"]


def test_numbers_are_one_term_without_separators():
    assert tokens("30,000 organisations", "en") == ["30000", "organisation"]


def test_possessive_s_is_not_a_term():
    assert tokens("China's", "en") == ["china"]
