"""Whatever an article's claim says, the aligner and the engine answer, and always the same way.

The corpus is built in memory with the data models (one issuer, one statement, one article),
so that each example costs an alignment and not a trip through YAML. Texts are arbitrary
Unicode without control characters (the loader rejects those): Arabic with its marks, Latin,
digits of every script, punctuation, symbols, spaces and format characters (ZWNJ, RLM).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import rank
from muqabala.collate.align import Aligner
from muqabala.collate.engine import collate
from muqabala.data.corpus import Corpus
from muqabala.data.model import Article, Issuer, Statement

REPO = Path(__file__).resolve().parents[1]
PROPERTIES = settings(max_examples=60, deadline=None)

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF, exclude_categories=("Cc", "Cs"))
ANY = st.characters(categories=("L", "M", "N", "P", "S", "Zs", "Cf"), exclude_characters="\ufeff")
TEXT = st.text(
    alphabet=st.one_of(ARABIC, ANY, st.sampled_from(" APT40-2021-07-19.،")), min_size=1, max_size=160
).filter(str.strip)
"""A claim's words: at least one character besides spaces (the schema rejects a blank text), mostly
Arabic and Latin, never a control character."""

STATEMENT_TEXT = "The activity was undertaken from the territory of Ruritania by APT40 on 19 July 2021."


def corpus_with(claim: str, translation: str, source: str = STATEMENT_TEXT) -> Corpus:
    """A one-issuer, one-statement, one-article corpus whose only claim says `claim`."""
    corpus = Corpus(root=REPO)
    corpus.issuers["gov"] = Issuer(
        schema_version=1,
        id="gov",
        name={"ar": "الحكومة", "en": "The Government"},
        kind="government",
        country="XR",
        aliases={"ar": ["الحكومة"]},
    )
    corpus.statements["st"] = Statement(
        schema_version=1,
        id="st",
        case="case-1",
        issuer="gov",
        role="primary",
        title={"text": "A title", "translations": {"ar": "عنوان"}},
        date="2021-07-19T11:35+02:00",
        url="https://example.org/a",
        archive_url="https://web.archive.org/web/2021/https://example.org/a",
        language="en",
        completeness="complete",
        translator="Test Translator",
        paragraphs=[
            {"sentences": [{"id": "p1-s1", "text": source, "translations": {"ar": "نُفّذ النشاط من أراضي روريتانيا."}}]}
        ],
    )
    corpus.articles["art"] = Article(
        schema_version=1,
        id="art",
        case="case-1",
        outlet={"ar": "صحيفة", "en": "A paper"},
        url="https://example.org/news",
        date="2021-07-20",
        language="ar",
        translator="Test Translator",
        headline={"id": "headline", "text": "عنوان الخبر", "translations": {"en": "The headline"}},
        paragraphs=[{"sentences": [{"id": "p1-s1", "text": claim, "translations": {"en": translation}}]}],
    )
    return corpus


@PROPERTIES
@given(claim=TEXT, translation=TEXT)
def test_rank_never_raises_and_is_deterministic(claim: str, translation: str) -> None:
    corpus = corpus_with(claim, translation)
    aligner = Aligner(corpus)
    first = rank(aligner, "art", "p1-s1")
    assert first == rank(aligner, "art", "p1-s1")
    assert first == rank(Aligner(corpus), "art", "p1-s1")
    assert all(c.statement == "st" for c in first)


@settings(max_examples=40, deadline=None)
@given(claim=TEXT, translation=TEXT, source=st.one_of(st.just(STATEMENT_TEXT), TEXT))
def test_collate_never_raises(claim: str, translation: str, source: str) -> None:
    report = collate(corpus_with(claim, translation, source), REPO)
    [article] = report.articles
    assert {c.id for c in article.claims} == {"headline", "p1-s1"}
    assert all(c.rationale.ar and c.rationale.en for c in article.claims)
