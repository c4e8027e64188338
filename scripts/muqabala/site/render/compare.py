"""The comparison page: statements × facets, differing cells marked, and the attribution chart.

Beside each level and each degree of certainty stands the statement's own wording, so that a
reader sees "Chinese state-backed actors" and not only a level's name. On a phone the table is
laid out as one card per statement (the CSS, by the cells' `data-label`), and the chart is drawn
a second time, narrower, so that its labels keep their size without scrolling sideways.
"""

from __future__ import annotations

import json
from collections import Counter

from muqabala.data.corpus import Corpus
from muqabala.data.model import Statement, speaker_ids
from muqabala.report import ArticleReport, Comparison, Report, StatementReport
from muqabala.site.render.bidi import direction, plain_isolate, span
from muqabala.site.render.chart import ChartRow, attribution_chart
from muqabala.site.render.escape import esc, href
from muqabala.site.render.fragments import date_html, ident, issuer_name, level_html, organ_html, page_head
from muqabala.site.render.labels import t
from muqabala.site.render.paths import rel
from muqabala.site.render.statements import statement_path
from muqabala.vocabulary import CERTAINTY_LEVELS, HEDGE_KINDS

PAGE = "compare.md"
FACETS: tuple[str, ...] = (
    "date",
    "issuer",
    "attribution_level",
    "certainty",
    "named_organ",
    "groups",
    "figures",
    "demands",
)


def differing(statements: list[StatementReport], comparisons: list[Comparison]) -> set[tuple[str, str]]:
    """The (statement, facet) cells whose value differs from the others'.

    A cell differs when most statements of the case give another value; where no value is given by
    more statements than every other, none is the norm and every cell of the facet differs. Two
    statements that differ therefore both differ, and of four where one stands out, only that one.
    """
    ids = {sr.id for sr in statements}
    values: dict[str, dict[str, str]] = {}
    for c in comparisons:
        for sid, value in c.values.items():
            if sid in ids:
                values.setdefault(c.facet, {})[sid] = json.dumps(value, sort_keys=True)
    out: set[tuple[str, str]] = set()
    for facet, by_id in values.items():
        counts = Counter(by_id.values()).most_common()
        top = counts[0][1]
        norm = counts[0][0] if len(counts) == 1 or counts[1][1] < top else None
        out |= {(sid, facet) for sid, value in by_id.items() if value != norm}
    return out


def _texts(st: Statement, sentence_id: str) -> dict[str, str]:
    """A statement sentence's wording by language: the original and each editorial translation."""
    for s in st.sentences():
        if s.id == sentence_id:
            return {s.lang or st.language: s.text, **s.translations}
    return {}


def _found_in(st: Statement | None, sentences: list[str], cue: str) -> tuple[str, str, dict[str, str]]:
    """The language `cue` was found in (English first, as the engine codes), the first of
    `sentences` that holds it and that sentence's wording by language."""
    if st is not None:
        for sid in sentences:
            texts = _texts(st, sid)
            for lang in ("en", *sorted(texts)):
                if cue in texts.get(lang, ""):
                    return lang, sid, texts
    return (st.language if st else "en"), "", {}


def _quote(text: str, text_lang: str, lang: str) -> str:
    """`text` quoted as the page's language quotes (« » in Arabic prose, “ ” in English), in its own
    language and direction."""
    opening, closing = ("«", "»") if text_lang == "ar" else ("“", "”")
    return span(f"{opening}{text}{closing}", text_lang, cls="mq-cue")


def wording(st: Statement | None, cues: list[str], sentences: list[str], lang: str) -> str:
    """The statement's own words for a facet: each cue quoted in the language it was found in; on a
    page in another language, the editorial translation of the sentence that holds them, once per
    sentence and marked as ours."""
    found: dict[str, tuple[list[str], dict[str, str], set[str]]] = {}
    for cue in cues:
        cue_lang, sid, texts = _found_in(st, sentences, cue)
        quotes, _, langs = found.setdefault(sid, ([], texts, set()))
        quotes.append(_quote(cue, cue_lang, lang))
        langs.add(cue_lang)
    out = []
    for quotes, texts, langs in found.values():
        html = " ".join(quotes)
        if langs - {lang} and lang in texts:
            html += (
                f' <span class="mq-cue-tr">{esc(t("compare.translated_sentence", lang))}: '
                f"{_quote(texts[lang], lang, lang)}</span>"
            )
        out.append(f'<span class="mq-wording">{html}</span>')
    return "".join(out)


