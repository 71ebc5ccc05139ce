"""The conventions people expect of a command line: language names in any spelling
with a suggestion on a miss, word placeholders in help, shell completion, -q/-v,
colour only on a terminal, one summary after errors, every configuration error."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from summit_i18n.cli import app
from tests.unit.catalogs import demo_project, entry, po

runner = CliRunner()
MakeProject = Callable[..., Path]
SCRIPT = Path(sys.executable).parent / "summit-i18n"
COMMANDS = ["init", "extract", "update", "prefill", "check", "status", "review", "report",
            "compile", "build", "serve"]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def chinese_project(make_project: MakeProject) -> Path:
    pot = po(None, entry("Hello."))
    files = {"locale/site.pot": pot}
    for lang in ("fr", "zh_Hant", "zh_Hans"):
        files[f"locale/{lang}/LC_MESSAGES/site.po"] = po(lang, entry("Hello.", f"{lang}!"))
    return make_project(files, config='languages = ["fr", "zh_Hant", "zh_Hans"]\n')


@pytest.mark.parametrize("given", ["zh_Hant", "zh-Hant", "zh-hant", "ZH_HANT", "zh_hant"])
def test_lang_takes_folder_name_tag_and_any_case(make_project: MakeProject, given: str) -> None:
    root = chinese_project(make_project)
    code, out, err = invoke("-C", str(root), "status", "-l", given)
    assert code == 0, err
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["zh_Hant"]


def test_lang_upper_case(make_project: MakeProject) -> None:
    root = chinese_project(make_project)
    code, out, _ = invoke("-C", str(root), "status", "-l", "FR", "-l", "zh-HANS")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["fr", "zh_Hans", "total"]


@pytest.mark.parametrize(("given", "suggestion"), [
    ("zh_Hnt", "'zh_Hant'"), ("zh-TW", "'zh_Hant'"), ("zh", "'zh_Hant' or 'zh_Hans'"),
    ("frr", "'fr'")])
def test_lang_miss_suggests_the_closest(make_project: MakeProject, given: str,
                                        suggestion: str) -> None:
    root = chinese_project(make_project)
    code, _, err = invoke("-C", str(root), "update", "-l", given)
    assert code == 2
    assert err.strip() == (f"error: {given} not among this project's languages "
                           f"(fr, zh_Hant, zh_Hans) (did you mean {suggestion}?)")


def test_all_configuration_errors_at_once_with_suggestions(tmp_path: Path) -> None:
    (tmp_path / "summit-i18n.toml").write_text(
        'languges = ["fr"]\nlanguages = ["fr", "zh-Hant"]\npublish_threshold = 2\n'
        '[prefill]\nbackend = "pseudo"\nworkres = 4\n[checks]\ndisabled = ["numbers"]\n')
    result = subprocess.run([sys.executable, "-m", "summit_i18n", "-C", str(tmp_path), "status"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    path = tmp_path / "summit-i18n.toml"
    assert result.stderr.splitlines() == [
        f"{path}: error: languges: unknown key (did you mean 'languages'?)",
        f"{path}: error: languages: 'zh-Hant' is not a locale name like 'fr', 'pt_BR' or "
        "'zh_Hant' (did you mean 'zh_Hant'?)",
        f"{path}: error: publish_threshold: must be a number from 0 to 1",
        f"{path}: error: prefill.workres: unknown key (did you mean 'workers'?)",
        f"{path}: error: checks.disabled: unknown key (did you mean 'disable'?)",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_placeholders_are_words(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0
    assert not re.search(r"<(str|int|float|bool|Path|list|text\|)", out), out  # no Python types
    assert "list[" not in out
    assert "{" not in out.splitlines()[0]  # usage: LANG, not {LANG}
    for option in re.findall(r"^\s+(-\S.*?)  ", out, re.M):
        # every value placeholder is one upper-case word: LANG, FILE, N, NAME
        for placeholder in re.findall(r"--[\w-]+ (\S+)", option):
            assert re.fullmatch(r"[A-Z]+", placeholder), (command, option)
    if command in {"update", "prefill", "check", "status", "compile"}:
        assert "-l, --lang LANG" in out


def test_help_shows_brackets_as_written() -> None:
    out = invoke("check", "--help")[1]
    assert "path:line: severity: [check] message" in " ".join(out.split())
    assert "[FILE]..." in out


def test_completion_of_languages_and_domains(make_project: MakeProject) -> None:
    root = chinese_project(make_project)
    env = {**os.environ, "_SUMMIT_I18N_COMPLETE": "complete_bash"}

    def complete(words: str) -> list[str]:
        cword = len(words.split()) - (0 if words.endswith(" ") else 1)
        result = subprocess.run([str(SCRIPT)], cwd=root, capture_output=True, text=True,
                                check=False, env={**env, "COMP_WORDS": words,
                                                  "COMP_CWORD": str(cword)})
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    assert complete("summit-i18n update -l zh") == ["zh_Hant", "zh_Hans"]
    assert complete("summit-i18n check -l z") == ["zh_Hant", "zh_Hans"]
    assert complete("summit-i18n review ") == ["fr", "zh_Hant", "zh_Hans"]
    assert complete("summit-i18n review fr s") == ["site"]
    assert complete(f"summit-i18n -C {root} compile -l f") == ["fr"]
    for shell in ("bash", "zsh", "fish"):
        script = subprocess.run([str(SCRIPT), "--show-completion", shell], capture_output=True,
                                text=True, check=False, env={**os.environ, "SHELL": shell})
        assert script.returncode == 0, script.stderr
        assert "_SUMMIT_I18N_COMPLETE" in script.stdout


def test_quiet_and_verbose(make_project: MakeProject) -> None:
    root = chinese_project(make_project)
    code, out, err = invoke("-C", str(root), "update")
    assert code == 0
    assert out.count("site.po") == 3
    code, out, err = invoke("-C", str(root), "-q", "update")
    assert (code, out, err) == (0, "", "")
    code, out, err = invoke("-C", str(root), "-v", "update")
    assert code == 0
    assert f"project: {root.resolve()} (configuration: summit-i18n.toml); " \
        "languages: fr, zh_Hant, zh_Hans" in err
    assert invoke("-C", str(root), "-q", "-v", "update")[0] == 2
    # findings are results: -q keeps them and drops the summary
    code, out, err = invoke("-C", str(root), "-q", "check", "--fail-on", "warning")
    assert "file(s) checked" not in err


def test_quiet_on_the_direct_compile_path(make_project: MakeProject) -> None:
    root = chinese_project(make_project)
    loud = subprocess.run([str(SCRIPT), "-C", str(root), "compile", "--use-fuzzy"],
                          capture_output=True, text=True, check=False)
    assert loud.returncode == 0
    assert loud.stdout.count(".mo") == 3
    for mo in root.rglob("*.mo"):
        mo.unlink()
    quiet = subprocess.run([str(SCRIPT), "-q", "-C", str(root), "compile", "--use-fuzzy"],
                           capture_output=True, text=True, check=False)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert len(list(root.rglob("*.mo"))) == 3


def _broken(tmp_path: Path) -> Path:
    bad = tmp_path / "fr.po"
    bad.write_text(po("fr", entry("See %(n)s.", "Voir %(m)s.", flags="python-format")),
                   encoding="utf-8")
    return bad


def _on_a_terminal(*args: str, no_color_env: bool = False) -> str:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "200"}
    env.pop("NO_COLOR", None)
    if no_color_env:
        env["NO_COLOR"] = "1"
    child = pexpect.spawn(str(SCRIPT), list(args), env=env, encoding="utf-8", timeout=30,
                          dimensions=(40, 200))
    child.expect(pexpect.EOF)
    child.close()
    return child.before or ""


def test_colour_on_a_terminal_unless_no_color(tmp_path: Path) -> None:
    bad = str(_broken(tmp_path))
    shown = _on_a_terminal("check", bad)
    assert "\x1b[1;31merror\x1b[0m: [placeholders]" in shown or \
        re.search(r"\x1b\[1;31merror\x1b\[0m: \[\w+\]", shown), shown
    assert "\x1b[1;31m1 file(s) checked: " in shown
    assert "\x1b[" not in _on_a_terminal("check", bad, no_color_env=True)
    assert "\x1b[" not in _on_a_terminal("--no-color", "check", bad)
    # and never in a pipe
    piped = subprocess.run([str(SCRIPT), "check", bad], capture_output=True, text=True,
                           check=False, env={k: v for k, v in os.environ.items()
                                             if k != "NO_COLOR"})
    assert "\x1b[" not in piped.stdout + piped.stderr


def test_one_summary_after_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.po"
    code, _, err = invoke("check", str(missing))
    assert code == 3
    lines = err.splitlines()
    assert lines[0].startswith(f"{missing}: error: cannot read catalog")
    assert lines[1:] == ["0 file(s) checked: 0 error(s), 0 warning(s); "
                         "1 file(s) could not be read"]


def test_compile_files(tmp_path: Path, msgfmt_check: Callable[..., None],
                       make_project: MakeProject) -> None:
    root = demo_project(make_project)
    good = root / "locale/fr/LC_MESSAGES/demo.po"
    code, out, err = invoke("compile", "--use-fuzzy", str(good))
    assert (code, err) == (0, ""), err
    assert out == f"{good.with_suffix('.mo')}\n"
    msgfmt_check(good, use_fuzzy=True)
    bad = _broken(tmp_path)
    missing = tmp_path / "missing.po"
    code, out, err = invoke("compile", str(good), str(bad), str(missing))
    assert code == 3
    assert not bad.with_suffix(".mo").exists()
    lines = err.splitlines()
    assert lines[0].startswith(f"{missing}: error: cannot read catalog")
    assert re.match(rf"{re.escape(str(bad))}:\d+: error: ", lines[1])
    assert lines[-1] == ("1 catalog(s) refused: 1 error(s); 1 other catalog(s) compiled or "
                         "current; 1 file(s) could not be read")
    assert invoke("compile", "-l", "fr", str(good))[0] == 2
