"""The ``summit-i18n status`` command."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from summit_i18n.cli._app import app, echo, echo_err, project, reports_errors
from summit_i18n.cli._options import FilesArg, LangOption, OutputFormat

if TYPE_CHECKING:
    from summit_i18n.status import StatusRow

_COLUMNS = ("language", "domain", "total", "reviewed", "machine", "stale", "fuzzy",
            "untranslated", "words", "percent", "errors")


def _table(rows: list[StatusRow]) -> list[str]:
    cells = [list(_COLUMNS)] + [
        [str(r.to_dict()[c]) + ("%" if c == "percent" else "") for c in _COLUMNS] for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(_COLUMNS))]
    return ["  ".join(cell.ljust(w) if i < 2 else cell.rjust(w)
                      for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in cells]


@app.command()
@reports_errors
def status(
    ctx: typer.Context,
    po_files: FilesArg = None,
    lang: LangOption = None,
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", metavar="FORMAT", help="text or json.")] = OutputFormat.text,
    fail_under: Annotated[float | None, typer.Option(
        "--fail-under", metavar="PCT", help="Exit 1 when a catalog is less reviewed (for CI).",
        min=0, max=100)] = None,
) -> None:
    """Show how far each language is: reviewed, machine drafts, stale, untranslated.

    Counts agree with `msgfmt --statistics`: translated = reviewed, fuzzy =
    machine drafts + stale, untranslated.

    Example: summit-i18n status -l ja --fail-under 80
    """
    from summit_i18n.status import file_status, project_status, total_row

    if po_files:
        rows = [file_status(p) for p in po_files]
    else:
        from summit_i18n import workspace

        proj = project(ctx)
        rows = project_status(proj, lang)
        for line in workspace.no_template_warnings(proj, proj.languages(lang)):
            echo_err(line)
    if fmt is OutputFormat.json:
        echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
    else:
        for line in _table([*rows, total_row(rows)] if len(rows) > 1 else rows):
            echo(line)
    below = [r for r in rows if fail_under is not None and r.percent < fail_under]
    for r in below:
        echo_err(f"{r.path}: {r.percent}% reviewed, below {fail_under:g}%")
    if below:
        raise typer.Exit(1)
