"""Loading and validating every data file of a project: the `check` step.

First pass: each file on its own against the schema in `model.py`. Second pass: rules
that span files (duplicate ids, references to issuers, claims and sentences). Every
problem in every file is collected before one `DataError` is raised.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import DataError, Problem, show
from .model import SITE_LANGUAGES, Article, Issuer, Statement, Text
from .yamlfile import Loaded, format_path, load

DATA_DIRS: dict[str, type[Issuer] | type[Statement] | type[Article]] = {
    "issuers": Issuer,
    "statements": Statement,
    "articles": Article,
}
"""Folder of the project → the kind of file it holds (one item per file)."""


@dataclass
class Corpus:
    """Everything the engine and the site need from the data, validated."""

    root: Path
    issuers: dict[str, Issuer] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """Item id (`statement:eu-…`) → the file it came from, relative to the root."""
    digest: str = ""
    """Hash of every data file's bytes: the key of the engine cache."""

    def issuer_chain(self, issuer_id: str) -> list[str]:
        """The issuer and its parents, nearest first (Raab → UK Government)."""
        chain: list[str] = []
        while issuer_id and issuer_id not in chain and issuer_id in self.issuers:
            chain.append(issuer_id)
            issuer_id = self.issuers[issuer_id].parent or ""
        return chain


def data_files(root: Path) -> list[tuple[str, Path]]:
    """Every data file under the project root, in a stable order, with its kind folder."""
    out = []
    for folder in DATA_DIRS:
        base = root / folder
        if base.is_dir():
            out += [(folder, p) for p in sorted(base.glob("*.yaml")) + sorted(base.glob("*.yml"))]
    return out


def load_corpus(root: Path) -> Corpus:
    """Read, validate and cross-check all data under `root`; raise `DataError` on any problem."""
    corpus = Corpus(root=root)
    problems: list[Problem] = []
    sha = hashlib.sha256()
    where: dict[tuple[str, str], tuple[str, Loaded]] = {}
    cases: set[str] = set()
    unreadable: set[str] = set()
    for folder, path in data_files(root):
        display = path.relative_to(root).as_posix()
        sha.update(display.encode() + b"\0" + path.read_bytes() + b"\0")
        loaded = load(path, display)
        problems += loaded.problems
        if not isinstance(loaded.data, dict):
            unreadable.add(folder)
        if loaded.data is None:
            continue
        problems += _references(folder, loaded, display, corpus)
        if folder == "statements" and isinstance(loaded.data, dict) and isinstance(loaded.data.get("case"), str):
            # An invalid statement still names its case: do not blame its articles too.
            cases.add(loaded.data["case"])
        item = _validate(DATA_DIRS[folder], loaded, display, problems)
        if item is None:
            continue
        key = (folder, item.id)
        if key in where:
            first = where[key][0]
            problems.append(Problem(display, loaded.line_of(("id",)), "id",
                                    f"duplicate id {item.id!r} (also in {first})"))
            continue
        where[key] = (display, loaded)
        corpus.files[f"{folder[:-1]}:{item.id}"] = display
        getattr(corpus, folder)[item.id] = item
    corpus.digest = sha.hexdigest()
    problems += _cross_check(corpus, where, cases if "statements" not in unreadable else None)
    if problems:
        raise DataError(problems)
    return corpus


_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be a mapping of keys to values",
    "model_type": "must be a mapping of keys to values",
    "int_type": "must be a whole number",
    "too_short": "must not be empty",
    "string_too_short": "must not be empty",
    "string_too_long": "is too long",
}


def _validate(kind: type[Any], loaded: Loaded, display: str, problems: list[Problem]) -> Any:
    data = loaded.data
    if not isinstance(data, dict):
        problems.append(Problem(display, 1, "", f"file must hold a mapping of fields (got {show(data)})"))
        return None
    try:
        return kind.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            problems.append(Problem(display, loaded.line_of(loc), format_path(loc) or "(file)",
                                    _message(err)))
        return None


def _message(err: Any) -> str:
    kind = err["type"]
    got = err.get("input")
    if kind == "missing":
        return _MESSAGES[kind]
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"must be one of {expected} (got {show(got)})"
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if "a-z0-9" in pattern and "#" in pattern:
            return f"must be statement-id#sentence-id, like eu-declaration#p1-s2 (got {show(got)})"
        if "a-z0-9" in pattern:
            return f"must be lower-case letters, digits and hyphens, like eu-declaration (got {show(got)})"
        if "a-z]{2}" in pattern:
            return f"must be a two-letter language code, like ar or en (got {show(got)})"
        return f"must match {pattern} (got {show(got)})"
    if kind == "value_error":
        return f"{err['msg'].removeprefix('Value error, ')} (got {show(got)})" if not isinstance(
            got, dict) else err["msg"].removeprefix("Value error, ")
    if kind in _MESSAGES:
        return f"{_MESSAGES[kind]} (got {show(got)})"
    return f"{err['msg']} (got {show(got)})"


