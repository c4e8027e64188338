"""Aligning each claim of an article with the statement sentences most likely to be its source.

For every case the aligner indexes each statement sentence twice, by its Arabic and by its
English wording (original or editorial translation), and records the entities and figures it
mentions. A claim is scored against a sentence by four signals, each explainable in a reason:

- `term:ar:…` — BM25 of the claim's Arabic against the sentences' Arabic;
- `term:en:…` — BM25 of the claim's English against the sentences' English;
- `concept:ar:…`, `concept:en:…` — within those BM25 scores, a synonym of the project's lexicon
  (`lexicon/concepts.yaml`: `sweeping` for `widespread`), weighed below an exact word;
- `entity:…` — canonical entities both mention, weighted by kind (groups, codes and state
  organs count most: they are what an attribution turns on);
- `figure:…` — numbers of the same value;
- `speaker:…` — the claim names the sentence's issuer or speaker (or a body it speaks for).

BM25 scores are divided by the claim's ideal score, so each term signal is the share of the
claim's weight that the sentence matches, and scores of one claim can be compared and
thresholded. Only statements of the claim's own case are candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from muqabala.collate.index import BM25Index
from muqabala.data.corpus import Corpus
from muqabala.data.model import Article, ArticleSentence, Sentence, Text, speaker_ids
from muqabala.lexicon.concepts import TAG
from muqabala.lexicon.entities import Entity, EntityKind, EntityMatcher
from muqabala.lexicon.phrases import Lexicon, find, load_lexicon
from muqabala.lexicon.quotations import MIN_WORDS, quoted

LANGS: tuple[str, str] = ("ar", "en")
"""The languages whose wordings are indexed: the site's two languages."""

TERM_WEIGHT: dict[str, float] = {"ar": 0.5, "en": 0.5}
"""Weight of each language's BM25 share in the score (both in [0, ~1])."""

CONCEPT_WEIGHT = 0.5
"""Share of a synonym's BM25 gain added for a sentence that holds a concept of the claim in other
words (`widespread` for `sweeping`). It is a bonus on top of the exact words' share, never part of
the ideal: a claim's scores against sentences without synonyms stay what exact words make them."""

ENTITY_WEIGHT: dict[EntityKind, float] = {
    "group": 0.3,
    "code": 0.3,
    "organ": 0.3,
    "person": 0.15,
    "organisation": 0.1,
    "product": 0.1,
    "issuer": 0.05,
    "state": 0.03,
}
"""Score added per canonical entity the claim and the sentence share, by kind. States and
issuers are named in nearly every sentence of a case, so they only break near-ties."""

SPEAKER_WEIGHT = 0.25
"""Score added when the claim names the sentence's speaker (`Microsoft said …` and a Microsoft
sentence), counting the issuer, the statement's speaker, a quoted speaker and their parents.
Since a claim's reporting frame is left out of the match, the speaker counts here only: swept
0.1–0.4 on the tuning cases (flat from 0.15), and 0.25 is the least that keeps another case's
statements filed under the Exchange case from outranking China's own denial (docs/evaluation.md)."""

REPORTED_LEAD = 4
"""Characters a sentence may hold before the name of the issuer it reports ("The ")."""

REPORTED_NAME = 80
"""Characters an issuer's name may take ("the Government of the Democratic People's Republic of Korea")."""

REPORTED_GAP = 12
"""Characters between that name and the reporting verb ("The United Kingdom attributes", "Microsoft
has also said"): a reported position is stated at once, not after a clause of its own."""

QUOTE_WEIGHT = 0.75
"""Share of the quoted words' BM25 gain added again, on top of their share in the whole claim: a claim
that quotes ("this is cheating and theft, plainly") is checked against the sentence holding those
words before one that shares more of the claim's other words (the announcement that introduces it).
Quotations of fewer than `quotations.MIN_WORDS` words are names, not wording, and add nothing."""

FIGURE_WEIGHT = 0.25
"""Score added per figure value the claim and the sentence share."""

MIN_FIGURE = 10
"""Smaller numbers ("two of its allies", "three steps") are too common to identify a source."""

STALE_DAYS = 365
"""A statement published more than this many days before the article is seldom what it reports."""

STALE_WEIGHT = 0.5
"""What such a statement's score is multiplied by. Statements published after the article (a day
of zones allowed) are no candidates at all: an article cannot report them. Both are priors about
news, not figures fitted to a case: they keep another case's statements, filed under a case by
mistake or grown into it, from outranking the statements of the article's own days."""

MAX_TERM_REASONS = 6
"""Matched terms listed per language, by contribution."""

