"""Hand-made engine output for the render tests: a stand-in for `engine.collate`, never shipped.

Every verdict here is invented for testing the pages; none of it is presented as computed.
"""

from __future__ import annotations

from pathlib import Path

from muqabala.data.corpus import Corpus
from muqabala.data.model import Article, Issuer, Statement
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
    SourceSpan,
    Span,
    StatementReport,
    Texts,
)

VERDICTS = ["contradicted", "supported", "partly_supported", "misleading", "misattributed", "unsupported"]
LEVELS = ["none", "territory", "state_affiliated", "state_organ"]


def _texts(text: object, original: str) -> Texts:
    tr = getattr(text, "translations", {})
    src = text.text
    return Texts(ar=src if original == "ar" else tr.get("ar", src), en=src if original == "en" else tr.get("en", src))


def fake_report(corpus: Corpus) -> Report:
    """A report touching every feature of the pages: verdicts, spans, overrides, attribution."""
    statements = sorted(corpus.statements.values(), key=lambda s: s.id)
    sreports = []
    for i, st in enumerate(statements):
        sens = st.sentences()
        level = LEVELS[i % 4]
        sreports.append(
            StatementReport(
                id=st.id,
                issuer=st.issuer,
                case=st.case,
                date=st.date,
                role=st.role,
                completeness=st.completeness,
                attribution=Attribution(
                    level=level,
                    named_organ="Ministry of State Security" if level == "state_organ" else None,
                    state="CN" if level != "none" else None,
                    groups=["APT31", "APT40"] if i % 2 else [],
                    cues=[sens[0].text[:20]],
                ),
                sentence_attribution={sens[0].id: level} if level != "none" else {},
                figures=[
                    Figure(
                        value=250000,
                        qualifier="more_than",
                        text="over a quarter of a million servers",
                        sentence=sens[0].id,
                    )
                ]
                if i % 3 == 0
                else [],
                demands=[sens[-1].id] if i % 2 == 0 else [],
            )
        )
    articles = []
    for art in sorted(corpus.articles.values(), key=lambda a: a.id):
        claims = []
        pos_para = [(-1, art.headline)] + [(pi, s) for pi, p in enumerate(art.paragraphs) for s in p.sentences]
        for pos, (para, sen) in enumerate(pos_para):
            text = _texts(sen, art.language)
            if not sen.claim:
                claims.append(
                    Claim(
                        id=sen.id,
                        position=pos,
                        paragraph=para,
                        text=text,
                        verdict="not_a_claim",
                        origin="engine",
                        computed_verdict="not_a_claim",
                        rationale=Texts(ar="ليس ادعاءً.", en="Not a claim."),
                    )
                )
                continue
            verdict = VERDICTS[pos % len(VERDICTS)]
            st = statements[pos % len(statements)]
            ssen = st.sentences()[0]
            ev = Evidence(
                statement=st.id,
                issuer=st.issuer,
                sentence=ssen.id,
                text=_texts(ssen, ssen.lang or st.language),
                original_lang=ssen.lang or st.language,
                score=12.5 - pos / 10,
                reasons=["entity:APT40", "term:ar:اختراق"],
            )
            word = text.ar.split()[0]
            discs = (
                [
                    Discrepancy(
                        type="attribution_level",
                        severity="major",
                        explanation=Texts(
                            ar="المقال يذهب أبعد من المصدر.", en="The article goes further than the source."
                        ),
                        claim_span=Span(lang="ar", start=0, end=len(word), text=word),
                        source_span=SourceSpan(
                            lang="en", start=0, end=3, text=ssen.text[:3], statement=st.id, sentence=ssen.id
                        ),
                        details={"claim": "state_organ", "source": "territory"},
                    )
                ]
                if pos % 2
                else []
            )
            override = None
            origin = "engine"
            shown = verdict
            if pos == 3:
                override = EditorialOverride(
                    editor="Test Editor",
                    date="2024-01-02",
                    verdict="supported",
                    note=Texts(ar="رُوجع يدويًا.", en="Checked by hand."),
                )
                origin, shown = "editor", "supported"
            claims.append(
                Claim(
                    id=sen.id,
                    position=pos,
                    paragraph=para,
                    text=text,
                    verdict=shown,
                    origin=origin,
                    computed_verdict=verdict,
                    rationale=Texts(ar=f"سبب الحكم {pos}.", en=f"Reason for verdict {pos}."),
                    override=override,
                    credited=[st.issuer],
                    attribution=Attribution(level=LEVELS[pos % 4]) if pos % 2 else None,
                    evidence=[ev],
                    discrepancies=discs,
                )
            )
        counts: dict[str, int] = {}
        for c in claims:
            counts[c.verdict] = counts.get(c.verdict, 0) + 1
        articles.append(
            ArticleReport(
                id=art.id,
                case=art.case,
                outlet=Texts(ar=art.outlet.ar, en=art.outlet.en),
                url=art.url,
                date=art.date,
                language=art.language,
                claims=claims,
                verdict_counts=counts,
            )
        )
    comparisons = []
    if len(statements) >= 2:
        a, b = statements[0].id, statements[1].id
        comparisons.append(Comparison(statements=[a, b], facet="attribution_level", values={a: "none", b: "territory"}))
    return Report(
        data_digest=corpus.digest or "0" * 64, statements=sreports, articles=articles, comparisons=comparisons
    )


