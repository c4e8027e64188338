"""Figures stated in a text: digits and number words, with their qualifiers and units.

"أكثر من ربع مليون خادم" and "over a quarter of a million servers" both parse to 250000,
`more_than`, `servers`. The words come from a project's `lexicon/numbers.yaml` (editor data,
declared by `NumberLexicon` below), whose path every caller passes; this module holds only the
grammar that combines them. Years, dates and identifiers (APT40, CVE-2021-26855, G20) are not
figures.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from muqabala.data.corpus import read_model
from muqabala.lexicon.normalize import ARABIC_PREFIXES, Word, normalize, words

Qualifier = Literal["exact", "more_than", "at_least", "less_than", "about", "nearly"]
"""How a figure is hedged: `at least 30,000` is `at_least`; `thousands` is `about`; `nearly 150
million` is `nearly` (just under it)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class LanguageNumbers(_Model):
    """The number vocabulary of one language. Multi-word entries are matched word by word."""

    cardinals: dict[str, float] = Field(default_factory=dict)
    """Words that are numbers in themselves and add up: `twenty: 20`, `ثلاثة: 3`, `أحد عشر: 11`."""
    scales: dict[str, float] = Field(default_factory=dict)
    """Words that multiply the number before them (or stand for one of themselves): `thousand: 1000`."""
    fractions: dict[str, float] = Field(default_factory=dict)
    """Parts of a following scale: `quarter: 0.25` (a quarter of a million = 250000)."""
    vague: dict[str, float] = Field(default_factory=dict)
    """Plurals that give only an order of magnitude: `thousands: 1000`; parsed as `about`, vague."""
    fillers: list[str] = Field(default_factory=list)
    """Words allowed inside a number phrase (`a`, `of`, `and`), skipped before a unit."""
    qualifiers_before: dict[str, Qualifier] = Field(default_factory=dict)
    """Phrases before a number that hedge it: `more than: more_than`, `نحو: about`."""
    qualifiers_after: dict[str, Qualifier] = Field(default_factory=dict)
    """Phrases after a number that hedge it: `على الأقل: at_least`."""
    percent_words: list[str] = Field(default_factory=list)
    """Phrases after a number that make it a percentage: `per cent`, `في المئة`."""
    months: list[str] = Field(default_factory=list)
    """Month names: a day number next to one is a date, not a figure."""
    names: list[str] = Field(default_factory=list)
    """Names that hold a number but count nothing (`Group of Twenty`, `مجموعة العشرين`), or whose
    number follows them (`إيه بي تي` 10: APT 10 spelt in Arabic): a figure inside one, or right after
    one, is no figure (phrase syntax of phrases.py)."""


class NumberLexicon(_Model):
    """`lexicon/numbers.yaml`: the words figures are made of, by language, and the units they count."""

    schema_version: Literal[1]
    """Version of this file's shape; 1 today."""
    languages: dict[str, LanguageNumbers]
    """Vocabulary by language code; a text in a language not listed is read with all of them."""
    units: dict[str, list[str]] = Field(default_factory=dict)
    """Canonical unit → the words for it in any language: `servers: [server, servers, خادم, خوادم]`."""


@dataclass(frozen=True)
class ParsedFigure:
    """A number found in a text."""

    value: float
    """The number: `a quarter of a million` → 250000; `92%` → 92."""
    qualifier: Qualifier
    """How it is hedged; vague plurals are `about`."""
    unit: str | None
    """What is counted: a canonical unit from the lexicon (`servers`), `%`, the next word, or None."""
    start: int
    """Offset of the first character (qualifier included) in the original text."""
    end: int
    """Offset after the last character (percent sign or words included, unit excluded)."""
    text: str
    """The original characters from `start` to `end`."""
    vague: bool = False
    """True for an order of magnitude only (`thousands`, `عشرات الآلاف`)."""


Phrase = tuple[str, ...]


