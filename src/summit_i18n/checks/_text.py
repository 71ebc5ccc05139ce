"""Text helpers the checks share: finding code spans, links, tags and URLs, and masking them."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

__all__ = [
    "BRACKETED",
    "CODE_SPAN_RE",
    "EMAIL_RE",
    "INLINE_LINK_RE",
    "TAG_RE",
    "URL_RE",
    "code_span_keys",
    "dangerous_url",
    "mask",
    "urls",
]

#: CommonMark code spans (a backtick run closed by a run of the same length);
#: RST ``literal`` and :role:`text` take the same shape.
CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_ROLE_BEFORE_RE = re.compile(r":([\w:+-]+):$")
# Roles whose text is prose for translators (GUI labels, definitions, menus).
_PROSE_ROLES = frozenset({"guilabel", "dfn", "menuselection", "abbr", "title-reference",
                          "emphasis", "strong", "sup", "sub"})
_TEX_QUOTE_RE = re.compile(r"`([^`'\n]{1,80})'(?=[\s.,;:!?)]|$)")
_SAMP_VAR_RE = re.compile(r"\{([^{}]*)\}")
_TARGET_RE = re.compile(r"<([^<>\s][^<>]*)>\s*$")

#: A Markdown link or image label, one level of nested brackets allowed.
BRACKETED = r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
#: An inline Markdown link or image: groups (!, label, target).
INLINE_LINK_RE = re.compile(
    r"(!?)" + BRACKETED + r"\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)

URL_RE = re.compile(
    r"(?:(?:https?|ftp)://|www\.|mailto:)[^\s<>\"'`)\]）」』】、。，；]+", re.IGNORECASE
)
EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_URL_TRAIL = ".,;:!?*_'\""

TAG_RE = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9:-]*)"
    r"((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*(/?)>"
)
ATTR_RE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")


def code_span_keys(text: str) -> list[str]:
    """What must stay the same of each code span: its text, or its ``<target>`` (RST).

    Spans of prose roles (``:guilabel:`…```) yield nothing; an RST reference
    (```text <target>`_``, ```name`_``) yields its target name; ``:samp:`` braces
    and the ``!``/``~`` prefixes of roles are dropped.  TeX-style quotes
    (```name'``, common in program messages) are not code spans.
    """
    keys: list[str] = []
    if "`" not in text:
        return keys
    text = _TEX_QUOTE_RE.sub(r"\1", text)
    for m in CODE_SPAN_RE.finditer(text):
        content = m.group(2)
        role = _ROLE_BEFORE_RE.search(text, 0, m.start())
        role_name = role.group(1).split(":")[-1] if role else ""
        if role_name in _PROSE_ROLES:
            continue
        target = _TARGET_RE.search(content)
        if target:
            name = target.group(1).strip()
            keys.append(name[:-1] if name.endswith("_") and not name.endswith("__") else name)
            continue
        if role:
            content = content.lstrip("!~")
            if role_name == "samp":
                content = _SAMP_VAR_RE.sub(r"\1", content)
        keys.append(" ".join(content.split()))
    return keys


def urls(text: str) -> list[str]:
    """URLs and e-mail addresses in ``text`` (trailing punctuation left out)."""
    found: list[str] = []
    if "://" in text or "www." in text or "mailto:" in text:
        for m in URL_RE.finditer(text):
            url = m.group(0).rstrip(_URL_TRAIL)
            if url.count("(") < url.count(")"):
                url = url.rstrip(")")
            found.append(url)
    if "@" in text:
        masked = URL_RE.sub(" ", text)
        found.extend(m.group(0).rstrip(".") for m in EMAIL_RE.finditer(masked))
    return found


def dangerous_url(value: str) -> bool:
    """True for a ``javascript:``, ``vbscript:`` or ``data:`` URL, however it is disguised."""
    decoded = html.unescape(html.unescape(value))
    squeezed = "".join(ch for ch in decoded if ch > " " and ch not in "\u00a0\u200b\ufeff")
    return squeezed.casefold().startswith(("javascript:", "vbscript:", "data:"))


def mask(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """Replace every match of ``patterns`` with a space (so positions no longer matter)."""
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text
