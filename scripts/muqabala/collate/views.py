"""What the discrepancy rules see: a case's sentences coded once (`CaseView`), one claim with its
ranked evidence (`ClaimView`), and the helpers every rule shares (`flag`, `names`, `adjusted`).

Rules read only the lexicon (`case.lexicon`) and the corpus (`case`), never an id, sentence or
issuer of a particular case, so that a new case needs data and no code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from muqabala import vocabulary
from muqabala.collate.align import ENTITY_WEIGHT, SPEAKER_WEIGHT
from muqabala.data.corpus import Corpus
from muqabala.data.model import Statement
from muqabala.lexicon.phrases import Lexicon, StateNames, find, state_names
from muqabala.report import ATTRIBUTION_ORDER, Attribution, Discrepancy, DiscrepancyType, SourceSpan, Span, Texts
from muqabala.vocabulary import ATTRIBUTION_LEVELS, Grammar, join, wording

SUPPORT_SCORE = 0.1
"""Alignment score (align.py's scale, without the bonuses for issuers the claim does not credit) from
which a primary sentence counts as saying the claim; below it the claim is `unsupported` (no_evidence).

Chosen on the tuning cases only (exchange-2021, notpetya-2018, gru-2018; docs/evaluation.md): of
0.05–0.40, the value with the best verdict accuracy there, the higher of two ties. Claims that no
statement makes are caught first by what they are (unnamed sources, forecasts, issuers without a
statement in the case), so this cut-off only has to tell "shares a topic and some words" from
"shares nothing". The first value, 0.4, was set on the Exchange article alone and marked 19 of the
tuning cases' faithful claims unsupported. Kept in the fifth wave after a leave-one-case-out sweep on
the six cases: 0.2 ties it on verdicts with fewer false supports but costs one case two claims
(docs/evaluation.md, "Fifth wave, second part").
"""

ANONYMOUS = "~anonymous"
"""Speaker id standing for unnamed officials or sources."""

UNLISTED = "~unlisted"
"""Speaker id standing for a named speaker that is none of the corpus's issuers («قال الحزب إن»):
someone else speaks, so the speaker of the sentence before is not in force, and there is no
statement to check the words against."""

LEVEL_NAMES: dict[str, Texts] = {key: Texts(en=level.en, ar=level.ar) for key, level in ATTRIBUTION_LEVELS.items()}
"""The scale's levels as explanations name them: the same labels as the pages
(`vocabulary.ATTRIBUTION_LEVELS`), so that a level has one name everywhere."""


def when(date: str) -> Texts:
    """A date as explanations write it (`vocabulary.when`)."""
    return Texts(**vocabulary.when(date))


def adjusted(src: Source, keep: Iterable[str] = ()) -> float:
    """The alignment score without the aligner's bonuses for naming issuers not in `keep`.

    align.py adds `SPEAKER_WEIGHT` when a claim names a sentence's speaker, and a little per
    issuer named in both. That finds evidence well, but a claim that merely mentions the EU
    ("the EU joining in") must not be supported by the EU's sentences for that alone; nor may
    the UK's sentence win over the EU's for a claim that credits the UK with the EU's words.
    """
    keep = set(keep)
    bonus = 0.0
    for reason in src.reasons:
        if reason.startswith("speaker:") and reason.removeprefix("speaker:") not in keep:
            bonus += SPEAKER_WEIGHT
        elif reason.startswith("entity:issuer:") and reason.removeprefix("entity:issuer:") not in keep:
            bonus += ENTITY_WEIGHT["issuer"]
    return round(src.score - bonus, 4)


def rank(level: str) -> int:
    """Position of a level on the scale (none = 0)."""
    return ATTRIBUTION_ORDER.index(level)


@dataclass(frozen=True)
class Source:
    """One statement sentence, as rules see it: who said it, its words, its alignment score."""

    statement: str
    sentence: str
    issuer: str
    """The quoted speaker of the sentence, else the statement's issuer."""
    root: str
    """The top of the issuer's chain (Raab, the FCDO and the NCSC → the UK Government)."""
    text: dict[str, str]
    """The wording by language: the original and every translation."""
    lang: str
    """The language of the original."""
    date: str
    role: str
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    voices: tuple[str, ...] = ()
    """Every root whose words these are, `root` first: several for words spoken jointly (a list
    `speaker`) and for a joint statement's text (`joined_by`); empty means `root` alone."""

    def by(self, roots: Iterable[str]) -> bool:
        """Whether any of `roots` speaks these words."""
        wanted = set(roots)
        return any(r in wanted for r in (self.voices or (self.root,)))

    @property
    def ref(self) -> str:
        return f"{self.statement}#{self.sentence}"

    def scored(self, score: float, reasons: tuple[str, ...]) -> Source:
        """`dataclasses.replace(self, score=score, reasons=reasons)` without running `__init__` again: the
        engine rescores every ranked candidate of every claim (45,000 copies at 100 cases)."""
        out = object.__new__(Source)
        out.__dict__.update(self.__dict__, score=score, reasons=reasons)
        return out

    def words(self, lang: str) -> str:
        """The sentence for a page in `lang` (`vocabulary.wording`)."""
        return wording(self.text, lang, self.lang)

    def span(self, lang: str, start: int, end: int) -> SourceSpan:
        text = self.words(lang)
        return SourceSpan(
            lang=lang,  # type: ignore[arg-type]
            start=start,
            end=end,
            text=text[start:end],  # type: ignore[arg-type]
            statement=self.statement,
            sentence=self.sentence,
        )

    def whole(self, lang: str = "en") -> SourceSpan:
        return self.span(lang, 0, len(self.words(lang)))


@dataclass(frozen=True)
class Segment:
    """A stretch of a claim credited to the same speakers (`قالت المملكة المتحدة إن …`)."""

    start: int
    end: int
    speakers: tuple[str, ...]
    """Issuer ids as named (collective speakers already expanded), or `ANONYMOUS`; empty for
    the article's own voice."""
    coding: Attribution
    """The segment's own attribution coding."""
    cue_spans: tuple[tuple[int, int], ...] = ()
    """Where the phrases that set the segment's level stand in the claim."""


@dataclass
class ClaimView:
    """One article sentence with everything the rules need about it."""

    article: str
    id: str
    text: dict[str, str]
    """The claim by language (original and translations)."""
    lang: str
    """The language of the original."""
    segments: list[Segment]
    evidence: list[Source]
    """Primary statement sentences, best aligned first."""
    context: list[Source] = field(default_factory=list)
    """Secondary (media) sentences: never support, shown as context."""
    keep: frozenset[str] = frozenset()
    """The credited issuers and their parents: the aligner's bonus for naming them stands."""
    named: tuple[str, ...] = ()
    """Issuers the claim names, as speaker or not, in order of first appearance."""
    date: str = ""
    """When the article carrying the claim was published."""
    frames: tuple[tuple[int, int], ...] = ()
    """Where the claim's original only says who speaks ("وقالت ألفا اليوم إن"): `attribution.frames`."""

    @property
    def original(self) -> str:
        return self.text[self.lang]

    @property
    def credited(self) -> list[str]:
        """Issuer ids the claim credits, in order of appearance, without unnamed speakers."""
        out: list[str] = []
        for seg in self.segments:
            out += [s for s in seg.speakers if s not in (ANONYMOUS, UNLISTED) and s not in out]
        return out

    def span(self, start: int, end: int, lang: str | None = None) -> Span:
        lang = lang or self.lang
        text = self.text[lang]
        return Span(lang=lang, start=start, end=end, text=text[start:end])  # type: ignore[arg-type]

    def whole(self) -> Span:
        return self.span(0, len(self.original))

    @property
    def supported(self) -> bool:
        """Whether a primary sentence is close enough to count as saying the claim."""
        return any(adjusted(s, self.keep) >= SUPPORT_SCORE for s in self.evidence)


@dataclass
class CaseView:
    """The statements of one case, coded once and shared by every claim of its articles."""

    corpus: Corpus
    lexicon: Lexicon
    id: str
    states: dict[str, list[str]]
    """State code → every name for it (lexicon states plus government issuers and aliases)."""
    sources: list[Source]
    """Every primary sentence of the case's statements."""
    secondary: list[Source]
    """Every sentence of the case's media statements."""
    coding: dict[str, Attribution]
    """`statement#sentence` → that sentence's attribution coding."""
    declined: dict[str, frozenset[str]] = field(default_factory=dict)
    """`statement#sentence` → the states the sentence declines to hold responsible ("we are not now in
    a position to attribute this activity to the Russian Government"), for primary sentences that do."""
    named: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    """`statement#sentence` → the issuer roots the sentence names, filled as the speaker rule asks
    (every claim of the case asks again about the same sentences)."""
    spoken: dict[str, list[Source]] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Root → the primary sentences it speaks (`by_root`), filled as the rules ask (every claim of
    the case asks again about the same roots)."""

    def root(self, issuer: str) -> str:
        chain = self.corpus.issuer_chain(issuer)
        return chain[-1] if chain else issuer

    def name(self, issuer: str) -> Texts:
        found = self.corpus.issuers.get(issuer)
        if found is None:
            return Texts(ar=issuer, en=issuer)
        return Texts(ar=found.name.ar, en=found.name.en)

    def grammar(self, issuer: str) -> Grammar:
        """How a sentence agrees with the issuer's name (its file's `grammar`, else the default)."""
        found = self.corpus.issuers.get(issuer)
        return found.grammar.grammar() if found is not None and found.grammar is not None else Grammar()

    def the(self, issuer: str, start: bool = False) -> Texts:
        """The issuer's name as a sentence uses it: with "the" in English where it takes one."""
        name = self.name(issuer)
        return Texts(ar=name.ar, en=self.grammar(issuer).en(name.en, start))

    def issued(self, statement: str) -> tuple[Texts, Texts]:
        """Who issued a statement and when, as explanations name it instead of its file id."""
        st = self.corpus.statements.get(statement)
        if st is None:
            return Texts(ar=statement, en=statement), Texts(ar="", en="")
        return self.name(st.issuer), when(st.date)

    def state_label(self, code: str) -> Texts:
        """A state as explanations name it: the lexicon's name, else its government issuer's, else its code."""
        state = next((x for x in self.lexicon.attribution.states if x.code == code), None)
        if state is not None:
            en, ar = state.label()
            return Texts(en=en, ar=ar)
        government = sorted(i.id for i in self.corpus.issuers.values() if i.kind == "government" and i.country == code)
        return self.the(government[0]) if government else Texts(en=code, ar=code)

    def country(self, issuer: str) -> str | None:
        for link in self.corpus.issuer_chain(issuer):
            if self.corpus.issuers[link].country:
                return self.corpus.issuers[link].country
        return None

    @property
    def statements(self) -> list[Statement]:
        return list(self.corpus.cases[self.id].statements.values())

    def dated(self, root: str) -> list[tuple[str, str]]:
        """(date, statement id) of every primary statement whose sentences a root speaks, oldest first."""
        return sorted({(s.date, s.statement) for s in self._spoken(root)})

    def by_root(self, root: str) -> list[Source]:
        return list(self._spoken(root))

    def _spoken(self, root: str) -> list[Source]:
        found = self.spoken.get(root)
        if found is None:
            found = self.spoken[root] = [s for s in self.sources if s.by([root])]
        return found

    @cached_property
    def by_ref(self) -> dict[str, Source]:
        """Every sentence of the case's statements by its ref (primary, then secondary); read once the
        case is built."""
        return {s.ref: s for s in self.sources + self.secondary}

    @cached_property
    def acts(self) -> frozenset[str]:
        """The measures (speech.yaml `acts`) some primary sentence of the case reports, read in the
        statement's own wording, not the editors' Arabic («ويستدعي ردًا» renders "calls for a response");
        a statement in a third language (German) is read in its English translation."""
        found = set()
        for act in self.lexicon.speech.acts:
            for src in self.sources:
                lang = src.lang if src.lang in ("ar", "en") else "en"
                if find(act.get(lang), src.words(lang)):
                    found.add(act.id)
                    break
        return frozenset(found)

    @cached_property
    def prepared_states(self) -> StateNames:
        """`states` prepared for matching once (`phrases.state_names`), not once per sentence coded."""
        return state_names(self.states)

    @cached_property
    def speaking(self) -> frozenset[str]:
        """Every issuer whose words a primary statement of the case holds: the statements' issuers and
        speakers, and the issuers above them."""
        return frozenset(link for s in self.sources for link in self.corpus.issuer_chain(s.issuer))

    @cached_property
    def roots(self) -> list[str]:
        """Issuer roots with primary statements in this case."""
        return sorted({r for s in self.sources for r in (s.voices or (s.root,))})

    @cached_property
    def accused(self) -> frozenset[str]:
        """The state the case is about: the one that the most issuer roots hold responsible in their
        primary sentences (a state's accusation of another state counts for the other, never for itself).
        Several on a tie; none when no sentence attributes. A reply's counter-accusation («the US is the
        biggest hacker») has one root behind it, the accusation the case is about several, or as many
        and more sentences."""
        accusers: dict[str, set[str]] = {}
        sentences: dict[str, int] = {}
        for src in self.sources:
            coding = self.coding[src.ref]
            if coding.level != "none" and coding.state and coding.state != self.country(src.issuer):
                accusers.setdefault(coding.state, set()).add(src.root)
                sentences[coding.state] = sentences.get(coding.state, 0) + 1
        # On a tie of roots (one government accuses, the other replies in kind) the accusation the
        # case is about is made at length, the counter-accusation in a sentence or two.
        key = {s: (len(r), sentences[s]) for s, r in accusers.items()}
        most = max(key.values(), default=(0, 0))
        return frozenset(s for s, k in key.items() if k == most)

    def strongest(self, root: str, state: str | None, groups: Iterable[str] = ()) -> tuple[str, Source | None]:
        """The highest level a root's sentences reach about `state` (any state when None).

        Per incident: when `groups` are given (the groups a claim names) and some of the root's
        attributing sentences name one of them, only those count; a body named for another group
        does not raise the root's level for this one."""
        best: tuple[str, Source | None] = ("none", None)
        srcs = self.by_root(root)
        wanted = set(groups)
        about = [s for s in srcs if wanted & set(self.coding[s.ref].groups) and self.coding[s.ref].level != "none"]
        for src in about or srcs:
            code = self.coding[src.ref]
            if state and code.state not in (state, None):
                continue
            if rank(code.level) > rank(best[0]):
                best = (code.level, src)
        return best

    def entities(self, root: str) -> dict[str, Source]:
        """Named organs and groups in a root's sentences → the first sentence naming each."""
        out: dict[str, Source] = {}
        for src in self.by_root(root):
            code = self.coding[src.ref]
            for name in [code.named_organ, *code.groups]:
                if name and name not in out:
                    out[name] = src
        return out


def flag(
    type_: DiscrepancyType,
    severity: str,
    en: str,
    ar: str,
    claim_span: Span | None = None,
    source_span: SourceSpan | None = None,
    **details: object,
) -> Discrepancy:
    """A discrepancy with its explanation in both languages."""
    return Discrepancy(
        type=type_,
        severity=severity,  # type: ignore[arg-type]
        explanation=Texts(en=en, ar=ar),
        claim_span=claim_span,
        source_span=source_span,
        details=details,  # type: ignore[arg-type]
    )


def names(case: CaseView, issuers: Iterable[str], lang: str) -> str:
    """Issuer names joined for a sentence: `the UK Government and the European Union`,
    «حكومة المملكة المتحدة والاتحاد الأوروبي» (`vocabulary.join`)."""
    return join([case.the(i).en if lang == "en" else case.name(i).ar for i in issuers], lang)
