"""Typography checks: French spacing before high punctuation and in « », CJK full stops."""

from __future__ import annotations

import re
from collections.abc import Iterator

from summit_i18n.checks._core import WARNING, Context, register
from summit_i18n.checks._text import CODE_SPAN_RE, EMAIL_RE, TAG_RE, URL_RE, mask
from summit_i18n.formats import placeholders

_NBSP = "\u00a0\u202f"
# ; ! ? followed by a blank, the end or a closing mark, and a colon followed by a
# blank or the end: "10:30", "https:" and ":ref:" are not prose punctuation.
_FR_HIGH_RE = re.compile(r"(.)([;!?])(?=\s|$|[»\"')*_\]])|(.)(:)(?=\s|$)", re.S)
_FR_MARKS_RE = re.compile("[;:!?«»]")
_FR_GUILLEMET_RE = re.compile(r"«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»")
_CJK_END_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff][.,](?=\s|$)")


_ROLE_RE = re.compile(r":[\w:+-]+:(?=`)")


def _prose(text: str) -> str:
    for p in placeholders(text):
        text = text.replace(p.text, " ")
    return mask(text, (_ROLE_RE, CODE_SPAN_RE, URL_RE, EMAIL_RE, TAG_RE))


@register("typography", WARNING)
def check_typography(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """French no-break spaces before ; : ! ? and inside « »; CJK sentences not ending in . or ,."""
    base = ctx.base
    if base == "fr" and _FR_MARKS_RE.search(translation):
        prose = _prose(translation)
        for m in _FR_HIGH_RE.finditer(prose):
            before, mark = m.group(1) or m.group(3), m.group(2) or m.group(4)
            if before in _NBSP or before in ";!?:":
                continue
            what = "an ordinary space" if before.isspace() else "no space"
            yield (f"{mark!r} needs a narrow no-break space (U+202F) before it in French, "
                   f"not {what}")
            break
        if _FR_GUILLEMET_RE.search(prose):
            yield "« » need no-break spaces inside (U+202F or U+00A0)"
    elif base in {"zh", "ja"} and _CJK_END_RE.search(translation):
        end = _CJK_END_RE.search(_prose(translation))
        if end:
            mark = {".": "。", ",": "，" if base == "zh" else "、"}[end.group(0)[-1]]
            yield f"ASCII {end.group(0)[-1]!r} after Chinese or Japanese text; write {mark!r}"
