"""The attribution-coding measurement of `muqabala evaluate`: gold per case, figures, refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, tiny_files, write_tree
from muqabala.cli import main
from muqabala.report import Attribution
from muqabala.tools.coding import CodingTally, GoldCoding

SENTENCES = """\
      - id: p1-s1
        text: The activity was undertaken from the territory of China.
        translations: {ar: نُفّذ النشاط من أراضي الصين.}
      - id: p1-s2
        text: The Chinese Ministry of State Security was behind it.
        translations: {ar: كانت وزارة أمن الدولة الصينية وراءه.}
      - id: p1-s3
        text: The weather was fine.
        translations: {ar: كان الطقس جميلا.}
"""

ARTICLE_GOLD = """\
schema_version: 1
article: art
case: case-1
split: {split}
evidence:
  p1-s1: [st#p1-s1]
"""

CODING_GOLD = """\
schema_version: 1
case: case-1
split: {split}
sentences:
  "st#p1-s1": {{level: territory, state: CN, organ: null}}
  "st#p1-s2": {{level: state_organ, state: CN, organ: Ministry of State Security}}
  # Read too generously on purpose: the engine codes it none.
  "st#p1-s3": {{level: state_affiliated, state: CN}}
"""


def coding_project(tmp_path: Path, split: str = "tuning", coding_split: str | None = None) -> Path:
    files = tiny_files()
    statement = files["statements/st.yaml"]
    files["statements/st.yaml"] = statement[: statement.index("      - id: p1-s1")] + SENTENCES
    files["mkdocs.yml"] = "site_name: tiny\n"
    files["tests/gold/art.yaml"] = ARTICLE_GOLD.format(split=split)
    files["tests/gold/coding/case-1.yaml"] = CODING_GOLD.format(split=coding_split or split)
    write_tree(tmp_path, files)
    shutil.copytree(REPO / "lexicon", tmp_path / "lexicon")
    return tmp_path


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["evaluate", "--root", str(root), "--no-distractors", *args])


def test_json_reports_coding_per_case_split_and_overall(tmp_path: Path):
    result = run(coding_project(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["schema_version"] == 2
    coding = out["coding"]
    case = coding["cases"]["case-1"]
    assert case["split"] == "tuning" and case["sentences"] == 3
    assert case["confusion"]["territory"] == {"none": 0, "territory": 1, "state_affiliated": 0, "state_organ": 0}
    assert case["confusion"]["state_organ"]["state_organ"] == 1
    assert case["confusion"]["state_affiliated"]["none"] == 1
    assert case["level_accuracy"] == pytest.approx(2 / 3)
    assert case["attributing"] == {
        "sentences": 3,
        "level_right": 2,
        "level_accuracy": pytest.approx(2 / 3),
        "found": 2,
        "recall": pytest.approx(2 / 3),
    }
    assert case["spurious"] == 0
    assert case["state"] == {"named": 3, "agree": 2, "rate": pytest.approx(2 / 3)}
    assert case["organ"] == {"named": 1, "agree": 1, "rate": 1.0}
    assert set(coding["splits"]) == {"tuning"} and coding["overall"]["sentences"] == 3
    assert case["disagreements"] == [
        {
            "sentence": "st#p1-s3",
            "text": "The weather was fine.",
            "gold": {"level": "state_affiliated", "state": "CN", "organ": None},
            "engine": {"level": "none", "state": None, "organ": None, "cues": []},
        }
    ]


def test_the_coding_option_lists_the_tuning_disagreements(tmp_path: Path):
    result = run(coding_project(tmp_path), "--coding")
    assert result.exit_code == 0, result.output
    assert "Coding confusion, tuning cases (rows: gold level, columns: engine level):" in result.output
    assert "  state_affiliated        1      0      0      0" in result.output
    assert (
        "  st#p1-s3\n    gold   state_affiliated CN -\n    engine none - -\n    The weather was fine.\n"
        in result.output
    )
    # Without the option, the figures and not the sentences.
    plain = run(tmp_path).output
    assert "case-1             tuning             3   0.67" in plain and "The weather was fine." not in plain


def test_evaluation_cases_never_show_their_sentences(tmp_path: Path):
    root = coding_project(tmp_path, split="evaluation")
    result = run(root, "--coding")
    assert result.exit_code == 0, result.output
    assert "case-1 (evaluation): sentences not listed: never tune on an evaluation case." in result.output
    assert "st#p1-s3" not in result.output and "The weather was fine." not in result.output
    case = json.loads(run(root, "--json").output)["coding"]["cases"]["case-1"]
    assert "disagreements" not in case and case["confusion"]["state_affiliated"]["none"] == 1


def test_without_coding_gold_there_is_no_coding_section(tmp_path: Path):
    root = coding_project(tmp_path)
    (root / "tests" / "gold" / "coding" / "case-1.yaml").unlink()
    result = run(root, "--coding")
    assert result.exit_code == 0, result.output
    assert "Attribution coding" not in result.output
    assert "coding" not in json.loads(run(root, "--json").output)


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ('"st#p1-s3"', '"st#p9-s9"', "8: sentences.st#p9-s9: no sentence 'p9-s9' in statement 'st'"),
        ('"st#p1-s1"', '"nost#p1-s1"', "5: sentences.nost#p1-s1: no statement 'nost' in case 'case-1'"),
        (
            "level: territory",
            "level: from_territory",
            "5: sentences.st#p1-s1.level: must be one of 'none', 'territory', 'state_affiliated' or "
            "'state_organ' (got 'from_territory')",
        ),
        (
            "{level: state_affiliated, state: CN}",
            "{level: state_affiliated}",
            "8: sentences.st#p1-s3.state: a sentence coded state_affiliated names the state held responsible "
            "(got null)",
        ),
        (
            "{level: state_affiliated, state: CN}",
            "{level: none, state: CN}",
            "8: sentences.st#p1-s3.level: a sentence coded none names no state and no organ (got 'CN')",
        ),
        (
            "state: CN, organ: null",
            "state: China, organ: null",
            "5: sentences.st#p1-s1.state: must be a two-letter country code in capitals, like GB, or EU (got 'China')",
        ),
        ("case: case-1", "case: case-9", "2: case: no case 'case-9' in the project"),
        (
            '"st#p1-s1"',
            '"st-p1-s1"',
            "5: sentences.st-p1-s1: must be statement-id#sentence-id, like eu-declaration#p1-s2 (got 'st-p1-s1')",
        ),
    ],
)
def test_a_wrong_coding_gold_is_refused_in_the_house_format(tmp_path: Path, old: str, new: str, error: str):
    root = coding_project(tmp_path)
    path = root / "tests" / "gold" / "coding" / "case-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = run(root)
    assert result.exit_code == 1
    assert f"tests/gold/coding/case-1.yaml:{error}" in result.output


def test_the_coding_gold_must_keep_the_split_of_the_article_gold(tmp_path: Path):
    result = run(coding_project(tmp_path, split="tuning", coding_split="evaluation"))
    assert result.exit_code == 1
    assert (
        "tests/gold/coding/case-1.yaml:3: split: case 'case-1' is a tuning case in its article gold files "
        "(got 'evaluation')" in result.output
    )


def test_a_secondary_statement_is_not_coded(tmp_path: Path):
    root = coding_project(tmp_path)
    path = root / "statements" / "st.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("completeness: complete", "completeness: complete\nrole: secondary"),
        encoding="utf-8",
    )
    result = run(root)
    assert (
        "tests/gold/coding/case-1.yaml:5: sentences.st#p1-s1: "
        "statement 'st' is secondary: only primary statements are coded" in result.output
    )


def test_tallies_add_up_and_organs_compare_without_case():
    a, b = CodingTally(), CodingTally()
    assert a.count(
        GoldCoding(level="state_organ", state="RU", organ="gru"),
        Attribution(level="state_organ", state="RU", named_organ="GRU"),
    )
    assert not b.count(GoldCoding(level="territory", state="CN"), Attribution(level="none"))
    assert b.count(GoldCoding(level="none"), Attribution(level="none"))
    a.add(b)
    f = a.figures()
    assert (f["sentences"], f["attributing"]["sentences"], f["spurious"]) == (3, 2, 0)
    assert f["confusion"]["territory"]["none"] == 1 and f["organ"] == {"named": 1, "agree": 1, "rate": 1.0}