LEAD_WEIGHT = 0.05
"""Added, for an article's headline, to each statement's lead (its first sentence that holds
something): a headline sums up the story and an official statement puts its main point first.
Ninth wave, on the 24 tuning cases' 54 headlines: any value from 0.02 to 0.3 gives the same three
headlines their evidence and takes it from none (docs/evaluation.md); the smallest clear margin was
kept. The article's first sentence gained two and lost two the same way, and takes no bonus."""


@dataclass(frozen=True)
class Candidate:
    """A statement sentence proposed as the source of a claim."""

    statement: str
    """Statement id."""
    sentence: str
    """Sentence id within the statement."""
    score: float
    """Higher is closer; comparable within one claim only."""
    reasons: list[str] = field(default_factory=list)
    """What matched: `entity:APT40`, `figure:250000`, `term:en:compromise`, `term:ar:اختراق`."""
    secondary: bool = False
    """True when the statement is a secondary source (media): context, never evidence of what a
    government said."""

    @property
    def ref(self) -> str:
        """`statement#sentence`, the form overrides and gold files use."""
        return f"{self.statement}#{self.sentence}"


@dataclass
class _Features:
    """What one text (a claim or a sentence, all its wordings) offers to matching."""

    terms: dict[str, list[str]]
    """Index terms per language: words (forms joined) and synonym tags."""
    entities: dict[str, EntityKind]
    figures: set[float]


@dataclass
class _CaseIndex:
    terms: dict[str, BM25Index]
    entities: dict[str, list[str]] = field(default_factory=dict)
    figures: dict[float, list[str]] = field(default_factory=dict)
    features: dict[str, _Features] = field(default_factory=dict)
    speakers: dict[str, list[str]] = field(default_factory=dict)
    dates: dict[str, date] = field(default_factory=dict)
    """Each sentence's statement's day, for the priors on statements later or older than the article."""
    voiced: dict[str, set[str]] = field(default_factory=dict)
    """Each statement's own voices: its issuer, its speaker and every speaker it quotes (no parents)."""
    own: set[str] = field(default_factory=set)
    """The sentences that are their statement's own words: neither quoted from nor reporting another."""
    leads: set[str] = field(default_factory=set)
    """Each statement's first sentence that holds something (not an intro or a heading)."""


def wording(text: Text, file_lang: str, lang: str) -> str:
    """The text in `lang`: the original when it is in that language, else its translation ("" if none)."""
    if (text.lang or file_lang) == lang:
        return text.text
    return text.translations.get(lang, "")


