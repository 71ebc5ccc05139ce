"""Command-line interface: ``summit-i18n`` (one module per command).

The commands and typer are imported on first use: :func:`main` first asks
:mod:`summit_i18n.compile_record` whether a ``compile`` has nothing to do, which
answers from a few ``stat`` calls, before any of them is loaded.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typer import Typer

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``summit-i18n`` console script."""
    from summit_i18n.cli._quick import quick_compile

    code = quick_compile(sys.argv[1:])
    if code is not None:
        raise SystemExit(code)
    _load_app()(prog_name="summit-i18n")


def _load_app() -> Typer:
    from summit_i18n.cli import (  # noqa: F401  (each module registers its command)
        build,
        check,
        compile,
        extract,
        init,
        prefill,
        report,
        review,
        serve,
        status,
        update,
    )
    from summit_i18n.cli._app import app

    return app


def __getattr__(name: str) -> object:
    if name == "app":
        return _load_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
