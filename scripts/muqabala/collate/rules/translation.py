"""Rule `translation`: a source term rendered by a known mistranslation (glossary.yaml).

A term counts when a sentence the claim is aligned with (its three closest primary sentences
and its two closest media sentences, since a mistranslation is one whoever wrote the original)
uses it, and the claim's Arabic uses one of the term's known wrong renderings outside the
phrases where those words are right (`الممثل الأعلى`, the High Representative).
"""

from __future__ import annotations

from muqabala.collate.views import CaseView, ClaimView, flag
from muqabala.lexicon.phrases import find
from muqabala.report import Discrepancy
from muqabala.vocabulary import quote


def explain(wrong: str, term: str, sense: str, why_en: str, why_ar: str) -> tuple[str, str]:
    """The explanation: the English names the source term and glosses the Arabic in `why_en`
    (glossary.yaml); the Arabic quotes the wrong rendering and needs no English word."""
    return (
        f"The claim mistranslates {quote(term, 'en')}, which here means {sense}. {why_en}",
        f"{quote(wrong, 'ar')} ترجمة خاطئة لمصطلح ورد في المصدر. {why_ar}",
    )


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag every known wrong rendering of a term the sources use."""
    ar = claim.text.get("ar")
    if not ar:
        return []
    near = claim.evidence[:3] + claim.context[:2]
    out: list[Discrepancy] = []
    for term in case.lexicon.glossary.terms:
        src_hit = next(((s, h) for s in near for h in find(term.source, s.words("en"))), None)
        if src_hit is None:
            continue
        src, sh = src_hit
        for wrong in term.wrong:
            right = find(wrong.not_when, ar)
            hits = [h for h in find(wrong.ar, ar) if not any(r.start <= h.start and h.end <= r.end for r in right)]
            if not hits:
                continue
            h = hits[0]
            out.append(
                flag(
                    "translation",
                    wrong.severity,
                    *explain(ar[h.start : h.end], term.term, term.sense, wrong.why.en, wrong.why.ar),
                    claim.span(h.start, h.end, "ar"),
                    src.span("en", sh.start, sh.end),
                    term=term.term,
                    accepted=list(term.accepted),
                )
            )
    return out
