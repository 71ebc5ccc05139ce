"""``summit-i18n compile`` as the console script runs it, after every kind of change.

Every change that could make a .mo stale — an edited, touched, new or removed catalog, a
removed .mo, another configuration — must be compiled again, and a project exactly as
the last compile left it must print nothing.  The console script (its commands loaded
on demand) must print and exit exactly as the whole typer application does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summit_i18n.cli import app
from tests.site_project import make_site_project, prefixer, translate

runner = CliRunner()


def compile_full(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-C", str(root), "compile", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = make_site_project(tmp_path / "p")
    for lang in ("fr", "ja"):
        translate(project, lang, "spring-summit", prefixer(f"{lang}: "))
        translate(project, lang, "site", prefixer(f"{lang}: "), fuzzy=True)
    assert compile_full(project.root)[0] == 0
    return project.root


def test_unchanged_project_prints_nothing(root: Path) -> None:
    assert compile_full(root) == (0, "", "")
    assert compile_full(root, "--lang=fr") == (0, "", "")
    assert compile_full(root, "-lfr", "-l", "fr") == (0, "", "")


def test_statistics_lines_of_an_unchanged_project(root: Path) -> None:
    code, out, first = compile_full(root, "--statistics")
    assert (code, out) == (0, "")
    assert first.count("\n") == 4
    # --statistics only prints: the same lines again, nothing compiled
    assert compile_full(root, "--statistics") == (0, "", first)


@pytest.mark.parametrize("change", [
    "edit", "touch", "new-catalog", "removed-catalog", "removed-mo", "config", "toml-appears",
])
def test_any_change_is_compiled_again(root: Path, change: str) -> None:
    po = root / "locale/fr/LC_MESSAGES/spring-summit.po"
    if change == "edit":  # same size, so only the mtime tells
        text = po.read_text(encoding="utf-8")
        po.write_text(text.replace("fr: Speakers", "fr: Speakerz"), encoding="utf-8")
    elif change == "touch":
        os.utime(po)
    elif change == "new-catalog":
        (po.parent / "extra.po").write_bytes(po.read_bytes())
    elif change == "removed-catalog":
        po.unlink()
    elif change == "removed-mo":
        po.with_suffix(".mo").unlink()
    elif change == "config":
        config = root / "summit-i18n.toml"
        config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "toml-appears":  # pyproject's table would no longer be the config
        config = root / "summit-i18n.toml"
        (root / "pyproject.toml").write_text(
            "[tool.summit-i18n]\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
        config.unlink()
        assert compile_full(root)[0] == 0
        (root / "summit-i18n.toml").write_text("", encoding="utf-8")
    code, out, _ = compile_full(root)
    assert code == 0
    if change in ("edit", "new-catalog", "removed-mo"):
        assert out  # compiled something
    # and is current again (a catalog without a template is compiled, and said to be)
    warned = ("locale/fr/LC_MESSAGES/extra.po: warning: no template locale/extra.pot (the "
              "catalog is used as it is; `summit-i18n extract` writes the templates, `update` "
              "cannot merge it)\n") if change == "new-catalog" else ""
    assert compile_full(root) == (0, "", warned)


def test_refused_catalog_exit_1(root: Path) -> None:
    po = root / "locale/fr/LC_MESSAGES/spring-summit.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x\\n"\nmsgstr "y"\n',
                  encoding="utf-8")
    assert compile_full(root)[0] == 1
    assert compile_full(root)[0] == 1  # still refused: no stamp says otherwise
    assert not po.with_suffix(".mo").exists()


def console(cwd: Path, *args: str) -> tuple[int, str, str]:
    """The console script's own entry point in a fresh interpreter."""
    code = ("import sys\nfrom summit_i18n.cli import main\n"
            f"sys.argv = ['summit-i18n', *{list(args)!r}]\nmain()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=cwd, check=False)
    return done.returncode, done.stdout, done.stderr


def test_found_upward_from_the_current_folder(root: Path) -> None:
    assert console(root / "locale", "compile") == (0, "", "")


def test_console_script_prints_and_exits_as_the_typer_application(tmp_path: Path) -> None:
    """The same sequence of commands on two copies of a project: one through the whole
    typer application (CliRunner), one through the console script's entry point."""
    outputs: dict[str, list[tuple[int, str, str]]] = {}
    for way in ("typer", "console"):
        project = make_site_project(tmp_path / way)
        for lang in ("fr", "ja"):
            translate(project, lang, "spring-summit", prefixer(f"{lang}: "))
            translate(project, lang, "site", prefixer(f"{lang}: "), fuzzy=True)
        root = project.root
        po = root / "locale/fr/LC_MESSAGES/site.po"
        broken = po.read_text(encoding="utf-8").replace(
            'msgstr "fr: Published on %(date)s"', 'msgstr "fr: Publié le %(jour)s"')
        steps: list[list[str]] = [
            ["compile", "--statistics"], ["compile", "-l", "ja", "--use-fuzzy"],
            ["compile", "-l", "de"], ["compile", "--use-fuzzy", "--statistics"],
            ["compile", "--lang=fr", "--use-fuzzy"],
        ]
        seen = []
        for step in steps:
            if step[-1] == "--statistics" and "--use-fuzzy" in step:
                po.write_text(broken, encoding="utf-8")  # a refusal: exit 1, path:line
            if way == "typer":
                seen.append(compile_full(root, *step[1:]))
            else:
                seen.append(console(root / "locale", *step))
        seen.append(console(tmp_path, "-C", str(tmp_path / "nowhere"), "compile")
                    if way == "console" else
                    (lambda r: (r.exit_code, r.stdout, r.stderr))(runner.invoke(
                        app, ["-C", str(tmp_path / "nowhere"), "compile"])))
        outputs[way] = seen
    assert outputs["console"] == outputs["typer"]
    codes = [code for code, _, _ in outputs["console"]]
    assert codes == [0, 0, 2, 1, 1, 2]
    assert "error: a format specification for argument 'jour'" in outputs["console"][3][2]
