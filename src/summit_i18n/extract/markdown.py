"""Markdown documents with YAML front matter, cut into translatable segments.

Principles: one message per block — heading, paragraph, list-item paragraph,
table cell, block-quote paragraph — plus the translatable front-matter values
(:data:`TRANSLATABLE_KEYS`).  The msgid is the block's inline source text as
markdown-it-py reads it, so inline Markdown (``**bold**``, ``[text](url)``,
`` `code` ``, ``![alt](src)``, ``[text][ref]``) stays as the author wrote it and
the translator sees exactly what the page renders.  Soft line breaks are
insignificant in Markdown, so a paragraph wrapped over several lines becomes one
line (each line break and the next line's indentation become one space); a hard
break (two trailing spaces or a backslash) is kept as written, with its
newline.  Code blocks, raw HTML blocks and other front-matter keys are never
extracted.  An ``<!-- i18n: text -->`` comment gives translators a note on the
next block and ``<!-- i18n: skip -->`` leaves the next block out; when that
block is a container (list, block quote, table), the marker covers every
segment inside it.

The site renderer uses the same :func:`parse_document`: each segment knows the
index of the ``inline`` token it came from, so the page is rendered from the
very tokens the catalog was extracted from.  Token line maps are relative to
the Markdown body; add :attr:`Document.body_line_offset` for file lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from summit_i18n._display import excerpt
from summit_i18n.errors import SourceError

__all__ = [
    "TRANSLATABLE_KEYS",
    "Document",
    "Segment",
    "decode_source",
    "make_parser",
    "parse_document",
]

#: Front-matter keys whose values (a string, or a list of strings) are translated.
TRANSLATABLE_KEYS = frozenset({"title", "summary", "description", "subtitle"})

_FENCE = re.compile(r"^---[ \t]*$")
_FENCE_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
_DIRECTIVE = re.compile(r"\A\s*<!--\s*i18n:(.*?)-->\s*\Z", re.DOTALL | re.IGNORECASE)
# A line ending that is a hard break: an odd run of backslashes, or 2+ spaces.
_HARD_BREAK = re.compile(r"(?:(?<!\\)(?:\\\\)*\\|  +)\Z")

# Inline token kinds by the block that opens them; containers decide paragraphs.
_CELL_OPEN = {"th_open", "td_open"}


@dataclass(frozen=True)
class Segment:
    """One translatable message of a document, in document order."""

    msgid: str
    line: int  #: 1-based line in the file (front matter included)
    kind: str  #: heading, paragraph, list_item, table_cell, blockquote or front_matter
    #: index in :attr:`Document.tokens` of the ``inline`` token whose source text is
    #: the msgid; None for front matter
    token_index: int | None = None
    front_matter_key: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A parsed source document: front matter, body tokens, and segments."""

    front_matter: Mapping[str, object]
    tokens: Sequence[Token]
    segments: Sequence[Segment]
    #: lines taken by the front matter (0 without); token maps + this = file lines
    body_line_offset: int
    #: markdown-it's environment after parsing (link reference definitions), which
    #: the renderer needs to render a translation that uses ``[text][ref]``
    env: Mapping[str, Any] = field(default_factory=dict)


def make_parser() -> MarkdownIt:
    """The configured parser: CommonMark plus tables, raw HTML allowed (trusted English)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def decode_source(data: bytes, *, path: str) -> str:
    """Decode a UTF-8 source file (a BOM is dropped); bad bytes are a SourceError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {column})"
        ) from None
    eot = text.find("\x04")
    if eot >= 0:
        # gettext separates a message's context from its msgid with this character:
        # no catalog can hold it (msgfmt refuses it), so it cannot be translated
        raise SourceError(path, text.count("\n", 0, eot) + 1,
                          "control character U+0004 (EOT) in the text: gettext catalogs "
                          "cannot hold it; remove it")
    return text


