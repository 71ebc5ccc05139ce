"""``summit-i18n init``: from nothing to a built two-language site, as the README says."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from summit_i18n.cli import app

SCRIPT = Path(sys.executable).parent / "summit-i18n"
runner = CliRunner()


def run(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run([str(SCRIPT), *args], cwd=cwd, input=stdin, capture_output=True,
                            text=True, check=False, env=env, timeout=300)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result


def test_init_then_the_readme_walkthrough(tmp_path: Path,
                                          check_all_catalogs: Callable[[Path], int]) -> None:
    out = run(tmp_path, "init", "my-docs", "--lang", "fr", "--lang", "JA")
    assert out.stdout.splitlines() == ["my-docs/summit-i18n.toml: written",
                                       "my-docs/.gitignore: written",
                                       "my-docs/source/welcome.md: written"]
    root = tmp_path / "my-docs"
    config = tomllib.loads((root / "summit-i18n.toml").read_text(encoding="utf-8"))
    assert config["languages"] == ["fr", "ja"]
    assert config["site_name"] == "my-docs"
    assert not (root / "templates").exists()  # the built-in templates are used
    for step in (["extract"], ["update"], ["prefill", "--backend", "pseudo"]):
        run(root, *step)
    assert check_all_catalogs(root / "locale") == 6  # 2 .pot, 2 languages × 2 .po
    run(root, "review", "fr", stdin="a\n" * 40)  # a reviewer accepts every French draft
    built = run(root, "build")
    first, *held_back = built.stdout.splitlines()
    assert first.endswith("languages: en (1), fr (1)")
    assert held_back == ["held back: ja: welcome: 0 of 9 segments reviewed (0 %), threshold 80 %"]
    page = (root / "site/fr/welcome/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert (root / "site/index.html").is_file()
    assert not (root / "templates").exists()


def test_init_refuses_an_existing_project_and_keeps_files(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source/mine.md").write_text("# Mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path), "-l", "zh-Hant"])
    assert result.exit_code == 0, result.output
    assert "source/welcome.md" not in result.stdout  # the project has documents
    assert 'languages = ["zh_Hant"]' in (tmp_path / "summit-i18n.toml").read_text()
    again = runner.invoke(app, ["init", str(tmp_path)])
    assert again.exit_code == 2
    assert again.stderr.strip() == (f"error: {tmp_path} is already a summit-i18n project "
                                    "(summit-i18n.toml or [tool.summit-i18n] in pyproject.toml)")
    bad = runner.invoke(app, ["init", str(tmp_path / "new"), "-l", "xx-Nope"])
    assert bad.exit_code == 2
    assert bad.stderr.startswith("error: --lang xx-Nope: ")
    assert not (tmp_path / "new").exists()
