"""The progress a build reports: its stages in order, and every page of both languages."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from muqabala.site.build import build
from muqabala.site.progress import Recorder, TerminalProgress
from test_build import tiny_site


def test_a_build_reports_its_stages_and_every_page(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    recorder = Recorder()
    build(root, progress=recorder)
    stages = [e[1] for e in recorder.events if e[0] == "stage"]
    assert stages == [
        "Checking the data",
        "Collating articles with statements",
        "Writing the pages",
        "Building both languages with MkDocs",
        "Publishing the site",
    ]
    last = {e[1]: e[2:] for e in recorder.events if e[0] == "pages"}
    # 4 hand-written pages, the article, its checks, its two claims' pages (headline and p1-s1),
    # the statement, compare, discrepancies, open data, and MkDocs' 404 page.
    assert last == {"en": (13, 13), "ar": (13, 13)}
    for lang in ("en", "ar"):
        written = [e[2] for e in recorder.events if e[0] == "pages" and e[1] == lang]
        assert written == sorted(written)


def test_the_terminal_display_names_the_stage_and_counts_pages() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with TerminalProgress(console) as progress:
        progress.stage("Checking the data")
        progress.pages("ar", 3, 10)
        progress.progress.refresh()
        shown = out.getvalue()
    assert "Checking the data" in shown
    assert "MkDocs pages (ar)" in shown and "3/10" in shown
