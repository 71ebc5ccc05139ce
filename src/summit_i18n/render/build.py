"""``build``: the site from the sources and the catalogs, or nothing when it is current.

Principles: ``build`` reads the English sources and the catalogs and changes neither.
Output is deterministic — dates come from front matter, else the source's last git
commit, else its mtime; nothing records the build time — so building twice gives the
same bytes, files are written atomically and only when they change, and files of an
earlier build that are no longer produced are removed.  A build whose inputs,
options, configuration and code are what they were when the site now in the output
folder was written does nothing at all: the workspace's state says so
(:class:`summit_i18n.workspace.State`, the record ``build <folder>``), and that answer
needs neither the lock nor the renderer (:mod:`summit_i18n.render.site`: Jinja2,
markdown-it, Babel, Pillow), which is imported only when there is something to render.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from summit_i18n import workspace
from summit_i18n.config import Project, check_site_url, normalize_site_url
from summit_i18n.errors import SourceError, UsageError
from summit_i18n.fsutil import atomic_write_bytes
from summit_i18n.site_templates import effective_templates

__all__ = ["NO_SITE_URL", "BuildReport", "build_site"]

#: The one line a build without ``site_url`` prints.
NO_SITE_URL = ("warning: site_url is not set: this is a preview with relative links, without "
               "canonical, hreflang, sitemap, og:url, og:image and share links (set site_url "
               "in the configuration or pass --site-url)")


@dataclass
class BuildReport:
    """What a build did."""

    output_dir: Path
    pages: int = 0  #: HTML pages rendered
    written: int = 0  #: files created or changed
    removed: int = 0  #: files of an earlier build no longer produced
    unchanged_inputs: bool = False  #: nothing changed since the last build: nothing done
    #: per language (BCP 47): published announcements, or None when the language is not published
    languages: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: one line per page and language held back, saying why (``ja: slug: 12 of 18 …``)
    held_back: list[str] = field(default_factory=list)
    cards_drawn: int = 0  #: share cards drawn (the others were unchanged: read back)
    cards_reused: int = 0
    #: the warnings of catalogs refused whole (unreadable, a bad Plural-Forms, not a file)
    refused: list[str] = field(default_factory=list)


def build_site(
    project: Project, *, use_fuzzy: bool | None = None, output_dir: Path | None = None,
    site_url: str | None = None, keep_unless: Collection[str] | None = None,
) -> BuildReport:
    """Render the site into ``output_dir`` (default: the project's ``site/``).

    ``site_url`` overrides the configuration's address (absolute URLs start with it).
    With ``keep_unless`` (the refusals of the site already there), a build that
    would refuse a further catalog writes nothing and raises :class:`SourceError`
    instead: the preview keeps its last good site while a bad save is fixed.
    """
    drafts = project.config.publish_drafts if use_fuzzy is None else use_fuzzy
    if site_url is not None:
        problem = check_site_url(site_url)
        if problem:
            raise UsageError(f"error: --site-url {site_url}: {problem}")
        site_url = normalize_site_url(site_url)
    else:
        site_url = project.config.site_url
    out = output_dir or project.output_dir
    _check_output(project, out, explicit=output_dir is not None)
    report = BuildReport(out)
    if site_url is None:
        report.warnings.append(NO_SITE_URL)
    languages = project.languages()
    files_found, dates = _documents(project, report.warnings)
    # A catalog without a template is rendered like any other (the page shows what
    # the catalog holds); check, status, compile and update say that it has none.
    catalogs = workspace.catalogs(project, languages, existing=True)
    inputs = [*files_found, *(t.path for t in effective_templates(project)),
              *(c.po for c in catalogs)]
    options = {"drafts": drafts, "output": str(out.resolve()), "site_url": site_url,
               "dates": [[project.relative(f), _date_key(f, dates)] for f in files_found]}
    state = workspace.State(project)
    key = f"build {state.name(out)}"
    known = _recorded(state, key, inputs, out, options)
    if known is not None and not state.changed:
        return _unchanged(report, known)  # the site there is current: no lock, no renderer
    with workspace.locked(project):
        state = workspace.State(project)  # read again: another run may have built meanwhile
        known = _recorded(state, key, inputs, out, options)
        if known is not None:
            state.save()  # the same bytes under new mtimes: remembered
            return _unchanged(report, known)
        old_files = _files_of(state.last(key))
        from summit_i18n.render import site  # Jinja2, markdown-it, Babel, Pillow: to render

        sources = site.read_sources(project, files_found, dates)
        files, report = site.render_all(project, sources, languages, drafts, report, site_url)
        if keep_unless is not None:
            new = [w for w in report.refused if w not in keep_unless]
            if new:
                raise SourceError(*_located(new[0]))
        inside = _Inside(out)
        for rel, data in sorted(files.items()):
            if atomic_write_bytes(inside.target(rel), data):
                report.written += 1
        for rel in sorted(set(old_files) - set(files)):
            stale = inside.existing(rel)
            if stale is not None:
                stale.unlink()
                report.removed += 1
                _remove_empty_folders(stale.parent, out)
        names = sorted(files)
        state.record(key, inputs=inputs, outputs=[out / f for f in names], options=options,
                     data={"files": names, "languages": report.languages,
                           "held_back": report.held_back},
                     written={out / f: files[f] for f in names})
        state.save()
    return report


def _files_of(data: Mapping[str, object]) -> list[str]:
    files = data.get("files")
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def _recorded(state: workspace.State, key: str, inputs: list[Path], out: Path,
              options: Mapping[str, object]) -> dict[str, object] | None:
    """What the build that left the site in ``out`` recorded, when these inputs and
    options give that site; else None."""
    old_files = _files_of(state.last(key))
    return state.current(key, inputs=inputs, outputs=[out / f for f in old_files],
                         options=options)


def _unchanged(report: BuildReport, known: Mapping[str, object]) -> BuildReport:
    """The report of a build with nothing to do: what the recorded build published."""
    report.unchanged_inputs = True
    languages, held_back = known.get("languages", {}), known.get("held_back", [])
    report.languages = dict(languages) if isinstance(languages, dict) else {}
    report.held_back = [str(h) for h in held_back] if isinstance(held_back, list) else []
    return report


def _date_key(file: Path, dates: Mapping[Path, dt.datetime]) -> str | int:
    """What a page's date may come from besides its content: the last commit, else the
    file's mtime (front matter is content)."""
    date = dates.get(file.resolve())
    if date is not None:
        return date.isoformat()
    try:
        return file.stat().st_mtime_ns
    except OSError:
        return 0


def _check_output(project: Project, out: Path, *, explicit: bool) -> None:
    """Refuse an output folder that would put the site among the inputs or outside.

    The configured ``output_dir`` is checked when the configuration is read; here
    its real place (after symbolic links) must still be inside the project.  An
    ``-o DIR`` given on the command line may be anywhere but the project root or a
    folder that holds (or lies in) ``source/``, ``templates/`` or ``locale/``.
    """
    root = project.root.resolve()
    real = out.resolve()
    shown = project.relative(out)
    if real == root:
        raise UsageError(f"error: {shown}: the site cannot be written into the project root")
    for folder in (project.source_dir, project.templates_dir, project.locale_dir,
                   project.state_dir):
        inputs = folder.resolve()
        if real == inputs or real.is_relative_to(inputs) or inputs.is_relative_to(real):
            raise UsageError(f"error: {shown}: the site cannot be written there: it is, holds "
                             f"or lies in {project.relative(folder)}/")
    if not explicit and not real.is_relative_to(root):
        raise UsageError(f"error: {shown}: output_dir leads out of the project (to {real}) "
                         "through a symbolic link; remove the link or use -o DIR")
    if out.exists() and not out.is_dir():
        raise UsageError(f"error: {shown}: is a file, not a folder (the site is a folder)")


def _located(warning: str) -> tuple[str, int | None, str]:
    """(path, line, message) of a ``path[:line]: warning: message`` line."""
    where, _, message = warning.partition(": warning: ")
    path, _, line = where.rpartition(":")
    if not line.isdigit():
        return where, None, message + " (the last good site is still served)"
    return path, int(line), message + " (the last good site is still served)"


class _Inside:
    """Paths below the output folder that never lead out of it through a symbolic link.

    A link inside the folder that points elsewhere (left by a person or a tool) is
    replaced, never written through: the build owns the folder, not the link's target.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.real = out.resolve()
        self.checked: set[Path] = set()

    def _leads_out(self, path: Path) -> bool:
        return path.is_symlink() and not path.resolve().is_relative_to(self.real)

    def target(self, rel: str) -> Path:
        """``out/rel``, with any link on the way that leads out of ``out`` removed."""
        path = self.out
        for part in PurePosixPath(rel).parts:
            path = path / part
            if path in self.checked:
                continue
            if self._leads_out(path):
                path.unlink()  # the link itself, inside the output folder
            self.checked.add(path)
        return path

    def existing(self, rel: str) -> Path | None:
        """``out/rel`` to remove: a file (or a link, never its target) inside ``out``."""
        path = self.out / rel
        if not path.parent.resolve().is_relative_to(self.real):
            return None  # below a link that leads out: not ours
        if path.is_symlink() or path.is_file():
            return path
        return None


def _remove_empty_folders(folder: Path, top: Path) -> None:
    """Remove ``folder`` and its parents up to ``top`` while they are empty."""
    top = top.resolve()
    folder = folder.resolve()
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _documents(project: Project,
               warnings: list[str]) -> tuple[list[Path], dict[Path, dt.datetime]]:
    """The source documents (what cannot be read skipped with a warning) and the
    dates of their last commits."""
    from summit_i18n.sources import find_documents, skipped_warnings

    skipped: list[tuple[Path, str]] = []
    files = find_documents(project.source_dir, skipped)
    warnings.extend(skipped_warnings(project, skipped))
    return files, _git_dates(project.root, project.source_dir) if files else {}


def _git_dates(root: Path, source_dir: Path) -> dict[Path, dt.datetime]:
    """The last commit date of every file below ``source_dir``, from one ``git log``."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(source_dir), "log", "--format=%x00%cI", "--name-only",
             "--relative", "--", "."],
            capture_output=True, text=True, check=False, timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if proc.returncode != 0:
        return {}
    dates: dict[Path, dt.datetime] = {}
    current: dt.datetime | None = None
    for line in proc.stdout.splitlines():
        if line.startswith("\x00"):
            current = dt.datetime.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault((source_dir / line).resolve(), current)
    return dates
