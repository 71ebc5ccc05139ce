"""The long crash and fuzz runs: 50 killed runs, 2,000 fuzzed catalogs (``make bench``).

Principles: the test suite runs these tests on a small budget (12 killed runs, 400
generated catalogs); here they run on the budget the hardening issue asks for, through
pytest with the same code, so a bench run is also a stronger test run.  Each row gives
the wall time, and its notes the outcome (passed or failed, and the figures the tests
print: runs killed per command, agreement with msgfmt).

Usage: ``python -m benchmarks.bench_hardening [--quick]``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

from benchmarks.harness import REPO, Result, standalone

__all__ = ["run"]


def _pytest(test: str, env: dict[str, str]) -> tuple[float, bool, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                           test], cwd=REPO, env={**os.environ, **env}, capture_output=True,
                          text=True, check=False)
    return time.perf_counter() - start, done.returncode == 0, done.stdout


def run(quick: bool = False) -> list[Result]:
    crash_runs = 12 if quick else 50
    fuzz_files = 400 if quick else 2000
    results = []
    seconds, ok, out = _pytest("tests/e2e/test_crash_safety.py",
                               {"SUMMIT_I18N_CRASH_RUNS": str(crash_runs)})
    killed = "; ".join(re.findall(r"(?:update|prefill|review): \d+ of \d+ runs killed", out))
    results.append(Result(
        benchmark=f"crash safety, {crash_runs} SIGKILLed runs", ours=seconds,
        goal="every catalog valid, no translation lost, cache intact, next run completes",
        met=ok, notes=f"{'passed' if ok else 'FAILED'} ({killed})"))
    seconds, ok, out = _pytest("tests/property/test_fuzz_reader.py",
                               {"SUMMIT_I18N_FUZZ_EXAMPLES": str(fuzz_files)})
    rate = re.search(r"agreement with msgfmt --check-format: ([\d.]+%) of (\d+) files", out)
    results.append(Result(
        benchmark=f"reader fuzzing, {fuzz_files} generated catalogs", ours=seconds,
        goal="no crash, round trip, agreement with msgfmt >= floor",
        met=ok, notes=f"{'passed' if ok else 'FAILED'}"
                      + (f"; agreement {rate.group(1)} of {rate.group(2)} files" if rate else "")))
    return results


def main() -> None:
    standalone(run, __doc__, quick="the test suite's budget")


if __name__ == "__main__":
    main()
