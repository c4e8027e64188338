"""The two coders every rule relies on: how far a text attributes, and who a claim credits.

Attribution is coded on two axes (see attribution.yaml): the level reached on the scale
none < territory < state_affiliated < state_organ, and the state body named, if any. The
state concerned is the one a cue names, else the state mentioned closest to the cue; the
speaker's own country is never the one accused ("the UK accused China": GB is excluded), nor is
a body of it the speaker names (the SVR in the SVR's own reply), and a cue right after it ("PRC
state-backed actors" in a Chinese statement) is an accusation the speaker quotes, not one it
makes, as is a cue opening with a state and a gap that holds the speaker's own state ("the UK's
claim that China was responsible" in a Chinese statement). An organ with a state matches that
state's names only ("{state} foreign intelligence service" is the SVR for Russia alone).

Speakers are found from reporting verbs (speech.yaml): in Arabic the subject usually follows
the verb (قالت المملكة المتحدة), in English it precedes it; a verb followed by إن/that has a
pronoun subject and keeps the speaker in force, even from the sentence before (وقالت إن …), and so
does a preposition, a day or an anaphor after it (وقالت في بيان إن، وأضاف البيان أن). Any other word
right after an Arabic reporting verb is a subject of its own: when it names no issuer (قال الحزب إن،
وأكد الممثل الأعلى الأوروبي أن) the speaker is `UNLISTED`, never the one of the sentence before.
Collective speakers (الدول, "the countries") stand for every government credited so far.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from muqabala.collate.views import ANONYMOUS, UNLISTED, rank
from muqabala.data.corpus import Corpus
from muqabala.data.model import Issuer
from muqabala.lexicon.normalize import fold, words
from muqabala.lexicon.phrases import (
    AttributionLexicon,
    Cues,
    Hit,
    Lexicon,
    Organ,
    SpeechLexicon,
    StateNames,
    find,
    find_each,
    keep,
    keep_each,
    per_lexicon,
    state_names,
)
from muqabala.lexicon.quotations import inside
from muqabala.report import Attribution, Texts

MAX_SKIP = 3
"""Words allowed between a reporting verb and its subject (`قال بيان الاتحاد الأوروبي`)."""

_WORD = re.compile(r"\w+")
_CONTENT_WORD = re.compile(r"[^\W\d_]{2,}")
_COORD = re.compile(r"^\s*(?:,\s*|،\s*|and\s+|,\s*and\s+)(?:the\s+)?$", re.IGNORECASE)
_SPACE = re.compile(r"^\s*$")
_AND = re.compile(r"\band\b", re.IGNORECASE)
_QUOTES = "\"“”«»„'‘’"
_GAP = re.compile(r"[\s,،\"“”«»]")
"""What may stand between a frame's verb or subject and its complementizer."""
_HEADLINE_FRAME = re.compile(r"(?:^|[.،,؛!؟]\s*)([^:：\"“”«».،,؛!؟]{2,60}?\s*[:：]\s*)")
"""A headline's clause that opens with its speaker and a colon (`بريطانيا: روسيا تقف وراء …`, `…
وبكين: افتراء خبيث`); group 1 is the speaker and the colon."""
_ACCUSED = re.compile(r"\s*(?:[،,]\s*)?ب\w")
"""What follows the accused after a verb of accusing: a word with attached ب (بقرصنة، بالوقوف، بـ)."""


@dataclass(frozen=True)
class Coding:
    """An attribution coding with the phrases that produced it."""

    attribution: Attribution
    hits: tuple[Hit, ...]
    """The phrases that set the level (the strongest ones)."""
    declined: frozenset[str] = frozenset()
    """The states the text declines to hold responsible ("we are not now in a position to attribute
    this activity to the Russian Government"): the one a `declined` phrase names, else the first
    named after it."""