@dataclass
class _Tables:
    """One language's (or every language's) vocabulary, folded, keyed by word tuples."""

    kinds: dict[Phrase, dict[str, float]]
    qualifiers_before: dict[Phrase, Qualifier]
    qualifiers_after: dict[Phrase, Qualifier]
    percent: set[Phrase]
    fillers: set[str]
    months: set[str]
    units: dict[Phrase, str]
    longest: int
    starts: frozenset[str] = field(default_factory=frozenset)
    """The first words of the number phrases (`kinds`): a word that is none of them, with or without
    a particle (`_variants`), starts no number phrase, and `_lookup` tries no length at it."""


def _key(phrase: str) -> Phrase:
    return tuple(normalize(phrase, "").split())


def _tables(langs: list[LanguageNumbers], units: dict[str, list[str]]) -> _Tables:
    kinds: dict[Phrase, dict[str, float]] = {}
    t = _Tables(kinds, {}, {}, set(), set(), set(), {}, 1)
    for lang in langs:
        for kind in ("cardinals", "scales", "fractions", "vague"):
            for phrase, value in getattr(lang, kind).items():
                kinds.setdefault(_key(phrase), {})[kind] = value
        t.qualifiers_before.update({_key(p): q for p, q in lang.qualifiers_before.items()})
        t.qualifiers_after.update({_key(p): q for p, q in lang.qualifiers_after.items()})
        t.percent |= {_key(p) for p in lang.percent_words}
        t.fillers |= {normalize(w, "") for w in lang.fillers}
        t.months |= {normalize(w, "") for w in lang.months}
    for canonical, names in units.items():
        for name in names:
            t.units[tuple(w.stem for w in words(name))] = canonical
    keys = [*kinds, *t.qualifiers_before, *t.qualifiers_after, *t.percent, *t.units]
    t.longest = max((len(k) for k in keys), default=1)
    t.starts = frozenset(k[0] for k in kinds if k)
    return t


def load_lexicon(path: Path, display: str | None = None) -> NumberLexicon:
    """Read and validate a number lexicon; raise `DataError` with file and line on any problem.

    Problems name the file as `display` (default: its name).
    """
    return read_model(path, NumberLexicon, display or path.name)


def tables(lexicon: NumberLexicon, lang: str) -> _Tables:
    """The lexicon compiled for reading `lang` (every language's words when it has none for `lang`)."""
    langs = [lexicon.languages[lang]] if lang in lexicon.languages else list(lexicon.languages.values())
    return _tables(langs, lexicon.units)


@lru_cache(maxsize=1 << 16)
def _variants(word: str) -> tuple[str, ...]:
    """The word, then the word without one attached Arabic particle (a pure function of the word,
    asked for every phrase length tried at every word: computed once per word)."""
    out = [word]
    out += [word[len(p) :] for p in ARABIC_PREFIXES if word.startswith(p) and len(word) - len(p) >= 2]
    return tuple(out)


def _match(ws: list[Word], i: int, table: Collection[Phrase], longest: int) -> int:
    """Length of the longest phrase of `table` starting at word i (0 if none)."""
    variants = _variants(ws[i].folded) if i < len(ws) else ()
    for n in range(min(longest, len(ws) - i), 0, -1):
        rest = tuple(w.folded for w in ws[i + 1 : i + n])
        if any((first, *rest) in table for first in variants):
            return n
    return 0


def _lookup(ws: list[Word], i: int, t: _Tables) -> tuple[int, dict[str, float]]:
    variants = _variants(ws[i].folded)
    if t.starts.isdisjoint(variants):
        return 0, {}
    for n in range(min(t.longest, len(ws) - i), 0, -1):
        rest = tuple(w.folded for w in ws[i + 1 : i + n])
        for first in variants:
            if (first, *rest) in t.kinds:
                return n, t.kinds[(first, *rest)]
    return 0, {}


