"""Word-level differences between an article's wording and a statement's, as `<del>`/`<ins>` HTML.

diff-match-patch diffs characters; each word is first mapped to one private code point (the
library's own line-mode trick, applied to words), so that the diff never cuts inside a word
and an Arabic letter never loses its diacritics: combining marks always stay in the token of
the letter they sit on.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from diff_match_patch import diff_match_patch

from muqabala.site.render.bidi import direction, isolate
from muqabala.site.render.escape import esc

_JOINERS = {"\u200c", "\u200d", "\u034f"}
_BASE = 0xF0000  # Supplementary Private Use Area-A: never present in the texts compared.


def tokens(text: str) -> list[str]:
    """Split into words, runs of spaces and single punctuation marks; marks stay on their base.

    A combining mark (category M*) or a zero-width joiner is appended to the token before it,
    whatever that token is, so no token ever begins with one (unless the text does).
    """
    if text and max(text) > "\uffff":
        return _tokens_by_char(text)
    # One pattern, tried in C: a tenth of the time of the loop below, which the first save of a
    # case in `serve` paid for thousands of times (its claims' diffs).
    return _token_pattern().findall(text)


@functools.cache
def _token_pattern() -> re.Pattern[str]:
    """`_tokens_by_char` for texts within the Basic Multilingual Plane, as one pattern: `\\w` and
    `\\s` are `str.isalnum()` (or `_`) and `str.isspace()`, and the marks are listed from this
    Python's own Unicode data (none of them is a word character or a space)."""
    marks = sorted({chr(i) for i in range(0x10000) if unicodedata.category(chr(i)).startswith("M")} | _JOINERS)
    listed = "".join(re.escape(ch) for ch in marks)
    return re.compile(rf"\w[\w{listed}]*|\s[\s{listed}]*|[^\w\s][{listed}]*")


def _tokens_by_char(text: str) -> list[str]:
    """`tokens`, one character at a time."""
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


Ops = tuple[tuple[int, str], ...]
K = TypeVar("K")
V = TypeVar("V")

_diffs: dict[tuple[str, str], Ops] = {}
"""Each pair's diff as computed in this process: each checks page diffs every evidence sentence
in both languages, and so does the other language's page; when `muqabala build` renders both in
one process, the second reuses the first's diffs. A `serve` session also seeds it with the diffs
each cached case's pages were made with (`remember`), so its first edit of a case does not diff
that case's unchanged claims again. At most `_MOST` pairs, the oldest dropped first."""
_MOST = 1 << 15  # a 100-case archive has ~26,000 pairs
_log: dict[tuple[str, str], Ops] | None = None


def _word_diff(old: str, new: str) -> Ops:
    return _kept(_diffs, _MOST, _log, (old, new), lambda: _diff(old, new))


def _kept(cache: dict[K, V], most: int, log: dict[K, V] | None, key: K, make: Callable[[], V]) -> V:
    """`cache[key]`, made by `make` when absent (the oldest entry dropped beyond `most`), and noted in
    `log` when a `recording` is on: the memo of both the word diffs and the diff blocks."""
    found = cache.get(key)
    if found is None:
        found = make()
        if len(cache) >= most:
            del cache[next(iter(cache))]
        cache[key] = found
    if log is not None:
        log[key] = found
    return found


class Recorded:
    """What `recording` saw: each pair's word diff, and each block `diff_block` gave."""

    def __init__(self) -> None:
        self.diffs: dict[tuple[str, str], Ops] = {}
        self.blocks: dict[tuple[str, str, str, str, str], str] = {}

    def entries(self) -> list[list[Any]]:
        """As `remember` takes them (JSON-ready)."""
        out: list[list[Any]] = [[old, new, [[op, text] for op, text in ops]] for (old, new), ops in self.diffs.items()]
        return out + [[*key, html] for key, html in self.blocks.items()]


@contextlib.contextmanager
def recording() -> Iterator[Recorded]:
    """The pairs diffed and the blocks made (or found made already) inside the block."""
    global _log, _logged_blocks
    outer = (_log, _logged_blocks)
    seen = Recorded()
    _log, _logged_blocks = seen.diffs, seen.blocks
    try:
        yield seen
    finally:
        _log, _logged_blocks = outer
        if outer[0] is not None and outer[1] is not None:
            outer[0].update(seen.diffs)
            outer[1].update(seen.blocks)


def remember(entries: Iterable[Sequence[Any]]) -> None:
    """Seed this process's diffs and blocks with those `Recorded.entries` listed (kept in a
    page cache entry) that it has not made: `[old, new, [[op, text], ...]]` for a diff,
    `[source, article, lang, label, label, html]` for a block. They are what `word_diff` and
    `diff_block` give for the same arguments with the same code, which the page cache's keys
    include."""
    for entry in entries:
        if len(entry) == 3:
            old, new, ops = entry
            if (old, new) not in _diffs and len(_diffs) < _MOST:
                _diffs[(old, new)] = tuple((op, text) for op, text in ops)
        elif len(entry) == 6:
            key = (entry[0], entry[1], entry[2], entry[3], entry[4])
            if key not in _blocks and len(_blocks) < _MOST_BLOCKS:
                _blocks[key] = entry[5]


