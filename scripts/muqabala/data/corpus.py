"""Loading and validating every data file of a project: the `check` step.

First pass: each file on its own against the schema in `model.py`. Second pass: rules
that span files (duplicate ids, references to issuers, claims and sentences). Every
problem in every file is collected before one `DataError` is raised.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from muqabala.data import parallel, versions
from muqabala.data.catalog import did_you_mean
from muqabala.data.errors import DataError, Problem, show
from muqabala.data.files import data_files, digest_file
from muqabala.data.messages import message
from muqabala.data.model import ID_PATTERN, Article, Issuer, Paragraph, Statement, Text
from muqabala.data.placeholders import is_draft, placeholders
from muqabala.data.yamlfile import Loaded, format_path, load
from muqabala.vocabulary import SITE_LANGUAGES

M = TypeVar("M", bound=BaseModel)

FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.yaml")
"""A data file's name: its item's id, then `.yaml`."""

DATA_DIRS: dict[str, type[Issuer] | type[Statement] | type[Article]] = {
    "issuers": Issuer,
    "statements": Statement,
    "articles": Article,
}
"""Folder of the project → the kind of file it holds (one item per file)."""


@dataclass(frozen=True)
class Case:
    """One case: the statements filed under it and the articles checked against them.

    The unit of collation, caching, parallel work, rendering and navigation: a case's results
    depend only on its own files, the issuers, the lexicon and the code.
    """

    id: str
    statements: dict[str, Statement]
    """Its statements by id, in id order."""
    articles: dict[str, Article]
    """Its articles by id, in id order."""
    digest: str
    """Hash of its statement and article files' bytes (empty for a corpus built in memory)."""


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
    file_digests: dict[str, str] = field(default_factory=dict)
    """Data file (relative to the root) → hash of its bytes as read."""
    drafts: list[str] = field(default_factory=list)
    """Files marked `status: draft` (relative to the root): checked against the schema only, never published."""

    @cached_property
    def cases(self) -> dict[str, Case]:
        """Every case with a statement, by id in id order (an article's case must have one: `check`)."""
        statements: dict[str, dict[str, Statement]] = {}
        articles: dict[str, dict[str, Article]] = {}
        for sid, st in sorted(self.statements.items()):
            statements.setdefault(st.case, {})[sid] = st
        for aid, art in sorted(self.articles.items()):
            articles.setdefault(art.case, {})[aid] = art
        out = {}
        for cid in sorted(statements):
            files = [self.files.get(f"statement:{sid}", "") for sid in statements[cid]]
            files += [self.files.get(f"article:{aid}", "") for aid in articles.get(cid, {})]
            sha = hashlib.sha256()
            for display in files:
                sha.update(display.encode() + b"\0" + self.file_digests.get(display, "").encode() + b"\0")
            out[cid] = Case(cid, statements[cid], articles.get(cid, {}), sha.hexdigest() if self.file_digests else "")
        return out

    def issuer_chain(self, issuer_id: str) -> list[str]:
        """The issuer and its parents, nearest first (Raab → UK Government)."""
        chain: list[str] = []
        while issuer_id and issuer_id not in chain and issuer_id in self.issuers:
            chain.append(issuer_id)
            issuer_id = self.issuers[issuer_id].parent or ""
        return chain


def _stray_files(root: Path) -> list[Problem]:
    """Data that would be skipped without a word: `st.YAML`, or a subfolder holding YAML files.

    Backups such as `st.yaml~` are left alone: losing them loses nothing.
    """
    read = {path for _, path in data_files(root)}
    problems = []
    for folder in DATA_DIRS:
        base = root / folder
        for path in sorted(base.iterdir()) if base.is_dir() else []:
            if path in read or path.name.startswith("."):
                continue
            display = path.relative_to(root).as_posix()
            if path.is_dir():
                if any(p.suffix.lower() in (".yaml", ".yml") for p in path.rglob("*")):
                    problems.append(
                        Problem(
                            display,
                            1,
                            "",
                            f"not read: folders inside {folder}/ are skipped; move the files up into {folder}/",
                        )
                    )
            elif path.suffix.lower() in (".yaml", ".yml"):
                problems.append(
                    Problem(
                        display,
                        1,
                        "",
                        f"not read: a data file's name must end in .yaml (rename it, or move it out of {folder}/)",
                    )
                )
    return problems


