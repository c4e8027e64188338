"""Rule `attribution_level`: a claim goes further up the attribution scale than its speaker.

Each stretch of a claim is coded on the scale (rules/coding.py) and compared with the
strongest coding of the statements of every issuer it credits (at the top of the issuer's
chain: Raab and the NCSC speak for the UK Government), about the same state. "The UK and the
EU accused China" (a direct accusation: state_affiliated) exceeds the EU's "from the territory
of China" (territory), not the UK's "Ministry of State Security" (state_organ). A collective
speaker ("the countries said", «وقالت الدول») speaks for the governments together: its words
exceed only what none of them said. Naming a body
the issuer never named is flagged too, even at an equal level (an organ counts as named when its
source names a narrower one: the GRU is an intelligence service, `kind_of` in attribution.yaml). A
stretch in the article's own voice is compared with the strongest statement of the case.

A claim that holds the state responsible for what its speaker's closest sentences decline to
attribute ("we are not now in a position to attribute this activity to the Russian Government")
goes beyond them too (kind `declined`), whatever level the speaker reaches elsewhere: "Washington
accused Moscow of hacking electoral systems", where the same statement attributes the e-mail
compromises and declines to attribute the scanning of election systems.

Going down the scale from a named organ is a difference of its own (kind `less_specific`), and a
minor one: "Russia" where the source names "the Russian military" is accurate and less specific,
not contrary. The page notes it beside the verdict; it does not change the verdict.
"""

from __future__ import annotations

import re

from muqabala.collate.attribution import code
from muqabala.collate.views import (
    ANONYMOUS,
    LEVEL_NAMES,
    SUPPORT_SCORE,
    CaseView,
    ClaimView,
    Segment,
    Source,
    adjusted,
    flag,
    rank,
)
from muqabala.lexicon.normalize import ENGLISH_STOP, fold, stem
from muqabala.lexicon.phrases import find
from muqabala.report import Discrepancy, SourceSpan, Texts
from muqabala.vocabulary import Grammar, quote

_WORD = re.compile(r"[^\W\d_]+")

REST_K = 3
"""How many of the speaker's closest sentences the claim rests on, for "less specific": swept 1–5
on the tuning cases, flat from 2 to 5 (docs/evaluation.md)."""


def _source_span(src: Source, case: CaseView) -> SourceSpan:
    text = src.words("en")
    exclude = {c for c in [case.country(src.issuer)] if c}
    hits = code(text, "en", case.lexicon, case.prepared_states, exclude).hits
    return src.span("en", hits[0].start, hits[0].end) if hits else src.whole()


