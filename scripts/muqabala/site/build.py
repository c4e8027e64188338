"""`muqabala build`: check the data, build both languages with MkDocs, swap `site/` in at the end.

The site is built in a temporary folder beside `site/` and replaces it only when everything
succeeded, so a typo in a statement never leaves readers with half a site.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from muqabala.data.errors import printable
from muqabala.data.files import DATA_FOLDERS, data_files
from muqabala.data.yamlfile import outside, read_regular
from muqabala.site import linkmanifest
from muqabala.site.cache import Memory, current_key, dependencies_key
from muqabala.vocabulary import GENERATED, STAMP

if TYPE_CHECKING:
    from muqabala.data.corpus import LoadCache
    from muqabala.site.mkdocs_driver import Drivers
    from muqabala.site.progress import BuildProgress

LANGUAGES = {"en": "mkdocs.yml", "ar": "mkdocs.ar.yml"}
"""Language → its MkDocs configuration file."""


MARKER = ".muqabala-site"
"""Written into every site we build: the only kind of non-empty folder a build may replace."""

PROJECT_PARTS = (
    *DATA_FOLDERS,
    "lexicon",
    "content",
    "overrides",
    "schema",
    "scripts",
    "tests",
    ".git",
    "mkdocs.yml",
    "LICENSE",
)
"""What a project folder holds: a site folder must be none of these, nor inside one, nor hold one."""


class BuildError(Exception):
    """MkDocs failed; `site/` was left as it was."""


class SiteDirError(Exception):
    """The folder named to hold the site may not be replaced by one; nothing was touched."""


class Session:
    """What a long-lived process (`muqabala serve`) keeps from one build to the next: a MkDocs
    process per language (`mkdocs_driver`), the data files as last parsed (`LoadCache`), the
    cases' parts of the report, their rendered pages and the generated pages as written
    (`cache.Memory`), and the threads deleting replaced sites after the new one is published.
    `close` ends them."""

    def __init__(self) -> None:
        from muqabala.data.corpus import LoadCache
        from muqabala.site.mkdocs_driver import Drivers

        self.drivers: Drivers = Drivers()
        self.loads: LoadCache = LoadCache()
        self.memory: Memory = Memory()
        self.deleting: list[threading.Thread] = []
        self.publishing = threading.Lock()
        """Held while the published site is swapped for a new one, and by `serve`'s server while it
        finds and reads a file: a request never falls between the swap's two renames (a 404)."""
        self.linked: tuple[Path, tuple[object, ...], Path, threading.Thread, list[bool]] | None = None
        """The published site's folder, its marker's identity, and the folder `prepare` links it into."""

    def discard(self, folder: Path) -> None:
        """Delete a replaced site in the background: the new one is served meanwhile."""
        self.deleting = [t for t in self.deleting if t.is_alive()]
        thread = threading.Thread(target=_delete, args=(folder,), daemon=True)
        thread.start()
        self.deleting.append(thread)

    def prepare(self, site_dir: Path) -> None:
        """Hard-link the site just published in `site_dir` into a new temporary folder beside it,
        in the background: the next incremental build starts from that folder (`take`) instead
        of linking ~1,400 files per language at 10× while the editor waits."""
        self.drop()
        marker = _identity(site_dir / MARKER)
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".site-build-{os.getpid()}-", dir=site_dir.parent))
        except OSError:
            return  # the site is published: the next build links it itself
        done: list[bool] = []
        thread = threading.Thread(target=_link_languages, args=(site_dir, tmp, done), daemon=True)
        thread.start()
        self.linked = (site_dir, marker, tmp, thread, done)

    def settle(self) -> None:
        """Wait for `prepare`'s linking: a build may fork workers, and no thread of ours should
        be running meanwhile."""
        if self.linked is not None:
            self.linked[3].join()

    def take(self, site_dir: Path) -> Path | None:
        """The folder `prepare` linked, if it holds the site published in `site_dir` now (the same
        marker file, so no other build replaced it since); None otherwise, the folder deleted."""
        if self.linked is None:
            return None
        where, marker, tmp, thread, done = self.linked
        self.linked = None
        thread.join()
        if done and where == site_dir and marker == _identity(site_dir / MARKER):
            return tmp
        self.discard(tmp)
        return None

    def drop(self) -> None:
        """Delete the folder `prepare` linked, unused."""
        if self.linked is not None:
            tmp, thread = self.linked[2], self.linked[3]
            self.linked = None
            thread.join()
            self.discard(tmp)

    def close(self) -> None:
        self.drivers.close()
        self.drop()
        for thread in self.deleting:
            thread.join()


