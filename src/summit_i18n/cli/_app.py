"""The typer application, the global ``-C DIR`` option, and error reporting.

This package is the only place that prints or exits.  Each command lives in its
own module, stays short, and calls the library; :func:`reports_errors` turns a
:class:`~summit_i18n.errors.SummitError` into one line on stderr and its exit
code, never a traceback.

Start-up stays cheap: a command line costs the interpreter, typer, and the one
command it names, nothing else.

* The group loads its commands on demand (click's "lazy loading subcommands"):
  :data:`COMMANDS` names them, and the group imports ``summit_i18n.cli.<name>`` only
  when the command line asks for it (``--help`` and shell completion ask for the ones
  they list).  ``summit_i18n.cli.app`` is the whole application, every command loaded,
  for tests and tools.
* Typer coerces option values with pydantic (~0.1 s to import): here the values that
  need no conversion of pydantic's kind (strings, paths, choices; an option not given)
  are taken as typer's own coercion would take them, and anything else (numbers, a
  value that would be refused) goes through typer's own coercion, so that results and
  error messages stay typer's.
* A command module imports only typer and this package at its top: the library, and
  what the library needs (Babel, Jinja2, markdown-it, rapidfuzz, rich, filelock,
  PyYAML), are imported inside the command's function, when it runs.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar, get_args

import typer
import typer.main
from typer.core import TyperGroup

from summit_i18n import __version__
from summit_i18n.cli._output import (
    configure,
    write_detail,
    write_err,
    write_note,
    write_note_err,
    write_out,
)
from summit_i18n.errors import FileSystemError, SummitError

if TYPE_CHECKING:
    from typer import _click as click

    from summit_i18n.config import Project

__all__ = ["COMMANDS", "AppState", "app", "detail", "echo", "echo_err", "note", "note_err",
           "project", "reports_errors"]

#: every command, each defined in the module ``summit_i18n.cli.<name>``, with the first
#: paragraph of its help: ``--help`` lists them in this order from here, without loading
#: eleven modules to read their docstrings (a test holds each line to its docstring)
COMMANDS = {
    "build": "Render the site: every announcement in every published language, feeds and "
             "sitemap.",
    "check": "Check translations: placeholders, links, HTML, URLs, numbers, glossary, script.",
    "compile": "Compile locale/<lang>/LC_MESSAGES/<domain>.po into .mo files, as GNU msgfmt "
               "--check does.",
    "extract": "Extract source/ documents and templates/ strings into locale/<domain>.pot.",
    "init": "Start a new project: a configuration, an example document, no templates to copy.",
    "prefill": "Fill empty translations with machine drafts, marked fuzzy for review.",
    "report": "Write one self-contained HTML page: progress, tables, entries needing "
              "attention.",
    "review": "Review drafts in the terminal: accept, edit, skip, back, quit (? shows the keys).",
    "serve": "Build the site, serve it on 127.0.0.1, rebuild when source/, templates/ or "
             "locale/ change.",
    "status": "Show how far each language is: reviewed, machine drafts, stale, untranslated.",
    "update": "Merge the templates (locale/*.pot) into every language's catalog, like "
              "msgmerge.",
}


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


def _coercion_on_demand() -> None:
    """Typer's coercion, without pydantic where it would change nothing.

    Typer builds a pydantic adapter for a parameter the first time a value of it is
    processed, even a value not given (``None``).  Here each parameter first gets a
    coercion that answers as typer's would for the plain cases: no value, a string, a
    path without checks, a choice, or a list of these; the first value of any other
    kind (a number, a path with checks, a choice that is no choice) builds typer's own,
    which also gives its error message.
    """
    try:
        from typer import _param_types
        from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
        from typer.core import _TyperParameter
    except ImportError:  # a typer whose coercion needs no pydantic: nothing to defer
        return
    if not hasattr(_TyperParameter, "get_runtime_param"):
        return
    missing = object()

    def plain(descriptor: TypeDescriptor, value: Any, param: _TyperParameter,
              ctx: click.Context) -> Any:
        """``value`` as typer's coercion would give it, or ``missing``."""
        info, annotation = descriptor.parameter_info, descriptor.annotation
        if descriptor.is_list and isinstance(value, list | tuple):
            item = TypeDescriptor(get_args(annotation)[0], info, None)
            items = [plain(item, v, param, ctx) for v in value]
            return missing if any(v is missing for v in items) else items
        if info.parser is not None or descriptor.file_annotation is not None:
            return missing
        if descriptor.is_choice and isinstance(value, str) and descriptor.choices is not None:
            try:
                return _param_types.coerce_cli_choice(
                    value, choices=descriptor.choices, case_sensitive=info.case_sensitive,
                    ctx=ctx)
            except ValueError:
                return missing
        if annotation is str and isinstance(value, str):
            return value
        if (annotation is Path and info.path_type is None and isinstance(value, str)
                and _param_types.routes_to_path(annotation, info)):
            # a Path as pydantic makes it, then typer's own checks (exists, readable …)
            return _param_types.coerce_cli_path(Path(value), info, path_type=Path,
                                                param=param, ctx=ctx)
        return missing

    @dataclass(frozen=True)
    class OnDemand(RuntimeParam):
        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: click.Context) -> Any:
            done = plain(self.descriptor, value, param, ctx)
            if done is not missing:
                return done
            param._runtime_param = own = build_runtime_param(self.descriptor)
            return own._coerce_value(value, param=param, ctx=ctx)

    def get_runtime_param(self: _TyperParameter) -> RuntimeParam:
        if self._runtime_param is None:
            descriptor = self.type_descriptor
            self._runtime_param = OnDemand(descriptor.parameter_info, descriptor.annotation,
                                           descriptor)
        return self._runtime_param

    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]


_coercion_on_demand()


class _Commands(MutableMapping[str, "click.Command"]):
    """The group's commands: every name of :data:`COMMANDS`, each built when first asked."""

    def __init__(self, built: MutableMapping[str, click.Command]) -> None:
        self._built = dict(built)

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _load_command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(name not in COMMANDS for name in self._built)


def _load_command(name: str) -> click.Command:
    """Import ``summit_i18n.cli.<name>`` (which registers its command) and build it."""
    importlib.import_module(f"summit_i18n.cli.{name}")
    for info in app.registered_commands:
        if info.callback is not None and (
                info.name or typer.main.get_command_name(info.callback.__name__)) == name:
            return typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode)
    raise KeyError(name)


class LazyGroup(TyperGroup):
    """A typer group whose commands are imported when the command line names them."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # names only: none is loaded to be listed

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The "Commands" section as typer writes it, from :data:`COMMANDS` for the
        commands not loaded (the same words: their help's first paragraph)."""
        from typer._click.utils import make_default_short_help

        built = self.commands._built if isinstance(self.commands, _Commands) else {}
        names = [n for n in self.list_commands(ctx) if n in COMMANDS or n in built]
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            command = built.get(name)
            if command is not None:
                if command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(limit)))
            else:
                rows.append((name, make_default_short_help(COMMANDS[name], limit).strip()))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    cls=LazyGroup,
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
            from summit_i18n.config import find_project

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
