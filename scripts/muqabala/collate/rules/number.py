"""Rule `number`: a figure that differs from the source, or that no primary statement gives.

Figures are parsed by numbers.py (`a quarter of a million` → 250000, `أكثر من` → more_than).
A claim's figure is looked for in its three closest primary sentences: the same value with
another qualifier ("more than" against "at least") is minor; another value for the same unit
in the closest sentence is major (the source gives a different figure); a value no primary
sentence of the case gives at all is major (absent). A value found elsewhere in the case is left
alone. A vague figure ("hundreds of thousands", «عشرات الآلاف») is compared by its order of
magnitude with the closest source figures of the same unit: "hundreds of thousands" against "more
than a quarter of a million" agrees, "tens of thousands" against it does not (major, differs).
An exact figure where the closest sources give only a vague one of its unit is compared the
same way: within the order of magnitude it is only more precise (minor, kind `vaguer`), outside
it another figure (major, differs). A bound ("at least 10", "more than", "less than") that every
value of the closest source's figure meets ("at least a dozen") holds, less precisely (minor, kind
`within`); two bounds on opposite sides of one value ("no fewer than 150 million" against "nearly 150
million") differ (major). A vague figure that no figure of the case reaches at its order of magnitude
("hundreds of thousands of customers") is absent (major).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from muqabala.collate.rules.timing import months
from muqabala.collate.views import CaseView, ClaimView, Source, flag
from muqabala.lexicon.numbers import ParsedFigure
from muqabala.report import Discrepancy
from muqabala.vocabulary import quote

NEAR = 3
"""How many of the closest primary sentences a figure is compared with."""

_QUALIFIERS = {
    "exact": ("exactly", "بالضبط"),
    "more_than": ("more than", "أكثر من"),
    "at_least": ("at least", "على الأقل"),
    "less_than": ("less than", "أقل من"),
    "about": ("about", "نحو"),
    "nearly": ("nearly", "ما يقارب"),
}


class _Numbers:
    """Figures read and compared with one case's number lexicon."""

    def __init__(self, case: CaseView):
        self.lexicon = case.lexicon
        self.canonical: Collection[str] = case.lexicon.numbers.units

    def figures(self, text: str, lang: str) -> tuple[ParsedFigure, ...]:
        """The figures of `text`, less the vague ones and the days of dates («في الـ13 من نيسان»)."""
        spans = [(a, b) for a, b, _, _ in months(text)]
        return tuple(f for f in self.lexicon.figures(text, lang) if not f.vague and not _day_of(text, f, spans))

    def compatible(self, a: ParsedFigure, b: ParsedFigure) -> bool:
        # A unit the numbers lexicon does not know is only the next word (`محطة`, `electricity`),
        # which cannot be compared across languages: it counts as unknown.
        return a.unit == b.unit or a.unit not in self.canonical or b.unit not in self.canonical

    def same(self, a: ParsedFigure, b: ParsedFigure) -> bool:
        close = abs(a.value - b.value) <= 0.01 * max(abs(a.value), abs(b.value), 1)
        return close and self.compatible(a, b)

    def of(self, sources: list[Source]) -> list[tuple[Source, ParsedFigure]]:
        return [(s, g) for s in sources for g in self.figures(s.words("en"), "en")]

    def worded_vague(self, text: str | None, lang: str, g: ParsedFigure) -> str:
        """Like `worded`, for a figure that may be vague ("hundreds of thousands")."""
        for h in self.lexicon.figures(text, lang) if text else ():
            if h.vague == g.vague and abs(h.value - g.value) <= 0.01 * max(h.value, g.value, 1):
                return quote(h.text, lang)
        return _digits(g.value)

    def worded(self, text: str | None, lang: str, g: ParsedFigure) -> str:
        """Figure `g` as `text` (a translation in `lang`) words it, quoted for the explanation in that
        language; when that text does not word it, the value in digits, never another language's words."""
        for h in self.figures(text, lang) if text else ():
            if self.same(g, h):
                return quote(h.text, lang)
        return _digits(g.value)