def _link_languages(site_dir: Path, out: Path, done: list[bool]) -> None:
    """Both languages of the published `site_dir` hard-linked into `out`; `done` says it succeeded."""
    try:
        for lang in LANGUAGES:
            _link_tree(str(site_dir / lang), str(out / lang))
            _own_copies(_always_written(out / lang))  # the search index alone is 7.7 MB at 10×
    except OSError:
        return  # not used: the next build links the site itself
    done.append(True)


def _identity(path: Path) -> tuple[object, ...]:
    """Which file `path` is now (device, inode, size, modification and change times); () if none."""
    try:
        st = os.stat(path)
    except OSError:
        return ()
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class BuildResult:
    site_dir: Path
    seconds: dict[str, float] = field(default_factory=dict)
    unchanged: bool = False
    """Nothing the site is built from changed since `site_dir` was published: it was left as it was."""
    incremental: bool = False
    """Only the pages whose Markdown changed were built again, into a copy of the published site."""


def build(
    root: Path,
    site_dir: Path | None = None,
    *,
    strict: bool = True,
    parallel: bool = True,
    progress: BuildProgress | None = None,
    force: bool = False,
    session: Session | None = None,
) -> BuildResult:
    """Build the whole site into `site_dir` (default `root/site`), atomically.

    When `site_dir` already holds the build of the same inputs (`site_key`), nothing is built
    or published and the result says `unchanged`. When only some generated pages changed and
    what every page shows did not (`frame_key`), MkDocs builds those pages alone into a copy of
    the published site (`incremental`). `force` builds everything anyway.
    `progress`, when given, hears of each stage and of the pages MkDocs has written.
    `session` (for `serve`) keeps MkDocs processes and the parsed data files between builds, and
    deletes the replaced site after `build` returns instead of before.
    """
    site_dir = site_dir or root / "site"
    check_site_dir(root, site_dir)
    with terminate_as_interrupt():
        t0 = time.perf_counter()
        engine = current_key(root)
        key = site_key(root, strict=strict, engine=engine)
        if not force:
            _remove_leftovers(site_dir)
            if published_key(site_dir) == key and _pages_in_place(root, engine):
                return BuildResult(site_dir=site_dir, seconds={"compare": time.perf_counter() - t0}, unchanged=True)
        return _build(
            root,
            site_dir,
            strict=strict,
            parallel=parallel,
            progress=progress,
            key=key,
            force=force,
            session=session,
        )


def site_key(root: Path, *, strict: bool, engine: str | None = None) -> str:
    """Hash of everything a built site is made from, read without loading or validating the data.

    That is the engine's key (data, lexicon, version and the package's code), the MkDocs
    configurations, the hand-written pages of each language, `overrides/`, the date MkDocs
    stamps into sitemaps, `MUQABALA_SITE_URL`, the versions of MkDocs, its theme and Markdown, and `strict`. The
    pages the build generates into the docs folders are left out: they follow from the rest.
    `engine` is `current_key(root)` when the caller has it already.
    """
    sha = hashlib.sha256(f"{engine or current_key(root)}\0".encode())
    _hash_frame(sha, root, strict)
    return sha.hexdigest()


