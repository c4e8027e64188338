"""Rule `attribution_level`: a claim goes further up the attribution scale than its speaker.

Each stretch of a claim is coded on the scale (rules/coding.py) and compared with the
strongest coding of the statements of every issuer it credits (at the top of the issuer's
chain: Raab and the NCSC speak for the UK Government), about the same state. "The UK and the
EU accused China" (a direct accusation: state_affiliated) exceeds the EU's "from the territory
of China" (territory), not the UK's "Ministry of State Security" (state_organ). Naming a body
the issuer never named is flagged too, even at an equal level (an organ counts as named when its
source names a narrower one: the GRU is an intelligence service, `kind_of` in attribution.yaml). A
stretch in the article's own voice is compared with the strongest statement of the case.

Going down the scale is a minor difference: "Russia" where the source names "the Russian military"
is less specific, not wrong, and is shown without changing the verdict.
"""

from __future__ import annotations

from muqabala.collate.attribution import code
from muqabala.collate.views import ANONYMOUS, LEVEL_NAMES, CaseView, ClaimView, Segment, Source, flag, rank
from muqabala.report import Discrepancy, SourceSpan


def _source_span(src: Source, case: CaseView) -> SourceSpan:
    text = src.words("en")
    exclude = {c for c in [case.country(src.issuer)] if c}
    hits = code(text, "en", case.lexicon, case.states, exclude).hits
    return src.span("en", hits[0].start, hits[0].end) if hits else src.whole()


def _exceeds(claim: ClaimView, seg: Segment, root: str | None, case: CaseView) -> list[Discrepancy]:
    c = seg.coding
    roots = [root] if root else case.roots
    level, src = max((case.strongest(r, c.state) for r in roots), key=lambda x: rank(x[0]))
    who_en = case.name(root).en if root else "any statement of the case"
    who_ar = case.name(root).ar if root else "أيٌّ من بيانات القضية"
    cue = claim.original[seg.cue_spans[0][0] : seg.cue_spans[0][1]] if seg.cue_spans else ""
    claim_span = claim.span(*seg.cue_spans[0]) if seg.cue_spans else claim.span(seg.start, seg.end)
    source_span = _source_span(src, case) if src else None
    said = f' ("{source_span.text}")' if source_span else ""
    details = {
        "claim_level": c.level,
        "source_level": level,
        "issuer": root,
        "state": c.state,
        "claim_organ": c.named_organ,
        "source_organ": case.coding[src.ref].named_organ if src else None,
    }
    if rank(c.level) > rank(level):
        return [
            flag(
                "attribution_level",
                "major",
                f'The claim puts {who_en} at "{LEVEL_NAMES[c.level].en}" ("{cue}"); {who_en} goes no further '
                f'than "{LEVEL_NAMES[level].en}"{said}.',
                f'ينسب الادعاء إلى {who_ar} مستوى "{LEVEL_NAMES[c.level].ar}" ("{cue}")، في حين لا يتجاوز '
                f'{who_ar} مستوى "{LEVEL_NAMES[level].ar}"{said}.',
                claim_span,
                source_span,
                **details,
            )
        ]
    named = {case.coding[s.ref].named_organ for s in (case.by_root(root) if root else case.sources)}
    kinds = {o.name: o.kind_of for o in case.lexicon.attribution.organs}
    organs = named | {k for o in named if o for k in kinds.get(o, [])}
    if c.named_organ and c.named_organ not in organs:
        return [
            flag(
                "attribution_level",
                "major",
                f"The claim has {who_en} name the {c.named_organ}; {who_en} names no such body.",
                f"يجعل الادعاء {who_ar} يسمّي "
                f"{c.named_organ_label.ar if c.named_organ_label else c.named_organ}، ولم يسمِّ {who_ar} هذه الجهة.",
                claim_span,
                source_span,
                **details,
            )
        ]
    source_organ = details["source_organ"]
    if rank(c.level) < rank(level) and source_organ and not c.named_organ:
        organ = next((o for o in case.lexicon.attribution.organs if o.name == source_organ), None)
        organ_ar = organ.name_ar if organ else source_organ
        return [
            flag(
                "attribution_level",
                "minor",
                f'The claim puts it at "{LEVEL_NAMES[c.level].en}" ("{cue}"), where {who_en} names a state body, '
                f"the {source_organ}{said}.",
                f'يضع الادعاء ذلك في مستوى "{LEVEL_NAMES[c.level].ar}" ("{cue}")، في حين يسمّي {who_ar} جهازًا من أجهزة '
                f"الدولة هو {organ_ar}{said}.",
                claim_span,
                source_span,
                kind="less_specific",
                **details,
            )
        ]
    return []


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag every stretch of the claim coded above what its speaker said."""
    out: list[Discrepancy] = []
    for seg in claim.segments:
        if seg.coding.level == "none" or ANONYMOUS in seg.speakers:
            continue
        speakers = [s for s in seg.speakers if s != ANONYMOUS]
        if not speakers:
            out += _exceeds(claim, seg, None, case)
            continue
        for root in dict.fromkeys(case.root(s) for s in speakers):
            if root in case.roots:
                out += _exceeds(claim, seg, root, case)
    return out
