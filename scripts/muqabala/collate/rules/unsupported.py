"""Rule `unsupported`: nothing in the primary statements says it.

Fires, in this order, when the claim:

- rests on unnamed speakers ("Western intelligence officials say") — kind `anonymous`;
- is a forecast (`speech.forecasts`: "is expected to follow suit"), outside a quotation, that no
  statement of the case dated on the article's day or in the `FORECAST_DAYS` after it fulfils — kind
  `forecast`; a forecast that one does fulfil, or one the claim quotes a speaker making, is left to
  the other rules;
- credits only a speaker who is none of the corpus's issuers («وقال الحزب إن», "the Electoral
  Commission announced"; `views.UNLISTED`), outside a quotation (a quoted source may report what
  another said) — kind `unlisted`;
- credits an issuer with no primary statement in the case ("the US and the UK have called out…"
  where the case has no US statement) — kind `no_statement`;
- has no primary sentence close enough to count as saying it (`SUPPORT_SCORE`) — kind `no_evidence`;
- reports a measure (`speech.acts`: a summons, an expulsion, an arrest, sanctions) that no primary
  sentence of the case reports in its original wording — kind `no_act`: the closest sentence may share
  the topic, but nobody on file says the measure was taken.

Media sentences never count: the closest one is named in the details as context.
"""

from __future__ import annotations

from datetime import date

from muqabala.collate.views import ANONYMOUS, SUPPORT_SCORE, UNLISTED, CaseView, ClaimView, adjusted, flag, names
from muqabala.lexicon.phrases import Act, find
from muqabala.lexicon.quotations import inside
from muqabala.report import Discrepancy
from muqabala.vocabulary import quote

ECHO_SCORE = 0.2
"""Alignment score from which a primary sentence says what a claim credits to unnamed sources or to a
speaker with no statement on file: the claim is then "partly supported" (kind `echoed`), the content
official, its speaker untraceable. Stricter than `SUPPORT_SCORE`, which only has to find the closest
of the credited issuer's sentences: here nobody vouches for the match. Set on the tuning cases
(docs/evaluation.md, "Eighth wave")."""

