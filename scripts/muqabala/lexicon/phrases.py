"""The word lists the engine reads: a project's `lexicon/*.yaml`, loaded here together.

The rules' files are declared here; `numbers.yaml`, `entities.yaml` and `concepts.yaml` are
declared beside the code that reads them (numbers.py, entities.py, concepts.py). Every file
comes from the one folder given to `load_lexicon`, never from beside the code, so a project
with its own lexicon is read with it.

Editors extend these files; the rules never hold words of their own. Every list of phrases
uses one small syntax, matched against text folded by `normalize.fold` (case, hamza forms,
tashkeel, ta marbuta):

- words separated by spaces match words separated by spaces or punctuation;
- `word*` matches any word starting with `word` (`accuse*` → accused, accuses);
- `...` between two words allows up to six words in between (`accused ... {state}`);
- `{state}` matches the name of any state (the `states` of attribution.yaml, plus every
  government in `issuers/` with its aliases), with or without an English possessive (Russia's);
- a hyphen matches a hyphen, a space or nothing (`state-backed` → state backed);
- an Arabic word also matches with an attached و ف ب ل ك in front (`الصين` → بالصين, والصين).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Literal, TypeVar, cast

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from muqabala.data.corpus import read_model
from muqabala.data.errors import DataError, Problem
from muqabala.data.model import Bilingual
from muqabala.lexicon.concepts import ConceptLexicon, ConceptMatcher, load_concepts
from muqabala.lexicon.entities import EntityLexicon
from muqabala.lexicon.entities import load_lexicon as load_entities
from muqabala.lexicon.normalize import fold
from muqabala.lexicon.numbers import FIGURES_CACHE, NumberLexicon, ParsedFigure, parse_figures
from muqabala.lexicon.numbers import _Tables as NumberTables
from muqabala.lexicon.numbers import load_lexicon as load_numbers
from muqabala.lexicon.numbers import tables as number_tables
from muqabala.lexicon.spliced import compile_slotted
from muqabala.vocabulary import StatementForm

SLOTS = ("state",)
"""Placeholders a phrase may hold, written `{state}`."""

GAP_WORDS = 6
"""How many words `...` may stand for."""


def _check_phrase(value: str) -> str:
    words = value.split()
    if not words:
        raise ValueError("must not be empty")
    for w in words:
        if w.startswith("{") and w.strip("{}") not in SLOTS:
            raise ValueError(f"unknown placeholder {w} (known: {', '.join('{' + s + '}' for s in SLOTS)})")
        if "*" in w[:-1]:
            raise ValueError("`*` may only end a word, like accuse*")
    if sum(w == "{state}" for w in words) > 1:
        raise ValueError("a phrase may hold {state} only once")
    if words[0] == "..." or words[-1] == "...":
        raise ValueError("`...` must stand between two words, like accused ... {state}")
    return value


Phrase = Annotated[str, AfterValidator(_check_phrase)]
"""One phrase in the syntax described at the top of this module."""


class _Lex(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Cues(_Lex):
    """Phrases in each site language."""

    ar: list[Phrase] = Field(default_factory=list)
    """Arabic phrases."""
    en: list[Phrase] = Field(default_factory=list)
    """English phrases."""

    def get(self, lang: str) -> list[str]:
        return list(getattr(self, lang, []) or [])


# --- attribution.yaml -------------------------------------------------------------------


class State(Cues):
    """A state that attribution may point at: its names, adjectives and capital."""

    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    """ISO 3166-1 alpha-2 code (`CN`), or a user-assigned code (`XR`) for an invented case."""
    name_en: str | None = None
    """Its name inside an English sentence ("the United States"), when the first form is not it."""
    name_ar: str | None = None
    """Its name inside an Arabic sentence, when the first form is not it."""

    def label(self) -> tuple[str, str]:
        """(English, Arabic) name of the state as explanations use it."""
        en = self.name_en or (self.en[0].rstrip("*") if self.en else self.code)
        ar = self.name_ar or (self.ar[0].rstrip("*") if self.ar else en)
        return en, ar


class Organ(Cues):
    """A state body that a text may name as responsible (the top of the scale)."""

    name: Annotated[str, Field(min_length=1)]
    """Canonical English name, shown in reports (`Ministry of State Security`)."""
    name_ar: Annotated[str, Field(min_length=1)]
    """Its name in Arabic, shown on the Arabic pages (`وزارة أمن الدولة`)."""
    state: str | None = None
    """The state it belongs to, when its name alone says so (the MSS is Chinese)."""
    kind_of: list[str] = Field(default_factory=list)
    """Broader organs of the list it belongs to (the GRU is an `intelligence service` and part of the
    `armed forces`): a source naming it names those too, so "Russian military intelligence" in a claim
    does not count as a body its source never named."""


class Group(Cues):
    """A named hacking group."""

    name: Annotated[str, Field(pattern=r"^[A-Za-z0-9]+$")]
    """Canonical spelling (`APT40`, `HAFNIUM`)."""


class Level(Cues):
    """Phrases that put a text at one level of the attribution scale."""

    level: Literal["territory", "state_affiliated", "state_organ"]
    """The level these phrases reach."""
    why: str = ""
    """What the level means, for the methodology page."""


class AttributionLexicon(_Lex):
    """attribution.yaml: the attribution scale's vocabulary."""

    schema_version: Literal[1]
    states: list[State]
    """States, with every form a text may use for them."""
    organs: list[Organ]
    """Named state bodies; naming one codes a text `state_organ`."""
    groups: list[Group]
    """Named groups, recorded next to the level."""
    levels: list[Level]
    """Phrases per level, including the direct accusations of a state."""
    declined: Cues = Field(default_factory=Cues)
    """Phrases that decline to attribute ("we are not in a position to attribute", "cannot attribute"):
    an attribution phrase they hold is not made, and a claim holding the state responsible for what
    its source declines to attribute goes beyond it."""


