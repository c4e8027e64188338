"""A statement's versions: which text was in force on a date, and the rules a history must follow.

The statement's `paragraphs` hold its current text; each earlier version keeps its own
(`model.StatementVersion`). The engine checks an article against the text in force when the
article was published, and the site names that version and says when the source changed since.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from muqabala.data.errors import Problem, show
from muqabala.data.model import Paragraph, Statement
from muqabala.data.yamlfile import Loaded, format_path


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def compare(a: str, b: str) -> int:
    """-1, 0 or 1 as the date `a` comes before, with or after `b`.

    Two moments with their times are compared exactly; when either gives only a day, the days are
    compared, so an article of the same day as an amendment counts as after it (give both times to
    settle it).
    """
    if "T" in a and "T" in b:
        x, y = _moment(a), _moment(b)
    else:
        x, y = date.fromisoformat(a[:10]), date.fromisoformat(b[:10])  # type: ignore[assignment]
    return (x > y) - (x < y)


def current(st: Statement) -> int | None:
    """The index of the version whose text is the statement's `paragraphs` (the last that is not a
    withdrawal), or None for a statement without versions."""
    texts = [i for i, v in enumerate(st.versions) if v.kind != "withdrawn"]
    return texts[-1] if texts else None


def in_force(st: Statement, when: str) -> int | None:
    """The index of the version in force on `when` (the latest dated on or before it; the first
    when `when` comes before them all), or None for a statement without versions."""
    if not st.versions:
        return None
    dated = [i for i, v in enumerate(st.versions) if compare(v.date, when) <= 0]
    return dated[-1] if dated else 0


def text_version(st: Statement, index: int) -> int:
    """The index of the version whose text was readable at version `index`: itself, or for a
    withdrawal the version before it."""
    while index > 0 and st.versions[index].kind == "withdrawn":
        index -= 1
    return index


def text_of(st: Statement, index: int) -> list[Paragraph]:
    """The text of version `index` (a withdrawal's is the text it withdrew)."""
    index = text_version(st, index)
    now = current(st)
    if now is None or index >= now:
        return st.paragraphs
    return st.versions[index].paragraphs or st.paragraphs


def as_of(st: Statement, when: str) -> Statement:
    """The statement as it read on `when`: itself when its current text was in force, else a copy
    holding the earlier text."""
    index = in_force(st, when)
    if index is None:
        return st
    paragraphs = text_of(st, index)
    return st if paragraphs is st.paragraphs else st.model_copy(update={"paragraphs": paragraphs})


def withdrawn(st: Statement) -> bool:
    return bool(st.versions) and st.versions[-1].kind == "withdrawn"


def problems(st: Statement, display: str, loaded: Loaded) -> list[Problem]:
    """What a schema cannot see in a statement's `versions`: their order, dates, notes and texts."""
    out: list[Problem] = []

    def add(path: tuple[str | int, ...], rule: str) -> None:
        out.append(Problem(display, loaded.line_of(path), format_path(path), rule))

    now = current(st)
    last = len(st.versions) - 1
    for i, v in enumerate(st.versions):
        at: tuple[str | int, ...] = ("versions", i)
        if i == 0 and v.kind != "published":
            add((*at, "kind"), f"the first version must be published (got {show(v.kind)})")
        if i > 0 and v.kind == "published":
            add(
                (*at, "kind"),
                f"only the first version is published; a later one is amended or withdrawn (got {show(v.kind)})",
            )
        if v.kind == "withdrawn" and i != last:
            add((*at, "kind"), f"a withdrawal must be the last version (got {show(v.kind)} before version {i + 2})")
        if i == 0 and compare(v.date, st.date) != 0:
            add((*at, "date"), f"the first version's date must be the statement's date, {st.date} (got {show(v.date)})")
        if i > 0 and compare(v.date, st.versions[i - 1].date) <= 0:
            add(
                (*at, "date"),
                f"must come after the version before it, {st.versions[i - 1].date} (got {show(v.date)})",
            )
        if v.kind != "published" and v.note is None:
            add(
                (*at, "note"),
                f"required for an {v.kind} version: say what changed, in both languages, like "
                "note: {en: The second paragraph was removed, ar: حُذفت الفقرة الثانية}",
            )
        if v.paragraphs is not None and v.kind == "withdrawn":
            add(
                (*at, "paragraphs"),
                f"a withdrawal publishes no text; leave it out (got {_count(v.paragraphs)})",
            )
        elif v.paragraphs is not None and i == now:
            add(
                (*at, "paragraphs"),
                "the current version's text is the statement's paragraphs; leave it out here "
                f"(got {_count(v.paragraphs)})",
            )
        elif v.paragraphs is None and now is not None and i < now and v.kind != "withdrawn":
            add(
                (*at, "paragraphs"),
                f"required: the text of version {i + 1} as published, before version {i + 2} changed it",
            )
    return out


def _count(paragraphs: list[Paragraph]) -> str:
    return f"{len(paragraphs)} paragraph{'' if len(paragraphs) == 1 else 's'}"
