"""What ``summit-i18n compile`` does once its options are known (no typer here).

Shared by the typer command and by :mod:`summit_i18n.cli._quick`, which runs the
common command lines without loading typer, so both print the same lines and end with
the same exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from summit_i18n.config import Project

if TYPE_CHECKING:
    from summit_i18n.compile import CompileResult

__all__ = ["run_compile", "run_compile_files"]

Echo = Callable[[str], None]


def run_compile(proj: Project, lang: list[str] | None, *, use_fuzzy: bool, statistics: bool,
                echo: Echo, echo_err: Echo, note_err: Echo | None = None) -> int:
    """Compile the project's catalogs, print what happened; the exit code (0 or 1)."""
    from summit_i18n import workspace
    from summit_i18n.compile import compile_project

    languages = proj.languages(lang)
    with workspace.locked(proj):
        for warning in workspace.no_template_warnings(proj, languages):
            echo_err(warning)
        results = compile_project(proj, languages, use_fuzzy=use_fuzzy)
    _report(results, statistics=statistics, shown=proj.relative, echo=echo, echo_err=echo_err,
            note_err=note_err)
    return 1 if any(r.status == "refused" for r in results) else 0


def run_compile_files(paths: Sequence[Path], *, use_fuzzy: bool, statistics: bool,
                      echo: Echo, echo_err: Echo, note_err: Echo | None = None) -> int:
    """Compile each ``x.po`` given into ``x.mo`` beside it; 3 if one cannot be read."""
    from summit_i18n.compile import compile_files

    results, unreadable = compile_files(paths, use_fuzzy=use_fuzzy)
    for error in unreadable:
        echo_err(str(error))
    _report(results, statistics=statistics, shown=str, echo=echo, echo_err=echo_err,
            note_err=note_err, unreadable=len(unreadable))
    if unreadable:
        return 3
    return 1 if any(r.status == "refused" for r in results) else 0


def _report(results: Sequence[CompileResult], *, statistics: bool, shown: Callable[[Path], str],
            echo: Echo, echo_err: Echo, note_err: Echo | None, unreadable: int = 0) -> None:
    for result in results:
        for finding in result.findings:
            echo_err(str(finding))
        if statistics:
            echo_err(f"{shown(result.po_path)}: {result.statistics.line()}")
        if result.status == "compiled":
            echo(f"{shown(result.mo_path)}")
    refused = [r for r in results if r.status == "refused"]
    if note_err is not None and (refused or unreadable):
        # After errors, one line that adds them up (the same shape as check's).
        errors = sum(len(r.findings) for r in refused)
        summary = (f"{len(refused)} catalog(s) refused: {errors} error(s); "
                   f"{len(results) - len(refused)} other catalog(s) compiled or current")
        if unreadable:
            summary += f"; {unreadable} file(s) could not be read"
        note_err(summary)
