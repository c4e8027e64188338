"""What the project holds, by id: `muqabala list`, and the "did you mean" of unknown-id errors."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml

LIST_HINT = "`muqabala list {what}` shows them all"


def closest(ref: str, known: set[str] | list[str], n: int = 3) -> list[str]:
    """The known ids nearest to `ref` in spelling, best first (`us-govt` → `us-government`)."""
    return difflib.get_close_matches(ref, sorted(known), n=n, cutoff=0.5)


def did_you_mean(ref: str, known: set[str] | list[str], what: str) -> str:
    """`did you mean 'a' or 'b'? `muqabala list issuers` shows them all`, or just the pointer."""
    near = closest(ref, known)
    pointer = LIST_HINT.format(what=what)
    if not known:
        return f"there are none yet; {pointer}"
    if not near:
        return pointer
    return f"did you mean {' or '.join(repr(x) for x in near)}? {pointer}"


@dataclass(frozen=True)
class Entry:
    """One row of `muqabala list`: an id, what it is, and the file it comes from."""

    id: str
    summary: str
    file: str


def _items(root: Path, folder: str) -> list[tuple[dict[str, object], str]]:
    """The raw data of every readable file in `folder` (unreadable ones are `check`'s business)."""
    out = []
    for path in sorted((root / folder).glob("*.yaml")) if (root / folder).is_dir() else []:
        try:
            # Every scalar as the string written: a bad date elsewhere in the file must not hide its id.
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        except (yaml.YAMLError, OSError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            out.append((data, path.relative_to(root).as_posix()))
    return out


def _name(data: dict[str, object]) -> str:
    name = data.get("name")
    return str(name.get("en", "")) if isinstance(name, dict) else ""


def issuers(root: Path) -> list[Entry]:
    """Every issuer: id, kind, English name and parent."""
    out = []
    for data, file in _items(root, "issuers"):
        parent = f" (part of {data['parent']})" if data.get("parent") else ""
        out.append(Entry(str(data["id"]), f"{data.get('kind', '?')}: {_name(data)}{parent}", file))
    return sorted(out, key=lambda e: e.id)


def statements(root: Path) -> list[Entry]:
    """Every statement: id, case, issuer, date, and whether it is a draft."""
    out = []
    for data, file in _items(root, "statements"):
        draft = " [draft]" if data.get("status") == "draft" else ""
        summary = f"{data.get('case', '?')}, {data.get('issuer', '?')}, {data.get('date', '?')}{draft}"
        out.append(Entry(str(data["id"]), summary, file))
    return sorted(out, key=lambda e: e.id)


def cases(root: Path) -> list[Entry]:
    """Every case named by a statement or an article, with how many of each it holds."""
    counts: dict[str, list[int]] = {}
    for index, folder in enumerate(("statements", "articles")):
        for data, _ in _items(root, folder):
            if isinstance(data.get("case"), str):
                counts.setdefault(str(data["case"]), [0, 0])[index] += 1
    return [
        Entry(case, f"{n[0]} statement{'s' * (n[0] != 1)}, {n[1]} article{'s' * (n[1] != 1)}", "")
        for case, n in sorted(counts.items())
    ]


LISTS = {"issuers": issuers, "cases": cases, "statements": statements}
"""What `muqabala list` can show."""
