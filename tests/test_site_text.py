"""The built site's prose, read as an editor would: no Arabic run in English prose without its
language, no Latin word in the Arabic pages' generated prose but names and codes.

English pages: every Arabic-script run outside code must sit in an element marked `lang="ar"`
(the hand-written pages and the glossary give its English rendering beside it; the templates
never put Arabic in English prose). Arabic pages: the generated prose (verdicts, rationales,
explanations, summaries, evidence headings) may hold Latin script only in a quotation marked
with its language, an id or code, or one of the names below.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ARABIC_RUN = re.compile(r"[\u0600-\u06ff]+(?:[\s\u060c]+[\u0600-\u06ff]+)*")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'.-]*")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED_TAGS = {"script", "style", "code", "pre", "svg", "title", "kbd"}
SKIPPED_CLASSES = {"mq-id", "mq-reason"}
GENERATED = {"mq-disc", "mq-rationale", "mq-tip", "mq-summary", "mq-ev-head"}

NAMES = {
    # Products, operations and groups, written in Latin script in Arabic reporting too.
    "Microsoft", "Exchange", "SolarWinds", "NotPetya", "HAFNIUM", "APT31", "APT40", "APT28", "APT29",
    "GRU", "SVR", "NCSC", "GCHQ", "OPCW", "MkDocs", "Material", "JSON", "YAML",
    # Outlets whose Arabic name is their Latin one.
    "alnaharnews.uk", "ksaplayers.com", "PA",
}  # fmt: skip
"""Names and codes allowed in Arabic generated prose."""


class _Text(HTMLParser):
    """Every text node with the language in force and whether it is generated prose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool, bool]] = []
        self.nodes: list[tuple[str | None, bool, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        up = self.stack[-1] if self.stack else ("", None, False, False)
        skip = up[2] or tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES) or "md-search" in (a.get("class") or "")
        self.stack.append((tag, a.get("lang") or up[1], skip, up[3] or bool(classes & GENERATED)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and tag not in VOID:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and not self.stack[-1][2] and not data.strip().startswith("http"):
            self.nodes.append((self.stack[-1][1], self.stack[-1][3], data))


def _nodes(path: Path) -> list[tuple[str | None, bool, str]]:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.nodes


@pytest.fixture(scope="module")
def site(exchange_site: Path) -> Path:
    return exchange_site


def test_no_arabic_run_in_english_prose_without_its_language(site: Path) -> None:
    bare = [
        f"{page.relative_to(site)}: {m.group()[:40]}"
        for page in sorted((site / "en").rglob("*.html"))
        for lang, _, text in _nodes(page)
        if (lang or "en").startswith("en")
        for m in ARABIC_RUN.finditer(text)
    ]
    assert not bare, bare[:20]


def test_no_latin_word_in_arabic_generated_prose_but_names_and_codes(site: Path) -> None:
    latin = sorted(
        {
            f"{page.relative_to(site)}: {w}"
            for page in sorted((site / "ar").rglob("*.html"))
            for lang, generated, text in _nodes(page)
            if generated and (lang or "ar") == "ar"
            for w in LATIN_WORD.findall(text)
            if w not in NAMES
        }
    )
    assert not latin, latin[:20]
