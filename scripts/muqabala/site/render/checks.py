"""The checks of an article: a page per claim, and the article's index of them.

`checks/<article>/` lists every sentence of the article, one line each, with its verdict and a
link to the claim's page, `checks/<article>/<claim>/`: the claim, its verdict and why, the
differences and evidence, its own ClaimReview, and the previous and next claim of the article.
All the checks of an article on one page made 427 KB and 131,000 px on a phone, with one title
and one share card for 26 verdicts; a claim's page is a page a reader can link to and share.
"""

from __future__ import annotations

import re

from muqabala.data import versions
from muqabala.data.corpus import Corpus
from muqabala.data.model import Article, ArticleSentence, Paragraph
from muqabala.report import ArticleReport, Claim, Discrepancy, Evidence
from muqabala.site.render.article import verdict_counts
from muqabala.site.render.bidi import direction, isolate, span
from muqabala.site.render.claimreview import claim_review, script
from muqabala.site.render.diffview import diff_block, is_paraphrase
from muqabala.site.render.escape import esc, href, shorten
from muqabala.site.render.fragments import (
    badge,
    date_html,
    facts,
    front_matter,
    ident,
    issuer_name,
    link,
    note,
    organ_html,
    sentence_ref,
    summary_bar,
    verdict_summary,
)
from muqabala.site.render.labels import language_name, t
from muqabala.site.render.paths import checks_path, claim_path, rel
from muqabala.site.render.statements import archive_html, statement_path, version_anchor, version_name

TITLE_LIMIT = 70
"""Characters of the claim kept in a claim page's title, before " — verdict"."""


def claim_title(claim: Claim, lang: str) -> str:
    """A claim page's title, for `<title>`, the nav and share cards: the claim in the page
    language, shortened, then its verdict ("The EU accused China … — Misattributed")."""
    return f"{shorten(_pick(claim.text, lang), TITLE_LIMIT)} — {t(f'verdict.{claim.verdict}', lang)}"


def claim_description(claim: Claim, lang: str) -> str:
    """A claim page's description (search results, share cards): its verdict and why."""
    return f"{t(f'verdict.{claim.verdict}', lang)}: {' '.join(_pick(claim.rationale, lang).split())}"


def _pick(texts: object, lang: str) -> str:
    return str(getattr(texts, lang))


def claim_name(position: int, lang: str) -> str:
    """A claim as readers name it: "Claim 3", or "Headline" for position 0."""
    return t("article.headline", lang) if position == 0 else f"{t('check.claim', lang)} {position}"


def diff_of(d: Discrepancy, lang: str) -> str:
    """A quotation's word diff (`details.diff`: `[-source words] [+claim words]`) as a diff, apart
    from the explanation's sentence: struck and underlined words, never inlined in prose."""
    shown = d.details.get("diff")
    if not isinstance(shown, str) or not shown:
        return ""
    parts = []
    for m in _DIFF_PART.finditer(shown):
        if m.group(1):
            tag = "del" if m.group(1) == "-" else "ins"
            parts.append(f"<{tag}>{esc(m.group(2))}</{tag}>")
        else:
            parts.append(esc(m.group(3)))
    return (
        f'<br><span class="mq-small">{esc(t("check.diff", lang))}:</span> '
        f'<span class="mq-diff" lang="en" dir="ltr">{" ".join(p.strip() for p in parts if p.strip())}</span>'
    )


_DIFF_PART = re.compile(r"\[([+-])([^\]]*)\]|([^\[]+)")


def _claim_texts(claim_text: dict[str, str], original: str, lang: str) -> str:
    """The claim in both languages, the page's language first."""
    cols = []
    for code in (lang, "en" if lang == "ar" else "ar"):
        kind = "check.original" if code == original else "check.translation"
        cols.append(
            f'<div class="mq-col"><p class="mq-col-label">{esc(t(kind, lang))} '
            f"({esc(language_name(code, lang))})</p>{span(claim_text[code], code, 'p')}</div>"
        )
    return f'<div class="mq-cols">{"".join(cols)}</div>'


