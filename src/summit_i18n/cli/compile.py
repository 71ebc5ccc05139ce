"""The ``summit-i18n compile`` command."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summit_i18n.cli._app import app, echo_err, note, note_err, project, reports_errors
from summit_i18n.cli._options import FilesArg, LangOption

if TYPE_CHECKING:
    from summit_i18n.compile import CompileResult


@app.command("compile")
@reports_errors
def compile_command(
    ctx: typer.Context,
    po_files: FilesArg = None,
    lang: LangOption = None,
    use_fuzzy: Annotated[bool, typer.Option("--use-fuzzy",
                                            help="Include fuzzy (draft) translations.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics",
                                             help="Print msgfmt's counts to stderr.")] = False,
) -> None:
    """Compile locale/<lang>/LC_MESSAGES/<domain>.po into .mo files, as GNU msgfmt --check does.

    A catalog msgfmt --check would refuse gets no .mo; its errors are printed as
    path:line: error: ... and the exit code is 1.  Catalogs whose .mo is current are skipped.
    Given FILE.po paths, each is compiled into FILE.mo beside it (no project needed;
    exit 3 when one cannot be read).

    Example: summit-i18n compile -l ja --statistics   (or: compile locale/fr/LC_MESSAGES/site.po)
    """
    if po_files:
        if lang:
            raise typer.BadParameter("give FILE paths or -l LANG, not both", param_hint="-l")
        code = _compile_files(po_files, use_fuzzy=use_fuzzy, statistics=statistics)
    else:
        code = _compile_project(ctx, lang, use_fuzzy=use_fuzzy, statistics=statistics)
    if code:
        raise typer.Exit(code)


def _compile_project(ctx: typer.Context, lang: list[str] | None, *, use_fuzzy: bool,
                     statistics: bool) -> int:
    """Compile the project's catalogs, print what happened; the exit code (0 or 1)."""
    from summit_i18n import workspace
    from summit_i18n.compile import compile_project

    proj = project(ctx)
    languages = proj.languages(lang)
    for warning in workspace.no_template_warnings(proj, languages):
        echo_err(warning)
    results = compile_project(proj, languages, use_fuzzy=use_fuzzy)  # takes the lock
    _report(results, statistics=statistics, shown=proj.relative)
    return 1 if any(r.status == "refused" for r in results) else 0


def _compile_files(paths: Sequence[Path], *, use_fuzzy: bool, statistics: bool) -> int:
    """Compile each ``x.po`` given into ``x.mo`` beside it; 3 if one cannot be read."""
    from summit_i18n.compile import compile_files

    results, unreadable = compile_files(paths, use_fuzzy=use_fuzzy)
    for error in unreadable:
        echo_err(str(error))
    _report(results, statistics=statistics, shown=str, unreadable=len(unreadable))
    if unreadable:
        return 3
    return 1 if any(r.status == "refused" for r in results) else 0


def _report(results: Sequence[CompileResult], *, statistics: bool, shown: Callable[[Path], str],
            unreadable: int = 0) -> None:
    for result in results:
        for finding in result.findings:
            echo_err(str(finding))
        if statistics:
            echo_err(f"{shown(result.po_path)}: {result.statistics.line()}")
        if result.status == "compiled":
            note(f"{shown(result.mo_path)}")
    refused = [r for r in results if r.status == "refused"]
    if refused or unreadable:
        # After errors, one line that adds them up (the same shape as check's).
        errors = sum(len(r.findings) for r in refused)
        summary = (f"{len(refused)} catalog(s) refused: {errors} error(s); "
                   f"{len(results) - len(refused)} other catalog(s) compiled or current")
        if unreadable:
            summary += f"; {unreadable} file(s) could not be read"
        note_err(summary)
