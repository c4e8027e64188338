"""One verdict per claim, from its evidence and the rules that fired.

Only major discrepancies decide; minor ones are recorded beside the verdict. The first row
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
| `misleading`       | a major `attribution_level`, `hedge`, `scope`, `quote` or `translation` |
|                    | (said, but stronger, narrower or worded into another meaning)          |
| `unsupported`      | a major `unsupported` of kind `no_evidence` (no primary sentence close  |
|                    | enough to say it); after the rows above, because a rule that compared   |
|                    | the claim with a source sentence and found it changed says more         |
| `partly_supported` | a major `number` of kind `absent` or `timing` of kind                  |
|                    | `cannot_establish` (part of the claim has no support)                  |
| `supported`        | otherwise: a primary sentence says it, at most minor differences       |

The rationale is that verdict's label followed by the explanation of the discrepancy that
decided it (or, for `supported`, who says it and in whose statement of which day), in both
languages. Explanations name statements by issuer and date, never by file id.
"""

from __future__ import annotations

from muqabala.collate.views import CaseView, ClaimView
from muqabala.report import Discrepancy, Texts
from muqabala.vocabulary import VERDICTS, Verdict

TABLE: list[tuple[Verdict, set[tuple[str, str | None]]]] = [
    ("unsupported", {("unsupported", "anonymous"), ("unsupported", "forecast"), ("unsupported", "no_statement")}),
    ("misattributed", {("speaker", None)}),
    ("contradicted", {("number", "differs"), ("timing", "contradicted")}),
    (
        "misleading",
        {
            ("attribution_level", None),
            ("hedge", None),
            ("scope", None),
            ("quote", None),
            ("translation", None),
        },
    ),
    ("unsupported", {("unsupported", None)}),
    ("partly_supported", {("number", "absent"), ("timing", "cannot_establish")}),
]
"""The decision table above: verdict ← (rule, kind) pairs; kind None matches any."""


def _matches(d: Discrepancy, keys: set[tuple[str, str | None]]) -> bool:
    return (d.type, None) in keys or (d.type, d.details.get("kind")) in keys  # type: ignore[comparison-overlap]


def decide(claim: ClaimView, found: list[Discrepancy], is_claim: bool, case: CaseView) -> tuple[Verdict, Texts]:
    """The computed verdict and its one-line rationale."""
    if not is_claim:
        return "not_a_claim", Texts(
            en="Not a claim: marked as such by the editors.", ar="ليس ادعاءً: وسمه المحررون كذلك."
        )
    major = [d for d in found if d.severity == "major"]
    for verdict, keys in TABLE:
        deciding = next((d for d in major if _matches(d, keys)), None)
        if deciding is not None:
            label = VERDICTS[verdict]
            return verdict, Texts(
                en=f"{label.en}: {deciding.explanation.en}", ar=f"{label.rationale_ar}: {deciding.explanation.ar}"
            )
    top = claim.evidence[0]
    who = case.name(top.issuer)
    issuer, day = case.issued(top.statement)
    if issuer == who:
        return "supported", Texts(
            en=f"Supported: {who.en} says this in a statement of {day.en}.",
            ar=f"مدعوم: يقول ذلك {who.ar} في بيان صادر في {day.ar}.",
        )
    return "supported", Texts(
        en=f"Supported: {who.en} says this in {issuer.en}'s statement of {day.en}.",
        ar=f"مدعوم: يقول ذلك {who.ar} في بيان {issuer.ar} الصادر في {day.ar}.",
    )
