"""Doubled words and characters: "the the", "le le", 與與, をを, 를를 — in every script.

Principles: what a reviewer catches by eye is a word typed twice.  Where words are
separated by spaces (Latin, Cyrillic, Greek, Korean eojeol …) that is the same word
twice in a row.  Chinese and Japanese have no spaces, and doubled characters are
often right there — reduplication (人人, 常常, 漸漸, 等等), ABAB and AABB forms
(一個一個, 實實在在, 是是非非) and, above all, two words meeting (中國 + 國際 =
中國國際, 為了 + 了解 = 為了了解); Korean has 다다르다, 의의 and particles after a
noun that ends in the same syllable (임의 + 의, 경로 + 로).  So in CJK text only
doubled *function* characters are reported — Chinese particles and conjunctions,
Japanese case particles after a word, Korean particles that no noun ends in — with
the known compounds around them let through, plus a run of two to four Han
characters written twice (任何任何).  On the twelve real catalogs of the test
corpus (4,131 translated entries) the check reports three findings, all genuine typos
(にに, 是是, 任何任何).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summit_i18n.checks._core import WARNING, Context, register
from summit_i18n.checks._text import CODE_SPAN_RE, TAG_RE, URL_RE
from summit_i18n.formats import placeholders

__all__ = ["doubled"]

_WORD_RE = re.compile(r"(?<!\w)([^\W\d_]{2,}+)\s++\1(?!\w)", re.IGNORECASE)
# Doubled on purpose in grammar: French reflexives ("nous nous"), "that that", "had had".
_WORD_OK = frozenset({"nous", "vous", "that", "had", "is"})

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese function characters: they seldom end a word that a word beginning with them
# follows; the cases that do occur (目的 + 的, 現在 + 在, 為了 + 了解) are let through.
_ZH_FUNCTION = "的是了與与和及或之其被將将從从這这該该也但而給给於于在"
_ZH_CHAR_RE = re.compile(rf"([{_ZH_FUNCTION}])\1")
# (before, doubled, after) that are words meeting, or idioms: 目的的, 為了了解, 不了了之 …
_ZH_OK_BEFORE = {"的": "目有端", "在": "現现存實实所自好不", "了": "為为除不"}
_ZH_OK_AFTER = {"的": "確确", "了": "解結结然之", "是": "非"}
_HAN_RUN_RE = re.compile(rf"([{_HAN}]{{2,4}})\1")
# Japanese case particles doubled right after a word (kanji, katakana): 時ににエラー.
# は, と and も are left out: a word in kana often follows them (今日ははじめて,
# 友人とともに, 太もも); so are で before き (自分でできる), が before っ/ん
# (彼ががっかり) and の before し (ののしる).
_JA_PARTICLE_RE = re.compile(rf"(?<=[{_HAN}\u30a1-\u30fa\u30fc])([をにがでのへ])\1")
_JA_OK_AFTER = {"で": "き", "が": "っん", "の": "し"}
# Korean particles no noun ends in, doubled after a syllable: 파일를를.
_KO_PARTICLE_RE = re.compile(r"(?<=[\uac00-\ud7a3])(를|는|에)\1(?![\uac00-\ud7a3])")
_CJK_RE = re.compile(rf"[{_HAN}\u3040-\u30ff\uac00-\ud7a3]")


def _masked(text: str) -> str:
    for p in placeholders(text):
        text = text.replace(p.text, " \ufffc ")
    for pattern in (CODE_SPAN_RE, URL_RE, TAG_RE):
        text = pattern.sub(" \ufffc ", text)
    return text


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 3):end + 3].strip()


# A cheap look first: any word followed by itself (digits and one-letter words too).
_ANY_WORD_TWICE_RE = re.compile(r"\b(\w++)\s++\1\b", re.IGNORECASE)
_CJK_PATTERNS = (_ZH_CHAR_RE, _HAN_RUN_RE, _JA_PARTICLE_RE, _KO_PARTICLE_RE)
_CJK_LANGUAGES = frozenset({"zh", "ja", "ko", ""})


def _candidate(text: str, cjk: bool) -> bool:
    """True when ``text`` may hold a doubling (a cheap look before masking code and URLs)."""
    if _ANY_WORD_TWICE_RE.search(text):
        return True
    return cjk and _CJK_RE.search(text) is not None and any(p.search(text) for p in _CJK_PATTERNS)


def doubled(text: str, *, cjk: bool = True) -> list[str]:
    """What is written twice in a row in ``text``: words, and (with ``cjk``) CJK
    function characters."""
    found: list[str] = []
    if not _candidate(text, cjk):  # masking only takes matches away
        return found
    text = _masked(text)
    for m in _WORD_RE.finditer(text):
        if m.group(1).casefold() not in _WORD_OK:
            found.append(f"doubled word {m.group(0)!r}")
    if not cjk or not _CJK_RE.search(text):
        return found
    for m in _ZH_CHAR_RE.finditer(text):
        char, start, end = m.group(1), m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before and before in _ZH_OK_BEFORE.get(char, ""):
            continue
        if after and after in _ZH_OK_AFTER.get(char, ""):
            continue
        if _aabb(text, start):
            continue
        found.append(f"doubled character {m.group(0)!r} in {_context(text, start, end)!r}")
    for m in _HAN_RUN_RE.finditer(text):
        if not m.group(1).startswith("一"):  # 一個一個, 一人一人: one by one
            found.append(f"doubled characters {m.group(0)!r}")
    for pattern in (_JA_PARTICLE_RE, _KO_PARTICLE_RE):
        for m in pattern.finditer(text):
            end = m.end()
            after = text[end:end + 1]
            if after and after in _JA_OK_AFTER.get(m.group(1), ""):
                continue
            found.append(f"doubled particle {m.group(0)!r} in "
                         f"{_context(text, m.start(), end)!r}")
    return found


def _aabb(text: str, start: int) -> bool:
    """True for a pair inside an AABB form (實實在在, 是是非非, 的的確確)."""
    pair_before = start >= 2 and text[start - 2] == text[start - 1]
    pair_after = start + 3 < len(text) and text[start + 2] == text[start + 3]
    return pair_before or pair_after


@register("doubled", WARNING)
def check_doubled(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """No word or character typed twice (the the, le le, 與與, にに), in every script."""
    # Chinese, Japanese or Korean: their characters; in other languages only words
    found = doubled(translation, cjk=ctx.base in _CJK_LANGUAGES)
    if not found:
        return
    said = set(doubled(english))  # "Beep Beep", code the translation repeats
    if _WORD_RE.search(_masked(english)):
        return
    for message in found:
        if message not in said:
            yield message
