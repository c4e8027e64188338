"""Reading one YAML file safely, keeping the line of every node for error messages.

PyYAML's safe loader silently keeps the last of two duplicate keys and forgets where a
value came from; we compose the node graph ourselves so that both can be reported.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, show

MAX_BYTES = 2_000_000
"""A statement is a few kilobytes; anything this large is a mistake or an attack."""
MAX_NODES = 200_000
"""Bounds the expansion of aliases (a 'billion laughs' file stops here, quickly)."""
MAX_DEPTH = 50
"""Our files nest a handful of levels; deeper means a mistake or an attack."""

# Zero-width and bidirectional controls: invisible in an editor, they change how text
# reads or matches, so they are refused wherever they appear.
FORBIDDEN_CHARS = {
    **{chr(c): unicodedata.name(chr(c)) for c in range(0x200B, 0x2010)},
    **{chr(c): unicodedata.name(chr(c)) for c in range(0x202A, 0x202F)},
    **{chr(c): unicodedata.name(chr(c)) for c in range(0x2066, 0x206A)},
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
}


class _Loader(yaml.SafeLoader):
    """Safe loader whose timestamps stay strings, so the schema decides what a date is."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Loaded:
    """A file's data with the line (1-based) of every key path in it."""

    data: Any
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: tuple[str | int, ...]) -> int:
        """The line of the deepest known node on `path` (a missing key reports its parent)."""
        for n in range(len(path), -1, -1):
            if path[:n] in self.lines:
                return self.lines[path[:n]]
        return 1


def format_path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _TooBig(Exception):
    pass


def load(path: Path, display: str) -> Loaded:
    """Read `path`; every problem is recorded in the result rather than raised."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return _fail(display, 1, f"file is larger than {MAX_BYTES:,} bytes (got {len(raw):,})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return _fail(display, line, f"file is not UTF-8: byte 0x{raw[e.start]:02x} at offset {e.start}")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return _fail(display, 1, "file is empty")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.composer.ComposerError as e:
        if "expected a single document" in str(e):
            line = e.problem_mark.line + 1 if e.problem_mark else 1
            return _fail(display, line, "file holds several YAML documents (---); keep one per file")
        return _yaml_error(display, e)
    except yaml.YAMLError as e:
        return _yaml_error(display, e)
    finally:
        loader.dispose()
    result = Loaded(data=None)
    budget = [MAX_NODES]
    try:
        result.data = _walk(node, (), result, display, budget, loader)
    except _TooBig as e:
        return _fail(display, 1, str(e))
    except yaml.YAMLError as e:  # an unknown tag is only found while constructing
        return _yaml_error(display, e)
    return result


def _fail(display: str, line: int, message: str) -> Loaded:
    return Loaded(data=None, problems=[Problem(display, line, "", message)])


def _yaml_error(display: str, e: yaml.YAMLError) -> Loaded:
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    line = mark.line + 1 if mark else 1
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    context = getattr(e, "context", None)
    message = f"YAML syntax: {problem}" + (f" ({context})" if context else "")
    return _fail(display, line, message)


def _walk(node: yaml.Node, path: tuple[str | int, ...], out: Loaded, display: str,
          budget: list[int], loader: _Loader) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig(f"file expands to more than {MAX_NODES:,} values (aliases?)")
    if len(path) > MAX_DEPTH:
        raise _TooBig(f"file nests deeper than {MAX_DEPTH} levels")
    line = node.start_mark.line + 1
    out.lines.setdefault(path, line)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        # Tags such as !!python/object would run code in an unsafe loader: refuse them outright.
        raise yaml.constructor.ConstructorError(
            None, None, f"could not determine a constructor for the tag {node.tag!r}", node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                out.problems.append(Problem(display, key_node.start_mark.line + 1, format_path(path),
                                            "keys must be plain words"))
                continue
            key = loader.construct_object(key_node)
            key = key if isinstance(key, str) else str(key)
            kline = key_node.start_mark.line + 1
            if key == "<<":
                out.problems.append(Problem(display, kline, format_path(path),
                                            "merge keys (<<) are not allowed; write the fields out"))
                continue
            if key in result:
                first = out.lines.get((*path, key), kline)
                out.problems.append(Problem(display, kline, format_path((*path, key)),
                                            f"duplicate key (first at line {first})"))
                continue
            out.lines[(*path, key)] = kline
            result[key] = _walk(value_node, (*path, key), out, display, budget, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, (*path, i), out, display, budget, loader) for i, item in enumerate(node.value)]
    value = loader.construct_object(node)
    if isinstance(value, str):
        _check_text(value, path, line, out, display)
    return value


def _check_text(value: str, path: tuple[str | int, ...], line: int, out: Loaded, display: str) -> None:
    where = format_path(path)
    for i, ch in enumerate(value):
        if ch in FORBIDDEN_CHARS:
            out.problems.append(Problem(
                display, line, where,
                f"invisible or bidirectional control character U+{ord(ch):04X} "
                f"{FORBIDDEN_CHARS[ch]} at character {i + 1}; delete it"))
            return
        if unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            out.problems.append(Problem(display, line, where,
                                        f"control character U+{ord(ch):04X} at character {i + 1}; delete it"))
            return
    if not unicodedata.is_normalized("NFC", value):
        first = next(i for i in range(len(value))
                     if unicodedata.normalize("NFC", value[: i + 1]) != value[: i + 1])
        out.problems.append(Problem(display, line, where,
                                    f"text is not in Unicode NFC form (first at character {first + 1}: "
                                    f"{show(value[max(0, first - 3): first + 3])}); re-save it as NFC"))
