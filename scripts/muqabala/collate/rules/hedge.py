"""Rule `hedge`: an assessment reported as plain fact.

When the claim's closest primary sentence (close enough to count as saying it) carries a hedge
from hedges.yaml ("highly likely", "can be linked", "assess") and the claim carries none, the
certainty has changed. The hedge's `severity` in the lexicon decides minor or major.

An attribution is judged by what its speaker said about it, wherever in the statement: when a
claim credits a speaker with holding a state responsible («تقف وراء») and every sentence in which
that speaker attributes to that state is hedged by a major hedge ("highly likely"), the hedge was
dropped even when the claim's closest sentence is another one (a sentence on the damage, say).
A hedge is its speaker's: a claim crediting the UK is not held to the EU's "can be linked".

The certainty can also be lowered: a claim that credits an accusing speaker with "reports alleging"
(«تقارير تزعم») or "the alleged attack" where that speaker's closest sentence states the matter
without a hedge or a doubt of its own (hedges.yaml `doubt`) presents a statement as an allegation.
The accused state's own words are exempt: its replies call the accusations "allegations"; so is a
word of doubt that is the verb reporting the speaker ("and claimed that"), the article's stance.
"""

from __future__ import annotations

from muqabala.collate.views import ANONYMOUS, SUPPORT_SCORE, UNLISTED, CaseView, ClaimView, Source, adjusted, flag
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


def explain_doubt(doubt_ar: str, doubt_en: str) -> tuple[str, str]:
    """The explanation of a lowered certainty, quoting the claim's word of doubt in the explanation of
    its own language only (the span marks it in the other)."""
    said_en = f" ({quote(doubt_en, 'en')})" if doubt_en else ""
    said_ar = f" ({quote(doubt_ar, 'ar')})" if doubt_ar else ""
    return (
        f"The source states it without reservation; the claim presents it as an allegation{said_en}.",
        f"يذكر المصدر الأمر دون تحفّظ، بينما يقدّمه الادعاء زعمًا{said_ar}.",
    )


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag a dropped hedge, or a doubt the speaker never expressed."""
    if not claim.supported:
        return []
    hedges = case.lexicon.hedges.hedges
    doubted = _doubted(claim, case)
    if doubted:
        src, start, end = doubted
        word = claim.original[start:end]
        ar, en = (word, "") if claim.lang == "ar" else ("", word)
        return [flag("hedge", "major", *explain_doubt(ar, en), claim.span(start, end), src.whole(), hedge="doubt")]
    if any(find(h.get(claim.lang), claim.original) for h in hedges):
        return []
    for src in [*_closest(claim, case), *_attributing(claim, case)]:
        found = [(h, hit) for h in hedges for hit in find(h.get("en"), src.words("en"))]
        if found:
            break
    else:
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


def _attributing(claim: ClaimView, case: CaseView) -> list[Source]:
    """For a claim that attributes, the first attributing sentence of each speaker it credits whose
    every attribution to that state carries a major hedge; else nothing."""
    coded = [seg for seg in claim.segments if seg.coding.level != "none" and seg.speakers]
    major = [h for h in case.lexicon.hedges.hedges if h.severity == "major"]
    out: list[Source] = []
    for seg in coded:
        state = seg.coding.state
        for root in dict.fromkeys(case.root(s) for s in seg.speakers):
            said = [
                src
                for src in case.by_root(root)
                if case.coding[src.ref].level != "none" and case.coding[src.ref].state in (state, None)
            ]
            if said and all(any(find(h.get("en"), src.words("en")) for h in major) for src in said):
                out.append(said[0])
    return out


def _closest(claim: ClaimView, case: CaseView) -> list[Source]:
    """The closest primary sentence by a speaker the claim credits (any speaker's when it credits none)."""
    roots = {case.root(i) for i in claim.credited}
    if not roots:
        return claim.evidence[:1]
    own = [s for s in claim.evidence if s.by(roots) and adjusted(s, claim.keep) >= SUPPORT_SCORE]
    return own[:1]


def _doubted(claim: ClaimView, case: CaseView) -> tuple[Source, int, int] | None:
    """A word of doubt inside what the claim credits to an accusing speaker, whose closest supported
    sentence has neither a hedge nor a doubt: that sentence and where the word stands."""
    doubt = case.lexicon.hedges.doubt
    # "وزعم أن" (and claimed that) as the verb that reports the speaker is the article's stance
    # toward the speaker, not a doubt the claim puts in the speaker's mouth.
    found = find(doubt.get(claim.lang), claim.original)
    hits = [h for h in found if not any(a <= h.start < b for a, b in claim.frames)]
    if not hits:
        return None
    accused = case.accused
    for seg in claim.segments:
        speakers = [s for s in seg.speakers if s not in (ANONYMOUS, UNLISTED)]
        inside = [h for h in hits if seg.start <= h.start < seg.end]
        if not speakers or not inside or any(case.country(s) in accused for s in speakers):
            continue
        roots = {case.root(s) for s in speakers}
        own = [s for s in claim.evidence if s.by(roots) and adjusted(s, claim.keep) >= SUPPORT_SCORE]
        if not own:
            continue
        said = own[0].words("en")
        if find(doubt.get("en"), said) or any(find(h.get("en"), said) for h in case.lexicon.hedges.hedges):
            continue
        return own[0], inside[0].start, inside[0].end
    return None
