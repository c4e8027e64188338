"""Collation: every claim of every article checked against its case's statements.

`collate` is deterministic: the same data gives the same report, byte for byte (everything
is sorted, nothing depends on time or on the order files are read in).
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from muqabala.collate import compare, verdict
from muqabala.collate.align import Aligner
from muqabala.collate.attribution import actor, code, frames, segments, states_of, turns
from muqabala.collate.rules import registry
from muqabala.collate.views import ANONYMOUS, UNLISTED, CaseView, ClaimView, Segment, Source, rank
from muqabala.data import parallel, versions
from muqabala.data.corpus import Case, Corpus
from muqabala.data.model import Article, ArticleSentence, Override, Statement, first_speaker, speaker_ids
from muqabala.lexicon.phrases import Lexicon, find, load_lexicon
from muqabala.report import (
    ArticleReport,
    Attribution,
    Claim,
    Comparison,
    Discrepancy,
    EditorialOverride,
    Evidence,
    Figure,
    Report,
    StatementReport,
    Texts,
)
from muqabala.vocabulary import SITE_LANGUAGES

MAX_EVIDENCE = 5
"""Primary sentences shown per claim; one secondary sentence may follow them as context."""

CANDIDATES = 20
"""Sentences the aligner proposes per claim, before the engine's own reordering (`_attributing_first`)."""

CASES_PER_SHARE = 8
"""Cases a worker collates at a time at most (`parallel.shares`): a worker's memory is what one share
needs at its peak (its aligner's indexes, case views and report parts, ~2 MB a case) on top of
what it inherited, and freed memory stays with the worker; 25 a share cost each worker ~40 MB more
at 1000 cases (docs/performance.md, ninth session)."""

SPEAKING_KINDS = ("government", "intergovernmental_body")
"""Issuers a collective speaker ("the countries") can stand for."""


def collate(corpus: Corpus, root: Path | None = None, jobs: int | None = None) -> Report:
    """Check every article of `corpus`; the lexicon is read from `root/lexicon` (default: the corpus root).

    Cases are independent, so an archive's cases are shared among `jobs` processes (default:
    `MUQABALA_JOBS`, else one per core once there are `parallel.PARALLEL_CASES` cases); the report is the
    same, byte for byte, whatever the number.
    """
    return assemble(corpus, collate_cases(corpus, list(corpus.cases), root, jobs))


class CasePart(BaseModel):
    """The part of the report one case gives: its statements, articles and comparisons, in report order."""

    model_config = ConfigDict(extra="forbid")

    statements: list[StatementReport]
    articles: list[ArticleReport]
    comparisons: list[Comparison]


def collate_cases(
    corpus: Corpus, cases: list[str], root: Path | None = None, jobs: int | None = None
) -> dict[str, CasePart]:
    """The report parts of some cases of `corpus` (see `collate`), by case id.

    A case's part depends only on its own statements and articles, the issuers, the lexicon
    and the code, so parts computed apart assemble (`assemble`) into the report `collate` gives.
    """
    lexicon = load_lexicon((root or corpus.root) / "lexicon")
    wanted = sorted(set(cases))
    if not wanted:
        return {}
    workers = parallel.workers(len(wanted), jobs)
    if workers > 1:
        # Each share carries its cases, pickled before the fork (see `_collate_cases`): pickling them
        # while the workers run would write to every page of the corpus here (reference counts), and
        # each page written after the fork counts twice, here and in the workers that still share it.
        shares = [
            pickle.dumps([corpus.cases[cid] for cid in share])
            for share in parallel.shares(wanted, workers, CASES_PER_SHARE)
        ]
        # The parts come back pickled and are unpickled once the workers are gone: as objects they
        # weigh ~3 times their pickle, and held here beside the workers they made the engine's peak.
        blobs = parallel.map_forked(_collate_pickled, (corpus, lexicon), shares, workers)
        del shares
        blobs.reverse()  # popped from the end in order, each pickle freed once it is read
        parts = []
        while blobs:
            parts.append(pickle.loads(blobs.pop()))
    else:
        parts = [_collate_cases((corpus, lexicon), [corpus.cases[cid] for cid in wanted])]
    reports = sorted((r for part in parts for r in part[0]), key=lambda r: r[0])
    articles = sorted((a for part in parts for a in part[1]), key=lambda a: a[0])
    out = {cid: CasePart(statements=[], articles=[], comparisons=[]) for cid in wanted}
    kinds: dict[str, list[str]] = {}
    for _, (report, demand_kinds) in reports:
        out[report.case].statements.append(report)
        kinds[report.id] = demand_kinds
    for _, article in articles:
        out[article.case].articles.append(article)
    for part in out.values():
        part.comparisons = compare.compare_statements(part.statements, kinds)
    return out


