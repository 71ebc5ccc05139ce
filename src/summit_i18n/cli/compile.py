"""The ``summit-i18n compile`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from summit_i18n.cli._app import app, echo_err, note, note_err, project, reports_errors
from summit_i18n.cli._options import FilesArg, LangOption


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
    from summit_i18n.cli._compile_run import run_compile, run_compile_files

    if po_files:
        if lang:
            raise typer.BadParameter("give FILE paths or -l LANG, not both", param_hint="-l")
        code = run_compile_files(po_files, use_fuzzy=use_fuzzy, statistics=statistics,
                                 echo=note, echo_err=echo_err, note_err=note_err)
    else:
        code = run_compile(project(ctx), lang, use_fuzzy=use_fuzzy, statistics=statistics,
                           echo=note, echo_err=echo_err, note_err=note_err)
    if code:
        raise typer.Exit(code)