def _override(claim: Claim, lang: str) -> str:
    ov = claim.override
    if ov is None:
        return ""
    chosen = badge(ov.verdict, lang) if ov.verdict else ""
    return (
        f'<aside class="mq-editorial" aria-label="{esc(t("check.editorial", lang))}">'
        f'<p class="mq-editorial-title"><strong>{esc(t("check.editorial", lang))}</strong> {chosen}</p>'
        f"<p>{esc(t('check.editor', lang))}: {span(ov.editor, 'en')} · {date_html(ov.date, lang)}</p>"
        f"<p>{span(_pick(ov.note, lang), lang)}</p>"
        f'<p class="mq-computed">{esc(t("check.computed", lang))}: '
        f"{badge(claim.computed_verdict, lang)}</p>"
        f'<p class="mq-small">{esc(t("check.editorial_note", lang))}</p></aside>'
    )


def _discrepancy(d: Discrepancy, corpus: Corpus, page: str, lang: str, date: str | None = None) -> str:
    bits = [
        f'<span class="mq-dtype">{esc(t(f"type.{d.type}", lang))}</span>',
        f'<span class="mq-sev mq-sev-{d.severity}">{esc(t(f"severity.{d.severity}", lang))}</span>',
        isolate(_pick(d.explanation, lang), lang),
        diff_of(d, lang),
    ]
    if d.claim_span:
        bits.append(
            f'<br><span class="mq-small">{esc(t("check.in_claim", lang))}:</span> '
            f"«{span(d.claim_span.text, d.claim_span.lang)}»"
        )
    if d.source_span:
        s = d.source_span
        target = href(rel(page, statement_path(s.statement), _anchor(corpus, s.statement, s.sentence, date)))
        bits.append(
            f'<br><span class="mq-small">{esc(t("check.in_source", lang))}:</span> '
            f'«{span(s.text, s.lang)}» (<a href="{target}">'
            f"{sentence_ref(corpus, s.statement, s.sentence, lang, _text_at(corpus, s.statement, date))}</a>)"
        )
    return f'<li class="mq-disc mq-sev-{d.severity}">{" ".join(b for b in bits if b)}</li>'


FULL_EVIDENCE = 2
"""Evidence shown in full per claim (both wordings side by side, word diffs in both languages):
the best-ranked sentences, and any an editor pinned. The lower-ranked candidates are listed with
their score and wording only: shown in full they made a checks page of 26 claims weigh 650 KB."""


def _in_force(corpus: Corpus, statement: str, date: str | None) -> tuple[int, int] | None:
    """(the version in force on `date`, the version whose text it shows) of a statement that
    records versions (`versions.in_force`), or None (also without a date: the current text)."""
    st = corpus.statements.get(statement)
    index = versions.in_force(st, date) if st and date else None
    if st is None or index is None:
        return None
    return index, versions.text_version(st, index)


def _anchor(corpus: Corpus, statement: str, sentence: str, date: str | None) -> str:
    """The sentence's anchor in the text an article of `date` was checked against."""
    found = _in_force(corpus, statement, date)
    return sentence if found is None else version_anchor(corpus.statements[statement], found[1], sentence)


def _text_at(corpus: Corpus, statement: str, date: str | None) -> list[Paragraph] | None:
    """The text of the statement an article of `date` was checked against, when it records versions."""
    found = _in_force(corpus, statement, date)
    return None if found is None else versions.text_of(corpus.statements[statement], found[1])