def _exceeds(claim: ClaimView, seg: Segment, root: str | None, case: CaseView) -> list[Discrepancy]:
    c = seg.coding
    roots = [root] if root else case.roots
    level, src = max((case.strongest(r, c.state, c.groups) for r in roots), key=lambda x: rank(x[0]))
    who = case.the(root) if root else Texts(en="any statement of the case", ar="أيٌّ من بيانات القضية")
    grammar = case.grammar(root) if root else Grammar()
    cue = claim.original[seg.cue_spans[0][0] : seg.cue_spans[0][1]] if seg.cue_spans else ""
    claim_span = claim.span(*seg.cue_spans[0]) if seg.cue_spans else claim.span(seg.start, seg.end)
    source_span = _source_span(src, case) if src else None
    details = {
        "claim_level": c.level,
        "source_level": level,
        "issuer": root,
        "state": c.state,
        "claim_organ": c.named_organ,
        "source_organ": case.coding[src.ref].named_organ if src else None,
    }
    if rank(c.level) > rank(level):
        en, ar = exceeds_text(who, grammar, c.level, level, cue, claim.lang, root is not None)
        return [flag("attribution_level", "major", en, ar, claim_span, source_span, kind="exceeds", **details)]
    named = {case.coding[s.ref].named_organ for s in (case.by_root(root) if root else case.sources)}
    kinds = {o.name: o.kind_of for o in case.lexicon.attribution.organs}
    organs = named | {k for o in named if o for k in kinds.get(o, [])}
    if c.named_organ and c.named_organ not in organs:
        organ = c.named_organ_label or Texts(en=c.named_organ, ar=c.named_organ)
        en, ar = organ_text(who, grammar, organ, root is not None)
        return [flag("attribution_level", "major", en, ar, claim_span, source_span, kind="organ", **details)]
    # Less specific than the sentence the claim rests on (its closest evidence from that speaker), not
    # than the speaker's strongest words anywhere: a faithful quotation of "state-backed groups" stays
    # faithful though the same release names the Ministry of State Security about another campaign.
    # The claim rests on its speaker's closest sentences (close enough to say it), not on the one
    # closest alone: "Russia" rests on "the Russian military" a sentence away from the damage figures.
    own = [s for s in claim.evidence if root is None or s.by([root])][:REST_K]
    own = own[:1] + [s for s in own[1:] if adjusted(s, claim.keep) >= SUPPORT_SCORE]
    refusal = next((s for s in own if c.state in case.declined.get(s.ref, ()) and _declined_part(claim, s, case)), None)
    if refusal is not None:
        state = case.state_label(c.state or "")
        en, ar = declined_text(who, grammar, state, refusal.words("en"), root is not None)
        return [flag("attribution_level", "major", en, ar, claim_span, refusal.whole(), kind="declined", **details)]
    rests = next((s for s in own if case.coding[s.ref].level == "state_organ"), None)
    source_organ = case.coding[rests.ref].named_organ if rests else None
    if rank(c.level) < rank("state_organ") and source_organ and not c.named_organ:
        found = next((o for o in case.lexicon.attribution.organs if o.name == source_organ), None)
        organ = Texts(en=source_organ, ar=found.name_ar if found else source_organ)
        en, ar = less_specific_text(who, grammar, c.level, organ, root is not None)
        rested = _source_span(rests, case) if rests else source_span
        return [flag("attribution_level", "minor", en, ar, claim_span, rested, kind="less_specific", **details)]
    return []


def _words(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(fold(text)[0]) if len(w) > 2 and w not in ENGLISH_STOP}


def _declined_part(claim: ClaimView, refusal: Source, case: CaseView) -> bool:
    """Whether the claim is about what its source declines to attribute: it shares a word with the
    declining sentence and the one before it ("this activity": the scanning of "election-related
    systems") that no other paragraph of the statement has, names of states aside. "Accused Moscow
    of hacking electoral systems" is; "accused Russia of interfering in the elections" is not, since
    the paragraph that attributes the e-mail thefts speaks of the election too."""
    statement = case.corpus.statements[refusal.statement]
    text = {s.sentence: s.words("en") for s in case.sources if s.statement == refusal.statement}
    names = {w for forms in case.states.values() for form in forms for w in _words(form)}
    mine: set[str] = set()
    others: set[str] = set()
    for paragraph in statement.paragraphs:
        ids = [s.id for s in paragraph.sentences]
        if refusal.sentence not in ids:
            others |= {w for i in ids for w in _words(text.get(i, ""))}
            continue
        at = ids.index(refusal.sentence)
        mine |= {w for i in ids[max(0, at - 1) : at + 1] for w in _words(text.get(i, ""))}
    return bool((_words(claim.text.get("en", "")) & mine) - others - names)


def _level_en(level: str) -> str:
    """A level's English label inside a sentence: "from the state's territory"."""
    label = LEVEL_NAMES[level].en
    return quote(label[0].lower() + label[1:], "en")


def exceeds_text(
    who: Texts, grammar: Grammar, claimed: str, said: str, cue: str, lang: str, issuer: bool
) -> tuple[str, str]:
    """The explanation of a claim above its speaker's level: both levels by their one label; the
    claim's cue quoted only in its own language (the page shows the claim's words beside it)."""
    cue_en = f" ({quote(cue, 'en')})" if cue and lang == "en" else ""
    cue_ar = f" ({quote(cue, 'ar')})" if cue and lang == "ar" else ""
    if not issuer:
        return (
            f"The claim goes as far as {_level_en(claimed)}{cue_en}; the statements of the case "
            f"go no further than {_level_en(said)}.",
            f"يبلغ الادعاء درجة {quote(LEVEL_NAMES[claimed].ar, 'ar')}{cue_ar}، "
            f"وأقصى ما تبلغه بيانات القضية درجة {quote(LEVEL_NAMES[said].ar, 'ar')}.",
        )
    return (
        f"The claim puts {who.en} at {_level_en(claimed)}{cue_en}; "
        f"{who.en} {grammar.en_verb('goes', 'go')} no further than {_level_en(said)}.",
        f"يبلغ الادعاء في نسبته الأمر إلى {who.ar} درجة {quote(LEVEL_NAMES[claimed].ar, 'ar')}{cue_ar}، "
        f"وأقصى ما تبلغه بيانات {who.ar} درجة {quote(LEVEL_NAMES[said].ar, 'ar')}.",
    )


