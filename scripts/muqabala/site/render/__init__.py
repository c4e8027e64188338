"""Rendering the data and the engine's report as the Markdown pages of one site language.

MkDocs-free: `render_pages` returns text, a nav and the data file behind each page; the
plugin writes the files. Data text only ever lands in raw HTML blocks, escaped (`escape.py`).

Most pages belong to one case (its articles, their checks, its statements) and depend on
nothing outside it, the issuers and the code: they are rendered case by case, on every core
for an archive, and can be kept by a `CaseCache` so that an edit renders its case's pages
only. The pages that span the archive (comparison, discrepancies, open data) are rendered
every time.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from muqabala.data import parallel
from muqabala.data.corpus import Corpus
from muqabala.report import ArticleReport, Comparison, Report, StatementReport
from muqabala.site.render import diffview
from muqabala.site.render.article import article_path, render_article
from muqabala.site.render.bidi import plain_isolate
from muqabala.site.render.checks import checks_path, claim_pages, render_checks
from muqabala.site.render.compare import compare_section, render_compare
from muqabala.site.render.discrepancies import render_discrepancies
from muqabala.site.render.escape import nav_title
from muqabala.site.render.fragments import issuer_name
from muqabala.site.render.labels import t
from muqabala.site.render.opendata import render_data
from muqabala.site.render.statements import citations, render_statement, statement_path
from muqabala.vocabulary import GENERATED

LANGUAGES = ("en", "ar")


@dataclass
class Pages:
    """One language's generated pages."""

    files: dict[str, str] = field(default_factory=dict)
    """Docs-relative path → Markdown."""
    nav: list[object] = field(default_factory=list)
    """The MkDocs nav of the language, hand-written pages included, titles in that language."""
    sources: dict[str, str] = field(default_factory=dict)
    """Docs-relative path → the data file (root-relative) it was generated from."""


