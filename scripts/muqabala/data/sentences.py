"""Splitting a paragraph of Arabic or English into sentences, for `muqabala import`.

These rules, not a library: `tests/test_sentences.py` measures them and the maintained pysbd
(rule-based, offline) against sentences divided by hand (`tests/splitting/`), and the rules win
there by far, because pysbd cuts Arabic at every `،` and `:`, after `د.` and at list numbers,
which editors never do.
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?؟…]+[\"'”’»)\]]*(?=\s)")
"""A sentence can end here: terminal punctuation, then closing quotes or brackets, then a space."""

_STARTS = re.compile(r"[\"'“‘«(\[\-–—…]*[A-Z0-9\u0600-\u06FF]")
"""A sentence can start here: an upper-case Latin letter, a digit or an Arabic letter, after opening quotes."""

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st gen col lt sgt capt cmdr adm rep sen gov pres jr sr rev hon
    no nos vs etc al fig inc ltd co corp dept est approx
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
"""Words that a full stop follows without ending the sentence (lower-cased, without the stop)."""

_ARABIC_ABBREVIATION = re.compile(r"(?:^|\s)(?:[\u0621-\u064A]|هـ|ق\.م)$")
"""A lone Arabic letter before a full stop is an abbreviation: `د.` (doctor), `م.` (year AD)."""

_DOTTED = re.compile(r"(?:^|[\s(])(?:[A-Za-z]\.)+[A-Za-z]?$")
"""Initials and dotted acronyms: `U.S.`, `E.O.`, `J.`, `e.g.`."""

_LIST_MARK = re.compile(r"^\s*(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})[.)]$")

_OPENING = {"“": "”", "«": "»", "‘": "’", "(": ")"}


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every closed quotation or parenthesis, `end` just past its closing mark.

    An unmatched mark protects nothing: a stray quote in a transcription must not glue the
    rest of its paragraph into one sentence.
    """
    spans: list[tuple[int, int]] = []
    for open_mark, close_mark in _OPENING.items():
        stack: list[int] = []
        for i, ch in enumerate(text):
            if ch == open_mark:
                stack.append(i)
            elif ch == close_mark and stack:
                start = stack.pop()
                if not stack:
                    spans.append((start, i + 1))
    straight = [i for i, ch in enumerate(text) if ch == '"']
    spans += [(straight[i], straight[i + 1] + 1) for i in range(0, len(straight) - 1, 2)]
    return spans


def _is_abbreviation(before: str) -> bool:
    word = before[:-1]  # without its stop
    last = word.rsplit(None, 1)[-1] if word.split() else ""
    if last.lower().strip("(") in ABBREVIATIONS:
        return True
    return bool(_DOTTED.search(word + ".") and len(last) <= 6) or bool(_ARABIC_ABBREVIATION.search(word))


def split_rules(paragraph: str, language: str = "en") -> list[str]:
    """Sentences of `paragraph` by this project's rules.

    A sentence ends at `.`, `!`, `?`, `؟` or `…` (with any closing quotes) followed by a space
    and a capital, a digit or an Arabic letter; never inside a closed quotation (`"…"`, `“…”`,
    `«…»`) or parenthesis, never after an abbreviation (`Mr.`, `U.S.`, `د.`) or a list mark
    (`1.`). The Arabic comma `،` and semicolon `؛` and the colon never end a sentence.
    """
    text = " ".join(paragraph.split())
    spans = quoted_spans(text)
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        nxt = end + 1
        if not _STARTS.match(text, nxt):
            continue
        if any(a < end < b for a, b in spans):
            continue
        piece = text[start:end]
        if piece.endswith(".") and (_is_abbreviation(text[:end]) or _LIST_MARK.match(piece)):
            continue
        out.append(piece.strip())
        start = nxt
    if text[start:].strip():
        out.append(text[start:].strip())
    return out
