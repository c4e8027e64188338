"""Rendering the data and the engine's report as the Markdown pages of one site language.

MkDocs-free: `render_pages` returns text, a nav and the data file behind each page; the
plugin writes the files. Data text only ever lands in raw HTML blocks, escaped (`escape.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..corpus import Corpus
from ..report import Report
from .article import article_path, render_article
from .bidi import plain_isolate
from .checks import checks_path, render_checks
from .compare import render_compare
from .discrepancies import render_discrepancies
from .escape import nav_title
from .fragments import issuer_name
from .labels import t
from .opendata import render_data
from .statements import citations, render_statement, statement_path

GENERATED = ("statements", "articles", "checks", "compare.md", "discrepancies.md", "data.md",
             ".muqabala-generated.json")
"""What the build owns in each docs dir: folders and files it may overwrite or delete (the last
is `site.STAMP`, which records what the pages were generated from)."""


@dataclass
class Pages:
    """One language's generated pages."""

    files: dict[str, str] = field(default_factory=dict)
    """Docs-relative path → Markdown."""
    nav: list[object] = field(default_factory=list)
    """The MkDocs nav of the language, hand-written pages included, titles in that language."""
    sources: dict[str, str] = field(default_factory=dict)
    """Docs-relative path → the data file (root-relative) it was generated from."""


def render_pages(corpus: Corpus, report: Report, lang: str, base_url: str | None = None) -> Pages:
    """Every generated page of `lang` ("ar" or "en"); the same paths in both languages.

    `base_url` is the address of the site root (the folder holding `en/` and `ar/`); with it
    the ClaimReview `url`s are absolute, without it site-relative.
    """
    if lang not in ("ar", "en"):
        raise ValueError(f"lang must be 'ar' or 'en' (got {lang!r})")
    pages = Pages()
    articles_nav: list[object] = []
    checks_nav: list[object] = []
    statements_nav: list[object] = []
    reports = {a.id: a for a in report.articles}
    for aid, art in sorted(corpus.articles.items()):
        ar = reports.get(aid)
        if ar is None:
            continue
        source = corpus.files.get(f"article:{aid}")
        headline = art.headline.shown_in(lang)
        if lang == art.language:
            headline = art.headline.text
        for path, text, nav in (
            (article_path(aid), render_article(art, ar, lang), articles_nav),
            (checks_path(aid), render_checks(art, ar, corpus, lang, base_url), checks_nav),
        ):
            pages.files[path] = text
            nav.append({nav_title(plain_isolate(headline, lang)): path})
            if source:
                pages.sources[path] = source
    statement_reports = {s.id: s for s in report.statements}
    cited = citations(report)
    for sid, st in sorted(corpus.statements.items(), key=lambda kv: (kv[1].date, kv[0])):
        path = statement_path(sid)
        pages.files[path] = render_statement(st, statement_reports.get(sid), corpus, cited, lang)
        title = st.title.shown_in(lang)
        statements_nav.append(
            {nav_title(plain_isolate(f"{issuer_name(corpus, st.issuer, lang)}: {title}", lang)): path})
        source = corpus.files.get(f"statement:{sid}")
        if source:
            pages.sources[path] = source
    pages.files["compare.md"] = render_compare(corpus, report, lang)
    pages.files["discrepancies.md"] = render_discrepancies(corpus, report, lang)
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
    ]
    return pages


__all__ = ["GENERATED", "Pages", "render_pages"]
