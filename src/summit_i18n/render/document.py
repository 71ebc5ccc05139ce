"""One source document rendered in one language: each segment swapped for its translation.

Principles: the page is rendered from the very markdown-it tokens the catalog was
extracted from (:func:`summit_i18n.extract.markdown.parse_document`), so every
block is replaced by the translation of exactly the msgid it produced, and
structure (headings, lists, tables, code) always comes from the English.  A
translation is untrusted input: it is parsed as inline Markdown with raw HTML off,
may use only the kinds of markup its English uses, and every link or image in it
must point where one of the English ones does (and every English link must be
there).  A translation that breaks a rule
is not shown: the English is, in an element with ``lang="en"``, and the problem is
reported with the catalog's ``path:line``.  Front-matter values are plain text.
Headings are renumbered so that the document's top level is ``<h2>``, under the
page's ``<h1>`` (the title), and never skip a level; a line break between two CJK
characters of a translation is dropped, since browsers would show it as a space.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from summit_i18n._display import excerpt
from summit_i18n.catalog import Catalog, Entry
from summit_i18n.compile import select_messages
from summit_i18n.extract.markdown import Document, make_parser
from summit_i18n.limits import DEFAULT_LENGTH_BOUND, LengthBound
from summit_i18n.render.typography import is_cjk

__all__ = ["RenderedDocument", "Translation", "Warning", "render_document", "translations_of"]

# The kinds of inline markup a translation may use, if its English uses them too.
_MARKUP_TYPES = frozenset({
    "em_open", "em_close", "strong_open", "strong_close", "link_open", "link_close",
    "code_inline", "image", "s_open", "s_close",
})
_PLAIN_TYPES = frozenset({"text", "softbreak", "hardbreak"})
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file)\s*:", re.IGNORECASE)
_DIRECTIVE = re.compile(r"\A\s*<!--\s*i18n:", re.IGNORECASE)


@dataclass(frozen=True)
class Translation:
    """A publishable translation of one msgid, and where it was read."""

    text: str
    draft: bool
    path: str
    line: int


@dataclass(frozen=True)
class Warning:
    """A translation that was not used, with the catalog location to fix."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"


@dataclass
class RenderedDocument:
    """A document in one language: HTML for the page, text for feeds and mail."""

    title_html: Markup
    title_text: str
    summary_html: Markup
    summary_text: str
    body_html: Markup
    #: the token stream actually rendered (translations swapped in), for the text version
    tokens: list[Token]
    segments: int = 0  #: translatable segments
    translated: int = 0  #: segments shown translated (reviewed or draft)
    drafts: int = 0  #: of which drafts
    fallback: bool = False  #: some segment is shown in English
    warnings: list[Warning] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.translated / self.segments if self.segments else 1.0


def translations_of(catalog: Catalog, *, use_fuzzy: bool, path: str,
                    length: LengthBound = DEFAULT_LENGTH_BOUND,
                    warnings: list[str] | None = None) -> dict[str, Translation]:
    """The publishable singular translations of a document catalog, by msgid.

    A translation longer than ``length`` allows is left out (the English is shown),
    with a ``path:line: warning:`` appended to ``warnings``.
    """
    kept, _ = select_messages(catalog, use_fuzzy=use_fuzzy)
    found: dict[str, Translation] = {}
    for entry in kept:
        if entry.is_header or entry.is_plural or entry.msgctxt is not None:
            continue
        reason = length.exceeded(entry.msgid, entry.msgstr)
        if reason is not None:
            if warnings is not None:
                line = entry.msgstr_lineno or entry.lineno
                warnings.append(f"{path}:{line}: warning: {reason} (the English is shown)")
            continue
        found[entry.msgid] = _translation(entry, path)
    return found


def _translation(entry: Entry, path: str) -> Translation:
    return Translation(entry.msgstr, entry.fuzzy, path, entry.msgstr_lineno or entry.lineno)


_TRANSLATION_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")


