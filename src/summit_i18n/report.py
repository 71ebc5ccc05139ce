"""One self-contained HTML page on the state of every translation.

Principles: the page is data rendered by a Jinja2 template shipped in the
package (``report_template.html``) with autoescape on, so every text from a
catalog — translations are untrusted input — reaches the page escaped.  It
needs nothing from the network: CSS and the filtering script are inline, so
the file works from ``file://`` and from a CI artifact; a Content-Security-Policy
forbids loading anything else.  Building the data and rendering it are separate
functions; only :func:`write_report` touches the disk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from summit_i18n import workspace
from summit_i18n.checks import check_catalog
from summit_i18n.fsutil import atomic_write_text, irregular
from summit_i18n.glossary import Glossary, Rendering, project_glossary
from summit_i18n.status import StatusRow, catalog_status, entry_state

if TYPE_CHECKING:
    from summit_i18n.catalog import Catalog
    from summit_i18n.checks import Finding
    from summit_i18n.config import Project

__all__ = ["GlossaryRow", "LanguageSummary", "ReportData", "ReportItem", "build_report",
           "glossary_rows", "render_report", "write_report"]

TEMPLATE = "report_template.html"


@dataclass
class ReportItem:
    """An entry needing attention: English, translation, findings."""

    language: str
    domain: str
    path: str
    line: int
    reference: str
    state: str
    english: str
    translation: str
    findings: list[tuple[str, str, str]] = field(default_factory=list)  #: severity, id, message

    @property
    def checks(self) -> list[str]:
        return sorted({check for _, check, _ in self.findings})


@dataclass
class LanguageSummary:
    """A language's totals over all documents, for its progress bar."""

    code: str
    name: str
    total: int = 0
    reviewed: int = 0
    machine: int = 0
    stale: int = 0
    other_drafts: int = 0
    untranslated: int = 0
    errors: int = 0

    def share(self, count: int) -> float:
        """``count`` as a percentage of the total, for bar widths."""
        return round(100.0 * count / self.total, 2) if self.total else 0.0

    @property
    def percent(self) -> float:
        return round(100.0 * self.reviewed / self.total, 1) if self.total else 100.0


@dataclass(frozen=True)
class GlossaryRow:
    """A glossary term with its rendering in each of the project's languages."""

    english: str
    note: str
    renderings: list[Rendering]  #: the project's languages that have one, in their order


@dataclass
class ReportData:
    project_name: str
    generated: str
    languages: list[LanguageSummary]
    documents: dict[str, list[StatusRow]]
    items: list[ReportItem]
    glossary: list[GlossaryRow] = field(default_factory=list)

    @property
    def checks(self) -> list[str]:
        return sorted({c for item in self.items for c in item.checks})


def build_report(project: Project, *, now: dt.datetime | None = None) -> ReportData:
    """Gather status rows, findings and every entry that needs attention."""
    now = now or dt.datetime.now(dt.UTC)
    glossary = project_glossary(project)
    languages: list[LanguageSummary] = []
    found = workspace.catalogs(project)
    documents: dict[str, list[StatusRow]] = {c.domain: [] for c in
                                              sorted(found, key=lambda c: c.domain)}
    items: list[ReportItem] = []
    for lang in project.languages():
        summary = LanguageSummary(lang.locale, lang.native_name)
        for cat in (c for c in found if c.locale == lang.locale):
            domain = cat.domain
            shown = project.relative(cat.po)
            exists = cat.pot is None or irregular(cat.po) != "missing"
            source = cat.pot if not exists and cat.pot is not None else cat.po
            catalog = workspace.read_catalog(project, source, keep_source=False)
            row = catalog_status(catalog, language=lang.locale, domain=domain, path=shown,
                                 glossary=glossary, run_checks=False)
            findings = check_catalog(catalog, path=shown, expected_lang=lang.locale,
                                     glossary=glossary,
                                     disabled=project.config.checks.disable) if exists else []
            row.errors = sum(1 for f in findings if f.severity == "error")
            row.exists = exists
            documents[domain].append(row)
            _add(summary, row)
            items.extend(_items(catalog, findings, lang.locale, domain, shown))
        languages.append(summary)
    return ReportData(project.config.site_name, now.strftime("%Y-%m-%d %H:%M UTC"),
                      languages, documents, items,
                      glossary_rows(glossary, [lang.locale for lang in project.languages()]))


def glossary_rows(glossary: Glossary, languages: list[str]) -> list[GlossaryRow]:
    """Each term of ``glossary`` in file order, with its rendering, status and source in
    each of ``languages``: what a reviewer follows to check a name."""
    rows: list[GlossaryRow] = []
    for term in glossary.terms:
        found = [r for r in (term.entry(lang) for lang in languages) if r is not None]
        rows.append(GlossaryRow(term.english, term.note, found))
    return rows


def _add(summary: LanguageSummary, row: StatusRow) -> None:
    summary.total += row.total
    summary.reviewed += row.translated
    summary.machine += row.machine
    summary.stale += row.stale
    summary.other_drafts += row.fuzzy - row.machine - row.stale
    summary.untranslated += row.untranslated
    summary.errors += row.errors


def _items(catalog: Catalog, findings: list[Finding], lang: str, domain: str,
           shown: str) -> list[ReportItem]:
    by_line: dict[int, list[tuple[str, str, str]]] = {}
    for f in findings:
        by_line.setdefault(f.line, []).append((f.severity, f.check, f.message))
    result: list[ReportItem] = []
    for entry in catalog.entries:
        if entry.obsolete or entry.is_header:
            continue
        state = entry_state(entry)
        line = entry.msgstr_lineno or entry.lineno
        found = by_line.pop(line, [])
        if state == "reviewed" and not found:
            continue
        english = entry.msgid if entry.msgid_plural is None else \
            f"{entry.msgid}\n{entry.msgid_plural}"
        result.append(ReportItem(lang, domain, shown, line,
                                 entry.references[0] if entry.references else "", state,
                                 english, "\n".join(entry.translations()), found))
    # findings not tied to an entry (the header)
    for line, found in sorted(by_line.items()):
        result.insert(0, ReportItem(lang, domain, shown, line, "", "header", "", "", found))
    return result


def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def render_report(data: ReportData) -> str:
    """The HTML page for ``data`` (every value escaped)."""
    source = resources.files("summit_i18n").joinpath(TEMPLATE).read_text(encoding="utf-8")
    return _environment().from_string(source).render(report=data)


def write_report(project: Project, path: Path, *, now: dt.datetime | None = None) -> ReportData:
    """Build and write the report to ``path`` atomically; return its data."""
    data = build_report(project, now=now)
    page = render_report(data)
    # bytes a catalog's comments kept undecoded (lone surrogates) show as \udcff escapes
    atomic_write_text(path, page.encode("utf-8", "backslashreplace").decode("utf-8"))
    return data
