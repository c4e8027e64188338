"""Words that retrieval should treat as one: forms a light stemmer cannot join, and synonyms.

A project's `lexicon/concepts.yaml` (declared by `ConceptLexicon`) holds groups of terms in
Arabic and English, of two kinds:

- `form`: one word in shapes that light stemming leaves apart (Arabic broken plurals
  `خادم`/`خوادم`, a verb and its verbal noun `استغل`/`استغلال`). Every member is indexed as the
  group's first term, so a match counts as an exact one.
- `synonym`: different words for one idea (`sweeping`/`widespread`). A text holding a member
  also gets the concept's tag `≈<id>`; the aligner weighs a tag below an exact term, so an exact
  word still beats a synonym.

Terms are folded, stemmed and stripped of function words exactly as texts are
(`normalize.tokens`), so they are written as in running text, and may be phrases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from muqabala.data.corpus import read_model
from muqabala.data.errors import Problem
from muqabala.lexicon.normalize import tokens, words

_ARABIC = re.compile(r"[\u0621-\u064A]")

TAG = "≈"
"""Prefix of a synonym concept's index term; no folded word starts with it."""

Term = Annotated[str, StringConstraints(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


def _stems(term: str) -> tuple[str, ...]:
    return tuple(tokens(term, ""))


def _variants(term: str) -> set[tuple[str, ...]]:
    """The stem sequences a term can take in running text.

    Light stemming strips a leading `و ب ل ف` from a bare word but not after the article
    (`واسع` → `اسع`, `الواسع` → `واسع`), so each Arabic word is also stemmed with `ال` before it.
    """
    out: set[tuple[str, ...]] = {()}
    for word in term.split():
        forms = {_stems(word)}
        if _ARABIC.search(word) and not word.startswith("ال"):
            forms.add(_stems("ال" + word))
        out = {head + tail for head in out for tail in forms}
    return out - {()}


class Concept(_Model):
    """One group of terms that mean the same for retrieval."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    """Short name shown in reasons (`concept:en:widespread`): lower case, digits and hyphens."""
    kind: Literal["form", "synonym"]
    """`form`: shapes of one word, matched as exact; `synonym`: other words, matched at a lower weight."""
    ar: list[Term] = Field(default_factory=list)
    """Arabic terms, as written in running text (`واسع النطاق`)."""
    en: list[Term] = Field(default_factory=list)
    """English terms, as written in running text (`large-scale`)."""

    @field_validator("ar", "en")
    @classmethod
    def _has_content(cls, value: list[str]) -> list[str]:
        for term in value:
            if not _stems(term):
                raise ValueError(f"term {term!r} has no content word once function words are dropped")
        return value

    @model_validator(mode="after")
    def _joins_something(self) -> Concept:
        for lang in ("ar", "en"):
            terms = getattr(self, lang)
            if self.kind == "form" and any(len(_stems(t)) != 1 for t in terms):
                bad = next(t for t in terms if len(_stems(t)) != 1)
                raise ValueError(f"a form is one word; list phrases under kind: synonym (got {bad!r} in {lang})")
        if not any(len({_stems(t) for t in getattr(self, lang)}) >= 2 for lang in ("ar", "en")):
            raise ValueError(
                "a group needs two terms of one language that stem apart, like "
                f"en: [sweeping, widespread] (got ar: {self.ar}, en: {self.en})"
            )
        return self


class ConceptLexicon(_Model):
    """`lexicon/concepts.yaml`: groups of terms the aligner treats as one."""

    schema_version: Literal[1]
    """Version of this file's shape; 1 today."""
    concepts: list[Concept] = Field(default_factory=list)
    """The groups; ids are unique, and a word is a form of one group at most (checked on loading)."""


def load_concepts(path: Path, display: str | None = None) -> ConceptLexicon:
    """Read and validate a concept lexicon; raise `DataError` with file and line on any problem.

    Problems name the file as `display` (default: its name).
    """
    return read_model(path, ConceptLexicon, display or path.name, _clashes)


def _clashes(lexicon: ConceptLexicon, line_of: Callable[[tuple[str | int, ...]], int], display: str) -> list[Problem]:
    """Rules across groups: an id used twice, a word listed as a form of two groups."""
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    forms: dict[str, str] = {}
    for i, c in enumerate(lexicon.concepts):
        if c.id in ids:
            problems.append(
                Problem(
                    display,
                    line_of(("concepts", i, "id")),
                    f"concepts[{i}].id",
                    f"is already the id of concepts[{ids[c.id]}] (got {c.id!r})",
                )
            )
        ids.setdefault(c.id, i)
        if c.kind != "form":
            continue
        for lang in ("ar", "en"):
            for j, term in enumerate(getattr(c, lang)):
                (stem,) = _stems(term)
                if forms.setdefault(stem, c.id) != c.id:
                    problems.append(
                        Problem(
                            display,
                            line_of(("concepts", i, lang, j)),
                            f"concepts[{i}].{lang}[{j}]",
                            f"is already a form of {forms[stem]!r}; a word belongs to one form group (got {term!r})",
                        )
                    )
    return problems


CONTENT_CACHE = 1 << 14
"""Texts whose content words a `ConceptMatcher` keeps (`content_forms`): titles and the issuers' names."""


class ConceptMatcher:
    """Turns a text into index terms with forms joined and synonym tags added; build once."""

    def __init__(self, lexicon: ConceptLexicon):
        self._forms: dict[str, str] = {}
        for c in lexicon.concepts:
            if c.kind == "form":
                for lang in ("ar", "en"):
                    terms = getattr(c, lang)
                    if terms:
                        first = _stems(terms[0])[0]
                        self._forms.update((v[0], first) for t in terms for v in _variants(t))
        self._phrases: dict[tuple[str, ...], list[str]] = {}
        for c in lexicon.concepts:
            if c.kind == "synonym":
                for term in c.ar + c.en:
                    for variant in _variants(term):
                        phrase = tuple(self._forms.get(s, s) for s in variant)
                        if c.id not in self._phrases.setdefault(phrase, []):
                            self._phrases[phrase].append(c.id)
        self._longest = max((len(p) for p in self._phrases), default=0)
        self._starts = frozenset(p[0] for p in self._phrases if p)
        """The first terms of the synonym phrases: a term that is none of them starts no phrase."""
        self._content: dict[str, tuple[str, ...]] = {}

    def form(self, stem: str) -> str:
        """The stem its form group is indexed as (`خوادم` → `خادم`, `الكترون` → `سيبران`); itself when in none."""
        return self._forms.get(stem, stem)

    def content_forms(self, text: str) -> tuple[str, ...]:
        """The stems of the content words of `text` (function words aside), each as `form` gives it;
        computed once per text (the speaker analysis compares every issuer's names with each title)."""
        found = self._content.get(text)
        if found is None:
            if len(self._content) >= CONTENT_CACHE:
                self._content.clear()
            found = self._content[text] = tuple(self._forms.get(w.stem, w.stem) for w in words(text) if not w.is_stop)
        return found

    def terms(self, text: str, lang: str) -> list[str]:
        """`tokens(text)` with each form replaced by its group's first, then `≈id` for each synonym concept found.

        A concept is tagged once however many of its terms the text holds: the tag says the idea is
        there, and repeating it would let a list of near-synonyms outweigh one exact word.
        """
        words = [self._forms.get(t, t) for t in tokens(text, lang)]
        return words + list(self.found(words))

    def found(self, words: list[str]) -> dict[str, set[str]]:
        """The tags of the synonym concepts among index terms, each with the terms that raised it."""
        out: dict[str, set[str]] = {}
        for i in range(len(words)):
            if words[i] not in self._starts:
                continue
            for n in range(1, min(self._longest, len(words) - i) + 1):
                for cid in self._phrases.get(tuple(words[i : i + n]), []):
                    out.setdefault(TAG + cid, set()).update(words[i : i + n])
        return out
