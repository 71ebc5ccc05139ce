"""Interactive review of drafts: accept, edit, skip, each action saved at once.

Principles: the review state lives in the .po file, so Poedit, Weblate and this
command agree (DESIGN.md §4).  Accepting an entry removes ``fuzzy`` and the
``#|`` previous msgid, and replaces the ``machine: <backend> <date>`` comment
with ``reviewed: <name> <date>``: the file then says who vouches for the text,
and the machine provenance, no longer true of a reviewed text, is gone.  Every
action is saved at once, atomically, under the project lock; the file is read
again under the lock before the change is applied, so work saved meanwhile by
another tool is kept.  The terminal loop takes its console and its input
function as arguments, so tests and other front ends can drive it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import getpass
import os
import re
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from summit_i18n._display import markup_escape as escape  # control characters shown escaped
from summit_i18n.catalog import Catalog
from summit_i18n.checks import ERROR, REGISTRY, Finding, check_catalog
from summit_i18n.errors import UsageError
from summit_i18n.fsutil import irregular, project_lock
from summit_i18n.glossary import Glossary, Term, project_glossary
from summit_i18n.po import read_po, write_po

if TYPE_CHECKING:
    from rich.console import Console

    from summit_i18n.catalog import Entry
    from summit_i18n.config import Project

__all__ = [
    "ReviewItem",
    "ReviewSession",
    "accept_entry",
    "reviewer_name",
    "run_review",
    "word_diff",
]

_TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff of ``old`` → ``new`` as (op, text): op is ``=``, ``-`` or ``+``."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(b[j1:j2])))
    return ops


def reviewer_name(project: Project) -> str:
    """Who reviews: config ``reviewer``, else ``git config user.name``, else the login name."""
    if project.config.reviewer:
        return project.config.reviewer
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=project.root,
                                capture_output=True, text=True, check=False, timeout=10)
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return getpass.getuser()


def accept_entry(entry: Entry, *, reviewer: str, today: dt.date) -> None:
    """Mark ``entry`` reviewed: no fuzzy, no ``#|``, ``reviewed:`` instead of ``machine:``."""
    entry.fuzzy = False
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    kept = [c for c in entry.translator_comments
            if not c.startswith(("machine:", "reviewed:"))]
    entry.translator_comments = (*kept, f"reviewed: {reviewer} {today.isoformat()}")


@dataclass
class ReviewItem:
    """One fuzzy entry to review, with what the reviewer needs to see."""

    path: Path
    shown_path: str
    key: tuple[str | None, str]
    entry: Entry
    findings: list[Finding] = field(default_factory=list)
    terms: list[tuple[Term, str]] = field(default_factory=list)
    done: str | None = None  #: "accepted", "edited" or None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


class ReviewSession:
    """The fuzzy entries of one language (one domain or all), and the actions on them."""

    def __init__(self, project: Project, lang: str, domain: str | None = None, *,
                 today: dt.date | None = None, reviewer: str | None = None) -> None:
        project.languages([lang])  # a UsageError for a language the project lacks
        domains = project.domains()
        if domain is not None and domain not in domains:
            raise UsageError(f"error: no domain {domain!r} (domains: {', '.join(domains)})")
        self.project = project
        self.lang = lang
        self.today = today or dt.date.today()
        self.reviewer = reviewer or reviewer_name(project)
        self.glossary: Glossary = project_glossary(project)
        self._catalogs: dict[Path, Catalog] = {}
        self.items: list[ReviewItem] = []
        for name in [domain] if domain else domains:
            path = project.po_path(lang, name)
            if irregular(path) == "missing":  # a FIFO there: an error, never opened
                continue
            catalog = read_po(path, max_bytes=project.max_catalog_bytes)
            self._catalogs[path] = catalog
            for entry in catalog.entries:
                if entry.fuzzy and not entry.obsolete and not entry.is_header:
                    item = ReviewItem(path, project.relative(path), entry.key, entry)
                    self._refresh(item)
                    self.items.append(item)

    def _refresh(self, item: ReviewItem) -> None:
        catalog = self._catalogs[item.path]
        single = Catalog(entries=[item.entry], header=catalog.header)
        checks = [c for c in REGISTRY.values() if c.scope != "catalog"]
        item.findings = check_catalog(
            single, path=item.shown_path, expected_lang=self.lang, glossary=self.glossary,
            disabled=self.project.config.checks.disable, checks=checks)
        wanted = {t.english for t in self.glossary.find(item.entry.msgid)}
        item.terms = [(t, r) for t, r in self.glossary.for_language(self.lang)
                      if t.english in wanted]

    def _save(self, item: ReviewItem, change: Callable[[Entry], None]) -> None:
        """Apply ``change`` to the entry as it is on disk now, and write the file."""
        with project_lock(self.project.root):
            catalog = read_po(item.path, max_bytes=self.project.max_catalog_bytes)
            fresh = catalog.index().get(item.key)
            if fresh is None:
                raise UsageError(f"{item.shown_path}: error: the entry {item.key[1][:40]!r} "
                                 "is no longer in the catalog (changed by another tool?)")
            change(fresh)
            write_po(catalog, item.path, width=self.project.config.wrap_width)
        self._catalogs[item.path] = catalog
        item.entry = fresh
        self._refresh(item)

    def accept(self, item: ReviewItem) -> None:
        self._save(item, lambda e: accept_entry(e, reviewer=self.reviewer, today=self.today))
        item.done = "accepted"

    def edit(self, item: ReviewItem, forms: list[str]) -> None:
        """Replace the translation (one text per form); the entry stays a draft."""

        def change(entry: Entry) -> None:
            if entry.msgid_plural is None:
                entry.msgstr = forms[0]
            else:
                entry.msgstr_plural = dict(enumerate(forms))

        self._save(item, change)
        item.done = "edited"


