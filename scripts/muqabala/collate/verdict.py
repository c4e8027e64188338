"""One verdict per claim, from its evidence and the rules that fired.

Only major discrepancies decide; minor ones are recorded beside the verdict (an `attribution_level` of
kind `less_specific`, the state named where its source names a body of it, is one: accurate, less
specific). The first row
that applies wins:

| verdict            | when                                                                   |
|--------------------|------------------------------------------------------------------------|
| `not_a_claim`      | the sentence is marked `claim: false` in the article file              |
| `unsupported`      | a major `unsupported` of kind `anonymous` (unnamed officials, sources), |
|                    | `forecast` (an unfulfilled forecast) or `no_statement` (credited to an  |
|                    | issuer the case has no statement of)                                   |
| `misattributed`    | a major `speaker` (the words are another issuer's)                     |
| `contradicted`     | a major `number` of kind `differs`, or `timing` of kind `contradicted`  |
|                    | (the source gives another figure, the dates show another order)        |
| `misleading`       | a major `attribution_level` (exceeded, an organ never named, or an      |
|                    | attribution the source declines), `hedge`, `scope`, `quote` (a quotation|
|                    | changed) or `translation` (said, but stronger, narrower or worded into  |
|                    | another meaning)                                                       |
| `unsupported`      | a major `unsupported` of kind `no_evidence` (no primary sentence close  |
|                    | enough to say it) or `unlisted` (credited only to a speaker who is no   |
|                    | issuer) or `no_act` (a measure no statement reports); after the rows    |
|                    | above, because a rule that compared                                    |
|                    | the claim with a source sentence and found it changed says more         |
| `partly_supported` | a major `unsupported` of kind `echoed`: unnamed sources or a speaker    |
|                    | who is no issuer say what a primary statement says (the content is     |
|                    | official, the speaker cannot be traced); with the rows above           |
| `misleading`       | a major `quote` of kind `not_found` (words put in quotation marks that  |
|                    | no statement holds); after `unsupported`, because a quotation found     |
|                    | nowhere in a claim that has no source at all is part of that finding;   |
|                    | `unsupported` instead when no primary sentence comes near the claim     |
|                    | (`unsupported.ECHO_SCORE`): words nobody on file said, about nothing    |
|                    | anyone on file said, are not a distorted source but an absent one       |
| `partly_supported` | a major `number` of kind `absent` or `timing` of kind                  |
|                    | `cannot_establish` (part of the claim has no support)                  |
| `supported`        | otherwise: a primary sentence says it, at most minor differences       |

The rationale is the explanation of the discrepancy that decided the verdict (or, for
`supported`, who says it and in whose statement of which day), in both languages. It does not
repeat the verdict's label: pages show the label beside it. Explanations name statements by
issuer and date, never by file id.
"""

from __future__ import annotations

from muqabala.collate.rules.unsupported import ECHO_SCORE
from muqabala.collate.views import CaseView, ClaimView, adjusted
from muqabala.report import Discrepancy, Texts
from muqabala.vocabulary import Grammar, Verdict

TABLE: list[tuple[Verdict, set[tuple[str, str | None]]]] = [
    ("unsupported", {("unsupported", "anonymous"), ("unsupported", "forecast"), ("unsupported", "no_statement")}),
    ("misattributed", {("speaker", None)}),
    ("contradicted", {("number", "differs"), ("timing", "contradicted")}),
    (
        "misleading",
        {
            ("attribution_level", "exceeds"),
            ("attribution_level", "organ"),
            ("attribution_level", "declined"),
            ("hedge", None),
            ("scope", None),
            ("quote", "changed"),
            ("translation", None),
        },
    ),
    ("unsupported", {("unsupported", "no_evidence"), ("unsupported", "unlisted"), ("unsupported", "no_act")}),
    ("partly_supported", {("unsupported", "echoed")}),
    ("misleading", {("quote", "not_found")}),
    (
        "partly_supported",
        {("number", "absent"), ("timing", "cannot_establish")},
    ),
]
"""The decision table above: verdict ← (rule, kind) pairs; kind None matches any."""

_NOWHERE: set[tuple[str, str | None]] = {("quote", "not_found")}


def _matches(d: Discrepancy, keys: set[tuple[str, str | None]]) -> bool:
    return (d.type, None) in keys or (d.type, d.details.get("kind")) in keys  # type: ignore[comparison-overlap]


def supported(who: Texts, issuer: Texts, day: Texts, speaker: Grammar, own: bool) -> Texts:
    """The rationale of a supported claim: who says it, in whose statement, of which day.

    The Arabic agrees with the speaker (`Grammar`), or, when the speaker is the issuer, is phrased
    so that it needs no agreement («ورد ذلك في بيان …»)."""
    if own:
        return Texts(
            en=f"{who.en} {speaker.en_verb('says', 'say')} this in a statement of {day.en}.",
            ar=f"ورد ذلك في بيان {who.ar} الصادر في {day.ar}.",
        )
    return Texts(
        en=f"{who.en} {speaker.en_verb('says', 'say')} this in {issuer.en}'s statement of {day.en}.",
        ar=f"{speaker.ar_before('يقول', 'تقول')} ذلك {who.ar} في بيان {issuer.ar} الصادر في {day.ar}.",
    )


def decide(claim: ClaimView, found: list[Discrepancy], is_claim: bool, case: CaseView) -> tuple[Verdict, Texts]:
    """The computed verdict and its one-line rationale."""
    if not is_claim:
        return "not_a_claim", Texts(
            en="The editors marked this sentence as not a claim.", ar="وسم المحررون هذه الجملة بأنها ليست ادعاءً."
        )
    major = [d for d in found if d.severity == "major"]
    far = not claim.evidence or adjusted(claim.evidence[0], claim.keep) < ECHO_SCORE
    for verdict, keys in TABLE:
        deciding = next((d for d in major if _matches(d, keys)), None)
        if deciding is not None:
            if far and verdict == "misleading" and _matches(deciding, _NOWHERE):
                verdict = "unsupported"
            return verdict, Texts(en=deciding.explanation.en, ar=deciding.explanation.ar)
    top = claim.evidence[0]
    st = case.corpus.statements.get(top.statement)
    issuer_id = st.issuer if st is not None else top.issuer
    _, day = case.issued(top.statement)
    return "supported", supported(
        case.the(top.issuer, start=True),
        case.the(issuer_id),
        day,
        case.grammar(top.issuer),
        issuer_id == top.issuer,
    )
