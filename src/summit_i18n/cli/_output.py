"""Writing result and diagnostic lines (shared by typer's commands and the direct path)."""

from __future__ import annotations

import sys

from summit_i18n._display import visible

__all__ = ["printable", "write_err", "write_out"]


def printable(text: str) -> str:
    """Control characters (ESC, C1, bidi overrides …) and undecodable bytes a catalog
    kept (lone surrogates) shown as ``\\u001b``, ``\\udcff`` escapes: raw they would
    act on the terminal, or fail with a UnicodeEncodeError."""
    return visible(text)


def write_out(text: str = "") -> None:
    """A result line on stdout."""
    sys.stdout.write(printable(text) + "\n")
    sys.stdout.flush()


def write_err(text: str) -> None:
    """A diagnostic line on stderr."""
    sys.stderr.write(printable(text) + "\n")
    sys.stderr.flush()
