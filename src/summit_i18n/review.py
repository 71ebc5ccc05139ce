"""Interactive review of drafts: accept, edit, skip, each action saved at once.

Principles: the review state lives in the .po file, so Poedit, Weblate and this
command agree (DESIGN.md §4).  Accepting an entry removes ``fuzzy`` and the
``#|`` previous msgid, and replaces the ``machine: <backend> <date>`` comment
with ``reviewed: <name> <date>``: the file then says who vouches for the text,
and the machine provenance, no longer true of a reviewed text, is gone.  An edit
likewise replaces it with ``edited: <name> <date>`` (the text is a person's now, and
prefill never redoes it); the entry stays a draft until it is accepted.  Each save
sets the header's ``Last-Translator`` and ``PO-Revision-Date``, as Poedit and
Weblate do, and only those header lines change.  Every
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

from summit_i18n import workspace
from summit_i18n._display import markup_escape as escape  # control characters shown escaped
from summit_i18n.catalog import Catalog, set_header_field
from summit_i18n.checks import ERROR, REGISTRY, Finding, check_catalog
from summit_i18n.errors import UsageError
from summit_i18n.fsutil import irregular
from summit_i18n.glossary import Glossary, Term, project_glossary
from summit_i18n.provenance import draft_state, english_digest, parse_provenance

if TYPE_CHECKING:
    from rich.console import Console

    from summit_i18n.catalog import Entry
    from summit_i18n.config import Project

__all__ = [
    "ReviewItem",
    "ReviewSession",
    "accept_entry",
    "edit_entry",
    "edited_forms",
    "editor_command",
    "editor_text",
    "english_change",
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


def english_change(entry: Entry) -> tuple[str, str | None] | None:
    """How the English changed under a draft: (heading, the English before), or None.

    A machine draft's comment holds a digest of the English it translated; when the
    ``#|`` previous msgid is that English, the diff is from it ("since the machine
    draft").  A draft whose English changed without a ``#|`` (after GNU msgmerge,
    which writes none for an entry that was fuzzy already) says so, with no diff.
    """
    record = parse_provenance(entry)
    stale_draft = draft_state(entry) == "stale"
    if entry.previous_msgid is not None:
        translated = record is not None and record.msgid == english_digest(
            entry.previous_msgid, entry.previous_msgid_plural)
        heading = "Changed since the machine draft" if translated and stale_draft \
            else "Changed since the last review"
        return heading, entry.previous_msgid
    if stale_draft:
        return ("The English changed since the machine draft (the English it translated is "
                "not in the file)", None)
    return None


def _git_config(project: Project, key: str) -> str | None:
    try:
        result = subprocess.run(["git", "config", key], cwd=project.root,
                                capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value else None


def reviewer_name(project: Project) -> str:
    """Who reviews: config ``reviewer``, else ``git config user.name``, else the login name."""
    return project.config.reviewer or _git_config(project, "user.name") or getpass.getuser()


def _last_translator(project: Project, reviewer: str, given: bool) -> str:
    """``Name <email>`` for the header, as Poedit writes it: the email from git when
    the name is git's too (a name given or configured is used as it is)."""
    if "<" in reviewer or given or project.config.reviewer:
        return reviewer
    email = _git_config(project, "user.email")
    return f"{reviewer} <{email}>" if email else reviewer


_PROVENANCE = ("machine:", "reviewed:", "edited:")


def accept_entry(entry: Entry, *, reviewer: str, today: dt.date) -> None:
    """Mark ``entry`` reviewed: no fuzzy, no ``#|``, ``reviewed:`` instead of ``machine:``."""
    entry.fuzzy = False
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    kept = [c for c in entry.translator_comments if not c.startswith(_PROVENANCE)]
    entry.translator_comments = (*kept, f"reviewed: {_plain_name(reviewer)} {today.isoformat()}")


def edit_entry(entry: Entry, forms: list[str], *, editor: str, today: dt.date) -> None:
    """Give ``entry`` a person's text (one per form): ``edited: <name> <date>`` replaces
    the machine provenance; the entry stays fuzzy until someone accepts it."""
    if entry.msgid_plural is None:
        entry.msgstr = forms[0]
    else:
        entry.msgstr_plural = dict(enumerate(forms))
    kept = [c for c in entry.translator_comments if not c.startswith(_PROVENANCE)]
    entry.translator_comments = (*kept, f"edited: {_plain_name(editor)} {today.isoformat()}")


