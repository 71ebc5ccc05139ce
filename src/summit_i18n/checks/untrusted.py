"""Checks on what a translation could do to its readers: its length, terminal controls."""

from __future__ import annotations

from collections.abc import Iterator

from summit_i18n._display import has_controls
from summit_i18n.checks._core import ERROR, WARNING, Context, register


@register("length", ERROR)
def check_length(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Translation no longer than a bounded multiple of the English (build shows the English)."""
    reason = ctx.length.exceeded(english, translation)
    if reason is not None:
        yield f"{reason} ([checks] max_length_ratio, max_length_extra)"


@register("control-chars", WARNING)
def check_control_chars(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """No control characters, escape sequences or bidi overrides the English does not have."""
    wanted = set(has_controls(english))
    extra = [c for c in has_controls(translation) if c not in wanted]
    if extra:
        shown = ", ".join(extra[:8]) + (" …" if len(extra) > 8 else "")
        yield f"control characters in the translation: {shown}"