def frame_key(root: Path, *, strict: bool) -> str:
    """Hash of what every page of the site shows besides its own Markdown, read after the pages
    were generated: the inputs of `site_key` other than the data (the package's code and version,
    the lexicon, the configurations, the hand-written pages, `overrides/`, the versions, the
    sitemap date, the address, `strict`), the project's folder, and each language's page list,
    nav (titles and order) and data sources ("Edit this page"). Two builds with the same frame
    differ only in the pages whose Markdown differs: the next build rebuilds only those (`_build`).
    """
    sha = hashlib.sha256(f"frame\0{root.resolve()}\0{dependencies_key(root)}\0".encode())
    _hash_frame(sha, root, strict)
    for lang, config in LANGUAGES.items():
        try:
            stamp = json.loads((docs_dir(root / config) / STAMP).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stamp = None
        if isinstance(stamp, dict):
            stamp = {k: stamp.get(k) for k in ("lang", "site_url", "files", "nav", "sources")}
        sha.update(f"pages {lang}\0".encode() + json.dumps(stamp, sort_keys=True).encode() + b"\0")
    return sha.hexdigest()


def _hash_frame(sha: hashlib._Hash, root: Path, strict: bool) -> None:
    """Add to `sha` the inputs of a site other than the data and the generated pages."""
    sha.update(f"strict={strict}\0".encode())
    sha.update(f"date={os.environ.get('SOURCE_DATE_EPOCH') or _source_date(root)}\0".encode())
    # The address set for one build only changes every canonical link, feed and ClaimReview.
    sha.update(f"site_url={os.environ.get('MUQABALA_SITE_URL', '')}\0".encode())
    for dist in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions"):
        try:
            sha.update(f"{dist}={metadata.version(dist)}\0".encode())
        except metadata.PackageNotFoundError:
            sha.update(f"{dist}=none\0".encode())
    for config in LANGUAGES.values():
        path = root / config
        sha.update(f"config {config}\0".encode() + (path.read_bytes() if path.is_file() else b"-") + b"\0")
    folders: list[tuple[str, Path, tuple[str, ...]]] = [("overrides", root / "overrides", ())]
    folders += [(f"docs {lang}", docs_dir(root / config), GENERATED) for lang, config in LANGUAGES.items()]
    for label, folder, skipped in folders:
        for path in _files(folder, skipped):
            rel = path.relative_to(folder).as_posix()
            sha.update(f"{label}/{rel}\0".encode() + path.read_bytes() + b"\0")


def _files(folder: Path, skipped: tuple[str, ...]) -> list[Path]:
    """The regular files below `folder`, sorted, less the top-level entries named in `skipped`."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        if here == folder:
            dirnames[:] = [d for d in dirnames if d not in skipped]
            filenames = [f for f in filenames if f not in skipped]
        dirnames.sort()
        found += [here / f for f in sorted(filenames) if (here / f).is_file()]
    return found


def _pages_in_place(root: Path, engine: str) -> bool:
    """The generated pages of every language are in their docs folder, stamped with `engine`
    (as `pages.pregenerated` checks): a plain `mkdocs build` after a skipped build still finds them."""
    for lang, config in LANGUAGES.items():
        docs = docs_dir(root / config)
        try:
            stamp = json.loads((docs / STAMP).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(stamp, dict) or stamp.get("lang") != lang or stamp.get("key") != engine:
            return False
        if not all((docs / rel).is_file() for rel in stamp.get("files", [])):
            return False
    return True


_KEY_LINE = re.compile(r"^(key|frame): ([0-9a-f]{64})$", re.M)


def published_key(site_dir: Path, name: str = "key") -> str | None:
    """The `site_key` (or with `name` "frame", the `frame_key`) recorded in the site's `MARKER`
    file; None when there is no complete site."""
    if not all((site_dir / lang / "index.html").is_file() for lang in LANGUAGES):
        return None
    try:
        text = (site_dir / MARKER).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    return next((m[2] for m in _KEY_LINE.finditer(text) if m[1] == name), None)


def check_site_dir(root: Path, site_dir: Path) -> None:
    """Refuse a site folder whose replacement would lose work: the project, a folder of it, a
    folder holding project data, a file, or a non-empty folder that no build of ours made."""
    site, project = site_dir.resolve(), root.resolve()
    shown = printable(str(site_dir))
    if site == project or project.is_relative_to(site):
        raise SiteDirError(f"{shown} holds the project itself; name a folder of its own, like site")
    for part in PROJECT_PARTS:
        if site.is_relative_to(project / part):
            raise SiteDirError(f"{shown} is the project's {part} or inside it; name a folder of its own, like site")
    if not site.exists():
        return
    if not site.is_dir():
        raise SiteDirError(f"{shown} is a file, not a folder")
    held = [part for part in PROJECT_PARTS if part != "schema" and (site / part).exists()]  # a site has schema/
    if held:
        raise SiteDirError(f"{shown} holds project data ({held[0]}); name a folder of its own, like site")
    if any(site.iterdir()) and not (site / MARKER).is_file() and not _old_site(site):
        raise SiteDirError(
            f"{shown} is not empty and holds no site built by muqabala (no {MARKER} file); name a new or empty folder"
        )


def _old_site(folder: Path) -> bool:
    """A site built before sites carried `MARKER`: both languages and the open data."""
    return all((folder / p).is_file() for p in ("index.html", "en/index.html", "ar/index.html", "data/report.json"))


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a CI timeout, `kill`, systemd) cleans up like Ctrl+C instead of dying mid-swap."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _build(
    root: Path,
    site_dir: Path,
    *,
    strict: bool,
    parallel: bool,
    progress: BuildProgress | None,
    key: str,
    force: bool = False,
    session: Session | None = None,
) -> BuildResult:
    # Imported only when there is something to build: deciding that a site is unchanged
    # (`build`) needs neither the models and pydantic nor the engine (~0.2 s of imports).
    from muqabala.data.corpus import load_corpus
    from muqabala.site.cache import cached_report
    from muqabala.site.pages import generate_languages
    from muqabala.site.render.opendata import licence

    timings: dict[str, float] = {}
    say = progress.stage if progress else (lambda _name: None)
    if session is not None:
        session.settle()
    t0 = time.perf_counter()
    say("Checking the data")
    corpus = load_corpus(root, session.loads if session else None)  # raises DataError before anything is touched
    timings["check"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    say("Collating articles with statements")
    report = cached_report(corpus, root, session.memory if session else None)
    timings["engine"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    say("Writing the pages")
    # Rendered here, once, rather than by each MkDocs process: the plugin finds the pages
    # and their stamp and only sets the nav (see site.pregenerated).
    generate_languages(
        root,
        {lang: docs_dir(root / config) for lang, config in LANGUAGES.items()},
        corpus,
        report,
        session.memory if session else None,
    )
    timings["render"] = time.perf_counter() - t0
    # Pages are written only when their bytes change (`generate_languages`), so a page whose
    # Markdown is newer than its HTML in the published site is one that changed since.
    frame = frame_key(root, strict=strict)
    incremental = not force and published_key(site_dir, "frame") == frame

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(site_dir)
    if session is not None and not incremental:
        session.drop()
    # A SIGTERM or Ctrl+C between creating the folder and entering `try` would leave it behind:
    # signals wait until the cleanup below is in place (seen under load in the SIGTERM test).
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        # In a session, the published site was linked into a folder of its own after it was published.
        linked = session.take(site_dir) if session is not None and incremental else None
        tmp = linked or Path(tempfile.mkdtemp(prefix=f".site-build-{os.getpid()}-", dir=site_dir.parent))
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        raise
    try:
        # A signal that came meanwhile is delivered here, inside the cleanup's reach.
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        if incremental:
            t0 = time.perf_counter()
            say("Linking the published site")
            for lang, config in LANGUAGES.items():
                if linked is None:
                    _link_tree(str(site_dir / lang), str(tmp / lang))
                _unshare(tmp / lang, docs_dir(root / config))
            timings["copy"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        say("Building the changed pages with MkDocs" if incremental else "Building both languages with MkDocs")
        _run_mkdocs(
            root,
            tmp,
            strict=strict,
            parallel=parallel,
            progress=progress,
            dirty=incremental,
            drivers=session.drivers if session else None,
        )
        timings["mkdocs"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        say("Publishing the site")
        published = report.model_copy(update={"licence": licence(root)})
        _write_root(root, tmp, published.model_dump_json(indent=1), key, frame)
        if session is None:
            # What each page links to, for `muqabala links` to check without parsing the pages
            # again; not in `serve`, whose previews are not link-checked (without it the check
            # parses every page, as before).
            linkmanifest.record(tmp, site_dir if site_dir.is_dir() else None)
        _swap(tmp, site_dir, session.discard if session else None, session.publishing if session else None)
        timings["write"] = time.perf_counter() - t0
        if session is not None:
            session.prepare(site_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BuildResult(site_dir=site_dir, seconds=timings, incremental=incremental)


def _unshare(out: Path, docs: Path) -> None:
    """Give every file of `out` (a published site hard-linked by `_link_tree`) that a dirty build
    from `docs` may write a copy of its own: MkDocs writes into the file it replaces, and through a
    link that file is the published one, which must not change before the swap.

    A dirty build writes the pages and files of `docs` whose source is newer than their output
    (for a page `a/b.md` that is `a/b/index.html`, or `a/b.html` without directory URLs), and
    every time the files at the top of the site (404 page, sitemaps) and the search index.
    Links and copies keep the modification times MkDocs compares with the sources'.
    """
    own = _always_written(out)
    # Plain strings and `os.stat`: at 10× this loop looks at ~1,400 pages per language per edit.
    docs_root, out_root = str(docs), str(out)
    for dirpath, dirnames, filenames in os.walk(docs_root):
        dirnames.sort()
        folder_rel = dirpath[len(docs_root) + 1 :]  # os.walk joins below the folder it was given
        for filename in sorted(filenames):
            rel = f"{folder_rel}/{filename}" if folder_rel else filename
            try:
                info = os.stat(os.path.join(dirpath, filename))
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            if rel.endswith(".md"):
                stem = rel[:-3]
                folder, _, name = stem.rpartition("/")
                index = f"{folder}/index.html" if folder else "index.html"
                targets = [index] if name in ("index", "README") else [f"{stem}/index.html", f"{stem}.html"]
            else:
                targets = [rel]
            for t in targets:
                try:
                    built = os.stat(os.path.join(out_root, t))
                except OSError:
                    continue
                if stat.S_ISREG(built.st_mode) and built.st_mtime_ns <= info.st_mtime_ns:
                    own.add(out / t)
    _own_copies(own)


def _always_written(out: Path) -> set[Path]:
    """The files of a site's language folder that every dirty build writes: those at its top
    (404 page, sitemaps) and the search index."""
    own = {p for p in out.iterdir() if p.is_file()}
    own |= {p for p in (out / "search").rglob("*") if p.is_file()} if (out / "search").is_dir() else set()
    return own


def _own_copies(paths: set[Path]) -> None:
    """Replace each hard link among `paths` by a copy of its own (a file no other name holds, a
    copy made already, is left as it is; a symbolic link is never written through)."""
    for path in paths:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) or info.st_nlink == 1:
            continue
        copy = path.with_name(f".{path.name}.copy")
        shutil.copy2(path, copy)
        os.replace(copy, path)


def _link_tree(published: str, out: str) -> None:
    """`shutil.copytree(published, out, symlinks=True)` with hard links for copies, without
    copying the folders' own times and modes (a site's folders carry nothing MkDocs reads)."""
    for dirpath, dirnames, filenames in os.walk(published):
        here = out + dirpath[len(published) :]  # os.walk joins below the folder it was given
        os.mkdir(here)
        for name in list(dirnames):
            if os.path.islink(os.path.join(dirpath, name)):
                dirnames.remove(name)  # not followed: recreated as the link it is
                filenames.append(name)
        for name in filenames:
            src, dst = os.path.join(dirpath, name), os.path.join(here, name)
            if os.path.islink(src):
                os.symlink(os.readlink(src), dst)
            else:
                _link_or_copy(src, dst)


def _link_or_copy(src: str, dst: str) -> None:
    """A hard link, or a copy where the file system has none."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def docs_dir(config: Path) -> Path:
    """The `docs_dir` a MkDocs configuration names, read without MkDocs (its own, else the one of
    the file it INHERITs, else MkDocs' default `docs`)."""
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    own = re.search(r"^docs_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", text, re.M)
    if own:
        return config.parent / own[1]
    parent = re.search(r"^INHERIT:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", text, re.M)
    if parent and (config.parent / parent[1]).resolve() != config.resolve():
        return docs_dir(config.parent / parent[1])
    return config.parent / "docs"


