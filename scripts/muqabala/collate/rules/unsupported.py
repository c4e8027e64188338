"""Rule `unsupported`: nothing in the primary statements says it.

Fires when the claim rests on unnamed speakers ("Western intelligence officials say"), or when
no primary sentence is close enough to count as saying it (`SUPPORT_SCORE`). Media sentences
never count: the closest one is named in the details as context.
"""

from __future__ import annotations

from muqabala.collate.views import ANONYMOUS, SUPPORT_SCORE, CaseView, ClaimView, flag
from muqabala.report import Discrepancy


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag a claim without primary support."""
    near = next((s for s in claim.context if s.score >= SUPPORT_SCORE), None)
    context = near.ref if near else None
    note_en = note_ar = ""
    if near is not None:
        outlet, day = case.issued(near.statement)
        note_en = f" Only a media report says something close ({outlet.en}, {day.en})."
        note_ar = f" لا يقول ما يقاربه سوى تقرير إعلامي ({outlet.ar}، {day.ar})."
    for seg in claim.segments:
        if ANONYMOUS in seg.speakers:
            return [
                flag(
                    "unsupported",
                    "major",
                    "The claim rests on unnamed officials or sources; no primary statement is theirs." + note_en,
                    "يستند الادعاء إلى مسؤولين أو مصادر لم تُسمَّ، وليس لهم بيان رسمي." + note_ar,
                    claim.span(seg.start, seg.end),
                    None,
                    kind="anonymous",
                    context=context,
                )
            ]
    if not claim.supported:
        closest = claim.evidence[0] if claim.evidence else None
        return [
            flag(
                "unsupported",
                "major",
                "No primary statement says this: the closest sentence shares only a few words." + note_en,
                "لا يقول ذلك أيٌّ من البيانات الرسمية: أقرب جملة لا تشترك معه إلا في كلمات قليلة." + note_ar,
                claim.whole(),
                None,
                kind="no_evidence",
                context=context,
                closest=closest.ref if closest else None,
                score=closest.score if closest else None,
            )
        ]
    return []
