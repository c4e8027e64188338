"""Rule `timing`: a claim about order in time that the statements' dates cannot support.

A claim saying an issuer was first (`first` of scope.yaml: "the first to", "أول من") is checked
against the other primary statements published the same day as that issuer's first one: if
one is dated earlier the claim is contradicted; if any date on either side lacks a time, the
order cannot be established from the statements, and that is flagged too.
"""

from __future__ import annotations

from datetime import datetime

from muqabala.collate.views import ANONYMOUS, CaseView, ClaimView, flag, names, when
from muqabala.lexicon.phrases import find
from muqabala.report import Discrepancy


def _instant(date: str) -> datetime | None:
    return datetime.fromisoformat(date.replace("Z", "+00:00")) if "T" in date else None


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag an order in time the dates do not establish."""
    hits = find(case.lexicon.scope.first.get(claim.lang), claim.original)
    if not hits:
        return []
    hit = hits[0]
    seg = next((s for s in claim.segments if s.start <= hit.start < s.end), claim.segments[0])
    speakers = [s for s in seg.speakers if s != ANONYMOUS] or claim.credited
    if not speakers:
        return []
    root = case.root(speakers[0])
    primary = [st for st in case.statements if st.role == "primary"]
    own = sorted((st for st in primary if case.root(st.issuer) == root), key=lambda st: st.date)
    if not own:
        return []
    first = own[0]
    peers = [st for st in primary if case.root(st.issuer) != root and st.date[:10] == first.date[:10]]
    span = claim.span(hit.start, hit.end)
    who_en, who_ar = case.the(root).en, case.name(root).ar
    mine = _instant(first.date)
    earlier = [p for p in peers if mine and (t := _instant(p.date)) and t < mine]
    day = when(first.date)
    if earlier:
        _, other_day = case.issued(earlier[0].id)
        other = case.the(earlier[0].issuer)
        return [
            flag(
                "timing",
                "major",
                f"{case.the(root, start=True).en}'s statement was not the first: it is dated {day.en}, and "
                f"{other.en}'s statement is dated earlier, {other_day.en}.",
                f"لم يكن بيان {who_ar} الأول: صدر في {day.ar}، وسبقه بيان {other.ar} الصادر في {other_day.ar}.",
                span,
                None,
                kind="contradicted",
                statement=first.id,
                earlier=earlier[0].id,
            )
        ]
    untimed = [p.id for p in peers if mine is None or _instant(p.date) is None]
    if untimed or not peers:
        issuers = list(dict.fromkeys(case.corpus.statements[sid].issuer for sid in untimed))
        plural = len(untimed) > 1
        return [
            flag(
                "timing",
                "major",
                f"The statements' dates cannot establish that {who_en}'s statement was first: it is dated "
                f"{day.en}, and "
                + (
                    f"the statement{'s' if plural else ''} of {names(case, issuers, 'en')} "
                    f"give{'' if plural else 's'} only the day."
                    if untimed
                    else "no other statement of that day is on file."
                ),
                f"لا تكفي تواريخ البيانات لإثبات أن بيان {who_ar} كان الأول: فهو مؤرَّخ في {day.ar}، "
                + (
                    (
                        f"ولا تذكر بيانات {names(case, issuers, 'ar')} سوى اليوم."
                        if plural
                        else f"ولا يذكر بيان {names(case, issuers, 'ar')} سوى اليوم."
                    )
                    if untimed
                    else "ولا يوجد بيان آخر في اليوم نفسه."
                ),
                span,
                None,
                kind="cannot_establish",
                statement=first.id,
                untimed=untimed,
            )
        ]
    return []
