"""`muqabala import statement|article FILE`: a data file from plain text, Markdown or a saved web page.

The text is read into blocks (paragraphs, headings), each paragraph split into sentences
(`sentences.split_rules`), numbered `p<paragraph>-s<sentence>` and written as a draft whose
translations are explicit `EDIT:` placeholders. Importing again over an existing file keeps
every field, and the id, of each sentence whose text did not change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from muqabala.data.model import ID_PATTERN
from muqabala.data.sentences import split_rules
from muqabala.vocabulary import SITE_LANGUAGES

PLACEHOLDER = "EDIT:"
"""What marks a value the editor still has to write; `check` refuses it outside a draft."""

TRANSLATE = {"ar": "EDIT: ترجمة", "en": "EDIT: translation"}
"""The placeholder translation of a sentence, by target language."""

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")
_FINAL = re.compile(r"[.!?؟…:\"'”’»)]$")


@dataclass
class Block:
    """A paragraph of the source, or a heading inside it."""

    text: str
    heading: bool = False


@dataclass
class Source:
    """What was read from the file: its headline, its blocks, and metadata a web page carries."""

    headline: str | None
    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)


def guess_language(text: str) -> str:
    """`ar` when Arabic letters outnumber Latin ones, else `en`."""
    return "ar" if len(_ARABIC.findall(text)) > len(_LATIN.findall(text)) else "en"


def read_source(text: str, name: str = "-") -> Source:
    """Read plain text, Markdown (`.md`) or HTML (`.html`, or text that starts like a page)."""
    head = text.lstrip()[:200].lower()
    if name.lower().endswith((".html", ".htm")) or head.startswith(("<!doctype html", "<html")):
        return _from_html(text)
    if name.lower().endswith((".md", ".markdown")):
        return _from_markdown(text)
    return _from_plain(text)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _headline_first(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """The first block is the headline when it is one short line that does not end like a sentence."""
    if len(blocks) > 1 and len(blocks[0].text) <= 200 and not _FINAL.search(blocks[0].text):
        return blocks[0].text, blocks[1:]
    return None, blocks


def _mark_headings(blocks: list[Block]) -> list[Block]:
    # A short line with no final punctuation between paragraphs is a heading ("Background").
    return [Block(b.text, b.heading or (len(b.text) <= 80 and not _FINAL.search(b.text))) for b in blocks]


def _from_plain(text: str) -> Source:
    headline, rest = _headline_first([Block(p) for p in _paragraphs(text)])
    return Source(headline, _mark_headings(rest))


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _md_inline(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images keep their words
    text = re.sub(r"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1", r"\2", text)
    return text


def _from_markdown(text: str) -> Source:
    headline = None
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(Block(_md_inline(" ".join(" ".join(lines).split()))))
            lines.clear()

    for line in text.splitlines():
        m = _MD_HEADING.match(line)
        if m:
            flush()
            if len(m[1]) == 1 and headline is None and not blocks:
                headline = _md_inline(m[2])
            else:
                blocks.append(Block(_md_inline(m[2]), heading=True))
        elif not line.strip():
            flush()
        else:
            item = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
            if item:
                flush()
                line = item[1]
            lines.append(re.sub(r"^\s*>\s?", "", line))
    flush()
    if headline is None:
        headline, blocks = _headline_first(blocks)
    return Source(headline, blocks)


class _Page(HTMLParser):
    """The readable blocks of a saved web page: headings, paragraphs, list items, quotations."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "div", "section", "article"}
    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "button", "svg", "figure"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._text: list[str] = []
        self._tag = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = a.get("property") or a.get("name") or ""
            if key in ("article:published_time", "og:url", "og:title", "date", "dcterms.date"):
                self.meta.setdefault(key, a.get("content", ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.meta.setdefault("canonical", a.get("href", ""))
        elif tag in self.BLOCKS or tag == "br":
            self._flush()
            self._tag = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append((self._tag or "p", text))
        self._text = []

    def close(self) -> None:
        super().close()
        self._flush()


def _from_html(text: str) -> Source:
    page = _Page()
    page.feed(text)
    page.close()
    headline = next((t for tag, t in page.blocks if tag == "h1"), None)
    blocks = [
        Block(t, heading=tag in ("h2", "h3", "h4", "h5", "h6"))
        for tag, t in page.blocks
        if not (tag == "h1" and t == headline)
    ]
    headline = headline or page.meta.get("og:title") or " ".join(page.title.split()) or None
    meta = {}
    url = page.meta.get("canonical") or page.meta.get("og:url")
    if url:
        meta["url"] = url
    when = next((page.meta[k] for k in ("article:published_time", "dcterms.date", "date") if page.meta.get(k)), "")
    if re.match(r"^\d{4}-\d{2}-\d{2}", when):
        meta["date"] = when[:10]
    return Source(headline, blocks, meta)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _placeholders(language: str) -> dict[str, str]:
    return {lang: TRANSLATE[lang] for lang in SITE_LANGUAGES if lang != language}


@dataclass
class Imported:
    """The file written and what happened to the ids."""

    path: Path
    kept: int
    added: int
    removed: list[str]


class TextImportError(Exception):
    """Why a text cannot be imported (printed as `Error: …`)."""


def _previous(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, ValueError) as e:
        raise TextImportError(
            f"{path.name} exists and cannot be read to keep its ids ({e.__class__.__name__})"
        ) from None
    return data if isinstance(data, dict) else {}


def _old_sentences(old: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Text → sentence item, and every id the old file used (never reused for other words)."""
    by_text: dict[str, dict[str, Any]] = {}
    ids: set[str] = set()
    for para in old.get("paragraphs") or []:
        for sen in (para or {}).get("sentences") or [] if isinstance(para, dict) else []:
            if isinstance(sen, dict) and isinstance(sen.get("text"), str):
                by_text.setdefault(_norm(sen["text"]), sen)
                if isinstance(sen.get("id"), str):
                    ids.add(sen["id"])
    return by_text, ids


def _body(
    source: Source, language: str, old: dict[str, Any], statement: bool
) -> tuple[list[dict[str, Any]], int, int, list[str]]:
    """The paragraphs as data, keeping old sentences (by their text) with their ids and fields."""
    by_text, old_ids = _old_sentences(old)
    taken = set(old_ids)
    paragraphs: list[dict[str, Any]] = []
    kept = added = 0
    used: set[str] = set()
    for pi, block in enumerate(source.blocks, 1):
        pieces = [block.text] if block.heading else split_rules(block.text, language)
        sentences: list[dict[str, Any]] = []
        for si, text in enumerate(pieces, 1):
            previous = by_text.get(_norm(text))
            if previous is not None and previous.get("id") not in used:
                sentences.append(previous)
                used.add(str(previous.get("id")))
                kept += 1
                continue
            sid = f"p{pi}-s{si}"
            suffix = ord("b")
            while sid in taken:
                sid = f"p{pi}-s{si}{chr(suffix)}"
                suffix += 1
            taken.add(sid)
            used.add(sid)
            item: dict[str, Any] = {"id": sid, "text": text, "translations": _placeholders(language)}
            if statement and block.heading:
                item["role"] = "heading"
            elif statement and len(pieces) == 1 and text.endswith(":") and len(text) <= 200:
                item["role"] = "intro"
            sentences.append(item)
            added += 1
        paragraphs.append({"sentences": sentences})
    removed = sorted(old_ids - used)
    return paragraphs, kept, added, removed


def _title(text: str | None, language: str, old: Any) -> dict[str, Any]:
    if isinstance(old, dict) and text is not None and _norm(str(old.get("text", ""))) == _norm(text):
        return old
    return {"text": text or "EDIT: the title exactly as published", "translations": _placeholders(language)}


def _dump(kind: str, data: dict[str, Any], dated: bool) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    if not dated:
        # The day of the import stands in for the day of publication: a placeholder, in a comment
        # that `check` reads (see placeholders.py), because the value itself must stay a valid date.
        text = re.sub(r"^(date: .*)$", r"\1  # EDIT: the day it was published", text, count=1, flags=re.MULTILINE)
    return (
        f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n"
        f"# Imported by `muqabala import {kind}`. Replace every EDIT value and translate each sentence,\n"
        "# then delete `status: draft` and run `muqabala check`. Sentence ids are anchors: never renumber.\n" + text
    )


def import_text(
    root: Path,
    kind: str,
    text: str,
    name: str,
    slug: str,
    options: dict[str, str | None],
    today: date | None = None,
) -> Imported:
    """Write `<kind>s/<slug>.yaml` from `text`; over an existing file, keep unchanged sentences' ids.

    `options` holds the metadata given on the command line (`issuer`, `case`, `date`, `url`,
    `language`, `speaker`); what is missing is taken from the old file, then from the page's
    metadata, else left as an `EDIT` placeholder, and the file is a draft.
    """
    if not re.match(ID_PATTERN, slug):
        raise TextImportError(
            f"--id must be lower-case letters, digits and hyphens, like eu-declaration-2021-07-19 (got {slug!r})"
        )
    source = read_source(text, name)
    if not source.blocks:
        raise TextImportError(f"{name}: no paragraph of text found")
    path = root / f"{kind}s" / f"{slug}.yaml"
    old = _previous(path)
    given = {k: v for k, v in options.items() if v}
    language = given.get("language") or old.get("language") or guess_language(" ".join(b.text for b in source.blocks))
    when = given.get("date") or old.get("date") or source.meta.get("date")
    url = given.get("url") or old.get("url") or source.meta.get("url")
    paragraphs, kept, added, removed = _body(source, language, old, kind == "statement")
    data: dict[str, Any] = {"schema_version": 1, "id": slug}
    if added or not old or old.get("status") == "draft":
        data["status"] = "draft"
    data["case"] = given.get("case") or old.get("case") or "EDIT-case"
    if kind == "statement":
        data["issuer"] = given.get("issuer") or old.get("issuer") or "EDIT-issuer"
        speaker = given.get("speaker") or old.get("speaker")
        if speaker:
            data["speaker"] = speaker
        data["title"] = _title(source.headline, language, old.get("title"))
    else:
        data["outlet"] = old.get("outlet") or {"ar": "EDIT: اسم الوسيلة الناشرة", "en": "EDIT: the outlet's name"}
    data["date"] = str(when or (today or date.today()).isoformat())
    data["url"] = url or "https://example.org/EDIT-the-address-it-was-published-at"
    keep = ("url_note", "archive_url", "no_archive_reason", "outlet_note", "date_note")
    data.update({k: old[k] for k in keep if k in old})
    if kind == "statement" and "archive_url" not in data and "no_archive_reason" not in data:
        data["no_archive_reason"] = {"en": "EDIT: not archived yet", "ar": "EDIT: لم تُؤرشف بعد"}
    data["language"] = language
    if kind == "statement":
        data["completeness"] = old.get("completeness", "complete")
        if "completeness_note" in old:
            data["completeness_note"] = old["completeness_note"]
    data["translator"] = old.get("translator") or "EDIT: translator's name"
    if kind == "article":
        headline = source.headline or "EDIT: the headline exactly as published"
        previous = old.get("headline")
        if isinstance(previous, dict) and _norm(str(previous.get("text", ""))) == _norm(headline):
            data["headline"] = previous
        else:
            data["headline"] = {"id": "headline", "text": headline, "translations": _placeholders(language)}
    data["paragraphs"] = paragraphs
    data.update({k: v for k, v in old.items() if k not in data and k not in ("status",)})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_dump(kind, data, dated=bool(when)), encoding="utf-8")
    return Imported(path, kept, added, removed)
