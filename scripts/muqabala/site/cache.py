"""A cache of engine results keyed by what they depend on.

The two language builds run in separate processes and both need the report; an unchanged
corpus must not be collated twice, nor again on every `serve` rebuild. Besides the whole
report, each case's part of it is kept under its own key, so an edit to one statement
recollates only that statement's case; and each case's rendered pages are kept under the
same key (`PageCache`), so the edit renders only that case's pages again.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import muqabala
from muqabala import __version__
from muqabala.data.files import DATA_FOLDERS, data_digest, data_files, digest_file
from muqabala.data.yamlfile import read_regular

if TYPE_CHECKING:
    from muqabala.collate.engine import CasePart
    from muqabala.data.corpus import Corpus
    from muqabala.report import Report

CACHE_DIR = ".cache/engine"
CASES_DIR = f"{CACHE_DIR}/cases"
PAGES_DIR = ".cache/pages"


def engine_key(corpus: Corpus, root: Path) -> str:
    """Hash of the data, the editors' word lists and the engine's own code."""
    return _key(corpus.digest, root)


def current_key(root: Path) -> str:
    """`engine_key` of the data as it is on disk now, without loading or validating it."""
    return _key(_data_digest(root), root)


def _data_digest(root: Path) -> str:
    """`data_digest(root)`, reading again only the files from the first one that is not the file
    (`_identity`) read last time: `serve` asks on every rebuild, and each of its MkDocs processes
    too. The hash runs over the files in order, so its state after each file is kept, and an edit
    re-reads that file and the ones after it instead of all ~380 at 10×. A link among the files,
    or a data folder that became another, is always read (what it points at may change without it)."""
    files = data_files(root)
    folders: list[tuple[int, ...]] = []
    for folder in DATA_FOLDERS:
        try:
            st = os.lstat(root / folder)
        except OSError:
            folders.append(())
            continue
        folders.append((st.st_dev, st.st_ino, st.st_mode))
    seen = []
    for _, path in files:
        try:
            st = os.lstat(path)
        except OSError:
            return data_digest(root)
        if not stat.S_ISREG(st.st_mode):
            return data_digest(root)
        seen.append((str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    where = (str(root), tuple(folders))
    states = _states.get(where, [])
    same = 0
    while same < min(len(states), len(seen)) and states[same][0] == seen[same]:
        same += 1
    # Each kept state is copied, never updated: it stays the hash of the files up to its own.
    sha = states[same - 1][1].copy() if same else hashlib.sha256()
    kept = states[:same]
    for (_, path), identity in zip(files[same:], seen[same:], strict=True):
        digest_file(sha, path, path.relative_to(root).as_posix(), root)
        kept.append((identity, sha.copy()))
    _states.clear()
    _states[where] = kept
    return sha.hexdigest()


_states: dict[tuple[str, tuple[tuple[int, ...], ...]], list[tuple[tuple[object, ...], Any]]] = {}
"""For the last project hashed (its folder and its data folders' identities): each data file's
identity, in `data_files` order, with the state of `data_digest`'s hash after that file."""


def _key(digest: str, root: Path) -> str:
    sha = hashlib.sha256(digest.encode())
    sha.update(dependencies_key(root).encode())
    return sha.hexdigest()


def dependencies_key(root: Path) -> str:
    """Hash of what every result depends on besides the data: version, lexicon and code."""
    lexicon = root / "lexicon"
    lexicon_files = sorted(lexicon.glob("*.y*ml")) if lexicon.is_dir() else []
    # Code changes invalidate results too: during development a stale report would mislead.
    package = Path(muqabala.__file__).parent  # the whole package: collation code lives beside site/
    code_files = sorted(package.rglob("*.py")) + sorted(package.rglob("*.yaml"))
    # A build asks for this key several times, and `serve` on every rebuild: the files are read
    # again only when one of them is not the file (inode, size, time) read last time.
    seen = (str(root), tuple(_identity(p) for p in lexicon_files + code_files))
    if _dependencies.get(seen) is not None:
        return _dependencies[seen]
    sha = hashlib.sha256(__version__.encode())
    for path in lexicon_files:
        raw = read_regular(path)  # a folder, a device or a broken link: `load_lexicon` says what
        sha.update(path.name.encode() + b"\0" + (raw if isinstance(raw, bytes) else raw.encode()))
    for path in code_files:
        sha.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    _dependencies.clear()
    _dependencies[seen] = sha.hexdigest()
    return _dependencies[seen]


_dependencies: dict[tuple[str, tuple[tuple[object, ...], ...]], str] = {}
"""The last `dependencies_key`, by the identity of every file it read (`_identity`)."""


def _identity(path: Path) -> tuple[object, ...]:
    """What tells a file apart from the one read last time without reading it: the file it is
    (device, inode), its size and its modification and change times in nanoseconds."""
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), None)
    return (str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def case_keys(corpus: Corpus, root: Path) -> dict[str, str]:
    """Case id → hash of what its part of the report depends on.

    That is the files of its statements and articles (`Case.digest`), every issuer file (speakers
    and parents are looked up across the whole register), the lexicon and the code.
    """
    common = hashlib.sha256(dependencies_key(root).encode())
    for item, display in sorted(corpus.files.items()):
        if item.startswith("issuer:"):
            common.update(
                item.encode() + b"\0" + display.encode() + b"\0" + corpus.file_digests.get(display, "").encode() + b"\0"
            )
    keys = {}
    for cid, case in corpus.cases.items():
        sha = common.copy()
        sha.update(b"case\0" + cid.encode() + b"\0" + case.digest.encode())
        keys[cid] = sha.hexdigest()
    return keys


class Memory:
    """The cache entries a long-lived process (`serve`'s session) keeps in memory between builds,
    so that an edit neither reads nor parses every unchanged case's entries again: each case's
    part of the report by its key (`cached_parts`), each case's rendered pages by their entry's
    name (`PageCache`), and the generated pages as last written (`pages.generate_languages`).
    Only what the last build used is kept. Nothing reads these objects but the renderers, which
    do not change them (the session tests compare every file with a cold build)."""

    def __init__(self) -> None:
        self.parts: dict[str, CasePart] = {}
        self.pages: dict[str, dict[str, Any]] = {}
        self.written: dict[str, tuple[tuple[object, ...], str]] = {}


def cached_report(corpus: Corpus, root: Path, memory: Memory | None = None) -> Report:
    """The engine's report for `corpus`, from the cache when nothing it depends on changed.

    When something did, only the cases it touches are collated again (`cached_parts`).
    """
    # Imported here: `current_key` alone (an unchanged site) needs neither the engine nor pydantic.
    from muqabala.collate.engine import assemble
    from muqabala.report import Report

    key = engine_key(corpus, root)
    path = root / CACHE_DIR / f"{key}.json"
    if memory is not None and path.is_file():
        # `serve`'s first build: the report is assembled from the parts it keeps, as its edits'
        # reports are, so that the articles of the unchanged cases are the same objects in both
        # and the pages listing every case (`render_discrepancies`) need not redo them on the
        # first edit. The cached report is what `assemble` gave from the same parts.
        keys = case_keys(corpus, root)
        parts = _read_parts(keys, root / CASES_DIR, memory)
        if len(parts) == len(keys):
            memory.parts = {keys[cid]: part for cid, part in parts.items()}
            return assemble(corpus, parts)
    if path.is_file():
        try:
            report = Report.model_validate_json(path.read_bytes())
        except ValueError:
            pass  # a truncated or outdated entry is recomputed below
        else:
            if memory is not None:
                # `serve`'s first build: the parts are read now, so that its first edit does not.
                keys = case_keys(corpus, root)
                memory.parts = {keys[cid]: part for cid, part in _read_parts(keys, root / CASES_DIR, memory).items()}
            return report
    report = assemble(corpus, cached_parts(corpus, root, memory))
    _write(path, report.model_dump_json())
    _prune(path.parent, keep={path.name})
    return report


def cached_parts(corpus: Corpus, root: Path, memory: Memory | None = None) -> dict[str, CasePart]:
    """Every case's part of the report: from the cache where its key is there, else collated.
    With `memory`, a part kept there under its key is taken as it is, and the parts of this
    corpus are what it keeps afterwards."""
    keys = case_keys(corpus, root)
    folder = root / CASES_DIR
    parts = _read_parts(keys, folder, memory)
    missing = [cid for cid in keys if cid not in parts]
    if missing:
        fresh = collate_cases(corpus, missing, root)
        for cid in missing:
            _write(folder / f"{keys[cid]}.json", fresh[cid].model_dump_json())
        parts.update(fresh)
        _prune(folder, keep={f"{k}.json" for k in keys.values()}, most=max(8 * len(keys), 64))
    if memory is not None:
        memory.parts = {keys[cid]: part for cid, part in parts.items()}
    return parts


def _read_parts(keys: dict[str, str], folder: Path, memory: Memory | None) -> dict[str, CasePart]:
    """The parts of the cases `keys` names (case id → key) that `memory` keeps or `folder` holds
    in a readable entry; the others are left out."""
    from muqabala.collate.engine import CasePart

    parts: dict[str, CasePart] = {}
    kept = memory.parts if memory is not None else {}
    for cid, key in keys.items():
        if key in kept:
            parts[cid] = kept[key]
            continue
        path = folder / f"{key}.json"
        try:
            parts[cid] = CasePart.model_validate_json(path.read_bytes())
            os.utime(path)  # recently used: kept by `_prune`
        except (OSError, ValueError):
            pass  # missing, truncated or outdated: collated by `cached_parts`
    return parts


def collate_cases(corpus: Corpus, cases: list[str], root: Path) -> dict[str, CasePart]:
    """`engine.collate_cases`, the engine imported on first use (see `cached_report`)."""
    from muqabala.collate import engine

    return engine.collate_cases(corpus, cases, root)


class PageCache:
    """Each case's rendered pages, per language, under the case's key (see `render.CaseCache`).

    A case's pages depend on what its part of the report does (its key) and on a `variant`
    (page language, site address...) the renderer names; the renderer's code is part of the
    key already.
    """

    def __init__(self, corpus: Corpus, root: Path, memory: Memory | None = None) -> None:
        self.keys = case_keys(corpus, root)
        self.folder = root / PAGES_DIR
        self.used: set[str] = set()
        self.memory = memory
        """Where the entries of the last build are kept: read from there first (see `Memory`)."""
        self.kept: dict[str, dict[str, Any]] = {}

    def _name(self, case: str, variant: str) -> str | None:
        key = self.keys.get(case)
        if key is None:
            return None
        return hashlib.sha256(f"{key}\0{variant}".encode()).hexdigest() + ".json"

    def get(self, case: str, variant: str) -> dict[str, Any] | None:
        name = self._name(case, variant)
        if name is None:
            return None
        data = self.memory.pages.get(name) if self.memory is not None else None
        if data is None:
            path = self.folder / name
            try:
                data = json.loads(path.read_bytes())
                os.utime(path)  # recently used: kept by `prune`
            except (OSError, ValueError):
                return None  # missing, truncated: rendered again
        self.used.add(name)
        if not isinstance(data, dict):
            return None
        self.kept[name] = data
        return data

    def put(self, case: str, variant: str, data: dict[str, Any]) -> None:
        name = self._name(case, variant)
        if name is not None:
            _write(self.folder / name, json.dumps(data, ensure_ascii=False))
            self.used.add(name)
            self.kept[name] = data

    def prune(self) -> None:
        """Drop the oldest entries beyond one more version of every case's pages.

        Pages are big (about 1 MB per case at 100x, both languages) and any code change gives
        every case a new key: keeping eight versions, as the engine's parts do, would let the
        folder grow to the size of eight sites.
        """
        if self.folder.is_dir():
            _prune(self.folder, keep=self.used, most=max(2 * len(self.used), 32))
        if self.memory is not None:
            self.memory.pages = self.kept


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written via a temporary file so a concurrent reader never sees half an entry.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def _prune(folder: Path, keep: set[str], most: int = 8) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[most:]:
        if old.name not in keep:
            old.unlink(missing_ok=True)
