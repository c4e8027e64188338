"""The page cache: pages kept per case give the pages a fresh render gives, and an edit
renders its own case again and no other."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from muqabala.data.corpus import load_corpus
from muqabala.site import render
from muqabala.site.cache import PAGES_DIR, Memory, PageCache, cached_report
from muqabala.site.pages import generate_languages
from muqabala.site.render import diffview, discrepancies, render_languages
from muqabala.tools.synth import generate


@pytest.fixture()
def project(tmp_path: Path, exchange: Path) -> Path:
    root = tmp_path / "p"
    generate(root, 3, source=exchange)
    return root


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record the cases each call of the renderer is asked for."""
    calls: list[list[str]] = []
    real = render._render_cases

    def counted(shared, cases):  # type: ignore[no-untyped-def]
        calls.append(sorted(cases))
        return real(shared, cases)

    monkeypatch.setattr(render, "_render_cases", counted)
    return calls


def _fresh(root: Path, base_url: str | None = None) -> dict[str, render.Pages]:
    corpus = load_corpus(root)
    return render_languages(corpus, cached_report(corpus, root), base_url=base_url)


def _cached(root: Path, base_url: str | None = None) -> dict[str, render.Pages]:
    corpus = load_corpus(root)
    return render_languages(corpus, cached_report(corpus, root), base_url=base_url, cache=PageCache(corpus, root))