def assemble(corpus: Corpus, parts: dict[str, CasePart]) -> Report:
    """The report of `corpus` from the parts of all its cases, in the order `collate` lists them."""
    statements = sorted((r for p in parts.values() for r in p.statements), key=lambda r: r.id)
    articles = sorted((a for p in parts.values() for a in p.articles), key=lambda a: a.id)
    # Comparisons are of pairs within a case, listed in the order of all pairs of the sorted
    # statements; the sort is stable, so each pair keeps its facets' order.
    comparisons = sorted(
        (c for p in parts.values() for c in p.comparisons), key=lambda c: (c.statements[0], c.statements[1])
    )
    return Report(data_digest=corpus.digest, statements=statements, articles=articles, comparisons=comparisons)


def _collate_cases(
    shared: tuple[Corpus, Lexicon], share: list[Case] | bytes
) -> tuple[list[tuple[str, tuple[StatementReport, list[str]]]], list[tuple[str, ArticleReport]]]:
    """The statement reports (with their kinds of demand) and article reports of some cases, keyed by id.

    In a forked worker the cases arrive pickled (`share` is bytes): fresh objects of the worker's own, freed with its
    results. Objects it inherits from the loaded corpus instead would be copied into its memory
    page by page as soon as it read them (reference counting writes to them), so a worker would end
    up holding a second copy of every case it collated. Unpickling them costs a fifth of reading
    their files again (which the workers did before).
    """
    corpus, lexicon = shared
    cases: list[Case] = pickle.loads(share) if isinstance(share, bytes) else share
    # The aligner indexes each case apart, so one over these cases ranks as one over all would; and
    # every lookup of a statement is within the claim's case, so a corpus of these cases is enough.
    own = replace(
        corpus,
        statements={k: s for case in cases for k, s in case.statements.items()},
        articles={k: a for case in cases for k, a in case.articles.items()},
    )
    cases = [own.cases[case.id] for case in cases]
    aligner = Aligner(own, lexicon)
    views = {case.id: build_case(own, lexicon, case.id) for case in cases}
    reports = [(k, statement_report(st, views[st.case])) for k, st in sorted(own.statements.items())]
    articles = []
    for k, art in sorted(own.articles.items()):
        then = _as_published(own, art)
        if then is None:
            articles.append((k, article_report(art, views[art.case], aligner)))
        else:
            articles.append((k, article_report(art, build_case(then, lexicon, art.case), Aligner(then, lexicon))))
    return reports, articles


def _collate_pickled(shared: tuple[Corpus, Lexicon], share: bytes) -> bytes:
    """`_collate_cases` of a pickled share, its result pickled: what a forked worker computes."""
    return pickle.dumps(_collate_cases(shared, share), pickle.HIGHEST_PROTOCOL)


def _as_published(corpus: Corpus, art: Article) -> Corpus | None:
    """The article's case as its statements read on the article's date (`versions.as_of`), or None
    when every one read as it does now: an article is checked against the text it could quote."""
    case = corpus.cases[art.case].statements
    then = {sid: versions.as_of(st, art.date) for sid, st in case.items()}
    if all(then[sid] is st for sid, st in case.items()):
        return None
    return replace(corpus, statements=then, articles={art.id: art})


