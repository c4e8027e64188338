"""Shared fixtures: tiny projects written into tmp_path from a dict of files."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
"""The repository: its configs, theme, lexicon and hand-written pages. Never its data (below)."""

EXCHANGE = REPO / "tests" / "cases" / "exchange-2021"
"""A frozen copy of the shipped case's data and gold: tests that need real data read this, so that an
editor adding a file to statements/, issuers/ or articles/ never breaks a test."""


def project_from(dest: Path, data: Path = EXCHANGE) -> Path:
    """A project in `dest`: the repository's configs, theme overrides, lexicon and hand-written pages,
    with the issuers, statements and articles of `data` (and its gold, as tests/gold)."""
    from muqabala.vocabulary import GENERATED

    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "mkdocs.ar.yml", "LICENSE"):
        shutil.copy(REPO / name, dest / name)
    for folder in ("overrides", "lexicon"):
        shutil.copytree(REPO / folder, dest / folder)
    for lang_dir in sorted((REPO / "content").iterdir()):
        for path in sorted(lang_dir.iterdir()):
            if path.name not in GENERATED:
                target = dest / "content" / lang_dir.name / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                (shutil.copytree if path.is_dir() else shutil.copy)(path, target)
    for folder in ("issuers", "statements", "articles"):
        shutil.copytree(data / folder, dest / folder)
    if (data / "gold").is_dir():
        shutil.copytree(data / "gold", dest / "tests" / "gold")
    return dest


@pytest.fixture(scope="session")
def exchange(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project holding the shipped case's frozen copy; shared by the session, so never edit it."""
    return project_from(tmp_path_factory.mktemp("exchange") / "project")


@pytest.fixture(scope="session")
def exchange_site(tmp_path_factory: pytest.TempPathFactory, exchange: Path) -> Path:
    """The shipped case's frozen copy built for real, once per session (per worker under `pytest -n`)
    for every test that reads the built site; shared, so never edit it (copy it first)."""
    from muqabala.site.build import build

    out = tmp_path_factory.mktemp("exchange-site") / "site"
    build(exchange, out)
    return out


ISSUER = """\
schema_version: 1
id: {id}
name: {{ar: "{ar}", en: "{en}"}}
kind: {kind}
"""

STATEMENT = """\
schema_version: 1
id: st
case: case-1
issuer: gov
title:
  text: A title
  translations: {ar: عنوان}
date: 2021-07-19
url: https://example.org/a
no_archive_reason: {en: not archived, ar: لم يُؤرشف}
language: en
completeness: complete
translator: Test Translator
paragraphs:
  - sentences:
      - id: p1-s1
        text: The activity was undertaken from the territory of Ruritania.
        translations: {ar: نُفّذ النشاط من أراضي روريتانيا.}
"""

ARTICLE = """\
schema_version: 1
id: art
case: case-1
outlet: {ar: صحيفة, en: A paper}
no_url_reason: {en: none recorded, ar: لم يُسجَّل}
date: 2021-07-20
language: ar
translator: Test Translator
headline:
  id: headline
  text: عنوان الخبر
  translations: {en: The headline}
paragraphs:
  - sentences:
      - id: p1-s1
        text: اتهمت الحكومة روريتانيا.
        translations: {en: The government accused Ruritania.}
"""


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def tiny_files() -> dict[str, str]:
    """A valid one-issuer, one-statement, one-article project."""
    return {
        "issuers/gov.yaml": ISSUER.format(id="gov", ar="الحكومة", en="The Government", kind="government"),
        "statements/st.yaml": STATEMENT,
        "articles/art.yaml": ARTICLE,
    }


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_tree(tmp_path, tiny_files())


def rank(aligner, article_id: str, claim_id: str, k: int = 10):  # type: ignore[no-untyped-def]
    """`Aligner.rank` by ids, for tests."""
    article = aligner.corpus.articles[article_id]
    claim = next((s for s in article.sentences() if s.id == claim_id), None)
    if claim is None:
        raise KeyError(f"article {article_id!r} has no sentence {claim_id!r}")
    return aligner.rank(article, claim, k=k)
