"""Named entities and codes in a text, reduced to canonical keys.

"APT 40", "APT40", "Advanced Persistent Threat 40" all become `APT40`; "هافنيوم" and
"Hafnium" become `HAFNIUM`; an issuer's name or alias becomes `issuer:<id>`. The names and
patterns are editor data (a project's `lexicon/entities.yaml`, declared by `EntityLexicon`);
issuers' names come from the corpus, so a new case needs new issuer files, not new code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from muqabala.data.corpus import read_model
from muqabala.data.model import Issuer
from muqabala.lexicon.normalize import fold, normalize, words

EntityKind = Literal["group", "code", "organ", "organisation", "product", "person", "state", "issuer"]
"""What an entity is: a threat group, a code (CVE), a state organ, a body or company, a product,
a person, a state, or an issuer of the corpus that is not a person."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class EntityPattern(_Model):
    """A family of codes recognised by a regular expression (`APT40`, `CVE-2021-26855`)."""

    regex: str
    """Matched against folded text, so written folded: lower case, `ا` for every alef."""
    key: str
    """The canonical key, with `{1}`, `{2}` for the captured groups: `APT{1}`."""
    kind: EntityKind
    """What the matches are."""

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as e:
            raise ValueError(f"not a valid regular expression: {e}") from None
        if normalize(value, "") != value.strip():
            raise ValueError(f"must be written folded, like {normalize(value, '')!r}")
        return value


class EntityEntry(_Model):
    """One entity and the names it goes by."""

    key: str = Field(min_length=1)
    """The canonical key shown in reasons (`entity:HAFNIUM`): upper case, or `state:CN`."""
    kind: EntityKind
    """What it is; sets how much a shared mention counts in alignment."""
    names: dict[str, list[str]]
    """Names by language code. A name written all in capitals (`MSS`, `US`) matches capitals only."""


class EntityLexicon(_Model):
    """`lexicon/entities.yaml`: entities and code patterns that are not issuers."""

    schema_version: Literal[1]
    """Version of this file's shape; 1 today."""
    patterns: list[EntityPattern] = Field(default_factory=list)
    """Code families matched by regular expression."""
    entities: list[EntityEntry] = Field(default_factory=list)
    """Named entities matched by name."""


@dataclass(frozen=True)
class Entity:
    """One mention of an entity in a text."""

    key: str
    """Canonical key: `APT40`, `MSS`, `CVE-2021-26855`, `issuer:uk-government`."""
    kind: EntityKind
    """What it is."""
    start: int
    """Offset of the first character in the original text."""
    end: int
    """Offset after the last character in the original text."""
    text: str
    """The original characters."""


def load_lexicon(path: Path, display: str | None = None) -> EntityLexicon:
    """Read and validate an entity lexicon; raise `DataError` with file and line on any problem.

    Problems name the file as `display` (default: its name).
    """
    return read_model(path, EntityLexicon, display or path.name)


EXTRACTED_CACHE = 1 << 15
"""Texts whose entities an `EntityMatcher` keeps."""


@dataclass(frozen=True)
class _Name:
    key: str
    kind: EntityKind
    capitals: bool
    """Match only text written in capitals (acronyms: `US` is not `us`)."""


class EntityMatcher:
    """Finds entities of a lexicon and of a set of issuers; build once, use on many texts."""

    def __init__(self, lexicon: EntityLexicon, issuers: Iterable[Issuer] = ()):
        self._patterns = [(re.compile(p.regex), p.key, p.kind) for p in lexicon.patterns]
        self._names: dict[tuple[str, ...], list[_Name]] = {}
        for entry in lexicon.entities:
            for names in entry.names.values():
                for name in names:
                    self._add(name, entry.key, entry.kind)
        for issuer in issuers:
            kind: EntityKind = "person" if issuer.kind == "person" else "issuer"
            for name in [issuer.name.ar, issuer.name.en, *(a for v in issuer.aliases.values() for a in v)]:
                self._add(name, f"issuer:{issuer.id}", kind)
        self._longest = max((len(k) for k in self._names), default=1)
        self._starts = frozenset(k[0] for k in self._names)
        """The first stems of the names: a word that is none of them starts no name."""
        self._found: dict[str, tuple[Entity, ...]] = {}

    def _add(self, name: str, key: str, kind: EntityKind) -> None:
        phrase = tuple(w.stem for w in words(name))
        if not phrase:
            return
        capitals = name.isascii() and name.upper() == name and any(c.isalpha() for c in name)
        entry = _Name(key, kind, capitals)
        if entry not in self._names.setdefault(phrase, []):
            self._names[phrase].append(entry)

    def extract(self, text: str) -> list[Entity]:
        """Every entity mentioned in `text`, by position, then key; one per key and span.

        Found once per text (`EXTRACTED_CACHE`): the aligner reads a sentence's entities for its
        index, for the voice it reports and for the issuers a claim names."""
        kept = self._found.get(text)
        if kept is None:
            if len(self._found) >= EXTRACTED_CACHE:
                self._found.clear()
            kept = self._found[text] = tuple(self._extract(text))
        return list(kept)

    def _extract(self, text: str) -> list[Entity]:
        found: dict[tuple[str, int, int], Entity] = {}
        folded, origin = fold(text)
        for rx, template, kind in self._patterns:
            for m in rx.finditer(folded):
                key = template
                for n, group in enumerate(m.groups(), start=1):
                    key = key.replace(f"{{{n}}}", (group or "").upper())
                start, end = origin[m.start()], origin[m.end() - 1] + 1
                found[(key, start, end)] = Entity(key, kind, start, end, text[start:end])
        ws = words(text)
        stems = tuple(w.stem for w in ws)  # sliced below: every window of every length is looked up
        for i in range(len(ws)):
            if stems[i] not in self._starts:
                continue
            for n in range(min(self._longest, len(ws) - i), 0, -1):
                for name in self._names.get(stems[i : i + n], []):
                    start, end = ws[i].start, ws[i + n - 1].end
                    if name.capitals and not _in_capitals(text[start:end]):
                        continue
                    found.setdefault((name.key, start, end), Entity(name.key, name.kind, start, end, text[start:end]))
        return sorted(_outermost(found.values()), key=lambda e: (e.start, -e.end, e.key))


def _in_capitals(text: str) -> bool:
    return not any(c.islower() for c in text)


def _outermost(entities: Iterable[Entity]) -> list[Entity]:
    """Drop a mention inside a longer mention of the same key (`Exchange` inside `Microsoft Exchange`)."""
    items = list(entities)
    by_key: dict[str, list[Entity]] = {}
    for e in items:
        by_key.setdefault(e.key, []).append(e)
    # Only mentions of the same key can hold one another: each is compared with those alone.
    return [
        e
        for e in items
        if len(by_key[e.key]) == 1
        or not any(o is not e and o.start <= e.start and e.end <= o.end for o in by_key[e.key])
    ]


def extract_entities(text: str, lang: str, lexicon: EntityLexicon, issuers: Iterable[Issuer] = ()) -> list[Entity]:
    """Entities in `text` from an entity lexicon and the given issuers (for one-off use; see `EntityMatcher`).

    `lang` is accepted for symmetry with the other extractors: every language's names are tried,
    since Arabic articles quote Latin names (“Microsoft Exchange”) as they are.
    """
    del lang
    return EntityMatcher(lexicon, issuers).extract(text)
