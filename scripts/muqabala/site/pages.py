"""Generating the Markdown pages of one language from the data: the core of a build.

MkDocs-free on purpose, so that another static-site engine could call it the same way.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from muqabala.data.corpus import Corpus, load_corpus
from muqabala.report import Report
from muqabala.site.cache import Memory, PageCache, cached_report, current_key, engine_key
from muqabala.vocabulary import GENERATED, STAMP

SITE_URL_ENV = "MUQABALA_SITE_URL"
"""Overrides `site_url` of mkdocs.yml: the published address of the site's root."""

DATA_FOLDERS = ("issuers", "statements", "articles", "lexicon")
"""Folders whose files change the generated pages."""

"""Written beside the generated pages: the engine key of their data, their nav and sources.
A dot file, so MkDocs does not publish it."""


@dataclass
class Generated:
    """What one language's generation produced."""

    nav: list[object]
    sources: dict[str, str]
    """Docs-relative page path → the data file (root-relative) it was generated from."""
    written: list[str] = field(default_factory=list)
    """Pages whose text changed and were written."""


def site_url(root: Path) -> str | None:
    """The address of the site's root, the folder holding `en/` and `ar/`, ending in `/`: from
    MUQABALA_SITE_URL, else `site_url` in mkdocs.yml (read as text, like `docs_dir`); None when
    neither is set or the value is no http(s) address (the MkDocs plugin reports that one)."""
    value = os.environ.get(SITE_URL_ENV, "").strip() or setting(root, "site_url")
    return value.rstrip("/") + "/" if valid_site_url(value) else None


def setting(root: Path, key: str) -> str:
    """A top-level text setting of mkdocs.yml, read as text (the file holds tags PyYAML cannot
    load); "" when absent. `site_author` names the publisher of the reviews."""
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    m = re.search(rf"^{re.escape(key)}:[ \t]*(?:\"([^\"\n]*)\"|'([^'\n]*)'|([^#\n]*))", text, re.M)
    return (m[1] or m[2] or m[3] or "").strip() if m else ""


def valid_site_url(value: str) -> bool:
    """Whether `value` can be the site's address: http(s), a host, no spaces, quotes or query."""
    return bool(re.fullmatch(r"https?://[^\s/'\"<>?#]+(/[^\s'\"<>?#]*)?", value))


def generate(
    root: Path, docs_dir: Path, lang: str, corpus: Corpus | None = None, report: Report | None = None
) -> Generated:
    """Write `lang`'s generated pages into `docs_dir`, and the stamp that `pregenerated` reads.

    Without `corpus` and `report` it validates the data and collates it (cached) first; a
    caller that has them already passes them in.
    """
    return generate_languages(root, {lang: docs_dir}, corpus, report)[lang]


def generate_languages(
    root: Path,
    docs_dirs: dict[str, Path],
    corpus: Corpus | None = None,
    report: Report | None = None,
    memory: Memory | None = None,
) -> dict[str, Generated]:
    """`generate` for several languages (language → its docs dir), each case rendered once
    for all of them; cases whose data did not change since a build come from the page cache.
    `memory` (a `serve` session's) keeps the cache's entries and the pages as written between
    builds, so that they are not read again."""
    # Imported here: each MkDocs process imports this module, and usually finds its pages pregenerated.
    from muqabala.site.feeds import feeds
    from muqabala.site.render import render_languages

    if corpus is None:
        corpus = load_corpus(root)
    if report is None:
        report = cached_report(corpus, root, memory)
    cache = PageCache(corpus, root, memory)
    base_url = site_url(root)
    publisher = setting(root, "site_author") or None
    rendered = render_languages(
        corpus, report, tuple(docs_dirs), base_url, cache=cache, publisher=publisher, remember_diffs=memory is not None
    )
    cache.prune()
    key = engine_key(corpus, root)
    out = {}
    for lang, docs_dir in docs_dirs.items():
        pages = rendered[lang]
        done = out[lang] = Generated(nav=pages.nav, sources=dict(pages.sources))
        # The feeds are files MkDocs copies unchanged.
        pages.files.update(feeds(corpus, report, lang, base_url))
        written = memory.written if memory is not None else None
        for rel, text in sorted(pages.files.items()):
            if _write_if_changed(docs_dir / rel, text, written):
                done.written.append(rel)
        _remove_stale(docs_dir, GENERATED, set(pages.files) | {STAMP})
        stamp = {
            "key": key,
            "site_url": base_url,
            "lang": lang,
            "files": sorted(pages.files),
            "nav": done.nav,
            "sources": done.sources,
        }
        _write_if_changed(docs_dir / STAMP, json.dumps(stamp, ensure_ascii=False, indent=1) + "\n")
    if memory is not None:  # only the pages of this build (others may have been removed)
        current = {str(docs_dir / rel) for lang, docs_dir in docs_dirs.items() for rel in rendered[lang].files}
        memory.written = {name: kept for name, kept in memory.written.items() if name in current}
    return out