def version_rows(corpus: Corpus, statement: str, date: str, page: str, lang: str) -> list[tuple[str, str]]:
    """The version a claim of an article of `date` was checked against and, when the issuer changed
    or withdrew the statement later, every version since."""
    found = _in_force(corpus, statement, date)
    if found is None:
        return []
    st = corpus.statements[statement]
    index, shown = found
    target = href(rel(page, statement_path(statement), f"v{shown + 1}"))
    rows = [(t("check.version", lang), f'<a href="{target}">{version_name(st, shown, lang)}</a>')]
    later = range(index + 1, len(st.versions))
    if later:
        rows.append(
            (
                t("check.changed_since", lang),
                '<strong class="mq-changed">' + " · ".join(version_name(st, j, lang) for j in later) + "</strong>",
            )
        )
    return rows


def _evidence_link(ev: Evidence, corpus: Corpus, page: str, lang: str, date: str) -> str:
    """The evidence sentence as readers name it, "European Union, sentence 3", linked to the
    sentence in the text the claim was checked against, with the statement's title after it."""
    st = corpus.statements.get(ev.statement)
    title = st.title.shown_in(lang) if st else ev.statement
    target = href(rel(page, statement_path(ev.statement), _anchor(corpus, ev.statement, ev.sentence, date)))
    text = _text_at(corpus, ev.statement, date)
    shown = st is not None and (lang in st.title.translations or st.language == lang)
    title_lang = lang if shown else (st.language if st else "en")
    return (
        f'<a class="mq-ev-link" href="{target}">{sentence_ref(corpus, ev.statement, ev.sentence, lang, text)}</a>'
        f' <span class="mq-small">({span(title, title_lang)})</span>'
    )


def _candidate(ev: Evidence, corpus: Corpus, page: str, lang: str, date: str, kind: str = "candidate") -> str:
    """A lower-ranked candidate or a context sentence: its link, score and wording in the page language."""
    return (
        f'<li class="mq-ev-{kind}">{_evidence_link(ev, corpus, page, lang, date)}'
        f"<br>{span(_pick(ev.text, lang), lang)}"
        f"{for_editors([(t('check.score', lang), _score(ev))], lang)}</li>"
    )


def _score(ev: Evidence) -> str:
    return f'<bdi dir="ltr">{ev.score:.2f}</bdi>'


def for_editors(rows: list[tuple[str, str]], lang: str) -> str:
    """The machine's internals (scores, the aligner's reasons, ids) behind a closed toggle, so that
    readers see words and editors can still check how a match was made."""
    return (
        f'<details class="mq-editors"><summary>{esc(t("check.for_editors", lang))}</summary>'
        f"{facts(rows, 'mq-facts mq-facts-inline')}</details>"
    )


def _evidence(ev: Evidence, claim: Claim, corpus: Corpus, page: str, lang: str, date: str) -> str:
    other = "en" if lang == "ar" else "ar"
    st = corpus.statements.get(ev.statement)
    head = [_evidence_link(ev, corpus, page, lang, date)]
    if ev.origin == "editor":
        head.append(f'<span class="mq-pinned">{esc(t("check.pinned", lang))}</span>')
    internals = [(t("check.score", lang), _score(ev))]
    if ev.reasons:
        internals.append(
            (
                t("check.reasons", lang),
                " ".join(f'<code class="mq-reason" dir="ltr"><bdi>{esc(r)}</bdi></code>' for r in ev.reasons),
            )
        )
    internals.append((t("check.sentence_id", lang), ident(f"{ev.statement}#{ev.sentence}")))
    rows = []
    if st is not None:
        rows.append((t("statement.source", lang), link(st.url, st.url, lang)))
        if st.archive_url:
            # Without an archive, the reason is given once, on the statement's page.
            rows.append((t("statement.archive", lang), archive_html(st, lang)))
        rows += version_rows(corpus, ev.statement, date, page, lang)
    table_rows = "".join(
        f'<tr><th scope="row">{esc(language_name(code, lang))}</th>'
        f"{span(_pick(claim.text, code), code, 'td')}{span(_pick(ev.text, code), code, 'td')}</tr>"
        for code in (lang, other)
    )
    table = (
        '<table class="mq-sbs"><thead><tr><td></td><th scope="col">'
        f"{esc(t('check.article_wording', lang))}</th>"
        f'<th scope="col">{esc(t("check.statement_wording", lang))}</th></tr></thead><tbody>'
        f"{table_rows}</tbody></table>"
    )
    labels = (t("check.statement_wording", lang), t("check.article_wording", lang))
    paraphrase = is_paraphrase(_pick(ev.text, lang), _pick(claim.text, lang))
    diff_main = (
        f'<p class="mq-diff-label">{esc(t("check.diff", lang))}</p>'
        + (f'<p class="mq-small">{esc(t("check.paraphrase", lang))}</p>' if paraphrase else "")
        + diff_block(_pick(ev.text, lang), _pick(claim.text, lang), lang, labels)
    )
    diff_other = (
        f'<details class="mq-diff-other"><summary>{esc(t("check.diff_other", lang))}</summary>'
        f"{diff_block(_pick(ev.text, other), _pick(claim.text, other), other, labels)}</details>"
    )
    return (
        f'<div class="mq-evidence{" mq-ev-editor" if ev.origin == "editor" else ""}">'
        f'<p class="mq-ev-head">{" · ".join(head)}</p>{facts(rows, "mq-facts mq-facts-inline")}'
        f"{table}{diff_main}{diff_other}{for_editors(internals, lang)}</div>"
    )


