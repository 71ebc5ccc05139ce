"""Run the registered checks over a catalog and collect findings."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from summit_i18n import workspace
from summit_i18n.checks._core import (
    REGISTRY,
    SEVERITY_RANK,
    Check,
    Context,
    Finding,
    normalize_language,
)
from summit_i18n.config import Config
from summit_i18n.errors import SourceError
from summit_i18n.fsutil import irregular
from summit_i18n.limits import DEFAULT_LENGTH_BOUND, LengthBound
from summit_i18n.plurals import PluralForms, PluralFormsError, parse_plural_forms
from summit_i18n.po import read_po

if TYPE_CHECKING:
    from summit_i18n.catalog import Catalog, Entry
    from summit_i18n.config import Project
    from summit_i18n.glossary import Glossary

__all__ = [
    "CheckReport",
    "catalog_language",
    "check_catalog",
    "check_files",
    "check_project",
    "suppressed_checks",
]

# GNOME's and KDE's conventional msgids whose "translation" lists the translators.
_CREDITS = frozenset({"translator-credits", "translator_credits", "Your names", "Your emails"})
_FILE_LANG_RE = re.compile(r"^([a-z]{2,3}(?:[_-](?:[A-Z][a-z]{3}|[A-Z]{2}))*)(?=[_.-]|$)")


def catalog_language(catalog: Catalog, path: Path | str) -> str | None:
    """The language of a catalog: its Language header, its folder, or its file name.

    ``locale/fr/LC_MESSAGES/x.po`` is French; a file named ``ko_python-docs.po``
    without a Language header is taken as Korean.  Codes are normalised
    (``zh_CN`` -> ``zh_Hans``, ``ko_KR`` -> ``ko``).
    """
    value = catalog.language
    if value:
        return normalize_language(value)
    p = Path(path)
    if p.parent.name == "LC_MESSAGES":
        return normalize_language(p.parent.parent.name)
    m = _FILE_LANG_RE.match(p.name)
    return normalize_language(m.group(1)) if m else None


def suppressed_checks(entry: Entry) -> set[str]:
    """Check ids switched off for an entry by flags such as ``#, no-numbers-check``."""
    return {f[3:-6] for f in entry.flags if f.startswith("no-") and f.endswith("-check")}


def _plural_forms(catalog: Catalog) -> PluralForms | None:
    value = catalog.header_value("Plural-Forms")
    if not value:
        return None
    try:
        return parse_plural_forms(value)
    except PluralFormsError:
        return None


def _forms(
    entry: Entry, often: list[bool] | None
) -> Iterator[tuple[str, str, str, str | None, bool]]:
    """(label, English, translation, alternate English, lenient) for each non-empty form."""
    if entry.msgid_plural is None:
        if entry.msgstr:
            yield "", entry.msgid, entry.msgstr, None, False
        return
    for index in sorted(entry.msgstr_plural):
        text = entry.msgstr_plural[index]
        if not text:
            continue
        rare = index == 0 if often is None else index < len(often) and not often[index]
        if rare:  # a form for few values of n (French n = 0, 1): may follow either English
            yield f"msgstr[{index}]: ", entry.msgid, text, entry.msgid_plural, True
        else:
            yield f"msgstr[{index}]: ", entry.msgid_plural, text, None, False