def pregenerated(root: Path, docs_dir: Path, lang: str) -> Generated | None:
    """The nav and sources of the pages in `docs_dir` if they were generated from the data as
    it is now (see `generate`), else None.

    Checks the files' bytes against the stamp's key, without parsing or validating: the
    pages were generated from exactly that data, so it was valid then and still is.
    """
    try:
        stamp = json.loads((docs_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("lang") != lang or stamp.get("key") != current_key(root):
        return None
    if stamp.get("site_url") != site_url(root):
        return None  # the site's address is in the pages (ClaimReview, feeds)
    if not all((docs_dir / rel).is_file() for rel in stamp.get("files", [])):
        return None  # pages deleted since (a cleaned docs dir): generate them again
    return Generated(nav=stamp["nav"], sources=stamp["sources"])


def _write_if_changed(
    target: Path, text: str, written: dict[str, tuple[tuple[object, ...], str]] | None = None
) -> bool:
    """Write `text` into `target` unless it holds it already; whether it wrote. With `written`
    (path → the file's identity and text when this process last wrote or read it), a file that
    is still that file is compared with the text kept instead of being read again."""
    # Rewriting an unchanged file would wake `mkdocs serve`'s watcher and loop forever.
    name = str(target)
    try:
        st = os.stat(name)
    except OSError:
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        identity = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        kept = written.get(name) if written is not None else None
        if kept is not None and kept[0] == identity:
            same = kept[1] == text
        else:
            same = target.read_text(encoding="utf-8") == text
        if same:
            if written is not None:
                written[name] = (identity, text)
            return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if written is not None:
        st = os.stat(name)
        written[name] = ((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns), text)
    return True


def _remove_stale(docs_dir: Path, owned: tuple[str, ...], keep: set[str]) -> None:
    """Delete generated pages whose data is gone (a renamed statement must not linger)."""
    for name in owned:
        path = docs_dir / name
        if path.is_file() and name not in keep:
            path.unlink()
        elif path.is_dir():
            # Bottom-up, so a folder emptied here is seen empty; strings, not paths: ~1,400 pages
            # per language at 10×, looked at on every build.
            base = str(docs_dir)
            for dirpath, _dirnames, filenames in os.walk(str(path), topdown=False):
                rel = dirpath[len(base) + 1 :]  # os.walk joins below `path`, itself below `docs_dir`
                for f in filenames:
                    full = os.path.join(dirpath, f)
                    if f"{rel}/{f}" not in keep and os.path.isfile(full):
                        os.unlink(full)
                if dirpath != str(path) and not os.listdir(dirpath):
                    os.rmdir(dirpath)
            if not any(path.iterdir()):
                shutil.rmtree(path)


def not_found_scripts(lang: str, at_root: bool = False) -> tuple[str, str]:
    """The two scripts of a 404 page built without site_url: one first in `<head>` that sets
    `<base>`, one after Material's settings that points the search at it.

    The language folder is the first "/en/" or "/ar/" of the address (a site under a sub-path
    works too); outside both, the server's /`lang`/. The root's copy (`at_root`) takes the
    site's folder as base, its links carrying the language folder (see `root_not_found`).
    """
    found, fallback, prefix = ("m[1]", "/", f"{lang}/") if at_root else ('m[1]+m[2]+"/"', f"/{lang}/", "")
    head = (
        "<script>(function(){var m=location.pathname.match(/^(.*?\\/)(en|ar)\\//),"
        f'b=document.createElement("base");b.href=m?{found}:"{fallback}";document.head.appendChild(b)}})()</script>'
    )
    config = (
        '<script>(function(){var c=document.getElementById("__config"),j=JSON.parse(c.textContent);'
        f'j.base=new URL("{prefix}",document.baseURI).href;'
        f'j.search=new URL("{prefix}"+j.search.replace(/^\\/+/,""),document.baseURI).href;'
        "c.textContent=JSON.stringify(j)})()</script>"
    )
    return head, config


_RELATIVE = re.compile(r'\b(href|src)="(?![a-z][a-z0-9+.-]*:|/|#)(\.\./|\./)?([^"]*)"')


def root_not_found(page: str, lang: str) -> str:
    """A language's 404 page (built without site_url) as the copy at the site's root: its links
    one folder up, into the language folder, and its base the site's folder."""
    head, config = not_found_scripts(lang)
    root_head, root_config = not_found_scripts(lang, at_root=True)
    page = page.replace(head, root_head, 1).replace(config, root_config, 1)
    return _RELATIVE.sub(lambda m: f'{m[1]}="{m[3] if m[2] == "../" else lang + "/" + m[3]}"', page)


def edit_link(source: str, edit_base: str | None) -> str | None:
    """Where "Edit this page" points: the file that made the page (its data file for a generated
    page, its Markdown for a hand-written one), opened for editing on the repository's host under
    `edit_base` (like https://github.com/o/r/edit/main/); None without one, and the link is left
    out: a copy of the file on the site itself could only be read, not edited."""
    if edit_base:
        return edit_base.rstrip("/") + "/" + source
    return None
