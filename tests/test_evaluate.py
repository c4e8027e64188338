"""Retrieval metrics and flag precision/recall."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, project_from, tiny_files, write_tree
from muqabala.cli import main
from muqabala.data.corpus import load_corpus
from muqabala.tools.evaluate import evaluate, evidence_metrics, flag_metrics, with_distractors


def test_perfect_ranking_scores_one():
    m = evidence_metrics({"c1": ["s#1", "s#2"]}, {"c1": ["s#1"]})
    assert m == {"claims": 1, "p_at_1": 1.0, "mrr": 1.0, "map_at_5": 1.0}


def test_second_place_halves_mrr_and_ap():
    m = evidence_metrics({"c1": ["s#2", "s#1"]}, {"c1": ["s#1"]})
    assert (m["p_at_1"], m["mrr"], m["map_at_5"]) == (0.0, 0.5, 0.5)


def test_ap_divides_by_the_gold_size_capped_at_five():
    m = evidence_metrics({"c1": ["s#1", "x#1", "s#2"]}, {"c1": ["s#1", "s#2", "s#3"]})
    assert m["map_at_5"] == pytest.approx((1 + 2 / 3) / 3)


def test_claims_with_empty_gold_do_not_count():
    m = evidence_metrics({"c1": ["s#1"], "c2": ["s#9"]}, {"c1": ["s#1"], "c2": []})
    assert m["claims"] == 1 and m["p_at_1"] == 1.0


def test_a_claim_missing_from_the_ranking_scores_zero():
    assert evidence_metrics({}, {"c1": ["s#1"]})["mrr"] == 0.0


def test_flag_metrics_count_expected_missed_and_unexpected_major():
    fired = {"c1": {"number": "major"}, "c2": {"scope": "major", "hedge": "minor"}}
    out = flag_metrics(fired, {"c1": ["number", "speaker"]}, ["c2"])
    assert out["number"] == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0}
    assert out["speaker"]["recall"] == 0.0
    assert out["scope"]["precision"] == 0.0
    assert "hedge" not in out


GOLD = """\
schema_version: 1
article: art
case: case-1
split: {split}
evidence:
  p1-s1: [st#p1-s1]
  headline: []
must_fire:
  p1-s1: [attribution_level]
must_stay_clean: [headline]
verdicts:
  p1-s1: [misleading, misattributed]
  headline: [not_a_claim, supported, unsupported]
"""


def tiny_project(tmp_path: Path, split: str = "evaluation") -> Path:
    files = tiny_files()
    files["mkdocs.yml"] = "site_name: tiny\n"
    files["tests/gold/art.yaml"] = GOLD.format(split=split)
    write_tree(tmp_path, files)
    shutil.copytree(REPO / "lexicon", tmp_path / "lexicon")
    return tmp_path


def test_command_prints_json_figures_per_case_and_split(tmp_path: Path):
    result = CliRunner().invoke(main, ["evaluate", "--root", str(tiny_project(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["schema_version"] == 2
    case = out["cases"]["case-1"]
    assert case["split"] == "evaluation" and case["articles"] == 1
    assert set(case["evidence"]) == {"claims", "p_at_1", "mrr", "map_at_5"}
    assert case["evidence"]["claims"] == 1 and case["evidence"]["p_at_1"] == 1.0
    assert set(out["splits"]) == {"evaluation"}
    assert out["overall"]["verdicts"]["claims"] == 2
    # "The government accused Ruritania" against "from the territory of Ruritania".
    assert out["articles"]["art"]["claims_detail"]["p1-s1"]["must_fire"] == ["attribution_level"]


def test_tuning_and_evaluation_cases_are_reported_apart(tmp_path: Path):
    root = tiny_project(tmp_path, split="tuning")
    result = CliRunner().invoke(main, ["evaluate", "--root", str(root), "--json", "--no-distractors"])
    out = json.loads(result.output)
    assert set(out["splits"]) == {"tuning"} and "distractors" not in out
    table = CliRunner().invoke(main, ["evaluate", "--root", str(root), "--no-distractors"]).output
    assert "all tuning" in table and "all evaluation" not in table


def test_a_gold_file_naming_a_claim_the_article_lacks_is_an_error(tmp_path: Path):
    root = tiny_project(tmp_path)
    path = root / "tests" / "gold" / "art.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("must_stay_clean: [headline]", "must_stay_clean: [p9-s9]"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["evaluate", "--root", str(root)])
    assert result.exit_code == 1
    assert "tests/gold/art.yaml:10: must_stay_clean[0]: no sentence 'p9-s9' in article 'art'" in result.output


def test_a_gold_file_of_an_unknown_split_is_refused(tmp_path: Path):
    root = tiny_project(tmp_path, split="training")
    result = CliRunner().invoke(main, ["evaluate", "--root", str(root)])
    assert result.exit_code == 1
    assert "tests/gold/art.yaml:4: split: must be one of 'tuning' or 'evaluation' (got 'training')" in result.output


def test_command_without_gold_says_so(tmp_path: Path):
    result = CliRunner().invoke(main, ["evaluate", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert "Error: no gold file for any article" in result.output


def test_command_finds_the_project_upwards_like_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    tiny_project(tmp_path)
    # Run from a subfolder without --root: the current folder holds no data and no gold.
    monkeypatch.chdir(tmp_path / "articles")
    result = CliRunner().invoke(main, ["evaluate", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles"]["art"]["claims_detail"]["p1-s1"]["gold"] == ["st#p1-s1"]


def test_distractors_file_every_other_case_under_the_case(exchange: Path, tmp_path: Path):
    root = project_from(tmp_path / "p")
    shutil.copytree(REPO / "tests" / "cases" / "ruritania" / "statements", root / "statements", dirs_exist_ok=True)
    shutil.copytree(REPO / "tests" / "cases" / "ruritania" / "issuers", root / "issuers", dirs_exist_ok=True)
    corpus = load_corpus(root)
    merged = with_distractors(corpus, "exchange-2021")
    assert set(merged.cases) == {"exchange-2021"}
    assert len(merged.cases["exchange-2021"].statements) == len(corpus.statements)
    assert corpus.cases["exchange-2021"].statements.keys() < merged.cases["exchange-2021"].statements.keys()


def test_the_shipped_case_keeps_its_evidence_when_other_cases_are_filed_under_it(exchange: Path, tmp_path: Path):
    # An invented case with its own statements, filed under the Exchange case by mistake: the
    # Exchange article's evidence and required flags must not get worse.
    root = project_from(tmp_path / "p")
    for folder in ("statements", "issuers"):
        shutil.copytree(REPO / "tests" / "cases" / "ruritania" / folder, root / folder, dirs_exist_ok=True)
    # Dated a month before the article, so that they compete as candidates (later ones cannot).
    for path in (root / "statements").glob("*-2024-*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^date: .*$", "date: '2021-06-15'", text, count=1, flags=re.M), encoding="utf-8")
    out = evaluate(root)
    alone, merged = out["cases"]["exchange-2021"], out["distractors"]["exchange-2021"]
    assert merged["evidence"]["p_at_1"] >= alone["evidence"]["p_at_1"]
    assert merged["required_flags"]["recall"] >= alone["required_flags"]["recall"]


def test_tallies_add_every_count_false_support_included():
    from muqabala.tools.evaluate import Tally

    a, b = Tally(claims=2, verdict_claims=2, verdicts_right=1, false_support=1), Tally(claims=3, false_support=2)
    a.add(b)
    assert (a.claims, a.false_support, a.figures()["verdicts"]["false_support"]) == (5, 3, 3)
