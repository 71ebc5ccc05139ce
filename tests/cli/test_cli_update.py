"""``summit-i18n update``: exit codes, output lines, --check, -l, no churn, concurrent runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from summit_i18n import po, workspace
from summit_i18n.cli import app
from summit_i18n.config import find_project

runner = CliRunner()

POT = """\
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: demo\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2026-01-01 00:00+0000\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"Language: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

#: source/a.md:1
msgid "The summit brings together doctors, lawyers and journalists."
msgstr ""

#: source/a.md:3
msgid "%d speaker"
msgid_plural "%d speakers"
msgstr[0] ""
msgstr[1] ""
"""

EDITED = "The summit brings together doctors, lawyers and reporters."


def _project(make_project: Callable[..., Path]) -> Path:
    return make_project({"locale/a.pot": POT}, config='languages = ["fr", "ja"]\n')


def _invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-C", str(root), "update", *args])
    return result.exit_code, result.stdout, result.stderr


def _snapshot(root: Path) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*.po"))}


def _translate(path: Path) -> None:
    catalog = po.read_po(path)
    catalog.entries[0].msgstr = "Le sommet réunit des médecins, des juristes et des journalistes."
    po.write_po(catalog, path)


def test_creates_catalogs_then_changes_no_byte_and_no_mtime(
    make_project: Callable[..., Path], check_all_catalogs: Callable[[Path], int]
) -> None:
    root = _project(make_project)
    code, out, err = _invoke(root)
    assert code == 0, err
    assert out.splitlines() == ["fr/a.po: created (2 messages)", "ja/a.po: created (2 messages)"]
    assert check_all_catalogs(root / "locale") == 3
    before = _snapshot(root)
    code, out, _ = _invoke(root)
    assert code == 0
    assert out.splitlines() == ["fr/a.po: unchanged", "ja/a.po: unchanged"]
    assert _snapshot(root) == before


def test_reports_new_fuzzy_and_obsolete(
    make_project: Callable[..., Path], check_all_catalogs: Callable[[Path], int]
) -> None:
    root = _project(make_project)
    _invoke(root)
    _translate(root / "locale/fr/LC_MESSAGES/a.po")
    pot = root / "locale/a.pot"
    pot.write_text(POT.replace("journalists.", "reporters.").replace(
        '#: source/a.md:3\nmsgid "%d speaker"', '#: source/a.md:5\nmsgid "A new line"\n'
        'msgstr ""\n\n#: source/a.md:3\nmsgid "%d speaker"'), encoding="utf-8")
    code, out, err = _invoke(root, "-l", "fr")
    assert code == 0, err
    assert out.splitlines() == ["fr/a.po: updated: 1 new, 1 fuzzy, 0 obsolete"]
    entry = po.read_po(root / "locale/fr/LC_MESSAGES/a.po").find(EDITED)
    assert entry is not None
    assert entry.fuzzy
    assert entry.previous_msgid == "The summit brings together doctors, lawyers and journalists."
    check_all_catalogs(root / "locale")


def test_no_fuzzy_matching_makes_the_old_translation_obsolete(
    make_project: Callable[..., Path],
) -> None:
    root = _project(make_project)
    _invoke(root, "-l", "fr")
    _translate(root / "locale/fr/LC_MESSAGES/a.po")
    pot = root / "locale/a.pot"
    pot.write_text(POT.replace("journalists.", "reporters."), encoding="utf-8")
    code, out, _ = _invoke(root, "-l", "fr", "--no-fuzzy-matching")
    assert code == 0
    assert out.splitlines() == ["fr/a.po: updated: 1 new, 0 fuzzy, 1 obsolete"]
    catalog = po.read_po(root / "locale/fr/LC_MESSAGES/a.po")
    assert [e.msgid for e in catalog.obsolete_entries()] == [
        "The summit brings together doctors, lawyers and journalists."]


def test_check_exits_1_and_writes_nothing(make_project: Callable[..., Path]) -> None:
    root = _project(make_project)
    code, out, _ = _invoke(root, "--check")
    assert code == 1
    assert out.splitlines() == ["fr/a.po: would be created (2 messages)",
                                "ja/a.po: would be created (2 messages)"]
    assert list(root.rglob("*.po")) == []
    _invoke(root)
    assert _invoke(root, "--check")[0] == 0
    pot = root / "locale/a.pot"
    pot.write_text(POT.replace("journalists.", "reporters."), encoding="utf-8")
    before = _snapshot(root)
    code, out, _ = _invoke(root, "--check", "-l", "ja")
    assert code == 1
    assert out.splitlines() == ["ja/a.po: would change: 1 new, 0 fuzzy, 0 obsolete"]
    assert _snapshot(root) == before


def test_lang_option_selects_catalogs(make_project: Callable[..., Path]) -> None:
    root = _project(make_project)
    code, out, _ = _invoke(root, "-l", "ja")
    assert code == 0
    assert out.splitlines() == ["ja/a.po: created (2 messages)"]
    assert [p.relative_to(root).as_posix() for p in root.rglob("*.po")] == [
        "locale/ja/LC_MESSAGES/a.po"]


def test_unknown_language_is_a_usage_error(make_project: Callable[..., Path]) -> None:
    root = _project(make_project)
    code, out, err = _invoke(root, "-l", "de")
    assert code == 2
    assert out == ""
    assert err.strip() == "error: de not among this project's languages (fr, ja)"
    assert list(root.rglob("*.po")) == []


def test_no_templates_is_a_usage_error(make_project: Callable[..., Path]) -> None:
    root = make_project({}, config='languages = ["fr"]\n')
    code, _, err = _invoke(root)
    assert code == 2
    assert "error: no templates in locale/" in err
    assert "summit-i18n extract" in err


def test_malformed_catalog_is_bad_input_and_nothing_is_written(
    make_project: Callable[..., Path],
) -> None:
    root = _project(make_project)
    _invoke(root)
    bad = root / "locale/fr/LC_MESSAGES/a.po"
    bad.write_text(bad.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    before = _snapshot(root)
    (root / "locale/a.pot").write_text(POT.replace("journalists.", "reporters."), encoding="utf-8")
    code, _, err = _invoke(root, "-l", "fr")
    assert code == 3
    assert err.startswith(f"{bad}:")
    assert ": error: " in err
    assert "Traceback" not in err
    assert _snapshot(root) == before


def _spawn(root: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "summit_i18n", "-C", str(root), "update"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def test_two_concurrent_runs_serialize(
    make_project: Callable[..., Path], tmp_path: Path, check_all_catalogs: Callable[[Path], int]
) -> None:
    root = _project(make_project)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    with workspace.locked(find_project(explicit=root)):  # both start while another run holds it
        runs = [_spawn(root, env), _spawn(root, env)]
        time.sleep(1.5)
        assert [r.poll() for r in runs] == [None, None], "both wait for the lock"
        assert list(root.rglob("*.po")) == []
    outputs = [r.communicate(timeout=120) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    statuses = sorted(out for out, _ in outputs)
    # One run created both catalogs, the other found nothing left to do.
    assert statuses == ["fr/a.po: created (2 messages)\nja/a.po: created (2 messages)\n",
                        "fr/a.po: unchanged\nja/a.po: unchanged\n"]
    check_all_catalogs(root / "locale")

    # The result is what two runs one after the other give.
    sequential = tmp_path / "sequential"
    (sequential / "locale").mkdir(parents=True)
    (sequential / "summit-i18n.toml").write_text('languages = ["fr", "ja"]\n')
    (sequential / "locale/a.pot").write_text(POT, encoding="utf-8")
    for _ in range(2):
        run = _spawn(sequential, env)
        run.communicate(timeout=120)
        assert run.returncode == 0
    for lang in ("fr", "ja"):
        rel = f"locale/{lang}/LC_MESSAGES/a.po"
        assert (root / rel).read_bytes() == (sequential / rel).read_bytes()
