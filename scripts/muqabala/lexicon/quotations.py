"""Where a text quotes: the stretches inside quotation marks that are quoted wording, not names.

Read by the quote rule (what a quotation changed) and by the aligner (quoted words weigh more when
ranking the sentence a claim quotes)."""

from __future__ import annotations

import re

MIN_WORDS = 3
"""Shorter quotations are names or terms ("Microsoft Exchange", «وانا كراي»), not quoted wording."""

_QUOTE = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»')
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_STRAY = re.compile(r"^\s*[,،;؛.:]")


def quoted(text: str) -> list[tuple[int, int]]:
    """Quoted stretches of `MIN_WORDS` words or more. A stretch opening on punctuation is the gap between
    a quotation whose opening mark the article left out and the next one (`…last year", accusing Moscow
    of "spreading…`): its first mark is taken as a stray closing mark and pairing starts again after it."""
    out = []
    pos = 0
    while (m := _QUOTE.search(text, pos)) is not None:
        g = next(i for i in range(1, 4) if m.group(i) is not None)
        if _STRAY.match(m.group(g)):
            pos = m.end(g)  # the mark that closed the gap opens the next quotation
            continue
        if len(_TOKEN.findall(m.group(g))) >= MIN_WORDS:
            out.append(m.span(g))
        pos = m.end()
    return out


_OPEN = "“«"
_CLOSE = "”»"


def inside(text: str, pos: int) -> bool:
    """Whether `pos` lies inside a quotation: between an opening mark and its closing one, or before a
    closing mark the sentence never opened (the quotation began in a sentence before: `أعلنت جيم أن …”، كما`)
    unless a quotation of the sentence's own came first (then the mark opens one: `أن”…”`).
    Arabic news quotes with straight marks as often as with curved ones; a straight mark both opens
    and closes, so they pair in order, and a last one left unpaired opens nothing."""
    opened: int | None = None
    seen = False
    for i, ch in enumerate(text):
        if ch in _OPEN and opened is None:
            opened, seen = i, True
        elif ch in _CLOSE:
            if opened is None and seen:
                opened = i  # after a quotation of its own, a closing mark typed for an opening one (`أن”…”`)
                continue
            if (opened if opened is not None else -1) < pos < i:
                return True
            opened, seen = None, True
    straight = [i for i, ch in enumerate(text) if ch == '"']
    return any(a < pos < b for a, b in zip(straight[::2], straight[1::2], strict=False))