def code(
    text: str,
    lang: str,
    lexicon: Lexicon,
    states: Mapping[str, Sequence[str]] | StateNames,
    exclude: set[str] | frozenset[str] = frozenset(),
) -> Coding:
    """Code `text` on the attribution scale; states in `exclude` are never the one accused."""
    lex = lexicon.attribution
    names = states if isinstance(states, StateNames) else state_names(states)
    found: list[tuple[str, Hit, str | None]] = []
    organ: Organ | None = None
    cued, declining, named_groups = _coder_lists(lex, lang)
    # One `find` for every organ and level (`find_each`): the same hits as one `find` for each.
    listed = find_each(cued, text, names, exclude)
    for o, organ_hits in zip(lex.organs, listed, strict=False):
        for hit in organ_hits:
            if o.state and hit.state and hit.state != o.state:
                continue  # "the Omegan foreign intelligence service" is not Russia's SVR
            if not hit.state and o.state in exclude:
                continue  # the speaker names its own state's body ("Russia's SVR" in the SVR's reply)
            found.append(("state_organ", hit, hit.state or o.state))
            organ = organ or o
    refused = find(declining, text, names) if declining else []
    declined = frozenset(st for st in (_declined_state(text, d, names, exclude) for d in refused) if st)
    for lv, level_hits in zip(lex.levels, listed[len(lex.organs) :], strict=True):
        found += [
            (lv.level, hit, hit.state)
            for hit in level_hits
            if not (exclude and _own_state_in_gap(text, hit, names, exclude))
            and not any(d.start <= hit.start <= d.end for d in refused)  # "not in a position to attribute … to"
        ]
    grouped = find_each(named_groups, text)
    groups = sorted({g.name for g, hits in zip(lex.groups, grouped, strict=True) if hits})
    if not found:
        return Coding(Attribution(level="none", groups=groups), (), declined)
    top = max(rank(level) for level, _, _ in found)
    best = [(level, hit, st) for level, hit, st in found if rank(level) == top]
    state = next((st for _, _, st in best if st), None) or next((st for _, _, st in found if st), None)
    if state is None:
        stateless = [h for _, h, _ in best]
        near = _nearest_state(text, stateless, names)
        if (
            near
            and near.state in exclude
            and any(near.end <= c.start and not _words_between(text, near.end, c.start) for c in stateless)
        ):
            # "PRC state-backed actors" in a Chinese statement: the speaker quotes an accusation of
            # its own state, which it does not make.
            return Coding(Attribution(level="none", groups=groups), (), declined)
        mention = _nearest_state(text, stateless, names, exclude)
        state = mention.state if mention else None
    level = best[0][0]
    cues = sorted({text[h.start : h.end] for _, h, _ in best})
    return Coding(
        Attribution(
            level=level,  # type: ignore[arg-type]
            named_organ=organ.name if organ else None,
            named_organ_label=Texts(en=organ.name, ar=organ.name_ar) if organ else None,
            state=state,
            groups=groups,
            cues=cues,
        ),
        tuple(sorted({h for _, h, _ in best}, key=lambda h: (h.start, h.end))),
        declined,
    )


_Lists = tuple[tuple[str, ...], ...]


def _coder_lists(lex: AttributionLexicon, lang: str) -> tuple[_Lists, tuple[str, ...], _Lists]:
    """The phrases `code` looks for in `lang`: each organ's then each level's, the declining ones, each
    group's; built (and kept, `phrases.keep`) once per lexicon and language instead of once per text coded."""
    return per_lexicon(
        "coder",
        (lex,),
        lang,
        lambda: (
            keep_each([o.get(lang) for o in lex.organs] + [lv.get(lang) for lv in lex.levels]),
            keep(lex.declined.get(lang)),
            keep_each(g.get(lang) for g in lex.groups),
        ),
    )


def _declined_state(text: str, hit: Hit, names: StateNames, exclude: set[str] | frozenset[str]) -> str | None:
    """The state a `declined` phrase declines to hold responsible: its own, else the first named after it."""
    if hit.state:
        return hit.state if hit.state not in exclude else None
    after = find(["{state}"], text[hit.start :], names, exclude)
    return after[0].state if after else None


def _own_state_in_gap(text: str, hit: Hit, names: StateNames, exclude: set[str] | frozenset[str]) -> bool:
    """Whether a phrase that opens with the state and a gap (`{state} ... was responsible`) has the
    speaker's own state in the gap: "the UK's claim that China was responsible" in a Chinese
    statement quotes an accusation of China; it does not hold the UK responsible."""
    if not hit.phrase.startswith("{state} ...") or hit.state is None:
        return False  # after a verb first («اتهمت المملكة المتحدة … الصين») the speaker stands in the gap
    return any(m.state in exclude for m in find(["{state}"], text[hit.start : hit.end], names))


def _nearest_state(
    text: str, cues: Sequence[Hit], names: StateNames, exclude: set[str] | frozenset[str] = frozenset()
) -> Hit | None:
    """The state mention closest to a cue that names none (`Russian state sponsored actors`, not the
    `US` consulted earlier in the sentence); on a tie, the one before the cue."""

    def distance(m: Hit) -> tuple[int, int]:
        gaps = [
            _words_between(text, m.end, c.start) if m.end <= c.start else _words_between(text, c.end, m.start)
            for c in cues
        ]
        return (min(gaps) if gaps else 0, 0 if any(m.end <= c.start for c in cues) else 1)

    mentions = [
        m for m in find(["{state}"], text, names, exclude) if all(m.end <= c.start or m.start >= c.end for c in cues)
    ]
    return min(mentions, key=distance, default=None)


# --- speakers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """An issuer (or a collective or unnamed speaker) named in a text."""

    start: int
    end: int
    who: str
    """Issuer id, `~collective` or `ANONYMOUS`."""
    conjoined: bool = False
    """Whether an attached و (and) opens it: `والاتحاد الأوروبي`."""


def states_of(corpus: Corpus, lexicon: Lexicon) -> dict[str, list[str]]:
    """Every name of every state: the lexicon's, plus each government issuer's names and aliases."""
    out: dict[str, list[str]] = {s.code: s.ar + s.en for s in lexicon.attribution.states}
    for issuer in sorted(corpus.issuers.values(), key=lambda i: i.id):
        if issuer.kind == "government" and issuer.country and issuer.country != "EU":
            names = [issuer.name.ar, issuer.name.en, *(a for al in issuer.aliases.values() for a in al)]
            out.setdefault(issuer.country, [])
            out[issuer.country] += [n for n in names if n not in out[issuer.country]]
    return out


