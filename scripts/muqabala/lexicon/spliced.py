"""Compiling a phrase with the `{state}` slot without parsing the slot again for every phrase.

The slot (`phrases.state_slot`) holds every name of every state: some 8,000 characters that
`re` parsed anew in each of the ~250 phrases holding `{state}`, most of `collate`'s time at 100
cases and once more in every worker. Here the slot is parsed once; each phrase is parsed with a
one-character stand-in, the slot's parsed tree is put in its place and the whole is compiled.
The tree is the one `re` builds from the full pattern, so the compiled code is the same, code
for code: `compile_slotted` checks it against `re.compile` on the first phrase of each slot and
uses `re.compile` itself whenever anything differs or fails (a Python whose `re` internals are
not the ones of 3.11–3.13, say).
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

_STAND_IN = "\U000f8fff"
"""Stands for the slot while a phrase is parsed: a private-use character no folded phrase holds."""

try:
    _parser: Any = importlib.import_module("re._parser")
    _compiler: Any = importlib.import_module("re._compiler")
    _sre: Any = importlib.import_module("_sre")
except ImportError:  # pragma: no cover - Python older than 3.11
    _parser = _compiler = _sre = None


def _group(pattern: str) -> tuple[Any, Any]:
    """`(?:pattern)` parsed: its state (flags, groups) and the one item it is in its parent's
    parse (`re` puts a group without flags or a name in its parent as its content)."""
    tree = _parser.parse(f"(?:{pattern})")
    if len(tree.data) != 1:
        raise ValueError("not one group")
    return tree.state, tree.data[0]


@lru_cache(maxsize=16)
def _slot(slot: str) -> tuple[Any, Any, list[int]] | None:
    """The slot parsed and compiled once (its state, its parsed item and that item's code), or None
    when splicing is not to be used with it."""
    if _parser is None:
        return None
    try:
        state, item = _group(slot)
        code: list[int] = []
        _compiler._compile(code, [item], state.flags)
        return state, item, code
    except Exception:  # noqa: BLE001 - any failure of the internals: `re.compile` then
        return None


def _spliced_code(make: Any, slot: str) -> tuple[Any, list[int]] | None:
    """The state and code of `make(slot)`, with the slot's tree spliced in; None when it cannot be."""
    parsed = _slot(slot)
    if parsed is None:
        return None
    state, item, item_code = parsed
    tree = _parser.parse(make(_STAND_IN))
    if tree.state.groups != 1 or tree.state.flags != state.flags:
        return None  # the phrase has groups or flags of its own: numbering would differ
    places = [i for i, it in enumerate(tree.data) if _is_stand_in(it)]
    if len(places) != 1:
        return None
    tree.data[places[0]] = item
    tree.state = state
    tree.width = None
    # What `re._compiler._code` does, with the slot's code (its jumps are relative) compiled once.
    code: list[int] = []
    _compiler._compile_info(code, tree, state.flags)
    for index, it in enumerate(tree.data):
        if index == places[0]:
            code += item_code
        else:
            _compiler._compile(code, [it], state.flags)
    code.append(_compiler.SUCCESS)
    return state, code


def _is_stand_in(item: Any) -> bool:
    """Whether a parsed item is the stand-in (a group without flags or a name is parsed as its content)."""
    return bool(item == (_parser.LITERAL, ord(_STAND_IN)))


_checked: dict[str, bool] = {}
"""Per slot: whether the spliced code of its first phrase was the one `re` compiles."""


def compile_slotted(make: Any, slot: str) -> re.Pattern[str]:
    """`re.compile(make(slot))`, where `make(text)` builds a pattern that holds `(?:text)` once and
    the slot is a large pattern shared by many: the same pattern, compiled faster."""
    pattern = make(slot)
    try:
        spliced = _spliced_code(make, slot)
        if spliced is not None and slot not in _checked:
            _checked[slot] = spliced[1] == _compiler._code(_parser.parse(pattern), 0)
        if spliced is None or not _checked[slot]:
            return re.compile(pattern)
        state, code = spliced
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        compiled: re.Pattern[str] = _sre.compile(
            pattern, state.flags, code, state.groups - 1, state.groupdict, tuple(indexgroup)
        )
        return compiled
    except Exception:  # noqa: BLE001 - any failure of the internals: `re.compile` then
        return re.compile(pattern)
