"""Header checks: Plural-Forms parsed with a grammar, plural form counts, Language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from summit_i18n.checks._core import ERROR, WARNING, Context, normalize_language, register
from summit_i18n.plurals import PluralFormsError, excerpt, parse_plural_forms

if TYPE_CHECKING:
    from summit_i18n.catalog import Catalog, Entry


def _header_line(catalog: Catalog) -> int:
    header = catalog.header
    return (header.msgstr_lineno or header.lineno or 1) if header else 1


@register("header", ERROR, scope="catalog")
def check_header(catalog: Catalog, ctx: Context) -> Iterator[tuple[int, str]]:
    """Plural-Forms present when needed and valid (parsed by a grammar, never eval)."""
    line = _header_line(catalog)
    value = catalog.header_value("Plural-Forms")
    has_plurals = any(e.is_plural for e in catalog.active_entries())
    if value is None:
        if has_plurals:
            yield line, "plural entries but no Plural-Forms in the header"
        return
    try:
        forms = parse_plural_forms(value)
    except PluralFormsError as exc:
        yield line, f"Plural-Forms {excerpt(value)} is not valid: {exc.message}"
        return
    for problem in forms.problems():
        yield line, f"Plural-Forms {excerpt(value)}: {problem}"


@register("header-language", WARNING, scope="catalog")
def check_header_language(catalog: Catalog, ctx: Context) -> Iterator[tuple[int, str]]:
    """Language header present and matching the catalog's folder."""
    line = _header_line(catalog)
    value = catalog.header_value("Language")
    if not value:
        yield line, "the header has no Language field"
    elif ctx.expected_lang and normalize_language(value) != normalize_language(ctx.expected_lang):
        yield line, f"the header says Language: {value}, the catalog is in {ctx.expected_lang}"


@register("plurals", ERROR, scope="entry")
def check_plural_count(entry: Entry, ctx: Context) -> Iterator[str]:
    """As many plural forms as the header's nplurals."""
    if not entry.is_plural or ctx.nplurals is None:
        return
    count = len(entry.msgstr_plural)
    if count != ctx.nplurals:
        yield (f"{count} plural form{'s' * (count != 1)}, "
               f"the header's Plural-Forms says {ctx.nplurals}")
