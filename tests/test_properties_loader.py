"""Whatever a statement file holds, `load_corpus` either succeeds or raises `DataError`.

Never another exception, never a hang, and every reported line points into the file.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import STATEMENT, tiny_files, write_tree
from muqabala.data.corpus import load_corpus
from muqabala.data.errors import DataError
from muqabala.data.yamlfile import _first_not_nfc

PROPERTIES = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

LINES = STATEMENT.splitlines(keepends=True)


def check_statement(content: bytes) -> None:
    """Write `content` as the statement of the tiny project and load it: only DataError may escape."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_tree(Path(folder), tiny_files())
        (root / "statements" / "st.yaml").write_bytes(content)
        try:
            load_corpus(root)
        except DataError as e:
            lines = max(1, content.count(b"\n") + 1)
            for problem in e.problems:
                assert 1 <= problem.line <= lines + 1, problem
                assert "\n" not in str(problem)


@PROPERTIES
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    check_statement(text.encode("utf-8", "surrogatepass"))


@PROPERTIES
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    check_statement(data)


@PROPERTIES
@given(st.text(alphabet="[]{}:,-?&*!|>'\"#% \n\tab1", max_size=200))
def test_yaml_punctuation(text: str) -> None:
    check_statement(text.encode())


@st.composite
def mutated_statement(draw: st.DrawFn) -> str:
    """The valid statement with a few lines deleted, duplicated, re-indented or salted with unicode."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "insert", "tab"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
        elif action == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif action == "tab":
            lines[i] = "\t" + lines[i].lstrip(" ")
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(min_size=1, max_size=3)) + lines[i][at:]
    return "".join(lines)


@PROPERTIES
@given(mutated_statement())
def test_mutated_statement(text: str) -> None:
    check_statement(text.encode("utf-8", "surrogatepass"))


@PROPERTIES
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("aeAEc\u0627\u1100\u1161\u11a8\u212b\u0958\u0301\u0327\u0651\u064e"),
            st.characters(codec="utf-8"),
        ),
        max_size=12,
    )
)
def test_first_not_nfc_matches_the_plain_definition(value: str) -> None:
    # The fast search must agree with "the first prefix that is not NFC".
    if not unicodedata.is_normalized("NFC", value):
        slow = next(i for i in range(len(value)) if unicodedata.normalize("NFC", value[: i + 1]) != value[: i + 1])
        assert _first_not_nfc(value) == slow
