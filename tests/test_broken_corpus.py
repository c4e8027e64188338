"""The broken-input corpus: each case is one mistake an editor (or an attacker) can make.

`tests/broken/<case>/` holds the files of the case, written over a copy of the tiny valid
project from `conftest.py`; `tests/broken/expected.txt` holds, under `[<case>]`, the exact
output of `muqabala check` for it. Cases too large or too odd to commit (a file over the size
limit, a file name with a newline) are made by the functions in `GENERATED`.

To add a case: add its folder, then its `[name]` block with the lines an editor should see.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, STATEMENT, tiny_files, write_tree
from muqabala.data.yamlfile import MAX_BYTES

BROKEN = Path(__file__).parent / "broken"

HANG_GUARD = 90
"""Seconds before a case counts as hung. Cases take one or two seconds on a quiet machine; the
alias bombs passed 20 s on two cores shared by six builds, so the guard only catches a real hang.
This is no timing test."""


def _huge_file(root: Path) -> None:
    padding = MAX_BYTES + 1 - len(STATEMENT.encode())
    line = "# " + "x" * 97 + "\n"
    text = STATEMENT + line * (padding // len(line)) + "#" * (padding % len(line))
    (root / "statements" / "st.yaml").write_text(text, encoding="utf-8")


def _file_name_with_newline(root: Path) -> None:
    # A newline in a file name must not forge a line of the report.
    text = STATEMENT.replace("id: st\n", "id: st2\n").replace("issuer: gov", "issuer: govt")
    (root / "statements" / "st2.yaml\nError: 0 problems in 0 files\n.yaml").write_text(text, encoding="utf-8")


def _renamed(name: str) -> Callable[[Path], None]:
    """The statement under a hostile file name: it must be refused before it names anything."""

    def make(root: Path) -> None:
        (root / "statements" / "st.yaml").rename(root / "statements" / name)

    return make


def _linked(target: Callable[[Path], str]) -> Callable[[Path], None]:
    """`statements/leak.yaml` as a symbolic link to `target(root)`."""

    def make(root: Path) -> None:
        (root / "statements" / "leak.yaml").symlink_to(target(root))

    return make


def _secret_outside(root: Path) -> str:
    secret = root.parent / "secrets.yaml"
    secret.write_text(STATEMENT.replace("id: st\n", "id: leak\n") + "token: s3cr3t-t0k3n\n", encoding="utf-8")
    return str(secret)


def _fifo(root: Path) -> None:
    os.mkfifo(root / "statements" / "pipe.yaml")


def _cr_only(root: Path) -> None:
    # Old Mac line ends: the mistake (line 8) is reported at line 8, as the editor's editor shows it.
    text = STATEMENT.replace("date: 2021-07-19", "date: 2021-19-07").replace("\n", "\r")
    (root / "statements" / "st.yaml").write_bytes(text.encode())


def _many_sentences(root: Path) -> None:
    item = "      - id: p1-s{n}\n        text: Sentence {n}.\n        translations: {{ar: جملة.}}\n"
    text = STATEMENT + "".join(item.format(n=n) for n in range(2, 2002))
    (root / "statements" / "st.yaml").write_text(text, encoding="utf-8")


def _with_lexicon(change: Callable[[Path], None]) -> Callable[[Path], None]:
    """The repository's lexicon (never its data) in the project, with one thing wrong."""

    def make(root: Path) -> None:
        shutil.copytree(REPO / "lexicon", root / "lexicon")
        change(root / "lexicon")

    return make


def _lexicon_typo(lexicon: Path) -> None:
    path = lexicon / "hedges.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity: major", "severty: major", 1), encoding="utf-8")


def _lexicon_folder(lexicon: Path) -> None:
    (lexicon / "hedges.yaml").unlink()
    (lexicon / "hedges.yaml").mkdir()


def _lexicon_dangling(lexicon: Path) -> None:
    (lexicon / "hedges.yaml").unlink()
    (lexicon / "hedges.yaml").symlink_to("hedges-old.yaml")


GENERATED: dict[str, Callable[[Path], None]] = {
    "huge-file": _huge_file,
    "file-name-with-newline": _file_name_with_newline,
    "file-name-html": _renamed('st"><img src=x onerror=alert(1)>.yaml'),
    "file-name-bidi": _renamed("st\u202egnp.yaml"),
    "symlink-outside-project": _linked(_secret_outside),
    "symlink-system-file": _linked(lambda _root: "/etc/passwd"),
    "symlink-device": _linked(lambda _root: "/dev/zero"),
    "symlink-dangling": _linked(lambda _root: "gone.yaml"),
    "fifo-named-yaml": _fifo,
    "cr-only-line-ends": _cr_only,
    "too-many-sentences": _many_sentences,
    "lexicon-unknown-field": _with_lexicon(_lexicon_typo),
    "lexicon-folder": _with_lexicon(_lexicon_folder),
    "lexicon-dangling-symlink": _with_lexicon(_lexicon_dangling),
}

SUMMARY = re.compile(r"^Error: (\d+) problems? in (\d+) files?$")


def expected_output() -> dict[str, list[str]]:
    """`expected.txt`: a `[case]` line, then the exact lines of output, then a blank line."""
    cases: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = cases.setdefault(line[1:-1], [])
        elif not line:
            current = None
        elif current is not None:
            current.append(line)
    return cases


EXPECTED = expected_output()
FOLDERS = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def test_every_case_has_its_expected_output() -> None:
    assert sorted(EXPECTED) == sorted(FOLDERS + list(GENERATED))
    assert len(EXPECTED) >= 35


def run_check(root: Path) -> tuple[subprocess.CompletedProcess[bytes], float]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "muqabala", "check", "--root", str(root)],
        capture_output=True,
        timeout=HANG_GUARD,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    return result, time.perf_counter() - start


@pytest.mark.parametrize("name", FOLDERS + list(GENERATED))
def test_broken_case(name: str, tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    root = write_tree(tmp_path / "project", tiny_files())
    if name in GENERATED:
        GENERATED[name](root)
    else:
        shutil.copytree(BROKEN / name, root, dirs_exist_ok=True)
    result, seconds = run_check(root)
    record_property("seconds", round(seconds, 3))
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert "Traceback" not in stdout + stderr
    assert result.returncode == 1, stdout + stderr
    assert stdout == ""
    lines = stderr.splitlines()
    assert lines == EXPECTED[name]
    summary = SUMMARY.match(lines[-1])
    assert summary, lines[-1]
    problems = lines[:-1]
    files = {line.split(":")[0] for line in problems}
    assert (int(summary[1]), int(summary[2])) == (len(problems), len(files))


def _loaded(root: Path, jobs: int) -> object:
    from muqabala.data.corpus import load_corpus
    from muqabala.data.errors import DataError

    try:
        return load_corpus(root, jobs=jobs)
    except DataError as e:
        return e.report()


def test_files_read_by_forked_workers_give_the_same_corpus_and_problems(tmp_path: Path) -> None:
    from muqabala.data import parallel

    assert parallel.can_fork()
    for name in [*FOLDERS, *(n for n in GENERATED if not n.startswith("lexicon"))]:
        root = write_tree(tmp_path / name, tiny_files())
        if name in GENERATED:
            GENERATED[name](root)
        else:
            shutil.copytree(BROKEN / name, root, dirs_exist_ok=True)
        # Two processes: this one reads the first files, a forked worker the others.
        assert _loaded(root, 2) == _loaded(root, 1), name
