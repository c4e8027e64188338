"""The synthetic project generator: valid, loadable, deterministic, and 1x is the shipped case."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import REPO
from muqabala.data.corpus import load_corpus
from muqabala.tools.synth import case_files, generate
from muqabala.vocabulary import GENERATED


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            sha.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def test_scale_1_is_the_source_project_as_it_is(tmp_path: Path, exchange: Path) -> None:
    summary = generate(tmp_path / "p", 1, source=exchange)
    corpus = load_corpus(tmp_path / "p")
    shipped = load_corpus(exchange)
    assert sorted(corpus.statements) == sorted(shipped.statements)
    assert sorted(corpus.articles) == sorted(shipped.articles)
    assert (summary.cases, summary.statements, summary.articles) == (1, len(shipped.statements), 1)
    for folder in ("statements", "articles", "issuers", "lexicon"):
        assert digest(tmp_path / "p" / folder) == digest(exchange / folder)


def test_scale_10_loads_with_ten_cases(tmp_path: Path, exchange: Path) -> None:
    summary = generate(tmp_path / "p", 10, source=exchange)
    corpus = load_corpus(tmp_path / "p")
    assert len({s.case for s in corpus.statements.values()}) == summary.cases == 10
    assert len(corpus.statements) == summary.statements == 100
    assert len(corpus.articles) == summary.articles == 10
    assert sum(len(s.sentences()) for s in corpus.statements.values()) == summary.sentences
    assert sum(len(a.sentences()) for a in corpus.articles.values()) == summary.claims
    # Every article is checked against a case of its own, with every statement of it.
    for art in corpus.articles.values():
        assert sum(s.case == art.case for s in corpus.statements.values()) == 10


def test_copies_pages_and_configs_but_never_generated_pages(tmp_path: Path, exchange: Path) -> None:
    generate(tmp_path / "p", 1, source=exchange)
    for name in ("mkdocs.yml", "mkdocs.ar.yml"):
        assert (tmp_path / "p" / name).read_bytes() == (REPO / name).read_bytes()
    assert (tmp_path / "p" / "overrides").is_dir()
    for lang in ("en", "ar"):
        copied = {p.name for p in (tmp_path / "p" / "content" / lang).iterdir()}
        assert {"index.md", "guide.md"} <= copied
        assert not copied & set(GENERATED)


def test_same_seed_same_bytes(tmp_path: Path, exchange: Path) -> None:
    generate(tmp_path / "a", 10, seed=3, source=exchange)
    generate(tmp_path / "b", 10, seed=3, source=exchange)
    generate(tmp_path / "c", 10, seed=4, source=exchange)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a" / "statements") != digest(tmp_path / "c" / "statements")


def test_a_case_does_not_depend_on_the_scale() -> None:
    # The cases of 10x are the first cases of 100x: a larger archive only adds cases.
    assert case_files(0, 5) == case_files(0, 5)
    assert case_files(0, 5) != case_files(0, 6)


def test_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="destination must be empty"):
        generate(tmp_path, 1, source=REPO)
    with pytest.raises(ValueError, match=r"scale must be 1 or more \(got 0\)"):
        generate(tmp_path / "new", 0, source=REPO)