def _run_mkdocs(
    root: Path,
    out: Path,
    *,
    strict: bool,
    parallel: bool,
    progress: BuildProgress | None = None,
    dirty: bool = False,
    drivers: Drivers | None = None,
) -> None:
    """Both languages' MkDocs builds into `out`, side by side unless not `parallel`. `dirty`
    builds only the pages whose Markdown is newer than their HTML already in `out`. With
    `drivers`, each language is built by its long-lived MkDocs process instead of a new one."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONUNBUFFERED": "1",
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH") or _source_date(root),
    }
    if drivers is not None:
        _drive_mkdocs(root, out, strict=strict, parallel=parallel, dirty=dirty, drivers=drivers, env=env)
        return
    procs: list[tuple[str, subprocess.Popen[str]]] = []
    outputs: dict[str, str] = {}
    # Every Markdown file is a page, and MkDocs adds its 404 page.
    pages = {
        lang: sum(1 for _ in docs_dir(root / config).rglob("*.md")) + 1 if progress else 0
        for lang, config in LANGUAGES.items()
    }
    results: dict[str, tuple[int, str]] = {}
    try:
        for lang, config in LANGUAGES.items():
            # Not --quiet: MkDocs then drops warnings before --strict can count them.
            cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / config), "-d", str(out / lang)]
            # MkDocs warns that a dirty build is one, and --strict would count that warning: the
            # other warnings are counted from the output instead (`_warnings`).
            cmd += ["--dirty"] if dirty else ["--strict"] if strict else []
            # A signal while a child starts would leave it unknown, writing into a folder the
            # cleanup has deleted: it waits until the child is listed for killing.
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            try:
                proc = subprocess.Popen(
                    cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                )
                procs.append((lang, proc))
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            if not parallel:
                # communicate(), not wait(): a full output pipe would block the child forever.
                outputs[lang] = _wait(proc, {lang: (out / lang, pages[lang])}, progress)
        watched = {lang: (out / lang, pages[lang]) for lang, proc in procs if lang not in outputs}
        for lang, proc in procs:
            output = outputs[lang] if lang in outputs else _wait(proc, watched, progress)
            results[lang] = (proc.returncode, output)
    finally:
        # Interrupted: stop every language still building before its temporary tree is deleted.
        for _, proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    _raise_failures(results, strict=strict, dirty=dirty)


def _drive_mkdocs(
    root: Path, out: Path, *, strict: bool, parallel: bool, dirty: bool, drivers: Drivers, env: dict[str, str]
) -> None:
    """`_run_mkdocs` with a long-lived MkDocs process per language (`mkdocs_driver`)."""
    from muqabala.site.mkdocs_driver import DriverError

    results: dict[str, tuple[int, str]] = {}
    started: list[str] = []
    try:
        for lang, config in LANGUAGES.items():
            driver = drivers.get(lang)
            # As `_run_mkdocs`: a dirty build counts the warnings itself (`_warnings`).
            driver.start(root / config, out / lang, strict=strict and not dirty, dirty=dirty, cwd=root, env=env)
            started.append(lang)
            if not parallel:
                results[lang] = driver.finish()
        for lang in started:
            if lang not in results:
                results[lang] = drivers.get(lang).finish()
    except DriverError as e:
        drivers.close()
        raise BuildError(str(e)) from None
    except BaseException:
        # Interrupted mid-build: a driver still writing into `out` is stopped before it is deleted.
        for lang in started:
            if lang not in results:
                drivers.get(lang).close()
        raise
    _raise_failures(results, strict=strict, dirty=dirty)


def _raise_failures(results: dict[str, tuple[int, str]], *, strict: bool, dirty: bool) -> None:
    """`BuildError` naming every language whose MkDocs build (exit status, output) failed; a strict
    dirty build fails on the warnings it printed, as `--strict` would (`_warnings`)."""
    failures = []
    for lang, (code, output) in results.items():
        warnings = _warnings(output) if dirty and strict else 0
        if code != 0 or warnings:
            aborted = "" if code else f"\nAborted with {warnings} warnings in strict mode!"
            failures.append(f"[{lang}] {LANGUAGES[lang]} failed:\n{output.strip()}{aborted}")
    if failures:
        raise BuildError("\n".join(failures))


_WARNING = re.compile(r"^WARNING +- +(?!\s|A 'dirty' build is being performed)", re.M)


def _warnings(output: str) -> int:
    """How many warnings MkDocs printed, less the one every dirty build prints."""
    return len(_WARNING.findall(output))


def _wait(proc: subprocess.Popen[str], watched: dict[str, tuple[Path, int]], progress: BuildProgress | None) -> str:
    """`proc`'s output once it ends; meanwhile, the pages written so far in `watched` languages."""
    if progress is None:
        return proc.communicate()[0]
    output: str | None = None
    while output is None:
        try:
            # A timed-out communicate() keeps what it read: calling it again loses nothing.
            output = proc.communicate(timeout=0.25)[0]
        except subprocess.TimeoutExpired:
            pass
        for lang, (folder, total) in watched.items():
            progress.pages(lang, sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0, total)
    return output


