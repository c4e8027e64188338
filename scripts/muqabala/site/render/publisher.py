"""What a fact-check publisher shows with every check: who wrote and reviewed it and when, a
one-line conclusion, and the corrections made since publication."""

from __future__ import annotations

from muqabala.data.model import Article
from muqabala.site.render.bidi import isolate, span
from muqabala.site.render.escape import esc
from muqabala.site.render.fragments import date_html
from muqabala.site.render.labels import t

DISTORTED = ("misleading", "misattributed", "contradicted")
"""Verdicts of a claim that says something other than the statements it reports."""


def conclusion(counts: dict[str, int], lang: str) -> str:
    """The article's verdicts in one sentence, the worst finding first; "" when nothing was checked.

    The Arabic counts with «عدد … N من أصل M», which needs no agreement of a noun with its number.
    """
    total = sum(n for v, n in counts.items() if v != "not_a_claim")
    if not total:
        return ""
    wrong = sum(counts.get(v, 0) for v in DISTORTED)
    unsupported = counts.get("unsupported", 0)
    partly = counts.get("partly_supported", 0)
    one = total == 1
    if lang == "ar":
        if wrong:
            if one:
                return "لا ينقل المقال البيانات بأمانة: الادعاء المفحوص الوحيد يحرّف ما تقوله."
            tail = f"، وعدد ما لا يسنده أي بيان {unsupported}" if unsupported else ""
            return f"لا ينقل المقال البيانات بأمانة: عدد الادعاءات التي تحرّف ما تقوله {wrong} من أصل {total}{tail}."
        if unsupported:
            if one:
                return "يتجاوز المقال مصادره: الادعاء المفحوص الوحيد لا يسنده أي بيان."
            return f"يتجاوز المقال مصادره: عدد الادعاءات التي لا يسندها أي بيان {unsupported} من أصل {total}."
        if partly:
            if one:
                return "المقال صحيح في مجمله: الادعاء المفحوص الوحيد مدعوم جزئيًا."
            return f"المقال صحيح في مجمله: عدد الادعاءات المدعومة جزئيًا {partly} من أصل {total}، والباقي مدعوم."
        if one:
            return "ينقل المقال البيانات بأمانة: الادعاء المفحوص الوحيد مدعوم."
        return f"ينقل المقال البيانات بأمانة: الادعاءات المفحوصة كلها مدعومة، وعددها {total}."
    of = "the one claim checked" if one else None
    if wrong:
        head = of or f"{wrong} of the {total} claims checked"
        verb = "distorts" if one or wrong == 1 else "distort"
        tail = (
            f", and {unsupported} {'has' if unsupported == 1 else 'have'} no support in any of them"
            if unsupported
            else ""
        )
        return f"The article misreports the statements: {head} {verb} what they say{tail}."
    if unsupported:
        head = of or f"{unsupported} of the {total} claims checked"
        verb = "has" if one or unsupported == 1 else "have"
        return f"The article goes beyond its sources: {head} {verb} no support in any statement."
    if partly:
        head = of or f"{partly} of the {total} claims checked"
        verb = "is" if one or partly == 1 else "are"
        rest = "" if one or partly == total else ", the rest supported"
        return f"The article broadly holds up: {head} {verb} only partly supported{rest}."
    if one:
        return "The article reports the statements faithfully: the one claim checked is supported."
    return f"The article reports the statements faithfully: all {total} claims checked are supported."


def conclusion_html(counts: dict[str, int], lang: str) -> str:
    """The conclusion as the page's lede, labelled; "" when nothing was checked."""
    text = conclusion(counts, lang)
    if not text:
        return ""
    return (
        f'<p class="mq-conclusion"><strong>{esc(t("publisher.conclusion", lang))}:</strong> {isolate(text, lang)}</p>'
    )


def byline_rows(art: Article, review_day: str, lang: str) -> list[tuple[str, str]]:
    """Rows of the article's facts: who checked and reviewed it, when it was published and updated.
    `review_day` is the review's date, given or computed (`claimreview.review_date`)."""
    rows = []
    if art.author:
        rows.append((t("publisher.author", lang), span(art.author, "en")))
    if art.reviewer:
        rows.append((t("publisher.reviewer", lang), span(art.reviewer, "en")))
    rows.append((t("publisher.reviewed", lang), date_html(review_day, lang)))
    if art.updated and art.updated[:10] != review_day[:10]:
        rows.append((t("publisher.updated", lang), date_html(art.updated, lang)))
    return rows


def corrections_log(art: Article, lang: str) -> list[str]:
    """The corrections section, newest first, or nothing when there has been none."""
    if not art.corrections:
        return []
    items = "".join(
        f"<li>{date_html(c.date, lang)} — {isolate(c.note.get(lang), lang)}</li>"
        for c in sorted(art.corrections, key=lambda c: c.date, reverse=True)
    )
    return [
        f"## {esc(t('publisher.corrections', lang))} {{ #mq-corrections }}",
        "",
        f'<ol class="mq-corrections" reversed>{items}</ol>',
        "",
    ]