def check_catalog(
    catalog: Catalog,
    *,
    path: Path | str,
    lang: str | None = None,
    expected_lang: str | None = None,
    glossary: Glossary | None = None,
    disabled: Collection[str] = (),
    checks: Collection[Check] | None = None,
    length: LengthBound = DEFAULT_LENGTH_BOUND,
) -> list[Finding]:
    """Every finding of the enabled checks in ``catalog``, in file order.

    ``lang`` defaults to :func:`catalog_language`; ``expected_lang`` is the
    locale a project keeps the file under.  Translated and fuzzy entries are
    checked; untranslated and obsolete ones are not.
    """
    path = str(path)
    selected = [c for c in (checks if checks is not None else REGISTRY.values())
                if c.id not in disabled]
    plural = _plural_forms(catalog)
    base = Context(
        lang=lang or expected_lang or catalog_language(catalog, path),
        glossary=glossary,
        nplurals=catalog.nplurals,
        plural=plural,
        expected_lang=expected_lang,
        length=length,
    )
    findings: list[Finding] = []
    for check in selected:
        if check.scope == "catalog":
            for line, message in check.func(catalog, base):
                findings.append(Finding(path, line, check.severity, check.id, message))
    often = plural.often() if plural is not None else None
    text_checks = [c for c in selected if c.scope == "text"]
    entry_checks = [c for c in selected if c.scope == "entry"]
    for entry in catalog.entries:
        if entry.obsolete or entry.is_header or not entry.has_any_translation():
            continue
        if entry.msgid in _CREDITS:  # names and addresses of translators, not a translation
            continue
        off = suppressed_checks(entry) if entry.flags else set()
        ctx = replace(base, flags=tuple(entry.flags)) if entry.flags else base
        found: list[tuple[Check, str]] = []
        for check in entry_checks:
            if check.id not in off:
                found.extend((check, m) for m in check.func(entry, ctx))
        for label, english, translation, alternate, lenient in _forms(entry, often):
            form_ctx = replace(ctx, alternate=alternate, lenient=True) if lenient else ctx
            for check in text_checks:
                if check.id not in off:
                    found.extend((check, label + m)
                                 for m in check.func(english, translation, form_ctx))
        if found:
            findings.extend(_finding(path, entry, check, message) for check, message in found)
    findings.sort(key=lambda f: f.line)
    return findings


def _finding(path: str, entry: Entry, check: Check, message: str) -> Finding:
    translation = entry.msgstr if entry.msgid_plural is None else "\n".join(entry.translations())
    return Finding(
        path=path,
        line=entry.msgstr_lineno or entry.lineno,
        severity=check.severity,
        check=check.id,
        message=message,
        reference=entry.references[0] if entry.references else "",
        msgid=entry.msgid,
        msgstr=translation,
        msgctxt=entry.msgctxt,
        fuzzy=entry.fuzzy,
    )


@dataclass
class CheckReport:
    """The findings of one ``check`` run, and the files that could not be read."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unreadable: list[SourceError] = field(default_factory=list)
    #: one line per catalog checked without a template (``path: warning: no template …``)
    warnings: list[str] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def reaches(self, severity: str) -> bool:
        """True when a finding is at least as severe as ``severity``."""
        rank = SEVERITY_RANK[severity]
        return any(SEVERITY_RANK[f.severity] >= rank for f in self.findings)


def check_files(paths: Iterable[Path], *, disabled: Collection[str] = ()) -> CheckReport:
    """Check .po files given on their own (no project: no glossary, language from the file)."""
    report = CheckReport()
    for path in paths:
        try:
            catalog = read_po(path, max_bytes=Config.max_catalog_mb * 2**20,
                              keep_source=False)
        except SourceError as exc:
            report.unreadable.append(exc)
            continue
        report.files.append(str(path))
        report.findings.extend(check_catalog(catalog, path=path, disabled=disabled))
    return report


def check_project(project: Project, languages: list[str] | None = None) -> CheckReport:
    """Check every catalog of ``project`` (or of the ``languages`` given)."""
    from summit_i18n.glossary import project_glossary

    glossary = project_glossary(project)
    report = CheckReport()
    for cat in workspace.catalogs(project, project.languages(languages), existing=True):
        shown = project.relative(cat.po)
        if cat.pot is None:
            report.warnings.append(workspace.no_template_warning(project, cat))
        what = irregular(cat.po)
        if what is not None:  # a FIFO is never opened: reading one would block
            report.unreadable.append(SourceError(
                shown, None, f"cannot read catalog: it is {what}, not a regular file"))
            continue
        try:
            catalog = workspace.read_catalog(project, cat.po, keep_source=False)
        except SourceError as exc:
            report.unreadable.append(exc)
            continue
        report.files.append(shown)
        report.findings.extend(check_catalog(
            catalog, path=shown, expected_lang=cat.locale, glossary=glossary,
            disabled=project.config.checks.disable,
            length=project.config.checks.length_bound))
    return report
