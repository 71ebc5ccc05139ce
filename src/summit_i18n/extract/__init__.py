"""Extraction: source documents and templates → one .pot template per domain.

Principles: each Markdown document under ``source/`` is its own domain, named
by its slug (front-matter ``slug``, or its path below ``source/`` with ``/``
turned into ``-``), so every page can be published per language on its own;
template UI strings form the ``site`` domain.  Identical English within one
domain is one message with several ``#:`` references, as xgettext does.
Extraction is deterministic: when nothing but the creation date would change,
the .pot is not written at all (same bytes, same mtime), so ``make`` and git see
no churn.  A .pot whose document has gone is kept and reported as orphaned —
it is the basis of existing translations and only a person should delete it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from summit_i18n import workspace
from summit_i18n._display import excerpt, visible
from summit_i18n._gc import gc_paused
from summit_i18n.config import Project
from summit_i18n.errors import SourceError
from summit_i18n.fsutil import read_regular
from summit_i18n.site_templates import effective_templates
from summit_i18n.sources import find_documents, skipped_warnings

if TYPE_CHECKING:  # markdown-it, PyYAML, Jinja2, Babel, the model, the writer: to extract
    from summit_i18n.catalog import Catalog, Entry
    from summit_i18n.extract.markdown import Document

__all__ = [
    "SITE_DESCRIPTION_CONTEXT",
    "SITE_DOMAIN",
    "SITE_NAME_CONTEXT",
    "DomainResult",
    "ExtractReport",
    "checked_name",
    "document_domain",
    "document_entries",
    "extract_project",
    "find_documents",
    "pot_header",
    "site_entries",
    "skipped_warnings",
    "slug_problem",
    "template_entries",
]

SITE_DOMAIN = "site"
WRITTEN = "written"
UNCHANGED = "unchanged"
OUT_OF_DATE = "out of date"
ORPHANED = "orphaned"

_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_SLUG_LINE = re.compile(r"^slug\s*:")
_CREATION_DATE = re.compile(rb'^"POT-Creation-Date: ([^"\\]*)\\n"', re.MULTILINE)


@dataclass(frozen=True)
class DomainResult:
    """What extraction did (or, with ``check``, would do) for one domain."""

    domain: str
    pot: str  #: project-relative path of the .pot, e.g. ``locale/site.pot``
    status: str  #: written, unchanged, out of date, or orphaned
    messages: int  #: number of messages (0 for an orphaned template)
    source: str | None  #: the document or templates folder it comes from


@dataclass(frozen=True)
class ExtractReport:
    """The outcome of :func:`extract_project`, one row per domain, sorted."""

    domains: tuple[DomainResult, ...]
    check: bool
    #: ``path: warning: …`` lines: sources that are not regular files, left out
    warnings: tuple[str, ...] = ()

    def out_of_date(self) -> list[DomainResult]:
        return [d for d in self.domains if d.status == OUT_OF_DATE]

    def written(self) -> list[DomainResult]:
        return [d for d in self.domains if d.status == WRITTEN]

    def orphaned(self) -> list[DomainResult]:
        return [d for d in self.domains if d.status == ORPHANED]


@dataclass(frozen=True)
class _Source:
    domain: str
    path: str  #: project-relative, for references and messages
    title: str
    entries: list[Entry]


def extract_project(
    project: Project, *, check: bool = False, now: datetime | None = None
) -> ExtractReport:
    """Write ``locale/<domain>.pot`` for every source document and the templates.

    With ``check`` nothing is written; the report says which templates are out of
    date.  ``now`` fixes the POT-Creation-Date (default: the current time, or
    ``SOURCE_DATE_EPOCH`` when set, for reproducible builds).
    """
    inputs = _Inputs(project)
    unchanged = inputs.unchanged(check)
    if unchanged is not None:
        return unchanged  # every template is what these sources give: nothing parsed
    if check:
        with gc_paused():
            return _run(project, inputs, check=True, now=now)
    with workspace.locked(project), gc_paused():
        return _run(project, _Inputs(project), check=False, now=now)


class _Inputs:
    """What extraction reads, found without reading it, and the state's record of the
    last extraction that left every template as these sources give it (the record
    ``extract``: its inputs are the documents and the page templates, its outputs
    every ``.pot``; the configuration, which gives the site's name and description,
    and the code are part of every record)."""

    KEY = "extract"

    def __init__(self, project: Project) -> None:
        self.project = project
        self.skipped: list[tuple[Path, str]] = []
        self.documents = find_documents(project.source_dir, self.skipped)
        self.templates = effective_templates(project, self.skipped)
        folder = project.locale_dir
        self.pots = sorted(folder.glob("*.pot")) if folder.is_dir() else []
        self.state = workspace.State(project)
        self.paths = [*self.documents, *(t.path for t in self.templates)]

    def unchanged(self, check: bool) -> ExtractReport | None:
        data = self.state.current(self.KEY, inputs=self.paths, outputs=self.pots)
        rows = data.get("rows") if data is not None else None
        if not isinstance(rows, list) or self.state.changed:
            return None
        try:
            results = tuple(DomainResult(str(d), str(pot), UNCHANGED if status == WRITTEN
                                         else str(status), int(n), None if src is None
                                         else str(src)) for d, pot, status, n, src in rows)
        except (TypeError, ValueError):
            return None
        return ExtractReport(results, check, tuple(skipped_warnings(self.project, self.skipped)))

    def remember(self, report: ExtractReport) -> None:
        if any(r.status == OUT_OF_DATE for r in report.domains):
            return
        pots = sorted(self.project.locale_dir.glob("*.pot"))
        rows = [[r.domain, r.pot, r.status, r.messages, r.source] for r in report.domains]
        self.state.record(self.KEY, inputs=self.paths, outputs=pots, data={"rows": rows})
        self.state.save()


def _run(project: Project, inputs: _Inputs, *, check: bool,
         now: datetime | None) -> ExtractReport:
    skipped = inputs.skipped
    sources = _collect(project, inputs)
    stamp = _format_date(now or _default_now())
    results = [_emit(project, source, check=check, stamp=stamp) for source in sources]
    known = {s.domain for s in sources}
    for pot in inputs.pots:
        if pot.stem not in known:
            results.append(DomainResult(pot.stem, _rel(project, pot), ORPHANED, 0, None))
    report = ExtractReport(tuple(sorted(results, key=lambda r: r.domain)), check,
                           tuple(skipped_warnings(project, skipped)))
    if not check:
        inputs.remember(report)
    return report


def _collect(project: Project, inputs: _Inputs) -> list[_Source]:
    sources: list[_Source] = []
    owners: dict[str, str] = {}
    for file in inputs.documents:
        rel = checked_name(_rel(project, file))
        text = _read(file, rel)
        from summit_i18n.extract.markdown import parse_document

        doc = parse_document(text, path=rel, inline=False)
        domain = document_domain(doc, text, file, project.source_dir, rel)
        if domain.casefold() in owners:  # "About" and "about" are one file on some disks
            raise SourceError(rel, _slug_line(text), f"domain {domain!r} is also the domain of "
                              f"{owners[domain.casefold()]}: give one of them another slug")
        owners[domain.casefold()] = rel
        title = doc.front_matter.get("title")
        sources.append(_Source(domain, rel, title if isinstance(title, str) else domain,
                               document_entries(doc, path=rel)))
    # the project's templates/ over the built-in ones, as build reads them
    templates = inputs.templates
    if templates:
        rel_dir = project.config.templates_dir.rstrip("/") + "/"
        entries = template_entries((t.path, checked_name(t.shown)) for t in templates)
        entries += site_entries(project)
        sources.append(_Source(SITE_DOMAIN, rel_dir, "User-interface strings", entries))
    return sources


# controls, line and paragraph separators, bidi overrides, undecodable bytes (surrogates)
_BAD_NAME_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def checked_name(rel: str) -> str:
    """``rel``, a source's project-relative name, unless it holds a line break or another
    control character: written into ``#:`` references, messages and pages it would
    split a line or act on a terminal (the name is shown escaped in the error)."""
    if _BAD_NAME_RE.search(rel):
        raise SourceError(visible(rel, lines=False), None, "the file name holds a line "
                          "break or another control character: rename the file")
    return rel


def _read(file: Path, rel: str) -> str:
    try:
        data = read_regular(file)
    except OSError as exc:
        raise SourceError(rel, None, f"cannot read ({exc.strerror})") from None
    from summit_i18n.extract.markdown import decode_source

    return decode_source(data, path=rel)


def document_domain(doc: Document, text: str, file: Path, source_dir: Path, rel: str) -> str:
    """The domain (and site slug) of a source document: its front-matter slug or its path."""
    slug = doc.front_matter.get("slug")
    if slug is None:  # from the file name: held to the same rules
        name = "-".join(file.relative_to(source_dir).with_suffix("").parts)
        problem = slug_problem(name)
        if problem is not None:
            raise SourceError(rel, None, f"the file name gives the slug {excerpt(name)}, which "
                              f"{problem}: rename the file or give it a 'slug:'")
        return name
    problem = slug_problem(slug)
    if problem is not None or not isinstance(slug, str):
        raise SourceError(rel, _slug_line(text), f"slug {excerpt(slug)} {problem}")
    return slug


#: the longest slug: it names catalog files and site folders (file names stop at 255 bytes)
MAX_SLUG_LENGTH = 100


def slug_problem(slug: object) -> str | None:
    """Why ``slug`` cannot name a document's catalogs and pages, or None."""
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        return "must be letters, digits, '.', '_' or '-' (it names the catalog files)"
    if len(slug) > MAX_SLUG_LENGTH:
        return f"is {len(slug):,} characters long (at most {MAX_SLUG_LENGTH})"
    if slug.casefold() == SITE_DOMAIN:
        return "is reserved for the templates' strings"
    return None


