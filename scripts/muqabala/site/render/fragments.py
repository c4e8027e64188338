"""HTML pieces shared by several pages: verdict badges, facts lists, texts with their language.

Every function returns one line of HTML (no blank lines), so that it can sit inside a raw
HTML block of a Markdown page without ending it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from muqabala.data.corpus import Corpus
from muqabala.data.model import Note, Paragraph
from muqabala.report import Attribution
from muqabala.site.render.bidi import direction, isolate, span
from muqabala.site.render.escape import esc, href, safe_url
from muqabala.site.render.labels import VERDICT_ICONS, VERDICT_ORDER, t
from muqabala.vocabulary import count, when


def ident(text: str) -> str:
    """An id, date or other left-to-right token, isolated and kept on one line."""
    return f'<bdi dir="ltr" class="mq-id">{esc(text)}</bdi>'


def level_html(level: str, lang: str) -> str:
    """An attribution level's name, classed by level."""
    name = esc(t(f"level.{level}", lang))
    return f'<span class="mq-level mq-level-{level.replace("_", "-")}">{name}</span>'


def organ_html(a: Attribution, lang: str) -> str:
    """The named state organ in the page language (the lexicon's name), else its English name,
    isolated; empty when none is named."""
    if not a.named_organ:
        return ""
    if a.named_organ_label is not None:
        return span(a.named_organ_label.ar if lang == "ar" else a.named_organ_label.en, lang)
    return f"<bdi>{esc(a.named_organ)}</bdi>"


def verdict_class(verdict: str) -> str:
    """CSS class of a verdict (`partly_supported` → `mq-v-partly-supported`)."""
    return "mq-v-" + verdict.replace("_", "-")


def badge(verdict: str, lang: str, extra: str = "") -> str:
    """A verdict as icon + text, coloured by class: never colour alone."""
    return (
        f'<span class="mq-badge {verdict_class(verdict)}{(" " + extra) if extra else ""}">'
        f'<span class="mq-icon" aria-hidden="true">{VERDICT_ICONS[verdict]}</span> '
        f"{esc(t(f'verdict.{verdict}', lang))}</span>"
    )


def facts(rows: Iterable[tuple[str, str]], cls: str = "mq-facts") -> str:
    """A definition list of (label, HTML value) pairs; labels are escaped here, values must be HTML."""
    items = "".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="{cls}">{items}</dl>'


def link(url: str | None, text: str, lang: str) -> str:
    """An external link if `url` is a safe http(s) address. When the address is its own text, it
    is shown as its host ("www.gov.uk/…"), the whole address in the link and its tooltip: a
    release's address took seven lines of a phone's width."""
    ok = safe_url(url)
    if ok is None:
        return isolate(text, lang) if text else ""
    shown = text or ok
    if shown == ok:
        return f'<a href="{href(ok)}" rel="noopener" dir="ltr" title="{esc(ok)}"><bdi>{esc(short_url(ok))}</bdi></a>'
    return f'<a href="{href(ok)}" rel="noopener" dir="ltr"><bdi>{esc(shown)}</bdi></a>'


def short_url(url: str) -> str:
    """An address as readers need to see it: its host, and "/…" when it goes further."""
    parts = urlsplit(url)
    more = parts.path.strip("/") or parts.query or parts.fragment
    return parts.netloc + ("/…" if more else "")


def date_html(date: str, lang: str) -> str:
    """A date (and time) from the data written as the page's language writes it (`vocabulary.when`:
    «19 يوليو/تموز 2021»), the data's own form in `<time datetime>` for machines."""
    return f'<time datetime="{esc(date)}" lang="{lang}">{esc(when(date)[lang])}</time>'


def note(text: Note | None, page_lang: str, label_key: str = "common.note") -> str:
    """An editor's or translator's note in the page language, labelled in the page language."""
    if text is None:
        return ""
    words = text.get(page_lang)
    if not words.strip():
        return ""
    return (
        f'<p class="mq-note" lang="{page_lang}" dir="{direction(page_lang)}">'
        f'<bdi class="mq-note-label" lang="{page_lang}" dir="{direction(page_lang)}">'
        f"{esc(t(label_key, page_lang))}:</bdi> {isolate(words, page_lang)}</p>"
    )


