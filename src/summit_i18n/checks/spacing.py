"""Spacing checks: newlines (msgfmt's rule), leading and trailing blanks, invisible characters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from summit_i18n.checks._core import ERROR, WARNING, Context, register


@register("newlines", ERROR)
def check_newlines(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Leading and trailing newlines as in the English (msgfmt --check's rule)."""
    if english.startswith("\n") != translation.startswith("\n"):
        which = "English" if english.startswith("\n") else "translation"
        yield f"only the {which} begins with a newline (msgfmt rejects this)"
    if english.endswith("\n") != translation.endswith("\n"):
        which = "English" if english.endswith("\n") else "translation"
        yield f"only the {which} ends with a newline (msgfmt rejects this)"


@register("line-breaks", WARNING)
def check_line_breaks(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """As many line breaks as the English."""
    n_en, n_tr = english.count("\n"), translation.count("\n")
    if n_en != n_tr:
        yield f"the English has {n_en} line break{'s' * (n_en != 1)}, the translation {n_tr}"


_BLANKS = " \t\u00a0\u3000"


@register("whitespace", WARNING)
def check_whitespace(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Leading and trailing spaces as in the English."""
    en_lead = english[: len(english) - len(english.lstrip(_BLANKS))]
    tr_lead = translation[: len(translation) - len(translation.lstrip(_BLANKS))]
    if bool(en_lead) != bool(tr_lead):
        yield ("the translation starts with a space, the English does not" if tr_lead
               else "the English starts with a space, the translation does not")
    en_tail = english[len(english.rstrip(_BLANKS)):]
    tr_tail = translation[len(translation.rstrip(_BLANKS)):]
    if bool(en_tail) != bool(tr_tail):
        yield ("the translation ends with a space, the English does not" if tr_tail
               else "the English ends with a space, the translation does not")


_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@register("invisible", WARNING)
def check_invisible(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """No invisible or bidirectional control characters the English does not have."""
    found = _INVISIBLE_RE.findall(translation)
    if not found:
        return
    allowed = set(_INVISIBLE_RE.findall(english))
    extra = sorted({ch for ch in found if ch not in allowed})
    if extra:
        names = ", ".join(f"U+{ord(ch):04X}" for ch in extra)
        yield f"invisible or bidirectional control character{'s' * (len(extra) > 1)} {names}"
