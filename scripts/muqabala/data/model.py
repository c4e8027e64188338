"""The data schema: every kind of YAML file muqabala reads, declared once.

Validation (`validate.py`), the JSON Schemas published for editors (`schema.py`) and the
editor's guide all derive from these classes, so a field is documented here and nowhere else.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from muqabala.data.urlpolicy import url_problem
from muqabala.vocabulary import Gender, Grammar, Number, StatementForm, Verdict, VersionKind, wording

SCHEMA_VERSION = 1
"""Bumped when a change to the files' shape needs editors to edit their files."""


ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""Lower-case ASCII letters, digits and single hyphens: ids become URLs and anchors."""

Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
"""An ISO 639-1 language code such as `ar`, `en`, `nl`, `zh`."""


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank: write the words, or leave the field out if it is optional")
    return value


NonEmpty = Annotated[str, StringConstraints(min_length=1), AfterValidator(_not_blank)]
"""Text with at least one character that is not a space."""

MAX_WORDS = 3_000
"""The longest sentence of the shipped data has 642 characters; comparing a claim costs time in
proportion to its length, so a pasted page in one item is refused here."""

Words = Annotated[str, StringConstraints(min_length=1, max_length=MAX_WORDS), AfterValidator(_not_blank)]
"""A sentence or a title, or its translation."""

MAX_SENTENCES = 2_000
"""Sentences in one statement or article (the shipped ones have at most a few dozen)."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$")
_NO_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$")
_SPACED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$")
_OFFSET = re.compile(r"[+-](\d{2}):(\d{2})$")


def _check_date(value: str) -> str:
    # Dates stay strings so that a file round-trips byte for byte and a time is never
    # invented where the source gave only a day.
    if _NO_ZONE.match(value):
        raise ValueError(
            "a time needs its zone, like 2021-07-19T11:35+02:00 or 2021-07-19T09:35Z; "
            "give only the day (2021-07-19) when the zone is not known"
        )
    if _SPACED.match(value):
        raise ValueError("put a T between the day and the time, like 2021-07-19T11:35+02:00")
    offset = _OFFSET.search(value) if _DATETIME.match(value) else None
    if offset and (int(offset[1]) > 23 or int(offset[2]) > 59):
        raise ValueError("invalid date: the zone must lie between -23:59 and +23:59")
    try:
        if _DATE.match(value):
            date.fromisoformat(value)
            return value
        if _DATETIME.match(value):
            datetime.fromisoformat(value.replace("Z", "+00:00"))
            return value
    except ValueError as e:
        raise ValueError(f"invalid date: {e}") from None
    raise ValueError("must be a date like 2021-07-19 or 2021-07-19T11:35+02:00")


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/?#]+", value, re.IGNORECASE):
        raise ValueError("must be an http:// or https:// address, like https://www.gov.uk/")
    if re.search(r"\s", value):
        raise ValueError("must not contain spaces or line breaks; write a space as %20")
    problem = url_problem(value)
    if problem:
        # The policy's message quotes the part at fault (the host), not the whole address.
        raise PydanticCustomError("url_policy", problem)
    return value


def _not_bool(value: object) -> object:
    # YAML reads `true` as a bool and Python counts True as 1: without this, `schema_version: true` passes.
    if isinstance(value, bool):
        raise ValueError(f"must be {SCHEMA_VERSION}")
    return value


Version = Annotated[Literal[1], BeforeValidator(_not_bool)]
"""The files' shape version: the number 1 today."""

PublishedDate = Annotated[str, AfterValidator(_check_date)]
"""A day (`2021-07-19`) or a moment with its zone (`2021-07-19T11:35+02:00`)."""

Url = Annotated[str, AfterValidator(_check_url)]
"""An absolute http or https address."""


_FIELDS_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}
"""The sets of fields set that unpickled data objects share, by class and names (`_Model.__setstate__`)."""


class _Model(BaseModel):
    """A data object: frozen, and pickled compactly, since files read by forked workers (`load_corpus`)
    and the cases sent to the engine's workers arrive pickled.

    Pydantic gives each object its own set of the fields set at creation (a third of a small
    object's bytes). Frozen, an object never adds to it (pydantic copies it for `model_copy`), so the
    unpickled objects of a class that set the same fields share one set.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    def __setstate__(self, state: dict[Any, Any]) -> None:
        names = state.get("__pydantic_fields_set__")
        if names is not None:
            state["__pydantic_fields_set__"] = _FIELDS_SETS.setdefault((type(self), frozenset(names)), names)
        super().__setstate__(state)


class Bilingual(_Model):
    """The same words in both site languages."""

    ar: NonEmpty
    """Arabic."""
    en: NonEmpty
    """English."""

    def get(self, lang: str) -> str:
        return str(getattr(self, lang))


Note = Bilingual
"""An editorial note in both site languages (`ar` and `en`, both required), shown on each
language's pages in that language. Keep Latin terms (`APT40`, field names) as they are in the Arabic."""