class LoadCache:
    """The files `load_corpus` read last time, parsed, by name and hash of their bytes: a
    long-lived process (`muqabala serve`) passes the same cache to every load and parses only
    the files that changed. It holds one corpus's files at a time."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str, str], Loaded] = {}
        self.placeholders: dict[tuple[str, str, str], list[Problem]] = {}
        """The placeholders found in each file of `entries` (they follow from its bytes alone)."""


PARALLEL_FILES = 500
"""Fewer files to read than this are read in this process alone: forking would cost more than it saves."""

MAIN_SHARE = 0.8
"""The share of the files this process reads itself, relative to each forked worker's: it also takes
in the workers' results (unpickling an item costs about a quarter of reading its file)."""

FILES_PER_SHARE = 200
"""Files per share sent to a worker: each share's results come back while the others are read."""


@dataclass
class _Read:
    """What one data file gives on its own, whatever the other files hold: computed for many files
    at once by `_read_all`, taken in by `load_corpus` in the files' order."""

    loaded: Loaded
    placeholders: list[Problem] | None
    """Its placeholders, for a file that is not a draft."""
    item: Any
    invalid: list[Problem]
    """Why its item does not validate."""


def _read(folder: str, path: Path, display: str, root: Path) -> _Read:
    loaded = load(path, display, root)
    data = loaded.data
    if loaded.problems and data is None:
        return _Read(loaded, None, None, [])
    found = None
    if folder == "issuers" or not is_draft(data):
        found = placeholders(loaded, path.read_text(encoding="utf-8", errors="replace"), display)
    invalid: list[Problem] = []
    item = _validate(DATA_DIRS[folder], loaded, display, invalid)
    return _Read(loaded, found, item, invalid)


def _read_share(root: Path, share: list[tuple[str, Path, str]]) -> list[tuple[str, _Read]]:
    return [(display, _read(folder, path, display, root)) for folder, path, display in share]


def _read_all(root: Path, todo: list[tuple[str, Path, str]], jobs: int | None) -> dict[str, _Read]:
    """`_read` of many files, by their display names, shared between this process and forked
    workers; empty when they are too few (`PARALLEL_FILES`) or forking is not safe here, and then
    `load_corpus` reads each file in its turn."""
    if jobs is None and len(todo) < PARALLEL_FILES:
        return {}
    procs = parallel.workers(len(todo), jobs)
    if procs < 2:
        return {}
    mine = round(len(todo) * MAIN_SHARE / (MAIN_SHARE + procs - 1))
    rest = todo[mine:]
    theirs = [rest[i : i + FILES_PER_SHARE] for i in range(0, len(rest), FILES_PER_SHARE)]
    own, results = parallel.map_beside(_read_share, root, todo[:mine], theirs, procs - 1)
    return dict(own + [r for part in results for r in part])


