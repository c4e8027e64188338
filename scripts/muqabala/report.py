"""The engine's output, `site/data/report.json`, declared once.

Other tools read this file: keep the documented fields and their meaning stable, add freely.
Everything here is computed by the engine except what carries `origin: "editor"`.
"""

from __future__ import annotations

import sys
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from muqabala.vocabulary import ATTRIBUTION_ORDER, AttributionLevel, DiscrepancyType, Verdict

__all__ = ["ATTRIBUTION_ORDER", "AttributionLevel", "DiscrepancyType", "Verdict"]  # re-exported: part of the contract

REPORT_SCHEMA_VERSION = 2
"""Raised when a field is added or changes meaning (2: `licence`); readers check it."""


_EVERY_FIELD: dict[type, set[str]] = {}
"""Per class of the report, the set of all its fields: shared by the unpickled objects that set every one."""


class _Out(BaseModel):
    """A part of the report: pickled compactly, since the engine's workers send the parts back pickled.

    A report at 1000 cases is ~1.5 million of these objects in the process that assembles it
    (docs/performance.md, ninth session). Pydantic gives each its own set of the fields set at
    creation (a third of an unpickled part's bytes); here an object whose every field was set shares
    one set of its class instead: pydantic only ever adds a field's name to that set, and every name
    is in it already. Its strings are interned, so that the issuer, role, language and reasons
    repeated in every evidence are each held once.
    """

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        if len(self.__pydantic_fields_set__) == len(type(self).model_fields):
            state["__pydantic_fields_set__"] = None  # every field: the class's set (`__setstate__`)
        return state

    def __setstate__(self, state: dict[Any, Any]) -> None:
        cls = type(self)
        if state.get("__pydantic_fields_set__", ()) is None:
            state["__pydantic_fields_set__"] = _EVERY_FIELD.setdefault(cls, set(cls.model_fields))
        fields = state.get("__dict__", {})
        for name, value in fields.items():
            if type(value) is str:
                fields[name] = sys.intern(value)
            elif type(value) is list and value and type(value[0]) is str:
                fields[name] = [sys.intern(v) if type(v) is str else v for v in value]
        super().__setstate__(state)


class Texts(_Out):
    """The same text in both site languages (original or editorial translation)."""

    ar: str
    """Arabic."""
    en: str
    """English."""


class Span(_Out):
    """A stretch of text: character offsets into the text of the given language."""

    lang: Literal["ar", "en"]
    """Which language's text the offsets refer to."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset after the last character."""
    text: str
    """The characters themselves, for readers of the JSON."""


class SourceSpan(Span):
    """A span inside a statement sentence."""

    statement: str
    """Statement id."""
    sentence: str
    """Sentence id within the statement."""


class Attribution(_Out):
    """How far a text goes in holding a state responsible."""

    level: AttributionLevel
    """Highest level on the scale that the text reaches."""
    named_organ: str | None = None
    """The state body named as responsible, in English (`Ministry of State Security`), if any."""
    named_organ_label: Texts | None = None
    """The same body's name in both site languages, from the lexicon, for display."""
    state: str | None = None
    """The state concerned (ISO code), if any."""
    groups: list[str] = Field(default_factory=list)
    """Named groups (`APT40`, `APT31`, `HAFNIUM`), canonical spelling, sorted."""
    cues: list[str] = Field(default_factory=list)
    """The phrases that set the level, as found in the text."""


class Evidence(_Out):
    """One statement sentence aligned with a claim."""

    statement: str
    """Statement id."""
    issuer: str
    """Issuer id of the statement (or of the quoted speaker, when the sentence is a quotation)."""
    sentence: str
    """Sentence id; the anchor on the statement's page."""
    text: Texts
    """The sentence in both languages."""
    original_lang: str
    """The language of the sentence as published."""
    score: float
    """Alignment score, higher is closer; comparable within one claim only."""
    reasons: list[str] = Field(default_factory=list)
    """What matched: terms, entities, figures (`entity:APT40`, `term:ar:اختراق`)."""
    origin: Literal["engine", "editor"] = "engine"
    """`editor` when pinned by an editorial override."""
    role: Literal["primary", "secondary"] = "primary"
    """`secondary` for a media sentence shown as context: never support for the claim."""