def _source_date(root: Path) -> str:
    """The time MkDocs stamps into sitemaps: the last commit's, so that the same input
    builds the same bytes on any day (0 outside a git checkout)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "0"
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip().isdigit() else "0"


def _write_root(root: Path, out: Path, report_json: str, key: str, frame: str) -> None:
    """The files outside the two language trees: language chooser, open data, schemas."""
    from muqabala.site.pages import root_not_found, site_url
    from muqabala.site.render.crawlers import robots_txt, sitemap_index
    from muqabala.site.render.opendata import LICENCE_FILE, LICENCE_PATH

    (out / "data").mkdir()
    (out / "data" / "report.json").write_text(report_json + "\n", encoding="utf-8")
    (out / "schema").mkdir()
    for name, text in _schemas().items():
        (out / "schema" / name).write_text(text, encoding="utf-8")
    lexicon = root / "lexicon"
    sources = data_files(root) + [("lexicon", p) for p in (sorted(lexicon.glob("*.yaml")) if lexicon.is_dir() else [])]
    for folder, path in sources:
        # Only regular files of the project are published, never what a link points at outside it.
        raw = b"" if outside(path, root) else read_regular(path)
        if isinstance(raw, bytes) and raw:
            target = out / "data" / "source" / folder / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
    terms = b"" if outside(root / LICENCE_FILE, root) else read_regular(root / LICENCE_FILE)
    if isinstance(terms, bytes) and terms:
        (out / LICENCE_PATH).write_bytes(terms)
    (out / "index.html").write_text(_chooser(), encoding="utf-8")
    # Static hosts serve /404.html for any missing address; it finds its language folder itself.
    url = site_url(root)
    not_found = (out / "en" / "404.html").read_text(encoding="utf-8")
    (out / "404.html").write_text(not_found if url else root_not_found(not_found, "en"), encoding="utf-8")
    (out / "robots.txt").write_text(robots_txt(url), encoding="utf-8")
    if url:
        (out / "sitemap.xml").write_text(sitemap_index(url), encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")
    # The key is what the next `muqabala build` compares with to skip an unchanged site, the
    # frame to build only the pages that changed.
    (out / MARKER).write_text(
        f"Built by muqabala: `muqabala build` may replace this folder.\nkey: {key}\nframe: {frame}\n", encoding="utf-8"
    )


@functools.cache
def _schemas() -> dict[str, str]:
    """The published JSON Schemas, file name → text: derived from the models alone, so made once
    per process (0.1–0.3 s each time `serve` publishes an edit)."""
    from muqabala.data.schema import json_schemas
    from muqabala.data.schema import render as render_schema

    return {name: render_schema(schema) for name, schema in json_schemas().items()}


def _chooser() -> str:
    """The site root: both languages offered side by side, no script needed to choose."""
    title = html.escape("Muqabala — مقابلة")
    return f"""<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="alternate" hreflang="en" href="en/">
