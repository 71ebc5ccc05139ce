"""Placeholder checks: ``%`` directives, ``{x}`` fields and Jinja ``{{ x }}`` kept intact."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from summit_i18n.checks._core import ERROR, Context, register
from summit_i18n.formats import (
    Placeholder,
    check_format,
    entry_format_problems,
    format_flags,
    placeholders,
    unmatched_directives,
)

if TYPE_CHECKING:
    from summit_i18n.catalog import Entry

_NO_PRINTF = {"no-c-format", "no-python-format"}


def _found(text: str, ctx: Context, *, printf: bool = True) -> list[Placeholder]:
    found = placeholders(text)
    if not printf or _NO_PRINTF & set(ctx.flags):
        found = [p for p in found if p.kind != "printf"]
    if "no-python-brace-format" in ctx.flags:
        found = [p for p in found if p.kind != "brace"]
    return found


def _loose(p: Placeholder) -> re.Pattern[str]:
    """A pattern for ``p`` written with full-width or spaced delimiters."""
    sp = r"[\s\u00a0\u202f\u3000]*"
    if p.kind == "jinja":
        words = p.key[2:].strip().split()
        inner = sp.join(re.escape(w) for w in words)
        if p.key.startswith("{{"):
            return re.compile(rf"[{{｛]{sp}[{{｛]{sp}{inner}{sp}[}}｝]{sp}[}}｝]")
        return re.compile(rf"[{{｛]{sp}[%％]{sp}{inner}{sp}[%％]{sp}[}}｝]")
    if p.kind == "brace":
        body = re.escape(p.text[1:-1]).replace(r"\ ", " ")
        return re.compile(rf"[{{｛]{sp}{body}{sp}[}}｝]")
    # printf: % then its parts, each possibly separated by spaces or full-width
    parts = [re.escape(ch) for ch in p.text[1:]]
    parts = [{"\\(": "[(（]", "\\)": "[)）]"}.get(x, x) for x in parts]
    return re.compile(rf"[%％]{sp}" + sp.join(parts))


@register("placeholders", ERROR)
def check_placeholders(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Placeholders (%s, %(name)s, %1$s, {name}, {{ name }}) as in the English."""
    if not ("%" in english or "{" in english or "%" in translation or "{" in translation
            or "％" in translation or "｛" in translation):
        return
    # A flagged entry that msgfmt rejects is reported once, by the "format" check.
    printf = not any(check_format(f, english, translation, strict=not ctx.lenient)
                     for f in format_flags(ctx.flags) if f != "python-brace-format")
    want = _found(english, ctx, printf=printf)
    have = _found(translation, ctx, printf=printf)
    want_sig = Counter(p.signature for p in want)
    have_sig = Counter(p.signature for p in have)
    allowed = Counter(want_sig)
    if ctx.alternate is not None:
        allowed |= Counter(p.signature for p in _found(ctx.alternate, ctx, printf=printf))
    reported: set[tuple[str, str, str]] = set()
    for p in want:
        sig = p.signature
        if have_sig[sig] >= want_sig[sig] or sig in reported:
            continue
        reported.add(sig)
        mangled = _loose(p).search(translation)
        if mangled and mangled.group(0) != p.text:
            yield f"placeholder {p.text!r} is written {mangled.group(0)!r} in the translation"
        elif not ctx.lenient:
            # (a form used for one value of n may leave the number out, or spell it)
            yield f"placeholder {p.text!r} is missing from the translation"
    for p in have:
        sig = p.signature
        if have_sig[sig] > allowed[sig] and sig not in reported:
            reported.add(sig)
            yield f"placeholder {p.text!r} is not in the English"
    # Same argument, other width, precision or flags: "%(x)999999999s" for "%(x)s".
    englishes = (english,) if ctx.alternate is None else (english, ctx.alternate)
    shown = {p.start for p in have}
    for p in unmatched_directives(translation, *englishes):
        if p.start in shown and p.signature not in reported and p.spec:
            reported.add(p.signature)
            yield (f"placeholder {p.text!r} has a width, precision or flag "
                   "the English does not have")


@register("format", ERROR, scope="entry")
def check_format_flags(entry: Entry, ctx: Context) -> Iterator[str]:
    """Format strings msgfmt --check rejects (c-format, python-format, brace-format)."""
    if not entry.flags:
        return
    for problem in entry_format_problems(entry, ctx.plural):
        yield f"{problem.flag}: {problem.message}"
