"""Generating the Markdown pages of one language from the data: the core of a build.

MkDocs-free on purpose, so that another static-site engine could call it the same way.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .cache import cached_report
from .corpus import load_corpus

DATA_FOLDERS = ("issuers", "statements", "articles", "lexicon")
"""Folders whose files change the generated pages."""


@dataclass
class Generated:
    """What one language's generation produced."""

    nav: list[object]
    sources: dict[str, str]
    """Docs-relative page path → the data file (root-relative) it was generated from."""
    written: list[str] = field(default_factory=list)
    """Pages whose text changed and were written."""


def generate(root: Path, docs_dir: Path, lang: str) -> Generated:
    """Validate the data, collate it (cached) and write `lang`'s generated pages into `docs_dir`."""
    from .render import GENERATED, render_pages

    corpus = load_corpus(root)
    report = cached_report(corpus, root)
    pages = render_pages(corpus, report, lang)
    out = Generated(nav=pages.nav, sources=dict(pages.sources))
    for rel, text in sorted(pages.files.items()):
        target = docs_dir / rel
        # Rewriting an unchanged file would wake `mkdocs serve`'s watcher and loop forever.
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        out.written.append(rel)
    _remove_stale(docs_dir, GENERATED, set(pages.files))
    return out


def _remove_stale(docs_dir: Path, owned: tuple[str, ...], keep: set[str]) -> None:
    """Delete generated pages whose data is gone (a renamed statement must not linger)."""
    for name in owned:
        path = docs_dir / name
        if path.is_file() and name not in keep:
            path.unlink()
        elif path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.relative_to(docs_dir).as_posix() not in keep:
                    f.unlink()
            for d in sorted((p for p in path.rglob("*") if p.is_dir()), reverse=True):
                if not any(d.iterdir()):
                    d.rmdir()
            if not any(path.iterdir()):
                shutil.rmtree(path)


def edit_link(source: str, page_url: str, edit_base: str | None) -> str:
    """Where "Edit this page" points for a generated page: the data file that made it.

    With an `edit_base` (a repository's edit address) it opens the file for editing; without
    one it opens the copy of the file published with the site under data/source/.
    """
    if edit_base:
        return edit_base.rstrip("/") + "/" + source
    depth = len([p for p in page_url.split("/") if p]) + 1  # +1 for the language folder
    return "../" * depth + "data/source/" + source
