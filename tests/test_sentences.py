"""Sentence splitting for `muqabala import`, measured against sentences divided by hand.

`tests/splitting/*.txt` are the gold: the sentences of five real Arabic articles and six real
English statements as the editors divided them (copied from the data files and reviewed by
hand), and two files of constructed edge cases. Each paragraph is joined into plain text, split,
and compared with its gold sentences. The project's rules must beat pysbd, the maintained
library that was the alternative; `pytest -s tests/test_sentences.py` prints both scores.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pysbd
import pytest

from muqabala.data.sentences import quoted_spans, split_rules

GOLD = Path(__file__).parent / "splitting"


def gold(path: Path) -> list[list[str]]:
    """Paragraphs of the gold file, each a list of its sentences."""
    paragraphs: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def split_pysbd(paragraph: str, language: str) -> list[str]:
    segmenter = pysbd.Segmenter(language=language, clean=False)
    return [s.strip() for s in segmenter.segment(paragraph) if s.strip()]


def cuts(sentences: list[str]) -> set[int]:
    out, at = set(), 0
    for s in sentences[:-1]:
        at += len(s) + 1
        out.add(at)
    return out


def score(split: Callable[[str, str], list[str]], files: list[Path]) -> dict[str, float]:
    """Precision and recall of the sentence boundaries, and the share of gold sentences found exactly."""
    found = wrong = missed = exact = total = 0
    for path in files:
        language = "ar" if path.stem.endswith("-ar") else "en"
        for sentences in gold(path):
            predicted = split(" ".join(sentences), language)
            want, got = cuts(sentences), cuts(predicted)
            found += len(want & got)
            wrong += len(got - want)
            missed += len(want - got)
            exact += len(set(sentences) & set(predicted))
            total += len(sentences)
    return {
        "precision": found / ((found + wrong) or 1),
        "recall": found / ((found + missed) or 1),
        "exact": exact / total,
        "sentences": total,
    }


REAL = sorted(p for p in GOLD.glob("*.txt") if not p.stem.startswith("constructed"))
CONSTRUCTED = sorted(GOLD.glob("constructed-*.txt"))


@pytest.mark.parametrize("files", [REAL, CONSTRUCTED], ids=["real", "constructed"])
def test_rules_beat_pysbd_on_the_gold(files: list[Path]) -> None:
    rules, library = score(split_rules, files), score(split_pysbd, files)
    print(f"\n{len(files)} files, {rules['sentences']:.0f} sentences")
    for name, s in (("rules", rules), ("pysbd", library)):
        print(f"  {name}: boundary precision {s['precision']:.3f}, recall {s['recall']:.3f}, exact {s['exact']:.3f}")
    assert rules["exact"] > library["exact"]
    assert rules["precision"] >= 0.95 and rules["recall"] >= 0.95, rules


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Mr. Raab met the U.S. envoy. He left.", "en", ["Mr. Raab met the U.S. envoy.", "He left."]),
        ("It cost $3.5 million. Why?", "en", ["It cost $3.5 million.", "Why?"]),
        ('"Stop." He left.', "en", ['"Stop."', "He left."]),
        ("He said: «لن نسكت. أبدًا» ثم غادر.", "ar", ["He said: «لن نسكت. أبدًا» ثم غادر."]),
        ("قال، وأضاف؛ ثم سأل؟ نعم.", "ar", ["قال، وأضاف؛ ثم سأل؟", "نعم."]),
        ("وقال د. أحمد إن الهجوم خطير.", "ar", ["وقال د. أحمد إن الهجوم خطير."]),
        ('A stray " quote. Then more.', "en", ['A stray " quote.', "Then more."]),
    ],
)
def test_rules(text: str, lang: str, expected: list[str]) -> None:
    assert split_rules(text, lang) == expected


def test_an_unclosed_quotation_protects_nothing() -> None:
    assert quoted_spans('a “b” c "d') == [(2, 5)]
