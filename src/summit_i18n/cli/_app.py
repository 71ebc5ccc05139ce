"""The typer application, the global ``-C DIR`` option, and error reporting.

This package is the only place that prints or exits.  Each command lives in its
own module, stays short, and calls the library; :func:`reports_errors` turns a
:class:`~summit_i18n.errors.SummitError` into one line on stderr and its exit
code, never a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from summit_i18n import __version__
from summit_i18n.cli._output import (
    configure,
    write_detail,
    write_err,
    write_note,
    write_note_err,
    write_out,
)
from summit_i18n.config import Project, find_project
from summit_i18n.errors import FileSystemError, SummitError

__all__ = ["AppState", "app", "detail", "echo", "echo_err", "note", "note_err", "project",
           "reports_errors"]

def _arguments_by_name() -> None:
    """Arguments in help and usage by their word alone (``LANG``, ``[DOMAIN]``,
    ``[FILE]...``): typer would add the Python type (``<list[Path]>``) and brace a
    required one (``{LANG}``).  Options already show their metavar only."""
    from typer.core import TyperArgument

    def usage(self: TyperArgument) -> str:
        name = self.display_name_raw
        if not self.required and not name.startswith("["):
            name = f"[{name}]"
        return name + ("..." if self.nargs != 1 and not name.endswith("...") else "")

    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
    if hasattr(TyperArgument, "_usage_display_name"):
        TyperArgument._usage_display_name = usage  # type: ignore[method-assign]


_arguments_by_name()

app = typer.Typer(
    name="summit-i18n",
    help=(
        "Translate Markdown documentation through gettext catalogs.\n\n"
        "Pipeline: extract -> update -> prefill -> review -> check -> compile -> build.\n\n"
        "Example: summit-i18n -C path/to/project update -l fr"
    ),
    no_args_is_help=True,
    # --install-completion / --show-completion for bash, zsh and fish; -l and the
    # review arguments complete the project's language and domain names.
    add_completion=True,
    # Help as plain text: brackets such as ``[check]`` shown as written, placeholders
    # as the metavars the options declare (LANG, FILE, N), never Python types.
    rich_markup_mode=None,
    # Locals can hold API keys: never show them in a traceback.
    pretty_exceptions_show_locals=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class AppState:
    directory: Path | None = None
    _project: Project | None = None

    def project(self) -> Project:
        if self._project is None:
            self._project = find_project(explicit=self.directory)
        return self._project


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summit-i18n {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Option("-C", "--directory", help="Run as if started in DIR (the project root).",
                     metavar="DIR"),
    ] = None,
    quiet: Annotated[bool, typer.Option(
        "-q", "--quiet", help="Print results and errors only (no file lists, no summaries).",
    )] = False,
    verbose: Annotated[bool, typer.Option(
        "-v", "--verbose", help="Also say which project, configuration and languages are used.",
    )] = False,
    no_color: Annotated[bool, typer.Option(
        "--no-color", help="No colour, even on a terminal (as NO_COLOR=1 does).",
    )] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Translate Markdown documentation through gettext catalogs."""
    if quiet and verbose:
        raise typer.BadParameter("-q and -v cannot be used together", param_hint="-q/-v")
    configure(level=-1 if quiet else 1 if verbose else 0, color=False if no_color else None)
    ctx.obj = AppState(directory=directory)


def project(ctx: typer.Context) -> Project:
    """The project the command runs on (found upward from the cwd, or ``-C``)."""
    state = ctx.find_root().obj
    if not isinstance(state, AppState):  # invoked without the callback (tests)
        state = AppState()
        ctx.find_root().obj = state
    loaded = state._project is None
    proj = state.project()
    if loaded:
        where = proj.relative(proj.config_path) if proj.config_path else "defaults"
        detail(f"project: {proj.root} (configuration: {where}); "
               f"languages: {', '.join(proj.config.languages)}")
    return proj


P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a SummitError into ``message`` on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except SummitError as exc:
            echo_err(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            echo_err("interrupted: work done so far is saved")
            raise typer.Exit(130) from None
        except OSError as exc:  # the file system, where no stage turned it into a SummitError
            error = FileSystemError(exc.filename or "summit-i18n", "go on", exc)
            echo_err(str(error))
            raise typer.Exit(error.exit_code) from None

    return wrapper


#: a result line on stdout, a diagnostic line on stderr
echo = write_out
echo_err = write_err
#: what a command did (stdout) or its summary (stderr): hidden by -q
note = write_note
note_err = write_note_err
#: shown with -v only
detail = write_detail
