"""The ``summit-i18n init`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summit_i18n.cli._app import app, note, note_err, reports_errors


@app.command()
@reports_errors
def init(
    directory: Annotated[Path, typer.Argument(
        metavar="[DIR]", show_default=False,
        help="Where to start the project (created if needed; default: here).")] = Path(),
    lang: Annotated[list[str] | None, typer.Option(
        "-l", "--lang", metavar="LANG",
        help="A language to translate into (repeatable; default: fr, ja, ko, zh_Hant, "
             "zh_Hans).")] = None,
    site_name: Annotated[str | None, typer.Option(
        "--name", metavar="NAME", help="The site's name (default: the folder's name).")] = None,
) -> None:
    """Start a new project: a configuration, an example document, no templates to copy.

    Asks nothing.  Writes summit-i18n.toml with the languages given, source/welcome.md
    and a .gitignore; the page templates are built in (put your own in templates/ to
    override them one by one).  Never overwrites a file.

    Example: summit-i18n init my-docs --lang fr --lang ja
    """
    from summit_i18n.init import init_project

    report = init_project(directory, languages=lang, site_name=site_name)
    for path in report.written:
        note(f"{path.as_posix()}: written")
    for path in report.kept:
        note(f"{path.as_posix()}: kept (already there)")
    first = "" if directory == Path() else f"  cd {directory.as_posix()}\n"
    some = report.languages[0]
    note_err(f"a project in {', '.join(report.languages)}; next:\n{first}"
             "  summit-i18n extract && summit-i18n update\n"
             "  summit-i18n prefill --backend pseudo   # placeholder drafts; or a service\n"
             f"  summit-i18n review {some}\n"
             "  summit-i18n build                      # then open site/index.html")
