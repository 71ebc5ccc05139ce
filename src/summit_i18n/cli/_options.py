"""Options several commands share, with one placeholder and one completion each."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["FilesArg", "LangOption", "OutputFormat", "complete_domains", "complete_languages"]


class OutputFormat(StrEnum):
    """``--format`` of check and status."""

    text = "text"
    json = "json"


def _completion_project(ctx: typer.Context) -> object | None:
    """The project a completion is for (``-C DIR`` if already typed), or None."""
    from summit_i18n.config import find_project
    from summit_i18n.errors import SummitError

    directory = ctx.find_root().params.get("directory")
    try:
        return find_project(explicit=Path(directory) if directory else None)
    except (SummitError, OSError):
        return None


def complete_languages(ctx: typer.Context, incomplete: str) -> list[str]:
    """The project's languages starting with what was typed (folder name or BCP 47 tag)."""
    from summit_i18n.config import Project

    proj = _completion_project(ctx)
    if not isinstance(proj, Project):
        return []
    typed = incomplete.lower().replace("-", "_")
    return [c for c in proj.config.languages if c.lower().startswith(typed)]


def complete_domains(ctx: typer.Context, incomplete: str) -> list[str]:
    """The project's domains (one per document, plus ``site``) starting with the text."""
    from summit_i18n.config import Project

    proj = _completion_project(ctx)
    if not isinstance(proj, Project):
        return []
    return [d for d in proj.domains() if d.startswith(incomplete)]


LangOption = Annotated[list[str] | None, typer.Option(
    "-l", "--lang", metavar="LANG", autocompletion=complete_languages,
    help="Only this language (repeatable): a folder name or a BCP 47 tag, any case "
         "(zh_Hant, zh-Hant).")]

FilesArg = Annotated[list[Path] | None, typer.Argument(
    metavar="[FILE]...", show_default=False,
    help="These .po files instead of the project's catalogs (no project needed).")]