def _digits(value: float) -> str:
    """A value in digits with thousands separators (`30,000`, `2.5`)."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _span(g: ParsedFigure) -> tuple[float, float]:
    """The values a figure allows: an order of magnitude for a vague one ("tens of thousands": 10,000 to
    100,000), from the value up for "more than" and "at least", up to it for "less than", ±10 % else."""
    if g.vague:
        return g.value, g.value * 10
    if g.qualifier in ("more_than", "at_least"):
        return g.value, float("inf")
    if g.qualifier == "less_than":
        return 0.0, g.value
    if g.qualifier == "nearly":
        return g.value * 0.9, g.value
    return g.value * 0.9, g.value * 1.1


def _apart(f: ParsedFigure, g: ParsedFigure) -> bool:
    """Whether two bounds of one value lie on opposite sides of it ("at least" against "nearly" or
    "less than"): they share that value alone."""
    low, high = _span(f)
    g_low, g_high = _span(g)
    return min(high, g_high) - max(low, g_low) <= 0


def _within(g: ParsedFigure, f: ParsedFigure) -> bool:
    """Whether every value source figure `g` allows is one claim figure `f` allows (`_span`)."""
    low, high = _span(f)
    g_low, g_high = _span(g)
    return low <= g_low and g_high <= high


def _magnitudes(claim: ClaimView, n: _Numbers, near: list[Source], case_sources: list[Source]) -> list[Discrepancy]:
    """A vague figure ("hundreds of thousands", «عشرات الآلاف») against the closest source figure of the
    same unit: a different order of magnitude is a changed figure; within it, nothing to say."""
    out: list[Discrepancy] = []
    sources = [(s, g) for s in near for g in n.lexicon.figures(s.words("en"), "en")]
    everywhere: list[ParsedFigure] | None = None
    for f in (f for f in n.lexicon.figures(claim.original, claim.lang) if f.vague):
        compared = [(s, g) for s, g in sources if f.unit and g.unit == f.unit]
        if not compared:
            # "hundreds of thousands of customers" that no statement of the case counts at that order
            # of magnitude, in any unit the claim's may be: a figure no primary statement gives.
            if everywhere is None:
                everywhere = [g for s in case_sources for g in n.lexicon.figures(s.words("en"), "en")]
            low, high = _span(f)
            if (
                f.unit
                and f.unit in n.canonical
                and not any(n.compatible(f, g) and low <= g.value < high for g in everywhere)
            ):
                out.append(
                    flag(
                        "number",
                        "major",
                        f"No primary statement gives the figure {n.worded_vague(claim.text.get('en'), 'en', f)}.",
                        f"لا يرد الرقم {n.worded_vague(claim.text.get('ar'), 'ar', f)} في أيٍّ من البيانات الرسمية.",
                        claim.span(f.start, f.end),
                        None,
                        kind="absent",
                        claim_value=f.value,
                        unit=f.unit,
                    )
                )
            continue
        low, high = _span(f)
        if any(g_low < high and low <= g_high for g_low, g_high in (_span(g) for _, g in compared)):
            continue
        src, g = compared[0]
        out.append(
            flag(
                "number",
                "major",
                f"The claim says {n.worded_vague(claim.text.get('en'), 'en', f)}; the source says "
                f"{quote(g.text, 'en')}, another order of magnitude.",
                f"يقول الادعاء {n.worded_vague(claim.text.get('ar'), 'ar', f)}، بينما يقول المصدر "
                f"{n.worded_vague(src.text.get('ar'), 'ar', g)}، وهو رقم من مرتبة أخرى.",
                claim.span(f.start, f.end),
                src.span("en", g.start, g.end),
                kind="differs",
                claim_value=f.value,
                source_value=g.value,
                unit=f.unit,
                magnitude=True,
            )
        )
    return out


def _against_vague(claim: ClaimView, n: _Numbers, f: ParsedFigure, near: list[Source]) -> Discrepancy | None:
    """An exact figure ("50,000 servers") where the closest sources give only a vague one of the same unit
    ("tens of thousands of servers"): within the vague figure's order of magnitude the claim is more
    precise than its source (minor, kind `vaguer`); outside it, another figure (major, kind `differs`)."""
    if f.unit not in n.canonical:
        return None
    vague = [(s, g) for s in near for g in n.lexicon.figures(s.words("en"), "en") if g.vague and g.unit == f.unit]
    if not vague:
        return None
    low, high = _span(f)
    within = [(s, g) for s, g in vague if low < _span(g)[1] and _span(g)[0] <= high]
    src, g = (within or vague)[0]
    said_en, said_ar = n.worded(claim.text.get("en"), "en", f), n.worded(claim.text.get("ar"), "ar", f)
    source_en, source_ar = quote(g.text, "en"), n.worded_vague(src.text.get("ar"), "ar", g)
    extra: dict[str, object] = {}
    if within:
        severity, kind = "minor", "vaguer"
        en = f"The claim says {said_en}; the source gives only {source_en}, which allows it but is vaguer."
        ar = f"يقول الادعاء {said_ar}، بينما لا يذكر المصدر إلا {source_ar}، وهو رقم يتسع له لكنه أقل دقة."
    else:
        severity, kind, extra = "major", "differs", {"magnitude": True}
        en = f"The claim says {said_en}; the source says {source_en}, another order of magnitude."
        ar = f"يقول الادعاء {said_ar}، بينما يقول المصدر {source_ar}، وهو رقم من مرتبة أخرى."
    return flag(
        "number",
        severity,
        en,
        ar,
        claim.span(f.start, f.end),
        src.span("en", g.start, g.end),
        kind=kind,
        claim_value=f.value,
        source_value=g.value,
        unit=f.unit,
        **extra,
    )


_TO_MONTH = re.compile(r"^(?:\s|of|من|شهر|ال)*$")


def _day_of(text: str, f: ParsedFigure, months: list[tuple[int, int]]) -> bool:
    """Whether figure `f` is the day of a month named next to it ("13 April", "April 13", «13 من أيار»)."""
    return f.value <= 31 and any(
        (b <= f.start and not text[b : f.start].strip()) or (f.end <= a and _TO_MONTH.match(text[f.end : a]))
        for a, b in months
    )


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Compare every figure of the claim with its sources, vague ones by their order of magnitude."""
    n = _Numbers(case)
    out: list[Discrepancy] = _magnitudes(claim, n, claim.evidence[:NEAR], case.sources)
    near = n.of(claim.evidence[:NEAR])
    for f in n.figures(claim.original, claim.lang):
        span = claim.span(f.start, f.end)
        same = [(s, g) for s, g in near if n.same(f, g)]
        if same:
            src, g = same[0]
            if g.qualifier != f.qualifier:
                # "no fewer than 150 million" where the source says "nearly 150 million": the two bounds
                # share no value but the figure itself, on opposite sides of it (major); else only the
                # qualifier differs (minor).
                apart = _apart(f, g)
                said_en, said_ar = n.worded(claim.text.get("en"), "en", f), n.worded(claim.text.get("ar"), "ar", f)
                source_ar = n.worded(src.text.get("ar"), "ar", g)
                mine, theirs = _QUALIFIERS[f.qualifier], _QUALIFIERS[g.qualifier]
                out.append(
                    flag(
                        "number",
                        "major" if apart else "minor",
                        f"The claim says {said_en} ({mine[0]}); the source says {quote(g.text, 'en')} ({theirs[0]})"
                        + (", on the other side of the figure." if apart else "."),
                        f"يقول الادعاء {said_ar} ({mine[1]})، بينما يقول المصدر {source_ar} ({theirs[1]})، أي على "
                        "الجانب الآخر من الرقم."
                        if apart
                        else f"يقول الادعاء {said_ar} ({mine[1]})، ويقول المصدر {source_ar} ({theirs[1]}).",
                        span,
                        src.span("en", g.start, g.end),
                        kind="differs" if apart else "qualifier",
                        claim_value=f.value,
                        source_value=g.value,
                        claim_qualifier=f.qualifier,
                        source_qualifier=g.qualifier,
                    )
                )
            continue
        vaguer = _against_vague(claim, n, f, claim.evidence[:NEAR])
        if vaguer is not None:
            out.append(vaguer)
            continue
        other = [(s, g) for s, g in n.of(claim.evidence[:1]) if n.compatible(f, g)]
        holds = next(((s, g) for s, g in other if _within(g, f)), None)
        if holds is not None and f.qualifier not in ("more_than", "at_least", "less_than"):
            holds = None
        if holds is not None or other:
            # "at least 10" where the source says "at least a dozen": every value the source allows, the
            # claim allows too; it holds, less precisely (minor). Else the source gives another figure.
            src, g = holds or other[0]
            said_en, said_ar = n.worded(claim.text.get("en"), "en", f), n.worded(claim.text.get("ar"), "ar", f)
            source_ar = n.worded(src.text.get("ar"), "ar", g)
            out.append(
                flag(
                    "number",
                    "minor" if holds else "major",
                    f"The claim says {said_en}; the source says {quote(g.text, 'en')}, which the claim's bound "
                    "allows, less precisely."
                    if holds
                    else f"The claim says {said_en}; the source says {quote(g.text, 'en')}.",
                    f"يقول الادعاء {said_ar}، ويقول المصدر {source_ar}، وهو ما يسمح به حدّ الادعاء وإن كان أقل دقة."
                    if holds
                    else f"يقول الادعاء {said_ar}، بينما يقول المصدر {source_ar}.",
                    span,
                    src.span("en", g.start, g.end),
                    kind="within" if holds else "differs",
                    claim_value=f.value,
                    source_value=g.value,
                    unit=f.unit,
                )
            )
        elif not any(n.same(f, g) for _, g in n.of(case.sources)):
            out.append(
                flag(
                    "number",
                    "major",
                    f"No primary statement gives the figure {n.worded(claim.text.get('en'), 'en', f)}.",
                    f"لا يرد الرقم {n.worded(claim.text.get('ar'), 'ar', f)} في أيٍّ من البيانات الرسمية.",
                    span,
                    None,
                    kind="absent",
                    claim_value=f.value,
                    unit=f.unit,
                )
            )
    return out
