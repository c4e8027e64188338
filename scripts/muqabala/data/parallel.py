"""Running independent shares of work on every core: reading the data files, the engine, rendering.

Workers are forked, so they inherit the loaded corpus and lexicon instead of receiving them:
only the share (a few ids, files or cases) goes to a worker, and only its results come back.
It lives in the lowest layer that forks (`corpus.load_corpus`), so every layer above can use it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

JOBS_ENV = "MUQABALA_JOBS"
"""Environment variable setting the number of worker processes (`1`: everything in this process)."""

T = TypeVar("T")
R = TypeVar("R")

_shared: Any = None
"""What every worker needs, set just before the fork so that workers inherit it."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def requested_jobs() -> int | None:
    """The number of workers asked for in `MUQABALA_JOBS`, or None when it is not set."""
    value = os.environ.get(JOBS_ENV, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{JOBS_ENV} must be a whole number of 1 or more, like {JOBS_ENV}=1 (got {value!r})")
    return int(value)


def can_fork() -> bool:
    """Whether worker processes can be forked safely from here.

    Forking copies only the calling thread: a lock held by another thread (a live-preview
    server's, say) would stay locked in the child forever. A daemonic process may not start
    children at all.
    """
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )


PARALLEL_CASES = 8
"""Fewer cases than this are worked on in one process: starting workers would cost more than it saves."""

SHARES_PER_JOB = 4
"""Shares of the work per worker process, so that one big share does not keep the others waiting."""


def workers(cases: int, jobs: int | None) -> int:
    """How many processes share the work on `cases` cases: `jobs` if given, else `MUQABALA_JOBS`,
    else one per core once there are `PARALLEL_CASES`; one whenever forking is not safe."""
    asked = jobs if jobs is not None else requested_jobs()
    if asked is None:
        asked = cores() if cases >= PARALLEL_CASES else 1
    count = min(asked, cases)
    return count if count > 1 and can_fork() else 1


MAX_SHARE = 25
"""Cases per share at most: a worker holds one share's indexes and results at a time, so smaller
shares keep each worker small in a large archive (126 cases a share at 1000 cases before)."""


def shares(items: Sequence[T], jobs: int, most: int = MAX_SHARE) -> list[list[T]]:
    """`items` cut into `SHARES_PER_JOB` shares per worker, of `most` items at most, in order."""
    size = min(most, max(1, -(-len(items) // (jobs * SHARES_PER_JOB))))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _call(fn: Callable[[Any, T], R], share: T) -> R:
    return fn(_shared, share)


def map_forked(fn: Callable[[Any, T], R], shared: Any, shares: Sequence[T], jobs: int) -> list[R]:
    """`[fn(shared, share) for share in shares]`, computed by `jobs` forked processes.

    `fn` and the shares are pickled; `shared` is not (workers inherit it), so it can be large.
    Results come back in the order of `shares`.
    """
    global _shared
    _shared = shared
    # Objects alive at the fork move to the collector's permanent generation: a collection in a
    # worker would otherwise write to every inherited object's header and copy the whole corpus
    # into each worker, page by page (most of the workers' memory at 1000 cases).
    gc.collect()
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return list(pool.map(_call, [fn] * len(shares), shares))
    finally:
        gc.unfreeze()
        _shared = None


def map_beside(fn: Callable[[Any, T], R], shared: Any, mine: T, theirs: Sequence[T], jobs: int) -> tuple[R, list[R]]:
    """`fn(shared, mine)` computed here while `jobs` forked processes compute `fn(shared, share)` for each
    of `theirs`: for work whose results are cheap to send back compared with computing them, so that
    this process, which must take them in anyway, does a share of its own meanwhile.

    Results come back in the order of `theirs`.
    """
    global _shared
    _shared = shared
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = [pool.submit(_call, fn, share) for share in theirs]
            own = fn(shared, mine)
            return own, [f.result() for f in futures]
    finally:
        _shared = None
