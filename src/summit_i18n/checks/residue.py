"""Draft-quality checks: a translation left in English, and machine-translation residue."""

from __future__ import annotations

import re
from collections.abc import Iterator

from summit_i18n.checks._core import WARNING, Context, register
from summit_i18n.checks._text import CODE_SPAN_RE, TAG_RE, URL_RE, mask
from summit_i18n.formats import placeholders

_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def _words(text: str) -> list[str]:
    for p in placeholders(text):
        text = text.replace(p.text, " ")
    return _WORD_RE.findall(mask(text, (CODE_SPAN_RE, URL_RE, TAG_RE)))


@register("unchanged", WARNING)
def check_unchanged(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Translation is not a copy of non-trivial English."""
    if translation != english:
        return
    words = _words(english)
    if len(words) < 2:
        return  # a name, a code, an acronym: often the same in every language
    if ctx.glossary and ctx.lang:  # names the glossary keeps in English are not a miss
        rest = english
        for term, rendering in ctx.glossary.for_language(ctx.lang):
            if rendering == term.english:
                rest = term.pattern.sub(" ", rest)
        if len(_words(rest)) < 2:
            return
    yield "the translation is the English text unchanged"


_ENTITY_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,8}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_NULLISH_RE = re.compile(r"(?<![\w.])(?:None|null|undefined|NaN)(?![\w(])")
_NOTICE_RE = re.compile(
    r"MYMEMORY WARNING|YOU USED ALL AVAILABLE FREE TRANSLATIONS|QUERY LENGTH LIMIT EXCEEDED|"
    r"PLEASE SELECT TWO DISTINCT LANGUAGES|INVALID LANGUAGE PAIR|NO QUERY SPECIFIED|"
    r"TOO MANY REQUESTS|Translated by Google|Powered by (?:Google|Yandex|DeepL)|"
    r"Machine translated by|\bYou have exceeded\b",
)


@register("residue", WARNING)
def check_residue(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """No machine-translation residue: HTML entities, None, service notices."""
    if "&" in translation:
        extra = sorted(set(_ENTITY_RE.findall(translation)) - set(_ENTITY_RE.findall(english)))
        if extra:
            what = "entities" if len(extra) > 1 else "entity"
            yield f"HTML {what} {', '.join(extra)} not in the English"
    nullish = "None" in translation or "null" in translation or "undefined" in translation \
        or "NaN" in translation
    for m in _NULLISH_RE.finditer(translation) if nullish else ():
        if m.group(0) not in english:
            yield f"{m.group(0)!r} in the translation but not in the English"
            break
    notice = _NOTICE_RE.search(translation) if len(translation) > 8 else None
    if notice and not _NOTICE_RE.search(english):
        yield f"translation service notice {notice.group(0)!r}"
