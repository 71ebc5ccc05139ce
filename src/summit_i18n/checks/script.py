"""Script checks: the writing system a language is published in (Han variants, kana, Hangul)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from summit_i18n.checks._core import ERROR, Context, register
from summit_i18n.checks._text import CODE_SPAN_RE, EMAIL_RE, TAG_RE, URL_RE, mask
from summit_i18n.formats import placeholders

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_RE = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL_RE = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
# Written in Traditional text as well, though OpenCC turns it into 臺: Taiwan's own
# name is commonly 台灣 (the glossary's TAICOT name, for one).
_TRADITIONAL_TOO = frozenset("台")
_LATIN_WORD_RE = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")


def _latin_prose(text: str) -> bool:
    """True when ``text`` has at least two Latin words outside code, URLs and markup."""
    for p in placeholders(text):
        text = text.replace(p.text, " ")
    return len(_LATIN_WORD_RE.findall(mask(text, (CODE_SPAN_RE, URL_RE, EMAIL_RE, TAG_RE)))) >= 2


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc  # imported late: only Chinese catalogs need it

    return opencc.OpenCC(config)


@lru_cache(maxsize=65536)
def _convert(config: str, text: str) -> str:
    return str(_converter(config).convert(text))


def _foreign_han(text: str, to_other: str, back: str) -> list[str]:
    """Han characters of ``text`` that OpenCC ``to_other`` changes and ``back`` keeps.

    Converting the whole text lets OpenCC's phrase tables keep characters shared
    by both scripts in their words (著作, 乾隆); a character is reported only when
    it is not itself a character of the intended script.
    """
    converted = _convert(to_other, text)
    if converted == text:
        return []
    if len(converted) == len(text):
        changed = [a for a, b in zip(text, converted, strict=True) if a != b]
    else:
        changed = [ch for ch in text if _HAN_RE.match(ch) and _convert(to_other, ch) != ch]
    return sorted({ch for ch in changed if _convert(back, ch) == ch})


def _script_of(lang: str) -> str | None:
    parts = lang.replace("-", "_").split("_")
    if parts[0] != "zh":
        return None
    rest = set(parts[1:])
    if rest & {"Hant", "TW", "HK", "MO"}:
        return "Hant"
    return "Hans"


@register("script", ERROR)
def check_script(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Text in the language's script: no Traditional in zh_Hans and the reverse, kana/Hangul."""
    base = ctx.base
    if base == "zh" and _HAN_RE.search(translation):
        if _script_of(ctx.lang or "zh") == "Hans":
            chars = _foreign_han(translation, "t2s.json", "s2t.json")
            if chars:
                yield f"Traditional characters in Simplified Chinese: {''.join(chars)}"
        else:
            # Both OpenCC's own Traditional (峯, 羣) and Taiwan's standard (峰, 群) are
            # Traditional: a character is Simplified only when both would change it.
            both = set(_foreign_han(translation, "s2t.json", "t2s.json")) & set(
                _foreign_han(translation, "s2tw.json", "t2s.json"))
            chars = sorted(both - _TRADITIONAL_TOO)
            if chars:
                yield f"Simplified characters in Traditional Chinese: {''.join(chars)}"
    elif base in {"ja", "ko"} and translation != english:
        if base == "ja":
            ok = _KANA_RE.search(translation) or _HAN_RE.search(translation)
            if not ok and _latin_prose(translation):
                yield "Japanese translation without kana or kanji"
            elif _HANGUL_RE.search(translation) and not _HANGUL_RE.search(english):
                yield "Hangul in a Japanese translation"
        else:
            ok = _HANGUL_RE.search(translation)
            if not ok and (_latin_prose(translation) or _HAN_RE.search(translation)):
                yield "Korean translation without Hangul"
            elif _KANA_RE.search(translation) and not _KANA_RE.search(english):
                yield "kana in a Korean translation"
