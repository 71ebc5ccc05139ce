"""Every command has help with an example; errors reach users as one line, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summit_i18n import __version__
from summit_i18n.cli import app

COMMANDS = [
    "init", "extract", "update", "prefill", "check", "status", "review", "report", "compile",
    "build", "serve",
]
runner = CliRunner()


def test_every_command_is_registered() -> None:
    registered = {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}
    assert set(COMMANDS) <= registered


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_has_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output or "example" in result.output
    assert f"summit-i18n {command}" in " ".join(result.output.split())


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"summit-i18n {__version__}"


def test_no_project_is_a_usage_error_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "summit_i18n", "-C", str(tmp_path), "status"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert "error: no summit-i18n project" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_config_names_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "summit-i18n.toml").write_text('languages = ["fr"]\ncolour = "red"\n')
    result = subprocess.run(
        [sys.executable, "-m", "summit_i18n", "-C", str(tmp_path), "update"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith("summit-i18n.toml: error: colour: unknown key")
    assert "Traceback" not in result.stderr
