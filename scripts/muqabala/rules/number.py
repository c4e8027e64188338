"""Rule `number`: a figure that differs from the source, or that no primary statement gives.

Figures are parsed by numbers.py (`a quarter of a million` → 250000, `أكثر من` → more_than).
A claim's figure is looked for in its three closest primary sentences: the same value with
another qualifier ("more than" against "at least") is minor; another value for the same unit
in the closest sentence is major (the source gives a different figure); a value no primary
sentence of the case gives
at all is major (absent). A value found elsewhere in the case is left alone.
"""

from __future__ import annotations

from functools import lru_cache

from ..numbers import ParsedFigure, load_lexicon, parse_figures
from ..report import Discrepancy
from . import Case, ClaimView, Source, flag

NEAR = 3
"""How many of the closest primary sentences a figure is compared with."""

_QUALIFIERS = {
    "exact": ("exactly", "بالضبط"),
    "more_than": ("more than", "أكثر من"),
    "at_least": ("at least", "على الأقل"),
    "less_than": ("less than", "أقل من"),
    "about": ("about", "نحو"),
}


@lru_cache(maxsize=4096)
def figures(text: str, lang: str) -> tuple[ParsedFigure, ...]:
    return tuple(f for f in parse_figures(text, lang) if not f.vague)


@lru_cache(maxsize=1)
def _canonical() -> frozenset[str]:
    return frozenset(load_lexicon().units)


def _compatible(a: ParsedFigure, b: ParsedFigure) -> bool:
    # A unit the numbers lexicon does not know is only the next word (`محطة`, `electricity`),
    # which cannot be compared across languages: it counts as unknown.
    canon = _canonical()
    return a.unit == b.unit or a.unit not in canon or b.unit not in canon


def _same(a: ParsedFigure, b: ParsedFigure) -> bool:
    close = abs(a.value - b.value) <= 0.01 * max(abs(a.value), abs(b.value), 1)
    return close and _compatible(a, b)


def _in(sources: list[Source]) -> list[tuple[Source, ParsedFigure]]:
    return [(s, g) for s in sources for g in figures(s.words("en"), "en")]


def _worded(text: str | None, lang: str, g: ParsedFigure) -> str:
    """Figure `g` as `text` (a translation in `lang`) words it, for the explanation in that language."""
    for h in figures(text, lang) if text else ():
        if _same(g, h):
            return h.text
    return g.text


def check(claim: ClaimView, case: Case) -> list[Discrepancy]:
    """Compare every figure of the claim with its sources."""
    out: list[Discrepancy] = []
    near = _in(claim.evidence[:NEAR])
    for f in figures(claim.original, claim.lang):
        span = claim.span(f.start, f.end)
        same = [(s, g) for s, g in near if _same(f, g)]
        if same:
            src, g = same[0]
            if g.qualifier != f.qualifier:
                said_en, said_ar = _worded(claim.text.get("en"), "en", f), _worded(claim.text.get("ar"), "ar", f)
                out.append(
                    flag(
                        "number",
                        "minor",
                        f'The claim says "{said_en}" ({_QUALIFIERS[f.qualifier][0]}); '
                        f'the source says "{g.text}" '
                        f"({_QUALIFIERS[g.qualifier][0]}).",
                        f'يقول الادعاء "{said_ar}" ({_QUALIFIERS[f.qualifier][1]})، '
                        f'ويقول المصدر "{_worded(src.text.get("ar"), "ar", g)}" '
                        f"({_QUALIFIERS[g.qualifier][1]}).",
                        span,
                        src.span("en", g.start, g.end),
                        kind="qualifier",
                        claim_value=f.value,
                        source_value=g.value,
                        claim_qualifier=f.qualifier,
                        source_qualifier=g.qualifier,
                    )
                )
            continue
        other = [(s, g) for s, g in _in(claim.evidence[:1]) if _compatible(f, g)]
        if other:
            src, g = other[0]
            out.append(
                flag(
                    "number",
                    "major",
                    f'The claim says "{_worded(claim.text.get("en"), "en", f)}"; the source says "{g.text}".',
                    f'يقول الادعاء "{_worded(claim.text.get("ar"), "ar", f)}"، '
                    f'بينما يقول المصدر "{_worded(src.text.get("ar"), "ar", g)}".',
                    span,
                    src.span("en", g.start, g.end),
                    kind="differs",
                    claim_value=f.value,
                    source_value=g.value,
                    unit=f.unit,
                )
            )
        elif not any(_same(f, g) for _, g in _in(case.sources)):
            out.append(
                flag(
                    "number",
                    "major",
                    f'No primary statement gives the figure "{_worded(claim.text.get("en"), "en", f)}".',
                    f'لا يرد الرقم "{_worded(claim.text.get("ar"), "ar", f)}" في أيٍّ من البيانات الرسمية.',
                    span,
                    None,
                    kind="absent",
                    claim_value=f.value,
                    unit=f.unit,
                )
            )
    return out