class Text(_Model):
    """Words in their original language, with editorial (unofficial) translations."""

    text: Words
    """The wording exactly as published, in the original language."""
    lang: Lang | None = None
    """The language of `text` when it differs from the file's `language`."""
    translations: dict[Lang, Words] = Field(default_factory=dict)
    """Unofficial translations by language code; one is needed for each site language that is not the original."""  # noqa: E501
    note: Note | None = None
    """A translator's or transcriber's note (an odd wording, a sic, a doubt), in both site languages."""

    def shown_in(self, lang: str) -> str:
        """The text for a page in `lang` (`vocabulary.wording`).

        Without `lang:` the original is in the file's language, which a text does not know; since a
        valid text has a translation into every site language but its original's, a site language
        without a translation is the original's.
        """
        original = self.lang or lang
        return wording({original: self.text, **self.translations}, lang, original)


class IssuerGrammar(_Model):
    """How generated sentences agree with an issuer's name (`vocabulary.Grammar`)."""

    gender: Gender = "masculine"
    """Arabic gender of the name as written: `feminine` for «وزارة…», «الحكومة…», «المملكة المتحدة»,
    a woman; `masculine` for «الاتحاد الأوروبي», «الكرملين», a man."""
    number: Number = "singular"
    """`plural` for a name of several speakers («الحلفاء»), which takes plural agreement."""
    article: bool = False
    """Whether English puts "the" before the name: true for "the European Union", "the UK
    Government"; false for a person or a name that never takes one ("Microsoft")."""

    def grammar(self) -> Grammar:
        return Grammar(self.gender, self.number, self.article)


class Issuer(_Model):
    """Who speaks: a government, a body, a company, an outlet or a person."""

    schema_version: Version
    """Version of this file's shape; 1 today."""
    id: Id
    """Stable id, used by statements as `issuer` or `speaker`."""
    name: Bilingual
    """Display name in Arabic and English."""
    kind: Literal["government", "intergovernmental_body", "agency", "company", "media", "person"]
    """What sort of speaker this is."""
    country: str | None = Field(default=None, pattern=r"^([A-Z]{2}|EU)$")
    """ISO 3166-1 alpha-2 code (`GB`, `CN`, `US`) or `EU`."""
    parent: Id | None = None
    """The issuer this one speaks for (Raab and the NCSC for the UK Government)."""
    aliases: dict[Lang, list[NonEmpty]] = Field(default_factory=dict)
    """Other names an article may use, by language (`بريطانيا`, `the Foreign Office`)."""
    role: Note | None = None
    """For a person: the office held at the time (`Foreign Secretary`), in both site languages."""
    grammar: IssuerGrammar | None = None
    """How generated sentences agree with the name (Arabic gender and number, the English
    article). Without it, explanations read as for a masculine singular name without "the"."""


Speakers = Id | list[Id]
"""One issuer id, or a list of them for words spoken jointly (`[raab, borrell]`)."""

Status = Literal["published", "draft"]
"""`draft` for a file still being written: `check` lists it, the site leaves it out."""


def first_speaker(speaker: str | list[str] | None) -> str | None:
    """The speaker to credit where one id is needed: the only one, or the first of a list."""
    if isinstance(speaker, list):
        return speaker[0] if speaker else None
    return speaker


def speaker_ids(speaker: str | list[str] | None) -> list[str]:
    """Every id of a `speaker` field, in order."""
    if speaker is None:
        return []
    return list(speaker) if isinstance(speaker, list) else [speaker]


class QuotedIn(_Model):
    """An outlet through which a fragment of a statement is known, when its full text is not."""

    outlet: NonEmpty
    """The outlet's name as it prints it (`Reuters`, `BBC News`), or an issuer id of kind media."""
    url: Url
    """The address of the outlet's report that quotes the fragment."""
    date: PublishedDate
    """When the outlet published it."""


class Sentence(Text):
    """One sentence of a statement, with a stable id that becomes its anchor."""

    id: Id
    """Stable within the statement; never renumber, since links point at it."""
    speaker: Speakers | None = Field(default=None, union_mode="left_to_right")
    """The person quoted, when the sentence is a quotation inside a release: an issuer id, or a list
    of ids for words spoken jointly."""
    role: Literal["evidence", "intro", "heading", "quoted"] = "evidence"
    """What the sentence does: `evidence` (the default) says something a claim can be checked
    against; `intro` only introduces words that follow (`The Foreign Secretary said:`); `heading`
    is a heading of the release; `quoted` repeats someone else's words that the issuer reports
    without making them its own."""
    quoted_in: list[QuotedIn] = Field(default_factory=list)
    """The outlets that quoted this fragment, when the statement is known only through them."""


