"""The published checks as feeds, one pair per language: Atom (`feed.xml`) and JSON Feed
(`feed.json`), written into the docs folder with the pages so that MkDocs copies them as they are.
At the language's root, because Material looks for `sitemap.xml` beside every `rel=alternate`.

An entry per article reviewed, dated as its ClaimReview blocks are, one per editorial decision,
dated by the editor, and one per correction, dated as the corrections log on the article page;
the feed's own date is its newest entry's, never the build's, so the same data gives the same bytes.
Atom is written by feedgen, a maintained library, rather than by hand; JSON Feed is plain JSON.
Addresses are absolute with a site address, else relative to the feed (readers resolve them
against the feed's own address).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from muqabala.data.corpus import Corpus
from muqabala.report import Report
from muqabala.site.render.article import verdict_counts
from muqabala.site.render.claimreview import review_date
from muqabala.site.render.fragments import verdict_summary
from muqabala.site.render.labels import t

ATOM, JSON_FEED = "feed.xml", "feed.json"
"""Where each language's feeds live, relative to its root."""


@dataclass(frozen=True)
class Entry:
    """One item of a feed."""

    id: str
    title: str
    summary: str
    link: str
    date: str
    """YYYY-MM-DD."""


def entries(corpus: Corpus, report: Report, lang: str, base_url: str | None) -> list[Entry]:
    """The feed's items, newest first (ties by id, so the order never depends on dict order)."""
    out = []
    for ar in report.articles:
        art = corpus.articles.get(ar.id)
        if art is None or art.status != "published":
            continue
        headline = art.headline.text if art.language == lang else art.headline.shown_in(lang)
        page = f"checks/{ar.id}/"
        link = f"{base_url}{lang}/{page}" if base_url else page
        out.append(
            Entry(
                id=link if base_url else f"tag:muqabala,2021:{lang}/checks/{ar.id}",
                title=f"{t('title.checks', lang)}: {headline}",
                summary=verdict_summary(verdict_counts(ar), lang),
                link=link,
                date=review_date(art, ar, corpus),
            )
        )
        for ov in art.overrides:
            anchor = f"{link}{ov.claim}/"
            out.append(
                Entry(
                    id=f"{anchor}@{ov.date[:10]}"
                    if base_url
                    else f"tag:muqabala,2021:{lang}/checks/{ar.id}/{ov.claim}",
                    title=f"{t('check.editorial', lang)}: {headline}",
                    summary=ov.note.ar if lang == "ar" else ov.note.en,
                    link=anchor,
                    date=ov.date[:10],
                )
            )
        log = f"articles/{ar.id}/#mq-corrections"
        log_link = f"{base_url}{lang}/{log}" if base_url else log
        for n, c in enumerate(art.corrections, start=1):
            out.append(
                Entry(
                    id=f"{log_link}-{n}@{c.date[:10]}" if base_url else f"tag:muqabala,2021:{lang}/{log}-{n}",
                    title=f"{t('publisher.correction', lang)}: {headline}",
                    summary=c.note.get(lang),
                    link=log_link,
                    date=c.date[:10],
                )
            )
    return sorted(out, key=lambda e: (e.date, e.id), reverse=True)


def _when(day: str) -> datetime:
    return datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC)


def atom(items: list[Entry], lang: str, base_url: str | None) -> str:
    """The Atom feed of `items`."""
    fg = FeedGenerator()
    home = f"{base_url}{lang}/" if base_url else "./"
    fg.id(f"{base_url}{lang}/{ATOM}" if base_url else f"tag:muqabala,2021:{lang}/checks")
    fg.title(f"{t('common.site', lang)}: {t('nav.checks', lang)}")
    fg.subtitle(t("common.site", lang))
    fg.language(lang)
    fg.link(href=home, rel="alternate")
    if base_url:
        fg.link(href=f"{base_url}{lang}/{ATOM}", rel="self")
    fg.generator("muqabala")
    fg.updated(_when(items[0].date) if items else _when("2000-01-01"))
    for item in items:
        fe = fg.add_entry(order="append")
        fe.id(item.id)
        fe.title(item.title)
        fe.summary(item.summary)
        fe.link(href=item.link, rel="alternate")
        fe.published(_when(item.date))
        fe.updated(_when(item.date))
    return fg.atom_str(pretty=True).decode("utf-8")


def json_feed(items: list[Entry], lang: str, base_url: str | None) -> str:
    """The JSON Feed 1.1 of `items`."""
    feed: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{t('common.site', lang)}: {t('nav.checks', lang)}",
        "language": lang,
        "home_page_url": f"{base_url}{lang}/" if base_url else "./",
        "items": [
            {
                "id": item.id,
                "url": item.link,
                "title": item.title,
                "summary": item.summary,
                "content_text": item.summary,
                "date_published": f"{item.date}T00:00:00Z",
                "language": lang,
            }
            for item in items
        ],
    }
    if base_url:
        feed["feed_url"] = f"{base_url}{lang}/{JSON_FEED}"
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def feeds(corpus: Corpus, report: Report, lang: str, base_url: str | None) -> dict[str, str]:
    """Both feeds of `lang`, by their path under the language's root."""
    items = entries(corpus, report, lang, base_url)
    return {ATOM: atom(items, lang, base_url), JSON_FEED: json_feed(items, lang, base_url)}
