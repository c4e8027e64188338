"""`muqabala bench` on the frozen copy of the shipped case: the shape of its JSON and chart. No timing is asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from muqabala.cli import main
from muqabala.tools.bench import OWN, RATIOS, STAGES, median_of, svg_chart, table
from muqabala.tools.memwatch import watch


@pytest.mark.slow
def test_bench_json_and_chart(tmp_path: Path, exchange: Path) -> None:
    chart = tmp_path / "bench.svg"
    result = CliRunner().invoke(
        main,
        [
            "bench",
            "--scales",
            "1",
            "--root",
            str(exchange),
            "--json",
            "--chart",
            str(chart),
            "--workdir",
            str(tmp_path / "work"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert isinstance(data, list) and len(data) == 1
    row = data[0]
    assert row["scale"] == 1
    for stage in STAGES:
        assert isinstance(row[stage], float) and row[stage] >= 0, stage
    assert 0 < row["own_ratio"] < 1
    assert row["own"] == pytest.approx(sum(row[k] for k in OWN))
    for build in ("full_build", "rebuild_edit"):
        parts = row[f"{build}_parts"]
        # After the edit MkDocs builds the changed pages alone, into links to the published site.
        copy = {"copy"} if build == "rebuild_edit" else set()
        assert set(parts) == {"check", "engine", "render", "mkdocs", "write"} | copy, build
        assert row[f"{build}_own"] == pytest.approx(sum(v for k, v in parts.items() if k != "mkdocs"))
        assert 0 < row[f"{build}_own_ratio"] < 1
        assert row[f"{build}_startup"] >= 0
    assert set(row["noop_build_parts"]) == {"compare"}  # nothing changed: nothing built
    for ratio in RATIOS:
        assert row[ratio] > 0, ratio
    assert len(row["loadavg_start"]) == 3 and len(row["loadavg_end"]) == 3 and row["runs"] == 1
    assert row["peak_mb"] > 0 and row["peak_mb_mkdocs"] > 0 and row["peak_mb_build"] > 0
    assert row["peak_mb_engine_rss"] >= row["peak_mb_engine_all"] > 0
    assert row["statements"] == 10 and row["articles"] == 1
    assert row["link_problems"] == 0
    assert chart.read_text(encoding="utf-8").startswith("<svg")
    assert not (tmp_path / "work" / "scale-1").exists()  # removed without --keep


def test_table_and_chart_from_results() -> None:
    row = {
        "scale": 1,
        "statements": 10,
        "sentences": 94,
        "articles": 1,
        "claims": 25,
        "pages_en": 15,
        **{k: 1.0 for k in STAGES},
        "own": 4.0,
        "own_ratio": 0.8,
        "full_vs_bare": 1.5,
        "peak_mb": 50.0,
        "peak_mb_engine": 40.0,
    }
    rows = [row, {**row, "scale": 10, "own": 40.0}]
    text = table(rows)
    assert "10x" in text and "80.0%" in text
    svg = svg_chart(rows)
    assert svg.count("<polyline") == 4 and "10×" in svg


def test_bad_scales_are_refused() -> None:
    result = CliRunner().invoke(main, ["bench", "--scales", "1,x"])
    assert result.exit_code == 2
    assert "must be whole numbers separated by commas, like 1,10,100 (got '1,x')" in result.output


def test_median_of_runs() -> None:
    runs = [
        {"scale": 10, "full_build": f, "full_build_parts": {"mkdocs": f / 2}, "edited": "statements/x.yaml"}
        for f in (3.0, 1.0, 2.0)
    ]
    assert median_of(runs) == {
        "scale": 10,
        "full_build": 2.0,
        "full_build_parts": {"mkdocs": 1.0},
        "edited": "statements/x.yaml",
        "runs": 3,
    }
    text = table(
        [
            {
                **median_of(runs),
                "statements": 1,
                "sentences": 1,
                "articles": 1,
                "claims": 1,
                "peak_mb": 1.0,
                "peak_mb_engine": 1.0,
                "noop_vs_full": 0.05,
                "linkcheck_vs_read": 4.0,
            }
        ]
    )
    assert "no-op build / full build" in text and "5.0%" in text and "4.00x" in text


def test_memwatch_sums_the_processes_a_process_started() -> None:
    """The watcher sums a process's tree: a process holding 64 MB counts at least that much, once.
    (Watched from here, not from the test's own process: a test session has other children.)"""
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; b = b'x' * (64 << 20); print('ready', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        stop, go = os.pipe()
        os.write(go, b"x")  # readable at once: one sample
        try:
            peaks = watch(child.pid, stop)
        finally:
            os.close(stop)
            os.close(go)
    finally:
        child.communicate("")
    assert peaks["processes"] == 1
    assert peaks["rss"] >= peaks["pss"] >= 64
    assert peaks["hwm"] >= 64