class Paragraph(_Model):
    """A paragraph: its sentences in order."""

    sentences: list[Sentence] = Field(min_length=1)
    """The sentences of the paragraph, in order."""


class StatementVersion(_Model):
    """One version of a statement: its first publication, an amendment, or its withdrawal.

    The statement's `paragraphs` always hold its current text (the last version that is not a
    withdrawal), so pages, links and checks of today's text read it where they always did; each
    earlier version keeps its own text here, so a correction never rewrites history.
    """

    kind: VersionKind
    """`published` (the first version only), `amended` or `withdrawn` (the last version only)."""
    date: PublishedDate
    """When the issuer published, changed or withdrew it; the first version's is the statement's `date`."""
    note: Note | None = None
    """What changed, in both site languages; required for `amended` and `withdrawn`."""
    archive_url: Url | None = None
    """A copy of this version in a web archive."""
    paragraphs: list[Paragraph] | None = None
    """This version's text, for every version older than the current one; left out on the current
    version (its text is the statement's `paragraphs`) and on a withdrawal (nothing new was published)."""


class Statement(_Model):
    """An official statement, release, post or reply, transcribed sentence by sentence."""

    schema_version: Version
    """Version of this file's shape; 1 today."""
    id: Id
    """Stable id; becomes the page address `statements/<id>/`."""
    case: Id
    """The case this statement belongs to (`exchange-2021`)."""
    issuer: Id
    """Who issued it (an issuer id)."""
    status: Status = "published"
    """`draft` while the file is being written: placeholders and missing translations are
    allowed, `check` lists the file, and the site leaves it out."""
    speaker: Speakers | None = Field(default=None, union_mode="left_to_right")
    """The person speaking, when the whole statement is one person's words: an issuer id, or a
    list of ids for a joint statement (the first is credited where one is needed)."""
    role: Literal["primary", "secondary"] = "primary"
    """`secondary` for media reports: shown for context, never evidence of what a government said."""
    form: StatementForm | None = None
    """What kind of text it is (`declaration`, `press_release`, `remarks`, `tweet`…): a claim that says
    "in a tweet" or «في بيان مشترك» is checked against it."""
    joined_by: list[Id] = Field(default_factory=list)
    """Issuers that co-signed or joined the statement (a joint statement's other signatories)."""
    title: Text
    """The title as published, with its translations."""
    date: PublishedDate
    """When it was published; add time and zone where the source gives them."""
    url: Url
    """Where it was published."""
    url_note: Note | None = None
    """Doubts about the address (a mirror, an unconfirmed address), in both site languages."""
    archive_url: Url | None = None
    """A copy in a web archive."""
    no_archive_reason: Note | None = None
    """Why there is no archive copy, in both site languages; required when `archive_url` is absent."""
    language: Lang
    """The language of the wording as transcribed."""
    completeness: Literal["complete", "partial"]
    """Whether the whole text is transcribed."""
    completeness_note: Note | None = None
    """What is missing and where the transcribed parts come from, in both site languages; required when `partial`."""
    translator: NonEmpty
    """Who made the translations in this file; they are editorial and unofficial."""
    paragraphs: list[Paragraph] = Field(min_length=1)
    """The body, paragraph by paragraph: the current text, when the statement has several versions."""
    versions: list[StatementVersion] = Field(default_factory=list)
    """The statement's history, oldest first, when its issuer amended or withdrew it; leave it out
    for a statement published once and never changed."""

    @model_validator(mode="after")
    def _explained(self) -> Statement:
        if self.archive_url is None and not self.no_archive_reason:
            raise ValueError("archive_url or no_archive_reason is required")
        if self.completeness == "partial" and not self.completeness_note:
            raise ValueError("completeness_note is required when completeness is partial")
        _not_too_long(self.sentences())
        return self

    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]


class ArticleSentence(Text):
    """One sentence of the article under review; each is a claim unless marked otherwise."""

    id: Id
    """Stable within the article; becomes the claim's anchor."""
    claim: bool = True
    """False for sentences that assert nothing checkable (a stray headline, a link)."""
    not_claim_reason: Note | None = None
    """Why the sentence is not a claim, in both site languages; required when `claim` is false."""

    @model_validator(mode="after")
    def _explained(self) -> ArticleSentence:
        if not self.claim and not self.not_claim_reason:
            raise ValueError("not_claim_reason is required when claim is false")
        return self


class ArticleParagraph(_Model):
    """A paragraph of the article as published."""

    sentences: list[ArticleSentence] = Field(min_length=1)
    """Its sentences, in order."""


