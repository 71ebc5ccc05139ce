"""UI strings of Jinja2 templates, through Babel and Jinja's own extractor.

Principles: ``{% trans %}`` compiles to a gettext call, so Jinja's
:func:`jinja2.ext.babel_extract` finds every string in one walk of the template
AST — ``_()``, ``gettext``, ``ngettext`` (plurals), ``pgettext`` (msgctxt),
``{% trans %}…{% pluralize %}…{% endtrans %}`` — and Babel's
:func:`babel.messages.extract.extract` applies the keyword specs.  Jinja's
extractor skips a template it cannot parse unless told otherwise; we pass
``silent=false`` so a broken template is an error with its file and line,
never a silently missing string.  Flags follow Babel's rules (``python-format``
when a message has ``%(name)s``-style placeholders, as ``{% trans %}`` blocks
with variables produce).  Comments ``{# i18n: … #}`` and ``{# Translators: … #}``
on the line of a string or the lines before it become ``#.`` notes, without
the tag (Jinja's extractor drops it).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import PYTHON_FORMAT
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from jinja2 import TemplateSyntaxError
from jinja2.ext import babel_extract

from summit_i18n.errors import SourceError
from summit_i18n.extract.markdown import decode_source
from summit_i18n.fsutil import read_regular
from summit_i18n.site_templates import TEMPLATE_SUFFIXES, find_templates

__all__ = [
    "COMMENT_TAGS",
    "ENVIRONMENT_OPTIONS",
    "TEMPLATE_SUFFIXES",
    "TemplateMessage",
    "extract_template",
    "find_templates",
]

COMMENT_TAGS = ("i18n:", "Translators:")
#: Babel's keyword specs for the functions templates may call.
KEYWORDS = {name: DEFAULT_KEYWORDS[name] for name in
            ("_", "gettext", "ngettext", "pgettext", "npgettext")}
#: Whitespace options of the site's Jinja environment.  ``trim_blocks`` and
#: ``lstrip_blocks`` change the text of a multi-line ``{% trans %}`` block, so the
#: extractor must parse with the options the renderer uses or the msgids differ.
ENVIRONMENT_OPTIONS = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
_JINJA_OPTIONS = {"silent": "false", **{k: str(v).lower() for k, v in ENVIRONMENT_OPTIONS.items()}}


@dataclass(frozen=True)
class TemplateMessage:
    """One string found in a template."""

    msgid: str
    line: int
    msgid_plural: str | None = None
    msgctxt: str | None = None
    notes: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


def extract_template(file: Path, *, path: str) -> list[TemplateMessage]:
    """The translatable strings of one template, in file order.

    ``path`` is the project-relative name used in references and errors.
    """
    try:
        data = read_regular(file)
    except OSError as exc:
        raise SourceError(path, None, f"cannot read ({exc.strerror})") from None
    text = decode_source(data, path=path)  # reports bad bytes with their line
    return list(_extract_text(text, path=path))


def _extract_text(text: str, *, path: str) -> Iterator[TemplateMessage]:
    fileobj = io.BytesIO(text.encode("utf-8"))
    method = _checked_extractor(path)
    try:
        results = list(extract(method, fileobj, keywords=KEYWORDS,
                               comment_tags=COMMENT_TAGS, options=_JINJA_OPTIONS))
    except TemplateSyntaxError as exc:
        raise SourceError(path, exc.lineno, " ".join(str(exc.message).split())) from None
    for lineno, message, comments, context in results:
        msgid, plural = (message, None) if isinstance(message, str) else message[:2]
        ids = [msgid] if plural is None else [msgid, plural]
        flags = ("python-format",) if any(PYTHON_FORMAT.search(i) for i in ids) else ()
        yield TemplateMessage(msgid, lineno, plural, context, _notes(comments), flags)


def _checked_extractor(path: str) -> Any:
    """Jinja's extractor, refusing an empty msgid (gettext("") returns the header)."""

    def method(fileobj: Any, keywords: Sequence[str], comment_tags: Sequence[str],
               options: dict[str, Any]) -> Iterator[tuple[int, str, Any, list[str]]]:
        for lineno, funcname, messages, comments in babel_extract(
                fileobj, keywords, comment_tags, options):
            strings = messages if isinstance(messages, tuple) else (messages,)
            first = 1 if funcname in {"pgettext", "npgettext"} else 0
            if len(strings) > first and strings[first] == "":
                raise SourceError(path, lineno, f'{funcname}("") has an empty msgid, which '
                                  "gettext reserves for the catalog header")
            yield lineno, funcname, messages, comments

    return method


def _notes(comments: Sequence[str]) -> tuple[str, ...]:
    notes = []
    for comment in comments:
        text = " ".join(comment.split())
        if text[:5].lower() == "i18n:":
            text = text[5:].strip()
        if text:
            notes.append(text)
    return tuple(notes)
