"""Writing result and diagnostic lines (shared by typer's commands and the direct path)."""

from __future__ import annotations

import sys

__all__ = ["printable", "write_err", "write_out"]


def printable(text: str) -> str:
    """Undecodable bytes a catalog's comments kept (lone surrogates) shown as ``\\udcff``
    escapes: printing them as they are would fail with a UnicodeEncodeError."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def write_out(text: str = "") -> None:
    """A result line on stdout."""
    sys.stdout.write(printable(text) + "\n")
    sys.stdout.flush()


def write_err(text: str) -> None:
    """A diagnostic line on stderr."""
    sys.stderr.write(printable(text) + "\n")
    sys.stderr.flush()
