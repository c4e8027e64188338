"""Bidirectional text: Latin runs inside Arabic isolated so their punctuation stays in place.

`APT 40`, `Microsoft Exchange` or a URL inside an Arabic sentence is a left-to-right island;
without isolation the browser's bidi algorithm can move a neighbouring quote mark, comma or
number to the wrong side. Each run is escaped on its own before wrapping, so a wrapper can
never split a character reference.
"""

from __future__ import annotations

import re

from .escape import esc

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

# A run starts with a Latin letter; inner punctuation and spaces belong to it only when a
# letter or digit follows, so a closing full stop or comma stays with the Arabic text.
# Dates and ranges (2021-07-19, 3/2) are isolated too: in right-to-left text their parts
# would otherwise be laid out in reverse order (19-07-2021).
LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f/]|[.,:_\-@#%&+=?~'’](?=[A-Za-z0-9])|[ "
    r"](?=[A-Za-z0-9]))*"
    r"|\d+(?:[-/:]\d+)+(?:T\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:\d\d)?)?"
)
LRI, PDI = "\u2066", "\u2069"


def plain_isolate(text: str, lang: str) -> str:
    """`text` with Latin runs between LRI and PDI marks, for places without markup (SVG text, titles)."""
    if lang not in RTL_LANGUAGES:
        return text
    return LATIN_RUN.sub(lambda m: LRI + m.group() + PDI, text)


def direction(lang: str) -> str:
    """`rtl` or `ltr` for a language code."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def isolate(text: str, lang: str) -> str:
    """`text` escaped; in a right-to-left language, each Latin run wrapped in `<bdi dir="ltr">`."""
    if lang not in RTL_LANGUAGES:
        return esc(text)
    out: list[str] = []
    pos = 0
    for m in LATIN_RUN.finditer(text):
        out.append(esc(text[pos:m.start()]))
        out.append(f'<bdi dir="ltr">{esc(m.group())}</bdi>')
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def span(text: str, lang: str, tag: str = "span", cls: str = "") -> str:
    """`text` in an element carrying its language and direction, Latin runs isolated."""
    klass = f' class="{esc(cls)}"' if cls else ""
    return f'<{tag} lang="{esc(lang)}" dir="{direction(lang)}"{klass}>{isolate(text, lang)}</{tag}>'