# --- hedges.yaml ------------------------------------------------------------------------


class Hedge(Cues):
    """A way of stating less than certainty."""

    id: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    """Short name used in reports (`highly_likely`)."""
    severity: Literal["minor", "major"]
    """How serious it is to report a sentence with this hedge as plain fact."""


class HedgeLexicon(_Lex):
    """hedges.yaml."""

    schema_version: Literal[1]
    hedges: list[Hedge]
    doubt: Cues = Field(default_factory=Cues)
    """Words that present a finding as someone's unproven claim ("alleged", «المزعوم», «تقارير
    تزعم»): put in the mouth of a speaker whose own sentence states the finding without a hedge,
    they lower its certainty (rules/hedge.py)."""


# --- glossary.yaml ----------------------------------------------------------------------


class WrongRendering(_Lex):
    """A known mistranslation of a term, with why it is wrong."""

    ar: list[Phrase] = Field(min_length=1)
    """The wrong Arabic renderings."""
    not_when: list[Phrase] = Field(default_factory=list)
    """Phrases in which the wrong words are right (`الممثل الأعلى`, the High Representative)."""
    severity: Literal["minor", "major"] = "major"
    """`minor` when the garbled term leaves the claim's meaning intact."""
    why: Bilingual
    """Why it is wrong, in both languages; shown to readers."""


class Term(_Lex):
    """An English source term, its sense here, and its accepted and wrong Arabic renderings."""

    term: Annotated[str, Field(min_length=1)]
    """The term as shown in reports (`compromise`)."""
    sense: Annotated[str, Field(min_length=1)]
    """The sense the sources use it in (`a breach of a computer system`)."""
    source: list[Phrase] = Field(min_length=1)
    """English phrases that contain the term in a source sentence."""
    accepted: list[Phrase] = Field(min_length=1)
    """Accepted Arabic renderings."""
    wrong: list[WrongRendering] = Field(min_length=1)
    """Known wrong renderings."""


class Glossary(_Lex):
    """glossary.yaml."""

    schema_version: Literal[1]
    terms: list[Term]


# --- scope.yaml -------------------------------------------------------------------------


class Place(Cues):
    """A place narrower than the world, as a claim may name it."""

    code: Annotated[str, Field(pattern=r"^([A-Z]{2}|EU|[A-Z]{2}-R)$")]
    """ISO code or `EU`, or a region of the world (`AM-R` the Americas, `AS-R` Asia); an issuer with
    this `country` speaks from this place."""
    within: list[str] = Field(default_factory=list)
    """Codes of the wider places this one lies in (the United States in the Americas): a claim that
    names it where its source names only the wider place narrows the scope."""


class ScopeLexicon(_Lex):
    """scope.yaml: geographic and temporal scope."""

    schema_version: Literal[1]
    worldwide: Cues
    """Phrases that give the whole world as the scope."""
    locatives: Cues
    """Words that place something in a place (`in`, `في`; Arabic `ب` is matched attached)."""
    places: list[Place]
    """Narrower places."""
    first: Cues
    """Phrases claiming an order in time (`the first to`, `أول من`)."""


