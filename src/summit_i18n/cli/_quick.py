"""``summit-i18n compile`` without typer: from the record, or compiled directly.

``compile`` is the command that runs on every build and in every editor's save hook,
and the command-line framework's start-up (typer, which now loads pydantic to coerce
options: ~0.13 s) would be most of its time on an unchanged project.  So the plain
forms of its command line — ``[-C DIR] [-q] [--no-color] compile`` with
``-l``/``--lang``, ``--use-fuzzy`` and ``--statistics`` — are read here: an
unchanged project is answered from :mod:`summit_i18n.compile_record` with the
standard library alone, anything else
runs the very function the typer command runs (:func:`run_compile`), with the same
output and exit codes.  Any other command line (``--help``, an unknown option, a typo)
(``-v``, ``compile FILE…``) returns None and typer parses it as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["CompileArgs", "from_record", "parse_compile", "quick_compile"]


@dataclass(frozen=True)
class CompileArgs:
    directory: str | None
    langs: list[str]
    use_fuzzy: bool
    statistics: bool
    quiet: bool = False
    no_color: bool = False


def quick_compile(argv: list[str]) -> int | None:
    """The exit code of ``argv`` when it is a plain compile (done here), else None."""
    args = parse_compile(argv)
    if args is None:
        return None
    if args.quiet or args.no_color:
        from summit_i18n.cli._output import configure

        configure(level=-1 if args.quiet else 0, color=False if args.no_color else None)
    code = from_record(args)
    return code if code is not None else _compile(args)


def from_record(args: CompileArgs) -> int | None:
    """0 when the record shows the compile has nothing to do (its statistics printed
    if asked), else None."""
    from summit_i18n.compile_record import request_key, unchanged

    start = Path(args.directory) if args.directory is not None else Path.cwd()
    lines = unchanged(start, args.directory is not None, request_key(args.langs, args.use_fuzzy))
    if lines is None:
        return None
    if args.statistics:
        from summit_i18n.cli._output import write_err

        for shown, line in lines:
            write_err(f"{shown}: {line}")
    return 0


def _compile(args: CompileArgs) -> int:
    from summit_i18n.cli._compile_run import run_compile
    from summit_i18n.cli._output import write_err, write_note, write_note_err
    from summit_i18n.config import find_project
    from summit_i18n.errors import SummitError

    try:
        explicit = Path(args.directory) if args.directory is not None else None
        return run_compile(find_project(explicit=explicit), args.langs or None,
                           use_fuzzy=args.use_fuzzy, statistics=args.statistics,
                           echo=write_note, echo_err=write_err, note_err=write_note_err)
    except SummitError as exc:  # as the typer commands' reports_errors does
        write_err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        write_err("interrupted: work done so far is saved")
        return 130


def parse_compile(argv: list[str]) -> CompileArgs | None:
    """The options of a plain compile command line, or None for anything else."""
    directory: str | None = None
    quiet = no_color = False
    args = list(argv)
    while args and args[0] != "compile":
        arg = args.pop(0)
        if arg in ("-q", "--quiet"):
            quiet = True
        elif arg == "--no-color":
            no_color = True
        elif arg in ("-C", "--directory") and args:
            directory = args.pop(0)
        elif arg.startswith("--directory="):
            directory = arg.partition("=")[2]
        elif arg.startswith("-C") and len(arg) > 2:
            directory = arg[2:]
        else:
            return None
    if not args:
        return None
    args.pop(0)
    langs: list[str] = []
    use_fuzzy = statistics = False
    while args:
        arg = args.pop(0)
        if arg in ("-l", "--lang") and args:
            langs.append(args.pop(0))
        elif arg.startswith("--lang="):
            langs.append(arg.partition("=")[2])
        elif arg.startswith("-l") and len(arg) > 2:
            langs.append(arg[2:])
        elif arg == "--use-fuzzy":
            use_fuzzy = True
        elif arg == "--statistics":
            statistics = True
        else:
            return None
    if directory == "" or any(not lang or lang.startswith("-") for lang in langs):
        return None
    return CompileArgs(directory, langs, use_fuzzy, statistics, quiet, no_color)
