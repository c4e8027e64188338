"""Folding text for matching: Arabic orthographic variants, digits, case, and light stemming.

Everything here serves retrieval and comparison only. Displayed text is never altered: callers
keep the original and use the offsets that `fold` and `words` return to point back into it.
The folding follows common practice for Arabic search (Lucene's Arabic normaliser, camel-tools):
drop tashkeel and tatweel, merge the hamza forms of alef, alef maqsura with ya, ta marbuta with ha.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Harakat, shadda, sukun and the rarer marks after them (U+064B–U+065F), superscript alef,
# Quranic annotation signs, and tatweel: none changes which word is written.
_DROPPED = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)

_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    # Persian yeh and keheh appear in Arabic text typed on Persian keyboards.
    "ی": "ي",
    "ک": "ك",
    # Separators inside Arabic numerals, so that ٣٠٬٠٠٠ folds like 30,000.
    "٬": ",",
    "٫": ".",
    "٪": "%",
    # Arabic comma, semicolon and question mark separate words as spaces do.
    "،": " ",
    "؛": " ",
    "؟": " ",
}
_LETTERS.update({chr(0x0660 + i): str(i) for i in range(10)})
_LETTERS.update({chr(0x06F0 + i): str(i) for i in range(10)})


def _step(ch: str) -> str:
    if ch in _DROPPED:
        return ""
    if ch in _LETTERS:
        return _LETTERS[ch]
    if ch.isspace():
        return " "
    out = unicodedata.normalize("NFKC", ch).casefold()
    # Latin letters lose their accents (é → e) so that names spelt either way match.
    base = unicodedata.normalize("NFD", out)
    if base[:1].isascii() and base[:1].isalpha():
        out = "".join(c for c in base if not unicodedata.combining(c))
    return out


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    # NFKC and casefolding can each produce characters the other would change again
    # (presentation forms, ligatures); iterate to a fixed point so folding is idempotent.
    out = ch
    for _ in range(6):
        nxt = "".join(_step(c) for c in out)
        if nxt == out:
            break
        out = nxt
    return out


@lru_cache(maxsize=8192)
def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset of the original it came from.

    Runs of whitespace become one space and the ends are trimmed, so offsets are the only
    safe way back to the original text. Cached (the offsets are shared: read them, never change
    them): the engine folds each sentence several times, for entities, words and phrases.
    """
    chars: list[str] = []
    origin: list[int] = []
    spaced = True  # no character yet, or a space last: a space is dropped
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        for c in folded if len(folded) != 1 else (folded,):
            if c == " ":
                if spaced:
                    continue
                spaced = True
            else:
                spaced = False
            chars.append(c)
            origin.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def normalize_ar(text: str) -> str:
    """Arabic text folded for matching: `أُعلِنَ` → `اعلن`, `٣٠٬٠٠٠` → `30,000`; idempotent."""
    return fold(text)[0]


def normalize(text: str, lang: str) -> str:
    """Text of any language folded for matching.

    One folding serves every language: it only touches Arabic letters, digits, case and Latin
    accents, so a Latin name inside Arabic text and an Arabic word inside English fold alike.
    `lang` is accepted so that callers need not know that.
    """
    del lang
    return fold(text)[0]


ARABIC_PREFIXES: tuple[str, ...] = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل")
"""Attached conjunctions, prepositions and the article, longest first (already folded)."""

ARABIC_SUFFIXES: tuple[str, ...] = ("يه", "ات", "ون", "ين", "ها", "هم", "ه", "ي")
"""Plural, feminine, nisba and pronoun endings, longest first (already folded): `الصينية` → `صين`."""

ARABIC_STOP: frozenset[str] = frozenset(
    normalize_ar(w)
    for w in "في من على إلى عن أن إن أو ثم قد لا ما لم لن مع هذا هذه ذلك تلك الذي التي الذين كان كانت "
    "بين كما حتى بعد قبل عند منذ أي كل هو هي هم أنه أنها إنه أيضا و ف ب ل".split()
)
"""Function words that carry no topic, folded."""

ENGLISH_STOP: frozenset[str] = frozenset(
    "a an the and or but of to in on at by for from with as is are was were be been being it its "
    "this that these those which who whom whose has have had do does did not no so than then there "
    "their they them we our us he she his her i you your will would can could may might must shall "
    "should also into out up about over after before such any all some more most other very".split()
)
"""Function words that carry no topic."""

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def _stem_ar(word: str) -> str:
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_LATIN_ENDINGS: tuple[str, ...] = ("ing", "ed", "er", "ly")
"""Verb and agent endings dropped after plurals (`hackers` → `hack`, `exploited` → `exploit`)."""


def _stem_latin(word: str) -> str:
    if len(word) > 4 and word.endswith(("ies", "ied")):
        # `denies` and `denied` both go back to `deny`, as `-ed` and `-s` do elsewhere.
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in _LATIN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A folded word reduced to a light stem: attached Arabic particles and plural endings dropped
    (a pure function of the word, kept for the words of the whole lexicon and archive)."""
    if _ARABIC_LETTER.search(word):
        return _stem_ar(word)
    return _stem_latin(word)


@dataclass(frozen=True)
class Word:
    """One word of a text: its folded form, its stem, and where it stands in the original."""

    folded: str
    """The word folded by `fold` (no stemming)."""
    stem: str
    """The light stem used as an index term."""
    start: int
    """Offset of its first character in the original text."""
    end: int
    """Offset after its last character in the original text."""

    @property
    def is_stop(self) -> bool:
        """Whether the word is a function word in either language."""
        return self.folded in ENGLISH_STOP or self.folded in ARABIC_STOP


WORDS_CACHE = 1 << 14
"""Texts whose words are kept: a sentence is split by the aligner's entity, figure and term
passes and by the rules in quick succession, so a window of recent texts is enough."""


def words(text: str) -> list[Word]:
    """Every word and number of `text`, with offsets into the original; function words included."""
    return list(_words(text))


@lru_cache(maxsize=WORDS_CACHE)
def _words(text: str) -> tuple[Word, ...]:
    folded, origin = fold(text)
    out = []
    for m in _WORD.finditer(folded):
        w = m.group()
        if w[0].isdigit() and not w[0].isdecimal():
            # Digit signs outside the decimal system (Kharoshthi ‹𐩀›) are neither numbers nor words.
            continue
        if w[0].isdigit():
            term = w.replace(",", "")
        else:
            term = stem(w)
        out.append(Word(w, term, origin[m.start()], origin[m.end() - 1] + 1))
    return tuple(out)


def tokens(text: str, lang: str) -> list[str]:
    """Index terms of `text`: folded, light-stemmed, without function words.

    Numbers keep their digits as one term (`30,000` → `30000`). Arabic words lose an attached
    `و ف ب ل ال وال بال لل كال` and common endings when three letters remain; English words
    lose plural endings. Stemming is for recall only: it never decides whether texts agree.
    """
    del lang  # the script of each word decides how it is stemmed
    # A lone Latin letter is the `s` of a possessive or an initial: no topic either way.
    return [w.stem for w in words(text) if not w.is_stop and not (len(w.stem) == 1 and w.stem.isascii())]
