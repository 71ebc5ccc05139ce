"""Writing result and diagnostic lines (every command's).

Three kinds of line: a *result* (what the command was asked for: findings, the status
table; always printed), a *note* (what it did: files written, a summary; hidden by
``-q``) and a *detail* (shown with ``-v`` only).  Diagnostics (``path:line: error: …``)
go to stderr.  On a terminal, severities and summaries are coloured, unless
``NO_COLOR`` is set (https://no-color.org) or ``--no-color`` was given.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import Literal, TextIO

from summit_i18n._display import visible

__all__ = [
    "Verbosity",
    "configure",
    "printable",
    "settings",
    "write_detail",
    "write_err",
    "write_note",
    "write_note_err",
    "write_out",
]

Tone = Literal["good", "bad", "warn"] | None


@dataclass
class Verbosity:
    """The global ``-q``/``-v``/``--no-color`` options of one run."""

    level: int = 0  #: -1 quiet, 0 normal, 1 verbose
    color: bool | None = None  #: None: on a terminal without NO_COLOR


_SETTINGS = Verbosity()

_ANSI = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "good": "\x1b[32m", "bad": "\x1b[1;31m",
         "warn": "\x1b[33m"}
_RESET = "\x1b[0m"
#: the severity of a diagnostic line: ``path:12: error: …``, ``error: …``
_SEVERITY_RE = re.compile(r"(?:^|(?<=: ))(error|warning)(?=: )")


def configure(*, level: int = 0, color: bool | None = None) -> None:
    """Set the verbosity and colour of this run (the global options)."""
    _SETTINGS.level = level
    _SETTINGS.color = color


def settings() -> Verbosity:
    return _SETTINGS


def printable(text: str) -> str:
    """Control characters (ESC, C1, bidi overrides …) and undecodable bytes a catalog
    kept (lone surrogates) shown as ``\\u001b``, ``\\udcff`` escapes: raw they would
    act on the terminal, or fail with a UnicodeEncodeError."""
    return visible(text)


def uses_color(stream: TextIO) -> bool:
    """Colour on ``stream``: asked for, or a terminal while NO_COLOR is unset."""
    if _SETTINGS.color is not None:
        return _SETTINGS.color
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def paint(text: str, stream: TextIO, tone: Tone = None) -> str:
    """``text`` with its severities (or all of it, in ``tone``) coloured for ``stream``."""
    if not uses_color(stream):
        return text
    if tone is not None:
        return f"{_ANSI[tone]}{text}{_RESET}"
    first, sep, rest = text.partition("\n")
    painted = _SEVERITY_RE.sub(lambda m: f"{_ANSI[m.group(1)]}{m.group(1)}{_RESET}", first,
                               count=1)
    return painted + sep + (paint(rest, stream) if rest else "")


def _write(stream: TextIO, text: str, tone: Tone) -> None:
    stream.write(paint(printable(text), stream, tone) + "\n")
    stream.flush()


def write_out(text: str = "", *, tone: Tone = None) -> None:
    """A result line on stdout (printed even with ``-q``)."""
    _write(sys.stdout, text, tone)


def write_err(text: str, *, tone: Tone = None) -> None:
    """A diagnostic line on stderr (printed even with ``-q``)."""
    _write(sys.stderr, text, tone)


def write_note(text: str, *, tone: Tone = None) -> None:
    """What the command did, on stdout; hidden by ``-q``."""
    if _SETTINGS.level >= 0:
        _write(sys.stdout, text, tone)


def write_note_err(text: str, *, tone: Tone = None) -> None:
    """A summary on stderr; hidden by ``-q``."""
    if _SETTINGS.level >= 0:
        _write(sys.stderr, text, tone)


def write_detail(text: str) -> None:
    """More about what the command does, on stderr; shown with ``-v`` only."""
    if _SETTINGS.level > 0:
        _write(sys.stderr, text, None)
