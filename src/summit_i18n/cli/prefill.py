"""The ``summit-i18n prefill`` command."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from summit_i18n.cli._app import app, echo, echo_err, project, reports_errors
from summit_i18n.cli._options import LangOption

if TYPE_CHECKING:  # imported when the command runs: deep-translator is slow to import
    from rich.progress import Progress, TaskID

    from summit_i18n.prefill.runner import LanguageStats, PrefillReport


@app.command(name="prefill")
@reports_errors
def prefill_command(
    ctx: typer.Context,
    lang: LangOption = None,
    backend: Annotated[str | None, typer.Option(
        "--backend", metavar="NAME",
        help="llm, google, mymemory, libre, deepl, microsoft, memory, opencc or "
        "pseudo (default: the [prefill] chain of each language, else google).")] = None,
    url: Annotated[str | None, typer.Option(
        "--url", metavar="URL", help="Your LibreTranslate server (libre) or model server (llm, "
        "default Ollama's http://127.0.0.1:11434/v1).")] = None,
    model: Annotated[str | None, typer.Option(
        "--model", metavar="NAME",
        help="llm: the model's name on the server (else [prefill] model).")] = None,
    api_key: Annotated[str | None, typer.Option(
        "--api-key", metavar="KEY",
        help="Service key; else SUMMIT_I18N_<BACKEND>_API_KEY (llm: only that). Never shown.",
        show_default=False)] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", metavar="N", min=1, max=64, help="Concurrent requests (default 8).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Show what would be sent; send and write nothing.")] = False,
) -> None:
    """Fill empty translations with machine drafts, marked fuzzy for review.

    Never overwrites a translation.  Links, code, placeholders and glossary terms
    are protected; answers are cached in .summit-i18n/cache.sqlite.  Exit 1 when
    entries were left empty (listed as path:line), 4 when the service failed.

    A machine draft whose English changed since is drafted again; one a person
    edited or reviewed never is.

    Example: summit-i18n prefill -l fr -l ja --backend libre --url http://localhost:5000

    Example: summit-i18n prefill --backend llm --model qwen2.5:7b   (a local Ollama)
    """
    from summit_i18n.prefill.runner import PrefillOptions, prefill

    proj = project(ctx)
    options = PrefillOptions(languages=tuple(lang or ()), backend=backend, url=url,
                             api_key=api_key, workers=workers, dry_run=dry_run, model=model)
    with _progress() as progress:
        report = prefill(proj, options, progress=progress)  # takes the lock unless --dry-run
    _summary(report)
    _services(report)
    for problem in report.problems:
        what = "not drafted again (the draft of the old English stays)" if problem.redraft \
            else "left empty"
        echo_err(f"{problem.path}:{problem.line}: {problem.lang}: {what}: {problem.reason}")
    if report.failure:
        echo_err(f"error: {report.failure} (everything translated so far is saved)")
        raise typer.Exit(4)
    if report.problems:
        raise typer.Exit(1)


@contextlib.contextmanager
def _progress() -> Iterator[_Bars | None]:
    """One progress bar per language on a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("cached {task.fields[cached]}  rejected {task.fields[rejected]}"),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as bars:
        yield _Bars(bars)


class _Bars:
    def __init__(self, bars: Progress) -> None:
        self.bars = bars
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, stats: LanguageStats) -> None:
        if stats.lang not in self.tasks:
            self.tasks[stats.lang] = self.bars.add_task(stats.lang, total=stats.total, cached=0,
                                                        rejected=0)
        self.bars.update(self.tasks[stats.lang], total=stats.total, completed=stats.finished,
                         cached=stats.cached, rejected=stats.rejected)


def _summary(report: PrefillReport) -> None:
    from rich.console import Console
    from rich.table import Table

    from summit_i18n.cli._output import settings

    if settings().level < 0:  # -q: the table is a summary
        return

    console = Console(file=sys.stdout, width=100 if not sys.stdout.isatty() else None)
    if report.dry_run:
        table = Table("language", "empty", "to send", "characters", "requests",
                      title="prefill --dry-run: nothing was sent")
        for s in report.stats:
            table.add_row(s.lang, str(s.total), str(s.to_send), str(s.characters),
                          str(s.requests))
    else:
        table = Table("language", "empty", "filled", "cached", "left empty", "by backend",
                      title=f"prefill: {report.requests} request(s) sent")
        for s in report.stats:
            by = ", ".join(f"{name} {n}" for name, n in sorted(s.by_backend.items()))
            table.add_row(s.lang, str(s.total), str(s.done), str(s.cached), str(s.rejected),
                          by or "-")
    console.print(table)


def _services(report: PrefillReport) -> None:
    """One line per service: in a dry run what it would receive, else what it gave up."""
    for service in report.services:
        if report.dry_run:
            note = ("; at most: only what the backends before it give up"
                    if service.fallback else "")
            echo(f"{service.name} ({service.address}): {service.requests} request(s), "
                 f"{service.characters} characters{note}")
        elif service.gave_up:
            several = len(service.reasons) > 1
            reasons = "; ".join(f"{n} × {why}" if several else why
                                for why, n in service.reasons.most_common(3))
            more = len(service.reasons) - 3
            if more > 0:
                reasons += f"; {more} other reason(s)"
            passed = (f"{service.passed_on} passed on to the next backend"
                      if service.passed_on else "none passed on")
            echo_err(f"{service.name}: gave up {service.gave_up} of {service.asked} "
                     f"segment(s) ({reasons}); {passed}")