def diff_legend(lang: str) -> str:
    """What the marks of the word diffs mean, each shown as it looks on the page."""
    items = (
        ("del", "", "check.legend_sample_del", "check.legend_del"),
        ("ins", "", "check.legend_sample_ins", "check.legend_ins"),
        ("mark", ' class="mq-same"', "check.legend_sample_same", "check.legend_same"),
    )
    entries = "".join(
        f"<li><{tag}{cls}>{esc(t(sample, lang))}</{tag}> {esc(t(meaning, lang))}</li>"
        for tag, cls, sample, meaning in items
    )
    return (
        f'<div class="mq-diff-legend mq-diff" dir="{direction(lang)}"><p class="mq-diff-label">'
        f"{esc(t('check.legend', lang))}: {esc(t('check.diff', lang))}</p><ul>{entries}</ul></div>"
    )


def _texts(sen: ArticleSentence, claim: Claim | None, art: Article) -> dict[str, str]:
    """The sentence in both languages: the claim's texts, else the sentence's own."""
    texts = (
        {"ar": claim.text.ar, "en": claim.text.en}
        if claim
        else {art.language: sen.text, **{k: v for k, v in sen.translations.items() if k in ("ar", "en")}}
    )
    texts.setdefault("ar", sen.text)
    texts.setdefault("en", sen.text)
    return texts


