"""Run every benchmark side by side with its peers; write RESULTS.md and a chart.

Usage: ``python -m benchmarks [--quick] [--only NAME ...]`` (``make bench`` runs all).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import math
import os
import sys
import textwrap
import time
import traceback
from pathlib import Path

from benchmarks.harness import REPO, Result, fmt_seconds, machine_description, row_line

MODULES = [
    "bench_startup",
    "bench_po",
    "bench_extract",
    "bench_update",
    "bench_prefill",
    "bench_check",
    "bench_compile",
    "bench_build",
    "bench_size",
    "bench_hardening",
]
RESULTS_MD = REPO / "benchmarks" / "RESULTS.md"
CHART = REPO / "benchmarks" / "results.png"


def render_markdown(results: list[Result], *, when: str, machine: str, failures: list[str]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {when} on {machine}, by `make bench` (medians; ratio = ours / peer,",
        "below 1 means summit-i18n is faster).  Every time is a whole process, started as a",
        "user starts it (ours: the `summit-i18n` console script, or a fresh Python process",
        "where no command does only that job), beside the peer's whole process; a row",
        "marked *in process* was timed inside the benchmark (no start-up) and has no peer.",
        "",
        "| benchmark | summit-i18n | peer | peer time | ratio | goal | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: ""}[r.met]
        lines.append(
            f"| {r.benchmark} | {fmt_seconds(r.ours)} | {r.peer or '—'} "
            f"| {fmt_seconds(r.peer_time)} | {ratio} | {r.goal} | {met} |"
        )
    notes = [f"- {_label(r)}: {r.notes}" for r in results if r.notes]
    if notes:
        lines += ["", "Notes:", "", *notes]
    if failures:
        lines += ["", "Benchmarks that failed to run:", "", *[f"- {f}" for f in failures]]
    lines += ["", "![ratios](results.png)", ""]
    return "\n".join(lines)


def render_chart(results: list[Result], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # Only comparisons with another tool (not ours-vs-ours growth rows).
    rows = [r for r in results if r.ratio is not None and not (r.peer or "").startswith("ours")]
    if not rows:
        return
    labels = [textwrap.fill(f"{r.benchmark} vs {r.peer}", 48) for r in rows]
    ratios = [r.ratio for r in rows]
    fig, ax = plt.subplots(figsize=(11, 0.6 * len(rows) + 1.5))
    colors = ["#2a7d4f" if (x or 0) <= 1 else "#b5452b" for x in ratios]
    ax.barh(range(len(rows)), [math.log10(x or 1e-9) for x in ratios], color=colors)
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.invert_yaxis()
    ticks = [-3, -2, -1, 0, 1]
    ax.set_xticks(ticks, [f"{10 ** t:g}×" for t in ticks])
    ax.set_xlabel("time relative to the peer tool (log scale; left of 1× = faster)")
    ax.set_title("summit-i18n vs peers (make bench)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


_UNITS = {"ms": 1e-3, "s": 1.0}


def _label(result: Result) -> str:
    """How a row's note names it: the benchmark, and the peer (several rows share a name)."""
    return f"{result.benchmark} (vs {result.peer})" if result.peer else result.benchmark


def _seconds(cell: str) -> float | None:
    value, _, unit = cell.strip().partition(" ")
    return float(value) * _UNITS[unit] if unit in _UNITS else None


def read_previous(path: Path) -> tuple[list[Result], str]:
    """The rows (and the header line) of an earlier RESULTS.md, to merge a partial run into."""
    if not path.is_file():
        return [], ""
    text = path.read_text(encoding="utf-8")
    after = text.split("\nNotes:\n", 1)[1] if "\nNotes:\n" in text else ""
    note_lines = [ln for ln in after.splitlines() if ln.startswith("- ")]
    rows: list[Result] = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 7 or cells[0] in {"benchmark", "---"} or _seconds(cells[1]) is None:
            continue
        met = {"yes": True, "**no**": False}.get(cells[6])
        row = Result(cells[0], _seconds(cells[1]) or 0.0, None if cells[2] == "—" else cells[2],
                     _seconds(cells[3]), cells[5], met)
        # a row's note starts with its label (names may hold ": " themselves)
        prefix = f"- {_label(row)}: "
        row.notes = next((ln[len(prefix):] for ln in note_lines if ln.startswith(prefix)), "")
        rows.append(row)
    measured = next((ln for ln in text.splitlines() if ln.startswith("Measured ")), "")
    return rows, measured


def merge(previous: list[Result], fresh: list[Result]) -> list[Result]:
    """``previous`` with every row that ``fresh`` measured again replaced, in place."""
    new = {(r.benchmark, r.peer): r for r in fresh}
    kept = [new.pop((r.benchmark, r.peer), r) for r in previous]
    return kept + list(new.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    parser.add_argument("--only", nargs="*", default=None, help="module names to run")
    args = parser.parse_args(argv)
    results: list[Result] = []
    failures: list[str] = []
    load_before = os.getloadavg()[0]
    for name in MODULES:
        if args.only and name not in args.only:
            continue
        print(f"== {name}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            rows = module.run(quick=args.quick)
        except Exception as exc:  # a broken benchmark must not hide the others
            traceback.print_exc()
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
            continue
        for r in rows:
            print(f"   {row_line(r)}", file=sys.stderr)
        results.extend(rows)
        print(f"   ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    # Ratios stay comparable on a busy machine (both sides run in the same minutes),
    # absolute times do not: say how busy it was.
    when += (f" (load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at "
             f"the end, on {os.cpu_count()} cores)")
    if args.only:  # a partial run updates its own rows of the last full report
        previous, _ = read_previous(RESULTS_MD)
        results = merge(previous, results)
        when = f"{when} (re-run of {', '.join(args.only)}; other rows from earlier runs)"
    RESULTS_MD.write_text(
        render_markdown(results, when=when, machine=machine_description(), failures=failures),
        encoding="utf-8",
    )
    render_chart(results, CHART)
    print(RESULTS_MD.read_text(encoding="utf-8"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
