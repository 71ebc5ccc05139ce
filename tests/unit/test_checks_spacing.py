"""Spacing checks: newlines (msgfmt's rule), line breaks, blanks, invisible characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.checks_table import corpus_entry, fails, passes


@pytest.mark.parametrize(("english", "translation"), [
    ("Line\n", "Ligne\n"),
    ("\nLine", "\nLigne"),
    ("One\ntwo", "Un deux"),  # count is another check
])
def test_newlines_pass(english: str, translation: str) -> None:
    assert passes("newlines", english, translation)


@pytest.mark.parametrize(("english", "translation"), [
    ("Line\n", "Ligne"),
    ("Line", "Ligne\n"),
    ("\nLine", "Ligne"),
])
def test_newlines_fail(english: str, translation: str) -> None:
    assert fails("newlines", english, translation)


def test_line_breaks() -> None:
    assert passes("line-breaks", "One\ntwo", "Un\ndeux")
    assert fails("line-breaks", "One\ntwo", "Un deux")


def test_real_reflowed_message_is_a_line_break_warning(corpus_dir: Path) -> None:
    msgid = ("The file name suffix for source files. Commonly, this is either \".txt\"\n"
             "or \".rst\". Only files with this suffix are considered documents.")
    entry = corpus_entry(corpus_dir, "ja_sphinx.po", msgid)
    assert passes("newlines", entry.msgid, entry.msgstr, lang="ja")
    assert fails("line-breaks", entry.msgid, entry.msgstr, lang="ja")


@pytest.mark.parametrize(("english", "translation"), [
    ("Name: ", "Nom : "),
    ("  indented", "  indenté"),
    ("Plain", "Simple"),
])
def test_whitespace_passes(english: str, translation: str) -> None:
    assert passes("whitespace", english, translation)


@pytest.mark.parametrize(("english", "translation"), [
    ("Name: ", "Nom :"),
    ("Plain", " Simple"),
    ("Plain", "Simple "),
])
def test_whitespace_fails(english: str, translation: str) -> None:
    assert fails("whitespace", english, translation)


@pytest.mark.parametrize(("english", "translation"), [
    ("Hello", "Bonjour"),
    ("family \u200d emoji", "famille \u200d émoji"),  # the English has it too
])
def test_invisible_passes(english: str, translation: str) -> None:
    assert passes("invisible", english, translation)


@pytest.mark.parametrize("char", ["\u200b", "\u200e", "\u202e", "\u2066", "\ufeff"])
def test_invisible_fails(char: str) -> None:
    assert fails("invisible", "Hello", f"Bon{char}jour")