# --- speech.yaml ------------------------------------------------------------------------


class Demand(Cues):
    """A way of making a demand of someone."""

    id: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    """Short name used in comparisons (`urge`)."""


class Act(Cues):
    """A measure taken against someone (`summon`: «استدعت السفير», "summoned the ambassador")."""

    id: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    """Short name used in reports (`summon`)."""
    name: Annotated[str, Field(min_length=1)]
    """What it is called in an English explanation (`a summons`)."""
    name_ar: Annotated[str, Field(min_length=1)]
    """What it is called in an Arabic explanation (`استدعاء`)."""


class FormCue(Cues):
    """Words that say what kind of text a statement was (`in a tweet`, «في تغريدة»)."""

    id: StatementForm
    """The form they name (`vocabulary.STATEMENT_FORMS`)."""


class NotSubject(_Lex):
    """Words that may follow a reporting verb without being its subject (speech.yaml `not_subject`)."""

    prepositions: Cues = Field(default_factory=Cues)
    """Prepositions (`في`, `إلى`): «قالت في بيان إن»; a name right after one is no subject («في لندن»)."""
    adverbs: Cues = Field(default_factory=Cues)
    """Days and adverbs of the speaking (`اليوم`, `قائلًا`): «أكد اليوم أن»."""
    anaphoric: Cues = Field(default_factory=Cues)
    """Subjects that refer back to the speaker in force (`البيان`, `الوزيرة`): «وأضاف البيان أن»."""
    addressees: Cues = Field(default_factory=Cues)
    """Whom the speaker addressed (`للصحافيين`, `لوكالة`): «وصرح للصحافيين بأن»."""

    def get(self, lang: str) -> list[str]:
        """Every list but `addressees`, which only count right after the verb: «للأمن» inside a title
        («المركز الوطني للأمن السيبراني») is part of the name."""
        return self.prepositions.get(lang) + self.adverbs.get(lang) + self.anaphoric.get(lang)


class SpeechLexicon(_Lex):
    """speech.yaml: who says what."""

    schema_version: Literal[1]
    verbs: Cues
    """Reporting verbs: they credit a speaker with what follows."""
    subject_after_verb: list[Literal["ar", "en"]]
    """Languages whose subject usually follows the reporting verb (Arabic: قالت المملكة المتحدة)."""
    complementizers: Cues
    """Words opening reported speech (`إن`, `that`): a verb followed by one has a pronoun subject."""
    collective: Cues
    """Speakers standing for every government named so far (`الدول`, `the countries`)."""
    anonymous: Cues
    """Unnamed speakers (`officials`, `مسؤولو`): never a primary source."""
    demands: list[Demand]
    """Ways of making demands, for the statements' `demands` facet."""
    cosmetic: list[Annotated[str, Field(min_length=1)]]
    """English words whose presence or absence in a quotation does not change its meaning."""
    negations: Cues
    """Negations: a quotation that gains or loses one changes meaning."""
    modals: Cues
    """Modal verbs: a quotation that gains or loses one changes meaning."""
    authorities: Cues = Field(default_factory=Cues)
    """A state's authorities or government named by the state (`السلطات {state}`, `{state} authorities`):
    they speak as that state's government issuer."""
    announcing: Cues = Field(default_factory=Cues)
    """Unnamed officials of a named state announcing (`أعلن مسؤولون {state}`, `{state} officials
    announced`): an announcement is made on the record, for that state's government issuer; unnamed
    officials who only say or tell stay unnamed."""
    media: Cues = Field(default_factory=Cues)
    """Words naming a medium (`موقع`, `agency`): a name after a reporting word and one of these is part of an
    outlet's name or the outlet's report (`حسب موقع روسيا اليوم`), not a speaker."""
    accusing: Cues = Field(default_factory=Cues)
    """Verbs of accusing (`اتهمت`, `accused`): a name right after one and followed by a word with
    attached ب (`اتهمت موسكو بقرصنة`, "accused Moscow of hacking") is the accused, not the speaker,
    whether the verb is active with its subject left out or passive (unmarked in Arabic)."""
    forms: list[FormCue] = Field(default_factory=list)
    """Words naming the kind of text a speaker spoke in: the `form` rule checks them against the
    statements' `form`."""
    attributing: Cues = Field(default_factory=Cues)
    """Reporting verbs that are themselves what the claim asserts (`اتهمت`, `attributed`, `blamed`): the
    aligner matches them as content, while other reporting verbs (`قالت`, `said`) only frame who speaks."""
    contrast: Cues = Field(default_factory=Cues)
    """Conjunctions opening a clause set against the one before (`بينما`, `whereas`): the words before
    one are not the next clause's speaker's («وجّهت الولايات المتحدة اتهامًا لروسيا… بينما نفى الجانب
    الروسي هذه التهم»)."""
    not_subject: NotSubject = Field(default_factory=NotSubject)
    """Words that may stand right after a reporting verb in a subject-after-verb language without being
    its subject; any other word there is a subject of its own, an unlisted speaker when it names no issuer."""
    acts: list[Act] = Field(default_factory=list)
    """Measures a claim may report (a summons, an expulsion, an arrest, sanctions): a claim reporting
    one that no primary sentence of its case reports in either language is unsupported
    (rules/unsupported.py, kind `no_act`)."""
    forecasts: Cues = Field(default_factory=Cues)
    """Phrases that make a claim a forecast (`is expected to`, `من المتوقع أن`): checked against the
    case's later statements (fulfilled or not), never as a fact."""
    rejecting: Cues = Field(default_factory=Cues)
    """Words of denying or rejecting (`نفت`, `denied`): a claim holding one reports a reply, whose evidence
    is the accused state's own words; a claim without one never gets the accused's reply first."""


