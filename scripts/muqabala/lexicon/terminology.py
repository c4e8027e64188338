"""The terminology check: statement translations render each glossary term the preferred way.

`lexicon/glossary.yaml` is the one source of preferred renderings (each term's `accepted`, the
preferred one first). A statement sentence whose English uses a term, and whose Arabic
translation uses none of its accepted renderings, gets a warning in the usual shape
(`file:line: key.path: rule`); `muqabala check` prints them and still succeeds, since a
translator may have good reason for another wording in one sentence.
"""

from __future__ import annotations

from muqabala.data.corpus import Corpus
from muqabala.data.errors import Problem
from muqabala.data.yamlfile import format_path, load
from muqabala.lexicon.phrases import Lexicon, find


def terminology_warnings(corpus: Corpus, lexicon: Lexicon) -> list[Problem]:
    """A warning per statement sentence whose Arabic translation renders a glossary term otherwise."""
    out: list[Problem] = []
    for sid, st in sorted(corpus.statements.items()):
        if st.status == "draft":
            continue  # placeholders are still being filled in; `check` lists the draft itself
        display = corpus.files.get(f"statement:{sid}", "")
        found: list[tuple[tuple[str | int, ...], str, list[str]]] = []
        for pi, para in enumerate(st.paragraphs):
            for si, sen in enumerate(para.sentences):
                original = sen.lang or st.language
                en = sen.text if original == "en" else sen.translations.get("en", "")
                ar = sen.translations.get("ar") if original != "ar" else None
                if not en or not ar:
                    continue
                for term in lexicon.glossary.terms:
                    if find(term.source, en) and not find(term.accepted, ar):
                        where: tuple[str | int, ...] = ("paragraphs", pi, "sentences", si, "translations", "ar")
                        found.append((where, term.term, term.accepted))
        if not found:
            continue
        loaded = load(corpus.root / display, display)
        for path, name, accepted in found:
            out.append(
                Problem(
                    display,
                    loaded.line_of(path),
                    format_path(path),
                    f"renders the glossary term {name!r} otherwise: use {_shown(accepted[0])}"
                    + (f" (or {', '.join(_shown(a) for a in accepted[1:3])})" if len(accepted) > 1 else "")
                    + " (lexicon/glossary.yaml)",
                )
            )
    return sorted(out)


def _shown(phrase: str) -> str:
    """A glossary phrase as a translator reads it: without the syntax's wildcards."""
    return phrase.replace("*", "…").replace(" ... ", " … ")
