"""Rule `quote`: a quoted passage whose wording differs from the source.

Each quotation of three words or more in the claim's English translation is compared word by
word (diff-match-patch over words) with the primary sentence holding most of its words; the
source words before and after the quoted stretch are left out, since quoting part of a
sentence is fair. The difference is major when the meaning can have changed: a negation or a
modal verb gained or lost, a number changed, or more than a third of the quotation's words
absent from the source. Otherwise it is minor: a calque of the translation, or a cosmetic
difference such as the official "held account" printed "held to account".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from diff_match_patch import diff_match_patch

from muqabala.collate.views import CaseView, ClaimView, Source, flag
from muqabala.lexicon.normalize import ENGLISH_STOP, fold, stem
from muqabala.report import Discrepancy
from muqabala.vocabulary import join, quote

MIN_WORDS = 3
"""Shorter quotations are names or terms ("Microsoft Exchange"), not quoted wording."""
FOUND = 0.5
"""Share of the quotation's words a source sentence must hold to be the one quoted."""
MAJOR_ADDED = 0.34
"""Share of the quotation's words absent from the source above which the meaning has changed."""

_QUOTE = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»')
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True)
class Tok:
    word: str
    key: str
    start: int
    end: int


def tokens(text: str) -> list[Tok]:
    """Words of an English text, folded and lightly stemmed, letters and digits apart (APT40 → apt 40)."""
    folded, origin = fold(text)
    out = []
    for m in _TOKEN.finditer(folded):
        w = m.group()
        key = stem(w)
        for suffix in ("ing", "ed"):
            if len(key) > len(suffix) + 3 and key.endswith(suffix):
                key = key[: -len(suffix)]
        out.append(Tok(w, key, origin[m.start()], origin[m.end() - 1] + 1))
    return out


def _content(toks: list[Tok], cosmetic: set[str]) -> set[str]:
    return {t.key for t in toks if t.word not in cosmetic and t.word not in ENGLISH_STOP}


def diff(source: list[Tok], quoted: list[Tok]) -> list[tuple[int, list[Tok]]]:
    """Word-level diff (-1 source only, 0 both, 1 quotation only), trimmed to the quoted stretch."""
    vocab: dict[str, str] = {}
    enc = lambda ts: "".join(vocab.setdefault(t.key, chr(0x100 + len(vocab))) for t in ts)  # noqa: E731
    a, b = enc(source), enc(quoted)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    ops, i, j = [], 0, 0
    for op, chunk in dmp.diff_main(a, b, False):
        n = len(chunk)
        if op == 1:
            ops.append((1, quoted[j : j + n]))
            j += n
        else:
            ops.append((op, source[i : i + n]))
            i += n
            j += n if op == 0 else 0
    while ops and ops[0][0] == -1:
        ops.pop(0)
    while ops and ops[-1][0] == -1:
        ops.pop()
    return ops


def _show(ops: list[tuple[int, list[Tok]]]) -> str:
    parts = []
    for op, ts in ops:
        words = " ".join(t.word for t in ts)
        parts.append(words if op == 0 else f"[{'+' if op == 1 else '-'}{words}]")
    text = " ".join(parts)
    return text if len(text) <= 300 else text[:299] + "…"


def _quotes(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _QUOTE.finditer(text):
        g = next(i for i in range(1, 4) if m.group(i) is not None)
        if len(_TOKEN.findall(m.group(g))) >= MIN_WORDS:
            out.append(m.span(g))
    return out


def _share(src: Source, want: set[str], cosmetic: set[str], order: dict[str, int]) -> tuple[float, int]:
    """Share of the quotation's words in `src`; ties go to the better-aligned sentence."""
    return len(want & _content(tokens(src.words("en")), cosmetic)) / len(want), -order.get(src.ref, 99)


CHANGES: dict[str, tuple[str, str]] = {
    "negation": ("a negation", "النفي"),
    "modal": ("a modal verb", "فعل الإمكان أو الوجوب"),
    "number": ("a number", "رقم"),
    "wording": ("words the source does not have", "ألفاظ لا ترد في المصدر"),
}
"""What a changed quotation changed, as the explanation names it in each language."""


def explain(changed: list[str], cosmetic_only: bool) -> tuple[str, str]:
    """The explanation of a quotation that differs from its source. The word diff itself is shown
    apart (`details.diff`), never inlined here; and a minor difference is only called small, never
    "the sense is kept", since the translation rule may find a mistranslation in the same words."""
    if changed:
        return (
            f"The quotation differs from the source in meaning: {join([CHANGES[c][0] for c in changed], 'en')}.",
            f"يختلف النص المقتبس عن المصدر في المعنى: {join([CHANGES[c][1] for c in changed], 'ar')}.",
        )
    if cosmetic_only:
        return (
            "The quotation differs from the source only in small words.",
            "لا يختلف النص المقتبس عن المصدر إلا في كلمات صغيرة.",
        )
    return (
        "The quotation's wording differs slightly from the source's.",
        "تختلف ألفاظ النص المقتبس قليلًا عن ألفاظ المصدر.",
    )


def check(claim: ClaimView, case: CaseView) -> list[Discrepancy]:
    """Compare every quotation in the claim's English with the sentence it quotes."""
    en = claim.text.get("en", "")
    speech = case.lexicon.speech
    cosmetic = {fold(w)[0] for w in speech.cosmetic}
    negations = {fold(w)[0] for w in speech.negations.get("en")}
    modals = {fold(w)[0] for w in speech.modals.get("en")}
    order = {s.ref: i for i, s in enumerate(claim.evidence)}
    out: list[Discrepancy] = []
    for qs, qe in _quotes(en):
        quoted = tokens(en[qs:qe])
        want = _content(quoted, cosmetic)
        if not want:
            continue

        best = max(case.sources, key=partial(_share, want=want, cosmetic=cosmetic, order=order), default=None)
        span = claim.span(qs, qe, "en")
        if best is None or _share(best, want, cosmetic, order)[0] < FOUND:
            out.append(
                flag(
                    "quote",
                    "major",
                    f"No primary statement holds the quoted words {quote(en[qs:qe], 'en')}.",
                    "لا يرد النص المقتبس في أيٍّ من البيانات الرسمية.",
                    span,
                    None,
                    kind="not_found",
                )
            )
            continue
        src_toks = tokens(best.words("en"))
        ops = diff(src_toks, quoted)
        if all(op == 0 for op, _ in ops):
            continue
        kept = [t for op, ts in ops if op != 1 for t in ts]
        src_words = {t.word for t in kept}
        q_words = {t.word for t in quoted}
        added = {t.key for op, ts in ops if op == 1 for t in ts} & want
        added -= _content(src_toks, cosmetic)
        changed = [
            name
            for name, words in (("negation", negations), ("modal", modals))
            if (src_words & words) != (q_words & words)
        ]
        if {t.word for t in kept if t.word.isdigit()} != {t.word for t in quoted if t.word.isdigit()}:
            changed.append("number")
        if len(added) / len(want) > MAJOR_ADDED:
            changed.append("wording")
        source_span = best.span("en", kept[0].start, kept[-1].end) if kept else best.whole()
        shown = _show(ops)
        cosmetic_only = all(t.word in cosmetic for op, ts in ops if op != 0 for t in ts)
        en_text, ar_text = explain(changed, cosmetic_only)
        out.append(
            flag(
                "quote",
                "major" if changed else "minor",
                en_text,
                ar_text,
                span,
                source_span,
                diff=shown,
                changed=changed,
                added=sorted(added),
            )
        )
    return out
