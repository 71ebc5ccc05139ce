"""``summit-i18n review`` driven through a pseudo-terminal, as a person would."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect

from summit_i18n.po import read_po
from tests.unit.catalogs import demo_project

SCRIPT = Path(sys.executable).parent / "summit-i18n"
PROMPT = r"\[\?\] keys > "


def _spawn(root: Path, *args: str, editor: str = "", columns: int = 200) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": str(columns),
           "EDITOR": editor, "VISUAL": "", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    return pexpect.spawn(str(SCRIPT), ["-C", str(root), "review", *args], env=env,
                         encoding="utf-8", timeout=30, dimensions=(50, columns))


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
    child.sendline("e")  # no $EDITOR: inline, the draft already on the line
    child.expect("> Le sommet dure cinq jours.")
    child.send("\x15")  # Ctrl-U: readline clears the line
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


EDITOR_SCRIPT = """#!/bin/sh
# stands for a person in $EDITOR: keeps a copy of what it was given, writes a new text
cp "$1" "{seen}"
{{ printf 'Voir [le programme](https://example.org/p), mis à jour.\\n'; sed 1d "$1"; }} > "$1.new"
mv "$1.new" "$1"
"""


def test_edit_in_editor_records_who_and_signs_the_header(
        make_project: Callable[..., Path], tmp_path: Path,
        msgfmt_check: Callable[..., None]) -> None:
    root = demo_project(make_project, config='languages = ["fr"]\nreviewer = "Ada"\n')
    po = root / "locale/fr/LC_MESSAGES/demo.po"
    before = po.read_text(encoding="utf-8").splitlines()
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "editor.sh"
    editor.write_text(EDITOR_SCRIPT.format(seen=seen))
    editor.chmod(0o755)
    child = _spawn(root, "fr", "demo", "--reviewer", "Grace Hopper <grace@example.org>",
                   editor=str(editor))
    child.expect("Reviewing fr as Grace Hopper <grace@example.org>")
    child.expect(r"\[1/2\]")
    child.expect(PROMPT)
    child.sendline("?")
    child.expect(r"e +edit in \$VISUAL or \$EDITOR")
    child.expect(PROMPT)
    child.sendline("x")
    child.expect("unknown key 'x': press \\? for the keys")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect("saved")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(r"Accepted 0, edited 1, skipped 0; 2 draft\(s\) left\.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    # the editor got the draft on top, the English below the scissors line, as git commit
    given = seen.read_text(encoding="utf-8")
    assert given.startswith("Voir [le programme](https://example.org/q).\n"
                            "# ------------------------ >8 ------------------------\n")
    assert "#   See [the programme](https://example.org/p).\n" in given
    entry = read_po(po).find("See [the programme](https://example.org/p).")
    assert entry is not None
    assert entry.msgstr == "Voir [le programme](https://example.org/p), mis à jour."
    assert entry.fuzzy  # a draft until accepted
    assert entry.machine_provenance() is None
    assert entry.translator_comments[-1].startswith("edited: Grace Hopper 20")
    after = po.read_text(encoding="utf-8").splitlines()
    changed = {i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b}
    header_changes = [after[i] for i in sorted(changed) if i < 16]
    assert header_changes[0].startswith('"PO-Revision-Date: 20')
    assert header_changes[1] == '"Last-Translator: Grace Hopper <grace@example.org>\\n"'
    assert len(header_changes) == 2  # every other header line keeps its bytes
    msgfmt_check(po)


def test_long_text_wraps_at_word_boundaries(make_project: Callable[..., Path]) -> None:
    words = " ".join(f"word{i:02d}" for i in range(40))
    fr = po_text = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        f'#: source/demo.md:1\n#, fuzzy\nmsgid "{words}"\nmsgstr "{words.upper()}"\n')
    pot = po_text.replace(f'msgstr "{words.upper()}"', 'msgstr ""').replace("#, fuzzy\n", "")
    root = make_project({"locale/demo.pot": pot, "locale/fr/LC_MESSAGES/demo.po": fr},
                        config='languages = ["fr"]\nreviewer = "Ada"\n')
    child = _spawn(root, "fr", columns=40)
    child.expect("keys > ")
    shown = child.before or ""
    child.sendline("q")
    child.expect(pexpect.EOF)
    lines = [line.strip() for line in shown.replace("\r", "").split("\n")]
    english = [line for line in lines if line.startswith("word")]
    assert len(english) > 3  # wrapped: 40 words do not fit 40 columns
    for line in english:
        assert all(re.fullmatch(r"word\d\d", w) for w in line.split()), line
        assert len(line) <= 40
