"""Honest scaffolds: what `muqabala new` and `muqabala import` leave for the editor to write.

A value containing `EDIT:` (or an id such as `EDIT-issuer`, an address such as
`https://example.org/EDIT-…`), and a line marked with a trailing `# EDIT` comment (the
scaffold's own date, which must stay a valid date) are placeholders. Outside a file marked
`status: draft` each is an error, so an unfilled scaffold never passes `check`.
"""

from __future__ import annotations

import re
from typing import Any

from muqabala.data.errors import Problem, show
from muqabala.data.yamlfile import Loaded, format_path

_VALUE = re.compile(r"\bEDIT(?::|-)")
_MARKED_LINE = re.compile(r"""^\s*[^#\s][^#"']*(?:"[^"]*"|'[^']*')?[^#]*#\s*EDIT\b""")

HOW = "write the real value, or mark the file `status: draft` until it is done"


def is_draft(data: Any) -> bool:
    """Whether the raw data of a file says `status: draft`."""
    return isinstance(data, dict) and data.get("status") == "draft"


def placeholders(loaded: Loaded, text: str, display: str) -> list[Problem]:
    """Every placeholder left in a file that is not a draft."""
    problems: list[Problem] = []

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*path, i))
        elif isinstance(value, str) and _VALUE.search(value):
            problems.append(
                Problem(
                    display, loaded.line_of(path), format_path(path), f"placeholder left in (got {show(value)}); {HOW}"
                )
            )

    walk(loaded.data, ())
    for number, line in enumerate(text.splitlines(), 1):
        if _MARKED_LINE.match(line):
            key = line.split(":", 1)[0].strip().lstrip("- ")
            problems.append(
                Problem(
                    display,
                    number,
                    key,
                    "placeholder left in: the line is marked `# EDIT` (the scaffold's own value); "
                    "set the real value and delete the comment, or mark the file `status: draft`",
                )
            )
    return problems
