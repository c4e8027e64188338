"""What a long build shows while it runs: its stage, and each language's pages as MkDocs writes them.

Shown on a terminal only (rich, on standard error, gone when the build ends): logs and CI
keep the single summary line `muqabala build` prints.
"""

from __future__ import annotations

from typing import Any, Protocol

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class BuildProgress(Protocol):
    def stage(self, name: str) -> None:
        """A new stage begins (the previous one is done)."""

    def pages(self, lang: str, done: int, total: int) -> None:
        """`done` of `total` pages of `lang` are written."""


class Recorder:
    """Keeps what a build reports, in order (for tests and for callers that log)."""

    def __init__(self) -> None:
        self.events: list[tuple[Any, ...]] = []

    def stage(self, name: str) -> None:
        self.events.append(("stage", name))

    def pages(self, lang: str, done: int, total: int) -> None:
        self.events.append(("pages", lang, done, total))


class TerminalProgress:
    """A spinner with the stage's name, then one bar per language while MkDocs writes pages."""

    def __init__(self, console: Any = None) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
            transient=True,
        )
        self.current: Any = None
        self.bars: dict[str, Any] = {}

    def __enter__(self) -> TerminalProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def stage(self, name: str) -> None:
        if self.current is not None:
            self.progress.update(self.current, total=1, completed=1)
        self.current = self.progress.add_task(name, total=None, count="")

    def pages(self, lang: str, done: int, total: int) -> None:
        if lang not in self.bars:
            self.bars[lang] = self.progress.add_task(f"  MkDocs pages ({lang})", total=total, count="")
        done = min(done, total)
        self.progress.update(self.bars[lang], completed=done, total=total, count=f"{done}/{total}")
