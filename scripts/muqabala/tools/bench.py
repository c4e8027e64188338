"""`muqabala bench`: time every stage of a build on generated projects of growing size.

Each scale runs in a fresh Python process, so that its peak memory (VmHWM, a high-water mark
that never goes down) and its caches (compiled lexicon patterns) are its own. The stages are
the library's functions called directly; MkDocs runs in subprocesses as `build.py` runs it,
and the full build is `muqabala build` in a fresh process, as an editor runs it. Nothing here asserts a
time: a benchmark reports, a test decides.
"""

from __future__ import annotations

import functools
import html
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from muqabala.collate.align import Aligner
from muqabala.collate.engine import collate
from muqabala.data import parallel
from muqabala.data.corpus import Corpus, load_corpus
from muqabala.site.build import LANGUAGES
from muqabala.site.render import render_languages
from muqabala.tools.links import check_site
from muqabala.tools.synth import generate
from muqabala.vocabulary import GENERATED

STAGES = (
    "load",
    "align",
    "rules",
    "markdown",
    "mkdocs_bare",
    "mkdocs_plain",
    "full_build",
    "noop_build",
    "rebuild_edit",
    "preview_edit",
    "read_html",
    "linkcheck",
)
"""Seconds measured per scale, in the order they run (see `measure`)."""

OWN = ("load", "align", "rules", "markdown")
"""Our stages of a build; MkDocs is the rest."""

BUILD_OWN = ("check", "engine", "render", "copy", "write")
"""Our parts of `muqabala build`'s own timing line; `mkdocs` is the rest."""

LABELS = {
    "load": "load+validate",
    "align": "alignment",
    "rules": "rules+report",
    "markdown": "Markdown",
    "mkdocs_bare": "MkDocs (bare)",
    "mkdocs_plain": "MkDocs, plain Markdown",
    "full_build": "full build",
    "noop_build": "build, nothing changed",
    "rebuild_edit": "rebuild (1 edit)",
    "preview_edit": "preview: save to page",
    "read_html": "read every HTML file",
    "linkcheck": "link check",
}

RATIOS = {
    "own_ratio": ("own / (own + bare MkDocs)", "%"),
    "full_vs_bare": ("full build / bare MkDocs", "x"),
    "full_vs_plain": ("full build / plain-Markdown MkDocs", "x"),
    "noop_vs_full": ("no-op build / full build", "%"),
    "rebuild_vs_full": ("rebuild (1 edit) / full build", "%"),
    "rebuild_vs_bare": ("rebuild (1 edit) / bare MkDocs", "x"),
    "linkcheck_vs_read": ("link check / reading the HTML", "x"),
}
"""Every ratio `measure` computes: key → (label, shown as a percentage or a factor)."""


T = TypeVar("T")


class BenchError(Exception):
    """A generated project failed to build or measure."""


def _hwm_mb(pid: int | str = "self") -> float:
    """Peak resident memory of one process (VmHWM), in MB; 0 once it is gone.

    Not `ru_maxrss` of the children: a child started by fork counts its parent's memory at the
    fork, so every MkDocs child would report at least the size of the process that started it.
    """
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _watched(fn: Callable[[], T]) -> tuple[T, dict[str, float]]:
    """`fn()` and the peaks of the memory of this process and the workers it forks, summed
    (`memwatch`: proportional set sizes, `pss`, and resident sets, `rss`), sampled every 0.1 s
    by a separate process."""
    cmd = [sys.executable, "-m", "muqabala.tools.memwatch", str(os.getpid())]
    watcher = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        result = fn()
    finally:
        # Closing its input stops the watcher; the workers are gone by now, so none holds it open.
        output, _ = watcher.communicate("")
    return result, json.loads(output)


def _align_all(corpus: Corpus) -> None:
    """The alignment stage: an aligner over the whole archive ranks every article sentence."""
    aligner = Aligner(corpus)
    for _, art in sorted(corpus.articles.items()):
        for sen in art.sentences():
            aligner.rank(art, sen, k=10)


