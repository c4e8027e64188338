"""`muqabala serve`: a live preview on 127.0.0.1 that rebuilds when data or pages change.

It serves a full build (both languages, open data) rather than `mkdocs serve`, which
serves one configuration at a time and so could not show the language switcher working.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from muqabala.data.errors import DataError
from muqabala.site.build import BuildError, SiteDirError, build, terminate_as_interrupt
from muqabala.vocabulary import GENERATED, SITE_LANGUAGES

WATCHED = ("issuers", "statements", "articles", "lexicon", "content", "overrides", "mkdocs.yml", "mkdocs.ar.yml")


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file, skipping the pages we generate ourselves."""
    generated = {f"content/{lang}/{name}" for lang in SITE_LANGUAGES for name in GENERATED}
    out: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            rel = f.relative_to(root).as_posix()
            if not any(rel == g or rel.startswith(g + "/") for g in generated):
                out[rel] = f.stat().st_mtime
    return out


def rebuild(root: Path, site_dir: Path, say: Callable[[str], None]) -> bool:
    started = time.perf_counter()
    try:
        build(root, site_dir, strict=False)
    except DataError as e:
        say(e.report() + "\n(the previous version is still served)")
        return False
    except (BuildError, SiteDirError) as e:
        say(f"{e}\n(the previous version is still served)")
        return False
    say(f"built in {time.perf_counter() - started:.1f}s")
    return True


def serve(
    root: Path, port: int, say: Callable[[str], None], *, interval: float = 1.0, stop: threading.Event | None = None
) -> None:
    """Build, serve on 127.0.0.1:`port`, and rebuild on change until `stop` is set."""
    stop = stop or threading.Event()
    workdir = Path(tempfile.mkdtemp(prefix="muqabala-serve-"))
    try:
        with terminate_as_interrupt():
            _serve(root, port, say, interval, stop, workdir / "site")
    finally:
        # Every way out (Ctrl+C, SIGTERM, a port in use, a failed build) removes the tree.
        shutil.rmtree(workdir, ignore_errors=True)


def _serve(
    root: Path, port: int, say: Callable[[str], None], interval: float, stop: threading.Event, site_dir: Path
) -> None:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            # The site folder is swapped on every rebuild: resolve it per request.
            self.directory = str(site_dir)
            return super().translate_path(path)

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
        rebuild(root, site_dir, say)
        site_dir.mkdir(exist_ok=True)
    except BaseException:
        server.server_close()
        raise
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    say(f"Serving on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
    seen = snapshot(root)
    try:
        while not stop.wait(interval):
            now = snapshot(root)
            if now != seen:
                changed = sorted(set(now.items()) ^ set(seen.items()))
                say(f"changed: {', '.join(sorted({name for name, _ in changed})[:5])}")
                seen = now
                rebuild(root, site_dir, say)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