def _cell(sr: StatementReport, facet: str, corpus: Corpus, lang: str) -> str:
    st = corpus.statements.get(sr.id)
    none = f'<span class="mq-none">{esc(t("statement.none", lang))}</span>'
    if facet == "date":
        return date_html(sr.date, lang)
    if facet == "issuer":
        who = span(issuer_name(corpus, sr.issuer, lang), lang)
        if st and st.speaker:
            names = ", ".join(span(issuer_name(corpus, s, lang), lang) for s in speaker_ids(st.speaker))
            who += f' <span class="mq-small">({names})</span>'
        return who
    a = sr.attribution
    # The sentences that reach the statement's level are where its cues were found.
    setting = [sid for sid, level in sr.sentence_attribution.items() if level == a.level]
    if facet == "attribution_level":
        return level_html(a.level, lang) + wording(st, a.cues, setting, lang)
    if facet == "certainty":
        kinds = [HEDGE_KINDS[k].label(lang) if k in HEDGE_KINDS else k for k in sr.certainty]
        kinds = kinds or [CERTAINTY_LEVELS["asserted"].label(lang)]
        shown = esc("، ".join(kinds) if lang == "ar" else ", ".join(kinds))
        return shown + wording(st, sr.certainty_cues, list(sr.sentence_attribution), lang)
    if facet == "named_organ":
        return organ_html(a, lang) or none
    if facet == "groups":
        return ", ".join(f"<bdi>{esc(g)}</bdi>" for g in a.groups) or none
    if facet == "figures":
        lang_of = st.language if st else "en"
        return "<br>".join(span(f.text, lang_of) for f in sr.figures) or none
    if facet == "demands":
        links = [f'<a href="{href(rel(PAGE, statement_path(sr.id), sid))}">{ident(sid)}</a>' for sid in sr.demands]
        return " ".join(links) or none
    raise ValueError(f"unknown facet {facet!r}")


def _speakers(corpus: Corpus, statement_id: str) -> set[str]:
    """Every issuer a statement speaks as: its issuer, its speaker and the bodies above them."""
    st = corpus.statements.get(statement_id)
    if st is None:
        return set()
    out = set(corpus.issuer_chain(st.issuer))
    for speaker in speaker_ids(st.speaker):
        out |= set(corpus.issuer_chain(speaker))
    return out


def _chart_rows(
    statements: list[StatementReport], articles: list[ArticleReport], corpus: Corpus, lang: str
) -> list[ChartRow]:
    """A row per statement; a claim of the case sits on the rows of the statements whose issuers it credits."""
    rows = {
        sr.id: ChartRow(
            label=plain_isolate(f"{issuer_name(corpus, sr.issuer, lang)} · {sr.date[:10]}", lang),
            level=sr.attribution.level,
            partial=sr.completeness == "partial",
        )
        for sr in statements
    }
    speakers = {sr.id: _speakers(corpus, sr.id) for sr in statements}
    for art in articles:
        for claim in art.claims:
            if claim.attribution is None or claim.verdict == "not_a_claim" or not claim.credited:
                continue
            short = t("check.headline", lang) if claim.position == 0 else str(claim.position)
            level = claim.attribution.level
            tip = f"{t('check.claim', lang)} {short}: {t(f'level.{level}', lang)}"
            for sid in rows:
                if speakers[sid] & set(claim.credited):
                    rows[sid].claims.append((short, level, tip))
    return [rows[sr.id] for sr in statements]


