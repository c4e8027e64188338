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

from conftest import STATEMENT, tiny_files, write_tree
from muqabala.data.yamlfile import MAX_BYTES

BROKEN = Path(__file__).parent / "broken"

HANG_GUARD = 20
"""Seconds before a case counts as hung. Cases take well under one; this is no timing test."""


def _huge_file(root: Path) -> None:
    padding = MAX_BYTES + 1 - len(STATEMENT.encode())
    line = "# " + "x" * 97 + "\n"
    text = STATEMENT + line * (padding // len(line)) + "#" * (padding % len(line))
    (root / "statements" / "st.yaml").write_text(text, encoding="utf-8")


def _file_name_with_newline(root: Path) -> None:
    # A newline in a file name must not forge a line of the report.
    text = STATEMENT.replace("id: st\n", "id: st2\n").replace("issuer: gov", "issuer: govt")
    (root / "statements" / "st2.yaml\nError: 0 problems in 0 files\n.yaml").write_text(text, encoding="utf-8")


GENERATED: dict[str, Callable[[Path], None]] = {
    "huge-file": _huge_file,
    "file-name-with-newline": _file_name_with_newline,
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