def _wording(text: str, lang: str, translations: dict[str, str]) -> dict[str, str]:
    return {lang: text, **translations}


def coding_text(src: Source) -> tuple[str, str]:
    """The wording a statement sentence is coded on: English where there is one, else Arabic."""
    for lang in ("en", "ar"):
        if lang in src.text:
            return src.text[lang], lang
    return src.text[src.lang], src.lang


def build_case(corpus: Corpus, lexicon: Lexicon, case_id: str) -> CaseView:
    """Every sentence of the case's statements, with its speaker and attribution coding."""
    case = CaseView(
        corpus=corpus,
        lexicon=lexicon,
        id=case_id,
        states=states_of(corpus, lexicon),
        sources=[],
        secondary=[],
        coding={},
    )
    for st in case.statements:
        for sen in st.sentences():
            issuer = first_speaker(sen.speaker) or st.issuer
            speaking = speaker_ids(sen.speaker) or [st.issuer, *st.joined_by]
            src = Source(
                statement=st.id,
                sentence=sen.id,
                issuer=issuer,
                root=case.root(issuer),
                text=_wording(sen.text, sen.lang or st.language, dict(sen.translations)),
                lang=sen.lang or st.language,
                date=st.date,
                role=st.role,
                voices=tuple(dict.fromkeys([case.root(issuer), *(case.root(i) for i in speaking)])),
            )
            (case.sources if st.role == "primary" else case.secondary).append(src)
            text, lang = coding_text(src)
            exclude = {c for c in (case.country(st.issuer), case.country(issuer)) if c}
            coded = code(text, lang, lexicon, case.prepared_states, exclude)
            case.coding[src.ref] = coded.attribution
            if coded.declined and st.role == "primary":
                case.declined[src.ref] = coded.declined
    return case


def _strongest(codings: list[Attribution]) -> Attribution:
    best = max(codings, key=lambda a: rank(a.level), default=Attribution(level="none"))
    groups = sorted({g for a in codings for g in a.groups})
    organ = best if best.named_organ else next((a for a in codings if a.named_organ), None)
    return best.model_copy(
        update={
            "groups": groups,
            "named_organ": organ.named_organ if organ else None,
            "named_organ_label": organ.named_organ_label if organ else None,
        }
    )


def statement_report(st: Statement, case: CaseView) -> tuple[StatementReport, list[str]]:
    """A statement's coding per sentence and overall, its figures and demands, and the kinds of demand."""
    srcs = [s for s in case.sources + case.secondary if s.statement == st.id]
    codings = [case.coding[s.ref] for s in srcs]
    figures: list[Figure] = []
    demands: list[str] = []
    kinds: set[str] = set()
    for src in srcs:
        text, lang = coding_text(src)
        wide = find(case.lexicon.scope.worldwide.get(lang), text)
        for f in case.lexicon.figures(text, lang):
            figures.append(
                Figure(
                    value=f.value,
                    qualifier=f.qualifier,
                    unit=f.unit,
                    text=f.text,
                    scope="worldwide" if wide else None,
                    sentence=src.sentence,
                )
            )
        made = {d.id for d in case.lexicon.speech.demands if find(d.get(lang), text)}
        if made:
            demands.append(src.sentence)
            kinds |= made
    hedged: list[tuple[str, str]] = []
    for src, coding in zip(srcs, codings, strict=True):
        if coding.level == "none" or src.role != "primary":
            continue
        text, lang = coding_text(src)
        hits = [(h.id, hit) for h in case.lexicon.hedges.hedges for hit in find(h.get(lang), text)]
        # "highly likely" holds "likely": keep the longest of overlapping hedges.
        for hid, hit in hits:
            if not any(o.start <= hit.start and hit.end <= o.end and o is not hit for _, o in hits):
                hedged.append((hid, text[hit.start : hit.end]))
    return StatementReport(
        id=st.id,
        issuer=st.issuer,
        case=st.case,
        date=st.date,
        role=st.role,
        completeness=st.completeness,
        attribution=_strongest(codings),
        sentence_attribution={s.sentence: c.level for s, c in zip(srcs, codings, strict=True) if c.level != "none"},
        figures=figures,
        demands=demands,
        certainty=sorted({hid for hid, _ in hedged}),
        certainty_cues=sorted({cue for _, cue in hedged}, key=str.lower),
    ), sorted(kinds)


