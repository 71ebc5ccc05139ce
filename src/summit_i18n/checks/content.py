"""Content checks: URLs and e-mail addresses, numbers, glossary terms."""

from __future__ import annotations

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


@register("glossary", WARNING)
def check_glossary(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Glossary terms rendered as approved (when the project has a glossary)."""
    if not ctx.glossary or not ctx.lang:
        return
    folded = translation.casefold()
    for term in ctx.glossary.find(english):
        rendering = term.rendering(ctx.lang)
        if rendering is None:
            continue
        if rendering in translation or (not term.case_sensitive and rendering.casefold() in folded):
            continue
        yield f"glossary term {term.english!r} should be rendered {rendering!r}"
