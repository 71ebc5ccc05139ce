"""Where each language stands: reviewed, machine drafts, stale, untranslated, check errors.

Principles: the counts are msgfmt's (``msgfmt --statistics``), split further by
the states of DESIGN.md §4, so a number here can always be verified with GNU
gettext: translated = reviewed, fuzzy = machine drafts + stale, untranslated.
An entry counts as untranslated when its (first) msgstr is empty, fuzzy or not,
as msgfmt counts it.  Header and obsolete entries are never counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summit_i18n import workspace
from summit_i18n.config import Config
from summit_i18n.errors import UsageError
from summit_i18n.fsutil import irregular
from summit_i18n.provenance import draft_state

if TYPE_CHECKING:  # the checks, the glossary (PyYAML) and the reader: when a row is counted
    from summit_i18n.catalog import Catalog, Entry
    from summit_i18n.config import Project
    from summit_i18n.glossary import Glossary

#: ``locale/glossary.yaml`` (:data:`summit_i18n.glossary.GLOSSARY_FILE`; not imported:
#: an unchanged project's status needs neither the glossary nor the checks)
GLOSSARY_FILE = "glossary.yaml"

__all__ = [
    "StatusRow", "catalog_status", "entry_state", "file_status", "project_status", "total_row",
]

_WORD_RE = re.compile(r"\w+")


def entry_state(entry: Entry) -> str:
    """``reviewed``, ``machine``, ``stale``, ``draft`` or ``untranslated`` (DESIGN.md §4)."""
    if not entry.first_form:  # msgfmt's rule (Entry.state)
        return "untranslated"
    if not entry.fuzzy:
        return "reviewed"
    if entry.previous_msgid is not None or draft_state(entry) == "stale":
        return "stale"  # reviewed, or machine-drafted, for English that has changed since
    return "machine" if entry.machine_provenance() is not None else "draft"


@dataclass
class StatusRow:
    """One language × domain: msgfmt's counts and their split by state."""

    language: str
    domain: str
    path: str
    total: int = 0
    translated: int = 0  #: = reviewed (msgfmt's "translated messages")
    fuzzy: int = 0  #: = machine + stale + other drafts (msgfmt's "fuzzy translations")
    untranslated: int = 0
    machine: int = 0
    stale: int = 0
    words: int = 0  #: English words in all messages
    words_reviewed: int = 0
    errors: int = 0  #: check findings of severity error
    exists: bool = True  #: False when the .po does not exist yet (counts from the .pot)

    @property
    def reviewed(self) -> int:
        return self.translated

    @property
    def drafts(self) -> int:
        return self.fuzzy

    @property
    def percent(self) -> float:
        """Percent of messages reviewed (100 for an empty catalog)."""
        return round(100.0 * self.translated / self.total, 1) if self.total else 100.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(reviewed=self.reviewed, percent=self.percent)
        return data


def total_row(rows: Iterable[StatusRow]) -> StatusRow:
    """The sums of ``rows`` (every count; the percent follows from them)."""
    total = StatusRow(language="total", domain="", path="")
    for row in rows:
        for name in ("total", "translated", "fuzzy", "untranslated", "machine", "stale", "words",
                     "words_reviewed", "errors"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return total


def catalog_status(
    catalog: Catalog, *, language: str, domain: str, path: str,
    glossary: Glossary | None = None, run_checks: bool = True,
) -> StatusRow:
    """Count the entries of one catalog by state (and its check errors)."""
    row = StatusRow(language=language, domain=domain, path=path)
    for entry in catalog.entries:
        if entry.obsolete or entry.is_header:
            continue
        row.total += 1
        words = len(_WORD_RE.findall(entry.msgid))
        row.words += words
        state = entry_state(entry)
        if state == "untranslated":
            row.untranslated += 1
        elif state == "reviewed":
            row.translated += 1
            row.words_reviewed += words
        else:
            row.fuzzy += 1
            if state == "machine":
                row.machine += 1
            elif state == "stale":
                row.stale += 1
    if run_checks:
        from summit_i18n.checks import ERROR, check_catalog

        findings = check_catalog(catalog, path=path, expected_lang=language, glossary=glossary)
        row.errors = sum(1 for f in findings if f.severity == ERROR)
    return row


def project_status(project: Project, languages: list[str] | None = None) -> list[StatusRow]:
    """One row per language × domain of the project (a missing .po counts as untranslated).

    A row is a function of its catalog (or template), the glossary, the configuration
    and this code: the workspace's state remembers it, so an unchanged catalog is not
    read again.  The state is saved only when no other run holds the project lock
    (``status`` never waits for one).
    """
    state = workspace.State(project)
    glossary_file = project.locale_dir / GLOSSARY_FILE
    glossary: Glossary | None = None
    rows: list[StatusRow] = []
    for cat in workspace.catalogs(project, project.languages(languages)):
        shown = project.relative(cat.po)
        exists = cat.pot is None or irregular(cat.po) != "missing"  # a FIFO: an error later
        source = cat.po if exists or cat.pot is None else cat.pot
        key = f"status {cat.locale}/{cat.domain}"
        inputs = [source, glossary_file]
        known = state.current(key, inputs=inputs, options={"exists": exists})
        if known is not None:
            try:
                rows.append(StatusRow(**known["row"]))
                continue
            except (KeyError, TypeError):
                pass  # a record from another version: counted again
        catalog = workspace.read_catalog(project, source, keep_source=False)
        if exists:
            if glossary is None:
                from summit_i18n.glossary import project_glossary

                glossary = project_glossary(project)
            row = catalog_status(catalog, language=cat.locale, domain=cat.domain, path=shown,
                                 glossary=glossary)
        else:
            row = catalog_status(catalog, language=cat.locale, domain=cat.domain, path=shown,
                                 run_checks=False)
            row.exists = False
        state.record(key, inputs=inputs, options={"exists": exists}, data={"row": asdict(row)})
        rows.append(row)
    if not rows:
        raise UsageError(f"error: no catalogs and no templates in "
                         f"{project.relative(project.locale_dir)}/ (run `summit-i18n extract` "
                         "first)")
    state.save(wait=False)
    return rows


def file_status(path: Path) -> StatusRow:
    """The row of a .po file given on its own (language from its header or name)."""
    from summit_i18n.checks import catalog_language
    from summit_i18n.po import read_po

    catalog = read_po(path, max_bytes=Config.max_catalog_mb * 2**20, keep_source=False)
    lang = catalog_language(catalog, path) or "?"
    return catalog_status(catalog, language=lang, domain=path.stem, path=str(path))
