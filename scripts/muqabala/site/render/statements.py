"""The statement page: the text in full, sentence by sentence, each with its own anchor."""

from __future__ import annotations

from muqabala.data import versions
from muqabala.data.corpus import Corpus
from muqabala.data.model import Paragraph, Sentence, Statement, speaker_ids
from muqabala.report import Report, StatementReport
from muqabala.site.render.bidi import direction, span
from muqabala.site.render.diffview import diff_html
from muqabala.site.render.escape import esc, href
from muqabala.site.render.fragments import (
    date_html,
    facts,
    ident,
    issuer_name,
    level_html,
    link,
    note,
    organ_html,
    verdict_class,
)
from muqabala.site.render.labels import VERDICT_ICONS, language_name, t
from muqabala.site.render.paths import claim_path, rel
from muqabala.vocabulary import VERSION_KINDS, when


def statement_path(statement_id: str) -> str:
    return f"statements/{statement_id}.md"


def archive_html(st: Statement, lang: str) -> str:
    """The archive link, or that there is none and why."""
    if st.archive_url:
        return link(st.archive_url, st.archive_url, lang)
    return esc(t("statement.no_archive", lang)) + note(st.no_archive_reason, lang)


def version_anchor(st: Statement, index: int, sentence: str) -> str:
    """The anchor of a sentence as version `index` of the statement had it: the sentence's own id
    in the current text, `v1-p1-s2` in an earlier version's (shown under the statement's history)."""
    if index >= (versions.current(st) or 0):
        return sentence
    return f"v{index + 1}-{sentence}"


def version_name(st: Statement, index: int, lang: str) -> str:
    """A version as readers name it: "Version 2 (Amended, 20 July 2021)"."""
    v = st.versions[index]
    return (
        f"{esc(t('statement.version', lang).format(n=index + 1))} "
        f"({esc(VERSION_KINDS[v.kind].label(lang))}{'، ' if lang == 'ar' else ', '}{esc(when(v.date)[lang])})"
    )


def _plain(paragraphs: list[Paragraph]) -> str:
    return " ".join(s.text for p in paragraphs for s in p.sentences)


def _history(st: Statement, corpus: Corpus, page: str, lang: str) -> list[str]:
    """Every version with its date and note; an earlier version's text in full, with its own
    anchors; and a word diff of each text against every later one (in the original language), the
    next one shown open."""
    if not st.versions:
        return []
    now = versions.current(st)
    items = []
    texts = [i for i, v in enumerate(st.versions) if v.kind != "withdrawn"]
    for i, v in enumerate(st.versions):
        parts = [f"<strong>{version_name(st, i, lang)}</strong>"]
        if i == now:
            parts.append(f'<span class="mq-small">({esc(t("statement.version_current", lang))})</span>')
        if v.archive_url:
            parts.append(link(v.archive_url, t("statement.archive", lang), lang))
        body = note(v.note, lang)
        if v.paragraphs is not None and i != now:
            rows = "".join(
                '<div class="mq-spara">'
                + "".join(
                    _sentence_row(s.model_copy(update={"id": version_anchor(st, i, s.id)}), st, corpus, [], page, lang)
                    for s in p.sentences
                )
                + "</div>"
                for p in v.paragraphs
            )
            body += (
                f'<details class="mq-version-text"><summary>'
                f"{esc(t('statement.version_text', lang).format(n=i + 1))}</summary>"
                f'<div class="mq-statement" dir="{direction(lang)}">{rows}</div></details>'
            )
        # Against the next text, open; against every later one, folded: any two versions compare.
        later = [j for j in texts if j > i] if v.kind != "withdrawn" else []
        for k, j in enumerate(later):
            old, new = _plain(versions.text_of(st, i)), _plain(versions.text_of(st, j))
            label = t("statement.version_diff", lang).format(a=i + 1, b=j + 1)
            body += (
                f'<details class="mq-version-diff"{" open" if k == 0 else ""}><summary>{esc(label)}</summary>'
                f'<p class="mq-diff" lang="{st.language}" dir="{direction(st.language)}">'
                f"{diff_html(old, new, st.language)}</p></details>"
            )
        items.append(f'<li id="v{i + 1}">{" · ".join(parts)}{body}</li>')
    return [
        f"## {esc(t('statement.versions', lang))} {{ #mq-versions }}",
        "",
        f'<div class="mq-versions" dir="{direction(lang)}"><p>{esc(t("statement.versions_note", lang))}</p>'
        f'<ol class="mq-version-list">{"".join(items)}</ol></div>',
        "",
    ]


