"""Rule `scope`: a claim narrows the geographic scope of what the sources say.

A claim that places the event in narrower places (`places` of scope.yaml after a locative:
`in Britain`, `في أوروبا`, or Arabic ب attached: `ببريطانيا وأوروبا`), says nothing of the
whole world, while one of its closest primary sentences does ("worldwide"), narrows the scope.
The country of an issuer the claim quotes is where the speaker is, not the scope
("In the UK, the NCSC issued advice"), and is ignored, as is a place inside a speaker's name
("intelligence agencies in the United States directed accusations at Iran").

A claim that names a place (anywhere: «خسائر طالت الولايات المتحدة») where its close source names
only a wider place holding it (`within` of scope.yaml: "the Americas") narrows the scope as well.
"""

from __future__ import annotations

import re

from muqabala.collate.attribution import mentions
from muqabala.collate.views import SUPPORT_SCORE, CaseView, ClaimView, Source, adjusted, flag
from muqabala.lexicon.normalize import fold
from muqabala.lexicon.phrases import ScopeLexicon, find, per_lexicon
from muqabala.report import Discrepancy
from muqabala.vocabulary import join, quote

NEAR = 5
"""How many of the closest primary sentences may give the wider scope."""


def _patterns(sc: ScopeLexicon, lang: str) -> tuple[list[tuple[str, str]], re.Pattern[str], re.Pattern[str]] | None:
    """The places of `sc` in `lang` (folded name, code), longest first, and the patterns of `places`:
    a first place after a locative, and each place coordinated with it; None without places. Built
    once per lexicon and language instead of once per text."""
    return per_lexicon("scope", (sc,), lang, lambda: _compiled(sc, lang))


def _compiled(sc: ScopeLexicon, lang: str) -> tuple[list[tuple[str, str]], re.Pattern[str], re.Pattern[str]] | None:
    names = sorted(((fold(n)[0], p.code) for p in sc.places for n in p.get(lang)), key=lambda x: -len(x[0]))
    if not names:
        return None
    alt = "|".join(f"(?P<p{i}>{re.escape(n)})" for i, (n, _) in enumerate(names))
    loc = "|".join(re.escape(fold(w)[0]) + r"\s+" for w in sc.locatives.get(lang))
    attached = r"[وف]?ب" if lang == "ar" else "(?!)"
    first = re.compile(rf"(?<!\w)(?:{attached}|(?:{loc})(?:the\s+)?)(?:{alt})(?!\w)")
    more = re.compile(rf"\s*(?:,\s*and\s+|,\s*|and\s+|و\s*|،\s*)(?:the\s+)?(?:{alt})(?!\w)")
    return names, first, more


def places(text: str, lang: str, case: CaseView) -> list[tuple[str, int, int]]:
    """(place code, start, end) of every place named after a locative, coordinated ones included."""
    patterns = _patterns(case.lexicon.scope, lang)
    if patterns is None:
        return []
    names, first, more = patterns
    folded, origin = fold(text)
    out = []
    for m in first.finditer(folded):
        chain = [m]
        while (nxt := more.match(folded, chain[-1].end())) is not None:
            chain.append(nxt)
        for c in chain:
            i = next(int(k[1:]) for k, v in c.groupdict().items() if v)
            start, end = c.span(f"p{i}")
            out.append((names[i][1], origin[start], origin[end - 1] + 1))
    return out


def _place(case: CaseView, code: str, lang: str) -> str:
    """A place by its first name in the scope lexicon, in `lang`."""
    place = next((p for p in case.lexicon.scope.places if p.code == code), None)
    names = place.get(lang) if place is not None else []
    return names[0] if names else code


