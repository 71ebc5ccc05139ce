"""``summit-i18n review`` driven through a pseudo-terminal, as a person would."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect

from summit_i18n.po import read_po
from tests.unit.catalogs import demo_project

SCRIPT = Path(sys.executable).parent / "summit-i18n"
PROMPT = r"\[q\]uit > "


def _spawn(root: Path, *args: str, editor: str = "false") -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200",
           "EDITOR": editor, "VISUAL": ""}
    return pexpect.spawn(str(SCRIPT), ["-C", str(root), "review", *args], env=env,
                         encoding="utf-8", timeout=30, dimensions=(50, 200))


def test_review_session_end_to_end(make_project: Callable[..., Path],
                                   msgfmt_check: Callable[..., None]) -> None:
    root = demo_project(make_project, config='languages = ["fr"]\nreviewer = "Ada Lovelace"\n')
    po = root / "locale/fr/LC_MESSAGES/demo.po"
    child = _spawn(root, "fr", "demo")
    # 1/2: the machine draft whose link target changed: accepting asks twice
    child.expect(r"\[1/2\] locale/fr/LC_MESSAGES/demo.po:\d+ +\(source/demo.md:3\)")
    child.expect("machine: google 2026-11-20")
    child.expect(r"error \[markdown\]")
    child.expect(PROMPT)
    child.sendline("a")
    child.expect(r"This entry has \d+ error\(s\)\. Accept anyway\? \[y/N\] ")
    child.sendline("n")
    child.expect(r"\[1/2\]")  # still on it
    child.expect(PROMPT)
    child.sendline("s")
    # 2/2: the stale entry shows what changed in the English
    child.expect(r"\[2/2\]")
    child.expect(r"The summit lasts \[-five-\]\{\+six\+\} days\.")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect("> ")
    child.sendline("Le sommet dure six jours.")
    child.expect("saved")
    assert read_po(po).find("The summit lasts six days.").msgstr == \
        "Le sommet dure six jours."  # type: ignore[union-attr]  # saved at once
    child.expect(PROMPT)
    child.sendline("a")
    child.expect("accepted and saved")
    child.expect(r"Accepted 1, edited 1, skipped 1; 1 draft\(s\) left\.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    entry = read_po(po).find("The summit lasts six days.")
    assert entry is not None
    assert not entry.fuzzy
    assert entry.previous_msgid is None
    assert entry.translator_comments[-1].startswith("reviewed: Ada Lovelace ")
    machine = read_po(po).find("See [the programme](https://example.org/p).")
    assert machine is not None
    assert machine.fuzzy  # skipped: still a draft
    msgfmt_check(po)


def test_back_editor_and_quit(make_project: Callable[..., Path], tmp_path: Path,
                              msgfmt_check: Callable[..., None]) -> None:
    root = demo_project(make_project, config='languages = ["fr"]\nreviewer = "Ada"\n')
    po = root / "locale/fr/LC_MESSAGES/demo.po"
    editor = tmp_path / "fix-link.sh"
    editor.write_text("#!/bin/sh\nsed -i 's#example.org/q#example.org/p#' \"$1\"\n")
    editor.chmod(0o755)
    child = _spawn(root, "fr", editor=str(editor))
    child.expect(r"\[1/2\]")
    child.expect(PROMPT)
    child.sendline("s")
    child.expect(r"\[2/2\]")
    child.expect(PROMPT)
    child.sendline("b")  # back to the first
    child.expect(r"\[1/2\]")
    child.expect(PROMPT)
    child.sendline("o")  # $EDITOR fixes the link
    child.expect("saved")
    child.expect(r"\[1/2\]")
    index = child.expect([r"error \[", PROMPT])
    assert index == 1  # no error left after the fix
    child.sendline("a")  # no second confirmation now
    child.expect("accepted and saved")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    fixed = read_po(po).find("See [the programme](https://example.org/p).")
    assert fixed is not None
    assert fixed.msgstr == "Voir [le programme](https://example.org/p)."
    assert not fixed.fuzzy
    assert "machine: google 2026-11-20" not in fixed.translator_comments
    msgfmt_check(po)


def test_nothing_to_review(make_project: Callable[..., Path]) -> None:
    root = demo_project(make_project, config='languages = ["fr", "ja"]\n')
    child = _spawn(root, "ja")
    child.expect("Nothing to review in ja")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
