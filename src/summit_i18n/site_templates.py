"""The page templates of a project: its own ``templates/`` over those summit-i18n ships.

Principles: the package ships a complete set of page templates
(``summit_i18n/templates``); a project's ``templates/`` folder overrides them file by
file (a file with the same relative name wins), so a new project needs none and a
project changes one page without copying the others.  Rendering (a Jinja
``ChoiceLoader``, the project's folder first) and extraction (``site.pot``) read the
same effective set.  A built-in template is named in references and messages by the
path an override would have (``templates/base.html``): the catalogs do not change
when a project starts overriding a file, and the name says where to put one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from summit_i18n.fsutil import irregular

if TYPE_CHECKING:
    from jinja2 import BaseLoader

    from summit_i18n.config import Project

__all__ = ["BUILTIN_DIR", "TEMPLATE_SUFFIXES", "SiteTemplate", "effective_templates",
           "find_templates", "loader"]

#: the templates shipped in the package (a real folder: the wheel is unzipped)
BUILTIN_DIR = Path(str(resources.files("summit_i18n").joinpath("templates")))
#: Files below ``templates/`` that are read as Jinja2 templates.
TEMPLATE_SUFFIXES = frozenset(
    {".html", ".htm", ".xml", ".txt", ".atom", ".j2", ".jinja", ".jinja2", ".svg"}
)


@dataclass(frozen=True)
class SiteTemplate:
    """One template of the effective set."""

    name: str  #: relative name, e.g. ``base.html``
    path: Path  #: the file that is read
    shown: str  #: its name in messages and references, e.g. ``templates/base.html``
    builtin: bool  #: shipped with summit-i18n (no override in the project)


def find_templates(templates_dir: Path,
                   skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Template files below ``templates_dir`` (hidden files left out), sorted.

    A FIFO, socket, device or dangling link with a template's name is left out,
    never opened, and appended to ``skipped`` with what it is.
    """
    if not templates_dir.is_dir():
        return []
    found: list[Path] = []
    for p in templates_dir.rglob("*"):
        if p.suffix.lower() not in TEMPLATE_SUFFIXES or any(
                part.startswith(".") for part in p.relative_to(templates_dir).parts):
            continue
        what = irregular(p)
        if what is None:
            found.append(p)
        elif what != "a folder" and skipped is not None:
            skipped.append((p, what))
    return sorted(found)


def effective_templates(project: Project,
                        skipped: list[tuple[Path, str]] | None = None) -> list[SiteTemplate]:
    """The project's templates and the built-in ones it does not override, by name.

    A FIFO, socket, device or dangling link in the project's folder with a template's
    name is left out, never opened, and appended to ``skipped`` with what it is.
    """
    found: dict[str, SiteTemplate] = {}
    prefix = project.config.templates_dir.rstrip("/")
    for folder, builtin in ((BUILTIN_DIR, True), (project.templates_dir, False)):
        for path in find_templates(folder, None if builtin else skipped):
            name = path.relative_to(folder).as_posix()
            found[name] = SiteTemplate(name, path, f"{prefix}/{name}", builtin)
    return [found[name] for name in sorted(found)]


def loader(project: Project) -> BaseLoader:
    """A Jinja loader that finds the project's template first, else the built-in one.

    A FIFO, socket or device named like a template is not opened (opening a FIFO
    blocks until someone writes to it): it is reported as a missing template.
    """
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, TemplateNotFound

    from summit_i18n.fsutil import irregular

    class RegularFileLoader(FileSystemLoader):
        def get_source(self, environment: Environment, template: str
                       ) -> tuple[str, str, Callable[[], bool]]:
            for folder in self.searchpath:
                what = irregular(Path(folder, *template.split("/")))
                if what is not None and what not in {"missing", "a folder"}:
                    raise TemplateNotFound(f"{template} (it is {what}, not a regular file)")
            return super().get_source(environment, template)

    return ChoiceLoader([RegularFileLoader(project.templates_dir), FileSystemLoader(BUILTIN_DIR)])