class Aligner:
    """Ranks statement sentences for each claim; build once per corpus."""

    def __init__(self, corpus: Corpus, lexicon: Lexicon | None = None):
        """Index `corpus` with the entities, concepts and numbers of `lexicon` (default: the one in
        the corpus's own `lexicon/` folder)."""
        self.corpus = corpus
        if lexicon is None:
            lexicon = load_lexicon(corpus.root / "lexicon")
        self.lexicon = lexicon
        self._concepts = lexicon.concept_matcher
        self._matcher = EntityMatcher(lexicon.entities, corpus.issuers.values())
        self._cases: dict[str, _CaseIndex] = {}
        for st in corpus.statements.values():
            case = self._cases.setdefault(st.case, _CaseIndex({lang: BM25Index() for lang in LANGS}))
            day = date.fromisoformat(st.date[:10])
            voiced = case.voiced.setdefault(st.id, {st.issuer, *speaker_ids(st.speaker)})
            lead = True
            for sen in st.sentences():
                voiced.update(speaker_ids(sen.speaker))
                if sen.role in ("intro", "heading") or _introduces(sen, st.language, lexicon):
                    continue  # "The Foreign Secretary said:" holds nothing a claim can rest on
                doc = f"{st.id}#{sen.id}"
                if lead:
                    case.leads.add(doc)
                    lead = False
                case.dates[doc] = day
                feats = self._features(sen, st.language)
                case.features[doc] = feats
                reported = self._reported(sen, st.language, st.issuer)
                voices = reported or [
                    *speaker_ids(sen.speaker),
                    *([] if sen.role == "quoted" else [*speaker_ids(st.speaker), st.issuer]),
                ]
                if not reported and sen.role != "quoted" and not sen.speaker:
                    case.own.add(doc)
                case.speakers[doc] = list(dict.fromkeys(i for who in voices for i in corpus.issuer_chain(who)))
                for lang in LANGS:
                    case.terms[lang].add(
                        doc,
                        [t for t in feats.terms[lang] if not t.startswith(TAG)],
                        [t for t in feats.terms[lang] if t.startswith(TAG)],
                    )
                for key in feats.entities:
                    case.entities.setdefault(key, []).append(doc)
                for value in sorted(feats.figures):
                    case.figures.setdefault(value, []).append(doc)

    def _features(self, text: Text, file_lang: str) -> _Features:
        versions = {text.lang or file_lang: text.text, **text.translations}
        entities: dict[str, EntityKind] = {}
        figures: set[float] = set()
        for lang, words in sorted(versions.items()):
            for e in _distinct(self._matcher.extract(words)):
                entities.setdefault(e.key, e.kind)
            figures |= {f.value for f in self.lexicon.figures(words, lang) if f.value >= MIN_FIGURE or f.unit == "%"}
        terms = {lang: self._concepts.terms(wording(text, file_lang, lang), lang) for lang in LANGS}
        return _Features(terms, entities, figures)

    def _reported(self, sen: Sentence, file_lang: str, issuer: str) -> list[str]:
        """The issuers whose position a statement sentence reports rather than states: it opens with
        another issuer's name and a reporting verb follows at once ("The United Kingdom
        attributes the attack to …", in a US statement). Such a sentence speaks for them, not for the
        statement's issuer; empty when the sentence is the issuer's own words."""
        en = sen.text if (sen.lang or file_lang) == "en" else sen.translations.get("en", "")
        lead = en[: REPORTED_LEAD + REPORTED_NAME]
        named = [e for e in self._matcher.extract(lead) if e.key.startswith("issuer:")]
        if not named or named[0].start > REPORTED_LEAD:
            return []
        own = set(self.corpus.issuer_chain(issuer))
        first = named[0].key[7:]
        if own & set(self.corpus.issuer_chain(first)):
            return []
        verbs = find(self.lexicon.speech.verbs.get("en"), en)
        if not any(0 <= v.start - named[0].end <= REPORTED_GAP for v in verbs):
            return []
        return [first]

    def issuers_named(self, texts: Iterable[str]) -> list[str]:
        """Issuer ids that any of `texts` names (by name or alias), in order of first appearance."""
        out: list[str] = []
        for text in texts:
            for e in self._matcher.extract(text):
                if e.key.startswith("issuer:") and e.key[7:] not in out:
                    out.append(e.key[7:])
        return out

    def rank(
        self,
        article: Article,
        sentence: ArticleSentence,
        k: int = 10,
        credited: Iterable[str] | None = None,
        frames: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    ) -> list[Candidate]:
        """The `k` statement sentences of the article's case closest to one of its sentences, best first.

        A sentence gains `SPEAKER_WEIGHT` when its speaker (or the issuer it speaks for) is one the claim
        credits (`credited`: issuer ids with their parents, from the engine's speaker analysis); without
        `credited`, when the claim names its speaker anywhere. A sentence that only *mentions* the body
        the claim names gains nothing from it. `frames` are, per language, the stretches of the claim's
        wording that only say who speaks (`attribution.frames`): they are left out of the match, so
        "Defence Minister Bijleveld said" does not pull her sign-off line above what she said. Ties are
        broken by statement id, then sentence id, so the order is always the same.
        """
        case = self._cases.get(article.case)
        if case is None:
            return []
        claim = self._features(_without(sentence, article.language, frames or {}), article.language)
        scores: dict[str, float] = {}
        reasons: dict[str, list[str]] = {}
        term_reasons: dict[str, list[str]] = {}
        for key, kind in sorted(claim.entities.items(), key=lambda e: (-ENTITY_WEIGHT[e[1]], e[0])):
            for doc in case.entities.get(key, []):
                scores[doc] = scores.get(doc, 0.0) + ENTITY_WEIGHT[kind]
                reasons.setdefault(doc, []).append(f"entity:{key}")
        for value in sorted(claim.figures):
            for doc in case.figures.get(value, []):
                scores[doc] = scores.get(doc, 0.0) + FIGURE_WEIGHT
                reasons.setdefault(doc, []).append(f"figure:{_figure_name(value)}")
        for lang in LANGS:
            index = case.terms[lang]
            query = [t for t in claim.terms[lang] if not t.startswith(TAG)]
            ideal = index.ideal(query)
            if not ideal:
                continue
            for doc, score, matched in index.search(query, k=None):
                scores[doc] = scores.get(doc, 0.0) + TERM_WEIGHT[lang] * score / ideal
                term_reasons.setdefault(doc, []).extend(f"term:{lang}:{t}" for t in matched[:MAX_TERM_REASONS])
            for tag, words in self._concepts.found(query).items():
                for doc, score, _ in index.search([tag], k=None):
                    if words & set(case.features[doc].terms[lang]):
                        continue  # the claim's own words are there, and already counted
                    scores[doc] = scores.get(doc, 0.0) + TERM_WEIGHT[lang] * CONCEPT_WEIGHT * score / ideal
                    term_reasons.setdefault(doc, []).append(f"concept:{lang}:{tag.removeprefix(TAG)}")
        for lang, said in _quoted(sentence, article.language).items():
            index = case.terms[lang]
            # Names and codes inside the quotation ("known as APT 40 and APT 31") are counted as
            # entities already; what is left must still be wording.
            for e in reversed(self._matcher.extract(said)):
                said = said[: e.start] + " " * (e.end - e.start) + said[e.end :]
            query = [t for t in self._concepts.terms(_DIGITS.sub(" ", said), lang) if not t.startswith(TAG)]
            ideal = index.ideal(query)
            if len(set(query)) < MIN_WORDS or not ideal:
                continue
            for doc, score, _ in index.search(query, k=None):
                scores[doc] = scores.get(doc, 0.0) + TERM_WEIGHT[lang] * QUOTE_WEIGHT * score / ideal
                reasons.setdefault(doc, []).append(f"quoted:{lang}")
        named = (
            set(credited)
            if credited is not None
            else {key.removeprefix("issuer:") for key in claim.entities if key.startswith("issuer:")}
        )
        for doc in sorted(scores):
            # Said by the credited issuer or a body under it, or in a statement that gives it voice
            # (a minister quoted in her government's release): "the FBI accuses" is not the White
            # House's sentence through their common government.
            spoke = [i for i in case.speakers[doc] if i in named]
            if not spoke and doc in case.own:
                spoke = sorted(named & case.voiced[doc.split("#", 1)[0]])
            if spoke:
                scores[doc] += SPEAKER_WEIGHT
                reasons.setdefault(doc, []).append(f"speaker:{spoke[0]}")
        if sentence is article.headline:
            for doc in case.leads & scores.keys():
                scores[doc] += LEAD_WEIGHT
                reasons.setdefault(doc, []).append("lead")
        published = date.fromisoformat(article.date[:10])
        for doc in list(scores):
            age = (published - case.dates[doc]).days
            if age < -1:
                del scores[doc]  # published after the article: not what it reports
            elif age > STALE_DAYS:
                scores[doc] *= STALE_WEIGHT
                reasons.setdefault(doc, []).append("date:older")
        ranked = sorted(scores.items(), key=lambda d: (-round(d[1], 9), *d[0].split("#", 1)))
        out = []
        for doc, score in ranked[:k]:
            statement, sentence_id = doc.split("#", 1)
            out.append(
                Candidate(
                    statement,
                    sentence_id,
                    round(score, 6),
                    reasons.get(doc, []) + term_reasons.get(doc, []),
                    self.corpus.statements[statement].role == "secondary",
                )
            )
        return out


