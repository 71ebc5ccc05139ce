"""The ``summit-i18n build`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summit_i18n.cli._app import app, echo, echo_err, note, project, reports_errors


@app.command()
@reports_errors
def build(
    ctx: typer.Context,
    use_fuzzy: Annotated[bool, typer.Option(
        "--use-fuzzy", help="Publish draft (fuzzy) translations, with a notice.")] = False,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write the site here instead of site/.", metavar="DIR")] = None,
    site_url: Annotated[str | None, typer.Option(
        "--site-url", help="Where the site is published (default: site_url of the "
        "configuration); without one, links are relative.", metavar="URL")] = None,
) -> None:
    """Render the site: every announcement in every published language, feeds and sitemap.

    Extracts nothing and changes no catalog.  Translations that break the page's rules
    (markup or links the English does not have) are left out with a warning; a page
    below the publish threshold in a language is held back, with the reason.

    Example: summit-i18n build --use-fuzzy --site-url https://example.org/summit/
    """
    from summit_i18n.render import build_site  # the renderer: only when there is work

    proj = project(ctx)
    report = build_site(proj, use_fuzzy=True if use_fuzzy else None, output_dir=output,
                        site_url=site_url)  # takes the project lock when it writes
    for warning in report.warnings:
        echo_err(warning)
    where = proj.relative(report.output_dir)
    if report.unchanged_inputs:
        note(f"{where}/: up to date")
        for line in report.held_back:
            echo(f"held back: {line}")
        return
    published = ", ".join(f"{code} ({n})" for code, n in report.languages.items() if n >= 0)
    files = "file" if report.written == 1 else "files"
    note(f"{where}/: {report.pages} pages, {report.written} {files} written; "
         f"languages: {published}")
    for line in report.held_back:
        echo(f"held back: {line}")
