"""The feeds of published checks, read back with feedparser (Atom) and as JSON Feed 1.1."""

from __future__ import annotations

import json

import feedparser
import pytest

from muqabala.data.corpus import load_corpus
from muqabala.site.feeds import ATOM, JSON_FEED, feeds
from render_fakes import fake_report

BASE = "https://example.org/muqabala/"


@pytest.fixture(scope="module")
def data(exchange):
    corpus = load_corpus(exchange)
    return corpus, fake_report(corpus)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_atom_feed_parses_with_an_entry_per_article_and_decision(data, lang):
    corpus, report = data
    out = feeds(corpus, report, lang, BASE)
    parsed = feedparser.parse(out[ATOM])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language == lang
    decisions = sum(len(a.overrides) for a in corpus.articles.values())
    assert len(parsed.entries) == len(report.articles) + decisions
    first = parsed.entries[0]
    assert first.link.startswith(f"{BASE}{lang}/checks/")
    # An article's review links to its index of checks; an editorial decision to its claim's page.
    links = {e.link for e in parsed.entries}
    for art in corpus.articles.values():
        assert f"{BASE}{lang}/checks/{art.id}/" in links
        assert {f"{BASE}{lang}/checks/{art.id}/{ov.claim}/" for ov in art.overrides} <= links
    # Dated from the data, newest first: never the day of the build.
    days = [e.updated[:10] for e in parsed.entries]
    assert days == sorted(days, reverse=True) and days[0] < "2026"
    assert parsed.feed.updated[:10] == days[0]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_json_feed_matches_the_atom_feed(data, lang):
    corpus, report = data
    out = feeds(corpus, report, lang, BASE)
    feed = json.loads(out[JSON_FEED])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == f"{BASE}{lang}/{JSON_FEED}"
    atom_ids = [e.id for e in feedparser.parse(out[ATOM]).entries]
    assert [item["id"] for item in feed["items"]] == atom_ids
    assert all(item["title"] and item["date_published"].endswith("T00:00:00Z") for item in feed["items"])


def test_without_a_site_address_links_are_relative_to_the_feed(data):
    corpus, report = data
    out = feeds(corpus, report, "en", None)
    parsed = feedparser.parse(
        out[ATOM],
        response_headers={"content-location": "https://h/x/en/checks/feed.xml", "content-type": "application/atom+xml"},
    )
    assert not parsed.bozo
    assert parsed.entries[0].link.startswith("https://h/x/en/checks/")
    assert "feed_url" not in json.loads(out[JSON_FEED])


def test_feeds_are_the_same_bytes_from_the_same_data(data):
    corpus, report = data
    assert feeds(corpus, report, "ar", BASE) == feeds(corpus, report, "ar", BASE)
