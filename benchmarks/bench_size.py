"""A 200k-message catalog: time and peak memory of ``update``, ``check``, ``compile``, ``status``.

Principles: one generated French catalog of 200,000 messages (about 70 MB, from
:func:`benchmarks.generate.write_corpus`) and the next release's template; each
command runs as a user runs it — the ``summit-i18n`` console script in a fresh
process on a one-language project — and GNU ``msgfmt --check`` reads the same file
in the same way.  Peak resident memory is the child's ``ru_maxrss``.  Goal: every
command within 3x msgfmt's peak memory; a catalog larger than ``max_catalog_mb``
(default 512) is refused with a message saying how to raise the limit.

Usage: ``python -m benchmarks.bench_size [--quick]``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.generate import one_language_project, write_corpus
from benchmarks.harness import VENV_BIN, WORK, Result, peak_rss_mb, standalone

__all__ = ["COMMANDS", "measure", "run"]

DOMAIN = "bench"
#: the commands measured, as ``summit-i18n -C PROJECT <args>``
COMMANDS: dict[str, list[str]] = {
    "update": ["update", "-l", "fr"],
    "check": ["check", "-l", "fr"],
    "compile": ["compile", "-l", "fr"],
    "status": ["status", "-l", "fr"],
}
MEMORY_FACTOR = 3.0


def measure(folder: Path, n: int) -> dict[str, tuple[float, float]]:
    """(seconds, peak RSS in MB) of msgfmt and each command on an ``n``-message corpus."""
    template, translated, upcoming = write_corpus(n, folder)
    out: dict[str, tuple[float, float]] = {}
    msgfmt = shutil.which("msgfmt")
    if msgfmt is not None:
        out["msgfmt"] = peak_rss_mb([msgfmt, "--check", "--statistics", "-o",
                                     folder / "msgfmt.mo", translated])
    summit = VENV_BIN / "summit-i18n"
    for name, args in COMMANDS.items():
        # update merges the next release's template; the others read the catalog as
        # it was generated (the same file msgfmt read)
        pot = upcoming if name == "update" else template
        root = one_language_project(folder / f"project-{name}", pot, translated)
        out[name] = peak_rss_mb([summit, "-C", root, *args])
    return out


def run(quick: bool = False) -> list[Result]:
    n = 20_000 if quick else 200_000
    folder = WORK / f"size-{n // 1000}k"
    figures = measure(folder, n)
    size_mb = (folder / "translated.po").stat().st_size / 1e6
    peer = figures.get("msgfmt")
    results: list[Result] = []
    for name in COMMANDS:
        seconds, rss = figures[name]
        ratio = rss / peer[1] if peer else None
        result = Result(
            benchmark=f"{name}, {n // 1000}k messages ({size_mb:.0f} MB): time",
            ours=seconds,
            peer="msgfmt --check" if peer else None,
            peer_time=peer[0] if peer else None,
            goal=f"memory <= {MEMORY_FACTOR:g}x msgfmt's peak",
            met=None if ratio is None else ratio <= MEMORY_FACTOR,
            notes=(f"peak memory {rss:.0f} MB vs msgfmt {peer[1]:.0f} MB ({ratio:.1f}x)"
                   if peer and ratio is not None else f"peak memory {rss:.0f} MB"),
            extra={"peak_rss_mb": rss, "peer_peak_rss_mb": peer[1] if peer else 0.0},
        )
        results.append(result)
    return results


def main() -> None:
    standalone(run, __doc__, quick="20k messages")


if __name__ == "__main__":
    main()
