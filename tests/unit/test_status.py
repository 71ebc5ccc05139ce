"""status: msgfmt --statistics counts, split by review state."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from summit_i18n.catalog import Entry
from summit_i18n.config import find_project
from summit_i18n.status import entry_state, file_status, project_status
from tests.unit.catalogs import demo_project


def _msgfmt_counts(path: Path) -> tuple[int, int, int]:
    out = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                         capture_output=True, text=True, check=True).stderr

    def count(word: str) -> int:
        match = re.search(rf"(\d+) {word}", out)
        return int(match.group(1)) if match else 0

    return count("translated"), count("fuzzy"), count("untranslated")


def test_counts_agree_with_msgfmt_on_the_corpus(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "po").glob("*.po"))
    assert len(files) == 12
    for path in files:
        row = file_status(path)
        assert (row.translated, row.fuzzy, row.untranslated) == _msgfmt_counts(path), path.name
        assert row.total == row.translated + row.fuzzy + row.untranslated


def test_stale_entries_of_the_gnome_help(corpus_dir: Path) -> None:
    row = file_status(corpus_dir / "po" / "zh_CN_gnome-calculator-help.po")
    assert (row.stale, row.machine, row.language) == (102, 0, "zh_Hans")
    assert row.percent == 46.4


@pytest.mark.parametrize(("entry", "state"), [
    (Entry(msgid="a", msgstr="b"), "reviewed"),
    (Entry(msgid="a"), "untranslated"),
    (Entry(msgid="a", flags=["fuzzy"]), "untranslated"),  # msgfmt: empty is untranslated
    (Entry(msgid="a", msgstr="b", flags=["fuzzy"],
           translator_comments=["machine: google 2026-11-20"]), "machine"),
    (Entry(msgid="a", msgstr="b", flags=["fuzzy"], previous_msgid="old"), "stale"),
    (Entry(msgid="a", msgstr="b", flags=["fuzzy"]), "draft"),
    (Entry(msgid="a", msgid_plural="as", msgstr_plural={0: "", 1: ""}), "untranslated"),
])
def test_entry_state(entry: Entry, state: str) -> None:
    assert entry_state(entry) == state


def test_project_status(make_project: Callable[..., Path]) -> None:
    root = demo_project(make_project, config='languages = ["fr", "ja"]\n')
    rows = project_status(find_project(explicit=root))
    fr, ja = rows
    assert (fr.language, fr.domain, fr.path) == ("fr", "demo", "locale/fr/LC_MESSAGES/demo.po")
    assert (fr.total, fr.translated, fr.machine, fr.stale, fr.untranslated) == (5, 2, 1, 1, 1)
    assert fr.fuzzy == fr.machine + fr.stale
    assert fr.percent == 40.0
    assert fr.errors == 2  # the changed link target: the old one missing, the new one added
    assert fr.words == 21
    # ja has no catalog yet: counted from the template
    assert (ja.exists, ja.total, ja.untranslated, ja.percent) == (False, 5, 5, 0.0)
    assert set(fr.to_dict()) >= {"language", "domain", "total", "translated", "fuzzy",
                                 "untranslated", "percent"}


def test_selected_languages(make_project: Callable[..., Path]) -> None:
    root = demo_project(make_project, config='languages = ["fr", "ja"]\n')
    assert [r.language for r in project_status(find_project(explicit=root), ["ja"])] == ["ja"]