# ---------------------------------------------------------------------------
# The terminal loop

HELP = "[a]ccept  [e]dit  [o]pen in $EDITOR  [s]kip  [b]ack  [q]uit"


def _show(console: Console, item: ReviewItem, position: str) -> None:
    entry = item.entry
    ref = f"  ({entry.references[0]})" if entry.references else ""
    console.print(f"\n[bold]{position}[/bold] {escape(item.shown_path)}:"
                  f"{entry.msgstr_lineno}{escape(ref)}")
    if entry.msgctxt:
        console.print(f"[dim]context:[/dim] {escape(entry.msgctxt)}")
    console.print("[bold]English:[/bold]")
    console.print(escape(entry.msgid))
    if entry.msgid_plural is not None:
        console.print("[bold]English (plural):[/bold]")
        console.print(escape(entry.msgid_plural))
    if entry.previous_msgid is not None:
        console.print("[bold]Changed since the last review:[/bold]")
        parts = []
        for op, text in word_diff(entry.previous_msgid, entry.msgid):
            if op == "=":
                parts.append(escape(text))
            elif op == "-":
                parts.append(f"[red strike]\\[-{escape(text)}-][/red strike]")
            else:
                parts.append(f"[green]{{+{escape(text)}+}}[/green]")
        console.print("".join(parts))
    provenance = entry.machine_provenance()
    if provenance:
        label = f"machine: {provenance}"
    elif entry.previous_msgid is not None:
        label = "reviewed before the English changed"
    else:
        label = "draft"
    console.print(f"[bold]Translation[/bold] [dim]({escape(label)})[/dim]:")
    for i, text in enumerate(entry.translations()):
        prefix = f"[{i}] " if entry.msgid_plural is not None else ""
        console.print(escape(prefix + text))
    for f in item.findings:
        color = "red" if f.severity == ERROR else "yellow"
        console.print(f"[{color}]{f.severity}[/{color}] \\[{f.check}] {escape(f.message)}")
    for term, rendering in item.terms:
        console.print(f"[dim]glossary:[/dim] {escape(term.english)} → {escape(rendering)}")


def _edit_inline(console: Console, ask: Callable[[str], str], item: ReviewItem) -> list[str] | None:
    console.print("Type the translation on one line (\\n for a line break); "
                  "an empty line keeps the current text.")
    forms: list[str] = []
    for i, current in enumerate(item.entry.translations()):
        label = f"msgstr[{i}]> " if item.entry.msgid_plural is not None else "> "
        typed = ask(label)
        forms.append(typed.replace("\\n", "\n") if typed.strip() else current)
    return None if forms == item.entry.translations() else forms


def _edit_external(item: ReviewItem) -> list[str] | None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    separator = "\n# ---- next plural form ----\n"
    with tempfile.NamedTemporaryFile("w+", suffix=".txt", encoding="utf-8", delete=False) as fh:
        fh.write(separator.join(item.entry.translations()) + "\n")
        name = fh.name
    try:
        subprocess.run([*shlex.split(editor), name], check=False)
        text = Path(name).read_text(encoding="utf-8")
    finally:
        Path(name).unlink(missing_ok=True)
    text = text[:-1] if text.endswith("\n") else text
    forms = text.split(separator) if item.entry.msgid_plural is not None else [text]
    if len(forms) != len(item.entry.translations()) or forms == item.entry.translations():
        return None
    return forms


def run_review(
    session: ReviewSession, console: Console, ask: Callable[[str], str]
) -> dict[str, int]:
    """Walk the session's items until the end or ``q``; return counts of what was done.

    ``ask(prompt)`` reads one line (``input``); EOFError ends the review.
    """
    counts = {"accepted": 0, "edited": 0, "skipped": 0}
    items = session.items
    if not items:
        console.print(f"Nothing to review in {session.lang}: no fuzzy entries.")
        return counts
    i = 0
    while 0 <= i < len(items):
        item = items[i]
        _show(console, item, f"[{i + 1}/{len(items)}]")
        try:
            key = ask(f"{HELP} > ").strip()
        except EOFError:
            break
        if key == "q":
            break
        if key == "b":
            i = max(0, i - 1)
        elif key == "s" or key == "":
            counts["skipped"] += 1
            i += 1
        elif key == "a":
            if item.errors:
                answer = ask(f"This entry has {len(item.errors)} error(s). "
                             "Accept anyway? [y/N] ").strip().lower()
                if answer not in {"y", "yes"}:
                    continue
            session.accept(item)
            counts["accepted"] += 1
            console.print("[green]accepted and saved[/green]")
            i += 1
        elif key in {"e", "o"}:
            forms = _edit_inline(console, ask, item) if key == "e" else _edit_external(item)
            if forms is None:
                console.print("unchanged")
            else:
                session.edit(item, forms)
                counts["edited"] += 1
                console.print("[green]saved (still a draft: accept it when it is right)[/green]")
        else:
            console.print(f"unknown key {escape(key)!r}: {escape(HELP)}")
    remaining = sum(1 for it in items if it.done != "accepted")
    console.print(f"\nAccepted {counts['accepted']}, edited {counts['edited']}, "
                  f"skipped {counts['skipped']}; {remaining} draft(s) left.")
    return counts