def _claim_body(
    sen: ArticleSentence,
    claim: Claim,
    art: Article,
    report: ArticleReport,
    corpus: Corpus,
    lang: str,
    base_url: str | None,
    publisher: str | None,
) -> str:
    """A claim page's check: the claim, its verdict and why, the differences and the evidence."""
    page = claim_path(art.id, claim.id)
    back = href(rel(page, f"articles/{art.id}.md", sen.id))
    parts = [
        f'<div class="mq-check" dir="{direction(lang)}">',
        _claim_texts(_texts(sen, claim, art), art.language, lang),
    ]
    parts.append(
        f'<p class="mq-verdict-line"><strong>{esc(t("check.verdict", lang))}:</strong> '
        f'{badge(claim.verdict, lang)} <a class="mq-small" href="{back}">'
        f"{esc(t('check.back_to_article', lang))}</a></p>"
    )
    parts.append(
        f'<p class="mq-rationale"><strong>{esc(t("check.rationale", lang))}:</strong> '
        f"{isolate(_pick(claim.rationale, lang), lang)}</p>"
    )
    parts.append(_override(claim, lang))
    rows = []
    if claim.credited:
        comma = "، " if lang == "ar" else ", "
        names = comma.join(span(issuer_name(corpus, i, lang), lang) for i in claim.credited)
        rows.append((t("check.credited", lang), names))
    if claim.attribution:
        a = claim.attribution
        value = esc(t(f"level.{a.level}", lang))
        if a.named_organ:
            value += f" · {organ_html(a, lang)}"
        if a.groups:
            value += " · " + " ".join(f"<bdi>{esc(g)}</bdi>" for g in a.groups)
        rows.append((t("check.attribution", lang), value))
    if rows:
        parts.append(facts(rows))
    parts.append(note(sen.note, lang, "check.translator_note"))
    parts.append(f'<h2 class="mq-h3" id="differences">{esc(t("check.discrepancies", lang))}</h2>')
    if claim.discrepancies:
        parts.append(
            '<ul class="mq-disc-list">'
            + "".join(_discrepancy(d, corpus, page, lang, art.date) for d in claim.discrepancies)
            + "</ul>"
        )
    else:
        parts.append(f"<p>{esc(t('check.no_discrepancies', lang))}</p>")
    parts.append(f'<h2 class="mq-h3" id="evidence">{esc(t("check.evidence", lang))}</h2>')
    if claim.evidence:
        # A media report is context, never evidence: it is listed apart, whatever its score.
        context = [ev for ev in claim.evidence if ev.role == "secondary" and ev.origin != "editor"]
        primary = [ev for ev in claim.evidence if ev not in context]
        full = [ev for i, ev in enumerate(primary) if i < FULL_EVIDENCE or ev.origin == "editor"]
        rest = [ev for ev in primary if ev not in full]
        if full:
            parts.append(diff_legend(lang))
        parts += [_evidence(ev, claim, corpus, page, lang, art.date) for ev in full]
        lists = (("check.more_evidence", "candidate", rest), ("check.context", "context", context))
        for label, kind, items in lists:
            if items:
                parts.append(
                    f'<p class="mq-ev-more">{esc(t(label, lang))}</p><ul class="mq-ev-candidates">'
                    + "".join(_candidate(ev, corpus, page, lang, art.date, kind) for ev in items)
                    + "</ul>"
                )
    else:
        parts.append(f"<p>{esc(t('check.no_evidence', lang))}</p>")
    if claim.verdict != "not_a_claim":
        parts.append(script(claim_review(claim, art, report, lang, base_url, corpus, publisher)))
    parts.append("</div>")
    return "\n".join(p for p in parts if p)


def _neighbour(art: Article, claim: Claim | None, rel_kind: str, page: str, lang: str) -> str:
    if claim is None:
        return ""
    arrow = {"prev": ("→", "←"), "next": ("←", "→")}[rel_kind][lang != "ar"]
    label = t(f"check.{rel_kind}", lang)
    text = f"{claim_name(claim.position, lang)}: {t(f'verdict.{claim.verdict}', lang)}"
    before, after = (f"{arrow} ", "") if rel_kind == "prev" else ("", f" {arrow}")
    return (
        f'<a class="mq-claim-{rel_kind}" rel="{rel_kind}" href="{href(rel(page, claim_path(art.id, claim.id)))}">'
        f'<span class="mq-small">{before}{esc(label)}{after}</span><br>{esc(text)}</a>'
    )