FORECAST_DAYS = 30
"""How long after the article a statement fulfils a forecast it reports ("is expected to follow suit"):
news forecasts are about the coming days or weeks, not a statement on another incident years on."""


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
            echo = _echoed(claim, case, seg.start, seg.end, unnamed=True)
            if echo:
                return echo
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
    # A forecast inside quotation marks is the quoted speaker's, not the article's: whether a statement
    # holds those words is the `quote` rule's finding, and whether the speaker has one on file is below.
    forecast = [
        h
        for h in find(case.lexicon.speech.forecasts.get(claim.lang), claim.original)
        if not inside(claim.original, h.start)
    ]
    if forecast:
        return _forecast(claim, case, forecast[0].start, forecast[0].end, note_en, note_ar, context)
    unlisted = next(
        (seg for seg in claim.segments if UNLISTED in seg.speakers and not inside(claim.original, seg.start)),
        None,
    )
    if unlisted is not None and not claim.credited:
        echo = _echoed(claim, case, unlisted.start, unlisted.end, unnamed=False)
        if echo:
            return echo
        return [
            flag(
                "unsupported",
                "major",
                "The claim credits a speaker who is none of the issuers whose statements this case holds: "
                "no primary source is theirs." + note_en,
                "ينسب الادعاء القول إلى متحدث ليس من الجهات التي يضم هذا الملف بياناتها؛ فلا مصدر رسميًا لما "
                "نُسب إليه." + note_ar,
                claim.span(unlisted.start, unlisted.end),
                None,
                kind="unlisted",
                context=context,
            )
        ]
    silent = [i for i in claim.credited if not case.dated(case.root(i))]
    if silent:
        who = names(case, silent, "en"), names(case, silent, "ar")
        return [
            flag(
                "unsupported",
                "major",
                f"The claim credits {who[0]}, whose statements this case does not hold: no primary source "
                f"is theirs." + note_en,
                f"ينسب الادعاء القول إلى {who[1]}، ولا يضم هذا الملف أي بيان لهم؛ فلا مصدر رسميًا لما نُسب "
                f"إليهم." + note_ar,
                claim.whole(),
                None,
                kind="no_statement",
                issuers=silent,
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
    act = _unreported_act(claim, case)
    if act is not None:
        measure, start, end = act
        # Each explanation quotes the claim's words only in the claim's own language.
        said = quote(claim.original[start:end], claim.lang)
        en = f"{measure.name}, {said}" if claim.lang == "en" else measure.name
        ar = f"{measure.name_ar}: {said}" if claim.lang == "ar" else measure.name_ar
        return [
            flag(
                "unsupported",
                "major",
                f"No primary statement reports the measure the claim describes ({en})." + note_en,
                f"لا يذكر أيٌّ من البيانات الرسمية الإجراء الذي يرويه الادعاء ({ar})." + note_ar,
                claim.span(start, end),
                None,
                kind="no_act",
                act=measure.id,
                context=context,
            )
        ]
    return []


def _unreported_act(claim: ClaimView, case: CaseView) -> tuple[Act, int, int] | None:
    """The first measure the claim reports in its own words (not inside a quotation) that no primary
    sentence of the case reports (`CaseView.acts`), with where it stands."""
    for act in case.lexicon.speech.acts:
        if act.id in case.acts:
            continue
        hits = [h for h in find(act.get(claim.lang), claim.original) if not inside(claim.original, h.start)]
        if hits:
            return act, hits[0].start, hits[0].end
    return None


def _echoed(claim: ClaimView, case: CaseView, start: int, end: int, unnamed: bool) -> list[Discrepancy]:
    """The `echoed` flag when a primary sentence says what the claim credits to unnamed sources
    (`unnamed`) or to a speaker who is no issuer of the corpus; none when no sentence comes close."""
    top = next((s for s in claim.evidence if adjusted(s, claim.keep) >= ECHO_SCORE), None)
    if top is None:
        return []
    st = case.corpus.statements.get(top.statement)
    issuer = case.the(st.issuer if st is not None else top.issuer)
    _, day = case.issued(top.statement)
    if unnamed:
        en = "The claim rests on unnamed officials or sources; what it says is in"
        ar = "يستند الادعاء إلى مسؤولين أو مصادر لم تُسمَّ، لكن مضمونه وارد في"
    else:
        en = (
            "The claim credits a speaker who is none of the issuers whose statements this case holds; "
            "what it says is in"
        )
        ar = "ينسب الادعاء القول إلى متحدث ليس من الجهات التي يضم هذا الملف بياناتها، لكن مضمونه وارد في"
    return [
        flag(
            "unsupported",
            "major",
            f"{en} {issuer.en}'s statement of {day.en}, which does not name them.",
            f"{ar} بيان {issuer.ar} الصادر في {day.ar}، ولا يسمّيهم.",
            claim.span(start, end),
            top.whole(),
            kind="echoed",
        )
    ]


def _forecast(
    claim: ClaimView, case: CaseView, start: int, end: int, note_en: str, note_ar: str, context: str | None
) -> list[Discrepancy]:
    """A forecast is fulfilled when an issuer it names issued a primary statement on the article's day or in
    the `FORECAST_DAYS` after it."""
    published = date.fromisoformat(claim.date[:10]) if claim.date else None
    for issuer in claim.named:
        later = [
            sid
            for day, sid in case.dated(case.root(issuer))
            if published and 0 <= (date.fromisoformat(day[:10]) - published).days <= FORECAST_DAYS
        ]
        if later:
            return []
    subject_en = names(case, list(claim.named), "en") or "the party it names"
    subject_ar = names(case, list(claim.named), "ar") or "الطرف الذي يسمّيه"
    return [
        flag(
            "unsupported",
            "major",
            f"The claim is a forecast about {subject_en}; no statement in this case, up to the article's day "
            f"or after it, shows it fulfilled." + note_en,
            f"الادعاء توقّعٌ بشأن {subject_ar}، ولا يضم هذا الملف بيانًا صادرًا في يوم المقال أو بعده يُظهر "
            f"أنه تحقق." + note_ar,
            claim.span(start, end),
            None,
            kind="forecast",
            named=list(claim.named),
            context=context,
        )
    ]
