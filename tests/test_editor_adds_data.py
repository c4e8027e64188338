"""An editor's whole job is adding data files: adding valid ones must never break `make test`.

The test suite reads no file of statements/, issuers/ or articles/ (tests use the frozen copy in
tests/cases/); what `make test` runs on the shipped data is `muqabala check`, a strict build and
`muqabala links`. This test adds valid files to a copy of the shipped data and runs exactly those.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, project_from
from muqabala.cli import main

RURITANIA = REPO / "tests" / "cases" / "ruritania"


@pytest.mark.slow
def test_adding_valid_issuers_statements_and_articles_keeps_the_checks_green(tmp_path: Path) -> None:
    root = project_from(tmp_path / "p", data=REPO)
    # A new case: its issuers, statements and article.
    for folder in ("issuers", "statements", "articles"):
        for path in sorted((RURITANIA / folder).glob("*.yaml")):
            shutil.copy(path, root / folder / path.name)
    # A statement filed under an existing case, as when a case grows.
    grown = (RURITANIA / "statements" / "borduria-2024-05-02.yaml").read_text(encoding="utf-8")
    grown = grown.replace("id: borduria-2024-05-02", "id: borduria-exchange-2021-07-19").replace(
        "case: ruritania-grid-2024", "case: exchange-2021"
    )
    (root / "statements" / "borduria-exchange-2021-07-19.yaml").write_text(grown, encoding="utf-8")

    runner = CliRunner()
    for args in (["check"], ["build"], ["links"]):
        result = runner.invoke(main, [*args, "--root", str(root)])
        assert result.exit_code == 0, f"muqabala {' '.join(args)}:\n{result.output}"
    assert (root / "site" / "en" / "articles" / "grid-attack-ar" / "index.html").is_file()