def _references(folder: str, loaded: Loaded, display: str, corpus: Corpus) -> list[Problem]:
    """Issuer references, read from the raw data so that a file with other mistakes still gets them.

    Issuers are read before statements (see DATA_DIRS), so all known issuers are in `corpus`;
    an issuer's own `parent` is checked after every issuer file has been read.
    """
    data = loaded.data if isinstance(loaded.data, dict) else {}
    refs: list[tuple[tuple[str | int, ...], Any]] = []
    if folder == "statements":
        refs += [(("issuer",), data.get("issuer")), (("speaker",), data.get("speaker"))]
        paragraphs = data.get("paragraphs")
        for pi, para in enumerate(paragraphs if isinstance(paragraphs, list) else []):
            sentences = para.get("sentences") if isinstance(para, dict) else None
            for si, sen in enumerate(sentences if isinstance(sentences, list) else []):
                if isinstance(sen, dict):
                    refs.append((("paragraphs", pi, "sentences", si, "speaker"), sen.get("speaker")))
    return [_unknown_issuer(display, loaded, path, ref, corpus)
            for path, ref in refs if isinstance(ref, str) and ref not in corpus.issuers]


def _unknown_issuer(display: str, loaded: Loaded, path: tuple[str | int, ...], ref: str,
                    corpus: Corpus) -> Problem:
    known = ", ".join(sorted(corpus.issuers)[:8]) + (", …" if len(corpus.issuers) > 8 else "")
    return Problem(display, loaded.line_of(path), format_path(path),
                   f"unknown issuer (got {show(ref)}; known: {known or 'none'})")


def _cross_check(corpus: Corpus, where: dict[tuple[str, str], tuple[str, Loaded]],
                 case_ids: set[str] | None) -> list[Problem]:
    """Rules across files. `case_ids` is None when a statement file could not be read at all."""
    problems: list[Problem] = []
    for issuer in corpus.issuers.values():
        if issuer.parent and issuer.parent not in corpus.issuers:
            display, loaded = where[("issuers", issuer.id)]
            problems.append(_unknown_issuer(display, loaded, ("parent",), issuer.parent, corpus))
        elif issuer.parent and issuer.id in corpus.issuer_chain(issuer.parent):
            display, loaded = where[("issuers", issuer.id)]
            problems.append(Problem(display, loaded.line_of(("parent",)), "parent",
                                    f"parents form a loop through {issuer.id!r}"))
    for st in corpus.statements.values():
        display, loaded = where[("statements", st.id)]
        problems += _translations(st.title, st.language, display, loaded, ("title",))
        seen: dict[str, tuple[str | int, ...]] = {}
        for pi, para in enumerate(st.paragraphs):
            for si, sen in enumerate(para.sentences):
                path: tuple[str | int, ...] = ("paragraphs", pi, "sentences", si)
                if sen.id in seen:
                    problems.append(Problem(display, loaded.line_of((*path, "id")), format_path((*path, "id")),
                                            f"duplicate sentence id {sen.id!r} (first at line "
                                            f"{loaded.line_of((*seen[sen.id], 'id'))})"))
                seen.setdefault(sen.id, path)
                problems += _translations(sen, st.language, display, loaded, path)
    for art in corpus.articles.values():
        display, loaded = where[("articles", art.id)]
        if case_ids is not None and art.case not in case_ids:
            problems.append(Problem(display, loaded.line_of(("case",)), "case",
                                    f"no statement belongs to case {art.case!r} (known: "
                                    f"{', '.join(sorted(case_ids)) or 'none'})"))
        ids: dict[str, tuple[str | int, ...]] = {}
        sentences = [(("headline",), art.headline)] + [
            (("paragraphs", pi, "sentences", si), s)
            for pi, p in enumerate(art.paragraphs) for si, s in enumerate(p.sentences)]
        for path, sen in sentences:
            if sen.id in ids:
                problems.append(Problem(display, loaded.line_of((*path, "id")), format_path((*path, "id")),
                                        f"duplicate sentence id {sen.id!r} (first at line "
                                        f"{loaded.line_of((*ids[sen.id], 'id'))})"))
            ids.setdefault(sen.id, path)
            problems += _translations(sen, art.language, display, loaded, path)
        for oi, ov in enumerate(art.overrides):
            path = ("overrides", oi)
            if ov.claim not in ids:
                problems.append(Problem(display, loaded.line_of((*path, "claim")), format_path((*path, "claim")),
                                        f"no sentence of this article has id {ov.claim!r}"))
            for ei, ref in enumerate(ov.evidence):
                sid, _, sen_id = ref.partition("#")
                st = corpus.statements.get(sid)
                if st is None or sen_id not in {s.id for s in st.sentences()}:
                    what = f"unknown statement {sid!r}" if st is None else f"statement {sid!r} has no sentence {sen_id!r}"
                    problems.append(Problem(display, loaded.line_of((*path, "evidence", ei)),
                                            format_path((*path, "evidence", ei)), what))
    return problems


def _translations(text: Text, file_lang: str, display: str, loaded: Loaded,
                  path: tuple[str | int, ...]) -> list[Problem]:
    original = text.lang or file_lang
    missing = [lang for lang in SITE_LANGUAGES if lang != original and lang not in text.translations]
    return [Problem(display, loaded.line_of((*path, "translations")), format_path((*path, "translations")),
                    f"translation into {lang!r} is missing (the text is in {original!r})") for lang in missing]
