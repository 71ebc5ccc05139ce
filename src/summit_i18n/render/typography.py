"""Line breaking for headlines: phrase boundaries (BudouX) for Japanese and Chinese.

Principles: Japanese and Chinese are written without spaces, and browsers break
them between any two characters, so a headline can wrap inside a word (``世 / 界``).
BudouX, Google's phrase segmenter, finds the boundaries between phrases; a
``<wbr>`` goes at each of them, and the stylesheet sets ``word-break: keep-all``
on those headings so that the browser breaks only there (or at punctuation).
Only boundaries between two CJK characters are marked: Latin words inside a
headline keep breaking at their spaces.  Everything is text processing on our
own escaped HTML; no script reaches the page, so the Content-Security-Policy
stays as strict as it is.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

import budoux
from markupsafe import Markup, escape

__all__ = ["is_cjk", "mark_headings", "phrase_html", "phrases", "segmenter"]

_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
_TAG = re.compile(r"(<[^>]*>)")
_VOID = frozenset({"br", "wbr", "img", "hr", "input", "meta", "link", "source"})
_HEADING = re.compile(r"(<h([1-6])(?:\s[^>]*)?>)(.*?)(</h\2>)", re.DOTALL)


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a CJK ideograph, kana or full-width punctuation."""
    return bool(char) and bool(_CJK.match(char))


@functools.cache
def _parser(bcp47: str) -> budoux.Parser | None:
    if bcp47 == "ja" or bcp47.startswith("ja-"):
        return budoux.load_default_japanese_parser()
    if bcp47 in ("zh-Hant", "zh-TW", "zh-HK", "zh-MO") or bcp47.startswith("zh-Hant-"):
        return budoux.load_default_traditional_chinese_parser()
    if bcp47 == "zh" or bcp47.startswith("zh-"):
        return budoux.load_default_simplified_chinese_parser()
    return None


def segmenter(bcp47: str) -> Callable[[str], list[str]] | None:
    """BudouX's phrase segmentation for a language, or None where spaces do the work."""
    parser = _parser(bcp47)
    return parser.parse if parser is not None else None


def phrases(text: str, bcp47: str) -> list[str]:
    """``text`` cut where a line may break: between phrases that join two CJK characters.

    Joining the result gives ``text`` back.  Languages without a segmenter get one piece.
    """
    parse = segmenter(bcp47)
    if parse is None or not text:
        return [text] if text else []
    out: list[str] = []
    for piece in parse(text):
        if out and is_cjk(out[-1][-1:]) and is_cjk(piece[:1]):
            out.append(piece)
        elif out:
            out[-1] += piece
        else:
            out.append(piece)
    return out


def phrase_html(markup: Markup | str, bcp47: str) -> Markup:
    """HTML with ``<wbr>`` between phrases in its text (tags left as they are)."""
    source = str(markup)
    if segmenter(bcp47) is None or not _CJK.search(source):
        return Markup(source)
    parts = _TAG.split(source)
    stack: list[bool] = []  # one per open element: is it English?
    out: list[str] = []
    for part in parts:
        if part.startswith("</"):
            if stack:
                stack.pop()
            out.append(part)
            continue
        if part.startswith("<"):
            name = re.match(r"<([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() not in _VOID and not part.endswith("/>"):
                # English shown inside a translated headline keeps its own breaking rules.
                stack.append('lang="en"' in part)
            out.append(part)
            continue
        if any(stack) or not part:
            out.append(part)
            continue
        pieces = phrases(html.unescape(part), bcp47)
        out.append("<wbr>".join(str(escape(p)) for p in pieces))
    return Markup("".join(out))


def mark_headings(body: Markup | str, bcp47: str) -> Markup:
    """:func:`phrase_html` applied to the content of every ``<h1>``…``<h6>`` of ``body``."""
    source = str(body)
    if segmenter(bcp47) is None:
        return Markup(source)

    def one(match: re.Match[str]) -> str:
        opening, _, content, closing = match.groups()
        if 'lang="en"' in opening:
            return match.group(0)
        return opening + str(phrase_html(content, bcp47)) + closing

    return Markup(_HEADING.sub(one, source))
