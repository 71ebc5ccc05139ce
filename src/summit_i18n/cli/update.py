"""The ``summit-i18n update`` command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from summit_i18n.cli._app import app, echo_err, note, project, reports_errors
from summit_i18n.cli._options import LangOption

if TYPE_CHECKING:
    from summit_i18n.update import CatalogUpdate


@app.command()
@reports_errors
def update(
    ctx: typer.Context,
    lang: LangOption = None,
    no_fuzzy_matching: Annotated[
        bool, typer.Option("--no-fuzzy-matching", help="Do not propose similar translations.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if a catalog would change.")
    ] = False,
    charset: Annotated[
        str | None,
        typer.Option("--charset", metavar="NAME",
                     help="Write the catalogs in this encoding (e.g. UTF-8), header updated."),
    ] = None,
) -> None:
    """Merge the templates (locale/*.pot) into every language's catalog, like msgmerge.

    Creates missing catalogs; changed English keeps the closest old translation,
    marked fuzzy; vanished English becomes obsolete (#~) and returns with its
    translation when the English does.

    Example: summit-i18n update -l fr -l ja   (or: update -l ja --charset UTF-8)
    """
    from summit_i18n.update import update_project  # rapidfuzz: only when merging

    report = update_project(
        project(ctx), languages=lang, fuzzy_matching=not no_fuzzy_matching, check=check,
        charset=charset,
    )
    for warning in report.warnings:
        echo_err(warning)
    for item in report.catalogs:
        note(_line(item, check=check))
    if check and report.changed:
        raise typer.Exit(1)


def _line(item: CatalogUpdate, *, check: bool) -> str:
    where = f"{item.language}/{item.domain}.po"
    r = item.result
    if not item.changed or r is None:
        return f"{where}: unchanged"
    verb = {"created": "would be created", "updated": "would change"} if check else {}
    status = verb.get(item.status, item.status)
    if item.status == "created":
        return f"{where}: {status} ({r.new} messages)"
    return f"{where}: {status}: {r.new} new, {r.fuzzy} fuzzy, {r.obsolete} obsolete"
