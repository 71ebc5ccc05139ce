"""What ``summit-i18n compile`` does once its options are known (no typer here).

Shared by the typer command and by :mod:`summit_i18n.cli._quick`, which runs the
common command lines without loading typer, so both print the same lines and end with
the same exit code.
"""

from __future__ import annotations

from collections.abc import Callable

from summit_i18n.config import Project

__all__ = ["run_compile"]


def run_compile(proj: Project, lang: list[str] | None, *, use_fuzzy: bool, statistics: bool,
                echo: Callable[[str], None], echo_err: Callable[[str], None]) -> int:
    """Compile the project's catalogs, print what happened; the exit code (0 or 1)."""
    from summit_i18n.compile import compile_project
    from summit_i18n.compile_record import request_key
    from summit_i18n.fsutil import project_lock

    with project_lock(proj.root):
        results = compile_project(proj, proj.languages(lang), use_fuzzy=use_fuzzy,
                                  record_as=request_key(lang, use_fuzzy))
    for result in results:
        for finding in result.findings:
            echo_err(str(finding))
        if statistics:
            echo_err(f"{proj.relative(result.po_path)}: {result.statistics.line()}")
        if result.status == "compiled":
            echo(f"{proj.relative(result.mo_path)}")
    return 1 if any(r.status == "refused" for r in results) else 0
