"""The comparison page explains itself: the statements' own words beside the levels, excerpts
marked, ≠ only on the cells that differ, and a compact chart for phones."""

from __future__ import annotations

import re

import pytest

from muqabala.collate.compare import compare_statements
from muqabala.collate.engine import collate
from muqabala.data.corpus import load_corpus
from muqabala.report import Attribution, StatementReport
from muqabala.site.render import render_pages
from muqabala.site.render.chart import ChartRow, attribution_chart
from muqabala.site.render.compare import differing


def statement(sid: str, level: str, organ: str | None = None) -> StatementReport:
    return StatementReport(
        id=sid,
        issuer=sid,
        case="c",
        date="2024-01-01",
        role="primary",
        completeness="complete",
        attribution=Attribution(level=level, named_organ=organ),  # type: ignore[arg-type]
    )


def test_only_the_statement_that_stands_out_differs():
    stmts = [
        statement("eu", "territory"),
        statement("uk", "state_organ"),
        statement("us", "state_organ"),
        statement("nz", "state_organ"),
    ]
    assert differing(stmts, compare_statements(stmts)) == {("eu", "attribution_level")}


def test_two_statements_that_differ_both_differ_and_a_tie_has_no_norm():
    two = [statement("a", "territory"), statement("b", "state_organ")]
    assert differing(two, compare_statements(two)) == {("a", "attribution_level"), ("b", "attribution_level")}
    tie = [*two, statement("c", "territory"), statement("d", "state_organ"), statement("e", "none")]
    assert {sid for sid, _ in differing(tie, compare_statements(tie))} == {"a", "b", "c", "d", "e"}


def test_identical_statements_carry_no_mark():
    same = [statement("a", "territory"), statement("b", "territory")]
    assert differing(same, compare_statements(same)) == set()


@pytest.fixture(scope="module")
def pages(exchange):
    corpus = load_corpus(exchange)
    report = collate(corpus)
    return {lang: render_pages(corpus, report, lang).files["compare.md"] for lang in ("en", "ar")}


def _row(page: str, statement_id: str) -> str:
    return next(r for r in re.findall(r"<tr><th.*?</tr>", page) if f"{statement_id}/" in r)


def test_the_statements_own_wording_stands_beside_its_level(pages):
    uk = _row(pages["en"], "uk-fcdo-release-2021-07-19")
    assert '<span lang="en" dir="ltr" class="mq-cue">“Ministry of State Security”</span>' in uk
    eu = _row(pages["en"], "eu-declaration-2021-07-19")
    assert '<span lang="en" dir="ltr" class="mq-cue">“territory of China”</span>' in eu
    # On the English page an English cue needs no translation.
    assert "in our translation of the sentence" not in eu


def test_the_arabic_page_quotes_the_original_and_our_translation_of_its_sentence(pages):
    ar = _row(pages["ar"], "uk-fcdo-release-2021-07-19")
    level_cell = re.search(r'<td data-label="درجة الإسناد".*?</td>', ar)
    assert level_cell is not None
    cell = level_cell.group()
    assert '<span lang="en" dir="ltr" class="mq-cue">“Ministry of State Security”</span>' in cell
    assert 'في ترجمتنا للجملة: <span lang="ar" dir="rtl" class="mq-cue">«' in cell
    assert "وزارة أمن الدولة" in cell


def test_certainty_shows_the_hedges_wording_in_both_languages(pages):
    for lang, label in (("en", "Certainty"), ("ar", "درجة اليقين")):
        ncsc = _row(pages[lang], "uk-ncsc-release-2021-07-19")
        cell = re.search(rf'<td data-label="{label}".*?</td>', ncsc)
        assert cell is not None
        assert '<span lang="en" dir="ltr" class="mq-cue">“highly likely”</span>' in cell.group(), lang


def test_a_partial_transcription_is_marked_as_an_excerpt(pages):
    assert '<span class="mq-excerpt" title="' in _row(pages["en"], "uk-fcdo-release-2021-07-19")
    assert ">مقتطف</span>" in _row(pages["ar"], "uk-fcdo-release-2021-07-19")
    assert "A dashed circle is a statement known only in part" in pages["en"]
    assert 'class="mq-stmt mq-level-state-organ mq-partial"' in pages["en"]


def test_every_cell_names_its_facet_for_the_stacked_layout(pages):
    for page in pages.values():
        assert not re.search(r"<td(?! data-label=)", page)


def test_the_compact_chart_is_narrow_and_its_ids_are_its_own():
    rows = [ChartRow(label="The European Union · 2021-07-19", level="territory", partial=True)]
    wide = attribution_chart(rows, "en")
    compact = attribution_chart(rows, "en", compact=True)
    assert 'viewBox="0 0 800 ' in wide and 'class="mq-chart mq-chart-wide"' in wide
    assert (
        'viewBox="0 0 400 ' in compact and 'aria-labelledby="mq-chart-compact-title mq-chart-compact-desc"' in compact
    )
    # Every axis line fits the narrow column: at most 12 characters.
    for line in re.findall(r"<tspan[^>]*>([^<]*)</tspan>", compact):
        assert len(line) <= 12 or " " not in line, line
    assert "<title>The European Union · 2021-07-19 (excerpt)</title>" in compact
