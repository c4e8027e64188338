"""The comparison page: statements × facets, differing cells marked, and the attribution chart."""

from __future__ import annotations

from muqabala.data.corpus import Corpus
from muqabala.data.model import speaker_ids
from muqabala.report import ArticleReport, Comparison, Report, StatementReport
from muqabala.site.render.bidi import direction, plain_isolate, span
from muqabala.site.render.chart import ChartRow, attribution_chart
from muqabala.site.render.escape import esc, href
from muqabala.site.render.fragments import ident, issuer_name, level_html, organ_html, page_head
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


def _cell(sr: StatementReport, facet: str, corpus: Corpus, lang: str) -> str:
    st = corpus.statements.get(sr.id)
    none = f'<span class="mq-none">{esc(t("statement.none", lang))}</span>'
    if facet == "date":
        return f"{ident(sr.date)}"
    if facet == "issuer":
        who = span(issuer_name(corpus, sr.issuer, lang), lang)
        if st and st.speaker:
            names = ", ".join(span(issuer_name(corpus, s, lang), lang) for s in speaker_ids(st.speaker))
            who += f' <span class="mq-small">({names})</span>'
        return who
    a = sr.attribution
    if facet == "attribution_level":
        return level_html(a.level, lang)
    if facet == "certainty":
        kinds = [HEDGE_KINDS[k].label(lang) if k in HEDGE_KINDS else k for k in sr.certainty]
        kinds = kinds or [CERTAINTY_LEVELS["asserted"].label(lang)]
        shown = esc("، ".join(kinds) if lang == "ar" else ", ".join(kinds))
        if lang == "en" and sr.certainty_cues:
            shown += ' <span class="mq-small">(' + ", ".join(f"“{esc(c)}”" for c in sr.certainty_cues) + ")</span>"
        return shown
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
    differs = {(sid, c.facet) for c in comparisons for sid in c.statements}
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
            # "state organ" stand apart at a glance; ≠ marks what the engine found differing.
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
            cells.append(f"<td{klass}>{marker}{_cell(sr, f, corpus, lang)}{marker_sr}</td>")
        body.append(
            f'<tr><th scope="row"><a href="{href(rel(PAGE, statement_path(sr.id)))}">'
            f"{span(title, title_lang)}</a>{secondary}</th>{''.join(cells)}</tr>"
        )
    lines += [
        f'<div class="mq-table-wrap" dir="{direction(lang)}"><table class="mq-compare"><thead><tr>'
        f'<th scope="col">{esc(t("facet.statement", lang))}</th>{head}</tr></thead><tbody>'
        + "".join(body)
        + "</tbody></table></div>",
        "",
    ]
    anchor = "mq-chart" if single else f"mq-chart-{case}"
    lines += [
        f"## {esc(t('compare.chart', lang))} {{ #{anchor} }}",
        "",
        '<figure class="mq-figure">'
        f"{attribution_chart(_chart_rows(statements, articles, corpus, lang), lang)}"
        f"<figcaption>{esc(t('compare.chart_note', lang))}</figcaption></figure>",
        "",
    ]
    return "\n".join(lines)
