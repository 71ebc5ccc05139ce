"""The ``summit-i18n compile`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from summit_i18n.cli._app import app, echo, echo_err, project, reports_errors
from summit_i18n.fsutil import project_lock


@app.command("compile")
@reports_errors
def compile_command(
    ctx: typer.Context,
    lang: Annotated[list[str] | None,
                    typer.Option("-l", "--lang", help="Only this language (repeatable).")] = None,
    use_fuzzy: Annotated[bool, typer.Option("--use-fuzzy",
                                            help="Include fuzzy (draft) translations.")] = False,
    statistics: Annotated[bool, typer.Option("--statistics",
                                             help="Print msgfmt's counts to stderr.")] = False,
) -> None:
    """Compile locale/<lang>/LC_MESSAGES/<domain>.po into .mo files, as GNU msgfmt --check does.

    A catalog msgfmt --check would refuse gets no .mo; its errors are printed as
    path:line: error: ... and the exit code is 1.  Catalogs whose .mo is current are skipped.

    Example: summit-i18n compile -l ja --statistics
    """
    from summit_i18n.compile import compile_project  # not needed by other commands
    from summit_i18n.compile_record import request_key

    proj = project(ctx)
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
    if any(r.status == "refused" for r in results):
        raise typer.Exit(1)
