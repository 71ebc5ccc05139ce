"""The ``summit-i18n report`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summit_i18n.cli._app import app, note, project, reports_errors


@app.command()
@reports_errors
def report(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE",
        help="Where to write the page (default: <output_dir>/i18n-report.html).")] = None,
) -> None:
    """Write one self-contained HTML page: progress, tables, entries needing attention.

    The page works from file:// (no network): progress bars per language, a
    table per document, and every draft or entry with findings side by side
    with its English, filterable by language and check.

    Example: summit-i18n report -o report.html
    """
    proj = project(ctx)
    path = output or proj.output_dir / "i18n-report.html"
    from summit_i18n.report import write_report

    data = write_report(proj, path)
    note(f"{path}: {len(data.items)} entries needing attention")
