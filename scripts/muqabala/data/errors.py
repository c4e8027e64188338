"""Problems found in data files, and the one error type the core raises for bad input."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, printed as `file:line: key.path: rule (got X)`."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:"
        text = f"{where} {self.path}: {self.message}" if self.path else f"{where} {self.message}"
        return printable(text)


class DataError(Exception):
    """Raised once, after every file has been read, when any problem was found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(summary(self.problems))

    def report(self) -> str:
        return "\n".join([*(str(p) for p in self.problems), summary(self.problems)])


def summary(problems: list[Problem]) -> str:
    files = len({p.file for p in problems})
    n = len(problems)
    return f"Error: {n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}"


SHOW_LIMIT = 60
"""The most characters of a bad value a message quotes (always under 80)."""


def show(value: object, limit: int = SHOW_LIMIT) -> str:
    """A short, safe rendering of a bad value for the `(got X)` part of a message: `repr` escapes
    line breaks, escape sequences and bidi controls, and the result is cut to `limit` characters."""
    text = printable(repr(value))
    limit = min(limit, 80)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable(text: str) -> str:
    """`text` with every unprintable character escaped (`\\n`, `\\x1b`, `\\u202e`).

    File names and keys come from the data: a newline in one must not forge a line of the
    report, nor an escape sequence repaint the terminal, nor a bidi control reorder it.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