@dataclass
class CasePages:
    """One case's pages in one language, and their places in the nav (sort key, entry)."""

    case: str = ""
    files: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    articles: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    checks: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    statements: list[tuple[tuple[str, str], dict[str, str]]] = field(default_factory=list)
    compare: str = ""
    """The case's table and chart on `compare.md`."""
    diffs: list[list[Any]] = field(default_factory=list)
    """The word diffs and diff blocks the case's pages were made with (`diffview.Recorded`), for
    `diffview.remember`: kept in the page cache, not on any page."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CasePages:
        return cls(
            case=str(data["case"]),
            files=dict(data["files"]),
            sources=dict(data["sources"]),
            articles=[(k, dict(e)) for k, e in data["articles"]],
            checks=[(k, dict(e)) for k, e in data["checks"]],
            statements=[((k[0], k[1]), dict(e)) for k, e in data["statements"]],
            compare=str(data["compare"]),
            diffs=list(data.get("diffs", [])),
        )


class CaseCache(Protocol):
    """Where rendered cases are kept between builds (see `cache.PageCache`)."""

    def get(self, case: str, variant: str) -> dict[str, Any] | None: ...

    def put(self, case: str, variant: str, data: dict[str, Any]) -> None: ...


def render_pages(
    corpus: Corpus,
    report: Report,
    lang: str,
    base_url: str | None = None,
    cache: CaseCache | None = None,
    jobs: int | None = None,
    publisher: str | None = None,
) -> Pages:
    """Every generated page of `lang` ("ar" or "en"); the same paths in both languages.

    `base_url` is the address of the site root (the folder holding `en/` and `ar/`); with it
    the ClaimReview `url`s are absolute, without it site-relative. `publisher` names the
    organisation that publishes the reviews (the site's name when None).
    """
    return render_languages(corpus, report, (lang,), base_url, cache, jobs, publisher)[lang]


def render_languages(
    corpus: Corpus,
    report: Report,
    langs: tuple[str, ...] = LANGUAGES,
    base_url: str | None = None,
    cache: CaseCache | None = None,
    jobs: int | None = None,
    publisher: str | None = None,
    remember_diffs: bool = False,
) -> dict[str, Pages]:
    """`render_pages` for several languages at once: each case is rendered in all of them in
    one go, so the word diffs both languages show are computed once. With `remember_diffs` (a
    long-lived process, `serve`), the diffs of the cases taken from `cache` are kept in this
    process (`diffview.remember`): an edit to one of them then diffs only what it changed."""
    for lang in langs:
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be 'ar' or 'en' (got {lang!r})")
    cases = list(corpus.cases)
    # What a case's pages depend on besides its data: the page language, the site's address,
    # and whether it is the only case (`compare.md` then has no per-case headings).
    variants = {lang: json.dumps([lang, base_url, publisher, len(cases) == 1]) for lang in langs}
    done: dict[tuple[str, str], CasePages] = {}
    missing: list[str] = []
    for cid in cases:
        hits = _cached(cache, cid, variants)
        if hits is None:
            missing.append(cid)
        else:
            done.update({(cid, lang): pages for lang, pages in hits.items()})
            if remember_diffs:
                for pages in hits.values():
                    diffview.remember(pages.diffs)
    if missing:
        shared = (corpus, _CaseIndex(corpus, report, single=len(cases) == 1), langs, base_url, publisher)
        workers = parallel.workers(len(missing), jobs)
        if workers > 1:
            results = parallel.map_forked(_render_cases, shared, parallel.shares(missing, workers), workers)
        else:
            results = [_render_cases(shared, missing)]
        for part in results:
            for (cid, lang), pages in part.items():
                done[(cid, lang)] = pages
                if cache:
                    cache.put(cid, variants[lang], pages.to_json())
    return {lang: _assemble(corpus, report, lang, [done[(cid, lang)] for cid in cases]) for lang in langs}


def _cached(cache: CaseCache | None, case: str, variants: dict[str, str]) -> dict[str, CasePages] | None:
    """A case's pages in every language from the cache, or None if one is missing."""
    if cache is None:
        return None
    try:
        return {lang: CasePages.from_json(cache.get(case, v) or {}) for lang, v in variants.items()}
    except (KeyError, TypeError, ValueError):
        return None  # no entry, or one of another shape: rendered again


class _CaseIndex:
    """The report's articles and statements grouped by case, and which claims cite each sentence."""

    def __init__(self, corpus: Corpus, report: Report, single: bool) -> None:
        self.single = single
        self.articles: dict[str, list[ArticleReport]] = {}
        self.reports: dict[str, StatementReport] = {s.id: s for s in report.statements}
        self.statements: dict[str, list[str]] = {}
        self.comparisons: dict[str, list[Comparison]] = {}
        for art in report.articles:
            self.articles.setdefault(art.case, []).append(art)
        for cid, case in corpus.cases.items():
            self.statements[cid] = list(case.statements)
        case_of = {s.id: s.case for s in report.statements}
        for c in report.comparisons:
            self.comparisons.setdefault(case_of.get(c.statements[0], ""), []).append(c)
        # Evidence always comes from the claim's own case (corpus.py checks pinned evidence),
        # so a case's statements are cited by its own articles only.
        self.cited = citations(report)


def _render_cases(
    shared: tuple[Corpus, _CaseIndex, tuple[str, ...], str | None, str | None], cases: list[str]
) -> dict[tuple[str, str], CasePages]:
    corpus, index, langs, base_url, publisher = shared
    out = {}
    for cid in cases:
        for lang in langs:
            with diffview.recording() as used:
                out[(cid, lang)] = _render_case(corpus, index, cid, lang, base_url, publisher)
            out[(cid, lang)].diffs = used.entries()
    return out


def _render_case(
    corpus: Corpus, index: _CaseIndex, case: str, lang: str, base_url: str | None, publisher: str | None
) -> CasePages:
    out = CasePages(case=case)
    for ar in sorted(index.articles.get(case, []), key=lambda a: a.id):
        aid = ar.id
        art = corpus.articles.get(aid)
        if art is None:
            continue
        source = corpus.files.get(f"article:{aid}")
        headline = art.headline.shown_in(lang)
        if lang == art.language:
            headline = art.headline.text
        title = nav_title(plain_isolate(headline, lang))
        out.files[article_path(aid)] = render_article(art, ar, lang, corpus)
        out.articles.append((aid, {title: article_path(aid)}))
        out.files[checks_path(aid)] = render_checks(art, ar, lang)
        out.checks.append((aid, {title: checks_path(aid)}))
        paths = [article_path(aid), checks_path(aid)]
        # The claims' pages stay out of the nav (`not_in_nav` in mkdocs.yml): listed there, the
        # nav of every page of the case's checks grew by 500 bytes a claim. The article's index
        # of checks and each claim's previous and next link lead to them.
        for _, path, text in claim_pages(art, ar, corpus, lang, base_url, publisher):
            out.files[path] = text
            paths.append(path)
        if source:
            out.sources.update(dict.fromkeys(paths, source))
    for sid in sorted(index.statements.get(case, [])):
        st = corpus.statements[sid]
        path = statement_path(sid)
        out.files[path] = render_statement(st, index.reports.get(sid), corpus, index.cited, lang)
        title = nav_title(plain_isolate(f"{issuer_name(corpus, st.issuer, lang)}: {st.title.shown_in(lang)}", lang))
        out.statements.append(((st.date, sid), {title: path}))
        source = corpus.files.get(f"statement:{sid}")
        if source:
            out.sources[path] = source
    out.compare = compare_section(
        corpus,
        [index.reports[sid] for sid in index.statements.get(case, []) if sid in index.reports],
        index.articles.get(case, []),
        index.comparisons.get(case, []),
        lang,
        single=index.single,
    )
    return out


def _assemble(corpus: Corpus, report: Report, lang: str, parts: list[CasePages]) -> Pages:
    pages = Pages()
    for part in parts:
        pages.files.update(part.files)
        pages.sources.update(part.sources)

    def by_case(kind: str) -> list[object]:
        # One nav section per case: with `navigation.prune`, a page then carries its own case's
        # entries in the nav instead of every one of the archive (a statement page of a 100-case
        # archive went from 1,214 nav links and 460 KB to a tenth of that; a claim page of the six
        # shipped cases from 61 KB to under 60 KB).
        if len(parts) == 1:
            return [entry for _, entry in sorted(getattr(parts[0], kind), key=lambda e: e[0])]
        return [
            {
                nav_title(plain_isolate(f"{t('compare.case', lang)} {p.case}", lang)): [
                    entry for _, entry in sorted(getattr(p, kind), key=lambda e: e[0])
                ]
            }
            for p in parts
            if getattr(p, kind)
        ]

    articles_nav, checks_nav, statements_nav = by_case("articles"), by_case("checks"), by_case("statements")
    pages.files["compare.md"] = render_compare(corpus, report, lang, {p.case: p.compare for p in parts})
    pages.files["discrepancies.md"] = render_discrepancies(report, lang)
    pages.files["data.md"] = render_data(corpus, lang)
    pages.nav = [
        {t("nav.home", lang): "index.md"},
        {t("nav.articles", lang): articles_nav},
        {t("nav.checks", lang): checks_nav},
        {t("nav.statements", lang): statements_nav},
        {t("nav.compare", lang): "compare.md"},
        {t("nav.discrepancies", lang): "discrepancies.md"},
        {t("nav.methodology", lang): "methodology.md"},
        {t("nav.guide", lang): "guide.md"},
        {t("nav.data", lang): "data.md"},
        {t("nav.about", lang): "about.md"},
    ]
    return pages


__all__ = ["GENERATED", "CaseCache", "CasePages", "Pages", "render_languages", "render_pages"]
