"""schema.org ClaimReview JSON-LD for one checked claim, safe inside a `<script>` element.

Fields follow what Google's Fact Check tools read (see the methodology page): `claimReviewed`
kept under 75 characters where the claim allows, `reviewRating.alternateName` as the textual
verdict, and `itemReviewed` as the Claim with its author, appearance and date.
"""

from __future__ import annotations

import json
from typing import Any

from muqabala.data.model import Article
from muqabala.report import ArticleReport, Claim
from muqabala.site.render.escape import safe_url, shorten
from muqabala.site.render.labels import t

CLAIM_REVIEWED_LIMIT = 75


def claim_url(lang: str, article_id: str, claim_id: str, base_url: str | None) -> str:
    """The claim's address on the site: absolute under `base_url`, else site-relative."""
    path = f"/{lang}/checks/{article_id}/#{claim_id}"
    return base_url.rstrip("/") + path if base_url else path


def claim_review(
    claim: Claim, article: Article, report: ArticleReport, lang: str, base_url: str | None = None
) -> dict[str, Any]:
    """The ClaimReview object for `claim`, in the page language `lang`."""
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": article.outlet.get(lang)},
        "datePublished": article.date,
    }
    url = safe_url(article.url)
    if url:
        item["appearance"] = {"@type": "CreativeWork", "url": url}
    author: dict[str, Any] = {"@type": "Organization", "name": t("common.site", lang)}
    if base_url and safe_url(base_url):
        author["url"] = base_url.rstrip("/") + f"/{lang}/"
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(lang, report.id, claim.id, base_url),
        "inLanguage": lang,
        "claimReviewed": shorten(claim.text.ar if lang == "ar" else claim.text.en, CLAIM_REVIEWED_LIMIT),
        "reviewBody": claim.rationale.ar if lang == "ar" else claim.rationale.en,
        "author": author,
        "reviewRating": {"@type": "Rating", "alternateName": t(f"verdict.{claim.verdict}", lang)},
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
