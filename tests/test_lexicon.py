"""The lexicon files: they load, their phrase syntax matches as documented, errors are exact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from muqabala.data.errors import DataError
from muqabala.lexicon.phrases import LITERAL_SCAN, _plan, find, find_each, keep, keep_each, load_lexicon, state_names

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_lexicon_loads():
    lex = load_lexicon(ROOT / "lexicon")
    assert {t.term for t in lex.glossary.terms} >= {"compromise", "actors", "systemic", "call out"}
    assert {h.id for h in lex.hedges.hedges} >= {"likely", "possible", "assessed"}


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("الصين", "مرتبطة بالصين", "بالصين"),  # attached preposition
        ("الاتحاد الأوروبي", "والاتحاد الأوروبي", "والاتحاد الأوروبي"),  # attached و
        ("accuse*", "They accused nobody", "accused"),  # star
        ("state-backed", "state backed actors", "state backed"),  # hyphen
        ("أراضي", "أَرَاضِي", "أَرَاضِي"),  # tashkeel folded, offsets kept
    ],
)
def test_phrase_syntax(phrase, text, found):
    hits = find([phrase], text)
    assert [text[h.start : h.end] for h in hits] == [found]


def test_gap_and_state_slot():
    states = {"XO": ["Omega", "أوميغا"], "XA": ["ألفا"]}
    hits = find(["اتهم* ... {state}"], "اتهمت ألفا والاتحاد أوميغا بالهجوم", {"XO": states["XO"]})
    assert [(h.state, h.end) for h in hits] == [("XO", 26)]
    assert find(["accused"], "unaccused") == []


@pytest.mark.parametrize(
    ("text", "exclude"),
    [
        ("اتهمت ألفا والاتحاد أوميغا بالهجوم", {"XA"}),  # the gap runs on past an excluded state
        ("اتهمت ألفا والاتحاد أوميغا بالهجوم", {"XO"}),
        ("accused Alpha Omega of it", {"XA"}),
        ("accused Alpha Omega of it", {"XA", "XO"}),
        ("Alpha accused Omega", set()),
    ],
)
def test_excluded_states_match_as_if_absent(text, exclude):
    states = {"XO": ["Omega", "أوميغا"], "XA": ["Alpha", "ألفا"]}
    phrases = ["اتهم* ... {state}", "accused ... {state}", "{state}", "{state} accused"]
    allowed = {c: n for c, n in states.items() if c not in exclude}
    assert find(phrases, text, states, exclude) == find(phrases, text, allowed)
    assert find(phrases, text, state_names(states), exclude) == find(phrases, text, allowed)


def test_bad_phrase_is_reported_with_file_and_line(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(ROOT / "lexicon", folder)
    path = folder / "hedges.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("[highly likely,", '["{country} likely",'), encoding="utf-8"
    )
    (folder / "scope.yaml").unlink()
    with pytest.raises(DataError) as err:
        load_lexicon(folder)
    line = next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "{country}" in ln)
    assert err.value.report().splitlines() == [
        f"lexicon/hedges.yaml:{line}: hedges[0].en[0]: unknown placeholder {{country}} (known: {{state}}) "
        "(got '{country} likely')",
        "lexicon/scope.yaml:1: file is missing",
        "Error: 2 problems in 2 files",
    ]


@pytest.mark.parametrize(
    ("text", "exclude"),
    [("اتهمت ألفا والاتحاد أوميغا بالهجوم", set()), ("Alpha accused Omega of it", {"XA"}), ("", set())],
)
def test_find_each_gives_what_one_find_per_list_gives(text, exclude):
    states = {"XO": ["Omega", "أوميغا"], "XA": ["Alpha", "ألفا"]}
    lists = [
        ["اتهم* ... {state}", "accused ... {state}"],
        ["{state}", "accused"],
        [],
        ["accused", "accused"],  # a phrase twice: its hits twice, as `find` gives them
        ["{state} accused", "بالهجوم"],
    ]
    assert find_each(lists, text, states, exclude) == [find(p, text, states, exclude) for p in lists]


def test_a_long_list_is_scanned_for_its_literals_with_the_hits_of_one_find_per_phrase():
    # Literals starting with others (ome, omega, omegaland), overlapping in the text (aba, bab in
    # "ababa"), Arabic ones written with attached letters, a phrase of no literal ({state}).
    phrases = [
        "ome*",
        "omega",
        "omegaland",
        "aba",
        "bab",
        "الصين",
        "accused ... {state}",
        "{state}",
        *(f"name{i} x{i}" for i in range(LITERAL_SCAN)),
    ]
    assert _plan(tuple(phrases)).scan is not None
    states = {"XO": ["Omega", "أوميغا"]}
    for text in ["ababa omegaland, omega ome; name7 x7 name70 x1", "وبالصين اتهمت أوميغا", "accused omegas", ""]:
        one_by_one = sorted(
            (h for p in phrases for h in find([p], text, states)), key=lambda h: (h.start, -h.end, h.phrase)
        )
        assert find(phrases, text, states) == one_by_one, text
        assert find(keep(phrases), text, states) == one_by_one, text
        assert find_each(keep_each([phrases[:4], phrases]), text, states) == [
            find(phrases[:4], text, states),
            one_by_one,
        ]