def render_claim(
    art: Article,
    report: ArticleReport,
    claim: Claim,
    corpus: Corpus,
    lang: str,
    base_url: str | None = None,
    publisher: str | None = None,
) -> str:
    """The Markdown of `checks/<article>/<claim>.md`: one claim, checked, with the previous and
    next claim of the article."""
    page = claim_path(art.id, claim.id)
    sen = next(s for s in art.sentences() if s.id == claim.id)
    claims = _in_order(art, report)
    at = claims.index(claim)
    prev = claims[at - 1] if at > 0 else None
    after = claims[at + 1] if at + 1 < len(claims) else None
    index = href(rel(page, checks_path(art.id)))
    crumbs = (
        f'<p class="mq-crumbs"><a href="{index}">{esc(t("title.checks", lang))}: '
        f"{span(art.headline.text, art.language)}</a></p>"
    )
    heading = f"{claim_name(claim.position, lang)}: {t(f'verdict.{claim.verdict}', lang)}"
    neighbours = "".join(_neighbour(art, c, k, page, lang) for c, k in ((prev, "prev"), (after, "next")))
    lines = [
        front_matter(claim_description(claim, lang), claim_title(claim, lang))
        + crumbs
        + f'\n<h1 class="mq-title">{esc(heading)}</h1>',
        "",
        _claim_body(sen, claim, art, report, corpus, lang, base_url, publisher),
        "",
    ]
    if neighbours:
        lines += [
            f'<nav class="mq-claim-nav" aria-label="{esc(t("check.claims_nav", lang))}" dir="{direction(lang)}">'
            f"{neighbours}</nav>",
            "",
        ]
    return "\n".join(lines)


def _index_line(sen: ArticleSentence, claim: Claim | None, art: Article, lang: str) -> str:
    """One sentence of the article in its index of checks: its verdict and text, linked to its page."""
    page = checks_path(art.id)
    text = shorten(_texts(sen, claim, art)[lang], 160)
    if claim is None:
        verdict = badge("not_a_claim", lang) if not sen.claim else ""
        reason = note(sen.not_claim_reason, lang, "check.not_claim_reason") if not sen.claim else ""
        return f'<li id="{esc(sen.id)}" class="mq-ci-none">{verdict} {span(text, lang)}{reason}</li>'
    target = href(rel(page, claim_path(art.id, claim.id)))
    return (
        f'<li id="{esc(claim.id)}">{badge(claim.verdict, lang)} '
        f'<a href="{target}"><strong>{esc(claim_name(claim.position, lang))}</strong></a>: {span(text, lang)}</li>'
    )


def render_checks(art: Article, report: ArticleReport, lang: str) -> str:
    """The Markdown of `checks/<article>/index.md`: every sentence of the article in reading
    order, one line each, a claim with its verdict and a link to its page. Each line keeps the
    claim's id as its anchor, so links to the checks when they were one page still land."""
    page = checks_path(art.id)
    claims = {c.id: c for c in report.claims}
    lines = [
        front_matter(verdict_summary(verdict_counts(report), lang))
        + f'<h1 class="mq-title">{esc(t("title.checks", lang))}: {span(art.headline.text, art.language)}</h1>',
        "",
    ]
    back = href(rel(page, f"articles/{art.id}.md"))
    lines += [f'<p class="mq-lede"><a href="{back}">{esc(t("article.see_article", lang))}</a></p>', ""]
    lines += [summary_bar(verdict_counts(report), lang), ""]
    items = "".join(_index_line(sen, claims.get(sen.id), art, lang) for sen in art.sentences())
    lines += [f'<ol class="mq-claim-index" dir="{direction(lang)}">{items}</ol>', ""]
    return "\n".join(lines)


def claim_pages(
    art: Article,
    report: ArticleReport,
    corpus: Corpus,
    lang: str,
    base_url: str | None = None,
    publisher: str | None = None,
) -> list[tuple[Claim, str, str]]:
    """Every claim page of the article, in reading order: (claim, docs path, Markdown)."""
    return [
        (c, claim_path(art.id, c.id), render_claim(art, report, c, corpus, lang, base_url, publisher))
        for c in _in_order(art, report)
    ]


def _in_order(art: Article, report: ArticleReport) -> list[Claim]:
    """The article's claims in reading order (a claim of a sentence no longer there is left out)."""
    ids = [s.id for s in art.sentences()]
    return sorted((c for c in report.claims if c.id in ids), key=lambda c: ids.index(c.id))