def _plain_name(reviewer: str) -> str:
    """``Ada Lovelace`` of ``Ada Lovelace <ada@example.org>``."""
    return reviewer.partition("<")[0].strip() or reviewer


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
                 today: dt.date | None = None, reviewer: str | None = None,
                 now: dt.datetime | None = None) -> None:
        lang = project.language_code(lang)  # a UsageError for a language the project lacks
        found = workspace.catalogs(project, project.languages([lang]))
        domains = [c.domain for c in found]
        if domain is not None and domain not in domains:
            raise UsageError(f"error: no domain {domain!r} (domains: {', '.join(domains)})")
        self.project = project
        self.lang = lang
        self.now = now
        self.today = today or (now.date() if now is not None else dt.date.today())
        self.reviewer = reviewer or reviewer_name(project)
        self.last_translator = _last_translator(project, self.reviewer, reviewer is not None)
        self.glossary: Glossary = project_glossary(project)
        self._catalogs: dict[Path, Catalog] = {}
        self.items: list[ReviewItem] = []
        for name in [domain] if domain else domains:
            path = project.po_path(lang, name)
            if irregular(path) == "missing":  # a FIFO there: an error, never opened
                continue
            catalog = workspace.read_catalog(project, path)
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
        with workspace.locked(self.project):
            catalog = workspace.read_catalog(self.project, item.path)
            fresh = catalog.index().get(item.key)
            if fresh is None:
                raise UsageError(f"{item.shown_path}: error: the entry {item.key[1][:40]!r} "
                                 "is no longer in the catalog (changed by another tool?)")
            change(fresh)
            self._sign(catalog)
            workspace.write_catalog(self.project, catalog, item.path)
        self._catalogs[item.path] = catalog
        item.entry = fresh
        self._refresh(item)

    def _sign(self, catalog: Catalog) -> None:
        """``Last-Translator`` and ``PO-Revision-Date`` of a save, as Poedit sets them."""
        if catalog.header is None:
            return
        now = (self.now or dt.datetime.now()).astimezone()
        text = set_header_field(catalog.header.msgstr, "PO-Revision-Date",
                                now.strftime("%Y-%m-%d %H:%M%z"))
        catalog.header.msgstr = set_header_field(text, "Last-Translator", self.last_translator)

    def accept(self, item: ReviewItem) -> None:
        self._save(item, lambda e: accept_entry(e, reviewer=self.reviewer, today=self.today))
        item.done = "accepted"

    def edit(self, item: ReviewItem, forms: list[str]) -> None:
        """Replace the translation (one text per form); the entry stays a draft."""
        self._save(item, lambda e: edit_entry(e, forms, editor=self.reviewer, today=self.today))
        item.done = "edited"


# ---------------------------------------------------------------------------
# The terminal loop

HELP = "[a]ccept  [e]dit  [i]nline edit  [s]kip  [b]ack  [q]uit  [?] keys"
KEYS = (
    ("a", "accept: the translation is right as shown (asks again when it has errors)"),
    ("e", "edit in $VISUAL or $EDITOR (inline, pre-filled, when neither is set)"),
    ("i", "edit inline, the current text pre-filled (\\n for a line break)"),
    ("s", "skip, or Enter: leave it a draft for now"),
    ("b", "back to the previous entry"),
    ("q", "quit: everything done so far is saved"),
    ("?", "show these keys"),
)

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
    change = english_change(entry)
    if change is not None:
        heading, before = change
        console.print(f"[bold]{escape(heading)}:[/bold]")
        parts = []
        for op, text in word_diff(before, entry.msgid) if before is not None else ():
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


def _show_keys(console: Console) -> None:
    for key, meaning in KEYS:
        console.print(f"  [bold]{escape(key)}[/bold]  {escape(meaning)}")


SCISSORS = "# ------------------------ >8 ------------------------"
FORM_SEPARATOR = "# ---- next plural form ----"


def editor_command() -> str | None:
    """``$VISUAL``, else ``$EDITOR`` (as git chooses), or None when neither is set."""
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or None


