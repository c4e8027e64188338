"""`muqabala serve`: a live preview on 127.0.0.1 that rebuilds when data or pages change.

It serves a full build (both languages, open data) rather than `mkdocs serve`, which
serves one configuration at a time and so could not show the language switcher working.
While the files are invalid, every page shows their problems (`preview.error_page`) in place
of the last good site; each page served asks the server every few tenths of a second
whether a rebuild has ended, and reloads itself when one has, so a save shows up, or its
mistakes do, without touching the browser.
"""

from __future__ import annotations

import functools
import gc
import http.server
import os
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from muqabala.data.errors import DataError
from muqabala.site.build import BuildError, Session, SiteDirError, build, terminate_as_interrupt
from muqabala.site.preview import STATE_PATH, error_page, reloader
from muqabala.vocabulary import GENERATED, SITE_LANGUAGES

WATCHED = ("issuers", "statements", "articles", "lexicon", "content", "overrides", "mkdocs.yml", "mkdocs.ar.yml")


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file, skipping the pages we generate ourselves
    (their folders are not even walked: at 10× they are ~1,400 files, read every poll)."""
    generated = {f"content/{lang}/{name}" for lang in SITE_LANGUAGES for name in GENERATED}
    out: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        if path.is_file():
            out[name] = path.stat().st_mtime
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            here = Path(dirpath).relative_to(root).as_posix()
            dirnames[:] = sorted(d for d in dirnames if f"{here}/{d}" not in generated)
            for f in filenames:
                rel = f"{here}/{f}"
                if rel in generated:
                    continue
                try:
                    st = os.stat(os.path.join(dirpath, f))
                except OSError:
                    continue  # deleted meanwhile: the next look sees it gone
                if stat.S_ISREG(st.st_mode):
                    out[rel] = st.st_mtime
    return out


def rebuild(root: Path, site_dir: Path, say: Callable[[str], None], session: Session | None = None) -> str | None:
    """Build into `site_dir`; the problems, as the terminal shows them, when the build fails."""
    started = time.perf_counter()
    try:
        build(root, site_dir, strict=False, session=session)
    except DataError as e:
        failure = e.report()
    except (BuildError, SiteDirError) as e:
        failure = str(e)
    else:
        say(f"built in {time.perf_counter() - started:.1f}s")
        return None
    say(failure + "\n(the preview shows these problems until the next good save)")
    return failure


def warm(root: Path) -> None:
    """Collate one case in this process, its result thrown away, so that the lexicon's patterns
    are compiled here (they are kept per process): the first build's cases were collated in
    worker processes, and the first edit would otherwise pay for compiling them (~1–2 s). The
    word diffs' pattern likewise."""
    from muqabala.data.corpus import load_corpus
    from muqabala.site.cache import collate_cases
    from muqabala.site.render.diffview import tokens

    tokens("")  # its pattern lists Unicode's marks once per process (~0.05 s, 0.5 s under load)
    try:
        corpus = load_corpus(root)
        if corpus.cases:
            collate_cases(corpus, [min(corpus.cases)], root)
    except Exception:  # noqa: BLE001 - only a head start: the next build reports any problem itself
        pass
    settle()


def settle() -> None:
    """Collect this process's garbage now, between builds, so that the next edit's build does not
    (the first build leaves so many new objects that its first edit ran a full collection of the
    whole heap, ~0.07 s at 10×), and freeze what is left the first time: the objects of the first
    build and the imports, which every later full collection would walk again. Frozen objects
    still go when nothing refers to them; only a cycle among them would be kept, so at most what
    the first build made."""
    gc.collect()
    if not gc.get_freeze_count():
        gc.freeze()


class Preview:
    """What the preview serves: how many builds have ended, and the last one's problems, if any."""

    def __init__(self) -> None:
        self.generation = 0
        self.failure: str | None = None

    def built(self, failure: str | None) -> None:
        self.failure = failure
        self.generation += 1


def serve(
    root: Path, port: int, say: Callable[[str], None], *, interval: float = 0.1, stop: threading.Event | None = None
) -> None:
    """Build, serve on 127.0.0.1:`port`, and rebuild on change until `stop` is set."""
    stop = stop or threading.Event()
    workdir = Path(tempfile.mkdtemp(prefix="muqabala-serve-"))
    session = Session()
    try:
        with terminate_as_interrupt():
            _serve(root, port, say, interval, stop, workdir / "site", session)
    finally:
        # Every way out (Ctrl+C, SIGTERM, a port in use, a failed build) stops the MkDocs
        # processes and removes the tree.
        session.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _serve(
    root: Path,
    port: int,
    say: Callable[[str], None],
    interval: float,
    stop: threading.Event,
    site_dir: Path,
    session: Session,
) -> None:
    preview = Preview()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            # The site folder is swapped on every rebuild: resolve it per request.
            self.directory = str(site_dir)
            return super().translate_path(path)

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            generation, failure = preview.generation, preview.failure
            if path == STATE_PATH:
                self._send(200, "text/plain; charset=utf-8", str(generation).encode())
                return
            # Found and read while no rebuild is being published: between the swap's two renames
            # there is no site (a 404); sent to the browser after.
            with session.publishing:
                found = self._find(path, generation, failure)
            if isinstance(found, bytes):
                self._send(200, "text/html; charset=utf-8", found)
            elif found is not None:
                try:
                    self.copyfile(found, self.wfile)
                finally:
                    found.close()

        def _find(self, path: str, generation: int, failure: str | None) -> bytes | BinaryIO | None:
            """The page to send, or the open file whose headers `send_head` has sent (None: it answered)."""
            if not (path.endswith("/") or path.endswith(".html")):
                return self.send_head()
            if failure is not None:
                lang = "ar" if path.startswith("/ar/") else "en"
                # 200, not 500: the problems are the preview's answer, and a browser would log an
                # error status on every reload as if the server had failed.
                return error_page(failure, lang, generation).encode()
            file = Path(self.translate_path(self.path))
            file = file / "index.html" if file.is_dir() else file
            if not file.is_file():
                return self.send_head()
            html = file.read_bytes().decode("utf-8", errors="replace")
            # Injected here, not built into the site: the published pages never poll a server.
            cut = html.rfind("</body>")
            cut = cut if cut >= 0 else len(html)
            return (html[:cut] + reloader(generation) + html[cut:]).encode()

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    # Bound before the first build: a port in use is reported at once, not after a minute.
    try:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(Handler, directory=str(site_dir))
        )
    except OSError as e:
        raise OSError(e.errno, f"cannot serve on 127.0.0.1:{port}: {e.strerror or e}") from None
    try:
        preview.built(rebuild(root, site_dir, say, session))
        site_dir.mkdir(exist_ok=True)
    except BaseException:
        server.server_close()
        raise
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    seen = snapshot(root)
    try:
        # Before saying so, not beside the loop: the builds fork worker processes, and a fork
        # while another thread holds a lock leaves the child waiting for it forever.
        warm(root)
        say(f"Serving on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
        while not stop.wait(interval):
            now = snapshot(root)
            if now != seen:
                changed = sorted(set(now.items()) ^ set(seen.items()))
                say(f"changed: {', '.join(sorted({name for name, _ in changed})[:5])}")
                seen = now
                preview.built(rebuild(root, site_dir, say, session))
                settle()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