def render_document(
    doc: Document, translations: Mapping[str, Translation] | None
) -> RenderedDocument:
    """Render ``doc`` with ``translations`` (None: the English original)."""
    english = translations is None
    table: Mapping[str, Translation] = translations or {}
    tokens = [t for t in doc.tokens if not (t.type == "html_block" and _DIRECTIVE.match(t.content))]
    index_of = {id(t): i for i, t in enumerate(tokens)}
    result = RenderedDocument(Markup(""), "", Markup(""), "", Markup(""), tokens)
    fm_html: dict[str, Markup] = {}
    fm_text: dict[str, str] = {}
    for segment in doc.segments:
        result.segments += 1
        found = table.get(segment.msgid)
        if segment.token_index is None:
            key = segment.front_matter_key or ""
            if found is not None and found.text.strip():
                result.translated += 1
                result.drafts += found.draft
                fm_text.setdefault(key, found.text)
                fm_html.setdefault(key, Markup(escape(found.text)))
            else:
                result.fallback |= not english
                fm_text.setdefault(key, segment.msgid)
                fm_html.setdefault(key, _english_span(segment.msgid, english))
            continue
        original = doc.tokens[segment.token_index]
        position = index_of.get(id(original))
        if position is None:
            continue
        if found is None:
            if not english:
                result.fallback = True
                _mark_english(tokens, position)
            continue
        children, problem = _translated_children(original, found.text, doc.env)
        if problem is not None:
            result.warnings.append(Warning(found.path, found.line, problem))
            result.fallback = True
            _mark_english(tokens, position)
            continue
        tokens[position] = original.copy(children=children)
        result.translated += 1
        result.drafts += found.draft
    _renumber_headings(tokens)
    renderer = make_parser()
    result.body_html = Markup(renderer.renderer.render(tokens, renderer.options, dict(doc.env)))
    result.title_html = fm_html.get("title", Markup(""))
    result.title_text = fm_text.get("title", "")
    result.summary_html = fm_html.get("summary", Markup(""))
    result.summary_text = fm_text.get("summary", "")
    return result


def _renumber_headings(tokens: list[Token]) -> None:
    """Top heading level → h2, each deeper level one more, in place (tokens are copied)."""
    levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    if not levels:
        return
    new_level = {old: min(2 + i, 6) for i, old in enumerate(levels)}
    for i, token in enumerate(tokens):
        if token.type in ("heading_open", "heading_close"):
            tokens[i] = token.copy(tag=f"h{new_level[int(token.tag[1])]}")


def _join_cjk_lines(children: list[Token]) -> list[Token]:
    """Drop a soft line break between two CJK characters (it would render as a space)."""
    out = list(children)
    for i, child in enumerate(out):
        if child.type != "softbreak" or not 0 < i < len(out) - 1:
            continue
        before, after = out[i - 1], out[i + 1]
        if (before.type == "text" and after.type == "text"
                and is_cjk(before.content[-1:]) and is_cjk(after.content[:1])):
            out[i] = child.copy(type="text", content="", tag="")
    return out


def _english_span(text: str, english: bool) -> Markup:
    if english:
        return Markup(escape(text))
    return Markup('<span lang="en">%s</span>') % text


def _mark_english(tokens: list[Token], position: int) -> None:
    """Put ``lang="en"`` on the element that holds the inline token at ``position``."""
    depth = 0
    for i in range(position - 1, -1, -1):
        token = tokens[i]
        if token.nesting == -1:
            depth += 1
        elif token.nesting == 1:
            if depth:
                depth -= 1
                continue
            if token.hidden:  # the <p> of a tight list item is not printed: use the <li>
                continue
            attrs = dict(token.attrs)
            attrs["lang"] = "en"
            tokens[i] = token.copy(attrs=attrs)
            return


def _translated_children(
    original: Token, text: str, env: Mapping[str, Any]
) -> tuple[list[Token], str | None]:
    """Parse a translation as inline Markdown and hold it to the English's markup."""
    if not text.strip():
        return [], "empty translation"
    parsed = _TRANSLATION_PARSER.parseInline(text, dict(env))
    children = list(parsed[0].children or []) if parsed else []
    allowed_types, hrefs, srcs = _markup_of(original.children or [])
    for child in _walk(children):
        if child.type in _PLAIN_TYPES:
            continue
        if child.type not in _MARKUP_TYPES or child.type not in allowed_types:
            return [], f"the translation uses markup the English does not ({child.type})"
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if href not in hrefs or _BAD_SCHEME.match(href):
                return [], f"the translation links to {excerpt(href)}, which the English does not"
        if child.type == "image":
            src = str(child.attrs.get("src", ""))
            if src not in srcs or _BAD_SCHEME.match(src):
                return [], (f"the translation shows the image {excerpt(src)}, "
                            "which the English does not")
        extra = set(child.attrs) - {"href", "src", "alt", "title"}
        if extra:
            return [], f"the translation adds attributes {sorted(extra)}"
    _, own_hrefs, own_srcs = _markup_of(children)
    missing = sorted((hrefs - own_hrefs) | (srcs - own_srcs))
    if missing:
        # A dropped link is often a mangled one (markdown-it leaves an unsafe
        # target as text): either way the reader would lose it.
        return [], f"the translation lacks the English link {excerpt(missing[0])}"
    return _join_cjk_lines(children), None


def _markup_of(children: Sequence[Token]) -> tuple[set[str], set[str], set[str]]:
    types: set[str] = set()
    hrefs: set[str] = set()
    srcs: set[str] = set()
    for child in _walk(list(children)):
        types.add(child.type)
        if child.type == "link_open":
            hrefs.add(str(child.attrs.get("href", "")))
        elif child.type == "image":
            srcs.add(str(child.attrs.get("src", "")))
    return types, hrefs, srcs


def _walk(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        if token.children:
            out.extend(_walk(token.children))
    return out