def _slug_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if _SLUG_LINE.match(line):
            return number
    return 1


def _rel(project: Project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return path.as_posix()


# -- messages -----------------------------------------------------------------------


def document_entries(doc: Document, *, path: str) -> list[Entry]:
    """One entry per distinct msgid of a document, in first-occurrence order."""
    from summit_i18n.catalog import Entry

    by_msgid: dict[str, Entry] = {}
    for segment in doc.segments:
        entry = by_msgid.get(segment.msgid)
        reference = f"{path}:{segment.line}"
        if entry is None:
            by_msgid[segment.msgid] = Entry(msgid=segment.msgid, references=(reference,),
                                            extracted_comments=tuple(segment.notes))
            continue
        # a line holds several identical table cells at most; its reference is listed once
        if entry.references[-1] != reference:
            entry.references += (reference,)
        if segment.notes:
            _add_notes(entry, segment.notes)
    return list(by_msgid.values())


def template_entries(templates: Iterable[tuple[Path, str]]) -> list[Entry]:
    """Entries of the ``site`` domain from (file, project-relative path) pairs."""
    from summit_i18n.catalog import Entry

    by_key: dict[tuple[str | None, str], Entry] = {}
    for file, rel in templates:
        from summit_i18n.extract.templates import extract_template

        for msg in extract_template(file, path=rel):
            key = (msg.msgctxt, msg.msgid)
            entry = by_key.get(key)
            if entry is None:
                entry = by_key[key] = Entry(msgid=msg.msgid, msgctxt=msg.msgctxt)
            if msg.msgid_plural is not None and entry.msgid_plural is None:
                entry.msgid_plural = msg.msgid_plural
                entry.msgstr_plural = {0: "", 1: ""}
            _add_reference(entry, f"{rel}:{msg.line}")
            _add_notes(entry, msg.notes)
            for flag in msg.flags:
                if flag not in entry.flags:
                    entry.flags += (flag,)
    return list(by_key.values())


#: msgctxt of the configuration's translatable values (``site_name``, ``site_description``)
SITE_NAME_CONTEXT = "site name"
SITE_DESCRIPTION_CONTEXT = "site description"


def site_entries(project: Project) -> list[Entry]:
    """The site's name and description from the configuration, for translators."""
    from summit_i18n.catalog import Entry

    where = _rel(project, project.config_path) if project.config_path else "summit-i18n.toml"
    entries = [] if not project.config.site_name else [Entry(
        msgid=project.config.site_name, msgctxt=SITE_NAME_CONTEXT, references=(where,),
        extracted_comments=("The name of the site, at the top of every page and in titles "
                            "and feeds. Use the official name in your language; if there is "
                            "none, leave it untranslated and the English is shown.",))]
    if project.config.site_description:
        entries.append(Entry(
            msgid=project.config.site_description, msgctxt=SITE_DESCRIPTION_CONTEXT,
            references=(where,),
            extracted_comments=("What the site is, in one or two sentences: search engines "
                                "and share previews show it under the site's name.",)))
    return entries


def _add_reference(entry: Entry, reference: str) -> None:
    if reference not in entry.references:
        entry.references += (reference,)


def _add_notes(entry: Entry, notes: Iterable[str]) -> None:
    for note in notes:
        if note not in entry.extracted_comments:
            entry.extracted_comments += (note,)


# -- the .pot file ------------------------------------------------------------------


def pot_header(*, project_name: str, title: str, creation_date: str,
               bugs_to: str = "") -> Entry:
    """The header entry of a template, with xgettext's fields and placeholders.

    There is no Plural-Forms placeholder: ``msgfmt --check`` rejects one, and each
    language's .po gets its real Plural-Forms when it is created.
    """
    from summit_i18n.catalog import Entry

    fields = [
        ("Project-Id-Version", project_name),
        ("Report-Msgid-Bugs-To", bugs_to),
        ("POT-Creation-Date", creation_date),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("Language", ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    return Entry(
        msgid="",
        msgstr="".join(f"{name}: {value}\n" for name, value in fields),
        translator_comments=(
            f"{' '.join(title.split())} — {project_name}.",
            "Copyright (C) YEAR THE PACKAGE'S COPYRIGHT HOLDER",
            f"This file is distributed under the same license as the {project_name} package.",
            "FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.",
            "",
        ),
        flags=("fuzzy",),
    )


def _emit(project: Project, source: _Source, *, check: bool, stamp: str) -> DomainResult:
    from summit_i18n.po import format_po, write_po

    pot = project.pot_path(source.domain)
    width = project.config.wrap_width
    try:
        old = pot.read_bytes()
    except FileNotFoundError:
        old = None
    # Format with the old creation date: if that gives the old bytes, only the
    # date would change, and the file stays as it is.
    old_stamp = _CREATION_DATE.search(old) if old is not None else None
    if old is not None and old_stamp is not None:
        kept = old_stamp.group(1).decode("utf-8", "replace")
        if format_po(_catalog(project, source, kept), width=width) == old:
            return _result(project, source, UNCHANGED)
    if check:
        return _result(project, source, OUT_OF_DATE)
    write_po(_catalog(project, source, stamp), pot, width=width)
    return _result(project, source, WRITTEN)


def _catalog(project: Project, source: _Source, stamp: str) -> Catalog:
    from summit_i18n.catalog import Catalog

    header = pot_header(project_name=project.config.site_name,
                        title=f"{source.title} ({source.path})", creation_date=stamp)
    return Catalog(entries=source.entries, header=header)


def _result(project: Project, source: _Source, status: str) -> DomainResult:
    return DomainResult(source.domain, _rel(project, project.pot_path(source.domain)), status,
                        len(source.entries), source.path)


def _default_now() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now().astimezone()


def _format_date(moment: datetime) -> str:
    """``YYYY-MM-DD HH:MM+ZZZZ`` as xgettext writes POT-Creation-Date."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M%z")
