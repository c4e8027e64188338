"""Where the data files are and what their bytes hash to, without parsing them.

Kept apart from `corpus` (which imports the models and pydantic) so that `muqabala build`
can tell an unchanged site, and `muqabala --help` can start, without loading either.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from muqabala.data.yamlfile import outside, read_regular

DATA_FOLDERS = ("issuers", "statements", "articles")
"""The project's data folders, in reading order (issuers first: the others refer to them)."""


def find_root(start: Path | None = None) -> Path:
    """The project folder: the nearest folder upwards holding mkdocs.yml, else the current one."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def data_files(root: Path) -> list[tuple[str, Path]]:
    """Every data file under the project root, in a stable order, with its kind folder."""
    out = []
    for folder in DATA_FOLDERS:
        base = root / folder
        if base.is_dir():
            out += [(folder, p) for p in sorted(base.glob("*.yaml")) + sorted(base.glob("*.yml"))]
    return out


def data_digest(root: Path) -> str:
    """`Corpus.digest` of the data as it is on disk, from the files' bytes alone.

    No parsing and no validation: cheap enough to tell whether pages generated earlier are
    still those of the current data.
    """
    sha = hashlib.sha256()
    for _, path in data_files(root):
        digest_file(sha, path, path.relative_to(root).as_posix(), root)
    return sha.hexdigest()


def digest_file(sha: Any, path: Path, display: str, root: Path) -> str:
    """Add the file to `sha`; return the hash of its bytes alone (none for a file outside `root`)."""
    raw = b"" if outside(path, root) else read_regular(path)
    data = raw if isinstance(raw, bytes) else b""  # `load` reports why it cannot be read
    sha.update(display.encode() + b"\0" + data + b"\0")
    return hashlib.sha256(data).hexdigest()
