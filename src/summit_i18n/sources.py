"""The source documents of a project: the Markdown files below ``source/``.

Principles: what is not a regular file is never opened (a FIFO would block) and is
reported once; hidden files are left out; the order never depends on the file
system.  Light on purpose (the standard library alone): ``build`` finds the
documents to decide whether it has anything to do before it loads a renderer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from summit_i18n.fsutil import irregular

if TYPE_CHECKING:
    from summit_i18n.config import Project

__all__ = ["find_documents", "skipped_warnings"]


def find_documents(source_dir: Path,
                   skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """The Markdown documents below ``source_dir`` (hidden files left out), sorted.

    What is not a regular file — a FIFO, a socket, a device, a folder named
    ``*.md`` — is left out, never opened, and appended to ``skipped`` with what it
    is.  A dangling link is kept, so that reading it reports the missing file.
    """
    if not source_dir.is_dir():
        return []
    found = []
    for path in source_dir.rglob("*.md"):
        hidden = any(part.startswith(".") for part in path.relative_to(source_dir).parts)
        if hidden:
            continue
        what = irregular(path)
        if what is None or what == "a dangling symbolic link":  # reading it reports it
            found.append(path)
        elif skipped is not None:
            skipped.append((path, what))
    if skipped:
        skipped.sort()
    return sorted(found)


def skipped_warnings(project: Project, skipped: list[tuple[Path, str]]) -> list[str]:
    """``path: warning: …`` lines for what :func:`find_documents` left out."""
    return [f"{project.relative(path)}: warning: skipped: it is {what}, not a regular file"
            for path, what in skipped]