@dataclass(frozen=True)
class _SpeakerNames:
    phrases: tuple[str, ...]
    """Every name and alias of every issuer, sorted."""
    issuers: tuple[tuple[str, frozenset[str]], ...]
    """Each issuer's id and names, in the corpus's order."""


_SPEAKER_NAMES: dict[tuple[int, ...], tuple[list[object], _SpeakerNames, dict[str, str]]] = {}
"""`_speaker_names` by the identity of the issuer objects (held, so that no id is reused)."""

_LAST_SPEAKER_NAMES: list[tuple[list[object], _SpeakerNames, dict[str, str]]] = []
"""The entry of `_SPEAKER_NAMES` given last: a corpus's issuers are compared with its list first, the
same objects in the same order (or equal ones, which give the same names), an eighth of the cost of
their ids' tuple once per sentence."""


def _speaker_names(corpus: Corpus) -> tuple[_SpeakerNames, dict[str, str]]:
    """The issuers' names for `mentions`, and each country's government issuer: built once per set of
    issuers instead of once per sentence (it was most of `mentions`' time at 100 cases)."""
    now: list[object] = list(corpus.issuers.values())
    if _LAST_SPEAKER_NAMES and _LAST_SPEAKER_NAMES[0][0] == now:
        return _LAST_SPEAKER_NAMES[0][1], _LAST_SPEAKER_NAMES[0][2]
    key = tuple(map(id, now))
    cached = _SPEAKER_NAMES.get(key)
    if cached is not None:
        _LAST_SPEAKER_NAMES[:] = [cached]
        return cached[1], cached[2]
    issuers = []
    for issuer in corpus.issuers.values():
        issuers.append(
            (issuer.id, frozenset({issuer.name.ar, issuer.name.en, *(a for al in issuer.aliases.values() for a in al)}))
        )
    # News names a person by the surname after the first mention («وقال أنصاري»): a person's last
    # Arabic name of SURNAME_LETTERS letters or more, when no other issuer's name ends with it.
    ends: dict[str, set[str]] = {}
    for issuer in corpus.issuers.values():
        for name in (issuer.name.ar, *issuer.aliases.get("ar", [])):
            if len(name.split()) > 1:
                ends.setdefault(name.split()[-1], set()).add(issuer.id)
    surnames = {
        issuer.id: last
        for issuer in corpus.issuers.values()
        if issuer.kind == "person"
        for last in [issuer.name.ar.split()[-1]]
        if len(issuer.name.ar.split()) > 1 and len(last) >= SURNAME_LETTERS and ends.get(last) == {issuer.id}
    }
    issuers = [(iid, names | ({surnames[iid]} if iid in surnames else set())) for iid, names in issuers]
    names = _SpeakerNames(tuple(sorted({p for _, ps in issuers for p in ps})), tuple(issuers))
    governments = {
        i.country: i.id
        for i in sorted(corpus.issuers.values(), key=lambda i: i.id, reverse=True)
        if i.kind == "government" and i.country
    }
    if len(_SPEAKER_NAMES) >= 8:
        _SPEAKER_NAMES.clear()
    _SPEAKER_NAMES[key] = (now, names, governments)
    _LAST_SPEAKER_NAMES[:] = [_SPEAKER_NAMES[key]]
    return names, governments


def _kept(cues: Cues, lang: str) -> tuple[str, ...]:
    """`cues.get(lang)` kept (`phrases.keep`) once per lexicon and language, not built once per sentence."""
    return per_lexicon("cues", (cues,), lang, lambda: keep(cues.get(lang)))


def _speaker_lists(names: _SpeakerNames, speech: SpeechLexicon, lang: str) -> tuple[tuple[str, ...], ...]:
    """What `mentions` looks for: every issuer's names, the collective speakers, the anonymous ones (kept)."""
    return per_lexicon(
        "speakers",
        (names, speech),
        lang,
        lambda: keep_each([names.phrases, speech.collective.get(lang), speech.anonymous.get(lang)]),
    )


SURNAME_LETTERS = 4
"""Letters a person's surname needs to name them alone («أنصاري», «بايدن»): shorter ones («بار») are
ordinary words as often as names. A prior, not fitted."""

ACTOR_LEAD = 2
"""Words a clause may open with before the issuer that acts in it: a verb ("طردت هولندا", "Britain
summons") or nothing (a nominal sentence, "ألمانيا تستدعي سفيرها")."""


HEADLINE_LEAD = 80
"""Characters within which a headline's «..» ends its lead-in («هجوم ألبانيا الالكتروني .. واشنطن تهدد»)."""

_LEAD_IN = re.compile(r"(?<!\.)\.\.(?!\.)")


def actor(
    text: str, lang: str, corpus: Corpus, lexicon: Lexicon, states: Mapping[str, Sequence[str]] | None = None
) -> str | None:
    """The issuer a sentence without a speaker opens with, as the one acting in it ("ألمانيا تستدعي
    سفيرها", "طردت هولندا أربعة روس", "Britain summons the ambassador"): an act reported of an
    issuer is found in that issuer's own statements first. After a headline's lead-in ("… ..").
    None when the sentence opens otherwise. `states` are `states_of` the corpus when the caller has them."""
    # The lead-in ends at the first «..» near the start; an ellipsis («...») is the sentence's own.
    cut = _LEAD_IN.search(text, 0, HEADLINE_LEAD)
    offset = cut.end() if cut else 0
    found = [m for m in mentions(text, corpus, lexicon, lang, states) if m.who not in (ANONYMOUS, "~collective")]
    for m in found:
        if m.start < offset:
            continue
        before = words(text[offset : m.start])
        return m.who if len(before) <= ACTOR_LEAD - 1 else None
    return None