def issuer_name(corpus: Corpus, issuer_id: str | None, lang: str) -> str:
    """An issuer's display name in `lang`, or its id when unknown (a dangling id is shown, not hidden)."""
    if not issuer_id:
        return ""
    issuer = corpus.issuers.get(issuer_id)
    return issuer.name.get(lang) if issuer else issuer_id


def summary_bar(counts: dict[str, int], lang: str, checks_link: str | None = None) -> str:
    """Claims per verdict: a proportional bar (decorative) and the same numbers as text."""
    total = sum(n for v, n in counts.items() if v != "not_a_claim")
    present = [v for v in VERDICT_ORDER if counts.get(v)]
    bar = "".join(
        f'<span class="mq-bar-seg {verdict_class(v)}" style="flex-grow:{counts[v]}" '
        f'title="{esc(t(f"verdict.{v}", lang))}: {counts[v]}"></span>'
        for v in present
    )
    items = "".join(f'<li>{badge(v, lang)} <span class="mq-count">{counts[v]}</span></li>' for v in present)
    more = f' <a href="{href(checks_link)}">{esc(t("article.see_checks", lang))}</a>' if checks_link else ""
    return (
        f'<div class="mq-summary" dir="{direction(lang)}"><p class="mq-summary-title">'
        f"<strong>{esc(t('article.summary', lang))}</strong> — "
        f"{esc(t('article.claims_total', lang).format(count=count(total, 'claim', lang)))}"
        f'{more}</p><div class="mq-bar" aria-hidden="true">{bar}</div>'
        f'<ul class="mq-summary-list">{items}</ul></div>'
    )


def verdict_summary(counts: dict[str, int], lang: str) -> str:
    """The summary bar in one plain sentence, for a page's description and share card:
    "5 claims checked: Contradicted 1, Supported 4"."""
    total = sum(n for v, n in counts.items() if v != "not_a_claim")
    comma = "، " if lang == "ar" else ", "
    parts = comma.join(
        f"{t(f'verdict.{v}', lang)} {counts[v]}" for v in VERDICT_ORDER if counts.get(v) and v != "not_a_claim"
    )
    head = t("article.claims_total", lang).format(count=count(total, "claim", lang))
    return f"{head}: {parts}" if parts else head


def front_matter(description: str, share_title: str | None = None) -> str:
    """A page's YAML front matter with its `description` (JSON is YAML: any text stays one string)
    and, when given, `share_title`: the page's `<title>` and share-card title where they say more
    than its short name in the nav (overrides/main.html)."""
    extra = f"share_title: {json.dumps(share_title)}\n" if share_title else ""
    return f"---\ndescription: {json.dumps(description)}\n{extra}---\n\n"


def sentence_number(corpus: Corpus, statement: str, sentence: str, text: list[Paragraph] | None = None) -> int | None:
    """The sentence's place in its statement, counted from 1 over all paragraphs (of `text`, an
    earlier version's, when given)."""
    st = corpus.statements.get(statement)
    if st is None:
        return None
    ids = [s.id for p in (text or st.paragraphs) for s in p.sentences]
    return ids.index(sentence) + 1 if sentence in ids else None


def sentence_ref(corpus: Corpus, statement: str, sentence: str, lang: str, text: list[Paragraph] | None = None) -> str:
    """A sentence as readers name it: "European Union, sentence 3" («الاتحاد الأوروبي، الجملة 3»),
    counted in `text` (an earlier version's) when given; the sentence id (`p3-s1`) only when the
    statement is not on file."""
    st = corpus.statements.get(statement)
    number = sentence_number(corpus, statement, sentence, text)
    if st is None or number is None:
        return ident(f"{statement}#{sentence}")
    comma = "، " if lang == "ar" else ", "
    return (
        f"{span(issuer_name(corpus, st.issuer, lang), lang)}{comma}{esc(t('check.sentence', lang))} <bdi>{number}</bdi>"
    )


def page_head(title_key: str, lede_key: str, lang: str) -> list[str]:
    """The opening lines of a generated page: its title and the sentence that says what it holds."""
    return [
        f'<h1 class="mq-title">{esc(t(title_key, lang))}</h1>',
        "",
        f'<p class="mq-lede">{esc(t(lede_key, lang))}</p>',
        "",
    ]