@dataclass(frozen=True)
class Lexicon:
    """Every lexicon file of a project, loaded."""

    attribution: AttributionLexicon
    hedges: HedgeLexicon
    glossary: Glossary
    scope: ScopeLexicon
    speech: SpeechLexicon
    numbers: NumberLexicon
    entities: EntityLexicon
    concepts: ConceptLexicon
    folder: Path
    """The folder the files were read from."""

    # What is compiled from the files belongs to this object, so that a lexicon loaded again after an
    # edit (under `muqabala serve`) never sees what was compiled from the old files.

    @cached_property
    def _number_tables(self) -> dict[str, NumberTables]:
        return {}

    @cached_property
    def _figures(self) -> Callable[[str, str], tuple[ParsedFigure, ...]]:
        def read(text: str, lang: str) -> tuple[ParsedFigure, ...]:
            if lang not in self._number_tables:
                self._number_tables[lang] = number_tables(self.numbers, lang)
            figures = parse_figures(text, lang, self._number_tables[lang])
            known = self.numbers.languages
            names = [n for code, ln in known.items() if code == lang or lang not in known for n in ln.names]
            spans = [(h.start, h.end) for h in find(names, text)] if figures and names else []
            # A figure inside a name that counts nothing ("the G20", «مجموعة العشرين»), or right after
            # one that is a code's letters («إيه بي تي 10», APT 10 spelt in Arabic), is none.
            return tuple(
                f
                for f in figures
                if not any(a <= f.start and (f.end <= b or not text[b : f.start].strip()) for a, b in spans)
            )

        return lru_cache(maxsize=FIGURES_CACHE)(read)

    def figures(self, text: str, lang: str) -> tuple[ParsedFigure, ...]:
        """Every figure stated in `text` (see `numbers.parse_figures`), computed once per text."""
        return self._figures(text, lang)

    @cached_property
    def concept_matcher(self) -> ConceptMatcher:
        """The concept groups compiled for matching (the aligner's index terms, the quote rule's synonyms)."""
        return ConceptMatcher(self.concepts)


FILES: dict[str, type[_Lex]] = {
    "attribution": AttributionLexicon,
    "hedges": HedgeLexicon,
    "glossary": Glossary,
    "scope": ScopeLexicon,
    "speech": SpeechLexicon,
}
"""File stem → its model, for the files declared here."""

LOADERS: dict[str, Callable[[Path, str], BaseModel]] = {
    "numbers": load_numbers,
    "entities": load_entities,
    "concepts": load_concepts,
}
"""File stem → its loader, for the files declared beside the code that reads them."""


def load_lexicon(folder: Path) -> Lexicon:
    """Read every lexicon file in `folder`; raise one `DataError` listing every problem.

    A missing file is a problem like any other: there is no fallback to the lexicon shipped
    with the code, which would silently check a project against someone else's words.
    """
    problems: list[Problem] = []
    parts: dict[str, BaseModel] = {}
    for stem in [*FILES, *LOADERS]:
        path = folder / f"{stem}.yaml"
        display = f"{folder.name}/{path.name}"
        try:
            parts[stem] = LOADERS[stem](path, display) if stem in LOADERS else read_model(path, FILES[stem], display)
        except DataError as e:
            problems += e.problems
    if problems:
        raise DataError(problems)
    return Lexicon(**parts, folder=folder)  # type: ignore[arg-type]


