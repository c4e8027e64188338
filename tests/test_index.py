"""BM25 over an inverted index."""

from __future__ import annotations

import pytest

from muqabala.collate.index import BM25Index


def make(**docs: str) -> BM25Index:
    index = BM25Index()
    for doc_id, text in docs.items():
        index.add(doc_id, text.split())
    return index


def test_rarer_terms_count_more_and_shorter_documents_win_ties_of_terms():
    index = make(a="attack server", b="attack espionage", c="attack")
    assert [d for d, _, _ in index.search(["attack", "espionage"])] == ["b", "c", "a"]


def test_documents_sharing_no_term_are_not_returned():
    index = make(a="attack", b="territory")
    assert [d for d, _, _ in index.search(["territory"])] == ["b"]


def test_matched_terms_are_listed_by_contribution():
    index = make(a="attack espionage", b="attack", c="attack")
    assert index.search(["attack", "espionage"])[0][2] == ["espionage", "attack"]


def test_ties_are_broken_by_document_id():
    index = make(b="same words", a="same words")
    assert [d for d, _, _ in index.search(["same"])] == ["a", "b"]


def test_k_limits_and_none_returns_all():
    index = make(a="x", b="x", c="x")
    assert len(index.search(["x"], k=2)) == 2
    assert len(index.search(["x"], k=None)) == 3


def test_adding_an_id_twice_is_refused():
    index = make(a="x")
    with pytest.raises(ValueError, match="document 'a' is already in the index"):
        index.add("a", ["y"])


def test_ideal_is_the_sum_of_query_idf_and_bounds_a_single_match():
    index = make(a="attack", b="other words here")
    score = index.search(["attack"])[0][1]
    assert index.ideal(["attack"]) == pytest.approx(index.idf("attack"))
    assert 0 < score <= index.ideal(["attack"]) * 1.5


def test_empty_index_returns_nothing():
    assert BM25Index().search(["x"]) == []
