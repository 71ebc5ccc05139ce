"""``check`` on a 50k-message catalog beside translate-toolkit's ``pofilter``.

Principles: both tools read the same generated translation (``write_corpus``:
documentation-shaped messages with inline Markdown, placeholders and plurals)
and run their full default set of checks.  Ours is timed as a user runs it — the
``summit-i18n check`` console script in a fresh process — and pofilter as its
console script writing its report to a file.  Goal: at most half pofilter's time,
judged on CPU time (user + system), which a busy machine does not distort; wall
times are reported beside it.

Usage: ``python -m benchmarks.bench_check [--quick]``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.generate import write_corpus
from benchmarks.harness import VENV_BIN, WORK, Result, command_times, standalone

__all__ = ["run"]


def run(quick: bool = False) -> list[Result]:
    n = 5_000 if quick else 50_000
    repeat = 1 if quick else 3
    folder = WORK / f"check-{n // 1000}k"
    _, translated, _ = write_corpus(n, folder)
    ours_cmd: list[str | Path] = [VENV_BIN / "summit-i18n", "check", translated]
    # exit 1: drafts have findings
    ours, ours_cpu = command_times(ours_cmd, repeat=repeat, check=False)
    extra = {"ours_cpu_s": ours_cpu}
    pofilter = shutil.which("pofilter", path=str(VENV_BIN)) or shutil.which("pofilter")
    peer_time = None
    if pofilter is not None:
        peer_cmd: list[str | Path] = [pofilter, translated, "-o", folder / "pofilter-out.po"]
        peer_time, extra["pofilter_cpu_s"] = command_times(peer_cmd, repeat=repeat, check=False)
        extra["cpu_ratio"] = extra["ours_cpu_s"] / extra["pofilter_cpu_s"]
    result = Result(
        benchmark=f"check, {n // 1000}k messages",
        ours=ours,
        peer="pofilter (translate-toolkit)" if pofilter else None,
        peer_time=peer_time,
        goal="<= 0.5x pofilter",
        notes="" if pofilter else "pofilter not installed: pip install -e '.[bench]'",
        extra=extra,
    )
    # Wall time swings with whatever else the machine runs; CPU time does not, so the
    # goal is judged on CPU time when both are known (the wall ratio is still reported).
    ratio = extra.get("cpu_ratio", result.ratio)
    result.met = ratio is not None and ratio <= 0.5
    if "cpu_ratio" in extra:
        result.notes = f"CPU time ratio {extra['cpu_ratio']:.2f}x"
    return [result]


def main() -> None:
    standalone(run, __doc__, quick="5k messages, one run")


if __name__ == "__main__":
    main()