def test_cached_pages_are_the_pages_rendered_afresh(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = _fresh(project)
    calls = _counting(monkeypatch)
    assert _cached(project) == fresh
    assert calls == [["case-0001", "case-0002", "exchange-2021"]]
    assert len(list((project / PAGES_DIR).glob("*.json"))) == 6  # 3 cases, 2 languages
    calls.clear()
    assert _cached(project) == fresh
    assert calls == []


def test_an_edit_renders_only_its_case_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _cached(project)
    corpus = load_corpus(project)
    edited = sorted(sid for sid, st in corpus.statements.items() if st.case == "case-0001")[0]
    path = project / corpus.files[f"statement:{edited}"]
    path.write_text(
        path.read_text(encoding="utf-8").replace("translator:", "translator: (revised)", 1), encoding="utf-8"
    )
    calls = _counting(monkeypatch)
    got = _cached(project)
    assert calls == [["case-0001"]]
    assert got == _fresh(project)
    assert "(revised)" in got["en"].files[f"statements/{edited}.md"]


def test_the_site_address_is_part_of_the_key(project: Path) -> None:
    without = _cached(project)
    with_url = _cached(project, "https://example.org/site")
    assert with_url == _fresh(project, "https://example.org/site")
    assert with_url != without
    assert _cached(project) == without


def test_a_damaged_entry_is_rendered_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = _fresh(project)
    _cached(project)
    damaged = sorted((project / PAGES_DIR).glob("*.json"))[0]
    damaged.write_bytes(damaged.read_bytes()[:100])
    calls = _counting(monkeypatch)
    assert _cached(project) == fresh
    assert len(calls) == 1 and len(calls[0]) == 1


def test_an_entry_of_another_shape_is_rendered_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = _fresh(project)
    _cached(project)
    entries = sorted((project / PAGES_DIR).glob("*.json"))
    for i, entry in enumerate(entries):
        # Valid JSON all: a mapping missing fields, a field of the wrong type, a list.
        entry.write_text(('{"case": "x"}', '{"files": 3}', "[]")[i % 3], encoding="utf-8")
    calls = _counting(monkeypatch)
    assert _cached(project) == fresh
    assert len(calls) == 1 and len(calls[0]) == len(entries) // 2


def test_old_entries_are_pruned_and_the_current_ones_kept(project: Path) -> None:
    generate_languages(project, {"en": project / "content" / "en", "ar": project / "content" / "ar"})
    folder = project / PAGES_DIR
    current = {p.name for p in folder.glob("*.json")}
    assert len(current) == 6
    for i in range(50):
        old = folder / f"{i:064x}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    generate_languages(project, {"en": project / "content" / "en", "ar": project / "content" / "ar"})
    left = {p.name for p in folder.glob("*.json")}
    assert current <= left and len(left) == 32  # at least 32, else two versions of every case


def test_parallel_rendering_gives_the_same_pages(tmp_path: Path, exchange: Path) -> None:
    # In a fresh process, for the reason given in test_engine's parallel test.
    script = textwrap.dedent(f"""
        from pathlib import Path
        from muqabala.data import parallel
        from muqabala.data.corpus import load_corpus
        from muqabala.collate.engine import collate
        from muqabala.site.render import render_languages
        from muqabala.tools.synth import generate

        root = Path({str(tmp_path)!r})
        generate(root, 3, source=Path({str(exchange)!r}))
        corpus = load_corpus(root)
        report = collate(corpus, root)
        assert parallel.can_fork()
        one = render_languages(corpus, report, jobs=1)
        assert render_languages(corpus, report, jobs=2) == one
        assert render_languages(corpus, report, jobs=3) == one
        print("identical")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "identical"


def test_a_sessions_memory_keeps_the_rendered_cases_and_the_pages_as_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `serve` keeps between builds: every case's rendered pages by entry, and the pages as written.
    docs = {lang: project / "content" / lang for lang in ("en", "ar")}
    memory = Memory()
    generate_languages(project, docs, memory=memory)
    written = {p: p.read_bytes() for lang in docs.values() for p in sorted(lang.rglob("*.md"))}
    assert len(memory.pages) == 6  # 3 cases, 2 languages
    shutil.rmtree(project / PAGES_DIR)  # nothing left on disk: every case comes from memory
    calls = _counting(monkeypatch)
    generate_languages(project, docs, memory=memory)
    assert calls == []
    # A page changed behind the session's back is written again: it is no longer the file kept.
    page = sorted((docs["en"] / "statements").glob("*.md"))[0]
    page.write_text("changed elsewhere\n", encoding="utf-8")
    other = sorted((docs["ar"] / "statements").glob("*.md"))[0]
    other.unlink()
    generate_languages(project, docs, memory=memory)
    assert {p: p.read_bytes() for lang in docs.values() for p in sorted(lang.rglob("*.md"))} == written
    pages = {
        str(p)
        for lang in docs.values()
        for kind in ("articles", "checks", "statements")
        for p in (lang / kind).rglob("*.md")
    }
    assert pages <= set(memory.written) and all(Path(name).is_file() for name in memory.written)


def test_the_discrepancies_page_reuses_the_items_of_the_same_article_reports_only(project: Path) -> None:
    # `serve` keeps unchanged cases' report parts, so their articles are the same objects in the next build.
    corpus = load_corpus(project)
    report = cached_report(corpus, project)
    discrepancies._kept.clear()
    first = {lang: discrepancies.render_discrepancies(report, lang) for lang in ("en", "ar")}
    assert {lang: discrepancies.render_discrepancies(report, lang) for lang in ("en", "ar")} == first
    index = next(i for i, a in enumerate(report.articles) if any(c.discrepancies for c in a.claims))
    changed = report.articles[index].model_copy(deep=True)
    claim = next(c for c in changed.claims if c.discrepancies)
    claim.discrepancies[0].explanation.en = "An explanation changed by an edit."
    edited = report.model_copy(update={"articles": [*report.articles[:index], changed, *report.articles[index + 1 :]]})
    kept = discrepancies.render_discrepancies(edited, "en")
    assert "An explanation changed by an edit." in kept
    discrepancies._kept.clear()
    assert kept == discrepancies.render_discrepancies(edited, "en")
    assert discrepancies.render_discrepancies(report, "en") == first["en"]


def test_a_session_keeps_the_cached_pages_word_diffs_and_assembles_the_report_from_its_parts(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `serve` after `muqabala build`: its first build renders nothing, and its first edit of a case
    # diffs none of the wordings that case's cached pages were made with.
    docs = {lang: project / "content" / lang for lang in ("en", "ar")}
    generate_languages(project, docs)  # the build before: every cache filled, in another process
    diffview._diffs.clear()
    diffview._blocks.clear()
    memory = Memory()
    corpus = load_corpus(project)
    report = cached_report(corpus, project, memory)
    assert report.model_dump_json() == cached_report(corpus, project).model_dump_json()
    kept = {id(a) for part in memory.parts.values() for a in part.articles}
    assert {id(a) for a in report.articles} == kept
    calls = _counting(monkeypatch)
    generate_languages(project, docs, memory=memory)
    assert calls == []
    assert diffview._diffs and diffview._blocks
    made: list[tuple[str, ...]] = []
    diff, block = diffview._diff, diffview._block

    def counted_diff(old: str, new: str) -> diffview.Ops:
        made.append((old, new))
        return diff(old, new)

    def counted_block(source: str, article: str, lang: str, labels: tuple[str, str]) -> str:
        made.append((source, article, lang))
        return block(source, article, lang, labels)

    monkeypatch.setattr(diffview, "_diff", counted_diff)
    monkeypatch.setattr(diffview, "_block", counted_block)
    edited = sorted(sid for sid, st in corpus.statements.items() if st.case == "case-0001")[0]
    path = project / corpus.files[f"statement:{edited}"]
    path.write_text(
        path.read_text(encoding="utf-8").replace("translator:", "translator: (revised)", 1), encoding="utf-8"
    )
    generate_languages(project, docs, memory=memory)
    assert calls == [["case-0001"]]
    assert made == []
    written = {p: p.read_bytes() for lang in docs.values() for p in sorted(lang.rglob("*.md"))}
    # The same pages as a process that kept nothing.
    shutil.rmtree(project / PAGES_DIR)
    diffview._diffs.clear()
    diffview._blocks.clear()
    discrepancies._kept.clear()
    cold = {lang: project / "cold" / lang for lang in docs}
    generate_languages(project, cold)
    assert made != []
    again = {p.relative_to(project / "cold"): p.read_bytes() for p in sorted((project / "cold").rglob("*.md"))}
    assert len(again) > 20
    assert {rel: written[project / "content" / rel] for rel in again} == again


def test_remembered_diffs_and_blocks_are_those_computed() -> None:
    old, new = "The talks ended early.", "The talks ended late, officials said."
    with diffview.recording() as used:
        block = diffview.diff_block(old, new, "en", ("S", "A"))
    entries = json.loads(json.dumps(used.entries()))
    diffview._diffs.clear()
    diffview._blocks.clear()
    diffview.remember(entries)
    assert diffview._diffs == {(old, new): diffview._diff(old, new)}
    assert diffview._blocks == {(old, new, "en", "S", "A"): block}
