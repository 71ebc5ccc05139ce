"""Timing helpers shared by the benchmarks: medians of wall time, peak memory, ratios."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / "work"
VENV_BIN = Path(sys.executable).parent
#: how a row says its time was taken inside the benchmark's process (no start-up)
IN_PROCESS = "in process"
#: how a goal says it is judged on CPU time rather than on the wall times shown
CPU_GOAL = "CPU time"


@dataclass
class Result:
    """One row of the report: our time beside a peer's on the same input.

    Both are whole processes (ours the console script or a fresh interpreter, started
    as a user starts it), unless the benchmark's name says ``in process``: such a row
    has no peer.
    """

    benchmark: str  #: e.g. "update (fuzzy), 10k messages"
    ours: float  #: seconds (median)
    peer: str | None = None  #: e.g. "msgmerge --previous"
    peer_time: float | None = None
    goal: str = ""  #: e.g. "<= 3x msgmerge --no-fuzzy-matching"
    met: bool | None = None
    notes: str = ""
    extra: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Peers are whole processes: a time without start-up beside one is not a ratio.
        if self.peer is not None and IN_PROCESS in self.benchmark:
            raise ValueError(f"{self.benchmark!r}: an in-process time is compared with nothing")

    @property
    def ratio(self) -> float | None:
        if self.peer_time in (None, 0):
            return None
        return self.ours / self.peer_time  # type: ignore[operator]


def median_time(
    func: Callable[[], object], *, repeat: int = 3, setup: Callable[[], object] | None = None
) -> float:
    """Median wall time of ``func`` over ``repeat`` runs (``setup`` untimed before each)."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_command(
    args: Sequence[str | os.PathLike[str]],
    *,
    repeat: int = 3,
    setup: Callable[[], object] | None = None,
    cwd: Path | None = None,
    check: bool = True,
) -> float:
    """Median wall time of an external command."""
    return command_times(args, repeat=repeat, setup=setup, cwd=cwd, check=check)[0]


def command_times(
    args: Sequence[str | os.PathLike[str]],
    *,
    repeat: int = 3,
    setup: Callable[[], object] | None = None,
    cwd: Path | None = None,
    check: bool = True,
    env: Mapping[str, str] | None = None,
) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of an external command
    (``env``: its whole environment, else this process's).

    On a machine shared with other work the wall time of both sides stretches with
    the load, unevenly; the CPU time of a single-threaded process stretches far less.
    """
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(a) for a in args], cwd=cwd, check=check, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def cpu_note(ours: float, peer: float) -> str:
    """How a row's note gives both CPU times and their ratio."""
    return f"CPU time {fmt_seconds(ours)} vs {fmt_seconds(peer)} ({ours / peer:.2f}x)"


def compare(benchmark: str, ours: tuple[float, float], peer: str | None,
            theirs: tuple[float, float] | None, *, goal: str = "",
            factor: float | None = None, notes: str = "") -> Result:
    """A row of (wall, CPU) times; its goal, ours <= ``factor`` x theirs, judged on CPU time.

    The table shows wall times (what a user waits); the note adds both CPU times.
    """
    if goal and factor is not None:
        goal = f"{goal} ({CPU_GOAL})"
    result = Result(benchmark, ours[0], peer, theirs[0] if theirs else None, goal=goal)
    parts = [notes] if notes else []
    if theirs is not None and theirs[1] > 0:
        parts.append(cpu_note(ours[1], theirs[1]))
        if factor is not None:
            result.met = ours[1] <= factor * theirs[1]
        result.extra = {"ours_cpu_s": ours[1], "peer_cpu_s": theirs[1]}
    result.notes = "; ".join(parts)
    return result


def peak_rss_mb(
    args: Sequence[str | os.PathLike[str]], *, cwd: Path | None = None
) -> tuple[float, float]:
    """Run a command once; return (seconds, peak resident memory in MB) of that child."""
    script = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)"
    )
    out = subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=cwd,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem_gb:.0f} GiB, Python {platform.python_version()}"


def self_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fmt_seconds(seconds: float | None) -> str:
    """``1.23 s``, ``456 ms``, ``3.21 ms`` or ``—``: how the report writes a time."""
    if seconds is None:
        return "—"
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def row_line(r: Result) -> str:
    """One result as a line of text (the report's console output)."""
    ratio = "—" if r.ratio is None else f"{r.ratio:.3g}x"
    verdict = {True: " (met)", False: " (NOT met)", None: ""}[r.met]
    goal = f"; goal {r.goal}{verdict}" if r.goal else ""
    notes = f"; {r.notes}" if r.notes else ""
    return (f"{r.benchmark}: {fmt_seconds(r.ours)} vs {r.peer or '—'}: "
            f"{fmt_seconds(r.peer_time)}, ratio {ratio}{goal}{notes}")


def standalone(run: Callable[..., list[Result]], doc: str | None, *, quick: str) -> None:
    """A benchmark module run on its own: ``python -m benchmarks.bench_x [--quick]``."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--quick", action="store_true", help=quick)
    args = parser.parse_args()
    for r in run(quick=args.quick):
        print(row_line(r), flush=True)