def organ_text(who: Texts, grammar: Grammar, organ: Texts, issuer: bool) -> tuple[str, str]:
    """The explanation of a state body the speaker never named, named in the page's language."""
    if not issuer:
        return (
            f"The claim names the {organ.en}; no statement of the case names it.",
            f"يسمّي الادعاء {organ.ar}، ولا ترد هذه التسمية في أيٍّ من بيانات القضية.",
        )
    return (
        f"The claim has {who.en} name the {organ.en}; {who.en} {grammar.en_verb('names', 'name')} no such body.",
        f"ينسب الادعاء إلى {who.ar} تسمية {organ.ar}، ولا ترد هذه التسمية في بيانات {who.ar}.",
    )


def declined_text(who: Texts, grammar: Grammar, state: Texts, said: str, issuer: bool) -> tuple[str, str]:
    """The explanation of a claim holding a state responsible for what its source declines to attribute.
    The source's words are quoted in English; the Arabic page shows the sentence beside it."""
    if not issuer:
        return (
            f"The claim holds {state.en} responsible for what a statement of the case declines to attribute: "
            f"{quote(said, 'en')}",
            f"يحمّل الادعاء {state.ar} المسؤولية عن نشاط يمتنع أحد بيانات القضية عن نسبته إليها.",
        )
    return (
        f"The claim has {who.en} hold {state.en} responsible for what {who.en} "
        f"{grammar.en_verb('declines', 'decline')} to attribute: {quote(said, 'en')}",
        f"ينسب الادعاء إلى {who.ar} تحميل {state.ar} المسؤولية عن نشاط تمتنع بيانات {who.ar} عن نسبته إليها.",
    )


def less_specific_text(who: Texts, grammar: Grammar, claimed: str, organ: Texts, issuer: bool) -> tuple[str, str]:
    """The explanation of a claim lower on the scale than a source naming a state body: less specific."""
    whose_en = f"{who.en} {grammar.en_verb('names', 'name')}" if issuer else "the statements of the case name"
    whose_ar = f"بيانات {who.ar}" if issuer else "بيانات القضية"
    return (
        f"The claim stops at {_level_en(claimed)}, where {whose_en} a state body, the {organ.en}: "
        f"less specific, not contrary.",
        f"يقف الادعاء عند درجة {quote(LEVEL_NAMES[claimed].ar, 'ar')}، في حين تسمّي {whose_ar} جهازًا من أجهزة "
        f"الدولة هو {organ.ar}: الادعاء أقل تحديدًا، لا مخالف.",
    )


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Flag every stretch of the claim coded above what its speaker said."""
    out: list[Discrepancy] = []
    for seg in claim.segments:
        if seg.coding.level == "none" or ANONYMOUS in seg.speakers:
            continue
        speakers = [s for s in seg.speakers if s != ANONYMOUS]
        if not speakers:
            out += _exceeds(claim, seg, None, case)
            continue
        roots = [r for r in dict.fromkeys(case.root(s) for s in speakers) if r in case.roots]
        per_root = [_exceeds(claim, seg, root, case) for root in roots]
        if _collective(claim, seg, case) and not all(per_root):
            continue  # "the countries said …": one of them saying it is enough
        out += [d for found in per_root for d in found]
    return out


def _collective(claim: ClaimView, seg: Segment, case: CaseView) -> bool:
    """Whether the segment's speaker is a collective ("the countries", «الدول») named in its frame:
    it speaks for the governments of the case together, not for each one."""
    said = find(case.lexicon.speech.collective.get(claim.lang), claim.original[seg.start : seg.end])
    return any(a <= seg.start + h.start and seg.start + h.end <= b for h in said for a, b in claim.frames)