HOSTILE = '<script>alert(1)</script> " onmouseover="x" {{ x }} {% raw %} *b* _i_ `c` [l](u) </script> & &amp; <'


def hostile_corpus(root: Path) -> Corpus:
    """A tiny corpus whose every free text is hostile."""
    h = HOSTILE
    hn = {"ar": "ملاحظة " + h, "en": "Note " + h}
    issuer = Issuer(schema_version=1, id="gov", name={"ar": "حكومة " + h, "en": "Gov " + h}, kind="government", role=hn)
    statement = Statement.model_validate(
        {
            "schema_version": 1,
            "id": "st",
            "case": "case-1",
            "issuer": "gov",
            "speaker": "gov",
            "title": {"text": "Title " + h, "translations": {"ar": "عنوان " + h}},
            "date": "2021-07-19",
            "url": 'https://example.org/a?x=1&y="2"',
            "url_note": hn,
            "no_archive_reason": hn,
            "language": "en",
            "completeness": "partial",
            "completeness_note": hn,
            "translator": "T " + h,
            "paragraphs": [
                {
                    "sentences": [
                        {
                            "id": "p1-s1",
                            "text": "The activity " + h,
                            "translations": {"ar": "النشاط " + h},
                            "note": hn,
                            "speaker": "gov",
                        },
                        {"id": "p1-s2", "text": "Second, with a < sign.", "translations": {"ar": "الثانية < علامة"}},
                    ]
                }
            ],
        }
    )
    article = Article.model_validate(
        {
            "schema_version": 1,
            "id": "art",
            "case": "case-1",
            "outlet": {"ar": "صحيفة " + h, "en": "Paper " + h},
            "outlet_note": hn,
            "url": "https://example.org/news",
            "date": "2021-07-20",
            "date_note": hn,
            "language": "ar",
            "translator": "T " + h,
            "headline": {"id": "headline", "text": "عنوان " + h, "translations": {"en": "Headline " + h}},
            "paragraphs": [
                {
                    "sentences": [
                        {
                            "id": "p1-s1",
                            "text": "اتهمت الحكومة " + h,
                            "translations": {"en": "The government accused " + h},
                            "note": hn,
                        },
                        {
                            "id": "p1-s2",
                            "text": "جملة " + h,
                            "translations": {"en": "Sentence " + h},
                            "claim": False,
                            "not_claim_reason": hn,
                        },
                    ]
                }
            ],
            "overrides": [
                {"claim": "p1-s1", "verdict": "supported", "editor": "Ed " + h, "date": "2024-01-01", "note": hn}
            ],
            "author": "By " + h,
            "reviewer": "Rev " + h,
            "reviewed": "2024-01-02",
            "updated": "2024-01-03",
            "corrections": [{"date": "2024-01-03", "note": hn}],
        }
    )
    return Corpus(
        root=root,
        issuers={"gov": issuer},
        statements={"st": statement},
        articles={"art": article},
        files={
            "issuer:gov": "issuers/gov.yaml",
            "statement:st": "statements/st.yaml",
            "article:art": "articles/art.yaml",
        },
        digest="0" * 64,
    )


def hostile_report(corpus: Corpus) -> Report:
    """`fake_report` with hostile rationale and explanation texts."""
    report = fake_report(corpus)
    h = HOSTILE
    data = report.model_dump()
    for art in data["articles"]:
        for c in art["claims"]:
            c["rationale"] = {"ar": "سبب " + h, "en": "Why " + h}
            for d in c["discrepancies"]:
                d["explanation"] = {"ar": "فرق " + h, "en": "Diff " + h}
            if c["override"]:
                c["override"]["note"] = {"ar": "ملاحظة " + h, "en": "Note " + h}
                c["override"]["editor"] = "Ed " + h
    for s in data["statements"]:
        s["attribution"]["named_organ"] = "Organ " + h
        s["attribution"]["groups"] = ["G " + h]
        s["attribution"]["cues"] = [h]
    return Report.model_validate(data)