def _apart(fn: Callable[[], None]) -> None:
    """`fn()` in a forked child where forking is safe, else here: a stage that only the bench runs
    (the alignment stage's aligner over the whole archive) must not leave its memory in the process
    whose peak is measured next. Memory Python frees stays with the process, and at 1000 cases this
    stage's added ~0.2 GB to the engine's figure."""
    if not parallel.can_fork():
        fn()
        return
    pid = os.fork()
    if pid == 0:  # the child: run the stage and leave without running the parent's clean-up
        code = 1
        try:
            fn()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"the alignment stage failed in its child process (status {status})")


def _tree(pid: int) -> list[int]:
    """A process and its descendants, from /proc (Linux)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children") if Path(f"/proc/{p}").exists() else []:
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                continue
    return out


def _run(cmds: list[list[str]], root: Path) -> tuple[float, float, list[str]]:
    """Run commands side by side; (seconds, peak MB of any process in their trees, outputs).

    The peak is sampled every 0.1 s; VmHWM only grows, so a late sample is close to the peak.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for cmd in cmds
    ]
    peaks: dict[int, float] = {}
    while any(p.poll() is None for p in procs):
        for p in procs:
            for pid in _tree(p.pid):
                peaks[pid] = max(peaks.get(pid, 0.0), _hwm_mb(pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    outputs = [p.communicate()[0] for p in procs]
    failed = [
        f"{' '.join(c[2:5])}: {o.strip()[-3000:]}"
        for c, p, o in zip(cmds, procs, outputs, strict=True)
        if p.returncode != 0
    ]
    if failed:
        raise BenchError("a build failed:\n" + "\n".join(failed))
    return seconds, max(peaks.values(), default=0.0), outputs


def _bare_config(root: Path, lang: str, config: str, nav: list[object]) -> Path:
    """The language's config without the muqabala plugin, the generated nav written out."""
    path = root / f".bench-bare-{lang}.yml"
    plugins = [{"search": {"lang": lang}}]
    text = f"INHERIT: {config}\n" + yaml.safe_dump(
        {"plugins": plugins, "nav": nav}, allow_unicode=True, sort_keys=False
    )
    path.write_text(text, encoding="utf-8")
    return path


_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t]+")


def plain_markdown(text: str) -> str:
    """A generated page as plain Markdown of the same text: the yardstick's page.

    Headings and Markdown lines are kept; each HTML block becomes a paragraph of its text (tags,
    scripts and styles dropped), so MkDocs builds the same words without any raw HTML.
    """
    out = []
    for chunk in text.split("\n\n"):
        if chunk.lstrip().startswith("<"):
            words = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", chunk)))).strip()
            chunk = "\n".join(line.strip() for line in words.splitlines() if line.strip())
            # Markdown's own characters in the text stay text.
            chunk = re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", chunk)
        if chunk:
            out.append(chunk)
    return "\n\n".join(out) + "\n"


def _plain_config(root: Path, lang: str, config: str, nav: list[object]) -> Path:
    """The bare configuration over `.bench-plain/<lang>`: hand-written pages as they are,
    generated ones as `plain_markdown`."""
    path = root / f".bench-plain-{lang}.yml"
    text = f"INHERIT: {config}\n" + yaml.safe_dump(
        {"docs_dir": f".bench-plain/{lang}", "plugins": [{"search": {"lang": lang}}], "nav": nav},
        allow_unicode=True,
        sort_keys=False,
    )
    path.write_text(text, encoding="utf-8")
    return path


def _mkdocs_cmd(config: Path, out: Path, strict: bool) -> list[str]:
    """One language's MkDocs build, as `build.py` runs it."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d", str(out)]
    return cmd + (["--strict"] if strict else [])


_PARTS = re.compile(r"(\w+) ([\d.]+)s")


def _build(root: Path, strict: bool, unchanged: bool = False) -> tuple[float, float, dict[str, float]]:
    """`muqabala build` in a fresh process, as an editor runs it: seconds, peak MB, its own split.

    With `unchanged`, the build must find nothing changed and publish nothing.
    """
    cmd = [sys.executable, "-m", "muqabala", "build", "--root", str(root)] + ([] if strict else ["--no-strict"])
    seconds, peak, (output,) = _run([cmd], root)
    start = "Unchanged: " if unchanged else "Built "
    line = next((x for x in output.splitlines() if x.startswith(start)), None)
    if line is None:
        raise BenchError(f"`muqabala build` did not say {start.strip()!r}:\n{output.strip()[-3000:]}")
    return seconds, peak, {k: float(v) for k, v in _PARTS.findall(line)}


def _read_html(site: Path) -> float:
    """Seconds to read every HTML file of the site once, as text: the floor of any link check."""
    t0 = time.perf_counter()
    for path in sorted(site.rglob("*.html")):
        path.read_text(encoding="utf-8", errors="replace")
    return time.perf_counter() - t0


def _edit_one_statement(root: Path) -> str:
    """Change one word of one statement, as an editor fixing a translation would."""
    path = sorted((root / "statements").glob("*.yaml"))[-1]
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("translator:", "translator: (revised)", 1)
        if "translator: (revised)" not in text
        else text.replace("(revised)", "(revised again)", 1),
        encoding="utf-8",
    )
    return path.relative_to(root).as_posix()


PREVIEW_SCALES = 10
"""`muqabala serve` is timed up to this scale: it starts with a full build of its own."""


def _preview_edit(root: Path) -> float:
    """Seconds from saving an edited statement to `muqabala serve` serving its page with the edit:
    the watcher's polling, the build and the swap; the page's own reload script adds at most
    `preview.POLL_MS` more in a browser.

    The probe is the one a previewed page uses: the server's count of builds ended
    (`preview.STATE_PATH`, a few bytes) every 10 ms, and the page itself, whole, each time that
    count changes, until it holds the edit. Reading the whole page every 10 ms (the probe before
    the eighth session) had the server's threads, in this process, read and send ~90 kB a hundred
    times a second while the build ran beside them on the same two cores: the figure was partly
    the probe's. The page is published before the count moves, so this never reports the edit
    early; it reports it at most one poll and one page's reading late."""
    from muqabala.site.preview import STATE_PATH
    from muqabala.site.serve import serve

    said: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(root, 0, said.append), kwargs={"stop": stop}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 1800
        while not any(m.startswith("Serving on ") for m in said):
            if not thread.is_alive() or time.monotonic() > deadline:
                raise BenchError("`muqabala serve` did not start:\n" + "\n".join(said)[-3000:])
            time.sleep(0.05)
        address = next(m for m in said if m.startswith("Serving on ")).split()[2]
        path = sorted((root / "statements").glob("*.yaml"))[-1]
        token = f"(preview {time.time_ns()})"
        text = path.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        path.write_text(text.replace("translator:", f"translator: {token}", 1), encoding="utf-8")
        page = f"{address}en/statements/{path.stem}/"
        state = address.rstrip("/") + STATE_PATH
        built = ""  # no count seen yet: the page is read once first, in case the build has ended already
        while True:
            count = _get(state)
            if count != built:
                built = count
                if token in _get(page):
                    return time.perf_counter() - t0
            if not thread.is_alive() or time.perf_counter() - t0 > 600:
                raise BenchError(f"`muqabala serve` never served the edit of {path.name}:\n" + "\n".join(said)[-3000:])
            time.sleep(0.01)
    finally:
        stop.set()
        thread.join(timeout=60)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode("utf-8", errors="replace"))