def _conjoined(matched: str, phrase: str) -> bool:
    """Whether a name matched as `matched` carries an attached «و» that its `phrase` lacks; «وواشنطن»
    does, though «واشنطن» itself begins with و."""
    first = fold(phrase)[0]
    return not first.startswith("و") or fold(matched)[0].startswith("و" + first[:2])


def mentions(
    text: str, corpus: Corpus, lexicon: Lexicon, lang: str, states: Mapping[str, Sequence[str]] | None = None
) -> list[Mention]:
    """Every speaker named in `text`, longest names first where they overlap; `states` are `states_of`
    the corpus when the caller has them already."""

    def made(hits: list[Hit], who: str) -> list[Mention]:
        return [
            Mention(h.start, h.end, who, text[h.start] == "و" and _conjoined(text[h.start : h.end], h.phrase))
            for h in hits
        ]

    raw: list[Mention] = []
    names, governments = _speaker_names(corpus)
    # One `find` over every issuer's names, then each issuer's hits in its turn: `find` matches
    # each phrase on its own, so this gives what one `find` per issuer gives, at a fraction of the cost.
    everyone, collective, anonymous = find_each(_speaker_lists(names, lexicon.speech, lang), text)
    said = {h.phrase for h in everyone}
    for who, phrases in names.issuers if everyone else ():
        if phrases.isdisjoint(said):
            continue  # most issuers are not named in a sentence: not one hit to look at
        raw += made([h for h in everyone if h.phrase in phrases], who)
    authorities = _kept(lexicon.speech.authorities, lang)
    if authorities:
        for hit in find(authorities, text, states if states is not None else states_of(corpus, lexicon)):
            if hit.state in governments:
                raw += made([hit], governments[hit.state])
    announcing = _kept(lexicon.speech.announcing, lang)
    if announcing and anonymous:
        for hit in find(announcing, text, states if states is not None else states_of(corpus, lexicon)):
            anon = next((a for a in anonymous if hit.start <= a.start < hit.end), None)
            if anon is not None and hit.state in governments:
                # The officials and their state, not the verb: Arabic puts it first, English last.
                start, end = (anon.start, hit.end) if lang == "ar" else (hit.start, anon.end)
                raw += made([Hit(anon.phrase, start, end)], governments[hit.state])
    raw += made(collective, "~collective")
    raw += made(anonymous, ANONYMOUS)
    out: list[Mention] = []
    for m in sorted(raw, key=lambda m: (-(m.end - m.start), m.start, m.who)):
        if all(m.end <= o.start or m.start >= o.end for o in out):
            out.append(m)
    return _of_issuer(text, sorted(out, key=lambda m: m.start))


_OF = re.compile(r"^\s*(?:في|من|لدى|at|in|of|from|with)?\s*(?:the\s+)?$", re.IGNORECASE)
"""Between unnamed officials and the issuer they belong to: «مسؤولون في وزارة العدل», «مسؤولون بوزارة
العدل» (ب written on the name), "officials at the Justice Department"."""


def _of_issuer(text: str, ms: list[Mention]) -> list[Mention]:
    """Unnamed officials of a named issuer speak for that issuer («مسؤولون بوزارة العدل الأمريكية»,
    "officials at the US Justice Department"): the issuer is named, only the persons are not.
    Officials named by their country alone («مسؤولون أمريكيون») stay unnamed."""
    out: list[Mention] = []
    for m in ms:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.who == ANONYMOUS
            and m.who not in (ANONYMOUS, "~collective")
            and _OF.match(text[prev.end : m.start])
        ):
            out[-1] = Mention(prev.start, m.end, m.who, prev.conjoined)
            continue
        out.append(m)
    return out


@dataclass(frozen=True)
class Turn:
    """A reporting verb with the speakers it credits, and where the credited words begin."""

    start: int
    speakers: tuple[str, ...]
    frame: tuple[int, int] = (0, 0)
    """The reporting frame itself: the verb, its named subject and a complementizer right after
    (`وقالت وزيرة الدفاع الهولندية أنك بيليفلد إن`). Its words say who speaks, not what was said."""
    candidates: tuple[str, ...] = ()
    """For an unlisted speaker whose title fits several issuers («وزارة الخارجية»), those issuers."""


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text[start:end]))


def _chain(text: str, first: Mention, ms: list[Mention], forward: bool, comma: bool = True) -> list[Mention]:
    """`first` and the mentions coordinated with it (`المملكة المتحدة والاتحاد الأوروبي`); with
    `comma` false, only "and"/و joins (after a verb of accusing the name after a comma is the
    accused: «حمّلت سلطات بريطانيا، روسيا، مسؤولية…»)."""
    out = [first]
    pool = ms if forward else list(reversed(ms))
    i = pool.index(first)
    for m in pool[i + 1 :]:
        later = m if forward else out[-1]
        gap = text[out[-1].end : m.start] if forward else text[m.end : out[-1].start]
        # An attached و belongs to the later name's match; otherwise a comma or "and" joins.
        if not (_SPACE.match(gap) and later.conjoined) and not _COORD.match(gap):
            break
        if not comma and not later.conjoined and not _AND.search(gap):
            break
        out.append(m)
    return out if forward else list(reversed(out))


