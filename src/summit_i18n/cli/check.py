"""The ``summit-i18n check`` command."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from summit_i18n.cli._app import app, echo, echo_err, note_err, project, reports_errors
from summit_i18n.cli._options import FilesArg, LangOption, OutputFormat


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


@app.command()
@reports_errors
def check(
    ctx: typer.Context,
    po_files: FilesArg = None,
    lang: LangOption = None,
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", metavar="FORMAT", help="text or json.")] = OutputFormat.text,
    fail_on: Annotated[FailOn, typer.Option(
        "--fail-on", metavar="SEVERITY",
        help="Exit 1 when a finding is this severe: error or warning.")] = FailOn.error,
    list_checks: Annotated[bool, typer.Option("--list", help="List the checks and exit.")] = False,
) -> None:
    """Check translations: placeholders, links, HTML, URLs, numbers, glossary, script.

    Every finding is one line, `path:line: severity: [check] message`, at the
    entry's msgstr line.  Exit 1 when a finding reaches --fail-on, 3 when a file
    cannot be read.

    Example: summit-i18n check -l fr --fail-on warning
    """
    from summit_i18n.checks import all_checks, check_files, check_project

    if list_checks:
        for c in all_checks():
            echo(f"{c.id:<16} {c.severity:<8} {c.title}")
        return
    report = check_files(po_files) if po_files else check_project(project(ctx), lang)
    if fmt is OutputFormat.json:
        echo(json.dumps([f.to_dict() for f in report.findings], ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            echo(str(finding))
    for line in report.warnings:
        echo_err(line)
    for error in report.unreadable:
        echo_err(str(error))
    errors, warnings = report.count("error"), report.count("warning")
    summary = f"{len(report.files)} file(s) checked: {errors} error(s), {warnings} warning(s)"
    if report.unreadable:
        summary += f"; {len(report.unreadable)} file(s) could not be read"
    bad = errors or report.unreadable
    note_err(summary, tone="bad" if bad else "warn" if warnings else "good")
    if report.unreadable:
        raise typer.Exit(3)
    if report.reaches(fail_on.value):
        raise typer.Exit(1)
