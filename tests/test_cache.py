"""The engine cache: per-case parts assemble into the report a full collation gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from muqabala.collate import engine
from muqabala.collate.engine import collate
from muqabala.data.corpus import load_corpus
from muqabala.data.files import data_digest, data_files
from muqabala.site import cache
from muqabala.site.cache import CASES_DIR, Memory, cached_report, case_keys, current_key
from muqabala.tools.synth import generate


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, exchange: Path) -> Path:
    root = tmp_path_factory.mktemp("cache") / "p"
    generate(root, 3, source=exchange)
    return root


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record the cases each call of `collate_cases` is asked for."""
    calls: list[list[str]] = []
    real = engine.collate_cases

    def counted(corpus, cases, root=None, jobs=None):  # type: ignore[no-untyped-def]
        calls.append(sorted(cases))
        return real(corpus, cases, root, jobs)

    monkeypatch.setattr(cache, "collate_cases", counted)
    return calls


def _edit(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("translator:", "translator: (revised)", 1) + "\n# edited\n", encoding="utf-8")


def test_report_from_cached_cases_is_the_full_report(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    corpus = load_corpus(project)
    full = collate(corpus, project).model_dump_json()
    assert len(corpus.cases) == 3
    cold = cached_report(corpus, project).model_dump_json()
    assert cold == full
    keys = case_keys(corpus, project)
    assert {p.stem for p in (project / CASES_DIR).glob("*.json")} >= set(keys.values())
    # Without the whole report, every case comes from its own entry and none is collated.
    for whole in (project / cache.CACHE_DIR).glob("*.json"):
        whole.unlink()
    calls.clear()
    warm = cached_report(load_corpus(project), project).model_dump_json()
    assert calls == []
    assert warm == full


def test_an_edit_recollates_only_its_case(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = load_corpus(project)
    cached_report(corpus, project)
    before = case_keys(corpus, project)
    statement = sorted(corpus.statements.values(), key=lambda s: s.id)[-1]
    _edit(project / corpus.files[f"statement:{statement.id}"])

    calls = _counting(monkeypatch)
    edited = load_corpus(project)
    after = case_keys(edited, project)
    assert [c for c in after if after[c] != before[c]] == [statement.case]
    written = set((project / CASES_DIR).glob("*.json"))
    report = cached_report(edited, project).model_dump_json()
    assert calls == [[statement.case]]
    new = set((project / CASES_DIR).glob("*.json")) - written
    assert new == {project / CASES_DIR / f"{after[statement.case]}.json"}
    assert report == collate(edited, project).model_dump_json()


def test_an_issuer_edit_recollates_every_case(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = load_corpus(project)
    cached_report(corpus, project)
    before = case_keys(corpus, project)
    issuer = sorted(i for i in corpus.files if i.startswith("issuer:"))[0]
    path = project / corpus.files[issuer]
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    calls = _counting(monkeypatch)
    edited = load_corpus(project)
    after = case_keys(edited, project)
    assert all(after[c] != before[c] for c in after)
    report = cached_report(edited, project).model_dump_json()
    assert calls == [sorted(after)]
    assert report == collate(edited, project).model_dump_json()


def test_a_damaged_case_entry_is_recollated(project: Path) -> None:
    corpus = load_corpus(project)
    full = collate(corpus, project).model_dump_json()
    for path in (project / cache.CACHE_DIR).glob("*.json"):
        path.unlink()
    for key in case_keys(corpus, project).values():
        (project / CASES_DIR / f"{key}.json").write_text('{"statements": [', encoding="utf-8")
    assert cached_report(corpus, project).model_dump_json() == full


def test_the_cache_key_covers_the_collation_code_not_only_the_site_layer(exchange: Path) -> None:
    # The cache lives in site/; a change to the engine in collate/ must still give new keys.
    import muqabala
    from muqabala.site.cache import dependencies_key

    package = Path(muqabala.__file__).parent
    rule = package / "collate" / "rules" / "hedge.py"
    before = dependencies_key(exchange)
    original = rule.read_bytes()
    try:
        rule.write_bytes(original + b"\n# edited\n")
        assert dependencies_key(exchange) != before
    finally:
        rule.write_bytes(original)


def test_a_sessions_memory_keeps_the_parts_and_an_edit_collates_only_its_case(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `serve` keeps between builds: the parts of the last build, by key, not read from their JSON again.
    memory = Memory()
    corpus = load_corpus(project)
    full = cached_report(corpus, project, memory).model_dump_json()
    keys = case_keys(corpus, project)
    assert sorted(memory.parts) == sorted(keys.values())
    shutil.rmtree(project / cache.CACHE_DIR)  # nothing left on disk: every part comes from memory
    calls = _counting(monkeypatch)
    assert cached_report(corpus, project, memory).model_dump_json() == full
    assert calls == []
    statement = sorted(corpus.statements.values(), key=lambda s: s.id)[0]
    _edit(project / corpus.files[f"statement:{statement.id}"])
    edited = load_corpus(project)
    report = cached_report(edited, project, memory).model_dump_json()
    assert calls == [[statement.case]]
    assert report == collate(edited, project).model_dump_json()
    assert sorted(memory.parts) == sorted(case_keys(edited, project).values())


def test_the_current_key_follows_an_edit_that_keeps_the_files_size(project: Path) -> None:
    # The data's hash is kept by the files' identities (`serve` asks on every rebuild).
    path = sorted((project / "statements").glob("*.yaml"))[0]
    before = current_key(project)
    assert current_key(project) == before
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("translator:", "translatoR:", 1), encoding="utf-8")
    try:
        assert path.stat().st_size == len(text.encode())
        assert current_key(project) != before
        assert current_key(project) == cache._key(data_digest(project), project)
    finally:
        path.write_text(text, encoding="utf-8")
    assert current_key(project) == before


def test_the_data_hash_reread_from_an_edited_file_on_is_the_whole_hash(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # After an edit only the files from the edited one on are read again (the hash's state after
    # each file is kept): an edit at the start, in the middle, a file added and one removed.
    read: list[Path] = []
    digest_file = cache.digest_file
    monkeypatch.setattr(cache, "digest_file", lambda sha, path, *a: read.append(path) or digest_file(sha, path, *a))
    files = [path for _, path in data_files(project)]
    assert len(files) > 3
    assert cache._data_digest(project) == data_digest(project)
    texts = {path: path.read_bytes() for path in files}
    try:
        for at in (0, len(files) // 2, len(files) - 1):
            files[at].write_bytes(texts[files[at]] + b"# edited\n")
            read.clear()
            assert cache._data_digest(project) == data_digest(project)
            assert read == files[at:]
        extra = project / "statements" / "zz-added.yaml"
        extra.write_bytes(texts[files[len(files) // 2]])
        assert cache._data_digest(project) == data_digest(project)
        extra.unlink()
        files[1].unlink()
        assert cache._data_digest(project) == data_digest(project)
    finally:
        for path, raw in texts.items():
            path.write_bytes(raw)
    assert cache._data_digest(project) == data_digest(project)
