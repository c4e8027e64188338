"""Retrieval metrics and flag precision/recall."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import tiny_files, write_tree
from muqabala.cli import main
from muqabala.tools.evaluate import evidence_metrics, flag_metrics

REPO = Path(__file__).resolve().parents[1]


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


def test_command_prints_json_figures_for_the_real_data():
    result = CliRunner().invoke(main, ["evaluate", "--root", str(REPO), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["exchange-hack-ar"]["evidence"]
    assert set(figures) == {"claims", "p_at_1", "mrr", "map_at_5"}


def test_command_without_gold_says_so(tmp_path: Path):
    result = CliRunner().invoke(main, ["evaluate", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert "Error: no gold file for any article" in result.output


def test_command_finds_the_project_upwards_like_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    files = tiny_files()
    files["mkdocs.yml"] = "site_name: tiny\n"
    files["tests/gold/case-1-evidence.yaml"] = "schema_version: 1\narticle: art\nevidence:\n  p1-s1: [st#p1-s1]\n"
    write_tree(tmp_path, files)
    shutil.copytree(REPO / "lexicon", tmp_path / "lexicon")
    # Run from a subfolder without --root: the current folder holds no data and no gold.
    monkeypatch.chdir(tmp_path / "articles")
    result = CliRunner().invoke(main, ["evaluate", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["art"]["claims"]["p1-s1"]["gold"] == ["st#p1-s1"]