def turns(
    text: str,
    lang: str,
    corpus: Corpus,
    lexicon: Lexicon,
    states: Mapping[str, Sequence[str]] | None = None,
    speaking: Collection[str] = (),
) -> list[Turn]:
    """Each reporting verb of `text` with its explicit subject; `()` for a pronoun subject.

    A subject that names no issuer but gives a title («وأكد الممثل الأعلى الأوروبي») credits the issuer
    the title describes (`titled`); `speaking` (the issuers with statements in the case) settles a title
    that several issuers of the corpus hold («وزير الخارجية»)."""
    speech = lexicon.speech
    ms = mentions(text, corpus, lexicon, lang, states)
    verbs = find(speech.verbs.get(lang), text)
    comps = find(speech.complementizers.get(lang), text)
    accusing = {(h.start, h.end) for h in find(speech.accusing.get(lang), text)}
    content = {(h.start, h.end) for h in find(speech.attributing.get(lang), text)}
    media = find(speech.media.get(lang), text)
    prepositions = find(speech.not_subject.prepositions.get(lang), text)
    # «وقال بيان مشترك لكل من وزير … ومدير …»: a document with its owner after it is a subject of its
    # own, not the speaker in force; its owner names the speaker, or nobody on file.
    anaphoric = set(speech.not_subject.anaphoric.get(lang))
    not_subject = [
        h for h in find(speech.not_subject.get(lang), text) if not (h.phrase in anaphoric and _OWNER.match(text, h.end))
    ] + media
    addressees = find(speech.not_subject.addressees.get(lang), text)
    order = ("after", "before") if lang in speech.subject_after_verb else ("before", "after")
    out: list[Turn] = []
    for head in _HEADLINE_FRAME.finditer(text):
        # `بريطانيا: روسيا تقف وراء …` — the colon is the reporting verb of a headline, at its start
        # or after a clause of its own (`بريطانيا تتهم الصين… وبكين: افتراء`); only names (and the
        # words joining them) may stand before it.
        begin = head.start(1)
        named = [m for m in ms if begin <= m.start and m.end <= head.end()]
        rest = text[begin : head.end()]
        for m in reversed(named):
            rest = rest[: m.start - begin] + rest[m.end - begin :]
        if named and not [w for w in _WORD.findall(rest) if w not in ("و", "and")]:
            out.append(Turn(begin, tuple(dict.fromkeys(m.who for m in named)), (begin, head.end())))
    for vi, verb in enumerate(verbs):
        if inside(text, verb.start):
            continue  # «وأضاف "نأسف لأن الولايات المتحدة ترفض…"»: the quoted words are the speaker's, whoever they name
        nxt = verbs[vi + 1].start if vi + 1 < len(verbs) else len(text)
        prev = verbs[vi - 1].end if vi else 0
        # A nominal sentence opens with its subject: «ألمانيا تتهم روسيا بـ…», «الصين تنفي».
        subject: list[Mention] = _opening(text, verb, ms) if order[0] == "after" else []
        for side in () if subject else order:
            if side == "after":
                stop = min([c.start for c in comps if c.start >= verb.end] + [nxt])
                near = [
                    m
                    for m in ms
                    if verb.end <= m.start < stop
                    and _words_between(text, verb.end, m.start) <= MAX_SKIP
                    and not _after(prepositions, text, verb.end, m.start)
                ]
                accuses = (verb.start, verb.end) in accusing or (verb.start, verb.end) in content
                subject = _chain(text, near[0], ms, True, comma=not accuses) if near else []
                if subject and any(verb.end <= h.start and h.end <= subject[0].start for h in media):
                    subject = []  # "حسب موقع روسيا اليوم": an outlet reports it
                    break
                if subject and (verb.start, verb.end) in accusing and _ACCUSED.match(text[subject[-1].end :]):
                    subject = []  # "اتهمت موسكو بقرصنة…": Moscow is the accused
                    break
            else:
                near = [
                    m
                    for m in ms
                    if prev <= m.start
                    and m.end <= verb.start
                    and _words_between(text, m.end, verb.start) <= MAX_SKIP - 1
                ]
                subject = _chain(text, near[-1], ms, False) if near else []
            if subject:
                break
        if (
            not subject
            and order[0] == "after"
            and (verb.start, verb.end) in content
            and any(verb.end <= h.start and _words_between(text, verb.end, h.start) == 0 for h in media)
        ):
            # «وربطت وسائل الإعلام الأمريكية المجموعة بروسيا»: the media make the link themselves, no
            # issuer of the corpus. (What an outlet only reports, «وذكرت وكالة … أن», keeps its speakers.)
            out.append(Turn(verb.start, (UNLISTED,), (verb.start, verb.end)))
            continue
        unlisted = (
            not subject
            and order[0] == "after"
            and (verb.start, verb.end) not in accusing
            and _own_subject(text, verb.end, [*comps, *not_subject, *addressees, *verbs, *ms])
        )
        start = min([verb.start] + [m.start for m in subject])
        end = max([verb.end] + [m.end for m in subject])
        framed = (start, end)
        if (verb.start, verb.end) in content:
            # "اتهمت المملكة المتحدة الصين": the accusation is what is claimed; only the names frame it.
            names = [(m.start, m.end) for m in subject] or [(verb.end, verb.end)]
            framed = (min(a for a, _ in names), max(b for _, b in names))
            end = framed[1]
        who = {m.who for m in subject}
        for m in ms:
            # An apposition names the same speaker again: «وزيرة الدفاع الهولندية أنك بيليفلد»; or
            # names the one who holds a title another holder of it is filed under («المتحدثة باسم
            # وزارة الخارجية الصينية ماو نينغ», where the title is an alias of Hua Chunying).
            if m.start >= end and _SPACE.match(_GAP.sub("", text[end : m.start])):
                if m.who not in who and len(subject) == 1 and _same_office(corpus, subject[0].who, m.who):
                    subject = [m]
                    who = {m.who}
                if m.who in who:
                    end = m.end
        # "said today, Thursday, that": words before the complementizer date the speaking, not the content.
        comp = next(
            (c for c in comps if c.start >= end and _words_between(text, end, c.start) <= MAX_SKIP and c.start < nxt),
            None,
        )
        if comp is not None:
            end = comp.end
        speakers = tuple(dict.fromkeys(m.who for m in subject)) or ((UNLISTED,) if unlisted else ())
        if unlisted:
            stops: list[Hit | Mention] = [*comps, *prepositions, *not_subject, *verbs, *ms]
            title = _title(text, verb.end, stops)
            countries = states if states is not None else states_of(corpus, lexicon)
            holder = titled(text[title[0] : title[1]], corpus, countries, speaking, lexicon)
            if holder is not None:
                speakers = (holder,)
                end = max(end, title[1])
            else:
                fits = candidates(text[title[0] : title[1]], corpus, countries, speaking, lexicon) or anaphors(
                    text[title[0] : title[1]], corpus, lexicon
                )
                out.append(Turn(start, speakers, (framed[0], end), fits))
                continue
        out.append(Turn(start, speakers, (framed[0], end)))
    return sorted(out, key=lambda t: t.start)