def explain(where: dict[str, str], cue_en: str, cue_ar: str) -> tuple[str, str]:
    """The explanation, naming the places in each language's own words (the claim's own wording is
    shown beside it on the page)."""
    said_ar = f"، بينما يقول المصدر {quote(cue_ar, 'ar')}" if cue_ar else "، بينما يتحدث المصدر عن العالم كله"
    return (
        f"The claim places it in {where['en']}; the source says {quote(cue_en, 'en')}.",
        f"يحصر الادعاء الأمر في {where['ar']}{said_ar}.",
    )


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag a worldwide event placed in narrower places."""
    sc = case.lexicon.scope
    if find(sc.worldwide.get(claim.lang), claim.original):
        return []
    speaking = {case.country(i) for i in claim.credited}
    narrower = _narrower(claim, case)
    if narrower:
        return narrower
    found = [p for p in places(claim.original, claim.lang, case) if p[0] not in speaking]
    if found:
        # A place inside a speaker's name («وكالات استخبارات في الولايات المتحدة») says who speaks, even
        # where no reporting verb credits it.
        said = mentions(claim.original, case.corpus, case.lexicon, claim.lang, case.states)
        found = [p for p in found if not any(m.start <= p[1] and p[2] <= m.end for m in said)]
    if not found:
        return []
    for src in claim.evidence[:NEAR]:
        wide = find(sc.worldwide.get("en"), src.words("en"))
        if wide:
            start, end = found[0][1], found[-1][2]
            cue = src.words("en")[wide[0].start : wide[0].end]
            wide_ar = find(sc.worldwide.get("ar"), src.words("ar")) if "ar" in src.text else []
            cue_ar = src.words("ar")[wide_ar[0].start : wide_ar[0].end] if wide_ar else ""
            codes = list(dict.fromkeys(p[0] for p in found))
            where = {lang: join([_place(case, c, lang) for c in codes], lang) for lang in ("en", "ar")}
            return [
                flag(
                    "scope",
                    "major",
                    *explain(where, cue, cue_ar),
                    claim.span(start, end),
                    src.span("en", wide[0].start, wide[0].end),
                    claim_scope=sorted({p[0] for p in found}),
                    source_scope="worldwide",
                )
            ]
    return []


def named(text: str, lang: str, case: CaseView) -> list[tuple[str, int, int]]:
    """(place code, start, end) of every place `text` names, with or without a locative."""
    out: list[tuple[str, int, int]] = []
    for place in case.lexicon.scope.places:
        for h in find(place.get(lang), text):
            start = h.start
            while start < h.end and text[start] in "وفبل" and text[start] != fold(h.phrase)[0][:1]:
                start += 1  # an attached و or ب belongs to the sentence, not to the place's name
            out.append((place.code, start, h.end))
    taken: list[tuple[str, int, int]] = []
    for p in sorted(out, key=lambda p: (-(p[2] - p[1]), p[1])):
        if all(p[2] <= q[1] or p[1] >= q[2] for q in taken):
            taken.append(p)
    return sorted(taken, key=lambda p: p[1])


_WITHIN: dict[int, tuple[ScopeLexicon, dict[str, set[str]]]] = {}


def _within(scope: ScopeLexicon) -> dict[str, set[str]]:
    """Place code → the wider places holding it (`within` of scope.yaml), built once per lexicon (read it,
    never change it), not once per claim."""
    kept = _WITHIN.get(id(scope))
    if kept is None or kept[0] is not scope:
        if len(_WITHIN) >= 8:
            _WITHIN.clear()
        kept = _WITHIN[id(scope)] = (scope, {p.code: set(p.within) for p in scope.places})
    return kept[1]


def _narrower(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    # The speaker's own country counts here: a wider place holding it must be in the source, and
    # the place itself nowhere in the close sources.
    within = _within(case.lexicon.scope)
    said = [p for p in named(claim.original, claim.lang, case) if within.get(p[0])]
    if not said:
        return []
    close: list[Source] = [s for s in claim.evidence[:NEAR] if adjusted(s, claim.keep) >= SUPPORT_SCORE]
    roots = {case.root(i) for i in claim.credited}
    if roots:
        close = [s for s in close if s.by(roots)]  # what the credited speaker said, not others
    anywhere = {p[0] for src in close for p in named(src.words("en"), "en", case)}
    for src in close:
        given = places(src.words("en"), "en", case)
        for code, start, end in said:
            if code in anywhere:
                continue
            wider = [p for p in given if p[0] in within[code]]
            if not wider:
                continue
            _, ws, we = wider[0]
            cue = src.words("en")[ws:we]
            ar = places(src.words("ar"), "ar", case) if "ar" in src.text else []
            cue_ar = next((src.words("ar")[a:b] for c, a, b in ar if c == wider[0][0]), "")
            where = {lang: _place(case, code, lang) for lang in ("en", "ar")}
            return [
                flag(
                    "scope",
                    "major",
                    *explain(where, cue, cue_ar),
                    claim.span(start, end),
                    src.span("en", ws, we),
                    claim_scope=[code],
                    source_scope=wider[0][0],
                )
            ]
    return []
