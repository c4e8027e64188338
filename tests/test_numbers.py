"""Figures: digits, words, fractions, qualifiers, units; and what is not a figure."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muqabala.data.errors import DataError
from muqabala.lexicon.numbers import ParsedFigure, load_lexicon, parse_figures

NUMBERS = load_lexicon(Path(__file__).resolve().parents[1] / "lexicon" / "numbers.yaml")
"""The parser's unit tests have no project: they read the repository's number lexicon."""


def one(text: str, lang: str) -> ParsedFigure:
    figures = parse_figures(text, lang, NUMBERS)
    assert len(figures) == 1, figures
    return figures[0]


def test_arabic_quarter_of_a_million_with_qualifier_and_unit():
    f = one("الهجوم أثر على أكثر من ربع مليون خادم حول العالم", "ar")
    assert (f.value, f.qualifier, f.unit, f.text) == (250000, "more_than", "servers", "أكثر من ربع مليون")


def test_english_quarter_of_a_million():
    f = one("affecting over a quarter of a million servers worldwide.", "en")
    assert (f.value, f.qualifier, f.unit) == (250000, "more_than", "servers")
    assert f.text == "over a quarter of a million"


def test_half_a_million_in_arabic():
    assert one("نصف مليون شخص", "ar").value == 500000


def test_arabic_cardinal_times_scale():
    f = one("ثلاثة آلاف منظمة", "ar")
    assert (f.value, f.unit, f.vague) == (3000, "organisations", False)


def test_thousands_separator_ascii_and_arabic_indic():
    assert [f.value for f in parse_figures("30,000 و ٣٠٬٠٠٠ خادم", "ar", NUMBERS)] == [30000, 30000]


def test_dot_thousands_separator_versus_decimal():
    assert [f.value for f in parse_figures("30.000 servers and 1.5 million", "en", NUMBERS)] == [30000, 1500000]


def test_dotted_versions_are_no_figures():
    # Found by the property test below: "0.0.0" made float() raise.
    assert parse_figures("0.0.0", "ar", NUMBERS) == []
    assert [f.value for f in parse_figures("2.5 million users; 15.2.858 on 3 servers", "en", NUMBERS)] == [2500000, 3]


def test_percent_sign():
    f = one("92% of customers had patched", "en")
    assert (f.value, f.unit, f.text) == (92, "%", "92%")


def test_percent_words_in_arabic():
    f = one("92 في المئة من العملاء", "ar")
    assert (f.value, f.unit) == (92, "%")


def test_at_least_before():
    f = one("at least 30,000 organisations", "en")
    assert (f.qualifier, f.unit) == ("at_least", "organisations")


def test_arabic_at_least_before_and_after():
    assert one("ما لا يقل عن 30 ألف منظمة", "ar").qualifier == "at_least"
    assert one("30 ألف منظمة على الأقل", "ar").qualifier == "at_least"


def test_about_with_attached_conjunction():
    f = one("ونحو 70 منظمة", "ar")
    assert (f.value, f.qualifier) == (70, "about")


def test_unit_a_word_away():
    assert one("over 70 affected organisations", "en").unit == "organisations"


def test_vague_plural_is_about_and_flagged():
    f = one("thousands of computers and networks", "en")
    assert (f.value, f.qualifier, f.vague, f.unit) == (1000, "about", True, "computers")


def test_arabic_vague_plural_with_article():
    f = one("الآلاف من أجهزة الكمبيوتر", "ar")
    assert (f.value, f.vague, f.unit) == (1000, True, "computers")


def test_vague_magnitudes_multiply():
    assert one("tens of thousands", "en").value == 10000
    assert one("عشرات الآلاف", "ar").value == 10000


def test_compound_english_words():
    assert one("twenty-five thousand", "en").value == 25000


def test_commas_separate_figures():
    assert [f.value for f in parse_figures("two million, three thousand", "en", NUMBERS)] == [2000000, 3000]


def test_years_are_not_figures():
    assert parse_figures("in 2015 and in early 2021", "en", NUMBERS) == []


def test_identifiers_are_not_figures():
    text = "APT40, APT 31, Advanced Persistent Threat 40, CVE-2021-26855, G20, 0-day, Office 365"
    assert parse_figures(text, "en", NUMBERS) == []


def test_dates_and_times_are_not_figures():
    assert parse_figures("on 19 July 2021 at 11:35, update 03/04/2021", "en", NUMBERS) == []
    assert parse_figures("في 19 يوليو", "ar", NUMBERS) == []


def test_a_bare_one_is_not_a_figure():
    assert parse_figures("one of the groups", "en", NUMBERS) == []


def test_span_points_into_the_original():
    text = "It hit over 70 firms"
    f = one(text, "en")
    assert text[f.start : f.end] == "over 70"


# No deadline: on a shared 2-core machine one example took 272 ms against Hypothesis' 200 ms default;
# the property is that it never raises, not how fast.
@settings(deadline=None)
@given(st.text(), st.sampled_from(["ar", "en", "nl"]))
def test_parse_figures_never_raises(text, lang):
    for f in parse_figures(text, lang, NUMBERS):
        assert 0 <= f.start < f.end <= len(text)


def test_lexicon_problems_name_file_line_and_key(tmp_path: Path):
    path = tmp_path / "numbers.yaml"
    path.write_text(
        "schema_version: 1\nlanguages:\n  en:\n    qualifiers_before:\n      over: more\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as e:
        load_lexicon(path)
    assert str(e.value.problems[0]).startswith("numbers.yaml:5: languages.en.qualifiers_before.over: ")


def test_a_name_holding_a_number_counts_nothing():
    from muqabala.lexicon.phrases import load_lexicon as load_all

    lexicon = load_all(Path(__file__).resolve().parents[1] / "lexicon")
    found = lexicon.figures("وكعضو في مجموعة العشرين، تعهدت بعدم سرقة بيانات 20 شركة.", "ar")
    assert [(f.value, f.unit) for f in found] == [(20.0, "companies")]
    # A code spelt in Arabic letters, its number after it: APT 10.
    assert [f.value for f in lexicon.figures('مجموعة تعرف باسم "إيه بي تي 10" استهدفت 12 دولة', "ar")] == [12.0]
    assert [f.value for f in lexicon.figures("a pledge made as a Group of Twenty member to 12 countries", "en")] == [
        12.0
    ]