def render_compare(corpus: Corpus, report: Report, lang: str, sections: dict[str, str] | None = None) -> str:
    """The Markdown of `compare.md`: one table and one chart per case.

    `sections` holds cases' parts already rendered by `compare_section` (kept with their pages).
    """
    lines = page_head("nav.compare", "compare.intro", lang)
    cases = list(corpus.cases)
    for case in cases:
        if len(cases) > 1:
            lines += [f"## {esc(t('compare.case', lang))} {esc(case)} {{ #case-{case} }}", ""]
        done = (sections or {}).get(case)
        if done is None:
            statements = [sr for sr in report.statements if sr.case == case]
            ids = {sr.id for sr in statements}
            done = compare_section(
                corpus,
                statements,
                [a for a in report.articles if a.case == case],
                [c for c in report.comparisons if c.statements[0] in ids],
                lang,
                single=len(cases) == 1,
            )
        lines.append(done)
    return "\n".join(lines)


def compare_section(
    corpus: Corpus,
    statements: list[StatementReport],
    articles: list[ArticleReport],
    comparisons: list[Comparison],
    lang: str,
    *,
    single: bool,
) -> str:
    """One case's table and chart on `compare.md`; `single` when it is the archive's only case."""
    differs = differing(statements, comparisons)
    mark = esc(t("compare.differs", lang))
    statements = sorted(statements, key=lambda s: (s.date, s.id))
    case = statements[0].case if statements else ""
    lines: list[str] = []
    head = "".join(f'<th scope="col">{esc(t(f"facet.{f}", lang))}</th>' for f in FACETS)
    body = []
    for sr in statements:
        st = corpus.statements.get(sr.id)
        title = st.title.shown_in(lang) if st else sr.id
        title_lang = lang if st and lang in st.title.translations else (st.language if st else "en")
        secondary = (
            f' <span class="mq-small">({esc(t("compare.secondary", lang))})</span>' if sr.role == "secondary" else ""
        )
        cells = []
        for f in FACETS:
            # Level and organ cells are tinted by value, so the EU's "territory" and the UK's
            # "state organ" stand apart at a glance; ≠ marks a value that differs from the others'.
            classes = []
            if f == "attribution_level":
                classes.append(f"mq-cell-{sr.attribution.level.replace('_', '-')}")
            if f == "named_organ" and sr.attribution.named_organ:
                classes.append("mq-cell-organ")
            marker = ""
            if (sr.id, f) in differs:
                classes.append("mq-differs")
                marker = f'<span class="mq-ne" title="{mark}" aria-hidden="true">≠</span> '
                marker_sr = f'<span class="mq-sr"> ({mark})</span>'
            else:
                marker_sr = ""
            klass = f' class="{" ".join(classes)}"' if classes else ""
            label = esc(t(f"facet.{f}", lang))
            cells.append(f'<td data-label="{label}"{klass}>{marker}{_cell(sr, f, corpus, lang)}{marker_sr}</td>')
        excerpt = ""
        if sr.completeness == "partial":
            why = st.completeness_note.get(lang) if st and st.completeness_note else ""
            excerpt = (
                f' <span class="mq-excerpt" title="{esc(why)}">{esc(t("compare.excerpt", lang))}</span>'
                f'<span class="mq-sr"> — {esc(why)}</span>'
            )
        body.append(
            f'<tr><th scope="row"><a href="{href(rel(PAGE, statement_path(sr.id)))}">'
            f"{span(title, title_lang)}</a>{secondary}{excerpt}</th>{''.join(cells)}</tr>"
        )
    lines += [
        f'<div class="mq-table-wrap" dir="{direction(lang)}"><table class="mq-compare"><thead><tr>'
        f'<th scope="col">{esc(t("facet.statement", lang))}</th>{head}</tr></thead><tbody>'
        + "".join(body)
        + "</tbody></table></div>",
        "",
    ]
    anchor = "mq-chart" if single else f"mq-chart-{case}"
    rows = _chart_rows(statements, articles, corpus, lang)
    lines += [
        f"## {esc(t('compare.chart', lang))} {{ #{anchor} }}",
        "",
        '<figure class="mq-figure">'
        f"{attribution_chart(rows, lang, key=anchor)}{attribution_chart(rows, lang, key=anchor, compact=True)}"
        f"<figcaption>{esc(t('compare.chart_note', lang))}"
        + (f" {esc(t('compare.chart_partial', lang))}" if any(r.partial for r in rows) else "")
        + "</figcaption></figure>",
        "",
    ]
    return "\n".join(lines)
