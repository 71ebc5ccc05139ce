"""``check`` on a 50k-message catalog beside translate-toolkit's ``pofilter``.

Principles: both tools read the same generated translation (``write_corpus``:
documentation-shaped messages with inline Markdown, placeholders and plurals)
and run their full default set of checks.  Ours is timed as a user runs it — the
``summit-i18n check`` console script in a fresh process — and pofilter as its
console script writing its report to a file.  Goal: at most half pofilter's time.

Usage: ``python -m benchmarks.bench_check [--quick]``.
"""

from __future__ import annotations

import argparse
import shutil

from benchmarks.generate import write_corpus
from benchmarks.harness import VENV_BIN, WORK, Result, time_command

__all__ = ["run"]


def run(quick: bool = False) -> list[Result]:
    n = 5_000 if quick else 50_000
    repeat = 1 if quick else 3
    folder = WORK / f"check-{n // 1000}k"
    _, translated, _ = write_corpus(n, folder)
    ours = time_command([VENV_BIN / "summit-i18n", "check", translated], repeat=repeat,
                        check=False)  # exit 1: the generated drafts have findings
    pofilter = shutil.which("pofilter", path=str(VENV_BIN)) or shutil.which("pofilter")
    peer_time = None
    if pofilter is not None:
        peer_time = time_command([pofilter, translated, "-o", folder / "pofilter-out.po"],
                                 repeat=repeat, check=False)
    result = Result(
        benchmark=f"check, {n // 1000}k messages",
        ours=ours,
        peer="pofilter (translate-toolkit)" if pofilter else None,
        peer_time=peer_time,
        goal="<= 0.5x pofilter",
        notes="" if pofilter else "pofilter not installed: pip install -e '.[bench]'",
    )
    result.met = result.ratio is not None and result.ratio <= 0.5
    return [result]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="5k messages, one run")
    args = parser.parse_args()
    for r in run(quick=args.quick):
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        peer = f"{r.peer_time:.2f} s" if r.peer_time is not None else "—"
        print(f"{'benchmark':<24} {'ours':>8} {'peer':>8} {'ratio':>7}  goal")
        print(f"{r.benchmark:<24} {r.ours:>6.2f} s {peer:>8} {ratio:>7}  {r.goal}"
              f"{' (met)' if r.met else ' (NOT met)'}  {r.peer or ''} {r.notes}")


if __name__ == "__main__":
    main()
