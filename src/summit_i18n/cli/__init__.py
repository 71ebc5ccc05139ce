"""Command-line interface: ``summit-i18n`` (one module per command)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typer import Typer

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``summit-i18n`` console script."""
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
