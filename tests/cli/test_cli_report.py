"""``summit-i18n report``: writes one page, default and -o paths."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from summit_i18n.cli import app
from tests.unit.catalogs import demo_project

runner = CliRunner()


def test_report_to_file(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = demo_project(make_project)
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["-C", str(root), "report", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    # the machine draft, the stale entry, the untranslated one, the numbers warning
    assert result.stdout.strip() == f"{out}: 4 entries needing attention"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Le sommet dure cinq jours." in page


def test_report_default_path(make_project: Callable[..., Path]) -> None:
    root = demo_project(make_project)
    result = runner.invoke(app, ["-C", str(root), "report"])
    assert result.exit_code == 0, result.stderr
    assert (root / "site" / "i18n-report.html").is_file()


def test_report_needs_a_project(tmp_path: Path) -> None:
    result = runner.invoke(app, ["-C", str(tmp_path), "report"])
    assert result.exit_code == 2
    assert "no summit-i18n project" in result.stderr
