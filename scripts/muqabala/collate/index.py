"""An inverted index with Okapi BM25 ranking, small enough to read in one sitting.

A query only visits the postings of its own terms, so its cost grows with the number of
documents that share a term with it, never with the square of the corpus.
"""

from __future__ import annotations

import math
from collections import Counter


class BM25Index:
    """Documents (an id and its terms) ranked against a query by BM25.

    `k1` dampens repeated terms; `b` scales the length normalisation. The defaults are the
    usual ones for short passages; a sentence rarely repeats a term, so they matter little.
    """

    def __init__(self, k1: float = 1.2, b: float = 0.75):
        self.k1 = k1
        self.b = b
        self._postings: dict[str, dict[str, int]] = {}
        self._length: dict[str, int] = {}
        self._total = 0

    def __len__(self) -> int:
        return len(self._length)

    def add(self, doc_id: str, terms: list[str], labels: list[str] | tuple[str, ...] = ()) -> None:
        """Index a document; adding an id twice is a mistake and raises `ValueError`.

        `labels` are searchable like terms but left out of the document's length: marks a text
        carries (a synonym concept it holds), not words that make it longer.
        """
        if doc_id in self._length:
            raise ValueError(f"document {doc_id!r} is already in the index")
        self._length[doc_id] = len(terms)
        self._total += len(terms)
        for term, tf in Counter([*terms, *labels]).items():
            self._postings.setdefault(term, {})[doc_id] = tf

    def idf(self, term: str) -> float:
        """Inverse document frequency, never negative (Lucene's form); highest for unseen terms."""
        n = len(self._length)
        df = len(self._postings.get(term, ()))
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def ideal(self, query: list[str]) -> float:
        """What a document holding each query term once, at average length, would score.

        Dividing a score by this gives the share of the query's weight that a document matches,
        comparable across queries of different lengths.
        """
        return sum(self.idf(t) for t in dict.fromkeys(query))

    def search(self, query: list[str], k: int | None = 10) -> list[tuple[str, float, list[str]]]:
        """The `k` best documents (all, if None) as (id, score, matched terms), best first.

        Matched terms are listed by their contribution, highest first. Ties are broken by
        document id so that results never depend on insertion order.
        """
        if not self._length:
            return []
        avg = self._total / len(self._length) or 1.0
        scores: dict[str, float] = {}
        matched: dict[str, list[tuple[float, str]]] = {}
        for term in dict.fromkeys(query):
            postings = self._postings.get(term)
            if not postings:
                continue
            idf = self.idf(term)
            for doc, tf in postings.items():
                norm = tf + self.k1 * (1 - self.b + self.b * self._length[doc] / avg)
                gain = idf * tf * (self.k1 + 1) / norm
                scores[doc] = scores.get(doc, 0.0) + gain
                matched.setdefault(doc, []).append((gain, term))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if k is not None:
            ranked = ranked[:k]
        return [
            (doc, score, [t for _, t in sorted(matched[doc], key=lambda g: (-g[0], g[1]))]) for doc, score in ranked
        ]
