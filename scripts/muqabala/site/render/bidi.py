"""Bidirectional text: Latin runs inside Arabic isolated so their punctuation stays in place.

`APT 40`, `Microsoft Exchange` or a URL inside an Arabic sentence is a left-to-right island;
without isolation the browser's bidi algorithm can move a neighbouring quote mark, comma or
number to the wrong side. Each run is escaped on its own before wrapping, so a wrapper can
never split a character reference.
"""

from __future__ import annotations

import re

from muqabala.site.render.escape import esc
from muqabala.vocabulary import RTL_LANGUAGES

# A run starts with a Latin letter and goes on to the last Latin letter or digit before the
# next right-to-left letter, spaces and punctuation included: two runs separated only by
# punctuation (a diff's `exchange [+the groups] state`) would otherwise each be isolated and
# laid out right to left, one after the other. A closing full stop or comma stays with the
# Arabic text. An opening bracket (and a diff's + or -) just before the letter joins the run,
# and so does a closing bracket that balances one inside it (`(APT40)`, `[-pattern of]`).
# Dates and ranges (2021-07-19, 3/2) are isolated too: in right-to-left text their parts
# would otherwise be laid out in reverse order (19-07-2021).
_LATIN = r"A-Za-z\u00c0-\u024f"
_RTL = r"\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
LATIN_RUN = re.compile(
    rf"(?:[\[(][+\-]?)?[{_LATIN}](?:[^{_RTL}\n]*[{_LATIN}0-9])?"
    r"|\d+(?:[-/:]\d+)+(?:T\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:\d\d)?)?"
)
_PAIRS = {"(": ")", "[": "]"}


def runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every left-to-right run of `text` that needs isolating in right-to-left text."""
    out = []
    for m in LATIN_RUN.finditer(text):
        end = m.end()
        for opener, closer in _PAIRS.items():
            missing = m.group().count(opener) - m.group().count(closer)
            if missing > 0 and text.startswith(closer * missing, end):
                end += missing
        out.append((m.start(), end))
    return out


LRI, PDI = "\u2066", "\u2069"


def plain_isolate(text: str, lang: str) -> str:
    """`text` with Latin runs between LRI and PDI marks, for places without markup (SVG text, titles)."""
    if lang not in RTL_LANGUAGES:
        return text
    out, pos = [], 0
    for start, end in runs(text):
        out += [text[pos:start], LRI, text[start:end], PDI]
        pos = end
    return "".join(out) + text[pos:]


def direction(lang: str) -> str:
    """`rtl` or `ltr` for a language code."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


ARABIC_RUN = re.compile(
    r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]+(?:[\s\u060c]+[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]+)*"
)
"""A stretch of Arabic words (spaces and Arabic commas between them included)."""


def isolate(text: str, lang: str) -> str:
    """`text` escaped; in a right-to-left language, each Latin run wrapped in `<bdi dir="ltr">`; in a
    left-to-right one, each Arabic run in `<bdi lang="ar" dir="rtl">`, so that it is read, spoken
    and laid out as Arabic (its English rendering is the text's job: glossary.yaml, templates)."""
    if lang not in RTL_LANGUAGES:
        parts, at = [], 0
        for m in ARABIC_RUN.finditer(text):
            parts += [esc(text[at : m.start()]), f'<bdi lang="ar" dir="rtl">{esc(m.group())}</bdi>']
            at = m.end()
        return "".join(parts) + esc(text[at:])
    out: list[str] = []
    pos = 0
    for start, end in runs(text):
        out.append(esc(text[pos:start]))
        out.append(f'<bdi dir="ltr">{esc(text[start:end])}</bdi>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def span(text: str, lang: str, tag: str = "span", cls: str = "") -> str:
    """`text` in an element carrying its language and direction, Latin runs isolated."""
    klass = f' class="{esc(cls)}"' if cls else ""
    return f'<{tag} lang="{esc(lang)}" dir="{direction(lang)}"{klass}>{isolate(text, lang)}</{tag}>'
