"""The ``summit-i18n review`` command."""

from __future__ import annotations

import shutil
from typing import Annotated

import typer

from summit_i18n.cli._app import app, project, reports_errors
from summit_i18n.cli._options import complete_domains, complete_languages


@app.command()
@reports_errors
def review(
    ctx: typer.Context,
    lang: Annotated[str, typer.Argument(
        metavar="LANG", autocompletion=complete_languages,
        help="The language to review (zh_Hant, zh-Hant, any case).")],
    domain: Annotated[str | None, typer.Argument(
        metavar="[DOMAIN]", autocompletion=complete_domains,
        help="Only this document (default: all).")] = None,
    reviewer: Annotated[str | None, typer.Option(
        "--reviewer", metavar="NAME",
        help="Who reviews, e.g. 'Ada Lovelace <ada@example.org>' (default: the reviewer "
             "key, else git's user.name).")] = None,
) -> None:
    """Review drafts in the terminal: accept, edit, skip, back, quit (? shows the keys).

    Shows the English, what changed since the last review, the draft and its
    provenance, check findings and glossary terms.  Accepting removes the fuzzy
    flag and records `# reviewed: <name> <date>`; `e` edits in $VISUAL or $EDITOR
    (inline, pre-filled, when neither is set) and records `# edited: <name> <date>`.
    Each action is saved at once, with the header's Last-Translator and
    PO-Revision-Date.

    Example: summit-i18n review fr summit-announcement --reviewer "Camille Martin"
    """
    from rich.console import Console

    from summit_i18n.cli._output import settings
    from summit_i18n.review import ReviewSession, editor_command, run_review

    session = ReviewSession(project(ctx), lang, domain, reviewer=reviewer)
    # Wrapped at word boundaries to the terminal's width; colour unless NO_COLOR/--no-color.
    # (the width asked of the terminal: rich would take 80 columns on TERM=dumb)
    size = shutil.get_terminal_size()
    console = Console(highlight=False, no_color=settings().color is False or None,
                      width=size.columns, height=size.lines)
    run_review(session, console, input, editor=editor_command(), ask_prefilled=_prefilled)


def _prefilled(prompt: str, text: str) -> str:
    """``input(prompt)`` with the line already holding ``text`` (GNU readline)."""
    try:
        import readline
    except ImportError:  # no readline (Windows): an empty line keeps the text
        return input(prompt)
    readline.set_startup_hook(lambda: readline.insert_text(text))
    try:
        return input(prompt)
    finally:
        readline.set_startup_hook(None)
