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
from summit_i18n.review import ReviewSession, accept_entry, run_review, word_diff
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
