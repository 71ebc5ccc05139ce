"""``summit-i18n compile`` when nothing changed: answered before typer is imported.

Only the plain forms of the command line take this path — ``[-C DIR] compile`` with
``-l``/``--lang``, ``--use-fuzzy`` and ``--statistics``; anything else (``--help``, an
unknown option, a typo) returns None and typer parses it as usual.  Imports only the
standard library and :mod:`summit_i18n.compile_record`.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["quick_compile"]


def quick_compile(argv: list[str]) -> int | None:
    """The exit code when ``argv`` is a compile the record shows has nothing to do."""
    parsed = _parse(argv)
    if parsed is None:
        return None
    directory, langs, use_fuzzy, statistics = parsed
    from summit_i18n.compile_record import request_key, unchanged

    start = Path(directory) if directory is not None else Path.cwd()
    lines = unchanged(start, directory is not None, request_key(langs, use_fuzzy))
    if lines is None:
        return None
    if statistics:
        for shown, line in lines:
            sys.stderr.write(f"{shown}: {line}\n")
    return 0


def _parse(argv: list[str]) -> tuple[str | None, list[str], bool, bool] | None:
    directory: str | None = None
    args = list(argv)
    while args and args[0] != "compile":
        arg = args.pop(0)
        if arg in ("-C", "--directory") and args:
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
    return directory, langs, use_fuzzy, statistics
