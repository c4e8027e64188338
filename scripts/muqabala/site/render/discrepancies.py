"""The discrepancies page: every flag of every claim, grouped by the rule that raised it."""

from __future__ import annotations

from typing import get_args

from muqabala.report import ArticleReport, DiscrepancyType, Report
from muqabala.site.render.bidi import direction, isolate, span
from muqabala.site.render.checks import claim_name, diff_of
from muqabala.site.render.escape import esc, href
from muqabala.site.render.fragments import badge, page_head
from muqabala.site.render.labels import t
from muqabala.site.render.paths import claim_path, rel

PAGE = "discrepancies.md"
TYPES: tuple[str, ...] = get_args(DiscrepancyType)


def render_discrepancies(report: Report, lang: str) -> str:
    """The Markdown of `discrepancies.md`: a section per discrepancy type, major flags first."""
    lines = page_head("nav.discrepancies", "discrepancies.intro", lang)
    groups: dict[str, list[str]] = {k: [] for k in TYPES}
    kept, used = _kept.get(lang, {}), {}
    for art in report.articles:
        entry = kept.get(id(art))
        items = entry[1] if entry is not None and entry[0] is art else _article_items(art, lang)
        used[id(art)] = (art, items)
        for kind, found in items.items():
            groups.setdefault(kind, []).extend(found)
    _kept[lang] = used
    for kind, listed in groups.items():
        lines += [f"## {esc(t(f'type.{kind}', lang))} ({len(listed)}) {{ #{kind.replace('_', '-')} }}", ""]
        if listed:
            lines += [f'<ul class="mq-disc-list" dir="{direction(lang)}">' + "".join(listed) + "</ul>", ""]
        else:
            lines += [f'<p class="mq-none">{esc(t("discrepancies.none", lang))}</p>', ""]
    return "\n".join(lines)


def _article_items(art: ArticleReport, lang: str) -> dict[str, list[str]]:
    """One article's list items, by discrepancy type, in the order the page lists them."""
    groups: dict[str, list[str]] = {}
    for claim in sorted(art.claims, key=lambda c: c.position):
        for d in sorted(claim.discrepancies, key=lambda d: d.severity != "major"):
            explanation = d.explanation.ar if lang == "ar" else d.explanation.en
            quote = f" «{span(d.claim_span.text, d.claim_span.lang)}»" if d.claim_span else ""
            target = href(rel(PAGE, claim_path(art.id, claim.id)))
            groups.setdefault(d.type, []).append(
                f'<li class="mq-disc mq-sev-{d.severity}"><a href="{target}">'
                f"{span(art.outlet.ar if lang == 'ar' else art.outlet.en, lang)}{'، ' if lang == 'ar' else ', '}"
                f"{esc(claim_name(claim.position, lang))}</a> "
                f"{badge(claim.verdict, lang)} "
                f'<span class="mq-sev mq-sev-{d.severity}">'
                f"{esc(t(f'severity.{d.severity}', lang))}</span> "
                f"{isolate(explanation, lang)}{quote}{diff_of(d, lang)}</li>"
            )
    return groups


_kept: dict[str, dict[int, tuple[ArticleReport, dict[str, list[str]]]]] = {}
"""Per page language, each article's items as the last page listed them, by the article report's
`id` (the report kept beside them, so the id cannot be another's). `serve` keeps the report parts
of unchanged cases between builds (`cache.Memory`): their articles are the same objects, and
their items are not made again; reports are never changed once made."""