class Override(_Model):
    """An editor's decision on one claim, shown as editorial and never mixed with computed results."""

    claim: Id
    """The id of the article sentence it concerns."""
    verdict: Verdict | None = None
    """The verdict the editor sets in place of the computed one."""
    evidence: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+#[a-z0-9-]+$")]] = Field(default_factory=list)
    """Pinned evidence as `statement-id#sentence-id`, from a statement of the article's case; shown
    before the computed evidence."""
    editor: NonEmpty
    """Who decided."""
    date: PublishedDate
    """When."""
    note: Note
    """Why, in a sentence or two, in both site languages; published beside the verdict."""

    @model_validator(mode="after")
    def _sets_something(self) -> Override:
        if self.verdict is None and not self.evidence:
            raise ValueError("an override must set a verdict or pin evidence; this one sets neither")
        return self


class Correction(_Model):
    """A correction to a published check: when it was made and what changed."""

    date: PublishedDate
    """When the correction was published."""
    note: Note
    """What changed and why, in a sentence or two, in both site languages
    (`The verdict on p3-s1 was Supported; the UK's release, added since, contradicts the date.`)."""


class Article(_Model):
    """A news article under review."""

    schema_version: Version
    """Version of this file's shape; 1 today."""
    id: Id
    """Stable id; becomes the page address `articles/<id>/`."""
    status: Status = "published"
    """`draft` while the file is being written: placeholders and missing translations are
    allowed, `check` lists the file, and the site leaves it out."""
    case: Id
    """The case it reports on; its claims are checked against that case's statements."""
    outlet: Bilingual
    """The outlet that published it."""
    outlet_note: Note | None = None
    """What is known or unknown about the outlet, in both site languages."""
    url: Url | None = None
    """Where it was published."""
    no_url_reason: Note | None = None
    """Why the address is not given, in both site languages; required when `url` is absent."""
    date: PublishedDate
    """When it was published."""
    date_note: Note | None = None
    """How sure the date is, in both site languages."""
    language: Lang
    """The language it was published in."""
    translator: NonEmpty
    """Who made the translations in this file; they are editorial and unofficial."""
    headline: ArticleSentence
    """The headline, checked like any other sentence."""
    paragraphs: list[ArticleParagraph] = Field(min_length=1)
    """The body, paragraph by paragraph."""
    overrides: list[Override] = Field(default_factory=list)
    """Editorial decisions on individual claims."""
    author: NonEmpty | None = None
    """Who wrote the check, as the byline shows it (`Muqabala editors`)."""
    reviewer: NonEmpty | None = None
    """Who reviewed the check before publication (`Muqabala editors`)."""
    reviewed: PublishedDate | None = None
    """When the check was first published; without it, the day its data allows (the article's,
    its sources' and its editors' dates)."""
    updated: PublishedDate | None = None
    """When the check was last changed in substance; not before `reviewed`."""
    corrections: list[Correction] = Field(default_factory=list)
    """Corrections made since publication, each dated, shown as a log on the page and in the feeds.
    A change of wording that alters no finding is not a correction."""

    @field_validator("updated")
    @classmethod
    def _not_before_review(cls, value: str | None, info: ValidationInfo) -> str | None:
        reviewed = info.data.get("reviewed")
        if value and reviewed and value[:10] < reviewed[:10]:
            raise ValueError(f"must not be before reviewed ({reviewed})")
        return value

    @field_validator("corrections")
    @classmethod
    def _corrected_after_review(cls, value: list[Correction], info: ValidationInfo) -> list[Correction]:
        reviewed = info.data.get("reviewed")
        for i, c in enumerate(value):
            if reviewed and c.date[:10] < reviewed[:10]:
                # Its own rule, so that the message quotes the date at fault rather than the whole list.
                raise PydanticCustomError(
                    "dated_before_review",
                    "correction {n} is dated {date}, before reviewed ({reviewed}): a correction follows publication",
                    {"n": i + 1, "date": c.date, "reviewed": reviewed},
                )
        return value

    @model_validator(mode="after")
    def _explained(self) -> Article:
        if self.url is None and not self.no_url_reason:
            raise ValueError("url or no_url_reason is required")
        _not_too_long(self.sentences())
        return self

    def sentences(self) -> list[ArticleSentence]:
        return [self.headline] + [s for p in self.paragraphs for s in p.sentences]


def _not_too_long(sentences: list[ArticleSentence] | list[Sentence]) -> None:
    if len(sentences) > MAX_SENTENCES:
        raise ValueError(
            f"holds more than {MAX_SENTENCES:,} sentences (got {len(sentences):,}); split it into several files"
        )


FILE_KINDS: dict[str, type[_Model]] = {"issuer": Issuer, "statement": Statement, "article": Article}
"""Each kind of data file, keyed by the folder-derived kind name."""
