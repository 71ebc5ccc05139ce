"""The ``summit-i18n extract`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from summit_i18n.cli._app import app, echo_err, note, project, reports_errors


@app.command()
@reports_errors
def extract(
    ctx: typer.Context,
    check: Annotated[bool, typer.Option(
        "--check", help="Write nothing; exit 1 when a .pot template is out of date (for CI).",
    )] = False,
) -> None:
    """Extract source/ documents and templates/ strings into locale/<domain>.pot.

    One template per document (its slug) plus `site` for the page templates.
    A template whose messages did not change is not rewritten.

    Example: summit-i18n extract --check
    """
    proj = project(ctx)
    from summit_i18n.extract import extract_project  # markdown-it, Babel: only here

    report = extract_project(proj, check=check)
    for warning in report.warnings:
        echo_err(warning)
    if not report.domains:
        echo_err(f"nothing to extract: no Markdown document in {proj.config.source_dir}/ "
                 f"and no {proj.config.templates_dir}/ folder")
    for row in report.domains:
        detail = "kept: no source has this domain" if row.source is None else (
            f"{row.messages} message{'' if row.messages == 1 else 's'} from {row.source}")
        note(f"{row.pot}: {row.status} ({detail})")
    stale = report.out_of_date()
    if stale:
        echo_err(f"{len(stale)} template(s) out of date: run `summit-i18n extract`")
        raise typer.Exit(1)
