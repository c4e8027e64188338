"""The article page: the text as published, each claim marked in place with its verdict."""

from __future__ import annotations

from muqabala.data.corpus import Corpus
from muqabala.data.model import Article, ArticleSentence
from muqabala.report import ArticleReport, Claim
from muqabala.site.render.bidi import direction, isolate, span
from muqabala.site.render.claimreview import review_date
from muqabala.site.render.escape import esc, href
from muqabala.site.render.fragments import (
    date_html,
    facts,
    front_matter,
    link,
    note,
    summary_bar,
    verdict_class,
    verdict_summary,
)
from muqabala.site.render.labels import VERDICT_ICONS, language_name, t
from muqabala.site.render.paths import checks_path, claim_path, rel
from muqabala.site.render.publisher import byline_rows, conclusion_html, corrections_log


def article_path(article_id: str) -> str:
    return f"articles/{article_id}.md"


def verdict_counts(report: ArticleReport) -> dict[str, int]:
    """Claims per verdict shown: the engine's counts, or counted here when it gave none."""
    if report.verdict_counts:
        return dict(report.verdict_counts)
    counts: dict[str, int] = {}
    for claim in report.claims:
        counts[claim.verdict] = counts.get(claim.verdict, 0) + 1
    return counts


def marked_text(claim: Claim | None, text: str, lang: str) -> str:
    """`text` escaped, with the words that discrepancies point at wrapped in `<mark>`.

    Spans are used only when their offsets still match the text (a stale report never
    highlights the wrong words); overlapping spans keep the first.
    """
    spans = []
    if claim is not None:
        for d in claim.discrepancies:
            s = d.claim_span
            if s and s.lang == lang and 0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text:
                spans.append((s.start, s.end, d.type))
    out, pos = [], 0
    for start, end, kind in sorted(spans):
        if start < pos:
            continue
        out.append(isolate(text[pos:start], lang))
        out.append(f'<mark class="mq-span mq-d-{kind.replace("_", "-")}">{isolate(text[start:end], lang)}</mark>')
        pos = end
    out.append(isolate(text[pos:], lang))
    return "".join(out)


def _sentence(sen: ArticleSentence, claim: Claim | None, art: Article, page: str, lang: str) -> str:
    """One sentence of the original text: a link to its check, or plain text when not a claim."""
    src = art.language
    if not sen.claim or claim is None:
        label = esc(t("article.not_claim", lang))
        return (
            f'<span class="mq-notclaim" id="{esc(sen.id)}"><span lang="{esc(src)}" dir="{direction(src)}">'
            f"{isolate(sen.text, src)}</span> "
            f'<span class="mq-vlabel" lang="{lang}" dir="{direction(lang)}">'
            f'<span aria-hidden="true">{VERDICT_ICONS["not_a_claim"]}</span> {label}</span></span>'
        )
    v = claim.verdict
    verdict_label = esc(t(f"verdict.{v}", lang))
    rationale = claim.rationale.ar if lang == "ar" else claim.rationale.en
    target = href(rel(page, claim_path(art.id, claim.id)))
    tip = f"mq-tip-{esc(claim.id)}"
    return (
        f'<span class="mq-claimwrap" id="{esc(claim.id)}">'
        f'<a class="mq-claim {verdict_class(v)}" href="{target}" aria-describedby="{tip}">'
        f'<span lang="{esc(src)}" dir="{direction(src)}">{marked_text(claim, sen.text, src)}</span> '
        f'<span class="mq-vlabel" lang="{lang}" dir="{direction(lang)}">'
        f'<span aria-hidden="true">{VERDICT_ICONS[v]}</span> {verdict_label}</span></a>'
        f'<span class="mq-tip" role="tooltip" id="{tip}" lang="{lang}" dir="{direction(lang)}">'
        f"<strong>{esc(t('check.verdict', lang))}: {verdict_label}</strong> — {isolate(rationale, lang)} "
        f'<span class="mq-tip-more">({esc(t("article.open_check", lang))})</span></span></span>'
    )