def editor_text(entry: Entry) -> str:
    """The temporary file an editor opens, as ``git commit`` writes it: the draft on
    top, then a scissors line, then the English and the notes, all ignored."""
    plural = entry.msgid_plural is not None
    lines = [f"\n{FORM_SEPARATOR}\n".join(entry.translations()), SCISSORS,
             "# Do not modify or remove the line above; everything below it is ignored.",
             "# Edit the translation above it"
             + (f", one plural form between each '{FORM_SEPARATOR}' line." if plural else "."),
             "# An empty translation keeps the current one.", "#"]
    where = f" ({entry.references[0]})" if entry.references else ""
    lines.append(f"# English{where}:")
    lines.extend(f"#   {line}" for line in entry.msgid.split("\n"))
    if plural:
        lines.append("# English (plural):")
        lines.extend(f"#   {line}" for line in (entry.msgid_plural or "").split("\n"))
    if entry.msgctxt:
        lines.append(f"# Context: {entry.msgctxt}")
    lines.extend(f"# Note: {note}" for note in entry.extracted_comments)
    return "\n".join(lines) + "\n"


def edited_forms(text: str, entry: Entry) -> list[str] | None:
    """The forms a saved editor file holds, or None when it keeps the current text
    (empty, unchanged, or not the entry's number of forms)."""
    kept = text.split(f"\n{SCISSORS}", 1)[0] if not text.startswith(SCISSORS) else ""
    current = entry.translations()
    forms = kept.split(f"\n{FORM_SEPARATOR}\n") if entry.msgid_plural is not None else [kept]
    forms = [_like_english(form.rstrip("\n"), entry.msgid) for form in forms]
    if not any(form.strip() for form in forms) or len(forms) != len(current):
        return None
    return None if forms == current else forms


def _like_english(text: str, english: str) -> str:
    """An editor adds a final newline: keep one only where the English has one."""
    return text + "\n" if english.endswith("\n") and text else text


def _edit_external(item: ReviewItem, editor: str) -> list[str] | None:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", prefix="summit-review-",
                                     encoding="utf-8", delete=False) as fh:
        fh.write(editor_text(item.entry))
        name = fh.name
    try:
        # as git runs its editor: through the shell, so "code --wait" or "emacs -nw" work
        command = (["/bin/sh", "-c", f'{editor} "$@"', editor, name] if os.name == "posix"
                   else [*shlex.split(editor), name])
        subprocess.run(command, check=False)
        text = Path(name).read_text(encoding="utf-8")
    finally:
        Path(name).unlink(missing_ok=True)
    return edited_forms(text, item.entry)


def _edit_inline(console: Console, ask: Callable[[str, str], str],
                 item: ReviewItem) -> list[str] | None:
    console.print("Edit the translation (\\n for a line break); "
                  "an empty line keeps the current text.")
    forms: list[str] = []
    for i, current in enumerate(item.entry.translations()):
        label = f"msgstr[{i}]> " if item.entry.msgid_plural is not None else "> "
        typed = ask(label, current.replace("\n", "\\n"))
        forms.append(typed.replace("\\n", "\n") if typed.strip() else current)
    return None if forms == item.entry.translations() else forms


def run_review(
    session: ReviewSession, console: Console, ask: Callable[[str], str], *,
    editor: str | None = None, ask_prefilled: Callable[[str, str], str] | None = None,
) -> dict[str, int]:
    """Walk the session's items until the end or ``q``; return counts of what was done.

    ``ask(prompt)`` reads one line (``input``); EOFError ends the review.  ``editor``
    is the command ``e`` runs (``$VISUAL``/``$EDITOR``; None: edit inline);
    ``ask_prefilled(prompt, text)`` reads a line that starts as ``text`` (readline).
    """
    counts = {"accepted": 0, "edited": 0, "skipped": 0}
    items = session.items
    console.print(f"Reviewing {session.lang} as {escape(session.reviewer)} "
                  "(set it with --reviewer or the reviewer key).")
    if not items:
        console.print(f"Nothing to review in {session.lang}: no fuzzy entries.")
        return counts
    inline = ask_prefilled or (lambda prompt, _text: ask(prompt))
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
        if key == "?":
            _show_keys(console)
        elif key == "b":
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
        elif key in {"e", "i", "o"}:
            use_editor = editor if key != "i" else None
            forms = (_edit_external(item, use_editor) if use_editor
                     else _edit_inline(console, inline, item))
            if forms is None:
                console.print("unchanged")
            else:
                session.edit(item, forms)
                counts["edited"] += 1
                console.print("[green]saved (still a draft: accept it when it is right)[/green]")
        else:
            console.print(f"unknown key {escape(key)!r}: press ? for the keys")
    remaining = sum(1 for it in items if it.done != "accepted")
    console.print(f"\nAccepted {counts['accepted']}, edited {counts['edited']}, "
                  f"skipped {counts['skipped']}; {remaining} draft(s) left.")
    return counts
