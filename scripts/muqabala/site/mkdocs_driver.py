"""Long-lived MkDocs processes for `muqabala serve`: one per language, each building on request.

A `mkdocs build` pays for starting Python and importing MkDocs, Material and Markdown on every
run (0.5–1 s on a loaded machine), most of an edit's publishing in `serve`. A driver is started
once, keeps those imports, and for each request loads the configuration afresh and calls MkDocs'
own build, as `mkdocs build` would (and as `mkdocs serve` does between its rebuilds): new
plugins, nav and theme every time, so a build here writes the same files as the command.

The protocol is one JSON line per request on the driver's stdin (`config`, `site_dir`, `strict`,
`dirty`, `cwd`, `env`) and, per answer, one JSON line on its stdout (`code`, `output`), where
`output` is what `mkdocs build` would have printed (`LEVEL    -  message` lines, then the
reason it stopped) and `code` its exit status.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path


class DriverError(Exception):
    """A driver process ended or answered something other than an answer."""


class Driver:
    """One MkDocs process kept between builds; started on the first `start`."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[str] | None = None

    def start(self, config: Path, site_dir: Path, *, strict: bool, dirty: bool, cwd: Path, env: dict[str, str]) -> None:
        """Send one build request; `finish` waits for its answer."""
        if self.proc is None or self.proc.poll() is not None:
            # A signal while the child starts would leave it unknown: it waits until it is kept.
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            try:
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", "muqabala.site.mkdocs_driver"],
                    cwd=cwd,
                    env=env,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    encoding="utf-8",
                )
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        request = {
            "config": str(config),
            "site_dir": str(site_dir),
            "strict": strict,
            "dirty": dirty,
            "cwd": str(cwd),
            "env": env,
        }
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except OSError as e:
            self.close()
            raise DriverError(f"the MkDocs driver ended: {e}") from None

    def finish(self) -> tuple[int, str]:
        """The exit status and output of the build `start` asked for."""
        assert self.proc is not None and self.proc.stdout is not None
        line = self.proc.stdout.readline()
        try:
            answer = json.loads(line)
            return int(answer["code"]), str(answer["output"])
        except (ValueError, KeyError, TypeError):
            self.close()
            raise DriverError(f"the MkDocs driver ended (got {line.strip()[:200]!r})") from None

    def busy(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def close(self) -> None:
        """Stop the process (mid-build too: its output folder is about to be deleted)."""
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
            self.proc = None


class Drivers:
    """A driver per language, for the builds of one `serve`; `close` stops them."""

    def __init__(self) -> None:
        self.by_lang: dict[str, Driver] = {}

    def get(self, lang: str) -> Driver:
        return self.by_lang.setdefault(lang, Driver())

    def close(self) -> None:
        for driver in self.by_lang.values():
            driver.close()


def _build(request: dict[str, object]) -> tuple[int, str]:
    """One `mkdocs build -f config -d site_dir [--strict | --dirty]`, its status and output."""
    import io
    import logging

    from mkdocs import config as mkdocs_config
    from mkdocs.__main__ import ColorFormatter
    from mkdocs.commands import build
    from mkdocs.exceptions import Abort, MkDocsException

    os.chdir(str(request["cwd"]))
    env = request["env"]
    assert isinstance(env, dict)
    os.environ.clear()
    os.environ.update(env)
    out = io.StringIO()
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.StreamHandler(out)
    formatter = ColorFormatter()
    formatter.text_wrapper.width = 0  # what the command prints into a pipe: no wrapping
    handler.setFormatter(formatter)
    logger.addHandler(handler)
    dirty = bool(request["dirty"])
    try:
        cfg = mkdocs_config.load_config(
            config_file=str(request["config"]), site_dir=str(request["site_dir"]), strict=bool(request["strict"])
        )
        cfg.plugins.on_startup(command="build", dirty=dirty)
        try:
            build.build(cfg, dirty=dirty)
        finally:
            cfg.plugins.on_shutdown()
    except Abort as e:  # a SystemExit too
        out.write(f"\n{e.format_message()}\n")
        return 1, out.getvalue()
    except MkDocsException as e:
        out.write(f"Error: {e.format_message()}\n")
        return 1, out.getvalue()
    except Exception as e:  # what the command would end with, as a traceback
        import traceback

        out.write("".join(traceback.format_exception(e)))
        return 1, out.getvalue()
    finally:
        logger.removeHandler(handler)
    return 0, out.getvalue()


def main() -> None:
    # Ctrl+C in the terminal reaches the whole process group: the server stops this process itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Answers only on stdout: anything a plugin prints goes to stderr, as the command's would show.
    answers, sys.stdout = sys.stdout, sys.stderr
    # Started with SIGTERM blocked (see `Driver.start`): the mask is inherited, and `kill` must end it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    for line in sys.stdin:
        code, output = _build(json.loads(line))
        answers.write(json.dumps({"code": code, "output": output}) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
