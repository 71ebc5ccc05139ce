"""Start-up: a command line loads typer and the command it names, nothing heavy before
the command runs (see summit_i18n.cli._app), and what a no-op compile needs is small."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.site_project import make_site_project, prefixer, translate

HEAVY = ("pydantic", "babel", "rich", "jinja2", "markdown_it", "yaml", "rapidfuzz", "numpy",
         "PIL", "opencc", "filelock", "summit_i18n.po", "summit_i18n.checks",
         "summit_i18n.catalog", "summit_i18n.render.site", "summit_i18n.extract.markdown",
         "summit_i18n.update.merging", "summit_i18n.glossary")
COMMAND_MODULES = ("build", "check", "compile", "extract", "init", "prefill", "report",
                   "review", "serve", "status", "update")


def loaded(cwd: Path, *args: str) -> tuple[int, set[str]]:
    """The exit code of the console script's entry point, and the modules it imported."""
    code = ("import sys\nfrom summit_i18n.cli import main\n"
            f"sys.argv = ['summit-i18n', *{list(args)!r}]\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
            "print(code)\nprint(' '.join(sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=cwd, check=True).stdout.splitlines()
    return int(out[-2] or 0), set(out[-1].split())


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY)


def commands(modules: set[str]) -> list[str]:
    return sorted(m for m in COMMAND_MODULES if f"summit_i18n.cli.{m}" in modules)


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["compile", "--help"]])
def test_version_and_help_load_nothing_heavy(tmp_path: Path, args: list[str]) -> None:
    code, modules = loaded(tmp_path, *args)
    assert code == 0
    assert heavy(modules) == []
    # --help lists every command from the table of their summaries: none is loaded
    assert commands(modules) == (["compile"] if "compile" in args else [])


def test_unchanged_compile_loads_only_what_it_needs(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate(project, "fr", "site", prefixer("fr: "))
    assert loaded(project.root, "compile")[0] == 0
    code, modules = loaded(project.root, "-q", "compile", "-l", "fr")
    assert code == 0
    assert heavy(modules) == []
    assert commands(modules) == ["compile"]


def test_a_usage_error_loads_no_command(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "statu")
    assert code == 2
    assert commands(modules) == []
    assert heavy(modules) == []


def test_the_commands_table_says_what_each_commands_help_says() -> None:
    import inspect

    import typer.main

    from summit_i18n.cli import app
    from summit_i18n.cli._app import COMMANDS

    group = typer.main.get_command(app)
    assert list(COMMANDS) == sorted(COMMAND_MODULES)
    for name, summary in COMMANDS.items():
        command = group.get_command(None, name)  # type: ignore[attr-defined, arg-type]
        assert command is not None
        assert inspect.cleandoc(command.help).split("\n\n")[0] == summary, name


def test_help_lists_the_commands_as_typer_does(tmp_path: Path) -> None:
    """The same bytes as the whole application (every command loaded) writes."""
    import os

    whole = ("import sys\nfrom summit_i18n.cli import app\nsys.argv = ['summit-i18n', '--help']\n"
             "app(prog_name='summit-i18n')\n")
    for columns in ("60", "80", "120"):
        env = {**os.environ, "COLUMNS": columns, "NO_COLOR": "1"}
        runs = [subprocess.run(args, capture_output=True, text=True, env=env, cwd=tmp_path,
                               check=False) for args in (
            [sys.executable, "-c", whole], [sys.executable, "-m", "summit_i18n", "--help"])]
        assert runs[0].stdout == runs[1].stdout.replace("python -m summit_i18n", "summit-i18n")
        assert "Commands:" in runs[0].stdout
        assert [r.returncode for r in runs] == [0, 0], columns


@pytest.mark.parametrize("command", [["update"], ["extract"], ["build"], ["status"]])
def test_a_command_with_nothing_to_do_loads_nothing_heavy(tmp_path: Path,
                                                          command: list[str]) -> None:
    project = make_site_project(tmp_path / "p")
    translate(project, "fr", "spring-summit", prefixer("fr: "))
    # (a merge that wrote a catalog is remembered once a merge finds nothing to change)
    for args in (["extract"], ["update"], ["update"], ["compile"], ["build"], ["status"]):
        assert loaded(project.root, *args)[0] == 0
    code, modules = loaded(project.root, *command)
    assert code == 0
    assert heavy(modules) == []
    assert commands(modules) == command