<link rel="alternate" hreflang="ar" href="ar/">
<style>
body {{ font-family: system-ui, "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, sans-serif;
       max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.6; }}
.choice {{ display: flex; gap: 2rem; justify-content: space-between; }}
.choice a {{ font-size: 1.4rem; }}
</style>
</head>
<body>
<main class="choice">
<section lang="en" dir="ltr">
<h1>Muqabala</h1>
<p>News reporting of diplomatic statements, checked claim by claim against the statements.</p>
<p><a href="en/" hreflang="en">Read in English</a></p>
</section>
<section lang="ar" dir="rtl">
<h1>مقابلة</h1>
<p>مقابلة التغطية الإخبارية للبيانات الدبلوماسية بنصوص البيانات نفسها، ادعاءً بادعاء.</p>
<p><a href="ar/" hreflang="ar">اقرأ بالعربية</a></p>
</section>
</main>
</body>
</html>
"""


def _remove_leftovers(site_dir: Path) -> None:
    """Delete what a build killed outright (SIGKILL, power loss) left behind: its temporary
    tree or the old site it was about to delete — only when the process that made it is gone.
    A build killed between the two renames of the swap left no site at all: its old site is
    put back instead."""
    for path in sorted(site_dir.parent.glob(".site-*")):
        match = re.match(r"\.site-(build|old)-(\d+)-", path.name)
        if not (path.is_dir() and match and not _alive(int(match[2]))):
            continue
        if match[1] == "old" and not site_dir.exists():
            os.replace(path, site_dir)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _swap(
    new: Path,
    site_dir: Path,
    discard: Callable[[Path], None] | None = None,
    publishing: threading.Lock | None = None,
) -> None:
    """Replace `site_dir` by `new` with two renames, so readers never see a half-written site;
    the old site is then deleted, or handed to `discard` to delete. `publishing` is held over
    the renames: a reader holding it (`serve`'s server) never finds no site between them."""
    # Ctrl+C or SIGTERM between the renames would leave no site: they wait until both are done.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        with publishing or contextlib.nullcontext():
            old = _rename(new, site_dir)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    if old is not None:
        (discard or _delete)(old)


def _rename(new: Path, site_dir: Path) -> Path | None:
    """The two renames of `_swap`; the folder the old site was moved to, if there was one."""
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".site-old-{os.getpid()}-", dir=site_dir.parent))
        old.rmdir()
        os.replace(site_dir, old)
    try:
        os.replace(new, site_dir)
    except OSError:
        if old is not None:
            os.replace(old, site_dir)
        raise
    return old


def _delete(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
