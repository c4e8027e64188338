"""Reading one YAML file safely, keeping the line of every node for error messages.

PyYAML's safe loader silently keeps the last of two duplicate keys and forgets where a
value came from; we compose the node graph ourselves so that both can be reported.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from muqabala.data.errors import Problem, show

MAX_BYTES = 2_000_000
"""A statement is a few kilobytes; anything this large is a mistake or an attack."""
MAX_NODES = 200_000
"""Bounds the expansion of aliases (a 'billion laughs' file stops here, quickly)."""
MAX_DEPTH = 50
"""Our files nest a handful of levels; deeper means a mistake or an attack."""
MAX_CHARS = MAX_BYTES
"""Bounds the text a file expands to, counting each alias as often as it is used: a long
string aliased a thousand times is small on disk but huge for every stage after loading."""
MAX_LINE = 10_000
"""The longest line of the shipped data is under 1,000 characters; a sentence is far shorter."""

# Zero-width and bidirectional controls: invisible in an editor, they change how text
# reads or matches, so they are refused wherever they appear.
FORBIDDEN_CHARS = {
    **{chr(c): unicodedata.name(chr(c)) for c in range(0x200B, 0x2010)},
    **{chr(c): unicodedata.name(chr(c)) for c in range(0x202A, 0x202F)},
    **{chr(c): unicodedata.name(chr(c)) for c in range(0x2066, 0x206A)},
    **{chr(c): unicodedata.name(chr(c)) for c in range(0x2060, 0x2065)},
    **{chr(c): unicodedata.name(chr(c)) for c in (0xE0001, *range(0xE0020, 0xE0080))},
    "\u00ad": "SOFT HYPHEN",
    "\u061c": "ARABIC LETTER MARK",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
}
"""Tag characters (U+E00xx) are included: they can smuggle invisible instructions into text."""

_BOMS = [
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
]
# UTF-32 first: its little-endian mark begins with UTF-16's.

_SCALAR_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null")}
"""Tags a plain or quoted value may resolve to; `!!binary` would smuggle bytes past the text checks."""


class _TooDeep(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _Loader(yaml.SafeLoader):
    """Safe loader whose timestamps stay strings, so the schema decides what a date is."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # PyYAML composes recursively: a file of 1,000 `[` would otherwise end in RecursionError.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FastLoader: type[Any] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        """libyaml's parser with `_Loader`'s resolvers: the same nodes, ~17× faster."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader = _CLoader

# libyaml and PyYAML's reader may disagree on these: such a file takes the pure-Python path.
_SLOW_CHARS = ("\r", "\x85", "\u2028", "\u2029")


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