def _is_identifier(text: str, w: Word, prev: Word | None, t: _Tables) -> bool:
    """Digits glued to letters or dashes (APT40, CVE-2021-26855, 0-day), times and dates written
    with slashes, or digits after a code or a name (APT 40, Threat 31, Office 365)."""
    before = text[w.start - 1] if w.start > 0 else " "
    after = text[w.end] if w.end < len(text) else " "
    if before.isalpha() or before in "-/:_#" or after.isalpha() or after in "-/:_":
        return True
    if prev is None or text[prev.end : w.start] != " ":
        return False
    name = text[prev.start : prev.end]
    return (
        name.isascii()
        and name[:1].isupper()
        and not prev.is_stop
        and prev.folded not in t.months
        and (prev.folded,) not in t.qualifiers_before
    )


def _digits(folded: str) -> float | None:
    """The value of a run of digits, or None when it is no number (a version, 1.2.3)."""
    parts = folded.split(".")
    # 30.000 is thirty thousand written the European way; 2.5 and 0.250 are decimals.
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and not folded.startswith("0"):
        return float(folded.replace(".", "").replace(",", ""))
    if len(parts) > 2:
        return None
    return float(folded.replace(",", ""))


def _joined(text: str, ws: list[Word], j: int) -> bool:
    """Whether word j follows word j-1 with only a space or a hyphen between (twenty-five)."""
    return j > 0 and text[ws[j - 1].end : ws[j].start].strip() in ("", "-")


@dataclass
class _Number:
    value: float
    end: int
    vague: bool
    from_digits: bool


def _number_at(ws: list[Word], i: int, t: _Tables, text: str) -> _Number | None:
    total = 0.0
    current: float | None = None
    fraction: float | None = None
    vague = False
    seen = False
    from_digits = False
    j = i
    while j < len(ws):
        w = ws[j]
        if j > i and not _joined(text, ws, j):
            break
        if w.folded[0].isdecimal():
            value = _digits(w.folded)
            if seen or value is None or _is_identifier(text, w, ws[j - 1] if j > 0 else None, t):
                break
            current, seen, from_digits = value, True, True
            j += 1
            continue
        n, kinds = _lookup(ws, j, t)
        if not n:
            # "a quarter of a million": fillers join number words, never start or end a figure.
            k = j
            while k < len(ws) and ws[k].folded in t.fillers and _joined(text, ws, k):
                k += 1
            if seen and k > j and k < len(ws) and _joined(text, ws, k) and _lookup(ws, k, t)[0]:
                j = k
                continue
            break
        if "scales" in kinds and (current is not None or fraction is not None or "vague" not in kinds):
            scale = kinds["scales"]
            base = (current if current is not None else 1.0) * (fraction if fraction is not None else 1.0)
            fraction = None
            if scale < 1000 and not vague:
                current = base * scale
            else:
                total += base * scale
                current = None
        elif "vague" in kinds and (vague or not seen):
            # "tens of thousands", "عشرات الآلاف": magnitudes multiply.
            current = (current if vague and current is not None else 1.0) * kinds["vague"]
            vague = True
        elif "fractions" in kinds:
            fraction = kinds["fractions"] * (current if current is not None else 1.0)
            current = None
        elif "cardinals" in kinds and not vague:
            current = (current or 0.0) + kinds["cardinals"]
        else:
            break
        seen = True
        j += n
    while j > i and ws[j - 1].folded in t.fillers:
        j -= 1
    if not seen or (total == 0 and current is None):
        return None
    return _Number(total + (current or 0.0), j, vague, from_digits)


FIGURES_CACHE = 1 << 18
"""Texts whose figures a `Lexicon` keeps: the aligner, the statement report and the number rule
each parse the same sentences, far apart in a run, so the cache holds a whole archive (few texts
state a figure, so an entry is small)."""


def parse_figures(text: str, lang: str, t: _Tables | NumberLexicon) -> list[ParsedFigure]:
    """Every figure stated in `text`, in reading order, read with a number lexicon (or its
    `tables` for `lang`, compiled once by the caller); never raises on odd input.
    """
    if isinstance(t, NumberLexicon):
        t = tables(t, lang)
    ws = words(text)
    out: list[ParsedFigure] = []
    i = 0
    while i < len(ws):
        num = _number_at(ws, i, t, text)
        if num is None:
            i += 1
            continue
        figure, i = _figure(text, ws, i, num, t)
        if figure is not None:
            out.append(figure)
    return out


