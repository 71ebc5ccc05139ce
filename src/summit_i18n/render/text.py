"""The plain-text version of an announcement, for mailing lists: wrapped by display width.

Principles: e-mail is read in monospaced fonts where a CJK character takes two
columns, so lines are measured with :func:`wcwidth.wcswidth`, not ``len``.  Latin
text breaks at spaces; CJK text may break between any two characters, except that
a line never starts with closing punctuation (、。」 …) nor ends with opening
punctuation (「（ …) — the basic line-breaking rules (kinsoku) of Japanese and
Chinese; Korean, written with spaces, breaks at spaces.  Links keep their target
after the text, ``text <url>``, since mail readers make URLs clickable.  Only
ordinary spaces and line breaks are break opportunities: the no-break spaces of a
translation (U+00A0, U+202F — French puts them before ``:`` and inside « »)
stay where they are, glued to their neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token
from wcwidth import wcswidth

__all__ = ["WIDTH", "display_width", "render_text", "wrap"]

WIDTH = 72

_NO_START = set(
    "、。，．,.)]）］｝〕〉》」』】〙〗〟’”｠»ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ"
    "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜？！?!‼⁇⁈⁉・:;：；/"
)
_NO_END = set("([（［｛〔〈《「『【〘〖〝‘“｟«")
# Characters a line may break between (CJK ideographs, kana, CJK and full-width
# punctuation).  Hangul is not among them: Korean breaks at spaces, like English.
_BREAKABLE = (
    "\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff00-\uffef"
)
# Breaking white space: Python's \s would also match the no-break spaces.
_SPACE = " \t\n\r\f\v"
_UNIT = re.compile(rf"[{_SPACE}]+|[{_BREAKABLE}]|[^{_SPACE}{_BREAKABLE}]+")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters count two)."""
    width = wcswidth(text)
    return width if width >= 0 else len(text)


def wrap(text: str, width: int = WIDTH, *, indent: str = "", first: str = "") -> list[str]:
    """Wrap one paragraph to ``width`` display columns."""
    units = _units(text)
    lines: list[str] = []
    current = first
    limit = width
    for unit in units:
        if unit[0] in _SPACE:
            if current.strip(_SPACE):
                current += " "
            continue
        candidate = current + unit
        fits = display_width(candidate.rstrip(_SPACE)) <= limit
        breakable = (bool(current.strip(_SPACE)) and unit[0] not in _NO_START
                     and current.rstrip(_SPACE)[-1:] not in _NO_END)
        if fits or not breakable:
            current = candidate
            continue
        lines.append(current.rstrip(_SPACE))
        current = indent + unit
    if current.strip(_SPACE):
        lines.append(current.rstrip(_SPACE))
    return lines or [first.rstrip(_SPACE)]


def _units(text: str) -> list[str]:
    return _UNIT.findall(_join_cjk_lines(text).replace("\n", " "))


def _join_cjk_lines(text: str) -> str:
    """A line break between two CJK characters is no space in the text."""
    return re.sub(rf"(?<=[{_BREAKABLE}])\n(?=[{_BREAKABLE}])", "", text)


def render_text(title: str, meta: Sequence[str], tokens: Sequence[Token], url: str,
                *, width: int = WIDTH) -> str:
    """The whole announcement as text: title, meta lines, body blocks, then the URL."""
    out: list[str] = []
    out += wrap(title, width)
    out.append("=" * min(width, max(display_width(line) for line in out)))
    out.append("")
    for line in meta:
        out += wrap(line, width)
    if meta:
        out.append("")
    out += _blocks(tokens, width)
    out.append(url)
    return "\n".join(out).rstrip("\n") + "\n"


def _blocks(tokens: Sequence[Token], width: int) -> list[str]:
    out: list[str] = []
    bullets: list[str] = []  # one marker per open list
    counters: list[int] = []
    prefix_next: str | None = None
    heading: str | None = None
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            bullets.append("-" if kind == "bullet_list_open" else "1.")
            counters.append(int(token.attrs.get("start", 1) or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            bullets.pop()
            counters.pop()
            if not bullets:
                out.append("")
        elif kind == "list_item_open":
            marker = "-" if bullets[-1] == "-" else f"{counters[-1]}."
            if bullets[-1] != "-":
                counters[-1] += 1
            prefix_next = "  " * (len(bullets) - 1) + marker + " "
        elif kind == "heading_open":
            heading = token.tag
        elif kind == "inline":
            text = _inline_text(token.children or [])
            if heading is not None:
                out += wrap(text, width)
                underline = "-" if heading in ("h2", "h3") else "~"
                out.append(underline * min(width, max(display_width(x) for x in out[-1:]) or 1))
                out.append("")
                heading = None
            elif prefix_next is not None or bullets:
                first = prefix_next if prefix_next is not None else "  " * len(bullets)
                out += wrap(text, width, first=first, indent=" " * display_width(first))
                prefix_next = None
            else:
                out += wrap(text, width)
                out.append("")
        elif kind in ("fence", "code_block"):
            out += ["    " + line for line in token.content.rstrip("\n").split("\n")]
            out.append("")
        elif kind == "hr":
            out += ["-" * 8, ""]
    return out


def _inline_text(children: Sequence[Token]) -> str:
    parts: list[str] = []
    href: str | None = None
    for child in children:
        kind = child.type
        if kind == "text" or kind == "code_inline":
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
        elif kind == "link_close":
            if href and not href.startswith("#"):
                parts.append(f" <{href}>")
            href = None
        elif kind == "image":
            parts.append(child.content or "")
    return "".join(parts)