def load_corpus(root: Path, cache: LoadCache | None = None, jobs: int | None = None) -> Corpus:
    """Read, validate and cross-check all data under `root`; raise `DataError` on any problem.

    With `cache`, a file whose bytes are those read last time is not parsed again. Many files are
    read by forked workers beside this process (`jobs`: see `parallel.workers`); the corpus and
    the problems are the same, in the same order, whatever their number."""
    corpus = Corpus(root=root)
    parsed: dict[tuple[str, str, str], Loaded] = {}
    scanned: dict[tuple[str, str, str], list[Problem]] = {}
    problems: list[Problem] = []
    sha = hashlib.sha256()
    where: dict[tuple[str, str], tuple[str, Loaded]] = {}
    cases: set[str] = set()
    unreadable: set[str] = set()
    # Every id a file gives, even a file with other mistakes: a reference to it is not
    # reported again as unknown, since the file's own problems already are.
    named: dict[str, set[str]] = {folder: set() for folder in DATA_DIRS}
    files = [(folder, path, path.relative_to(root).as_posix()) for folder, path in data_files(root)]
    for _, path, display in files:
        corpus.file_digests[display] = digest_file(sha, path, display, root)
    ready = _read_all(
        root,
        [f for f in files if cache is None or (str(root), f[2], corpus.file_digests[f[2]]) not in cache.entries],
        jobs,
    )
    for folder, path, display in files:
        pre = ready.get(display)
        if not FILE_NAME.fullmatch(path.name):
            problems.append(
                Problem(
                    display,
                    1,
                    "",
                    "file name must be the id of its item and .yaml: lower-case ASCII letters, digits "
                    f"and hyphens, like eu-declaration-2021-07-19.yaml (got {show(path.name)})",
                )
            )
        entry = (str(root), display, corpus.file_digests[display])
        loaded = cache.entries.get(entry) if cache is not None else None
        if loaded is None:
            loaded = pre.loaded if pre is not None else load(path, display, root)
        # Only a file read cleanly is kept: one outside the project or unreadable hashes as empty.
        if not loaded.problems and loaded.data is not None:
            parsed[entry] = loaded
        problems += loaded.problems
        data = loaded.data
        if not isinstance(data, dict) or (folder == "statements" and not isinstance(data.get("case"), str)):
            unreadable.add(folder)
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            named[folder].add(data["id"])
        if loaded.problems and data is None:
            continue
        if folder != "issuers" and is_draft(data):
            # A draft may hold placeholders and lack translations; only its shape is checked.
            if pre is not None:
                problems += pre.invalid
            if (pre.item if pre is not None else _validate(DATA_DIRS[folder], loaded, display, problems)) is not None:
                corpus.drafts.append(display)
            continue
        found = cache.placeholders.get(entry) if cache is not None and entry in parsed else None
        if found is None and pre is not None:
            found = pre.placeholders
        if found is None:
            found = placeholders(loaded, path.read_text(encoding="utf-8", errors="replace"), display)
        if entry in parsed:
            scanned[entry] = found
        problems += found
        problems += _references(folder, loaded, display, named["issuers"])
        if folder == "statements" and isinstance(data, dict) and isinstance(data.get("case"), str):
            # An invalid statement still names its case: do not blame its articles too.
            cases.add(data["case"])
        if pre is not None:
            problems += pre.invalid
        item = pre.item if pre is not None else _validate(DATA_DIRS[folder], loaded, display, problems)
        if item is None:
            continue
        key = (folder, item.id)
        if FILE_NAME.fullmatch(path.name) and item.id != path.stem:
            # Pages, links and "Edit this page" go from the id to the file: they must agree.
            problems.append(
                Problem(
                    display,
                    loaded.line_of(("id",)),
                    "id",
                    f"must be the file name without .yaml, {path.stem!r}; rename the file or "
                    f"change the id (got {show(item.id)})",
                )
            )
            continue
        if key in where:
            first = where[key][0]
            problems.append(
                Problem(display, loaded.line_of(("id",)), "id", f"duplicate id {item.id!r} (also in {first})")
            )
            continue
        where[key] = (display, loaded)
        corpus.files[f"{folder[:-1]}:{item.id}"] = display
        getattr(corpus, folder)[item.id] = item
    corpus.digest = sha.hexdigest()
    if cache is not None:
        cache.entries = parsed
        cache.placeholders = scanned
    problems += _stray_files(root)
    problems += _cross_check(corpus, where, cases if "statements" not in unreadable else None, named)
    if problems:
        raise DataError(problems)
    return corpus


def read_model(
    path: Path,
    kind: type[M],
    display: str | None = None,
    rules: Callable[[M, Callable[[tuple[str | int, ...]], int], str], list[Problem]] | None = None,
) -> M:
    """Read one YAML file of any kind (lexicon, gold file…) into `kind`, with the same checks and
    error wording as the data files; raise `DataError` listing every problem.

    `rules(item, line_of, display)` adds the problems a schema cannot see (across entries).
    """
    display = display or path.as_posix()
    if not path.exists() and not path.is_symlink():
        raise DataError([Problem(display, 1, "", "file is missing")])
    # A lexicon file lives in <project>/lexicon/, a gold file in <project>/tests/gold/.
    loaded = load(path, display, path.absolute().parent.parent)
    problems: list[Problem] = list(loaded.problems)
    item = _validate(kind, loaded, display, problems) if loaded.data is not None else None
    if item is not None and rules is not None:
        problems += rules(item, loaded.line_of, display)
    if problems or item is None:
        raise DataError(problems or [Problem(display, 1, "", "file is empty")])
    return item  # type: ignore[no-any-return]