def _clear_generated(root: Path) -> None:
    for lang in ("en", "ar"):
        for name in GENERATED:
            target = root / "content" / lang / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.is_file():
                target.unlink()


def measure(
    root: Path, scale: int, source: Path, seed: int = 0, engine_only: bool = False, shipped: bool = True
) -> dict[str, Any]:
    """Generate a project of `scale` cases in `root` from the project `source` and time each stage; one dict
    of results.

    Stages: `load` (load_corpus), `align` (an Aligner and the ranking of every article sentence, in a
    forked child so that its memory is not counted in the engine's),
    `rules` (engine.collate minus `align`: coding, rules, verdicts, comparisons, report; collate
    aligns again inside, so this is an estimate; the compiled lexicon patterns are cold, as in
    a build), `markdown` (render_languages for both languages, each case once, on every core
    from 8 cases, no page cache; files written), `mkdocs_bare` (both MkDocs builds of the same
    pages without our plugin), `mkdocs_plain` (the yardstick: the same builds with every generated
    page as `plain_markdown`, the same words without any HTML), `full_build` (`muqabala build`
    with cold engine and page caches),
    `rebuild_edit` (`muqabala build` after one statement was edited: its case is collated and
    rendered again, the others come from the caches, and MkDocs builds the changed pages alone),
    `preview_edit` (up to `PREVIEW_SCALES`: `muqabala serve` on the project, one statement saved,
    until the server hands out its page with the edit), `noop_build` (`muqabala build` again right
    after the full build: nothing changed, nothing is published), `read_html` (reading every HTML
    file of the built site once), `linkcheck` (links.check_site on the built site). The ratios
    are named in `RATIOS`. `*_own` are our parts of a build's own timing line (check, engine, render,
    write), `*_own_ratio` their share of its wall time, `*_startup` the wall time its timer
    does not see (interpreter start, imports).
    """
    out: dict[str, Any] = {"scale": scale, "loadavg_start": _loadavg()}
    t0 = time.perf_counter()
    summary = generate(root, scale, seed, source=source, shipped=shipped)
    out["generate"] = time.perf_counter() - t0
    out |= {k: v for k, v in vars(summary).items() if k != "scale"}

    t0 = time.perf_counter()
    corpus = load_corpus(root)
    out["load"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    _apart(functools.partial(_align_all, corpus))
    out["align"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    report, workers = _watched(functools.partial(collate, corpus, root))
    out["engine"] = time.perf_counter() - t0
    out["rules"] = max(0.0, out["engine"] - out["align"])
    out["peak_mb_engine"] = _hwm_mb()
    out["peak_mb_engine_all"] = workers["pss"]
    out["peak_mb_engine_rss"] = workers["rss"]

    if engine_only:
        out["markdown"] = 0.0
        out["own"] = out["load"] + out["align"] + out["rules"]
        out["peak_mb"] = _hwm_mb()
        out["loadavg_end"] = _loadavg()
        return out
    t0 = time.perf_counter()
    navs = {}
    rendered = render_languages(corpus, report, tuple(LANGUAGES))
    for lang, pages in rendered.items():
        for rel, text in pages.files.items():
            target = root / "content" / lang / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        navs[lang] = pages.nav
        out[f"pages_{lang}"] = len(pages.files)
    out["markdown"] = time.perf_counter() - t0
    for lang, pages in rendered.items():
        plain = root / ".bench-plain" / lang
        shutil.copytree(root / "content" / lang, plain, ignore=shutil.ignore_patterns(*GENERATED))
        for rel, text in pages.files.items():
            (plain / rel).parent.mkdir(parents=True, exist_ok=True)
            (plain / rel).write_text(plain_markdown(text) if rel.endswith(".md") else text, encoding="utf-8")
    del rendered
    del report, corpus

    if not engine_only:
        configs = {lang: _bare_config(root, lang, cfg, navs[lang]) for lang, cfg in LANGUAGES.items()}
        cmds = [_mkdocs_cmd(cfg, root / ".bench-bare-site" / lang, shipped) for lang, cfg in configs.items()]
        out["mkdocs_bare"], out["peak_mb_mkdocs"], _ = _run(cmds, root)
        # Not strict: the hand-written pages link to anchors the plain pages no longer have.
        yardstick = {lang: _plain_config(root, lang, cfg, navs[lang]) for lang, cfg in LANGUAGES.items()}
        cmds = [_mkdocs_cmd(cfg, root / ".bench-plain-site" / lang, False) for lang, cfg in yardstick.items()]
        out["mkdocs_plain"], _, _ = _run(cmds, root)

        shutil.rmtree(root / ".cache", ignore_errors=True)
        _clear_generated(root)
        out["full_build"], out["peak_mb_build"], out["full_build_parts"] = _build(root, shipped)

        out["noop_build"], _, out["noop_build_parts"] = _build(root, shipped, unchanged=True)

        out["read_html"] = _read_html(root / "site")
        t0 = time.perf_counter()
        problems = check_site(root / "site")
        out["linkcheck"] = time.perf_counter() - t0
        out["link_problems"] = len(problems)
        out["link_problem_examples"] = [str(p) for p in problems[:5]]

        out["edited"] = _edit_one_statement(root)
        out["rebuild_edit"], _, out["rebuild_edit_parts"] = _build(root, shipped)
        if scale <= PREVIEW_SCALES:
            out["preview_edit"] = _preview_edit(root)

    own = sum(out[k] for k in OWN)
    out["own"] = own
    if not engine_only:
        out["own_ratio"] = own / (own + out["mkdocs_bare"])
        out["full_vs_bare"] = out["full_build"] / out["mkdocs_bare"]
        out["full_vs_plain"] = out["full_build"] / out["mkdocs_plain"]
        out["noop_vs_full"] = out["noop_build"] / out["full_build"]
        out["rebuild_vs_full"] = out["rebuild_edit"] / out["full_build"]
        out["rebuild_vs_bare"] = out["rebuild_edit"] / out["mkdocs_bare"]
        out["linkcheck_vs_read"] = out["linkcheck"] / out["read_html"] if out["read_html"] else 0.0
        for name in ("full_build", "rebuild_edit"):
            parts = out[f"{name}_parts"]
            ours = sum(v for k, v in parts.items() if k in BUILD_OWN)
            out[f"{name}_own"] = ours
            out[f"{name}_own_ratio"] = ours / out[name]
            # What the build's own timer does not see: interpreter start and imports.
            out[f"{name}_startup"] = max(0.0, out[name] - sum(parts.values()))
    out["peak_mb"] = _hwm_mb()
    out["loadavg_end"] = _loadavg()
    return out


def _run_scale(workdir: Path, scale: int, source: Path, seed: int, engine_only: bool, shipped: bool) -> dict[str, Any]:
    """`measure` in a fresh interpreter, so that peak memory is this scale's alone."""
    root = workdir / f"scale-{scale}"
    if root.exists():
        shutil.rmtree(root)
    code = (
        "import json, sys; from pathlib import Path; from muqabala.tools.bench import measure; "
        "a = sys.argv; print(json.dumps(measure(Path(a[1]), int(a[2]), Path(a[6]), int(a[3]), "
        "a[4] == '1', a[5] == '1')))"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(root),
            str(scale),
            str(seed),
            "1" if engine_only else "0",
            "1" if shipped else "0",
            str(source),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise BenchError(f"scale {scale} failed:\n{proc.stderr.strip()[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(
    scales: list[int],
    source: Path,
    seed: int = 0,
    engine_only: bool = False,
    shipped: bool = True,
    workdir: Path | None = None,
    keep: bool = False,
    announce: Callable[[int], None] | None = None,
    repeat: int = 1,
) -> list[dict[str, Any]]:
    """`measure` each scale in its own interpreter, in `workdir` (default: a temporary folder).

    With `repeat` above 1 each scale is measured that many times and every figure is the median
    of the runs (each ratio the median of the runs' ratios, taken within one run). The generated
    projects are removed afterwards unless `keep`; `announce(scale)` is called before each run.
    """
    base = workdir or Path(tempfile.mkdtemp(prefix="muqabala-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for scale in scales:
            runs = []
            for _ in range(max(1, repeat)):
                if announce:
                    announce(scale)
                runs.append(_run_scale(base, scale, source, seed, engine_only, shipped))
            results.append(median_of(runs))
    finally:
        if not keep:
            for scale in scales:
                shutil.rmtree(base / f"scale-{scale}", ignore_errors=True)
            if workdir is None:
                shutil.rmtree(base, ignore_errors=True)
    return results


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One result from several runs of a scale: the median of each number (and of each number
    of a nested split such as `full_build_parts`), the first run's value of anything else."""
    out: dict[str, Any] = {}
    for key, first in runs[0].items():
        values = [r[key] for r in runs if key in r]
        if isinstance(first, float):
            out[key] = statistics.median(values)
        elif isinstance(first, dict) and all(isinstance(v, float) for v in first.values()):
            out[key] = {k: statistics.median(v[k] for v in values if k in v) for k in first}
        else:
            out[key] = first
    out["runs"] = len(runs)
    return out


def _loadavg() -> list[float]:
    """The 1, 5 and 15-minute load averages (Linux); empty elsewhere."""
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except (OSError, ValueError):
        return []


# --- output -------------------------------------------------------------------------------------


def table(results: list[dict[str, Any]]) -> str:
    """A plain-text table: one row per stage, one column per scale."""
    rows: list[tuple[str, list[str]]] = [
        ("statements / sentences", [f"{r['statements']:,} / {r['sentences']:,}" for r in results]),
        ("articles / claims", [f"{r['articles']:,} / {r['claims']:,}" for r in results]),
        ("pages per language", [f"{r.get('pages_en', 0):,}" for r in results]),
    ]
    for stage in STAGES[:4] + ("own",) + STAGES[4:]:
        rows.append(
            (
                LABELS.get(stage, "own stages (sum)"),
                [f"{r[stage]:.2f} s" if stage in r else "-" for r in results],
            )
        )
    for key, (label, unit) in RATIOS.items():
        rows.append((label, [_ratio(r, key, unit) for r in results]))
    rows += [
        (
            "ours in full build (cold)",
            [_share(r, "full_build") for r in results],
        ),
        (
            "ours in rebuild (1 edit)",
            [_share(r, "rebuild_edit") for r in results],
        ),
        (
            "start+imports, rebuild",
            [f"{r['rebuild_edit_startup']:.2f} s" if "rebuild_edit_startup" in r else "-" for r in results],
        ),
        ("load average, start / end", [_load(r) for r in results]),
        ("runs (median shown)", [str(r.get("runs", 1)) for r in results]),
        ("engine (load + collate)", [f"{r['load'] + r['engine']:.2f} s" if "engine" in r else "-" for r in results]),
        ("peak MB, engine (load..rules)", [f"{r['peak_mb_engine']:.0f}" for r in results]),
        (
            "peak MB, collate + workers (PSS)",
            [f"{r['peak_mb_engine_all']:.0f}" if "peak_mb_engine_all" in r else "-" for r in results],
        ),
        (
            "peak MB, collate + workers (RSS)",
            [f"{r['peak_mb_engine_rss']:.0f}" if "peak_mb_engine_rss" in r else "-" for r in results],
        ),
        ("peak MB, stages process", [f"{r['peak_mb']:.0f}" for r in results]),
        (
            "peak MB, bare MkDocs (1 lang)",
            [f"{r['peak_mb_mkdocs']:.0f}" if "peak_mb_mkdocs" in r else "-" for r in results],
        ),
        (
            "peak MB, full build (any proc)",
            [f"{r['peak_mb_build']:.0f}" if "peak_mb_build" in r else "-" for r in results],
        ),
    ]
    head = ["stage"] + [f"{r['scale']}x" for r in results]
    width = [max(len(head[0]), *(len(n) for n, _ in rows))] + [
        max(len(head[i + 1]), *(len(v[i]) for _, v in rows)) for i in range(len(results))
    ]
    lines = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(head, width, strict=True)))]
    lines.append("  ".join("-" * w for w in width))
    for name, values in rows:
        lines.append("  ".join([name.ljust(width[0])] + [v.rjust(w) for v, w in zip(values, width[1:], strict=True)]))
    return "\n".join(lines)


def _load(r: dict[str, Any]) -> str:
    """The 1-minute load average when the scale's (first) run started and ended."""
    start, end = r.get("loadavg_start") or [], r.get("loadavg_end") or []
    return f"{start[0]:.1f} / {end[0]:.1f}" if start and end else "-"


def _ratio(r: dict[str, Any], key: str, unit: str) -> str:
    if key not in r:
        return "-"
    return f"{r[key]:.1%}" if unit == "%" else f"{r[key]:.2f}x"


def _share(r: dict[str, Any], name: str) -> str:
    """Our seconds inside one `muqabala build` run and their share of its wall time."""
    if f"{name}_own" not in r:
        return "-"
    return f"{r[f'{name}_own']:.2f} s {r[f'{name}_own_ratio']:.1%}"


SERIES = (
    ("own", "our stages", "#1f77b4"),
    ("mkdocs_bare", "bare MkDocs", "#d62728"),
    ("full_build", "full build", "#2ca02c"),
    ("rebuild_edit", "rebuild after 1 edit", "#9467bd"),
)


def svg_chart(results: list[dict[str, Any]]) -> str:
    """An SVG line chart of seconds against scale, both axes logarithmic; no dependency."""
    w, h, left, right, top, bottom = 640, 400, 70, 170, 20, 50
    points = {key: [(r["scale"], r[key]) for r in results if r.get(key)] for key, _, _ in SERIES}
    xs = [r["scale"] for r in results] or [1]
    ys = [y for pts in points.values() for _, y in pts] or [1.0]
    x0, x1 = (
        math.floor(math.log10(min(xs))),
        max(math.ceil(math.log10(max(xs))), math.floor(math.log10(min(xs))) + 1),
    )
    y0, y1 = (
        math.floor(math.log10(min(ys))),
        max(math.ceil(math.log10(max(ys))), math.floor(math.log10(min(ys))) + 1),
    )

    def px(x: float) -> float:
        return left + (math.log10(x) - x0) / (x1 - x0) * (w - left - right)

    def py(y: float) -> float:
        return h - bottom - (math.log10(y) - y0) / (y1 - y0) * (h - top - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        'font-family="sans-serif" font-size="12">',
        "<title>muqabala bench: seconds against scale (log-log)</title>",
        f'<rect width="{w}" height="{h}" fill="white"/>',
    ]
    for e in range(x0, x1 + 1):
        x = px(10**e)
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{h - bottom}" stroke="#ddd"/>')
        parts.append(f'<text x="{x:.1f}" y="{h - bottom + 16}" text-anchor="middle">{10**e}×</text>')
    for e in range(y0, y1 + 1):
        y = py(10**e)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{10.0**e:g} s</text>')
    parts.append(f'<text x="{(left + w - right) / 2}" y="{h - 12}" text-anchor="middle">scale (cases)</text>')
    for i, (key, label, colour) in enumerate(SERIES):
        pts = points[key]
        if pts:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
            parts += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in pts]
        ly = top + 10 + 18 * i
        parts.append(
            f'<line x1="{w - right + 12}" y1="{ly}" x2="{w - right + 32}" y2="{ly}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        parts.append(f'<text x="{w - right + 38}" y="{ly + 4}">{label}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