_OWNER = re.compile(r"\s+(?:مشترك\S*\s+)?ل(?!ا\b)\w")
"""After a document («بيان», «التقرير»): its owner, with «ل» attached («بيان لوزارة», «بيان مشترك لكل من»)."""

_CLAUSE_END = re.compile(r"(?:^|[.،,:؛!؟\"“”«»()\-–—])\s*$")
"""What may stand before a clause's opening subject: nothing, or a punctuation mark."""


def _opening(text: str, verb: Hit, ms: list[Mention]) -> list[Mention]:
    """The names that open a clause right before `verb`, its subject in a nominal sentence
    («ألمانيا تتهم روسيا بـ…»: Germany accuses, Russia is accused); none when a word or an
    attached و stands between (then the verb opens a clause of its own)."""
    if text[verb.start] in "وف" and fold(verb.phrase)[0] not in "وف":
        return []
    last = [m for m in ms if m.end <= verb.start and _SPACE.match(text[m.end : verb.start])]
    if not last:
        return []
    chain = _chain(text, last[-1], ms, False)
    # A clause opens after punctuation, or with و attached to its subject: «… حيوية وواشنطن تتهم بكين».
    return chain if chain[0].conjoined or _CLAUSE_END.search(text[: chain[0].start]) else []


def _same_office(corpus: Corpus, first: str, then: str) -> bool:
    """Whether two people serve the same body (Hua Chunying and Mao Ning, both the foreign ministry's
    spokeswomen): a title filed under one of them may stand before the other's name."""
    a, b = corpus.issuers.get(first), corpus.issuers.get(then)
    return bool(a and b and a.kind == b.kind == "person" and a.parent and a.parent == b.parent)


def _after(prepositions: list[Hit], text: str, start: int, at: int) -> bool:
    """Whether a preposition stands right before `at` (after `start`): «ونفى دبلوماسيون في لندن» —
    the name after it is a place or an object, not the verb's subject."""
    return any(start <= h.start and h.end <= at and _SPACE.match(text[h.end : at]) for h in prepositions)


def _own_subject(text: str, end: int, known: Sequence[Hit | Mention]) -> bool:
    """Whether the word right after a reporting verb (ending at `end`) is a subject of the verb's own
    that no issuer's name covers: not a complementizer, a preposition, a day or adverb, another
    reporting word or a name (those are `known`), and no punctuation or quotation mark between
    (`وقال:`, `وأضاف، «…»`), which leave the subject a pronoun."""
    word = _WORD.search(text, end)
    if word is None or text[end : word.start()].strip():
        return False
    return not any(h.start < word.end() and h.end > word.start() for h in known)


MAX_TITLE = 6
"""Words a title may run to after a reporting verb («رئيس وكالة المخابرات العسكرية الهولندية»)."""


