"""The ``summit-i18n review`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from summit_i18n.cli._app import app, project, reports_errors


@app.command()
@reports_errors
def review(
    ctx: typer.Context,
    lang: Annotated[str, typer.Argument(metavar="LANG", help="The language to review.")],
    domain: Annotated[str | None, typer.Argument(
        metavar="[DOMAIN]", help="Only this document (default: all).")] = None,
) -> None:
    """Review drafts in the terminal: accept, edit, skip, back, quit.

    Shows the English, what changed since the last review, the draft and its
    provenance, check findings and glossary terms.  Accepting removes the fuzzy
    flag and records `# reviewed: <name> <date>`; each action is saved at once.

    Example: summit-i18n review fr summit-announcement
    """
    from rich.console import Console

    from summit_i18n.review import ReviewSession, run_review

    session = ReviewSession(project(ctx), lang, domain)
    console = Console(highlight=False, soft_wrap=True)
    run_review(session, console, input)