def citations(report: Report) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(statement, sentence) → the claims citing it as evidence: (article id, claim id, verdict)."""
    out: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for art in report.articles:
        for claim in art.claims:
            for ev in claim.evidence:
                entry = (art.id, claim.id, claim.verdict)
                cited = out.setdefault((ev.statement, ev.sentence), [])
                if entry not in cited:
                    cited.append(entry)
    return out


def _translation_of(sen: Sentence, original: str, lang: str) -> tuple[str, str]:
    """The text shown beside the original: its translation into the page language, or into
    the other site language when the original is already in the page language."""
    want = lang if original != lang else ("en" if lang == "ar" else "ar")
    if want in sen.translations:
        return sen.translations[want], want
    for code, text in sorted(sen.translations.items()):
        return text, code
    return "", original


def _sentence_row(
    sen: Sentence, st: Statement, corpus: Corpus, cited: list[tuple[str, str, str]], page: str, lang: str
) -> str:
    original = sen.lang or st.language
    tr_text, tr_lang = _translation_of(sen, original, lang)
    quote = ""
    cls = "mq-srow"
    if sen.speaker:
        cls += " mq-quote"
        quote = (
            f'<p class="mq-quote-by">{esc(t("statement.quote_by", lang))} '
            + ", ".join(span(issuer_name(corpus, s, lang), lang) for s in speaker_ids(sen.speaker))
            + "</p>"
        )
    cites = ""
    if cited:
        links = " ".join(
            f'<a class="mq-cite {verdict_class(v)}" href="{href(rel(page, claim_path(a, c)))}">'
            f'<span aria-hidden="true">{VERDICT_ICONS[v]}</span> {ident(f"{a}#{c}")}</a>'
            for a, c, v in cited
        )
        label = esc(t("statement.cited_by", lang))
        cites = f'<p class="mq-cited"><span class="mq-small">{label}:</span> {links}</p>'
    anchor = f'<a class="mq-anchor" href="#{esc(sen.id)}" aria-label="{esc(sen.id)}">{ident(sen.id)}</a>'
    return (
        f'<div class="{cls}" id="{esc(sen.id)}">{anchor}{quote}<div class="mq-cols">'
        f'<div class="mq-col">{span(sen.text, original, "p", "mq-orig")}</div>'
        f'<div class="mq-col">{span(tr_text, tr_lang, "p", "mq-trans")}</div></div>'
        f"{note(sen.note, lang, 'check.translator_note')}{cites}</div>"
    )


def _attribution(sr: StatementReport | None, st: Statement, lang: str) -> list[str]:
    if sr is None:
        return []
    a = sr.attribution
    none = esc(t("statement.none", lang))
    rows = [
        (t("statement.level", lang), level_html(a.level, lang)),
        (t("statement.named_organ", lang), organ_html(a, lang) or none),
        (t("statement.groups", lang), " ".join(f"<bdi>{esc(g)}</bdi>" for g in a.groups) or none),
    ]
    if a.cues:
        rows.append((t("statement.cues", lang), " · ".join(f"«{span(c, st.language)}»" for c in a.cues)))
    if sr.sentence_attribution:
        rows.append(
            (
                t("check.sentence", lang),
                " ".join(
                    f'<a href="#{esc(sid)}">{ident(sid)}</a> ({esc(t(f"level.{lvl}", lang))})'
                    for sid, lvl in sorted(sr.sentence_attribution.items())
                ),
            )
        )
    return [f"## {esc(t('statement.attribution', lang))} {{ #mq-attribution }}", "", facts(rows), ""]


def render_statement(
    st: Statement,
    sr: StatementReport | None,
    corpus: Corpus,
    cited: dict[tuple[str, str], list[tuple[str, str, str]]],
    lang: str,
) -> str:
    """The Markdown of `statements/<id>.md` in the page language `lang`."""
    page = statement_path(st.id)
    lines = [f'<h1 class="mq-title">{span(st.title.text, st.title.lang or st.language)}</h1>', ""]
    if lang in st.title.translations:
        lines += [
            '<p class="mq-subtitle"><span class="mq-small">'
            f"{esc(t('statement.title_translation', lang))}:"
            f"</span> {span(st.title.translations[lang], lang)}</p>",
            "",
        ]
    if st.completeness == "partial":
        lines += [
            f'<div class="admonition warning mq-partial"><p class="admonition-title">'
            f"{esc(t('statement.partial', lang))}</p><p>{esc(t('statement.partial_warning', lang))}</p>"
            f"{span(st.completeness_note.get(lang) if st.completeness_note else '', lang, 'p')}</div>",
            "",
        ]
    if versions.withdrawn(st):
        lines += [
            f'<div class="admonition danger mq-withdrawn"><p class="admonition-title">'
            f"{esc(t('statement.withdrawn', lang))}</p><p>"
            f"{esc(t('statement.withdrawn_warning', lang).format(date=when(st.versions[-1].date)[lang]))}</p>"
            f"{note(st.versions[-1].note, lang)}</div>",
            "",
        ]
    if st.role == "secondary":
        lines += [f'<div class="admonition info"><p>{esc(t("statement.role_secondary", lang))}</p></div>', ""]
    rows = [
        (t("statement.issuer", lang), span(issuer_name(corpus, st.issuer, lang), lang)),
    ]
    names = []
    for sid in speaker_ids(st.speaker):
        speaker = corpus.issuers.get(sid)
        role = ""
        if speaker and speaker.role:
            role = f' <span class="mq-small">({span(speaker.role.get(lang), lang)})</span>'
        names.append(span(issuer_name(corpus, sid, lang), lang) + role)
    if names:
        rows.append((t("statement.speaker", lang), ", ".join(names)))
    rows += [
        (t("statement.date", lang), date_html(st.date, lang)),
        (t("statement.language", lang), esc(language_name(st.language, lang))),
        (t("statement.source", lang), link(st.url, st.url, lang) + note(st.url_note, lang, "statement.url_note")),
        (t("statement.archive", lang), archive_html(st, lang)),
        (
            t("statement.completeness", lang),
            esc(t("statement.complete" if st.completeness == "complete" else "statement.partial", lang))
            + note(st.completeness_note, lang),
        ),
        (
            t("statement.translator", lang),
            f'{span(st.translator, "en")} <em class="mq-unofficial">({esc(t("statement.unofficial", lang))})</em>',
        ),
    ]
    lines += [facts(rows), ""]
    lines += _attribution(sr, st, lang)
    lines += [f"## {esc(t('statement.text', lang))} {{ #mq-text }}", ""]
    body = [f'<div class="mq-statement" dir="{direction(lang)}">']
    for p in st.paragraphs:
        html = "".join(_sentence_row(s, st, corpus, cited.get((st.id, s.id), []), page, lang) for s in p.sentences)
        body.append(f'<div class="mq-spara">{html}</div>')
    body.append("</div>")
    lines += ["\n".join(body), ""]
    lines += _history(st, corpus, page, lang)
    return "\n".join(lines)