def _validate(kind: type[Any], loaded: Loaded, display: str, problems: list[Problem]) -> Any:
    data = loaded.data
    if not isinstance(data, dict):
        problems.append(Problem(display, 1, "", f"file must hold a mapping of fields (got {show(data)})"))
        return None
    try:
        return kind.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            # A bad dictionary key is reported at the key, not at a pseudo-field `[key]`.
            loc = tuple(part for part in err["loc"] if part != "[key]")
            problems.append(Problem(display, loaded.line_of(loc), format_path(loc) or "(file)", message(err, kind)))
        return None


def _references(folder: str, loaded: Loaded, display: str, issuers: set[str]) -> list[Problem]:
    """Issuer references, read from the raw data so that a file with other mistakes still gets them.

    Issuers are read before statements (see DATA_DIRS), so all known issuers are in `issuers`;
    an issuer's own `parent` is checked after every issuer file has been read.
    """
    data = loaded.data if isinstance(loaded.data, dict) else {}
    refs: list[tuple[tuple[str | int, ...], Any]] = []
    if folder == "statements":
        refs += [(("issuer",), data.get("issuer")), *_speakers(("speaker",), data.get("speaker"))]
        refs += _speakers(("joined_by",), data.get("joined_by"))
        olds = data.get("versions")
        texts: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
        texts += [(("versions", vi), v) for vi, v in enumerate(olds if isinstance(olds, list) else [])]
        for at, holder in texts:
            paragraphs = holder.get("paragraphs") if isinstance(holder, dict) else None
            for pi, para in enumerate(paragraphs if isinstance(paragraphs, list) else []):
                sentences = para.get("sentences") if isinstance(para, dict) else None
                for si, sen in enumerate(sentences if isinstance(sentences, list) else []):
                    if isinstance(sen, dict):
                        path = (*at, "paragraphs", pi, "sentences", si, "speaker")
                        refs += _speakers(path, sen.get("speaker"))
    return [
        _unknown_issuer(display, loaded, path, ref, issuers)
        for path, ref in refs
        # A reference that is not even a well-formed id gets the schema's message instead.
        if isinstance(ref, str) and ref not in issuers and re.match(ID_PATTERN, ref)
    ]


def _speakers(path: tuple[str | int, ...], value: Any) -> list[tuple[tuple[str | int, ...], Any]]:
    """A `speaker` reference, or each of a list of them."""
    if isinstance(value, list):
        return [((*path, i), v) for i, v in enumerate(value)]
    return [(path, value)]


def _unknown_issuer(display: str, loaded: Loaded, path: tuple[str | int, ...], ref: str, issuers: set[str]) -> Problem:
    return Problem(
        display,
        loaded.line_of(path),
        format_path(path),
        f"unknown issuer (got {show(ref)}); {did_you_mean(ref, issuers, 'issuers')}",
    )


