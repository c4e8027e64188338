"""Arabic search without diacritics: the index side of the fix (the query side is a small script).

Material's search matches each word the reader types as a prefix of the indexed words, with no
language pipeline in between (every term gets a trailing wildcard, and lunr skips its pipeline
for wildcard terms; the site's config also runs none at index time). So `بيانًا` would not find
`بيانا`, nor the reverse. The build strips the same marks from the index that
`overrides/assets/javascripts/muqabala-search.js` strips from the query; pages keep their text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# Harakat and tanween, shadda, sukun and the marks after them, superscript alef, Quranic
# annotation marks, and tatweel. The same class is in muqabala-search.js: keep them equal.
SEARCH_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")


def fold_for_search(text: str) -> str:
    """`text` without Arabic diacritics and tatweel."""
    return SEARCH_MARKS.sub("", text)


def normalise_search_index(path: Path) -> bool:
    """Fold the titles and texts of a built `search_index.json` in place; True when it changed."""
    raw = path.read_text(encoding="utf-8")
    data = json.loads(raw)
    for doc in data.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = fold_for_search(doc[key])
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if out == raw:
        return False
    path.write_text(out, encoding="utf-8")
    return True
