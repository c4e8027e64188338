"""Rule `speaker`: words or positions credited to an issuer whose statements do not hold them.

Two tests, both at the top of the issuer chain (the FCDO, Raab and the NCSC are one speaker):
a named organ or group (`Ministry of State Security`, `APT40`) credited to an issuer that
never names it while another issuer does; and a claim whose closest primary sentence, close
enough to count as saying it, belongs to an issuer the claim does not credit at all.

The second test compares speaker-blind scores: the aligner rewards a sentence whose speaker
the claim names (align.py's `SPEAKER_WEIGHT`, issuer entities), which is right for finding
evidence but would hide exactly this error ("the UK linked these activities…" finds the UK's
sentence partly because it says "UK"). Those bonuses are taken off before comparing, and the
other issuer's sentence must lead by `MARGIN`. A sentence of another issuer that names the
credited one is its account of what the credited one did (the accused's embassy: "the chargé
d'affaires was summoned to the Federal Foreign Office"), no rival: it confirms the claim.
"""

from __future__ import annotations

from muqabala.collate.attribution import mentions
from muqabala.collate.views import (
    ANONYMOUS,
    SUPPORT_SCORE,
    CaseView,
    ClaimView,
    Source,
    adjusted,
    flag,
    names,
    when,
)
from muqabala.report import Attribution, Discrepancy, Span, Texts

MARGIN = 0.1
"""How far another issuer's sentence must lead, speaker-blind, before the words count as theirs."""


def blind(src: Source) -> float:
    """The alignment score without the bonuses for naming any speaker or issuer."""
    return adjusted(src)


def _named(coding: Attribution, name: str) -> Texts:
    """A named organ by its name in each language («وزارة أمن الدولة»), with "the" in English; a
    group by its code (`APT40`), the same in both."""
    if name == coding.named_organ and coding.named_organ_label is not None:
        return Texts(en=f"the {coding.named_organ_label.en}", ar=coding.named_organ_label.ar)
    return Texts(en=name, ar=name)


def named_elsewhere(credited: Texts, other: Texts, name: Texts) -> tuple[str, str]:
    """The explanation of a body or group credited to an issuer that never names it."""
    return (
        f"The claim credits {credited.en} with naming {name.en}; the statements of {credited.en} do not "
        f"name it, those of {other.en} do.",
        f"ينسب الادعاء إلى {credited.ar} تسمية {name.ar}، ولا ترد هذه التسمية في بيانات {credited.ar}، "
        f"بل في بيانات {other.ar}.",
    )


def _mention(claim: ClaimView, case: CaseView, issuers: list[str]) -> Span | None:
    found = [m for m in mentions(claim.original, case.corpus, case.lexicon, claim.lang) if m.who in issuers]
    return claim.span(found[0].start, found[0].end) if found else None


def _reports(src: Source, roots: set[str], case: CaseView) -> bool:
    """Whether `src` names one of the credited `roots` (or an issuer under them): another issuer's
    account of what the credited one did («the chargé d'affaires was summoned to the Federal Foreign
    Office», in the Russian embassy's statement) confirms the claim, it does not take its words."""
    named = case.named.get(src.ref)
    if named is None:
        text, lang = (src.words("en"), "en") if "en" in src.text else (src.words(src.lang), src.lang)
        named = frozenset(case.root(m.who) for m in mentions(text, case.corpus, case.lexicon, lang, case.states))
        case.named[src.ref] = named
    return bool(named & roots)


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag content credited to the wrong speaker."""
    out: list[Discrepancy] = []
    credited = {case.root(s) for s in claim.credited}
    for seg in claim.segments:
        speakers = [s for s in seg.speakers if s != ANONYMOUS]
        for root in dict.fromkeys(case.root(s) for s in speakers):
            if root not in case.roots:
                continue
            own = case.entities(root)
            # A kind of body ("intelligence service") is named by any organ of that kind (the GRU).
            kinds = {k for o in case.lexicon.attribution.organs if o.name in own for k in o.kind_of}
            for name in [seg.coding.named_organ, *seg.coding.groups]:
                if not name or name in own or name in kinds:
                    continue
                others = [(r, case.entities(r)[name]) for r in case.roots if r != root and name in case.entities(r)]
                if not others:
                    continue
                other, src = others[0]
                out.append(
                    flag(
                        "speaker",
                        "major",
                        *named_elsewhere(case.the(root), case.the(other), _named(seg.coding, name)),
                        _mention(claim, case, speakers) or claim.span(seg.start, seg.end),
                        src.whole(),
                        issuer=root,
                        found_in=other,
                        entity=name,
                    )
                )
    credited &= set(case.roots)
    rivals = sorted(
        (s for s in claim.evidence if not s.by(credited) and not _reports(s, credited, case)),
        key=blind,
        reverse=True,
    )
    mine = max((s for s in claim.evidence if s.by(credited)), key=blind, default=None)
    if (
        not out
        and credited
        and rivals
        and blind(rivals[0]) >= SUPPORT_SCORE
        and (mine is None or blind(rivals[0]) >= blind(mine) + MARGIN)
    ):
        top = rivals[0]
        who = sorted(credited)
        day = when(top.date)
        out.append(
            flag(
                "speaker",
                "major",
                f"The claim's wording matches a statement of {case.the(top.root).en} of {day.en}, "
                f"but the claim credits {names(case, who, 'en')}.",
                f"تطابق صياغة الادعاء بيانًا صادرًا عن {case.name(top.root).ar} في {day.ar}، "
                f"لكن الادعاء ينسبها إلى {names(case, who, 'ar')}.",
                _mention(claim, case, claim.credited),
                top.whole(),
                issuer=who,
                found_in=top.root,
                score=blind(top),
                credited_best=mine.ref if mine else None,
                credited_score=blind(mine) if mine else None,
            )
        )
    return out
