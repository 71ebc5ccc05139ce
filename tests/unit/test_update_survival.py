"""A reviewed translation survives the English changing, on the summit project itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from summit_i18n import po
from summit_i18n.catalog import Entry
from summit_i18n.config import Project, find_project
from summit_i18n.extract import extract_project
from summit_i18n.update import update_project

DOC = "source/summit-announcement.md"
DOMAIN = "summit-announcement"
PARAGRAPH_START = "A European NGO created in 1995"
TRANSLATION = (
    "ONG européenne créée en 1995 et dotée du statut consultatif auprès des Nations unies, "
    "la CAP se consacre à la protection du droit à la liberté de religion et de conviction "
    "dans le monde entier."
)


def _run(project: Project, day: int) -> None:
    now = datetime(2026, 5, day, 12, 0, tzinfo=UTC)
    extract_project(project, now=now)
    update_project(project, now=now)


def _entry(project: Project, *, obsolete: bool = False) -> Entry:
    catalog = po.read_po(project.po_path("fr", DOMAIN))
    found = [e for e in catalog.entries
             if e.msgid.startswith(PARAGRAPH_START[:14]) and e.obsolete == obsolete]
    assert len(found) == 1, [e.msgid for e in catalog.entries]
    return found[0]


def test_reviewed_translation_survives_delete_restore_and_edit(
    summit_project: Path, check_all_catalogs: Callable[[Path], int]
) -> None:
    project = find_project(explicit=summit_project)
    source = summit_project / DOC
    original = source.read_text(encoding="utf-8")
    paragraph = next(line for line in original.splitlines() if line.startswith(PARAGRAPH_START))

    _run(project, 1)
    path = project.po_path("fr", DOMAIN)
    catalog = po.read_po(path)
    entry = next(e for e in catalog.entries if e.msgid == paragraph)
    # A reviewer's work: translated and not fuzzy (whatever draft was there before).
    entry.msgstr = TRANSLATION
    entry.fuzzy = False
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    entry.translator_comments = ["reviewed by Claire"]
    po.write_po(catalog, path)

    # Delete the paragraph: the message becomes obsolete with its translation.
    source.write_text(original.replace(paragraph + "\n\n", ""), encoding="utf-8")
    _run(project, 2)
    gone = _entry(project, obsolete=True)
    assert (gone.msgid, gone.msgstr, gone.fuzzy) == (paragraph, TRANSLATION, False)
    assert gone.translator_comments == ("reviewed by Claire",)
    assert check_all_catalogs(summit_project / "locale") >= 12

    # Restore it: active again and still reviewed.
    source.write_text(original, encoding="utf-8")
    _run(project, 3)
    back = _entry(project)
    assert (back.msgid, back.msgstr, back.fuzzy) == (paragraph, TRANSLATION, False)
    assert back.translator_comments == ("reviewed by Claire",)
    assert not [e for e in po.read_po(path).entries if e.obsolete]

    # Edit one word: fuzzy, #| shows the old English, translation kept.
    edited = paragraph.replace("globally", "worldwide")
    assert edited != paragraph
    source.write_text(original.replace(paragraph, edited), encoding="utf-8")
    _run(project, 4)
    changed = _entry(project)
    assert changed.msgid == edited
    assert changed.fuzzy
    assert changed.previous_msgid == paragraph
    assert changed.msgstr == TRANSLATION
    assert changed.translator_comments == ("reviewed by Claire",)
    assert check_all_catalogs(summit_project / "locale") >= 12

    # And running both again with no source change writes no byte.
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in summit_project.rglob("*.po")}
    _run(project, 5)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in summit_project.rglob("*.po")}
    assert after == before
