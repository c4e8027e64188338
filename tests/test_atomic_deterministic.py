"""A build either replaces site/ whole or leaves it byte for byte; the same input, the same bytes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from muqabala.site.build import build
from test_build import tiny_site, tree_digest


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    root = tiny_site(tmp_path / "project")
    build(root, tmp_path / "one")
    build(root, tmp_path / "two")
    one = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    two = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert one == two
    different = [str(p) for p in one if (tmp_path / "one" / p).read_bytes() != (tmp_path / "two" / p).read_bytes()]
    # Nothing is excluded: sitemap dates come from SOURCE_DATE_EPOCH, the rest has no clock in it.
    assert different == []


def test_build_killed_midway_leaves_site_and_is_cleaned_up_next_time(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    build(root)
    before = tree_digest(root / "site")
    proc = subprocess.Popen(
        [sys.executable, "-m", "muqabala", "build", "--force", "--root", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site-build-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(tmp_path.glob(".site-build-*")), "the build never started its temporary tree"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert tree_digest(root / "site") == before
    build(root)
    assert not list(tmp_path.glob(".site-*"))
    assert (root / "site" / "en" / "index.html").is_file()


def test_interrupted_build_removes_its_temporary_tree(tmp_path: Path) -> None:
    root = tiny_site(tmp_path)
    build(root)
    before = tree_digest(root / "site")
    # A job started in the background by a shell inherits SIGINT ignored, and Python keeps it
    # ignored: the build must get the default action, as it has at a terminal.
    proc = subprocess.Popen(
        [sys.executable, "-m", "muqabala", "build", "--force", "--root", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site-build-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert tree_digest(root / "site") == before
    assert not list(tmp_path.glob(".site-build-*"))
