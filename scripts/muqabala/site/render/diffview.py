"""Word-level differences between an article's wording and a statement's, as `<del>`/`<ins>` HTML.

diff-match-patch diffs characters; each word is first mapped to one private code point (the
library's own line-mode trick, applied to words), so that the diff never cuts inside a word
and an Arabic letter never loses its diacritics: combining marks always stay in the token of
the letter they sit on.
"""

from __future__ import annotations

import functools
import unicodedata

from diff_match_patch import diff_match_patch

from muqabala.site.render.bidi import isolate

_JOINERS = {"\u200c", "\u200d", "\u034f"}
_BASE = 0xF0000  # Supplementary Private Use Area-A: never present in the texts compared.


def tokens(text: str) -> list[str]:
    """Split into words, runs of spaces and single punctuation marks; marks stay on their base.

    A combining mark (category M*) or a zero-width joiner is appended to the token before it,
    whatever that token is, so no token ever begins with one (unless the text does).
    """
    out: list[str] = []
    kind = ""
    for ch in text:
        if out and (unicodedata.category(ch).startswith("M") or ch in _JOINERS):
            out[-1] += ch
            continue
        k = "w" if (ch.isalnum() or ch == "_") else "s" if ch.isspace() else "p"
        if out and k == kind and k != "p":
            out[-1] += ch
        else:
            out.append(ch)
        kind = k
    return out


def word_diff(old: str, new: str) -> list[tuple[int, str]]:
    """(op, text) pairs from `old` to `new`: -1 only in old, 1 only in new, 0 in both."""
    return list(_word_diff(old, new))


# Each checks page diffs every evidence sentence in both languages, and so does the other
# language's page: when `muqabala build` renders both in one process, the second reuses the
# first's diffs. Sized for a 100-case archive (~26,000 pairs).
@functools.lru_cache(maxsize=1 << 15)
def _word_diff(old: str, new: str) -> tuple[tuple[int, str], ...]:
    vocab: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        chars = []
        for tok in tokens(text):
            if tok not in vocab:
                vocab[tok] = chr(_BASE + len(words))
                words.append(tok)
            chars.append(vocab[tok])
        return "".join(chars)

    a, b = encode(old), encode(new)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # deterministic: never cut short by the clock
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    out: list[tuple[int, str]] = []
    for op, chars in diffs:
        text = "".join(words[ord(c) - _BASE] for c in chars)
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        elif text:
            out.append((op, text))
    return tuple(out)


def diff_html(source: str, article: str, lang: str) -> str:
    """The statement's wording turned into the article's: removed words in `<del>`, added in `<ins>`.

    Read without colour: `<del>` is struck through and `<ins>` underlined by the browser.
    """
    parts = []
    for op, text in word_diff(source, article):
        body = isolate(text, lang)
        if op == -1:
            parts.append(f"<del>{body}</del>")
        elif op == 1:
            parts.append(f"<ins>{body}</ins>")
        else:
            parts.append(body)
    return "".join(parts)
