"""A cache of engine results keyed by what they depend on.

The two language builds run in separate processes and both need the report; an unchanged
corpus must not be collated twice, nor again on every `serve` rebuild.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from . import __version__
from .corpus import Corpus, data_digest
from .report import Report

CACHE_DIR = ".cache/engine"


def engine_key(corpus: Corpus, root: Path) -> str:
    """Hash of the data, the editors' word lists and the engine's own code."""
    return _key(corpus.digest, root)


def current_key(root: Path) -> str:
    """`engine_key` of the data as it is on disk now, without loading or validating it."""
    return _key(data_digest(root), root)


def _key(digest: str, root: Path) -> str:
    sha = hashlib.sha256(digest.encode())
    sha.update(__version__.encode())
    lexicon = root / "lexicon"
    for path in sorted(lexicon.glob("*.y*ml")) if lexicon.is_dir() else []:
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    # Code changes invalidate results too: during development a stale report would mislead.
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")) + sorted(package.rglob("*.yaml")):
        sha.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def cached_report(corpus: Corpus, root: Path) -> Report:
    """The engine's report for `corpus`, from the cache when nothing it depends on changed."""
    from .engine import collate

    key = engine_key(corpus, root)
    path = root / CACHE_DIR / f"{key}.json"
    if path.is_file():
        try:
            return Report.model_validate_json(path.read_bytes())
        except ValueError:
            pass  # a truncated or outdated entry is recomputed below
    report = collate(corpus, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written via a temporary file so a concurrent reader never sees half a report.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(report.model_dump_json())
    os.replace(tmp, path)
    _prune(path.parent, keep=path.name)
    return report


def _prune(folder: Path, keep: str, most: int = 8) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[most:]:
        if old.name != keep:
            old.unlink(missing_ok=True)
