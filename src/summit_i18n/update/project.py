"""``update`` on a project: every template merged into each language's catalog.

Principles: read → :func:`~summit_i18n.update.merging.merge` → write, under the
project lock, leaving files whose bytes would not change untouched.  A catalog whose
template, bytes and options are those of a merge that changed nothing is not even
parsed again: the workspace's state (:class:`summit_i18n.workspace.State`) says so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from summit_i18n import fsutil, workspace
from summit_i18n._gc import gc_paused
from summit_i18n.config import Language, Project
from summit_i18n.errors import UsageError

if TYPE_CHECKING:  # the model, the merge and its fuzzy search: imported when a catalog is merged
    from summit_i18n.catalog import Catalog
    from summit_i18n.update.merging import MergeResult

__all__ = ["CatalogUpdate", "UpdateReport", "convert_charset", "update_project"]


@dataclass
class CatalogUpdate:
    """What ``update`` did (or would do, with ``check``) to one catalog."""

    domain: str
    language: str
    path: Path
    status: str  #: "created", "updated" or "unchanged"
    #: the merge; None when the catalog was known to be up to date and not even read
    result: MergeResult | None

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


@dataclass
class UpdateReport:
    """Every catalog ``update`` looked at, in domain then language order."""

    catalogs: list[CatalogUpdate] = field(default_factory=list)
    #: ``path:line: warning: …`` lines (a catalog's unusable Plural-Forms header)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[CatalogUpdate]:
        return [c for c in self.catalogs if c.changed]


def update_project(
    project: Project,
    *,
    languages: list[str] | None = None,
    fuzzy_matching: bool = True,
    check: bool = False,
    now: datetime | None = None,
    charset: str | None = None,
) -> UpdateReport:
    """Merge every template (``locale/*.pot``) into each language's catalog.

    Writes ``locale/<lang>/LC_MESSAGES/<domain>.po`` atomically under the project
    lock, leaving files whose bytes would not change untouched.  With ``check``,
    writes nothing and reports which catalogs would change.  With ``charset``,
    every catalog is written in that encoding, its header saying so.
    """
    if charset is not None:
        _check_charset(charset)
    langs = project.languages(languages)
    domains = project.domains()
    if not domains:
        raise UsageError(
            f"error: no templates in {project.relative(project.locale_dir)}/ "
            "(run `summit-i18n extract` first)"
        )
    if charset is None:
        unchanged = _all_unchanged(project, domains, langs, fuzzy_matching=fuzzy_matching)
        if unchanged is not None:
            return unchanged  # every merge would change nothing: no lock, nothing read
    if check:
        return _update(project, domains, langs, fuzzy_matching=fuzzy_matching, check=True, now=now,
                       charset=charset)
    with workspace.locked(project):
        return _update(project, domains, langs, fuzzy_matching=fuzzy_matching, check=False,
                       now=now, charset=charset)


def _check_charset(charset: str) -> None:
    try:
        codecs.lookup(charset)
    except LookupError:
        raise UsageError(f"error: --charset: unknown encoding {charset!r}") from None
    from summit_i18n import po  # the reader: only when there is something to read

    problem = po.charset_problem(charset)
    if problem is not None:
        raise UsageError(f"error: --charset: {problem}")


_CONTENT_TYPE_CHARSET_RE = re.compile(r"(Content-Type:[^\n]*?charset=)([^\s;]+)", re.IGNORECASE)


def convert_charset(catalog: Catalog, charset: str) -> None:
    """Have ``catalog`` written in ``charset``; its header's Content-Type says so.

    Unchanged entries keep their text (only its encoding changes); the header is
    the one entry whose text changes, so it is formatted anew.
    """
    if catalog.charset == charset:
        return
    catalog.charset = charset
    header = catalog.header
    if header is None:
        return
    if _CONTENT_TYPE_CHARSET_RE.search(header.msgstr):
        header.msgstr = _CONTENT_TYPE_CHARSET_RE.sub(
            lambda m: m.group(1) + charset, header.msgstr, count=1)
    else:
        header.msgstr += f"Content-Type: text/plain; charset={charset}\n"


def _update(
    project: Project,
    domains: list[str],
    langs: list[Language],
    *,
    fuzzy_matching: bool,
    check: bool,
    now: datetime | None,
    charset: str | None = None,
) -> UpdateReport:
    from summit_i18n import po  # the reader and the merge: only when there is work
    from summit_i18n.update.merging import merge

    report = UpdateReport()
    report.warnings += workspace.no_template_warnings(project, langs)
    width = project.config.wrap_width
    max_bytes = project.max_catalog_bytes
    state = workspace.State(project)
    for domain in domains:
        pot = project.pot_path(domain)
        template: Catalog | None = None
        for lang in langs:
            path = project.po_path(lang.locale, domain)
            exists = path.exists()
            key, options = _record(lang, domain, fuzzy_matching=fuzzy_matching, width=width)
            if exists and charset is None and state.current(key, inputs=[pot, path],
                                                            options=options) is not None:
                report.catalogs.append(CatalogUpdate(domain, lang.locale, path, "unchanged",
                                                     None))
                continue
            box: list[bytes] = [po.read_bytes(path, max_bytes=max_bytes)] if exists else []
            with gc_paused():
                # box.pop(): no other reference, so the bytes are freed once decoded
                old = po.parse_po(box.pop(), path=str(path)) if exists else None
                if old is not None:
                    _warn_plural_header(project, old, lang, report.warnings)
                if template is None:
                    # Memory: read after the catalog (usually the larger file), so only
                    # the template's text is held beside both catalogs while it is parsed.
                    template = po.parse_po(po.read_bytes(pot, max_bytes=max_bytes),
                                           path=str(pot), keep_source=False)
                    if old is not None:
                        _share_equal_values(template, old)
                result = merge(template, old, language=lang, fuzzy_matching=fuzzy_matching,
                               now=now)
                if charset is not None:
                    convert_charset(result.catalog, charset)
                if check:
                    changed = not fsutil.has_chunks(path, po.iter_po_bytes(result.catalog,
                                                                           width=width))
                else:
                    changed = po.write_po(result.catalog, path, width=width)
            if exists and not changed and charset is None:
                state.record(key, inputs=[pot, path], options=options)
            else:
                state.forget(key)
            status = "unchanged" if not changed else "updated" if exists else "created"
            report.catalogs.append(CatalogUpdate(domain, lang.locale, path, status, result))
    if not check:
        state.save()
    return report


def _record(lang: Language, domain: str, *, fuzzy_matching: bool,
            width: int) -> tuple[str, dict[str, object]]:
    """The key and options of a catalog's record in the workspace state.

    A merge is a function of the template, the catalog, the language and the options:
    when the last merge of these changed nothing, this one would not.
    """
    options: dict[str, object] = {"plural_forms": lang.plural_forms,
                                  "fuzzy_matching": fuzzy_matching, "width": width}
    return f"update {lang.locale}/{domain}", options


def _all_unchanged(project: Project, domains: list[str], langs: list[Language], *,
                   fuzzy_matching: bool) -> UpdateReport | None:
    """The report of an update that changes nothing, when the state shows that of
    every catalog (and has nothing new to remember), else None.  Read without the
    lock, as :func:`summit_i18n.compile.compile_project` reads it."""
    state = workspace.State(project)
    report = UpdateReport()
    report.warnings += workspace.no_template_warnings(project, langs)
    width = project.config.wrap_width
    for domain in domains:
        pot = project.pot_path(domain)
        for lang in langs:
            path = project.po_path(lang.locale, domain)
            key, options = _record(lang, domain, fuzzy_matching=fuzzy_matching, width=width)
            if not path.exists() or state.current(key, inputs=[pot, path],
                                                  options=options) is None:
                return None
            report.catalogs.append(CatalogUpdate(domain, lang.locale, path, "unchanged", None))
    return None if state.changed else report


def _warn_plural_header(project: Project, old: Catalog, lang: Language,
                        warnings: list[str]) -> None:
    from summit_i18n.plurals import header_problem

    problem = header_problem(old.header_value("Plural-Forms"))
    if problem is None:
        return
    header = old.header
    line = (header.msgstr_lineno or header.lineno or 1) if header else 1
    where = project.relative(Path(old.path)) if old.path else lang.locale
    warnings.append(f"{where}:{line}: warning: {problem} (kept as it is; plural messages get "
                    f"{lang.nplurals} forms, as {lang.locale} has)")


def _share_equal_values(template: Catalog, old: Catalog) -> None:
    """Have the template's entries use the old catalog's strings and tuples where they
    are equal (the same English, the same references): one copy of each in memory
    instead of two.  Only objects are swapped for equal ones: nothing changes."""
    from summit_i18n.update.merging import lookup_key

    known = {lookup_key(e): e for e in old.entries}
    for t in template.entries:
        o = known.get(lookup_key(t))
        if o is None:
            continue
        t.msgid = o.msgid
        if t.msgctxt is not None:
            t.msgctxt = o.msgctxt
        if t.references == o.references:
            t.references = o.references
        if t.extracted_comments == o.extracted_comments:
            t.extracted_comments = o.extracted_comments
