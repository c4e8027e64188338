"""Rendering an archive of several cases: what each case's pages and sections may show."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from muqabala.data.corpus import load_corpus
from muqabala.site.cache import cached_report
from muqabala.site.render import render_languages
from muqabala.site.render.labels import t
from muqabala.tools.synth import generate


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, exchange: Path) -> Path:
    root = tmp_path_factory.mktemp("archive") / "p"
    generate(root, 3, source=exchange)
    return root


def test_the_nav_groups_statements_by_case(project: Path) -> None:
    corpus = load_corpus(project)
    pages = render_languages(corpus, cached_report(corpus, project))
    for lang, p in pages.items():
        (statements,) = [entry[t("nav.statements", lang)] for entry in p.nav if t("nav.statements", lang) in entry]
        cases = sorted({st.case for st in corpus.statements.values()})
        assert len(statements) == len(cases)
        for case, group in zip(cases, statements, strict=True):
            ((title, entries),) = group.items()
            assert case in title and title.startswith(t("compare.case", lang))
            listed = [path for entry in entries for path in entry.values()]
            own = sorted((st.date, sid) for sid, st in corpus.statements.items() if st.case == case)
            assert listed == [f"statements/{sid}.md" for _, sid in own]


def test_the_nav_groups_articles_and_checks_by_case(project: Path) -> None:
    # With navigation.prune a page then lists its own case's articles, not the whole archive's:
    # this is what keeps a claim page under 60 KB as cases are added.
    corpus = load_corpus(project)
    pages = render_languages(corpus, cached_report(corpus, project))
    cases = sorted({art.case for art in corpus.articles.values()})
    for lang, p in pages.items():
        for key in ("nav.articles", "nav.checks"):
            (section,) = [entry[t(key, lang)] for entry in p.nav if t(key, lang) in entry]
            assert len(section) == len(cases) > 1
            for case, group in zip(cases, section, strict=True):
                ((title, entries),) = group.items()
                assert case in title
                listed = {path.split("/")[1].removesuffix(".md") for entry in entries for path in entry.values()}
                assert listed == {aid for aid, art in corpus.articles.items() if art.case == case}


def test_each_cases_chart_shows_only_its_own_claims(project: Path) -> None:
    # The chart once placed every article's claims on every case's rows that shared an issuer.
    corpus = load_corpus(project)
    report = cached_report(corpus, project)
    page = render_languages(corpus, report, ("en",))["en"].files["compare.md"]
    sections = re.split(r"^## Case (\S+) \{ #case-\S+ \}$", page, flags=re.M)[1:]
    assert len(sections) == 2 * 3
    checked = 0
    for case, section in zip(sections[::2], sections[1::2], strict=True):
        own = {
            (str(c.position), c.attribution.level)
            for a in report.articles
            if a.case == case
            for c in a.claims
            if c.attribution and c.credited and c.verdict != "not_a_claim"
        }
        marks = re.findall(r'<g class="mq-claimmark"><title>Claim (\d+): ([^<]+)</title>', section)
        levels = {t(f"level.{lv}", "en"): lv for lv in ("territory", "state_affiliated", "state_organ", "none")}
        assert {(pos, levels[html.unescape(label)]) for pos, label in marks} <= own
        checked += len(marks)
    assert checked > 0