def parse_document(text: str, *, path: str, inline: bool = True) -> Document:
    """Parse Markdown text (with optional YAML front matter) into a :class:`Document`.

    ``path`` is the project-relative path used in error messages.  With
    ``inline=False`` the inline tokens get no children: extraction needs only
    their source text, and skipping inline parsing halves its time.
    """
    # markdown-it counts lines this way too, so front-matter offsets agree with its maps
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front_text, offset, body = _split_front_matter(text, path=path)
    front_matter: Mapping[str, object] = {}
    segments: list[Segment] = []
    if front_text is not None:
        front_matter, fm_segments = _parse_front_matter(front_text, path=path)
        segments.extend(fm_segments)
    env: dict[str, Any] = {}
    parser = make_parser()
    if not inline:
        parser.disable("inline")  # the core rule that fills inline tokens' children
    tokens = parser.parse(body, env)
    segments.extend(_block_segments(tokens, offset))
    return Document(front_matter, tokens, segments, offset, env)


# -- front matter ---------------------------------------------------------------


def _split_front_matter(text: str, *, path: str) -> tuple[str | None, int, str]:
    """Return (front matter YAML or None, number of lines it takes, the body)."""
    first_end = text.find("\n") + 1
    if not first_end or not _FENCE.match(text[: first_end - 1]):
        return None, 0, text
    start, number = first_end, 1
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        number += 1
        if _FENCE_END.match(text[start:end].rstrip("\n")):
            return text[first_end:start], number, text[end:]
        start = end
    raise SourceError(path, 1, "front matter is not closed (no '---' line after the first)")


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, with an impossible date as a located YAML error."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:  # e.g. 2024-13-45: the pattern matched, the calendar did not
            raise yaml.constructor.ConstructorError(
                None, None, f"{excerpt(node.value)} is not a valid date ({exc})", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _parse_front_matter(yaml_text: str, *, path: str) -> tuple[dict[str, object], list[Segment]]:
    try:
        loader = _Loader(yaml_text)
    except yaml.reader.ReaderError as exc:  # a control character, before any parsing
        line = yaml_text.count("\n", 0, exc.position) + 2
        raise SourceError(path, line, "front matter is not valid YAML (control character "
                          f"U+{exc.character:04X} is not allowed)") from None
    try:
        _check_shape(yaml_text, path)
        node = loader.get_single_node()
        if node is not None:
            _check_expansion(node, path)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and mark.line >= yaml_text.count("\n") and exc.context_mark:
            mark = exc.context_mark  # "got <stream end>": point where the construct opened
        line = mark.line + 2 if mark is not None else 1  # +1 for the '---' line
        problem = " ".join(str(exc.problem or exc.context or "syntax error").split())
        if len(problem) > 200:  # PyYAML quotes what it met: a long value stays out
            problem = problem[:200] + "…"
        raise SourceError(path, line, f"front matter is not valid YAML ({problem})") from None
    except yaml.YAMLError as exc:
        raise SourceError(path, 1, f"front matter is not valid YAML ({exc})") from None
    finally:
        loader.dispose()
    if data is None:
        return {}, []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise SourceError(path, 2, "front matter must be a mapping of keys to values")
    segments: list[Segment] = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            continue
        if key in seen:
            raise SourceError(path, key_node.start_mark.line + 2,
                              f"front matter has the key {excerpt(key)} twice")
        seen.add(key)
        if key in TRANSLATABLE_KEYS:
            segments.extend(_front_matter_segments(key, value_node, data.get(key)))
    return data, segments


#: front matter deeper than this (mappings and lists inside each other) is refused
MAX_FRONT_MATTER_DEPTH = 20
#: nor may aliases (``*name``) make it more than this many values once expanded
MAX_FRONT_MATTER_NODES = 10_000


def _check_shape(yaml_text: str, path: str) -> None:
    """Nesting depth, from PyYAML's events (its parser does not recurse; its composer does)."""
    depth = 0
    for event in yaml.parse(yaml_text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_FRONT_MATTER_DEPTH:
                line = event.start_mark.line + 2 if event.start_mark else 1
                raise SourceError(path, line, "front matter is nested "
                                  f"more than {MAX_FRONT_MATTER_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_expansion(root: yaml.Node, path: str) -> None:
    """Refuse aliases that multiply the document ("billion laughs") or refer to
    themselves: values are counted as often as they are referred to, without
    building anything (an iterative walk; shared nodes are counted once each)."""
    sizes: dict[int, int] = {}
    started: set[int] = set()  # the nodes being walked: the path from the root
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if finished:
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > MAX_FRONT_MATTER_NODES:
                raise SourceError(path, node.start_mark.line + 2, "front matter aliases "
                                  f"expand to more than {MAX_FRONT_MATTER_NODES:,} values")
            sizes[id(node)] = total
            started.discard(id(node))
            continue
        if id(node) in sizes:
            continue
        started.add(id(node))
        stack.append((node, True))
        for child in _children(node):
            if id(child) in started:
                raise SourceError(path, child.start_mark.line + 2,
                                  "front matter refers to itself through an alias")
            if id(child) not in sizes:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _front_matter_segments(key: str, node: yaml.Node, value: object) -> Iterator[Segment]:
    if isinstance(value, str) and value.strip():
        yield Segment(value.strip(), node.start_mark.line + 2, "front_matter", None, key)
    elif isinstance(value, list) and isinstance(node, yaml.SequenceNode):
        for item_node, item in zip(node.value, value, strict=True):
            if isinstance(item, str) and item.strip():
                yield Segment(item.strip(), item_node.start_mark.line + 2, "front_matter",
                              None, key)


# -- body -------------------------------------------------------------------------


@dataclass
class _Marker:
    """An i18n directive waiting for, then applying to, the next block at a level."""

    notes: list[str]
    skip: bool
    level: int


def _block_segments(tokens: Sequence[Token], offset: int) -> Iterator[Segment]:
    containers: list[str] = []  # open block types, innermost last
    pending: list[_Marker] = []  # directives waiting for the next block at their level
    active: list[_Marker] = []  # directives covering the blocks now open
    for index, token in enumerate(tokens):
        if token.nesting == -1:
            containers.pop()
            # the covered block ends here; a directive left at the end of a
            # container (nothing after it at its level) applies to nothing
            active[:] = [m for m in active if m.level != token.level]
            pending[:] = [m for m in pending if m.level <= token.level]
            continue
        if token.type == "html_block":
            directive = _DIRECTIVE.match(token.content)
            if directive:
                pending.append(_directive(directive.group(1), token.level))
                continue
        if pending and token.type != "inline":
            attached = [m for m in pending if m.level == token.level]
            if attached:
                pending[:] = [m for m in pending if m.level != token.level]
                if token.nesting == 1:  # a leaf block (code, hr, html) just consumes them
                    active.extend(attached)
        if token.nesting == 1:
            containers.append(token.type)
            continue
        if token.type != "inline" or token.map is None:
            continue
        kind = _kind(containers)
        msgid = _join_lines(token.content)
        if kind is None or not msgid or any(m.skip for m in active):
            continue
        notes = tuple(note for m in active for note in m.notes)
        yield Segment(msgid, token.map[0] + 1 + offset, kind, index, None, notes)


def _directive(text: str, level: int) -> _Marker:
    note = " ".join(text.split())
    if note.lower() == "skip":
        return _Marker([], True, level)
    return _Marker([note] if note else [], False, level)


def _kind(containers: list[str]) -> str | None:
    """The segment kind of an inline token, from the blocks that enclose it."""
    if not containers:
        return None
    block = containers[-1]
    if block == "heading_open":
        return "heading"
    if block in _CELL_OPEN:
        return "table_cell"
    if block != "paragraph_open":
        return None
    for outer in reversed(containers[:-1]):
        if outer == "list_item_open":
            return "list_item"
        if outer == "blockquote_open":
            return "blockquote"
    return "paragraph"


def _join_lines(content: str) -> str:
    """Unwrap soft line breaks into single spaces; keep hard breaks as written."""
    if "\n" not in content:
        return content.strip()
    lines = content.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1]
        if _HARD_BREAK.search(previous):
            out.append("\n" + line.lstrip(" \t"))
        else:
            out[-1] = previous.rstrip(" \t")
            out.append(" " + line.lstrip(" \t"))
    return "".join(out).strip()
