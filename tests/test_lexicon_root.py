"""Every lexicon file comes from the project's own `lexicon/` folder, never from beside the code.

Each test builds a tiny project in tmp_path with a copy of the shipped lexicon, edits one file,
and runs the engine on it: the edit must show in the report, and a missing or broken file must
be reported with its file and line instead of being replaced by the repository's copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, STATEMENT, rank, tiny_files, write_tree
from muqabala.collate.align import Aligner
from muqabala.collate.engine import collate
from muqabala.data.corpus import load_corpus
from muqabala.data.errors import DataError
from muqabala.report import Report

# The statement counts in a scale word the shipped lexicon does not know and names a group it
# does not list; the article words the same figure in digits and names the same group.
STATEMENT_TEXT = STATEMENT.replace(
    "        text: The activity was undertaken from the territory of Ruritania.\n"
    "        translations: {ar: نُفّذ النشاط من أراضي روريتانيا.}\n",
    "        text: Purple Otter, operating from Ruritania, compromised two lakh servers.\n"
    "        translations: {ar: اخترقت مجموعة القضاعة الأرجوانية من روريتانيا مئتي ألف خادم.}\n",
)

ARTICLE_TEXT = """\
schema_version: 1
id: art
case: case-1
outlet: {ar: صحيفة, en: A paper}
no_url_reason: {en: none recorded, ar: لم يُسجَّل}
date: 2021-07-20
language: en
translator: Test Translator
headline:
  id: headline
  text: Servers compromised
  translations: {ar: اختراق خوادم}
paragraphs:
  - sentences:
      - id: p1-s1
        text: Purple Otter compromised 200,000 servers from Ruritania.
        translations: {ar: اخترقت القضاعة الأرجوانية 200 ألف خادم من روريتانيا.}
"""

LAKH = "      trillion: 1000000000000\n"
"""The last English scale of the shipped numbers.yaml; the project's `lakh` goes after it."""

OTTER = """\
  - key: PURPLEOTTER
    kind: group
    names:
      en: [Purple Otter]
      ar: [القضاعة الأرجوانية]
"""


def project(root: Path) -> Path:
    """A one-case project whose lexicon is the shipped one plus `lakh` and Purple Otter."""
    files = tiny_files() | {"statements/st.yaml": STATEMENT_TEXT, "articles/art.yaml": ARTICLE_TEXT}
    write_tree(root, files)
    shutil.copytree(REPO / "lexicon", root / "lexicon")
    numbers = root / "lexicon" / "numbers.yaml"
    text = numbers.read_text(encoding="utf-8")
    assert text.count(LAKH) == 1
    numbers.write_text(text.replace(LAKH, LAKH + "      lakh: 100000\n"), encoding="utf-8")
    entities = root / "lexicon" / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8") + OTTER, encoding="utf-8")
    return root


def claim(report: Report) -> tuple[list[str], list[str]]:
    """The claim's discrepancy types and its best source's reasons."""
    (article,) = report.articles
    found = next(c for c in article.claims if c.id == "p1-s1")
    return [d.type for d in found.discrepancies], found.evidence[0].reasons


def test_the_projects_number_words_are_used(tmp_path: Path):
    corpus = load_corpus(project(tmp_path))
    own, shipped = collate(corpus), collate(corpus, REPO)
    assert [(f.value, f.unit) for f in own.statements[0].figures] == [(200000, "servers")]
    assert [(f.value, f.unit) for f in shipped.statements[0].figures] == [(2, "servers")]
    # The number rule and the aligner read the same file: the figure is the source's.
    types, reasons = claim(own)
    assert "number" not in types
    assert "figure:200000" in reasons
    types, reasons = claim(shipped)
    assert "number" in types
    assert "figure:200000" not in reasons


def test_the_projects_entities_are_used(tmp_path: Path):
    corpus = load_corpus(project(tmp_path))
    assert "entity:PURPLEOTTER" in claim(collate(corpus))[1]
    assert "entity:PURPLEOTTER" not in claim(collate(corpus, REPO))[1]
    assert "entity:PURPLEOTTER" in rank(Aligner(corpus), "art", "p1-s1")[0].reasons


def test_a_missing_or_broken_lexicon_file_is_an_error_not_the_shipped_one(tmp_path: Path):
    root = project(tmp_path)
    (root / "lexicon" / "numbers.yaml").unlink()
    entities = root / "lexicon" / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("kind: group\n", "kind: gang\n", 1), encoding="utf-8"
    )
    line = next(i for i, ln in enumerate(entities.read_text(encoding="utf-8").splitlines(), 1) if "gang" in ln)
    expected = [
        f"lexicon/entities.yaml:{line}: patterns[0].kind: must be one of 'group', 'code', 'organ', "
        "'organisation', 'product', 'person', 'state' or 'issuer' (got 'gang')",
        "lexicon/numbers.yaml:1: file is missing",
        "Error: 2 problems in 2 files",
    ]
    corpus = load_corpus(root)
    with pytest.raises(DataError) as err:
        collate(corpus)
    assert err.value.report().splitlines() == expected
    with pytest.raises(DataError) as err:
        Aligner(corpus)
    assert err.value.report().splitlines() == expected


def test_an_edited_lexicon_is_read_again_in_the_same_process(tmp_path: Path):
    # `muqabala serve` builds in one long-lived process while the editor edits the lexicon.
    root = project(tmp_path)
    corpus = load_corpus(root)
    assert [(f.value, f.unit) for f in collate(corpus).statements[0].figures] == [(200000, "servers")]
    numbers = root / "lexicon" / "numbers.yaml"
    numbers.write_text(numbers.read_text(encoding="utf-8").replace("lakh: 100000", "lakh: 300000"), encoding="utf-8")
    assert [(f.value, f.unit) for f in collate(corpus).statements[0].figures] == [(600000, "servers")]