def _texts(sen: ArticleSentence, art: Article) -> dict[str, str]:
    return _wording(sen.text, sen.lang or art.language, dict(sen.translations))


def claim_view(
    art: Article,
    sen: ArticleSentence,
    case: CaseView,
    aligner: Aligner,
    previous: tuple[str, ...],
    collective: tuple[str, ...],
) -> ClaimView:
    """Speakers, attribution coding and aligned sentences of one article sentence."""
    text = _texts(sen, art)
    lang = sen.lang or art.language
    lang = lang if lang in SITE_LANGUAGES else "en"
    # Speakers first: the aligner credits a sentence's speaker only when the claim credits it.
    said = turns(text[lang], lang, case.corpus, case.lexicon, case.states, case.speaking)
    spoken = segments(text[lang], lang, case.corpus, case.lexicon, previous, collective, case.states, said)
    credited = {link for _, _, who in spoken for i in who if i != ANONYMOUS for link in case.corpus.issuer_chain(i)}
    framed = {
        language: [t.frame for t in said]
        if language == lang
        else frames(words, language, case.corpus, case.lexicon, case.states)
        for language, words in text.items()
        if language in SITE_LANGUAGES
    }
    # A sentence that credits no speaker is checked against the statements of the issuer acting in
    # it first ("ألمانيا تستدعي سفيرها" against Germany's): for ranking only, it credits nobody.
    # A clause in the article's own voice before the speakers' («وجّهت الولايات المتحدة اتهامًا… بينما
    # نفى الجانب الروسي») is checked against the statements of the issuer acting in it as well.
    lead = spoken[0][1] if spoken and not spoken[0][2] and len(spoken) > 1 else len(text[lang])
    acting = (
        None
        if credited and lead == len(text[lang])
        else actor(text[lang][:lead], lang, case.corpus, case.lexicon, case.states)
    )
    # The speaker bonus goes to what the credited issuer itself said, or a body under it: "the FBI
    # accuses" is the FBI's sentences, not the White House's through their common government.
    ranking = {i for _, _, who in spoken for i in who if i != ANONYMOUS} | ({acting} if acting else set())
    candidates = aligner.rank(art, sen, k=CANDIDATES, credited=ranking, frames=framed)
    ranked = [(f"{c.statement}#{c.sentence}", c.score, tuple(c.reasons)) for c in candidates]
    view = view_of(text, lang, case, ranked, previous, collective, article=art.id, claim_id=sen.id, spoken=spoken)
    view.named = tuple(aligner.issuers_named(view.text.values()))
    view.date = art.date
    view.frames = tuple(framed.get(lang, ()))
    return view


def view_of(
    text: dict[str, str],
    lang: str,
    case: CaseView,
    ranked: list[tuple[str, float, tuple[str, ...]]],
    previous: tuple[str, ...] = (),
    collective: tuple[str, ...] = (),
    article: str = "",
    claim_id: str = "",
    spoken: list[tuple[int, int, tuple[str, ...]]] | None = None,
) -> ClaimView:
    """A claim as the rules see it, from its wording and its ranked `(ref, score, reasons)`;
    `spoken` is its `segments` when the caller has them already."""
    if lang not in SITE_LANGUAGES:
        lang = "en"
    original = text[lang]
    if spoken is None:
        spoken = segments(original, lang, case.corpus, case.lexicon, previous, collective, case.states)
    segs = []
    for start, end, who in spoken:
        exclude = {c for w in who if w != ANONYMOUS for c in [case.country(w)] if c}
        coding = code(original[start:end], lang, case.lexicon, case.prepared_states, exclude)
        cues = tuple((start + h.start, start + h.end) for h in coding.hits)
        segs.append(Segment(start, end, who, coding.attribution, cues))
    by_ref = case.by_ref
    evidence: list[Source] = []
    context: list[Source] = []
    for ref, score, reasons in ranked:
        src = by_ref.get(ref)
        if src is None:
            continue
        scored = src.scored(round(score, 4), tuple(reasons))
        (context if src.role == "secondary" else evidence).append(scored)
    evidence = _attributing_first(evidence, segs, case)
    view = ClaimView(
        article=article, id=claim_id, text=text, lang=lang, segments=segs, evidence=evidence, context=context
    )
    view.keep = frozenset(link for i in view.credited for link in case.corpus.issuer_chain(i))
    view.evidence = _replies_after(view, case)
    return view


