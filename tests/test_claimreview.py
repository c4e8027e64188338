"""Every ClaimReview block the site publishes, validated against tests/schemas/claimreview.schema.json.

The schema is written from Google's ClaimReview structured-data requirements and schema.org's
types (its description says which); the blocks come from the shipped case and from the hostile
corpus, rendered with a site address and a configured publisher.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from muqabala.data.corpus import load_corpus
from muqabala.site.render import render_pages
from muqabala.site.render.claimreview import CLAIM_REVIEWED_LIMIT, RATING, claim_reviewed
from muqabala.vocabulary import VERDICTS
from render_fakes import fake_report, hostile_corpus, hostile_report

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "claimreview.schema.json").read_text(encoding="utf-8"))
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>')
BASE = "https://example.org/muqabala/"


def _blocks(files: dict[str, str]) -> list[dict]:
    return [json.loads(m[1]) for path, md in files.items() if path.startswith("checks/") for m in BLOCK.finditer(md)]


@pytest.fixture(scope="module")
def reviews(exchange, tmp_path_factory) -> dict[str, list[dict]]:
    corpus = load_corpus(exchange)
    report = fake_report(corpus)
    hostile = hostile_corpus(tmp_path_factory.mktemp("hostile"))
    hreport = hostile_report(hostile)
    out = {}
    for lang in ("en", "ar"):
        pages = render_pages(corpus, report, lang, base_url=BASE, publisher="Muqabala fact-check desk")
        more = render_pages(hostile, hreport, lang, base_url=BASE)
        out[lang] = _blocks(pages.files) + _blocks(more.files)
    return out


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_claim_review_is_valid_against_the_schema(reviews, lang):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert len(reviews[lang]) > 10
    for review in reviews[lang]:
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(review)]
        assert errors == [], (review.get("url"), errors)


def test_claim_reviews_carry_the_configured_publisher_and_absolute_urls(reviews):
    first = reviews["en"][0]
    assert first["publisher"] == {"@type": "Organization", "name": "Muqabala fact-check desk", "url": BASE + "en/"}
    assert first["author"] == first["publisher"]
    assert first["url"].startswith(BASE + "en/checks/")
    assert reviews["ar"][0]["url"].startswith(BASE + "ar/checks/")


def test_the_schema_rejects_what_google_would(reviews):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    good = reviews["en"][0]
    for broken in (
        {**good, "url": "/en/checks/x/#c"},  # relative
        {**good, "reviewRating": {"@type": "Rating", "alternateName": "False"}},  # no numbers
        {k: v for k, v in good.items() if k != "datePublished"},
        {**good, "claimReviewed": "x" * 76},
    ):
        assert not validator.is_valid(broken)


def test_every_verdict_has_a_rating_on_the_scale():
    assert set(RATING) == set(VERDICTS) - {"not_a_claim"}
    assert all(1 <= n <= 5 for n in RATING.values())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The EU accused China of the Exchange hack.", "The EU accused China of the Exchange hack."),
        (
            "The activity was undertaken from the territory of China, the EU said in a declaration on Monday night.",
            "The activity was undertaken from the territory of China",
        ),
        ("word " * 30, ("word " * 14).strip() + "…"),
    ],
)
def test_claim_reviewed_is_whole_when_it_fits_else_a_clause(text, expected):
    assert claim_reviewed(text) == expected
    assert len(claim_reviewed(text)) <= CLAIM_REVIEWED_LIMIT


def test_no_claim_that_fits_is_cut(reviews):
    for review in reviews["en"] + reviews["ar"]:
        if review["claimReviewed"].endswith("…"):
            assert len(review["claimReviewed"]) >= CLAIM_REVIEWED_LIMIT - 12


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_claim_page_carries_its_own_review_only(exchange, lang):
    corpus = load_corpus(exchange)
    report = fake_report(corpus)
    pages = render_pages(corpus, report, lang, base_url=BASE)
    for art in report.articles:
        for claim in art.claims:
            path = f"checks/{art.id}/{claim.id}.md"
            blocks = [json.loads(m[1]) for m in BLOCK.finditer(pages.files[path])]
            if claim.verdict == "not_a_claim":
                assert blocks == [], path
                continue
            (review,) = blocks
            assert review["url"] == f"{BASE}{lang}/checks/{art.id}/{claim.id}/", path
    assert not _blocks({p: md for p, md in pages.files.items() if p.endswith("/index.md")})