def _title(text: str, end: int, stops: Sequence[Hit | Mention]) -> tuple[int, int]:
    """Where the subject after a reporting verb (ending at `end`) stands: its words up to a punctuation
    mark, a complementizer, a preposition, an adverb, another reporting word or a name (`stops`), at
    most `MAX_TITLE` of them."""
    start = stop = end
    for n, word in enumerate(_WORD.finditer(text, end)):
        if n == MAX_TITLE or text[stop : word.start()].strip():
            break
        if any(h.start < word.end() and h.end > word.start() for h in stops):
            break
        if n == 0:
            start = word.start()
        stop = word.end()
    return start, stop


def _stems(text: str, lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """The content words' stems, each as its form group of `concepts.yaml` has it when a lexicon is given
    («الإلكتروني» and «السيبراني» are one word: the sources' "cyber"); computed once per text."""
    return lexicon.concept_matcher.content_forms(text) if lexicon is not None else _plain_stems(text)


@lru_cache(maxsize=1 << 14)
def _plain_stems(text: str) -> tuple[str, ...]:
    return tuple(w.stem for w in words(text) if not w.is_stop)


def titled(
    title: str,
    corpus: Corpus,
    states: Mapping[str, Sequence[str]],
    speaking: Collection[str] = (),
    lexicon: Lexicon | None = None,
) -> str | None:
    """The issuer a title describes, matched against the issuers' own data: «الممثل الأعلى الأوروبي» is
        the issuer whose role is «الممثل الأعلى للاتحاد…», «السفارة الروسية» the one with the alias
        «السفارة الروسية في ألمانيا», "the Foreign Secretary" the one whose role is "Foreign Secretary".

        The title fits an issuer when one of its names, aliases or its role, in either language, holds every
        word of the title (light-stemmed, function words aside) but names of the issuer's country («الروسية»
        for an issuer of Russia), and the title holds the phrase's first word (`_holds`). The words after the
        verb may run on into its object («ونفت السفارة الروسية أي صلة»): the longest run of their first words
        that fits is the title. When several issuers fit, those in `speaking` are kept, else those under an
    issuer in `speaking` (the UK's NCSC in a case where the UK Government speaks); a title still held by
        more than one, or by none, credits nobody. A title of one word («المسؤولون», «السفارة») names a kind
        of speaker, not one: it credits nobody either. With `lexicon`, words of one form group of
        `concepts.yaml` are one word («المركز الوطني للأمن الإلكتروني» is the «…للأمن السيبراني»)."""
    found = candidates(title, corpus, states, speaking, lexicon)
    return found[0] if len(found) == 1 else None


def anaphors(title: str, corpus: Corpus, lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """The issuers a one-word definite title may refer back to: «المكتب» (the bureau) to an issuer whose
    Arabic name or alias opens with «مكتب» («مكتب التحقيقات الفيدرالي»). A kind of speaker alone credits
    nobody (`titled`): `segments` keeps one only when it is the speaker in force, or the one under it."""
    found = _WORD.findall(title)
    if len(found) != 1 or not found[0].startswith("ال"):
        return ()
    want = _stems(found[0], lexicon)
    out = []
    for issuer in corpus.issuers.values():
        for name in [issuer.name.ar, *issuer.aliases.get("ar", [])]:
            first = name.split()[0] if name.split() else ""
            if first and _stems(first if first.startswith("ال") else "ال" + first, lexicon) == want:
                out.append(issuer.id)
                break
    return tuple(sorted(out))


def candidates(
    title: str,
    corpus: Corpus,
    states: Mapping[str, Sequence[str]],
    speaking: Collection[str] = (),
    lexicon: Lexicon | None = None,
) -> tuple[str, ...]:
    """Every issuer the title may describe (`titled`: the longest run of its first words that fits one,
    those in `speaking` or under one kept); several for an ambiguous title («وزارة الخارجية»: each
    state's foreign ministry), for the speaker in force to settle (`segments`)."""
    ends = [w.end() for w in _WORD.finditer(title)]
    for end in reversed(ends):
        part = title[:end]
        wanted = set(_stems(part, lexicon))
        if len(wanted) < 2:
            return ()
        found = [
            issuer.id
            for issuer, forms in zip(corpus.issuers.values(), _issuer_forms(corpus, lexicon), strict=True)
            if _holds(issuer, part, wanted, states, lexicon, forms)
        ]
        # The word after the part naming another state ends the match: «أجهزة الاستخبارات الأمريكية» is
        # no Russian «جهاز الاستخبارات الخارجية» though its first two words fit that one's name.
        after = _WORD.search(title, end) if found else None
        named = find(["{state}"], after.group(), state_names(states)) if after else []
        if named:
            found = [i for i in found if corpus.issuers[i].country == named[0].state]
        if found:
            kept = [i for i in found if i in speaking] or [
                i for i in found if set(corpus.issuer_chain(i)) & set(speaking)
            ]
            return tuple(sorted(kept or found))
    return ()


def _phrases(issuer: Issuer) -> list[str]:
    """The issuer's names, aliases and role, in both languages: what a title is matched against."""
    return [
        issuer.name.ar,
        issuer.name.en,
        *(a for al in issuer.aliases.values() for a in al),
        *((issuer.role.ar, issuer.role.en) if issuer.role else ()),
    ]


_ISSUER_FORMS: dict[tuple[int, ...], tuple[list[object], tuple[tuple[tuple[str, frozenset[str]], ...], ...]]] = {}
"""`_issuer_forms` by the identity of the issuer objects and the lexicon (held, so that no id is reused)."""


def _issuer_forms(corpus: Corpus, lexicon: Lexicon | None) -> tuple[tuple[tuple[str, frozenset[str]], ...], ...]:
    """For each issuer of `corpus`, in its order, the first stem and the set of stems of each of its
    `_phrases` that has any (`_holds`): computed once per set of issuers instead of once per title tried."""
    key = (id(lexicon), *map(id, corpus.issuers.values()))
    cached = _ISSUER_FORMS.get(key)
    if cached is not None:
        return cached[1]
    forms = tuple(
        tuple((stems[0], frozenset(stems)) for p in _phrases(issuer) for stems in [_stems(p, lexicon)] if stems)
        for issuer in corpus.issuers.values()
    )
    if len(_ISSUER_FORMS) >= 8:
        _ISSUER_FORMS.clear()
    _ISSUER_FORMS[key] = ([lexicon, *corpus.issuers.values()], forms)
    return forms


def _holds(
    issuer: Issuer,
    title: str,
    wanted: set[str],
    states: Mapping[str, Sequence[str]],
    lexicon: Lexicon | None = None,
    forms: tuple[tuple[str, frozenset[str]], ...] | None = None,
) -> bool:
    """Whether one of the issuer's names, aliases or its role is worded like `title`: each word of the
    title (`wanted`, its stems) is one of the phrase's or a country name, and it holds the phrase's first
    word («نائب» of «نائب رئيس الوزراء», "Deputy" of "Deputy Prime Minister": "the Prime Minister" is not
    the deputy). `forms` are the issuer's `_issuer_forms` when the caller has them."""
    if forms is None:
        phrases = _phrases(issuer)
        forms = tuple((st[0], frozenset(st)) for p in phrases for st in [_stems(p, lexicon)] if st)
    # Only a phrase whose first word the title holds can fit: the country's names are looked for then.
    fitting = [stems for first, stems in forms if first in wanted]
    if not fitting:
        return False
    names = list(states.get(issuer.country or "", ()))
    country = {s for h in find(names, title) for s in _stems(title[h.start : h.end], lexicon)} if names else set()
    return any(wanted <= stems | country for stems in fitting)


def frames(
    text: str, lang: str, corpus: Corpus, lexicon: Lexicon, states: Mapping[str, Sequence[str]] | None = None
) -> list[tuple[int, int]]:
    """Where `text` only says who speaks: each reporting verb with its named subject (`turns`), and
    a headline's `<speaker>:` opening (`بريطانيا: روسيا تقف وراء …`)."""
    return [t.frame for t in turns(text, lang, corpus, lexicon, states)]


def is_quotation(text: str) -> bool:
    """Whether the sentence is a bare quotation (it opens with a quotation mark)."""
    return text.lstrip()[:1] in _QUOTES


def segments(
    text: str,
    lang: str,
    corpus: Corpus,
    lexicon: Lexicon,
    previous: tuple[str, ...],
    collective: tuple[str, ...],
    states: Mapping[str, Sequence[str]] | None = None,
    found: list[Turn] | None = None,
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Split a claim into stretches credited to the same speakers.

    `previous` are the speakers in force at the end of the sentence before; `collective` the
    issuers a collective speaker stands for; `states` the names of every state (`states_of`), when
    the caller has them already, and `found` the text's `turns` likewise. Returns (start, end,
    speakers) in text order.
    """
    current = previous if (previous and is_quotation(text)) else ()
    spans: list[tuple[int, tuple[str, ...]]] = []
    for turn in found if found is not None else turns(text, lang, corpus, lexicon, states):
        who: tuple[str, ...] = ()
        for s in turn.speakers:
            who += collective if s == "~collective" else (s,)
        who = tuple(dict.fromkeys(who))
        if not turn.speakers:
            who = current or previous
        elif turn.candidates:
            # «وقال المكتب» after «أعلن مكتب التحقيقات الفيدرالي»: the speaker in force itself; «واشارت
            # وزارة الخارجية» after «اعلنت الحكومة البريطانية»: the ministry of the government in force,
            # when exactly one of the title's issuers is under it.
            same = [c for c in turn.candidates if c in (current or previous)]
            over = {link for s in (current or previous) for link in corpus.issuer_chain(s)}
            under = same or [c for c in turn.candidates if set(corpus.issuer_chain(c)) & over]
            if len(under) == 1:
                who = (under[0],)
        if who != current or not spans:
            spans.append((turn.start, who))
            current = who
    if not spans:
        return [(0, len(text), current)]
    opening = previous if (previous and is_quotation(text)) else ()
    if spans[0][1] != opening:
        # «… بينما نفى الجانب الروسي»: what comes before the contrast is no word of the clause after it.
        cut = [h.start for h in find(lexicon.speech.contrast.get(lang), text[: spans[0][0]])]
        if cut and _CONTENT_WORD.search(text[: cut[-1]]):
            spans.insert(0, (0, opening))
    out = []
    for i, (start, who) in enumerate(spans):
        end = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        out.append((0 if i == 0 else start, end, who))
    return out
