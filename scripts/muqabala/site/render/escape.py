"""Escaping text from the data for every place it lands: HTML text, attributes, nav titles, URLs.

Generated pages put data only inside raw HTML blocks, where Python-Markdown leaves text alone;
`esc` still turns the characters Markdown, its preprocessors (code fences run before HTML
blocks are recognised) and template engines react to into character references, so a stray
`{{ x }}`, ``` or `*` shows literally whatever processes the page next.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

_EXTRA = str.maketrans(
    {
        "{": "&#123;",
        "}": "&#125;",
        "`": "&#96;",
        "~": "&#126;",
        "*": "&#42;",
        "_": "&#95;",
        "[": "&#91;",
        "]": "&#93;",
        "\\": "&#92;",
        "|": "&#124;",
        "$": "&#36;",
    }
)
_SPACE = re.compile(r"\s*\n\s*")
_URL = re.compile(r"^https?://[^\s/?#<>\"'`\\]+[^\s<>\"'`\\]*$", re.IGNORECASE)


def esc(text: object) -> str:
    """`text` as HTML text or attribute value, inert for Markdown and Jinja; line breaks become spaces.

    A line break inside a raw HTML block could end the block early, so text is kept on one line.
    """
    return html.escape(_SPACE.sub(" ", str(text)), quote=True).translate(_EXTRA)


def safe_url(url: str | None) -> str | None:
    """`url` if it is an absolute http(s) address without spaces or quotes, else None.

    The data is validated on load, but the check is repeated here where the URL becomes an href.
    """
    if not url or any(ord(c) < 32 or ord(c) == 127 for c in url) or not _URL.match(url):
        return None
    return url


_URL_SAFE = "/:?#[]@!$&()*+,;=%~-._"
"""Characters kept as they are in `url_attr`; quotes, <, >, spaces and backticks are %-encoded."""


def url_attr(url: str) -> str:
    """An address put together from config values and file names ("Edit this page"), for an href
    that a template prints without escaping: %-encoded, then HTML-escaped, so no character of
    it can end the attribute or open a tag."""
    return html.escape(quote(url, safe=_URL_SAFE), quote=True)


def href(url: str) -> str:
    """An internal or checked address, escaped for an href attribute (keeps `#` and `/` readable)."""
    return html.escape(url, quote=True)


def nav_title(text: str, limit: int = 72) -> str:
    """A title for MkDocs' nav and the page `<title>`, which Material inserts without escaping.

    `<` and `>` become ‹ › rather than entities: Material passes the title through `striptags`,
    which turns entities back into characters inside `<title>`.
    """
    flat = " ".join(text.split()).replace("<", "‹").replace(">", "›")
    return html.escape(shorten(flat, limit), quote=True)


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:،؛.-—") + "…"