# --- matching ---------------------------------------------------------------------------

_AR_LETTER = re.compile(r"[\u0621-\u064A]")
_CLITIC = r"(?:[وف]?[بلك]?)"
_JOIN = r"\W+"
_GAP = rf"\W+(?:\w+\W+){{0,{GAP_WORDS}}}?"


@dataclass(frozen=True)
class Hit:
    """Where a phrase matched: offsets into the original (unfolded) text."""

    phrase: str
    start: int
    end: int
    state: str | None = None
    """The state code the `{state}` placeholder matched, if the phrase has one."""


def _word_regex(word: str) -> str:
    star = word.endswith("*")
    folded = fold(word.rstrip("*"))[0]
    if folded.startswith("ال") and len(folded) > 3:
        # ل before the article merges with it: ل + البيت is written للبيت, not لالبيت.
        rest = re.escape(folded[2:]).replace(r"\-", r"[-\s]?") + (r"\w*" if star else "")
        # Folding makes أل (ألفا، ألمانيا) look like the article, so ل + ال stays allowed as well.
        return rf"(?:[وف]?[بلك]?ال|[وف]?لل){rest}"
    body = re.escape(folded).replace(r"\-", r"[-\s]?") + (r"\w*" if star else "")
    return (_CLITIC if _AR_LETTER.match(folded) else "") + body


def _body(phrase: str, slot: str) -> str:
    out = ""
    gap = False
    for word in phrase.split():
        if word == "...":
            gap = True
            continue
        body = f"(?:{slot})" if word == "{state}" else _word_regex(word)
        out += (_GAP if gap else _JOIN) + body if out else body
        gap = False
    return out


@lru_cache(maxsize=8192)
def _compile(phrase: str, slot: str) -> re.Pattern[str]:
    def pattern(slot: str) -> str:
        return r"(?<!\w)" + _body(phrase, slot) + r"(?!\w)"

    # The slot of every state's names is parsed once, not once per phrase (`spliced`).
    return compile_slotted(pattern, slot) if "{state}" in phrase else re.compile(pattern(slot))


def _slot_start(slot: str) -> str:
    return rf"(?<!\w)(?=(?:{slot}))"


@lru_cache(maxsize=64)
def _slot_starts(slot: str) -> re.Pattern[str]:
    """Every place a phrase opening with `{state}` may match from: a word's start where an allowed
    state's name begins (zero-width, so `finditer` gives each place)."""
    return compile_slotted(_slot_start, slot)


@lru_cache(maxsize=8192)
def _opens_with_slot(phrase: str) -> bool:
    return phrase.split()[0] == "{state}"


def _matches_at(pattern: re.Pattern[str], subject: str, starts: list[int]) -> list[re.Match[str]] | None:
    """`list(pattern.finditer(subject))` for a pattern that can only match from one of `starts`
    (ascending): a match is tried at each of them, as `finditer` would try it there, instead of
    the slot's every name at every character. Each match of a phrase opening with `{state}` starts
    where the slot alone matches, behind no word character, so no start is missed. None when a
    match is empty (`finditer` goes on differently after one): the caller uses `finditer` then."""
    out = []
    end = 0
    for start in starts:
        if start < end:
            continue
        m = pattern.match(subject, start)
        if m is not None:
            if m.end() == m.start():
                return None
            out.append(m)
            end = m.end()
    return out


def _permit(index: int) -> str:
    """The mark appended to a text to allow the state at `index`: two non-word characters
    (a noncharacter and a private-use one) that no folded text or phrase holds."""
    return "\uffff" + chr(0xF0000 + index)


_POSSESSIVE = r"['’]s"
"""An English possessive a state's name may carry: `{state} involvement` reads "Russia's involvement"."""