class Discrepancy(_Out):
    """One difference between a claim and its sources, found by one named rule."""

    type: DiscrepancyType
    """Which rule found it."""
    origin: Literal["engine", "editor"] = "engine"
    """Always `engine` today; editors act through overrides."""
    severity: Literal["minor", "major"]
    """Minor differences are recorded but do not change the verdict."""
    explanation: Texts
    """What differs, for readers, in both languages."""
    claim_span: Span | None = None
    """The words of the claim concerned."""
    source_span: SourceSpan | None = None
    """The words of the source concerned."""
    details: dict[str, str | int | float | list[str] | None] = Field(default_factory=dict)
    """Rule-specific facts (levels compared, figures compared, glossary term)."""


class EditorialOverride(_Out):
    """An editor's decision, published as such."""

    editor: str
    date: str
    note: Texts
    """Why, in both site languages."""
    verdict: Verdict | None = None
    evidence: list[str] = Field(default_factory=list)


class Claim(_Out):
    """One sentence of an article, checked."""

    id: str
    """Sentence id in the article; the claim's anchor."""
    position: int
    """0 for the headline, then 1, 2, … in reading order."""
    paragraph: int
    """-1 for the headline, then the paragraph index."""
    text: Texts
    """The claim: the original and its editorial translation."""
    verdict: Verdict
    """The verdict shown: the editor's if overridden, else the computed one."""
    origin: Literal["engine", "editor"]
    """Who set `verdict`."""
    computed_verdict: Verdict
    """What the engine concluded, kept even when an editor overrides it."""
    rationale: Texts
    """One line explaining the computed verdict, generated from the rules that fired."""
    override: EditorialOverride | None = None
    """The editorial decision, if any."""
    credited: list[str] = Field(default_factory=list)
    """Issuer ids the claim credits with its content (`the UK said …`)."""
    attribution: Attribution | None = None
    """The claim's own attribution coding, when it speaks of responsibility."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Aligned statement sentences, best first."""
    discrepancies: list[Discrepancy] = Field(default_factory=list)
    """Differences found, major first."""


class ArticleReport(_Out):
    id: str
    case: str
    outlet: Texts
    url: str | None
    date: str
    language: str
    claims: list[Claim]
    verdict_counts: dict[str, int] = Field(default_factory=dict)
    """Claims per verdict shown, for the summary bar."""


class Figure(_Out):
    """A number stated in a text, parsed."""

    value: float
    """The number (a quarter of a million → 250000)."""
    qualifier: Literal["exact", "more_than", "at_least", "less_than", "about", "nearly"] = "exact"
    unit: str | None = None
    """What is counted (`servers`, `organisations`, `%`), when recognisable."""
    scope: str | None = None
    """Where (`worldwide`, `US`), when stated next to it."""
    text: str
    """The words as found."""
    sentence: str | None = None


class StatementReport(_Out):
    id: str
    issuer: str
    case: str
    date: str
    role: Literal["primary", "secondary"]
    completeness: Literal["complete", "partial"]
    attribution: Attribution
    """The statement's coding: the strongest level any sentence reaches, with the organ and groups."""
    sentence_attribution: dict[str, AttributionLevel] = Field(default_factory=dict)
    """Sentence id → its own level, for sentences above `none`."""
    figures: list[Figure] = Field(default_factory=list)
    demands: list[str] = Field(default_factory=list)
    """Sentence ids that make demands of someone (urge, call on, must)."""
    certainty: list[str] = Field(default_factory=list)
    """The hedges (hedges.yaml ids: `likely`, `almost_certain`…) of the sentences that attribute; empty
    when they state the attribution as fact."""
    certainty_cues: list[str] = Field(default_factory=list)
    """Their wording, in the sentences' original language (`highly likely`)."""


class Comparison(_Out):
    """A facet on which two statements of the same case differ."""

    statements: list[str]
    """The two statement ids, in id order."""
    facet: Literal["attribution_level", "certainty", "named_organ", "groups", "figures", "demands", "date", "issuer"]
    values: dict[str, str | list[str] | None]
    """Statement id → that statement's value for the facet."""


class Licence(_Out):
    """The licence the open data is published under."""

    name: str
    """Its name as the licence file gives it (`MIT License`)."""
    path: str
    """Where its text is published, relative to the site's root (`data/LICENSE.txt`)."""
    note: Texts
    """What it covers, and what it does not: the transcribed texts remain their publishers'."""


class Report(_Out):
    """The whole output of one collation run."""

    schema_version: int = REPORT_SCHEMA_VERSION
    data_digest: str
    """SHA-256 of the data files it was computed from."""
    statements: list[StatementReport]
    articles: list[ArticleReport]
    comparisons: list[Comparison]
    licence: Licence | None = None
    """The open data's licence, from the project's `LICENSE` file; set by `muqabala build` and
    `muqabala report`, absent where the project has none."""
