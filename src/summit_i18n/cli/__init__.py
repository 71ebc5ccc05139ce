"""Command-line interface: ``summit-i18n`` (one module per command)."""

from __future__ import annotations

from summit_i18n.cli import (  # noqa: F401  (each module registers its command)
    build,
    check,
    compile,
    extract,
    prefill,
    report,
    review,
    serve,
    status,
    update,
)
from summit_i18n.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``summit-i18n`` console script."""
    app(prog_name="summit-i18n")
