"""Rule `timing`: a claim about time that the statements contradict or cannot support.

- **Order.** A claim saying an issuer was first (`first` of scope.yaml: "the first to", "أول من")
  is checked against the other primary statements of the same round (`ROUND_DAYS`): one of an
  earlier day contradicts it, every
  other of a later day establishes it (dates alone decide, no time needed); on the same day, times
  decide, and when a date on either side lacks a time the order cannot be established, which is
  flagged too.
- **Month.** A claim dating something to a month ("on 13 May", «في كانون الثاني») is compared with
  the months its evidence names: when the evidence names months and none of the claim's, the
  claim is contradicted (the sources date the event to another month). Month names and their
  Arabic forms (Egyptian and Levantine) are `vocabulary.MONTHS`.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from muqabala.collate.views import ANONYMOUS, SUPPORT_SCORE, CaseView, ClaimView, adjusted, flag, names, when
from muqabala.lexicon.phrases import find
from muqabala.report import Discrepancy
from muqabala.vocabulary import MONTHS


def _instant(date: str) -> datetime | None:
    return datetime.fromisoformat(date.replace("Z", "+00:00")) if "T" in date else None


ROUND_DAYS = 7
"""How many days before an issuer's statement another may be and still compete for "first"."""

_DAY_BEFORE = re.compile(r"(\d{1,2})\s*(?:of\s+|من\s+)?(?:شهر\s+)?$")
_DAY_AFTER = re.compile(r"^\s*(\d{1,2})\b(?!\d)")
_ALL_FORMS = [form for m in MONTHS for form in m.forms]


def months(text: str) -> list[tuple[int, int, int, int | None]]:
    """(start, end, month, day or None) of every month a text names, with the day written next to it."""
    out = []
    for hit in find(_ALL_FORMS, text):
        month = next(m for m in MONTHS if hit.phrase in m.forms)
        before = _DAY_BEFORE.search(text[: hit.start].replace("الـ", ""))
        after = _DAY_AFTER.match(text[hit.end :])
        day = int(before.group(1)) if before else int(after.group(1)) if after else None
        out.append((hit.start, hit.end, month.number, day if day and 1 <= day <= 31 else None))
    return out


def _month_name(month: int, day: int | None, lang: str) -> str:
    name = MONTHS[month - 1].label(lang)
    return f"{day} {name}" if day else name


def _month(claim: ClaimView) -> list[Discrepancy]:
    said = months(claim.original)
    if not said:
        return []
    close = [s for s in claim.evidence[:3] if adjusted(s, claim.keep) >= SUPPORT_SCORE]
    named = [(m, d, src) for src in close for _, _, m, d in months(src.words("en"))]
    if not named or any(m == m2 for _, _, m, _ in said for m2, _, _ in named):
        return []
    start, end, month, day = said[0]
    other, other_day, src = named[0]
    return [
        flag(
            "timing",
            "major",
            f"The claim dates it to {_month_name(month, day, 'en')}; the source gives "
            f"{_month_name(other, other_day, 'en')}.",
            f"يؤرّخ الادعاء ذلك بـ{_month_name(month, day, 'ar')}، في حين يذكر المصدر "
            f"{_month_name(other, other_day, 'ar')}.",
            claim.span(start, end),
            src.whole(),
            kind="contradicted",
            claim_month=month,
            source_month=other,
        )
    ]


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag an order in time the dates do not establish, and a month the sources contradict."""
    hits = find(case.lexicon.scope.first.get(claim.lang), claim.original)
    if not hits:
        return _month(claim)
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
    start = date.fromisoformat(first.date[:10])
    # Statements of an earlier round (Microsoft's technical report months before the governments'
    # attributions) do not compete for "first": only those of the days around it do.
    others = [
        st
        for st in primary
        if case.root(st.issuer) != root and (start - date.fromisoformat(st.date[:10])).days <= ROUND_DAYS
    ]
    peers = [st for st in others if st.date[:10] == first.date[:10]]
    if others and not peers and all(st.date[:10] > first.date[:10] for st in others):
        return []  # the dates alone establish it: every other statement is of a later day
    span = claim.span(hit.start, hit.end)
    who_en, who_ar = case.the(root).en, case.name(root).ar
    mine = _instant(first.date)
    # A statement of an earlier day came first whatever the hour; on the same day only times tell.
    earlier = sorted((st for st in others if st.date[:10] < first.date[:10]), key=lambda st: st.date) or [
        p for p in peers if mine and (t := _instant(p.date)) and t < mine
    ]
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
