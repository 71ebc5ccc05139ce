"""The ``summit-i18n compile`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from summit_i18n.cli._app import app, echo, echo_err, project, reports_errors


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
    from summit_i18n.cli._compile_run import run_compile

    code = run_compile(project(ctx), lang, use_fuzzy=use_fuzzy, statistics=statistics,
                       echo=echo, echo_err=echo_err)
    if code:
        raise typer.Exit(code)
