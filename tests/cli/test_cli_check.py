"""``summit-i18n check``: lines, JSON, --fail-on, --list, files without a project, exit 3."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from summit_i18n.checks import all_checks
from summit_i18n.cli import app
from tests.unit.catalogs import demo_project, entry, po

runner = CliRunner()
MakeProject = Callable[..., Path]
LINE_RE = re.compile(r"^\S+:\d+: (error|warning): \[[a-z-]+\] .+$")


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_shows_every_check() -> None:
    code, out, _ = invoke("check", "--list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(all_checks())
    for check, line in zip(all_checks(), lines, strict=True):
        assert line.split()[:2] == [check.id, check.severity]
        assert line.endswith(check.title)


def test_project_findings_are_one_line_each(make_project: MakeProject,
                                            check_all_catalogs: Callable[[Path], int]) -> None:
    root = demo_project(make_project)
    assert check_all_catalogs(root) == 2
    code, out, err = invoke("-C", str(root), "check")
    assert code == 1  # errors
    lines = out.splitlines()
    assert lines
    assert all(LINE_RE.match(line) for line in lines), lines
    link = [line for line in lines if "[markdown]" in line]
    assert link[0].startswith("locale/fr/LC_MESSAGES/demo.po:")
    assert link[0].endswith("(source/demo.md:3)")  # the English source reference
    assert "1 file(s) checked" in err


def test_fail_on(tmp_path: Path, msgfmt_check: Callable[..., None]) -> None:
    warn_only = tmp_path / "fr.po"
    warn_only.write_text(po("fr", entry("Founded in 2006.", "Fondée en 2007.")), encoding="utf-8")
    msgfmt_check(warn_only)
    assert invoke("check", str(warn_only))[0] == 0  # default: fail on errors only
    code, out, _ = invoke("check", "--fail-on", "warning", str(warn_only))
    assert code == 1
    assert "[numbers]" in out
    assert invoke("check", "--fail-on", "nonsense", str(warn_only))[0] == 2


def test_json(make_project: MakeProject) -> None:
    root = demo_project(make_project)
    code, out, _ = invoke("-C", str(root), "check", "--format", "json", "-l", "fr")
    assert code == 1
    data = json.loads(out)
    assert {"path", "line", "severity", "check", "message", "reference", "msgid",
            "msgstr"} <= set(data[0])
    assert {d["check"] for d in data} >= {"markdown", "numbers"}


def test_po_files_need_no_project(tmp_path: Path, corpus_dir: Path) -> None:
    path = corpus_dir / "po" / "ja_django-allauth_django.po"
    code, out, err = invoke("-C", str(tmp_path), "check", str(path))  # tmp_path: no project
    assert code == 0, err
    assert all(LINE_RE.match(line) for line in out.splitlines())


def test_unreadable_file_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    code, _, err = invoke("check", str(bad))
    assert code == 3
    assert re.search(rf"^{re.escape(str(bad))}:2: error: ", err, re.M), err
    assert "Traceback" not in err
    missing = tmp_path / "missing.po"
    code, _, err = invoke("check", str(missing))
    assert code in (2, 3)
    assert "Traceback" not in err


def test_suppression_per_entry_and_per_project(make_project: MakeProject,
                                               check_all_catalogs: Callable[[Path], int]) -> None:
    fr = po("fr", entry("Founded in 2006.", "Fondée en 2007.", flags="no-numbers-check"),
            entry("Since 1999.", "Depuis 1998."))
    pot = po(None, entry("Founded in 2006."), entry("Since 1999."))
    root = make_project({"locale/d.pot": pot, "locale/fr/LC_MESSAGES/d.po": fr},
                        config='languages = ["fr"]\n')
    assert check_all_catalogs(root) == 2
    out = invoke("-C", str(root), "check", "--fail-on", "warning")[1]
    assert out.count("[numbers]") == 1
    assert "Since" not in out  # lines, not texts
    (root / "summit-i18n.toml").write_text('languages = ["fr"]\n[checks]\ndisable = ["numbers"]\n')
    code, out, _ = invoke("-C", str(root), "check", "--fail-on", "warning")
    assert "[numbers]" not in out
    assert code == 0


def test_unknown_language_is_a_usage_error(make_project: MakeProject) -> None:
    root = demo_project(make_project)
    code, _, err = invoke("-C", str(root), "check", "-l", "de")
    assert code == 2
    assert "de not among this project's languages" in err


def test_the_summit_catalogs(summit_project: Path) -> None:
    """The project's own catalogs (drafts included) have no error a reviewer would call false."""
    files = list((summit_project / "locale").rglob("*.po"))
    assert len(files) >= 5
    code, out, err = invoke("-C", str(summit_project), "check")
    assert code == 0, out
    assert f"{len(files)} file(s) checked: 0 error(s)" in err
