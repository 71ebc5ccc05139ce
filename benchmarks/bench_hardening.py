"""The long crash and fuzz runs: 50 killed runs, 2,000 fuzzed catalogs, hostile input.

Hostile input (``tests/property/test_fuzz_hostile.py``): 2,000 generated examples per
property — Plural-Forms headers and expressions, format directives with any width and
precision, front-matter bombs, service answers — and 2,000 seeded Plural-Forms
headers compared with ``msgfmt --check`` (``make bench``).

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
    hostile = 300 if quick else 2000
    headers = 150 if quick else 2000
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
    seconds, ok, out = _pytest("tests/property/test_fuzz_hostile.py",
                               {"SUMMIT_I18N_HOSTILE_EXAMPLES": str(hostile),
                                "SUMMIT_I18N_PLURAL_EXAMPLES": str(headers)})
    plural = re.search(r"plural-forms agreement with msgfmt --check: ([\d.]+%) of (\d+) "
                       r"headers \((\d+) generated", out)
    results.append(Result(
        benchmark=f"hostile-input fuzzing, {hostile} examples x 6 properties", ours=seconds,
        goal="plural headers, format directives, front matter, answers: one error, no crash",
        met=ok, notes=f"{'passed' if ok else 'FAILED'}"
                      + (f"; Plural-Forms verdicts agree with msgfmt --check on {plural.group(1)}"
                         f" of {plural.group(2)} headers within the bounds ({plural.group(3)} "
                         "generated)" if plural else "")))
    return results


def main() -> None:
    standalone(run, __doc__, quick="the test suite's budget")


if __name__ == "__main__":
    main()