@lru_cache(maxsize=256)
def state_slot(states: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """The regex `{state}` stands for: one named group `s_<code>` per state, longest names first.

    Each group also requires its state's `_permit` mark after the text, so one pattern per
    phrase serves every set of allowed states: an excluded state's group fails as if it were
    absent, and the engine backtracks to the next state or gap exactly as it would without it
    (compiling one pattern per set of allowed states took most of `collate`'s time).
    """
    groups = []
    for index, (code, names) in enumerate(states):
        alts = sorted({_body(n, "(?!)") for n in names}, key=len, reverse=True)
        permit = re.escape(_permit(index))
        groups.append(f"(?P<s_{code}>(?:{'|'.join(alts)})(?:{_POSSESSIVE})?(?=(?s:.*){permit}))")
    return "|".join(groups) or "(?!)"


Heads = tuple[tuple[str, tuple[int, ...]], ...]
"""Where a state's name may start in a text: the literal each name's first word opens with (up to
three letters), and how far after the name's start it may stand (`_name_heads`)."""


@lru_cache(maxsize=256)
def _name_heads(states: tuple[tuple[str, tuple[str, ...]], ...]) -> Heads | None:
    """The heads of every name of `states` (`Heads`); None when a name has none (it may then match
    anywhere, and `_slot_start_places` scans the text with the slot instead).

    They mirror `_word_regex`: an Arabic word may carry up to two attached letters in front (so its
    literal stands 0–2 letters after the start), a word with the article up to four (و ب ال, or و لل),
    any other word none; the literal runs up to the word's first hyphen."""
    offsets: dict[str, set[int]] = {}
    for _, names in states:
        for name in names:
            words = [w for w in name.split() if w != "..."]
            if not words:
                return None
            if words[0] == "{state}":
                continue  # the slot inside a state's name stands for nothing (`state_slot`): it never matches
            folded = fold(words[0].rstrip("*"))[0]
            places: tuple[int, ...]
            if folded.startswith("ال") and len(folded) > 3:
                literal, places = folded[2:], (2, 3, 4)
            else:
                literal, places = folded, (0, 1, 2) if _AR_LETTER.match(folded) else (0,)
            head = literal.split("-")[0][:3]
            if not head or not re.match(r"\w", head[0]):
                return None
            offsets.setdefault(head, set()).update(places)
    return tuple((head, tuple(sorted(places))) for head, places in sorted(offsets.items()))


def _slot_start_places(slot: str, heads: Heads | None, subject: str) -> list[int]:
    """`[m.start() for m in _slot_starts(slot).finditer(subject)]`: every place a phrase opening with
    `{state}` may match from. The slot is tried only where a head of a name stands at one of its
    offsets (a name matching elsewhere would not hold its own literal), instead of at every character
    — the alternation of every state's names was 7 % of `collate` at 100 cases."""
    starts = _slot_starts(slot)
    if heads is None:
        return [m.start() for m in starts.finditer(subject)]
    places: set[int] = set()
    for head, offsets in heads:
        at = subject.find(head)
        while at >= 0:
            places.update(at - o for o in offsets if at >= o)
            at = subject.find(head, at + 1)
    return [place for place in sorted(places) if starts.match(subject, place)]


@dataclass(frozen=True)
class StateNames:
    """Every state's names, prepared once for `find`: build with `state_names` and reuse."""

    codes: tuple[str, ...]
    """State codes, sorted: the order in which `{state}` tries them."""
    slot: str
    """The regex `{state}` stands for (`state_slot`)."""
    heads: Heads | None = field(default=None, compare=False)
    """Where a name may start (`_name_heads`; derived from the names, as `slot` is)."""


def state_names(states: Mapping[str, Iterable[str]] | None) -> StateNames:
    """`states` (code → names) prepared for `find`."""
    key = tuple(sorted((c, tuple(n)) for c, n in (states or {}).items()))
    return StateNames(tuple(code for code, _ in key), state_slot(key), _name_heads(key))


@lru_cache(maxsize=8192)
def _required(phrase: str) -> tuple[str, ...]:
    """Literal stretches every match of `phrase` holds: its words, folded, split at hyphens.

    A text lacking one cannot match, and a substring test is far cheaper than the regex.
    """
    out = []
    for word in phrase.split():
        if word not in ("...", "{state}"):
            parts = [part for part in fold(word.rstrip("*"))[0].split("-") if part]
            # The article may be written لل after ل (`_word_regex`): require what follows it.
            out += [p[2:] if p.startswith("ال") and len(p) > 3 else p for p in parts]
    return tuple(out)


LITERAL_SCAN = 64
"""From how many literals on `find` looks for a list's literals with one pattern over the text
(`_Plan.scan`) instead of one substring test each (the speaker analysis's ~460 issuer names)."""

_Members = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class _Plan:
    """A list of phrases grouped for `find` (`_plan`)."""

    groups: tuple[tuple[str, _Members], ...]
    """The phrases by the longest literal every match of each holds ("" for none), each with its
    other literals, in their order."""
    scan: re.Pattern[str] | None
    """For a list of `LITERAL_SCAN` literals or more, a pattern giving at each place of a text the
    longest literal that starts there (a trie of the literals, so the text decides each step):
    searched again from each match's next character, it finds every place a literal starts."""
    within: dict[str, tuple[tuple[str, _Members], ...]]
    """For `scan`: each literal's groups and those of the literals it starts with (all of them hold
    where it does)."""

    def candidates(self, folded: str) -> list[str]:
        """The phrases whose every literal `folded` holds, in no particular order (`find` sorts)."""
        if self.scan is None:
            return [
                phrase
                for key, members in self.groups
                if key in folded
                for phrase, rest in members
                if not rest or all(map(folded.__contains__, rest))
            ]
        held: dict[str, _Members] = dict(self.within[""])
        m = self.scan.search(folded)
        while m is not None:
            held.update(self.within[m.group()])
            m = self.scan.search(folded, m.start() + 1)
        return [
            phrase
            for members in held.values()
            for phrase, rest in members
            if not rest or all(map(folded.__contains__, rest))
        ]


def _trie(literals: Iterable[str]) -> str:
    """A regex matching the longest of `literals` that starts where it is tried (none is empty)."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for literal in literals:
        node = tree
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:  # type: ignore[type-arg]
        steps = [re.escape(char) + branch(node[char]) for char in sorted(node) if char]
        if not steps:
            return ""
        out = f"(?:{'|'.join(steps)})"
        return out + "?" if "" in node else out

    return branch(tree)


@lru_cache(maxsize=4096)
def _plan(phrases: tuple[str, ...]) -> _Plan:
    """`phrases` grouped by the longest literal every match of each holds (`_required`; "" for none),
    each with its other literals, in their order: `find` tests a literal shared by many phrases (a
    speaker's names, say) once per text instead of once per phrase."""
    grouped: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for phrase in phrases:
        required = _required(phrase)
        key = max(required, key=len, default="")
        rest = list(required)
        if key:
            rest.remove(key)
        grouped.setdefault(key, []).append((phrase, tuple(rest)))
    groups = tuple((key, tuple(members)) for key, members in grouped.items())
    literals = [key for key in grouped if key]
    if len(literals) < LITERAL_SCAN:
        return _Plan(groups, None, {})
    members = dict(groups)
    within = {
        key: tuple((key[:n], members[key[:n]]) for n in range(1, len(key) + 1) if key[:n] in members)
        for key in literals
    }
    within[""] = (("", members[""]),) if "" in members else ()
    return _Plan(groups, re.compile(_trie(literals)), within)


class _Kept(tuple):  # type: ignore[type-arg]
    """A tuple that computes its hash once (`keep`): equal to, and hashing as, the plain tuple."""

    _hash: int

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            self._hash = tuple.__hash__(self)
            return self._hash


T = TypeVar("T")

_PER_LEXICON: dict[tuple[str, tuple[int, ...], str], tuple[tuple[object, ...], object]] = {}
"""`per_lexicon`'s answers by name, the identities of their parts (held, so that no id is reused) and language."""

PER_LEXICON_MOST = 64
"""Answers `per_lexicon` keeps: a few lexicons (and issuer sets) at a time, in tests many in turn."""


def per_lexicon(name: str, parts: tuple[object, ...], lang: str, build: Callable[[], T]) -> T:
    """What `build` makes from some parts of a lexicon (or other objects read but never changed) in
    `lang`, made once per those objects and language instead of once per text: the coder's phrase
    lists, the speaker analysis's, the scope rule's patterns. `name` tells the uses apart."""
    key = (name, tuple(map(id, parts)), lang)
    entry = _PER_LEXICON.get(key)
    if entry is None or any(a is not b for a, b in zip(entry[0], parts, strict=True)):
        if len(_PER_LEXICON) >= PER_LEXICON_MOST:
            _PER_LEXICON.clear()
        entry = _PER_LEXICON[key] = (parts, build())
    return entry[1]  # type: ignore[return-value]


def keep(phrases: Iterable[str]) -> tuple[str, ...]:
    """`phrases` as a tuple that hashes once, for a list given to `find` again and again: its answers
    are kept by the list, and a plain tuple of a thousand names is hashed anew on every call."""
    return _Kept(phrases)


def keep_each(lists: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    """`lists` kept for `find_each` as `keep` keeps one list for `find` (the lists and their union)."""
    return _Kept(tuple(phrases) for phrases in lists)


FOUND_CACHE = 1 << 15
"""`find` answers kept: the coder and the speaker analysis look at a sentence more than once (a
statement sentence when its case is built and again under each claim it may support)."""

_found: dict[tuple[tuple[str, ...], str, StateNames | None, frozenset[str]], tuple[Hit, ...]] = {}
_lists: dict[tuple[str, ...], tuple[str, ...]] = {}
"""One tuple per list of phrases, shared by the keys of `_found` (a list may hold a thousand names)."""


def find(
    phrases: Iterable[str],
    text: str,
    states: Mapping[str, Iterable[str]] | StateNames | None = None,
    exclude: Collection[str] = (),
) -> list[Hit]:
    """Every match of every phrase in `text`, in text order; `states` fill `{state}`, except those in `exclude`.

    A pure function of its arguments: with `states` prepared (`state_names`) or none, the answer is
    kept (`FOUND_CACHE`) and a new list of the same hits is returned when it is asked again."""
    if type(phrases) is not _Kept:
        phrases = tuple(phrases)
    if states is not None and not isinstance(states, StateNames):
        return _find(phrases, text, states, exclude)
    excluded = frozenset(exclude)
    hits = _found.get((phrases, text, states, excluded))
    if hits is None:
        if len(_found) >= FOUND_CACHE:
            _found.clear()
            _lists.clear()
        hits = tuple(_find(phrases, text, states, exclude))
        _found[(_lists.setdefault(phrases, phrases), text, states, excluded)] = hits
    return list(hits)


def _find(
    phrases: tuple[str, ...],
    text: str,
    states: Mapping[str, Iterable[str]] | StateNames | None,
    exclude: Collection[str],
) -> list[Hit]:
    folded, origin = fold(text)
    if not folded:
        return []
    names: StateNames | None = None
    allowed: list[str] = []
    permitted = ""
    starts: list[int] | None = None
    hits = []
    # Each phrase's hits are found apart and all are sorted below, so the order phrases are tried in
    # does not matter; a phrase lacking one of its literals cannot match.
    for phrase in _plan(phrases).candidates(folded):
        slotted = "{state}" in phrase
        if slotted:
            if names is None:
                names = states if isinstance(states, StateNames) else state_names(states)
            if not permitted:
                allowed = [c for c in names.codes if c not in exclude]
                permitted = folded + "".join(_permit(i) for i, c in enumerate(names.codes) if c not in exclude)
            pattern, subject = _compile(phrase, names.slot), permitted
        else:
            # The slot is not part of a pattern without `{state}`: one compile serves every call.
            pattern, subject = _compile(phrase, "(?!)"), folded
        matches = None
        if slotted and _opens_with_slot(phrase):
            if starts is None:
                starts = _slot_start_places(names.slot, names.heads, subject)  # type: ignore[union-attr]
            matches = _matches_at(pattern, subject, starts)
        for m in pattern.finditer(subject) if matches is None else matches:
            if m.end() == m.start():
                continue
            state = next((c for c in allowed if m.groupdict().get(f"s_{c}")), None) if slotted else None
            hits.append(Hit(phrase, origin[m.start()], origin[m.end() - 1] + 1, state))
    return sorted(hits, key=lambda h: (h.start, -h.end, h.phrase))


@lru_cache(maxsize=1024)
def _combined(lists: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], tuple[frozenset[str] | None, ...]]:
    """The phrases of `lists` once each, and each list's phrases as a set (None for a list naming one twice)."""
    union = keep(dict.fromkeys(p for phrases in lists for p in phrases))
    return union, tuple(frozenset(ps) if len(set(ps)) == len(ps) else None for ps in lists)


def find_each(
    lists: Sequence[Sequence[str]],
    text: str,
    states: Mapping[str, Iterable[str]] | StateNames | None = None,
    exclude: Collection[str] = (),
) -> list[list[Hit]]:
    """`[find(phrases, text, states, exclude) for phrases in lists]`, from one `find` over all of them.

    `find` matches each phrase on its own and sorts the hits, so a list's hits are those of the
    whole that are of its phrases. A list naming a phrase twice gets its own `find`."""
    key = cast("tuple[tuple[str, ...], ...]", lists) if type(lists) is _Kept else tuple(map(tuple, lists))
    union, owns = _combined(key)
    everyone = find(union, text, states, exclude)
    said = {h.phrase for h in everyone}
    return [
        find(phrases, text, states, exclude)
        if own is None
        else []
        if own.isdisjoint(said)
        else [h for h in everyone if h.phrase in own]
        for phrases, own in zip(key, owns, strict=True)
    ]