def _cross_check(
    corpus: Corpus,
    where: dict[tuple[str, str], tuple[str, Loaded]],
    case_ids: set[str] | None,
    named: dict[str, set[str]],
) -> list[Problem]:
    """Rules across files. `case_ids` is None when a statement's case could not be read.

    `named` holds the ids that files give, valid or not: a reference to an invalid file is
    not reported again.
    """
    problems: list[Problem] = []
    for issuer in corpus.issuers.values():
        if issuer.parent and issuer.parent not in named["issuers"]:
            display, loaded = where[("issuers", issuer.id)]
            problems.append(_unknown_issuer(display, loaded, ("parent",), issuer.parent, named["issuers"]))
        elif issuer.parent and issuer.id in corpus.issuer_chain(issuer.parent):
            display, loaded = where[("issuers", issuer.id)]
            problems.append(
                Problem(display, loaded.line_of(("parent",)), "parent", f"parents form a loop through {issuer.id!r}")
            )
    for st in corpus.statements.values():
        display, loaded = where[("statements", st.id)]
        problems += _translations(st.title, st.language, display, loaded, ("title",))
        problems += versions.problems(st, display, loaded)
        texts: list[tuple[tuple[str | int, ...], list[Paragraph]]] = [((), st.paragraphs)]
        texts += [(("versions", vi), v.paragraphs) for vi, v in enumerate(st.versions) if v.paragraphs]
        for at, paragraphs in texts:
            problems += _sentences(st, paragraphs, at, display, loaded)
    for art in corpus.articles.values():
        display, loaded = where[("articles", art.id)]
        if case_ids is not None and art.case not in case_ids:
            problems.append(
                Problem(
                    display,
                    loaded.line_of(("case",)),
                    "case",
                    f"no statement belongs to case {art.case!r}; {did_you_mean(art.case, case_ids, 'cases')}",
                )
            )
        ids: dict[str, tuple[str | int, ...]] = {}
        sentences: list[tuple[tuple[str | int, ...], Any]] = [(("headline",), art.headline)] + [
            (("paragraphs", pi, "sentences", si), s)
            for pi, p in enumerate(art.paragraphs)
            for si, s in enumerate(p.sentences)
        ]
        for path, claim in sentences:
            if claim.id in ids:
                problems.append(
                    Problem(
                        display,
                        loaded.line_of((*path, "id")),
                        format_path((*path, "id")),
                        f"duplicate sentence id {claim.id!r} (first at line {loaded.line_of((*ids[claim.id], 'id'))})",
                    )
                )
            ids.setdefault(claim.id, path)
            problems += _translations(claim, art.language, display, loaded, path)
        decided: dict[str, int] = {}
        for oi, ov in enumerate(art.overrides):
            path = ("overrides", oi)
            if ov.claim in decided:
                # The report keeps one decision per claim: a second would be dropped without a word.
                problems.append(
                    Problem(
                        display,
                        loaded.line_of((*path, "claim")),
                        format_path((*path, "claim")),
                        f"claim {ov.claim!r} already has an override (at line {decided[ov.claim]}); "
                        "keep one decision per claim",
                    )
                )
            decided.setdefault(ov.claim, loaded.line_of((*path, "claim")))
            if ov.claim not in ids:
                problems.append(
                    Problem(
                        display,
                        loaded.line_of((*path, "claim")),
                        format_path((*path, "claim")),
                        f"no sentence of this article has id {ov.claim!r}",
                    )
                )
            for ei, ref in enumerate(ov.evidence):
                sid, _, sen_id = ref.partition("#")
                target = corpus.statements.get(sid)
                if target is None and sid in named["statements"]:
                    continue
                if target is None or sen_id not in {s.id for s in target.sentences()}:
                    what = (
                        f"unknown statement {sid!r}"
                        if target is None
                        else f"statement {sid!r} has no sentence {sen_id!r}"
                    )
                    problems.append(
                        Problem(
                            display, loaded.line_of((*path, "evidence", ei)), format_path((*path, "evidence", ei)), what
                        )
                    )
                elif target.case != art.case:
                    # Cases are collated, cached and rendered apart: evidence from another case
                    # would be dropped, or go stale when that case changes.
                    problems.append(
                        Problem(
                            display,
                            loaded.line_of((*path, "evidence", ei)),
                            format_path((*path, "evidence", ei)),
                            f"statement {sid!r} belongs to case {target.case!r}, not to this "
                            f"article's case {art.case!r}",
                        )
                    )
    return problems


def _sentences(
    st: Statement, paragraphs: list[Paragraph], at: tuple[str | int, ...], display: str, loaded: Loaded
) -> list[Problem]:
    """Duplicate sentence ids and missing translations in one text of a statement (the current
    one, or an earlier version's at `at`)."""
    problems: list[Problem] = []
    seen: dict[str, tuple[str | int, ...]] = {}
    for pi, para in enumerate(paragraphs):
        for si, sen in enumerate(para.sentences):
            path: tuple[str | int, ...] = (*at, "paragraphs", pi, "sentences", si)
            if sen.id in seen:
                problems.append(
                    Problem(
                        display,
                        loaded.line_of((*path, "id")),
                        format_path((*path, "id")),
                        f"duplicate sentence id {sen.id!r} (first at line {loaded.line_of((*seen[sen.id], 'id'))})",
                    )
                )
            seen.setdefault(sen.id, path)
            problems += _translations(sen, st.language, display, loaded, path)
    return problems


def _translations(
    text: Text, file_lang: str, display: str, loaded: Loaded, path: tuple[str | int, ...]
) -> list[Problem]:
    original = text.lang or file_lang
    missing = [lang for lang in SITE_LANGUAGES if lang != original and lang not in text.translations]
    return [
        Problem(
            display,
            loaded.line_of((*path, "translations")),
            format_path((*path, "translations")),
            f"translation into {lang!r} is missing (the text is in {original!r})",
        )
        for lang in missing
    ]