ATTRIBUTING_WEIGHT = 0.1
"""Score added, for a claim that holds a state responsible, to each sentence in which a speaker it
credits holds the same state responsible, or declines to: "the UK accused China" rests on the UK's
attributions of China before its other sentences that mention China. Swept 0–0.2 on the tuning cases
(docs/evaluation.md)."""


def _attributing_first(evidence: list[Source], segs: list[Segment], case: CaseView) -> list[Source]:
    claimed = [s for s in segs if s.coding.level != "none"]
    if not claimed or not ATTRIBUTING_WEIGHT:
        return evidence
    states = {s.coding.state for s in claimed if s.coding.state}
    if not states:
        return evidence  # "accused of hacking", no state named: nothing to hold the sentences to
    roots = {case.root(i) for s in claimed for i in s.speakers if i not in (ANONYMOUS, UNLISTED)}
    out = []
    for src in evidence:
        coding = case.coding[src.ref]
        attributes = coding.level != "none" and coding.state in states
        declines = states & case.declined.get(src.ref, frozenset())
        if (attributes or declines) and (not roots or src.by(roots)):
            src = src.scored(
                round(src.score + ATTRIBUTING_WEIGHT, 4),
                (*src.reasons, f"attribution:{coding.level if attributes else 'declined'}"),
            )
        out.append(src)
    return sorted(out, key=lambda s: (-s.score, s.statement, s.sentence))


def reports_reply(view: ClaimView, case: CaseView) -> bool:
    """Whether a claim reports the accused state's reply: it credits a speaker of that state, or its
    wording denies or rejects (`speech.yaml` `rejecting`: «نفت», "denied")."""
    if any(case.country(i) in case.accused for i in view.credited if i not in (ANONYMOUS, UNLISTED)):
        return True
    cues = case.lexicon.speech.rejecting
    return any(find(cues.get(lang), words) for lang, words in view.text.items())


def _replies_after(view: ClaimView, case: CaseView) -> list[Source]:
    """Rule "a reply is no evidence for the accusation it rejects": for a claim that does not report the
    accused state's reply (`reports_reply`), the sentences of that state's issuers come after every other
    sentence, in their own order. A reply shares the accusation's words («the UK's claim that China was
    responsible for malicious cyber campaigns … is unfounded»), so it can outrank the accusers' own
    sentences for a claim that reports the accusation.

    Only a claim that itself holds someone responsible is moved: one that accuses nobody may be the
    reply in other words («وقال المتحدث إن "الاتهام الأمريكي استفزاز"»), and moving the reply's own
    sentences below every other there cost a fresh case (wannacry-2017, where the accused state's
    replies were the evidence of four claims) a quarter of its top-1 evidence
    (docs/evaluation.md, "the fresh cases, read once")."""
    accuses = any(s.coding.level != "none" for s in view.segments)
    if not case.accused or not accuses or reports_reply(view, case):
        return view.evidence

    def reply(src: Source) -> bool:
        return case.country(src.issuer) in case.accused

    return [s for s in view.evidence if not reply(s)] + [s for s in view.evidence if reply(s)]


