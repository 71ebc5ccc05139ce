"""The ``summit-i18n build`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summit_i18n.cli._app import app, echo_err, note, project, reports_errors
from summit_i18n.fsutil import project_lock


@app.command()
@reports_errors
def build(
    ctx: typer.Context,
    use_fuzzy: Annotated[bool, typer.Option(
        "--use-fuzzy", help="Publish draft (fuzzy) translations, with a notice.")] = False,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write the site here instead of site/.", metavar="DIR")] = None,
) -> None:
    """Render the site: every announcement in every published language, feeds and sitemap.

    Extracts nothing and changes no catalog.  Translations that break the page's rules
    (markup or links the English does not have) are left out with a warning.

    Example: summit-i18n build --use-fuzzy -o /tmp/preview
    """
    from summit_i18n.render import build_site  # Jinja2, markdown-it: only when building

    proj = project(ctx)
    with project_lock(proj.root):
        report = build_site(proj, use_fuzzy=True if use_fuzzy else None, output_dir=output)
    for warning in report.warnings:
        echo_err(warning)
    where = proj.relative(report.output_dir)
    if report.unchanged_inputs:
        note(f"{where}/: up to date")
        return
    published = ", ".join(f"{code} ({n})" for code, n in report.languages.items() if n >= 0)
    files = "file" if report.written == 1 else "files"
    note(f"{where}/: {report.pages} pages, {report.written} {files} written; "
         f"languages: {published}")