def _diff(old: str, new: str) -> Ops:
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


PARAPHRASE_SHARE = 0.5
"""Below this share of the longer sentence's words in common, two sentences are paraphrases:
a diff would strike one whole sentence and underline the other, so they are shown side by side
with their shared phrases marked instead."""


def _words(text: str) -> int:
    return sum(1 for tok in tokens(text) if tok[0].isalnum() or tok[0] == "_")


def shared_share(diff: list[tuple[int, str]]) -> float:
    """The share of the longer text's words that both texts have, in the same order."""
    same = sum(_words(text) for op, text in diff if op == 0)
    longer = max(sum(_words(text) for op, text in diff if op <= 0), sum(_words(text) for op, text in diff if op >= 0))
    return same / longer if longer else 1.0


def is_paraphrase(source: str, article: str) -> bool:
    """Whether the two wordings share too few words for a word diff to tell the reader anything."""
    return shared_share(word_diff(source, article)) < PARAPHRASE_SHARE


def diff_html(source: str, article: str, lang: str) -> str:
    """The statement's wording turned into the article's: removed words in `<del>`, added in `<ins>`.

    Read without colour: `<del>` is struck through and `<ins>` underlined by the browser. Spaces
    at the edges of a change are kept outside its element, and a removed and an added run that
    meet are always parted by a space: without it the reader sees one glued word ("attributingThe").
    """
    parts: list[str] = []
    glued = False  # the last part written is a change that ends on a letter or mark
    for op, text in word_diff(source, article):
        if op == 0:
            parts.append(isolate(text, lang))
            glued = False
            continue
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        if not core:
            parts.append(isolate(text, lang))
            glued = False
            continue
        tag = "del" if op == -1 else "ins"
        if glued and not lead:
            lead = " "
        parts.append(f"{esc(lead)}<{tag}>{isolate(core, lang)}</{tag}>{esc(trail)}")
        glued = not trail
    return "".join(parts)


def _is_word(tok: str) -> bool:
    return tok[0].isalnum() or tok[0] == "_"


def _marked(text: str, shared: set[str], lang: str) -> str:
    """`text` with each run of words that the other wording has too in `<mark>`, spaces and
    punctuation between them included; a lone short word ("the", "في") is not marked."""
    toks = tokens(text)
    out: list[str] = []
    plain = ""  # unmarked text is isolated in one go, so a Latin run stays one run
    i = 0
    while i < len(toks):
        if not (_is_word(toks[i]) and toks[i].casefold() in shared):
            plain += toks[i]
            i += 1
            continue
        j = end = i
        while j < len(toks) and (not _is_word(toks[j]) or toks[j].casefold() in shared):
            if _is_word(toks[j]):
                end = j + 1
            j += 1
        run = toks[i:end]
        words = [w for w in run if _is_word(w)]
        i = end
        if len(words) < 2 and len(words[0]) < 4:
            plain += "".join(run)
            continue
        out += [isolate(plain, lang), f'<mark class="mq-same">{isolate("".join(run), lang)}</mark>']
        plain = ""
    return "".join(out) + isolate(plain, lang)


def paraphrase_html(source: str, article: str, lang: str, labels: tuple[str, str]) -> str:
    """Both wordings side by side, the statement's first (as in the diff), the words they share in
    `<mark>`; `labels` names the two columns. Shared words are found in any order: a paraphrase
    moves phrases around."""
    words = [{t.casefold() for t in tokens(text) if _is_word(t)} for text in (source, article)]
    shared = words[0] & words[1]
    cols = "".join(
        f'<div class="mq-para-col"><p class="mq-col-label">{esc(label)}</p>'
        f'<p lang="{lang}" dir="{direction(lang)}">{_marked(text, shared, lang)}</p></div>'
        for text, label in ((source, labels[0]), (article, labels[1]))
    )
    return f'<div class="mq-diff mq-paraphrase" lang="{lang}" dir="{direction(lang)}">{cols}</div>'


def diff_block(source: str, article: str, lang: str, labels: tuple[str, str]) -> str:
    """The comparison of two wordings as a block: a word diff, or, for a paraphrase, the two side by side."""
    # A function of its arguments alone: `serve` renders an edited case's claim pages again on
    # every save, and most of their blocks are those of the last save (a tenth of the case's
    # rendering); `remember` seeds them from the page cache as it does the diffs.
    key = (source, article, lang, labels[0], labels[1])
    return _kept(_blocks, _MOST_BLOCKS, _logged_blocks, key, lambda: _block(source, article, lang, labels))


_blocks: dict[tuple[str, str, str, str, str], str] = {}
_MOST_BLOCKS = 1 << 13
_logged_blocks: dict[tuple[str, str, str, str, str], str] | None = None


def _block(source: str, article: str, lang: str, labels: tuple[str, str]) -> str:
    if is_paraphrase(source, article):
        return paraphrase_html(source, article, lang, labels)
    return f'<p class="mq-diff" lang="{lang}" dir="{direction(lang)}">{diff_html(source, article, lang)}</p>'