def _translation(sen: ArticleSentence, lang: str) -> str:
    return span(sen.shown_in(lang), lang if lang in sen.translations else "ar", "span", "mq-trans-sentence")


def _reasons(sentences: list[ArticleSentence], lang: str) -> str:
    out = []
    for sen in sentences:
        if not sen.claim and sen.not_claim_reason:
            out.append(note(sen.not_claim_reason, lang, "check.not_claim_reason"))
    return "".join(out)


def render_article(art: Article, report: ArticleReport, lang: str, corpus: Corpus | None = None) -> str:
    """The Markdown (raw HTML blocks) of `articles/<id>.md` in the page language `lang`; `corpus`
    dates the review from the statements when the article gives no `reviewed`."""
    page = article_path(art.id)
    claims = {c.id: c for c in report.claims}
    src = art.language
    other = "en" if lang == "ar" else "ar"
    head_tr = art.headline.translations.get(lang)
    lines = [
        front_matter(verdict_summary(verdict_counts(report), lang))
        + f'<h1 class="mq-title">{span(art.headline.text, src)}</h1>',
        "",
    ]
    if head_tr and src != lang:
        lines += [f'<p class="mq-subtitle">{span(head_tr, lang)}</p>', ""]
    if verdict := conclusion_html(verdict_counts(report), lang):
        lines += [verdict, ""]
    rows = [
        (t("article.outlet", lang), span(art.outlet.get(lang), lang) + note(art.outlet_note, lang)),
        (t("article.date", lang), date_html(art.date, lang) + note(art.date_note, lang)),
        (
            t("article.url", lang),
            link(art.url, art.url or "", lang)
            if art.url
            else esc(t("article.no_url", lang)) + note(art.no_url_reason, lang),
        ),
        (t("article.language", lang), esc(language_name(src, lang))),
        (
            t("statement.translator", lang),
            f'{span(art.translator, "en")} <em class="mq-unofficial">({esc(t("statement.unofficial", lang))})</em>',
        ),
        *byline_rows(art, review_date(art, report, corpus), lang),
    ]
    lines += [facts(rows), ""]
    lines += [summary_bar(verdict_counts(report), lang, rel(page, checks_path(art.id))), ""]
    lines += [f"## {esc(t('article.text', lang))} {{ #mq-text }}", ""]
    lines += [f'<p class="mq-lede">{esc(t("article.text_note", lang))}</p>', ""]
    paragraphs = [[art.headline]] + [p.sentences for p in art.paragraphs]
    body = [f'<div class="mq-article" lang="{src}" dir="{direction(src)}">']
    for i, sentences in enumerate(paragraphs):
        kind = "mq-para mq-headline" if i == 0 else "mq-para"
        if lang == src:
            # The original flows as prose; the English is one click away, per paragraph.
            text = " ".join(_sentence(s, claims.get(s.id), art, page, lang) for s in sentences)
            trans = " ".join(_translation(s, other) for s in sentences)
            body.append(
                f'<div class="{kind}"><p class="mq-orig">{text}</p>'
                f'<details class="mq-trans-toggle" dir="{direction(lang)}"><summary>'
                f"{esc(t('article.show_translation', lang))}</summary>"
                f'<p lang="{other}" dir="{direction(other)}">{trans}</p></details>'
                f"{_reasons(sentences, lang)}</div>"
            )
        else:
            # Sentence by sentence: the original beside its translation.
            rows_html = "".join(
                '<div class="mq-sent"><div class="mq-orig">'
                f"{_sentence(s, claims.get(s.id), art, page, lang)}</div>"
                f'<div class="mq-trans" lang="{lang}" dir="{direction(lang)}">{_translation(s, lang)}</div>'
                "</div>"
                for s in sentences
            )
            body.append(f'<div class="{kind}">{rows_html}{_reasons(sentences, lang)}</div>')
    body.append("</div>")
    lines += ["\n".join(body), ""]
    lines += corrections_log(art, lang)
    return "\n".join(lines)
