"""Text from a catalog, a source or a service made safe to show on a terminal.

Principles: what a reviewer sees is what is in the file.  A translation may hold
control characters — C0 and C1 controls, the ESC that starts a colour, cursor or
OSC window-title sequence, bidirectional overrides and isolates that reorder what
is displayed (the "Trojan Source" characters) — and printed raw they would act on
the terminal instead of being read.  :func:`visible` spells each one as a
``\\uXXXX`` escape (the notation a JSON string uses too, so JSON output stays
valid and means the same); line breaks and tabs stay as they are.  Undecodable
bytes kept as lone surrogates come out as ``\\udcXX``.

Public API::

    visible(text) -> str           # control characters escaped
    has_controls(text) -> list[str]  # the control characters text holds, as escapes
    markup_escape(text) -> str     # visible(), then escaped for rich markup
    excerpt(value) -> str          # a value quoted for an error message, cut short
"""

from __future__ import annotations

import re

__all__ = ["CONTROL_RE", "EXCERPT_LENGTH", "excerpt", "has_controls", "markup_escape", "visible"]

#: how much of a rejected value an error message quotes
EXCERPT_LENGTH = 60

#: C0 controls but tab and line feed, DEL, C1 controls, the bidi embeddings,
#: overrides and isolates, line/paragraph separators, and lone surrogates.
CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)
#: what ``check`` warns about: the characters that change what a terminal or a
#: browser shows (marks such as U+200E are left alone: right-to-left text needs them)
_WARN_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


_LINES_RE = re.compile("[\t\n]")


def visible(text: str, *, lines: bool = True) -> str:
    """``text`` with every control character written as a ``\\uXXXX`` escape
    (line breaks and tabs too unless ``lines``: for what must stay on one line)."""
    shown = CONTROL_RE.sub(_escape, text)
    return shown if lines else _LINES_RE.sub(_escape, shown)


def has_controls(text: str) -> list[str]:
    """The distinct terminal-controlling characters of ``text``, as escapes, in order."""
    seen: dict[str, None] = {}
    for match in _WARN_RE.finditer(text):
        seen.setdefault(_escape(match))
    return list(seen)


def markup_escape(text: str) -> str:
    """:func:`visible`, then escaped for rich's console markup."""
    from rich.markup import escape  # rich only for the interactive commands

    return escape(visible(text))


def excerpt(value: object, limit: int = EXCERPT_LENGTH) -> str:
    """``value`` quoted as ``repr`` would, cut to about ``limit`` characters.

    Never builds the whole ``repr`` of a large (or alias-multiplied) structure: only
    strings are quoted; other values are named by their type and size.
    """
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return repr(value[:limit]) + f"… ({len(value):,} characters)"
    if isinstance(value, bool | int | float) or value is None:
        text = repr(value) if not isinstance(value, int) or value.bit_length() < 200 \
            else f"a {value.bit_length():,}-bit number"
        return text if len(text) <= limit else text[:limit] + "…"
    if isinstance(value, list | tuple) and len(value) <= 8 and all(
            isinstance(v, str | int | float | bool) and len(str(v)) <= 20 for v in value):
        text = repr(value)
        return text if len(text) <= limit else text[:limit] + "…"
    if isinstance(value, dict | list | tuple | set):
        return f"a {type(value).__name__} of {len(value):,} items"
    return f"a {type(value).__name__}"