def check(view: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Run every rule; major differences first, then in rule order."""
    found: list[Discrepancy] = []
    for rule in registry().values():
        found += rule(view, case)
    return sorted(found, key=lambda d: d.severity != "major")


def _evidence(src: Source, origin: str = "engine") -> Evidence:
    return Evidence(
        statement=src.statement,
        issuer=src.issuer,
        sentence=src.sentence,
        text=Texts(ar=src.words("ar"), en=src.words("en")),
        original_lang=src.lang,
        score=src.score,
        reasons=list(src.reasons),
        origin=origin,  # type: ignore[arg-type]
        role=src.role,  # type: ignore[arg-type]
    )


def _override(art: Article, claim_id: str) -> Override | None:
    return next((o for o in art.overrides if o.claim == claim_id), None)


def article_report(art: Article, case: CaseView, aligner: Aligner) -> ArticleReport:
    """Every sentence of the article as a checked claim."""
    claims: list[Claim] = []
    previous: tuple[str, ...] = ()
    credited_roots: list[str] = []
    by_ref = {s.ref: s for s in case.sources + case.secondary}
    for position, (paragraph, sen) in enumerate(
        [(-1, art.headline)] + [(pi, s) for pi, p in enumerate(art.paragraphs) for s in p.sentences]
    ):
        speaking = [r for r in credited_roots if case.corpus.issuers[r].kind in SPEAKING_KINDS] or [
            r for r in case.roots if r in case.corpus.issuers and case.corpus.issuers[r].kind in SPEAKING_KINDS
        ]
        view = claim_view(art, sen, case, aligner, previous, tuple(speaking))
        # A sentence without a speaker of its own leaves in force the issuer acting in it («رد متحدث باسم
        # وزارة الخارجية… على الاتهامات», then «وقال المسؤول…»), else nobody: keeping the speaker of the
        # sentence before across it cost two claims on the tuning cases.
        last = view.segments[-1].speakers if view.segments else ()
        if not last:
            acting = actor(view.original, view.lang, case.corpus, case.lexicon, case.states)
            last = (acting,) if acting else ()
        previous = last
        found = check(view, case) if sen.claim else []
        if sen.claim:
            credited_roots += [
                r for r in (case.root(i) for i in view.credited) if r in case.corpus.issuers and r not in credited_roots
            ]
        computed, rationale = verdict.decide(view, found, sen.claim, case)
        shown = [_evidence(s) for s in view.evidence[:MAX_EVIDENCE]] + [_evidence(s) for s in view.context[:1]]
        ov = _override(art, sen.id)
        editorial = None
        if ov is not None:
            pinned = [by_ref[r] for r in ov.evidence if r in by_ref]
            scores = {s.ref: s for s in view.evidence + view.context}
            shown = [_evidence(scores.get(s.ref, s), "editor") for s in pinned] + [
                e for e in shown if f"{e.statement}#{e.sentence}" not in ov.evidence
            ]
            editorial = EditorialOverride(
                editor=ov.editor,
                date=ov.date,
                note=Texts(ar=ov.note.ar, en=ov.note.en),
                verdict=ov.verdict,
                evidence=list(ov.evidence),
            )
        codings = [s.coding for s in view.segments]
        attribution = _strongest(codings)
        claims.append(
            Claim(
                id=sen.id,
                position=position,
                paragraph=paragraph,
                text=Texts(ar=view.text.get("ar", view.original), en=view.text.get("en", view.original)),
                verdict=(ov.verdict if ov and ov.verdict else computed),
                origin="editor" if ov and ov.verdict else "engine",
                computed_verdict=computed,
                rationale=rationale,
                override=editorial,
                credited=view.credited,
                attribution=attribution if (attribution.level != "none" or attribution.groups) else None,
                evidence=shown,
                discrepancies=found,
            )
        )
    counts: dict[str, int] = {}
    for c in claims:
        counts[c.verdict] = counts.get(c.verdict, 0) + 1
    return ArticleReport(
        id=art.id,
        case=art.case,
        outlet=Texts(ar=art.outlet.ar, en=art.outlet.en),
        url=art.url,
        date=art.date,
        language=art.language,
        claims=claims,
        verdict_counts=dict(sorted(counts.items())),
    )
