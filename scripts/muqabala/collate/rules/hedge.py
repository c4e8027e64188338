"""Rule `hedge`: an assessment reported as plain fact.

When the claim's closest primary sentence (close enough to count as saying it) carries a hedge
from hedges.yaml ("highly likely", "can be linked", "assess") and the claim carries none, the
certainty has changed. The hedge's `severity` in the lexicon decides minor or major.
"""

from __future__ import annotations

from muqabala.collate.views import CaseView, ClaimView, flag
from muqabala.lexicon.phrases import find
from muqabala.report import Discrepancy
from muqabala.vocabulary import quote


def explain(cue_en: str, cue_ar: str) -> tuple[str, str]:
    """The explanation, naming both sides by their certainty level (`vocabulary.CERTAINTY_LEVELS`)."""
    said_ar = f" ({quote(cue_ar, 'ar')})" if cue_ar else ""
    return (
        f"The source gives it as an assessment ({quote(cue_en, 'en')}); the claim states it as fact.",
        f"يقدّم المصدر الأمر تقديرًا{said_ar}، بينما يقدّمه الادعاء حقيقةً مؤكدة.",
    )


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag a dropped hedge."""
    if not claim.supported:
        return []
    src = claim.evidence[0]
    hedges = case.lexicon.hedges.hedges
    if any(find(h.get(claim.lang), claim.original) for h in hedges):
        return []
    found = [(h, hit) for h in hedges for hit in find(h.get("en"), src.words("en"))]
    if not found:
        return []
    hedge, hit = min(found, key=lambda x: (x[0].severity != "major", x[1].start))
    cue = src.words("en")[hit.start : hit.end]
    # The Arabic explanation quotes the Arabic translation's hedge when the lexicon finds one there;
    # never the English words inside Arabic prose.
    ar_hits = find(hedge.get("ar"), src.words("ar")) if "ar" in src.text else []
    cue_ar = src.words("ar")[ar_hits[0].start : ar_hits[0].end] if ar_hits else ""
    return [
        flag(
            "hedge",
            hedge.severity,
            *explain(cue, cue_ar),
            claim.whole(),
            src.span("en", hit.start, hit.end),
            hedge=hedge.id,
        )
    ]