class _Refused(Exception):
    """A construct we never read, however well-formed (a tag): the file is refused at `line`."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def outside(path: Path, root: Path) -> bool:
    """Whether `path`, its symbolic links followed, lies outside the folder `root`."""
    # The usual case without resolving both paths (two realpath walks per data file): `path`
    # is `root` and names below it, none of them a symbolic link, so it resolves to a place
    # inside wherever `root` resolves to.
    try:
        below = path.relative_to(root).parts
    except ValueError:
        below = ()
    if below and ".." not in below:
        here, linked = root, False
        for part in below:
            here = here / part
            if here.is_symlink():
                linked = True
                break
        if not linked:
            return False
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symbolic link loop
        return True


def load(path: Path, display: str, root: Path | None = None) -> Loaded:
    """Read `path`, which must lie inside `root` when given; every problem is recorded in the
    result rather than raised."""
    if root is not None and outside(path, root):
        # Never read: its first characters would be quoted in a public CI log.
        return _fail(display, 1, "is a symbolic link to a file outside the project; copy the file in instead")
    result = _load(path, display)
    if result.problems or result.lines:
        _to_editor_lines(result, path)
    return result


def _to_editor_lines(result: Loaded, path: Path) -> None:
    """Renumber lines as editors, grep and git do (a new line after each "\\n"): PyYAML also
    breaks lines at a lone "\\r", U+0085, U+2028 and U+2029, so the file's own line numbers
    would run past its last line."""
    raw = read_regular(path)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else ""
    except UnicodeDecodeError:
        return  # the problem reported is this one, at a line counted from the bytes already
    if not any(c in text for c in _SLOW_CHARS) or ("\n" not in text and "\x85" not in text):
        return  # a file whose only line ends are CR (old Mac style) is numbered as its editor shows it
    editor = [1]  # PyYAML's line n (1-based) → editor's line editor[n - 1]
    for m in re.finditer("\r\n|[\r\n\x85\u2028\u2029]", text.removeprefix("\ufeff")):
        editor.append(editor[-1] + (1 if m[0].endswith("\n") else 0))

    def fix(line: int) -> int:
        return editor[min(max(line, 1), len(editor)) - 1]

    result.lines = {k: fix(v) for k, v in result.lines.items()}
    result.problems = [dataclasses.replace(p, line=fix(p.line)) for p in result.problems]


_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
}


def read_regular(path: Path, limit: int = MAX_BYTES) -> bytes | str:
    """The bytes of `path`, or why they are not read: it must be a regular file of at most `limit`
    bytes. The type and size are checked before a byte is read, so a device or a pipe named like
    a data file never blocks or fills memory."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return (
            "is a broken symbolic link; point it at a file of the project or delete it"
            if path.is_symlink()
            else "file is missing"
        )
    except OSError as e:
        return f"cannot read the file ({e.strerror or type(e).__name__})"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return f"must be a regular file (got {_KINDS.get(stat.S_IFMT(info.st_mode), 'a special file')})"
        if info.st_size > limit:
            return f"file is larger than {limit:,} bytes (got {info.st_size:,})"
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(limit + 1)  # a file growing while read stops here too
    except OSError as e:
        return f"cannot read the file ({e.strerror or type(e).__name__})"
    finally:
        os.close(fd)
    if len(raw) > limit:
        return f"file is larger than {limit:,} bytes (got more than {limit:,})"
    return raw


