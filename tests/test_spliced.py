"""Phrases with `{state}` compiled with the slot parsed once: the same patterns `re` compiles."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from muqabala.lexicon import spliced
from muqabala.lexicon.normalize import fold
from muqabala.lexicon.phrases import (
    _body,
    _compile,
    _matches_at,
    _permit,
    _slot_start_places,
    _slot_starts,
    find,
    load_lexicon,
    state_names,
)

ROOT = Path(__file__).resolve().parents[1]


def _slotted_phrases(node: object) -> set[str]:
    if isinstance(node, str):
        return {node} if "{state}" in node else set()
    if isinstance(node, dict):
        return {p for value in node.values() for p in _slotted_phrases(value)}
    if isinstance(node, list):
        return {p for value in node for p in _slotted_phrases(value)}
    return set()


def _maker(phrase: str):
    return lambda slot: r"(?<!\w)" + _body(phrase, slot) + r"(?!\w)"


def test_every_shipped_phrase_compiles_to_the_code_re_gives():
    lexicon = load_lexicon(ROOT / "lexicon")
    slot = state_names({s.code: s.ar + s.en for s in lexicon.attribution.states}).slot
    phrases: set[str] = set()
    for path in sorted((ROOT / "lexicon").glob("*.yaml")):
        phrases |= _slotted_phrases(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert len(phrases) > 100
    for phrase in sorted(phrases):
        make = _maker(phrase)
        spliced_code = spliced._spliced_code(make, slot)
        assert spliced_code is not None, phrase
        assert spliced_code[1] == spliced._compiler._code(spliced._parser.parse(make(slot)), 0), phrase
        ours, theirs = spliced.compile_slotted(make, slot), re.compile(make(slot))
        assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
            theirs.pattern,
            theirs.flags,
            theirs.groups,
            theirs.groupindex,
        )


def test_spliced_patterns_match_as_re_does():
    slot = state_names({"XO": ["Omega", "أوميغا"], "XA": ["Alpha", "ألفا"]}).slot
    subject = "اتهمت ألفا والاتحاد أوميغا بالهجوم، accused alpha omega of it\uffff\U000f0000\uffff\U000f0001"
    for phrase in ("اتهم* ... {state}", "accused ... {state}", "{state}", "{state} accused"):
        make = _maker(phrase)
        ours, theirs = spliced.compile_slotted(make, slot), re.compile(make(slot))
        assert [(m.span(), m.groupdict()) for m in ours.finditer(subject)] == [
            (m.span(), m.groupdict()) for m in theirs.finditer(subject)
        ]


def test_a_pattern_with_groups_of_its_own_is_compiled_by_re():
    slot = state_names({"XO": ["Omega"]}).slot

    def make(text: str) -> str:
        return rf"(accused)\W+(?:{text})"

    assert spliced._spliced_code(make, slot) is None
    pattern = spliced.compile_slotted(make, slot)
    assert pattern.match("accused omega\uffff\U000f0000").group(1) == "accused"


def test_find_with_a_slot_as_before():
    states = {"XO": ["Omega", "أوميغا"], "XA": ["Alpha", "ألفا"]}
    hits = find(["accused ... {state}"], "Alpha accused Omega", states, {"XA"})
    assert [(h.state, h.start, h.end) for h in hits] == [("XO", 6, 19)]


def test_a_phrase_opening_with_the_slot_is_matched_from_its_starts_as_finditer_matches_it():
    names = state_names({"XO": ["Omega", "South Omega", "أوميغا"], "XA": ["Alpha", "ألفا"]})
    texts = [
        "South Omega accused Alpha, and Omega's hackers; Alpha Omega accused alphabet",
        "وأوميغا اتهمت ألفا وبألفا، omegas alpha-omega accused",
        "nothing named here",
    ]
    phrases = ["{state}", "{state} accused", "{state} ... accused", "{state} hackers", "{state} اتهم*"]
    for allowed in ((0, 1), (1,), (0,)):
        for text in texts:
            subject = fold(text)[0] + "".join(_permit(i) for i in allowed)
            starts = [m.start() for m in _slot_starts(names.slot).finditer(subject)]
            for phrase in phrases:
                pattern = _compile(phrase, names.slot)
                ours = _matches_at(pattern, subject, starts)
                assert ours is not None
                assert [(m.span(), m.groupdict()) for m in ours] == [
                    (m.span(), m.groupdict()) for m in pattern.finditer(subject)
                ], (phrase, text, allowed)


def test_the_slots_start_places_are_found_from_the_names_heads_as_the_slot_finds_them():
    names = state_names(
        {
            "XO": ["Omega", "South Omega", "أوميغا", "الأوميغية", "omega-land"],
            "XA": ["Alpha*", "ألفا", "البلاد", "A"],
            "XR": ["{state} nowhere", "... Rho"],
        }
    )
    assert names.heads is not None
    texts = [
        "South Omega accused Alpha, and Omega's hackers; Alphas omega land omegaland a rho",
        "وأوميغا اتهمت ألفا وبألفا وللبلاد وبالبلاد والأوميغية، omegas alpha-omega accused",
        "nothing named here",
    ]
    for allowed in ((0, 1, 2), (1,), ()):
        for text in texts:
            subject = fold(text)[0] + "".join(_permit(i) for i in allowed)
            expected = [m.start() for m in _slot_starts(names.slot).finditer(subject)]
            assert _slot_start_places(names.slot, names.heads, subject) == expected, (text, allowed)
    assert _slot_start_places(names.slot, names.heads, fold(texts[1])[0] + _permit(0) + _permit(1))


def test_a_name_without_a_literal_head_makes_the_slot_scan_every_place():
    names = state_names({"XO": ["Omega", "-land"]})
    assert names.heads is None
    subject = "omega land" + _permit(0)
    assert _slot_start_places(names.slot, names.heads, subject) == [0, 6]
