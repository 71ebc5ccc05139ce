"""review: word diff, accepting an entry, and the session's atomic saves."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from summit_i18n.catalog import Entry
from summit_i18n.config import find_project
from summit_i18n.po import read_po
from summit_i18n.review import (
    ReviewSession,
    accept_entry,
    edit_entry,
    edited_forms,
    editor_text,
    run_review,
    word_diff,
)
from tests.unit.catalogs import demo_project, header

TODAY = dt.date(2026, 11, 26)


def test_word_diff() -> None:
    assert word_diff("The summit lasts five days.", "The summit lasts six days.") == [
        ("=", "The summit lasts "), ("-", "five"), ("+", "six"), ("=", " days.")]


def test_accept_replaces_machine_provenance() -> None:
    entry = Entry(msgid="a", msgstr="b", flags=["fuzzy", "python-format"],
                  translator_comments=["keep me", "machine: google 2026-11-20"],
                  previous_msgid="old")
    accept_entry(entry, reviewer="Ada", today=TODAY)
    assert entry.flags == ("python-format",)
    assert entry.previous_msgid is None
    assert entry.translator_comments == ("keep me", "reviewed: Ada 2026-11-26")


def test_session_saves_each_action(make_project: Callable[..., Path],
                                   msgfmt_check: Callable[..., None]) -> None:
    root = demo_project(make_project, config='languages = ["fr"]\nreviewer = "Ada"\n')
    session = ReviewSession(find_project(explicit=root), "fr", today=TODAY)
    machine, stale = session.items
    assert machine.errors  # the changed link target
    assert stale.entry.previous_msgid == "The summit lasts five days."
    session.edit(stale, ["Le sommet dure six jours."])
    path = root / "locale/fr/LC_MESSAGES/demo.po"
    assert read_po(path).find("The summit lasts six days.").msgstr == "Le sommet dure six jours."  # type: ignore[union-attr]
    session.accept(stale)
    saved = read_po(path).find("The summit lasts six days.")
    assert saved is not None
    assert not saved.fuzzy
    assert saved.previous_msgid is None
    assert saved.translator_comments == ("reviewed: Ada 2026-11-26",)
    msgfmt_check(path)
    # untouched entries are written back byte for byte
    assert '#: source/demo.md:3\n#, fuzzy\nmsgid "See [the programme]' in path.read_text()


def test_run_review_with_scripted_keys(make_project: Callable[..., Path],
                                      check_all_catalogs: Callable[[Path], int]) -> None:
    english = ('#: source/demo.md:9\nmsgid "One [day](https://a.org/d)"\n'
               'msgid_plural "%(n)s [days](https://a.org/d)"\n')
    pot = f'{header(None)}\n{english}msgstr[0] ""\nmsgstr[1] ""\n'
    draft = english.replace("#: source/demo.md:9\n", "#: source/demo.md:9\n#, fuzzy\n")
    po = f'{header("fr")}\n{draft}msgstr[0] "Un jour"\nmsgstr[1] "%(n)s jours"\n'
    root = make_project({"locale/p.pot": pot, "locale/fr/LC_MESSAGES/p.po": po},
                        config='languages = ["fr"]\nreviewer = "Ada"\n')
    session = ReviewSession(find_project(explicit=root), "fr", "p", today=TODAY)
    keys = iter(["x", "e", "Un [jour](https://a.org/d)", "%(n)s [jours](https://a.org/d)",
                 "a"])
    out = io.StringIO()
    counts = run_review(session, Console(file=out, width=200, no_color=True),
                        lambda prompt: next(keys))
    text = out.getvalue()
    assert "unknown key 'x'" in text
    assert "English (plural):" in text
    assert counts == {"accepted": 1, "edited": 1, "skipped": 0}
    saved = read_po(root / "locale/fr/LC_MESSAGES/p.po").entries[0]
    assert saved.msgstr_plural == {0: "Un [jour](https://a.org/d)",
                                   1: "%(n)s [jours](https://a.org/d)"}
    assert not saved.fuzzy
    assert check_all_catalogs(root) == 2


def test_edit_replaces_machine_provenance_and_keeps_the_draft() -> None:
    entry = Entry(msgid="a", msgstr="b", flags=["fuzzy"],
                  translator_comments=["keep me", "machine: google 2026-11-20"])
    edit_entry(entry, ["c"], editor="Ada <ada@example.org>", today=TODAY)
    assert entry.msgstr == "c"
    assert entry.fuzzy
    assert entry.machine_provenance() is None
    assert entry.translator_comments == ("keep me", "edited: Ada 2026-11-26")
    accept_entry(entry, reviewer="Grace", today=TODAY)
    assert entry.translator_comments == ("keep me", "reviewed: Grace 2026-11-26")


def test_editor_file_is_the_draft_above_a_scissors_line() -> None:
    entry = Entry(msgid="Six days.\n", msgstr="Cinq jours.\n", references=["source/d.md:4"],
                  extracted_comments=["a note"])
    text = editor_text(entry)
    assert text.startswith("Cinq jours.\n\n# ------------------------ >8 ---")
    assert "# English (source/d.md:4):\n#   Six days.\n" in text
    assert "# Note: a note\n" in text
    assert edited_forms(text, entry) is None  # saved as it was: unchanged
    assert edited_forms(text.replace("Cinq", "Six", 1), entry) == ["Six jours.\n"]
    assert edited_forms("\n\n" + text[text.index("# ----"):], entry) is None  # emptied
    # lines starting with '#' above the scissors are the translation's own
    assert edited_forms("# Six jours\n" + text[text.index("\n# ----"):], entry) == [
        "# Six jours\n"]


def test_editor_file_of_a_plural_entry() -> None:
    entry = Entry(msgid="one day", msgid_plural="%(n)s days", msgstr_plural={0: "un", 1: "n"})
    text = editor_text(entry)
    assert text.startswith("un\n# ---- next plural form ----\nn\n# ----------")
    edited = text.replace("un\n", "un jour\n", 1).replace("\nn\n", "\n%(n)s jours\n", 1)
    assert edited_forms(edited, entry) == ["un jour", "%(n)s jours"]
    assert edited_forms("un jour\n", entry) is None  # a form missing: nothing is saved


def test_session_signs_the_header_as_poedit(make_project: Callable[..., Path]) -> None:
    root = demo_project(make_project, config='languages = ["fr"]\n')
    path = root / "locale/fr/LC_MESSAGES/demo.po"
    before = path.read_text(encoding="utf-8").splitlines()
    now = dt.datetime(2026, 11, 26, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    session = ReviewSession(find_project(explicit=root), "FR",
                            now=now, reviewer="Ada Lovelace <ada@example.org>")
    assert session.lang == "fr"
    session.accept(session.items[1])
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=False) if a != b]
    assert changed[:2] == [
        ('"PO-Revision-Date: 2026-11-02 00:00+0000\\n"',
         f'"PO-Revision-Date: {now.astimezone().strftime("%Y-%m-%d %H:%M%z")}\\n"'),
        ('"Last-Translator: T <t@example.org>\\n"',
         '"Last-Translator: Ada Lovelace <ada@example.org>\\n"'),
    ]
    saved = read_po(path).find("The summit lasts six days.")
    assert saved is not None
    assert saved.translator_comments == ("reviewed: Ada Lovelace 2026-11-26",)


def test_run_review_names_the_reviewer_and_lists_the_keys(
        make_project: Callable[..., Path]) -> None:
    root = demo_project(make_project, config='languages = ["fr"]\nreviewer = "Ada"\n')
    session = ReviewSession(find_project(explicit=root), "fr", today=TODAY)
    keys = iter(["?", "zz", "i", "q"])
    prefilled: list[str] = []

    def ask_prefilled(prompt: str, text: str) -> str:
        prefilled.append(text)
        return ""  # Enter on the pre-filled line: kept

    out = io.StringIO()
    run_review(session, Console(file=out, width=200, no_color=True), lambda p: next(keys),
               editor="this-editor-is-not-used-by-i", ask_prefilled=ask_prefilled)
    text = out.getvalue()
    assert text.startswith("Reviewing fr as Ada ")
    assert "  e  edit in $VISUAL or $EDITOR" in text
    assert "unknown key 'zz': press ? for the keys" in text
    assert prefilled == ["Voir [le programme](https://example.org/q)."]
    assert "unchanged" in text