def _load(path: Path, display: str) -> Loaded:
    raw = read_regular(path)
    if isinstance(raw, str):
        return _fail(display, 1, raw)
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _fail(
                display,
                1,
                f"file is not UTF-8: it starts with a {encoding} byte-order mark "
                f"({bom.hex(' ').upper()}); re-save it as UTF-8",
            )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return _fail(
            display, line, f"file is not UTF-8: byte 0x{raw[e.start]:02x} at offset {e.start}; re-save it as UTF-8"
        )
    if raw.count(0) * 4 > len(raw):
        return _fail(
            display,
            1,
            "file is not UTF-8: it looks like UTF-16 without a byte-order mark (many NUL bytes); re-save it as UTF-8",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    long_line = next((n for n, ln in enumerate(re.split("\r\n|[\r\n]", text), 1) if len(ln) > MAX_LINE), None)
    if long_line is not None:
        length = len(re.split("\r\n|[\r\n]", text)[long_line - 1])
        return _fail(
            display,
            long_line,
            f"line is longer than {MAX_LINE:,} characters (got {length:,}); put one sentence per item",
        )
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return _fail(display, 1, "file is empty")
    fast = _load_fast(text, display)
    if fast is not None:
        return fast
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as e:
        return _fail(
            display,
            _line_at(text, e.position),
            f"character U+{e.character:04X} is not allowed in a YAML file; delete it",
        )
    try:
        node = loader.get_single_node()
    except _TooDeep as e:
        return _fail(display, e.line, f"values nest more than {MAX_DEPTH} levels deep; our files need only a handful")
    except yaml.composer.ComposerError as e:
        if "expected a single document" in str(e):
            line = e.problem_mark.line + 1 if e.problem_mark else 1
            return _fail(display, line, "file holds several YAML documents (---); keep one per file")
        return _yaml_error(display, e)
    except yaml.YAMLError as e:
        return _yaml_error(display, e)
    finally:
        loader.dispose()
    if node is None:  # a stream with no document at all, such as a lone `%YAML 1.1`
        return _fail(display, 1, "file is empty")
    result = Loaded(data=None)
    budget = [MAX_NODES, MAX_CHARS]
    try:
        result.data = _walk(node, (), result, display, budget, loader)
    except _TooBig as e:
        return _fail(display, 1, str(e))
    except _Refused as e:
        return _fail(display, e.line, str(e))
    return result


def _load_fast(text: str, display: str) -> Loaded | None:
    """A clean file read with libyaml; None for anything else, which `load` reads again with
    PyYAML's own parser so that every message and line stays exactly what it always was."""
    if _FastLoader is None or any(c in text for c in _SLOW_CHARS) or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        result = Loaded(data=None)
        result.data = _walk(node, (), result, display, [MAX_NODES, MAX_CHARS], loader)
    except (yaml.YAMLError, _TooBig, _Refused, RecursionError):
        return None  # libyaml's own depth limit included: the slow path names the problem
    finally:
        loader.dispose()
    return None if result.problems else result


def _line_at(text: str, position: int) -> int:
    """The 1-based line of a character, counting line breaks the way PyYAML's marks do."""
    head = text[:position].replace("\r\n", "\n")
    return 1 + sum(head.count(b) for b in "\n\r\x85\u2028\u2029")


def _fail(display: str, line: int, message: str) -> Loaded:
    return Loaded(data=None, problems=[Problem(display, line, "", message)])


_HINTS = {
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
    "mapping values are not allowed here": "check this line's indentation, or quote a value that holds ': '",
}


def _yaml_error(display: str, e: yaml.YAMLError) -> Loaded:
    problem_mark = getattr(e, "problem_mark", None)
    context_mark = getattr(e, "context_mark", None)
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    context = getattr(e, "context", None)
    mark = problem_mark or context_mark
    # An unclosed quote or bracket is only noticed at the end of the file, and a key without
    # its colon on the next line: the line where the thing began is where the editor must look.
    if context_mark and (
        "end of stream" in problem or "<stream end>" in problem or context == "while scanning a simple key"
    ):
        mark = context_mark
    line = mark.line + 1 if mark else 1
    if context and context_mark and context_mark.line + 1 != line:
        context += f" that starts at line {context_mark.line + 1}"
    message = f"YAML syntax: {problem}" + (f" ({context})" if context else "")
    if problem in _HINTS:
        message += f"; {_HINTS[problem]}"
    return _fail(display, line, message)


def _tag_error(node: yaml.Node) -> _Refused:
    # Tags such as !!python/object would run code in an unsafe loader: refuse them outright.
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return _Refused(
        node.start_mark.line + 1, f"the YAML tag {tag!r} is not allowed; write plain values without '!' tags"
    )


def _walk(
    node: yaml.Node, path: tuple[str | int, ...], out: Loaded, display: str, budget: list[int], loader: Any
) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig(f"file expands to more than {MAX_NODES:,} values (aliases?)")
    if len(path) > MAX_DEPTH:
        raise _TooBig(f"file nests deeper than {MAX_DEPTH} levels")
    line = node.start_mark.line + 1
    out.lines.setdefault(path, line)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        raise _tag_error(node)
    if isinstance(node, yaml.ScalarNode) and node.tag not in _SCALAR_TAGS:
        raise _tag_error(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            kline = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                out.problems.append(
                    Problem(display, kline, format_path(path), f"keys must be plain words (got {kind} as a key)")
                )
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                out.problems.append(
                    Problem(display, kline, format_path(path), "merge keys (<<) are not allowed; write the fields out")
                )
                continue
            if key_node.tag not in _SCALAR_TAGS:
                raise _tag_error(key_node)
            # The key as written: `no:` is Norwegian, not false, and `1:` is not a number.
            key = key_node.value
            _check_text(key, (*path, key), kline, out, display)
            if key in result:
                first = out.lines.get((*path, key), kline)
                out.problems.append(
                    Problem(display, kline, format_path((*path, key)), f"duplicate key (first at line {first})")
                )
                continue
            out.lines[(*path, key)] = kline
            result[key] = _walk(value_node, (*path, key), out, display, budget, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, (*path, i), out, display, budget, loader) for i, item in enumerate(node.value)]
    budget[1] -= len(node.value)
    if budget[1] < 0:
        raise _TooBig(f"file expands to more than {MAX_CHARS:,} characters of text (aliases?)")
    value = loader.construct_object(node)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not _PLAIN_NUMBER.fullmatch(node.value):
        # YAML 1.1 reads 12:30 as 750 and 0755 as 493: keep what the editor wrote, as YAML 1.2 does.
        value = node.value
    if isinstance(value, str):
        _check_text(value, path, line, out, display)
    return value


_PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
"""A number written the plain way; sexagesimal, octal, hexadecimal and `_`-grouped ones stay text."""

_PERSIAN_URDU = set("\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c0\u06c1\u06be\u06d2\u06d3\u0679\u0688\u0691\u06ba")
"""Letters that Persian and Urdu write and Arabic does not (پ چ ژ ک گ ی ۀ ہ ھ ے ۓ ٹ ڈ ڑ ں)."""


def _arabic_letter(ch: str) -> bool:
    return "\u0620" <= ch <= "\u06ff" and ch.isalpha()


def _spelling_zwnj(value: str, i: int) -> bool:
    """A zero-width non-joiner that Persian or Urdu spelling requires (می‌خواهم): between two
    letters, in a text written with the letters of those languages. Inside an Arabic word it is
    a stray character that breaks matching, and stays refused."""
    return (
        value[i] == "\u200c"
        and 0 < i < len(value) - 1
        and _arabic_letter(value[i - 1])
        and _arabic_letter(value[i + 1])
        and any(c in _PERSIAN_URDU for c in value)
    )


_SUSPECT = re.compile(
    "["
    + "".join(
        re.escape(ch)
        for ch in sorted(
            {*FORBIDDEN_CHARS, *(chr(c) for c in range(0xA0) if unicodedata.category(chr(c)) == "Cc")} - {"\n", "\t"}
        )
    )
    + "]"
)
"""Any character `_check_text` may refuse (control characters are all below U+00A0): a text without one
needs no look at each character, which was a third of the time it takes to read the data."""


def _check_text(value: str, path: tuple[str | int, ...], line: int, out: Loaded, display: str) -> None:
    for i, ch in enumerate(value) if _SUSPECT.search(value) else ():
        if ch in FORBIDDEN_CHARS and not _spelling_zwnj(value, i):
            out.problems.append(
                Problem(
                    display,
                    line,
                    format_path(path),
                    f"invisible or bidirectional control character U+{ord(ch):04X} "
                    f"{FORBIDDEN_CHARS[ch]} at character {i + 1}; delete it",
                )
            )
            return
        if unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            out.problems.append(
                Problem(
                    display,
                    line,
                    format_path(path),
                    f"control character U+{ord(ch):04X} at character {i + 1}; delete it",
                )
            )
            return
    if not unicodedata.is_normalized("NFC", value):
        first = _first_not_nfc(value)
        out.problems.append(
            Problem(
                display,
                line,
                format_path(path),
                f"text is not in Unicode NFC form (first at character {first + 1}: "
                f"{show(value[max(0, first - 3) : first + 3])}); re-save it as NFC",
            )
        )


def _first_not_nfc(value: str) -> int:
    """Index of the character at which `value` stops being NFC (its prefix up to there is not).

    Looks only near the first difference from the NFC form, so a long value costs linear time.
    """
    nfc = unicodedata.normalize("NFC", value)
    pairs = enumerate(zip(value, nfc, strict=False))
    i = next((n for n, (a, b) in pairs if a != b), min(len(value), len(nfc)))
    start = min(i, len(value) - 1)
    while start > 0 and i - start < 32 and unicodedata.combining(value[start]):
        start -= 1
    for j in range(i, min(len(value), i + 32)):
        if not unicodedata.is_normalized("NFC", value[start : j + 1]):
            return j
    return min(i, len(value) - 1)
