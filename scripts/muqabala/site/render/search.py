"""Arabic search that folds what readers type: the index side (the query side is a small script).

Material's search matches each word the reader types as a prefix of the indexed words, with no
language pipeline in between (every term gets a trailing wildcard, and lunr skips its pipeline
for wildcard terms; the site's config also runs none at index time). So a reader who types
`اراضي` would miss `أراضي`, and `اختراق` would miss `الاختراق`. The build therefore adds a third
field, `folded`, to every document of the index: its title and text with diacritics and tatweel
removed, the hamza forms of alef (أ إ آ ٱ) made ا, ؤ و, ئ ي, ة ه, ى ي, and each word that carries
attached prefixes (و ف, then ب ك ل, then ال; لل) given twice, as written and without them, when
three letters or more remain (`والاختراق` → `والاختراق اختراق`). Titles and texts keep their
letters (result previews read as written, only without diacritics).

`overrides/assets/javascripts/muqabala-search.js` folds the query before Material's worker reads
it: the same letters, and only the prefixes that contain the article (ال، وال، بال، لل…), since a
bare و or ب may belong to the word itself (`وزارة`, `بيان`), which the index keeps as written. A
test keeps the script's rules equal to these.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

# Harakat and tanween, shadda, sukun and the marks after them, superscript alef, Quranic
# annotation marks, and tatweel. The same class is in muqabala-search.js: keep them equal.
SEARCH_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")

LETTERS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي"}
"""Letters a reader may type either way, folded to one (the same table is in the script)."""

PREFIX = re.compile("^(?:[وف]?(?:[بك]?ال|لل|[بكل])|[وف])(?=[\u0621-\u064a]{3})")
"""Attached prefixes the index also gives each word without, when three letters or more remain."""

QUERY_PREFIX = re.compile("^[وف]?(?:[بك]?ال|لل)(?=[\u0621-\u064a]{3})")
"""The prefixes taken off a typed word: those with the article only (the same in the script)."""

FOLDED_FIELD = "folded"
_WORD = re.compile("[\u0621-\u064a]+")


def fold_for_search(text: str) -> str:
    """`text` without Arabic diacritics and tatweel."""
    return SEARCH_MARKS.sub("", text)


def _letters(text: str) -> str:
    return "".join(LETTERS.get(c, c) for c in fold_for_search(text))


def _both(word: str) -> str:
    bare = PREFIX.sub("", word)
    return word if bare == word else f"{word} {bare}"


def fold_words(text: str) -> str:
    """`text` as the index's `folded` field holds it: letters folded, and every word with attached
    prefixes followed by the same word without them."""
    return _WORD.sub(lambda m: _both(m.group()), _letters(text))


def fold_query(text: str) -> str:
    """A typed query as the script sends it to the search worker (`muqabalaFold`)."""
    return _WORD.sub(lambda m: QUERY_PREFIX.sub("", m.group()), _letters(text))


def fold_index(data: dict[str, Any]) -> None:
    """Fold a search index's data in place: titles and texts without diacritics, plus the
    `folded` field and its entry in the index's config."""
    for doc in data.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = fold_for_search(doc[key])
        doc[FOLDED_FIELD] = fold_words(f"{doc.get('title', '')} {doc.get('text', '')}")
    config = data.setdefault("config", {})
    fields = config.setdefault("fields", {"title": {"boost": 1000.0}, "text": {"boost": 1.0}})
    fields.setdefault(FOLDED_FIELD, {"boost": 1.0})


def normalise_search_index(path: Path) -> bool:
    """Fold a built `search_index.json` in place (see `fold_index`); True when it changed."""
    raw = path.read_text(encoding="utf-8")
    data = json.loads(raw)
    fold_index(data)
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if out == raw:
        return False
    path.write_text(out, encoding="utf-8")
    return True