def _quoted(text: ArticleSentence, file_lang: str) -> dict[str, str]:
    """The quoted wording of each language version of a claim, quotations joined; languages without any left out."""
    versions = {text.lang or file_lang: text.text, **text.translations}
    out = {}
    for lang in LANGS:
        words = versions.get(lang, "")
        spans = quoted(words)
        if spans:
            out[lang] = " ".join(words[a:b] for a, b in spans)
    return out


def _distinct(found: list[Entity]) -> list[Entity]:
    """The entities a text names for certain: a title several people hold names none of them ("the
    Foreign Secretary" is an alias of each holder of the office). (Dropping a match inside a longer
    one as well cost the shipped headline its evidence, and was not kept.)"""
    spans: dict[tuple[int, int], list[Entity]] = {}
    for e in found:
        spans.setdefault((e.start, e.end), []).append(e)
    out = []
    for es in spans.values():
        people = [e for e in es if e.kind == "person"]
        out += [e for e in es if e.kind != "person" or len(people) == 1]
    return out


def _without(text: ArticleSentence, file_lang: str, frames: Mapping[str, Sequence[tuple[int, int]]]) -> Text:
    """`text` with the `frames` of each wording blanked out; a wording left without a word keeps its frames."""
    if not any(frames.values()):
        return text
    versions = {text.lang or file_lang: text.text, **text.translations}
    for lang, spans in frames.items():
        words = versions.get(lang)
        if not words or not spans:
            continue
        blanked = list(words)
        for start, end in spans:
            blanked[start:end] = " " * (end - start)
        if _CONTENT.search("".join(blanked)):
            versions[lang] = "".join(blanked)
    original = versions.pop(text.lang or file_lang)
    return Text(text=original, lang=text.lang, translations=versions)


_CONTENT = re.compile(r"[^\W\d_]{2,}")

_DIGITS = re.compile(r"[\d٠-٩]+")

_INTRO = re.compile(r"[:：]\s*['\"“”«»]?\s*$")


def _introduces(sen: Sentence, file_lang: str, lexicon: Lexicon) -> bool:
    """Whether a statement sentence only introduces what follows: it ends with a colon right after a
    reporting verb ("Foreign Secretary Dominic Raab said:", «وقال وزير الخارجية:»)."""
    text = sen.text.rstrip()
    if not _INTRO.search(text):
        return False
    head = _INTRO.sub("", text)
    lang = sen.lang or file_lang
    return any(h.end >= len(head) - 1 for h in find(lexicon.speech.verbs.get(lang), head))


def _figure_name(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"
