"""Command-line interface: ``summit-i18n`` (one module per command).

:func:`main` runs the application of :mod:`summit_i18n.cli._app`, which imports a
command's module only when the command line names it; ``summit_i18n.cli.app`` is the
same application with every command loaded (for tests and tools).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typer import Typer

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``summit-i18n`` console script."""
    from summit_i18n.cli._app import app

    app(prog_name="summit-i18n")


def _load_app() -> Typer:
    import importlib

    from summit_i18n.cli._app import COMMANDS, app

    for name in COMMANDS:  # each module registers its command
        importlib.import_module(f"summit_i18n.cli.{name}")
    return app


def __getattr__(name: str) -> object:
    if name == "app":
        return _load_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