def _figure(text: str, ws: list[Word], i: int, num: _Number, t: _Tables) -> tuple[ParsedFigure | None, int]:
    """The figure whose number spans words i..num.end, with what hedges it; and where to go on."""
    j = num.end
    start, end = ws[i].start, ws[j - 1].end
    unit: str | None = None
    rest = text[end:].lstrip(" ")
    if rest[:1] == "%":
        unit, end = "%", len(text) - len(rest) + 1
    elif n := _match(ws, j, t.percent, t.longest):
        unit, end, j = "%", ws[j + n - 1].end, j + n
    qualifier: Qualifier = "about" if num.vague else "exact"
    if n := _match(ws, j, t.qualifiers_after, t.longest):
        qualifier = t.qualifiers_after[_phrase_at(ws, j, n, t.qualifiers_after)]
        end, j = ws[j + n - 1].end, j + n
    elif j + 1 < len(ws) and (n := _match(ws, j + 1, t.qualifiers_after, t.longest)):
        # "30 ألف منظمة على الأقل": the hedge may follow the counted noun.
        qualifier = t.qualifiers_after[_phrase_at(ws, j + 1, n, t.qualifiers_after)]
    lead = i
    while lead > 0 and ws[lead - 1].folded in t.fillers and lead > i - 2:
        lead -= 1  # "over a quarter": the qualifier may stand before an article
    for first in dict.fromkeys((i, lead)):
        found = next(
            (n for n in range(min(t.longest, first), 0, -1) if _match(ws, first - n, t.qualifiers_before, n) == n), 0
        )
        if found:
            qualifier = t.qualifiers_before[_phrase_at(ws, first - found, found, t.qualifiers_before)]
            start = ws[first - found].start
            break
    adjacent = False
    if unit is None:
        unit, adjacent = _unit(text, ws, j, t)
    single = num.end == i + 1 and num.from_digits
    if single and qualifier == "exact" and unit != "%":
        year = ws[i].folded.isdecimal() and len(ws[i].folded) == 4 and 1800 <= num.value <= 2100
        if _is_date(ws, i, t) or (year and not adjacent):
            return None, j
    return ParsedFigure(num.value, qualifier, unit, start, end, text[start:end], num.vague), j


def _phrase_at(ws: list[Word], i: int, n: int, table: dict[Phrase, Qualifier]) -> Phrase:
    rest = tuple(w.folded for w in ws[i + 1 : i + n])
    return next(k for k in ((f, *rest) for f in _variants(ws[i].folded)) if k in table)


def _is_date(ws: list[Word], i: int, t: _Tables) -> bool:
    near = [ws[k].folded for k in (i - 1, i + 1) if 0 <= k < len(ws)]
    return ws[i].folded.isdecimal() and any(v in t.months for w in near for v in _variants(w))


def _unit(text: str, ws: list[Word], j: int, t: _Tables) -> tuple[str | None, bool]:
    """What the figure counts, and whether it is a lexicon unit directly after it (`2000 servers`).

    A lexicon unit may stand a word or two away (`70 affected organisations`); failing that,
    the next word is taken as written, when nothing but a space or a filler separates them.
    """
    k = j
    while k < len(ws) and ws[k].folded in t.fillers and _joined(text, ws, k):
        k += 1
    m = k
    while m < min(k + 3, len(ws)) and _joined(text, ws, m) and not ws[m].folded[0].isdecimal():
        for n in range(min(t.longest, len(ws) - m), 0, -1):
            key = tuple(w.stem for w in ws[m : m + n])
            if key in t.units:
                return t.units[key], m == k
        m += 1
    if k < len(ws) and _joined(text, ws, k) and not ws[k].is_stop and not ws[k].folded[0].isdecimal():
        return ws[k].folded, False
    return None, False
