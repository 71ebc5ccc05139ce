"""Markup checks: Markdown links, images, references and code spans; emphasis; HTML."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator

from summit_i18n.checks._core import ERROR, WARNING, Context, register
from summit_i18n.checks._text import (
    ATTR_RE,
    BRACKETED,
    CODE_SPAN_RE,
    INLINE_LINK_RE,
    TAG_RE,
    URL_RE,
    code_span_keys,
    dangerous_url,
    mask,
)

_INLINE_LINK_RE = INLINE_LINK_RE
_REF_LINK_RE = re.compile(r"(!?)" + BRACKETED + r"\[([^\[\]\n]*)\]")
_REF_DEF_RE = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:\s*(\S+)", re.M)
# "] (" is not a link in CommonMark; full-width brackets are never one.
_BROKEN_LINK_RE = re.compile(
    r"\][ \t\u00a0\u3000]+\((?=[^)\s]*[/.#:][^)\s]*\))|\]（|］[(（]|［[^］\]\n]*[\]］][(（]"
)


def _links(text: str) -> Counter[str]:
    keys: Counter[str] = Counter()
    if "[" not in text:
        return keys
    for m in _INLINE_LINK_RE.finditer(text):
        target = m.group(3).strip("<>")
        keys[f"{'image' if m.group(1) else 'link'} target {target!r}"] += 1
    for m in _REF_LINK_RE.finditer(text):
        label = m.group(3) or m.group(2)
        keys[f"reference [{' '.join(label.lower().split())}]"] += 1
    for m in _REF_DEF_RE.finditer(text):
        keys[f"definition [{m.group(1).lower()}]: {m.group(2)}"] += 1
    return keys


def _diff(want: Counter[str], have: Counter[str], what: str) -> Iterator[str]:
    for key in want:
        if have[key] < want[key]:
            yield f"{what}{key} is missing from the translation or changed"
    for key in have:
        if have[key] > want[key]:
            yield f"{what}{key} is not in the English"


@register("markdown", ERROR)
def check_markdown(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Markdown link and image targets, reference labels and code spans as in the English."""
    if "[" in english or "[" in translation or "［" in translation:
        yield from _diff(_links(english), _links(translation), "")
        if _INLINE_LINK_RE.search(english) or _REF_LINK_RE.search(english):
            broken = _BROKEN_LINK_RE.search(translation)
            if broken:
                yield (f"link broken by {broken.group(0)!r}: Markdown links need ASCII "
                       "'[text](target)' with nothing between ']' and '('")
        for m in _INLINE_LINK_RE.finditer(translation):
            if dangerous_url(m.group(3).strip("<>")):
                yield f"link target {m.group(3)!r} runs script or embeds data"
    if "`" in english or "`" in translation:
        want = Counter(code_span_keys(english))
        have = Counter(code_span_keys(translation))
        if want != have:
            # Code whose text is still there with other markup (``x`` for *x*) is kept.
            for key in want:
                if have[key] < want[key] and key not in translation:
                    yield f"code span `{key}` is missing from the translation or changed"
            for key in have:
                if have[key] > want[key] and key not in english:
                    yield f"code span `{key}` is not in the English"


_EMPHASIS_MARKERS = (("**", re.compile(r"\*\*")), ("__", re.compile(r"(?<!\w)__|__(?!\w)")),
                     ("*", re.compile(r"(?<![*\s\\])\*(?!\*)|(?<![*\\])\*(?![*\s])")))
_BULLET_RE = re.compile(r"^[ \t]*\*[ \t]", re.M)


@register("emphasis", WARNING)
def check_emphasis(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """Emphasis markers (*, **, __) balanced and as many as in the English."""
    n_star = translation.count("*")
    if n_star == english.count("*") and translation.count("__") == english.count("__") \
            and n_star % 2 == 0:
        return  # the same markers (the common case): nothing to compare
    plain_en = _BULLET_RE.sub(" ", mask(english, (CODE_SPAN_RE, URL_RE, TAG_RE)))
    plain_tr = _BULLET_RE.sub(" ", mask(translation, (CODE_SPAN_RE, URL_RE, TAG_RE)))
    for marker, pattern in _EMPHASIS_MARKERS:
        if marker == "*":  # single stars once the double ones are gone
            plain_en, plain_tr = plain_en.replace("**", ""), plain_tr.replace("**", "")
        n_en = len(pattern.findall(plain_en))
        n_tr = len(pattern.findall(plain_tr))
        if n_en == n_tr:
            continue
        if n_tr % 2:
            yield f"unbalanced {marker!r}: the translation has {n_tr}, the English {n_en}"
        else:
            yield f"the English has {n_en} {marker!r} emphasis markers, the translation {n_tr}"


# Attributes whose values are text for readers, translated with the rest.
_PROSE_ATTRS = frozenset({"title", "alt", "aria-label", "aria-description", "placeholder",
                          "label", "summary", "its:locnote"})


def _tags(text: str) -> Counter[str]:
    keys: Counter[str] = Counter()
    for m in TAG_RE.finditer(text):
        closing, name, attrs, selfclose = m.groups()
        parts = [("/" if closing else "") + name.lower()]
        for a in sorted(ATTR_RE.finditer(attrs), key=lambda a: a.group(1).lower()):
            attr = a.group(1).lower()
            value = html.unescape((a.group(2) or "").strip("\"'"))
            parts.append(attr if attr in _PROSE_ATTRS else f'{attr}="{value}"')
        keys["<" + " ".join(parts) + ("/" if selfclose else "") + ">"] += 1
    return keys


@register("html", ERROR)
def check_html(english: str, translation: str, ctx: Context) -> Iterator[str]:
    """HTML tags and attributes as in the English; no event handlers or script URLs."""
    if "<" not in translation and "<" not in english:
        return
    if "`" in english or "`" in translation:  # markup inside code is shown as text
        english, translation = CODE_SPAN_RE.sub(" ", english), CODE_SPAN_RE.sub(" ", translation)
    want, have = _tags(english), _tags(translation)
    if want != have:
        yield from _diff(want, have, "tag ")
    for m in TAG_RE.finditer(translation):
        for a in ATTR_RE.finditer(m.group(3)):
            attr = a.group(1).lower()
            value = (a.group(2) or "").strip("\"'")
            if attr.startswith("on"):
                yield f"event handler attribute {attr!r} in <{m.group(2)}>"
            elif value and dangerous_url(value):
                yield f"attribute {attr}={value!r} runs script or embeds data"
