"""Content checks: URLs and e-mail addresses, numbers, glossary terms and official names."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from summit_i18n.checks._core import ERROR, WARNING, Context, register
from summit_i18n.checks._text import (
    CODE_SPAN_RE,
    EMAIL_RE,
    INLINE_LINK_RE,
    TAG_RE,
    URL_RE,
    mask,
    urls,
)
from summit_i18n.formats import placeholders
from summit_i18n.glossary import OFFICIAL, Glossary, Rendering, Term


@register("urls", ERROR)
def check_urls(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """URLs and e-mail addresses kept exactly as in the English."""
    if "](" in english or "](" in translation:  # link targets: the markdown check's job
        english, translation = _link_labels(english), _link_labels(translation)
    want, have = Counter(urls(english)), Counter(urls(translation))
    if want == have:
        return
    for url in want:
        if have[url] < want[url]:
            yield f"{url!r} is missing from the translation or changed"
    for url in have:
        if have[url] > want[url]:
            yield f"{url!r} is not in the English"


# 1,000 / 1 000 / 1 000 (no-break) group thousands; 3.14 and 3,14 are decimals.  Only
# full-width digits are folded to ASCII: a full-width comma (６，７) separates numbers.
def _link_labels(text: str) -> str:
    return INLINE_LINK_RE.sub(lambda m: f" {m.group(2)} ", text)


_NUMBER_RE = re.compile(r"\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*")
_DIGIT_RE = re.compile(r"\d")
_SEPARATORS = str.maketrans({**dict.fromkeys("., \xa0\u202f"),
                             **{chr(0xFF10 + i): str(i) for i in range(10)}})


def _numbers(text: str) -> Counter[str]:
    if not _DIGIT_RE.search(text):
        return Counter()
    for p in placeholders(text):
        text = text.replace(p.text, " ")
    text = mask(text, (URL_RE, EMAIL_RE, TAG_RE, CODE_SPAN_RE))
    return Counter(m.group(0).translate(_SEPARATORS) for m in _NUMBER_RE.finditer(text))


@register("numbers", WARNING)
def check_numbers(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Numbers and years of the English present in the translation."""
    want = _numbers(english)
    if not want:
        return
    have = _numbers(translation)
    missing = [n for n in want if have[n] < want[n]]
    if missing and not ctx.lenient:
        yield f"number{'s' if len(missing) > 1 else ''} {', '.join(missing)} of the English " \
              f"missing from the translation"


# What may differ between a rendering and a translation without it being another name:
# the apostrophe (’ or '), and the width of white space.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\uff07", "'"))
_SPACE_RE = re.compile(r"\s+")


def _fold(text: str, *, case_sensitive: bool = True) -> str:
    text = _SPACE_RE.sub(" ", text.translate(_APOSTROPHES))
    return text if case_sensitive else text.casefold()


def _status(rendering: Rendering) -> str:
    return f" ({rendering.status})" if rendering.status else ""


def _avoided(translation: str, term: Term, rendering: Rendering) -> list[str]:
    """The ``avoid`` renderings of ``term`` present in ``translation`` (beyond the
    required rendering itself, which may contain one)."""
    sensitive = term.case_sensitive
    text = _fold(translation, case_sensitive=sensitive)
    required = _fold(rendering.text, case_sensitive=sensitive)
    if required:
        text = text.replace(required, "\0")
    return [wrong for wrong in rendering.avoid
            if _fold(wrong, case_sensitive=sensitive) in text]


@register("glossary", WARNING)
def check_glossary(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Glossary terms rendered as required, and no rendering the glossary lists as wrong."""
    if not ctx.glossary or not ctx.lang:
        return
    folded = _fold(translation)
    seen: set[str] = set()
    for term, rendering in ctx.glossary.terms_in(english, ctx.lang):
        seen.add(term.english)
        wrong = _avoided(translation, term, rendering) if rendering.avoid else []
        if wrong and rendering.official:
            continue  # the official-names check's error says it
        if wrong:
            yield _wrong_message(term, rendering, wrong[0])
            continue
        want = _fold(rendering.text, case_sensitive=term.case_sensitive)
        have = folded if term.case_sensitive else folded.casefold()
        if want not in have:
            yield f"glossary term {term.english!r} should be rendered " \
                  f"{rendering.text!r}{_status(rendering)}"
    for term, entry in _with_avoid(ctx.glossary, ctx.lang):
        if entry.official or term.english in seen:
            continue  # an official name: the official-names check's error
        for wrong_form in _avoided(translation, term, entry):
            yield _wrong_message(term, entry, wrong_form)


def _wrong_message(term: Term, rendering: Rendering, wrong: str) -> str:
    return f"{wrong!r} is listed as wrong for {term.english!r}; write " \
           f"{rendering.text!r}{_status(rendering)}"


@functools.lru_cache(maxsize=64)
def _with_avoid(glossary: Glossary, lang: str) -> tuple[tuple[Term, Rendering], ...]:
    """The terms whose ``lang`` rendering lists wrong forms (once per glossary and language)."""
    pairs = ((term, term.entry(lang)) for term, _ in glossary.for_language(lang))
    return tuple((term, entry) for term, entry in pairs if entry is not None and entry.avoid)


@register("official-names", ERROR)
def check_official_names(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Official names not written in a form the glossary lists as wrong (avoid)."""
    if not ctx.glossary or not ctx.lang:
        return
    for term, rendering in _with_avoid(ctx.glossary, ctx.lang):
        if not rendering.official:
            continue
        for wrong in _avoided(translation, term, rendering):
            yield f"{wrong!r} is not the official name of {term.english!r} in {ctx.lang}; " \
                  f"write {rendering.text!r} ({OFFICIAL}; source: {rendering.source})"
