"""schema.org ClaimReview JSON-LD for one checked claim, safe inside a `<script>` element.

Fields follow Google's ClaimReview structured data and schema.org (see the methodology page):
`claimReviewed` whole when it fits in 75 characters, else its first clause; `reviewRating` with a
number on a 1-5 scale and the textual verdict as `alternateName`; `itemReviewed` as the Claim with
its author, date and the article as its (first) appearance; the site as author and publisher.
tests/test_claimreview.py checks every block against a JSON Schema written from those rules.
"""

from __future__ import annotations

import json
import re
from typing import Any

from muqabala.data.corpus import Corpus
from muqabala.data.model import Article
from muqabala.report import ArticleReport, Claim
from muqabala.site.render.escape import safe_url, shorten
from muqabala.site.render.labels import t

CLAIM_REVIEWED_LIMIT = 75

BEST_RATING, WORST_RATING = 5, 1
RATING: dict[str, int] = {
    "supported": 5,
    "partly_supported": 4,
    "unsupported": 3,
    "misleading": 2,
    "misattributed": 2,
    "contradicted": 1,
}
"""Each verdict on the 1 (false) to 5 (true) scale that ClaimReview's `ratingValue` asks for.
An unsupported claim (no statement says it) sits in the middle: neither shown true nor false."""


def claim_url(lang: str, article_id: str, claim_id: str, base_url: str | None) -> str:
    """The claim's page on the site: absolute under `base_url`, else site-relative."""
    path = f"/{lang}/checks/{article_id}/{claim_id}/"
    return base_url.rstrip("/") + path if base_url else path


_CLAUSE_END = re.compile(r"[,،;؛:—]\s|\s[-–]\s")


def claim_reviewed(text: str, limit: int = CLAIM_REVIEWED_LIMIT) -> str:
    """The claim as `claimReviewed`: whole when it fits in `limit` characters; else its longest
    run of whole clauses that fits (no ellipsis: it reads as a sentence); else cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.start() for m in _CLAUSE_END.finditer(text) if limit // 3 <= m.start() <= limit]
    if ends:
        return text[: ends[-1]].rstrip()
    return shorten(text, limit)


def review_date(article: Article, report: ArticleReport, corpus: Corpus | None) -> str:
    """The day the review is dated: the article's `reviewed` when the editors give it; else the latest
    of the article's date, its editors' overrides and the statements its claims cite, the first day
    the review could rest on all of them."""
    if article.reviewed:
        return article.reviewed[:10]
    dates = [article.date[:10]] + [o.date[:10] for o in article.overrides]
    if corpus is not None:
        for claim in report.claims:
            for ev in claim.evidence:
                st = corpus.statements.get(ev.statement)
                if st is not None:
                    dates.append(st.date[:10])
    return max(dates)


def organisation(lang: str, base_url: str | None, name: str | None = None) -> dict[str, Any]:
    """The site as the review's author and publisher: `name` (the configured publisher) or the
    site's name, with the language's home page when the site's address is known."""
    org: dict[str, Any] = {"@type": "Organization", "name": name or t("common.site", lang)}
    if base_url and safe_url(base_url):
        org["url"] = base_url.rstrip("/") + f"/{lang}/"
    return org


def claim_review(
    claim: Claim,
    article: Article,
    report: ArticleReport,
    lang: str,
    base_url: str | None = None,
    corpus: Corpus | None = None,
    publisher: str | None = None,
) -> dict[str, Any]:
    """The ClaimReview object for `claim`, in the page language `lang`."""
    outlet = {"@type": "Organization", "name": article.outlet.get(lang)}
    item: dict[str, Any] = {"@type": "Claim", "author": outlet, "datePublished": article.date[:10]}
    url = safe_url(article.url)
    if url:
        appearance = {
            "@type": "CreativeWork",
            "url": url,
            "headline": article.headline.shown_in(lang) if article.language != lang else article.headline.text,
            "datePublished": article.date[:10],
            "author": outlet,
        }
        item["appearance"] = appearance
        item["firstAppearance"] = appearance
    org = organisation(lang, base_url, publisher)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": t(f"verdict.{claim.verdict}", lang)}
    if claim.verdict in RATING:
        rating.update(ratingValue=RATING[claim.verdict], bestRating=BEST_RATING, worstRating=WORST_RATING)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(lang, report.id, claim.id, base_url),
        "datePublished": review_date(article, report, corpus),
        "inLanguage": lang,
        "claimReviewed": claim_reviewed(claim.text.ar if lang == "ar" else claim.text.en),
        "reviewBody": claim.rationale.ar if lang == "ar" else claim.rationale.en,
        "author": org,
        "publisher": org,
        "reviewRating": rating,
        "itemReviewed": item,
    }


def script(data: dict[str, Any]) -> str:
    """`data` as a JSON-LD `<script>` element that no text inside it can close or break.

    `<`, `>` and `&` are written as JSON escapes, so `</script>` or `<!--` in a claim stays
    a string; U+2028/U+2029 are escaped for old JavaScript parsers.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, code)
    return f'<script type="application/ld+json">{text}</script>'
