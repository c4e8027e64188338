"""The publisher's basics: byline, review and update dates, a conclusion, a corrections log."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ARTICLE, tiny_files, write_tree
from muqabala.data.corpus import load_corpus
from muqabala.data.errors import DataError
from muqabala.site.render.publisher import conclusion

PUBLISHED = (
    ARTICLE
    + """\
author: Muqabala editors
reviewer: Muqabala editors
reviewed: 2026-11-28
updated: 2026-11-30
corrections:
  - date: 2026-11-30
    note:
      en: The verdict on p1-s1 was Supported; the release quoted says otherwise.
      ar: كان الحكم على p1-s1 «مدعوم»، والبيان المقتبس يقول غير ذلك.
"""
)


def problems(tmp_path: Path, article: str) -> list[str]:
    files = tiny_files()
    files["articles/art.yaml"] = article
    with pytest.raises(DataError) as exc:
        load_corpus(write_tree(tmp_path, files))
    return [str(p) for p in exc.value.problems]


def test_the_publishing_fields_load(tmp_path: Path) -> None:
    files = tiny_files()
    files["articles/art.yaml"] = PUBLISHED
    art = load_corpus(write_tree(tmp_path, files)).articles["art"]
    assert (art.author, art.reviewer, art.reviewed, art.updated) == (
        "Muqabala editors",
        "Muqabala editors",
        "2026-11-28",
        "2026-11-30",
    )
    assert [c.date for c in art.corrections] == ["2026-11-30"]


def test_an_update_before_the_review(tmp_path: Path) -> None:
    text = PUBLISHED.replace("updated: 2026-11-30", "updated: 2026-11-01")
    assert problems(tmp_path, text) == [
        "articles/art.yaml:21: updated: must not be before reviewed (2026-11-28) (got '2026-11-01')"
    ]


def test_a_correction_before_the_review(tmp_path: Path) -> None:
    text = PUBLISHED.replace("  - date: 2026-11-30", "  - date: 2026-11-02")
    assert problems(tmp_path, text) == [
        "articles/art.yaml:22: corrections: correction 1 is dated 2026-11-02, before reviewed (2026-11-28): "
        "a correction follows publication"
    ]


def test_a_correction_needs_both_languages(tmp_path: Path) -> None:
    text = PUBLISHED.replace("      ar: كان الحكم على p1-s1 «مدعوم»، والبيان المقتبس يقول غير ذلك.\n", "")
    assert problems(tmp_path, text) == ["articles/art.yaml:24: corrections[0].note.ar: required field is missing"]


@pytest.mark.parametrize(
    ("counts", "en", "ar"),
    [
        (
            {"supported": 3},
            "The article reports the statements faithfully: all 3 claims checked are supported.",
            "ينقل المقال البيانات بأمانة: الادعاءات المفحوصة كلها مدعومة، وعددها 3.",
        ),
        (
            {"supported": 1},
            "The article reports the statements faithfully: the one claim checked is supported.",
            "ينقل المقال البيانات بأمانة: الادعاء المفحوص الوحيد مدعوم.",
        ),
        (
            {"supported": 2, "partly_supported": 1},
            "The article broadly holds up: 1 of the 3 claims checked is only partly supported, the rest supported.",
            "المقال صحيح في مجمله: عدد الادعاءات المدعومة جزئيًا 1 من أصل 3، والباقي مدعوم.",
        ),
        (
            {"supported": 1, "unsupported": 2, "not_a_claim": 1},
            "The article goes beyond its sources: 2 of the 3 claims checked have no support in any statement.",
            "يتجاوز المقال مصادره: عدد الادعاءات التي لا يسندها أي بيان 2 من أصل 3.",
        ),
        (
            {"supported": 5, "misleading": 3, "contradicted": 1, "unsupported": 2},
            "The article misreports the statements: 4 of the 11 claims checked distort what they say, "
            "and 2 have no support in any of them.",
            "لا ينقل المقال البيانات بأمانة: عدد الادعاءات التي تحرّف ما تقوله 4 من أصل 11، وعدد ما لا يسنده أي بيان 2.",
        ),
        (
            {"misattributed": 1},
            "The article misreports the statements: the one claim checked distorts what they say.",
            "لا ينقل المقال البيانات بأمانة: الادعاء المفحوص الوحيد يحرّف ما تقوله.",
        ),
    ],
)
def test_the_conclusion_reads_as_an_editor_wrote_it(counts: dict[str, int], en: str, ar: str) -> None:
    assert conclusion(counts, "en") == en
    assert conclusion(counts, "ar") == ar


def test_no_conclusion_without_a_claim() -> None:
    assert conclusion({"not_a_claim": 2}, "en") == ""


@pytest.fixture
def published(tmp_path: Path):
    from render_fakes import fake_report

    files = tiny_files()
    files["articles/art.yaml"] = PUBLISHED
    corpus = load_corpus(write_tree(tmp_path, files))
    return corpus, fake_report(corpus)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_correction_is_an_entry_of_the_feeds(published, lang: str) -> None:
    import feedparser

    from muqabala.site.feeds import ATOM, feeds

    corpus, report = published
    parsed = feedparser.parse(feeds(corpus, report, lang, "https://example.org/m/")[ATOM])
    assert not parsed.bozo
    entry = next(e for e in parsed.entries if "#mq-corrections" in e.link)
    assert entry.link == f"https://example.org/m/{lang}/articles/art/#mq-corrections"
    assert entry.updated[:10] == "2026-11-30"
    assert entry.title.startswith("Correction: " if lang == "en" else "تصحيح: ")
    assert entry.summary == corpus.articles["art"].corrections[0].note.get(lang)


def test_the_article_page_shows_byline_dates_conclusion_and_corrections(published) -> None:
    from muqabala.site.render import render_pages

    corpus, report = published
    en = render_pages(corpus, report, "en").files["articles/art.md"]
    assert '<dt>Checked by</dt><dd><span lang="en" dir="ltr">Muqabala editors</span></dd>' in en
    assert "<dt>Reviewed by</dt>" in en
    # Dates as the page's language writes them, the data's own form kept for machines.
    assert '<dt>Check published</dt><dd><time datetime="2026-11-28" lang="en">28 November 2026</time></dd>' in en
    assert '<dt>Last updated</dt><dd><time datetime="2026-11-30" lang="en">30 November 2026</time></dd>' in en
    assert '<p class="mq-conclusion"><strong>In short:</strong> The article ' in en
    assert "## Corrections { #mq-corrections }" in en
    assert '<li><time datetime="2026-11-30" lang="en">30 November 2026</time> — ' in en
    assert "the release quoted says otherwise" in en
    ar = render_pages(corpus, report, "ar").files["articles/art.md"]
    assert "## التصحيحات { #mq-corrections }" in ar and "<dt>راجعه</dt>" in ar
    assert '<time datetime="2026-11-28" lang="ar">28 نوفمبر/تشرين الثاني 2026</time>' in ar
    assert '<p class="mq-conclusion"><strong>الخلاصة:</strong> ' in ar


def test_the_claimreview_is_dated_by_reviewed(published) -> None:
    from muqabala.site.render.claimreview import review_date

    corpus, report = published
    assert review_date(corpus.articles["art"], report.articles[0], corpus) == "2026-11-28"


def test_the_licence_is_named_by_the_licence_file(tmp_path: Path) -> None:
    from muqabala.site.render.opendata import licence

    assert licence(tmp_path) is None
    (tmp_path / "LICENSE").write_text("\nMIT License\n\nCopyright (c) 2026\n", encoding="utf-8")
    terms = licence(tmp_path)
    assert terms is not None
    assert (terms.name, terms.path) == ("MIT License", "data/LICENSE.txt")
    assert "remain their publishers' work" in terms.note.en and "تبقى من عمل ناشريها" in terms.note.ar
