"""The memory of a process and of every process it starts, summed, sampled until told to stop.

`muqabala bench` runs this as a separate process beside the engine (`python -m
muqabala.tools.memwatch PID`): a sampling thread inside the engine's process would stop it
from forking its workers (`parallel.can_fork`). It samples every 0.1 s until its standard
input closes, then prints one JSON line of peaks in MB:

- `pss`: the peak of the summed proportional set size (Linux `smaps_rollup`). A page shared
  by a forked worker and its parent counts once in the sum, split between them: the memory
  the machine really spends. The figure the bench compares with the 1 GB target.
- `rss`: the peak of the summed resident sets, where a shared page counts once per process
  holding it: an upper bound.
- `hwm`: each process's own peak (VmHWM), summed: the kernel's high-water marks need no
  sampling, but every worker's includes what it inherited at the fork, so this overcounts most.

Not `ru_maxrss` of the children (`resource.RUSAGE_CHILDREN`): it is the largest single child,
not a sum, and a forked child's includes its parent's memory at the fork.

Imports only the standard library, so that it starts fast and weighs little.
"""

from __future__ import annotations

import json
import os
import select
import sys
from pathlib import Path

INTERVAL = 0.1
"""Seconds between samples."""


def tree(pid: int) -> list[int]:
    """A process and its descendants, from /proc (Linux)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except (OSError, ValueError):
                continue
    return out


def field(path: str, name: str) -> float:
    """A `Name:   123 kB` line of a /proc file, in MB; 0 when the process is gone."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def watch(pid: int, stop: int = 0) -> dict[str, float]:
    """Peaks of `pid`'s tree (this process left out) until the file descriptor `stop` is readable
    (closed or written to)."""
    me = os.getpid()
    peaks = {"pss": 0.0, "rss": 0.0}
    hwm: dict[int, float] = {}
    while True:
        done = select.select([stop], [], [], INTERVAL)[0]
        pids = [p for p in tree(pid) if p != me]
        peaks["pss"] = max(peaks["pss"], sum(field(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids))
        peaks["rss"] = max(peaks["rss"], sum(field(f"/proc/{p}/status", "VmRSS:") for p in pids))
        for p in pids:
            hwm[p] = max(hwm.get(p, 0.0), field(f"/proc/{p}/status", "VmHWM:"))
        if done:
            return {**peaks, "hwm": sum(hwm.values()), "processes": float(len(hwm))}


if __name__ == "__main__":
    print(json.dumps(watch(int(sys.argv[1]), sys.stdin.fileno())), flush=True)
