"""``summit-i18n compile`` without typer: from the record, or run directly.

Every change that could make a .mo stale — an edited, touched, new or removed catalog, a
removed .mo, another configuration, other options — must send the command down the
full path; only a project exactly as the last compile left it is answered from the
record.  The direct path must print and exit exactly as the typer command does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summit_i18n.cli import app
from summit_i18n.cli._quick import from_record, parse_compile, quick_compile
from tests.site_project import make_site_project, prefixer, translate

runner = CliRunner()


def compile_full(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-C", str(root), "compile", *args])
    return result.exit_code, result.stdout, result.stderr


def quick(root: Path, *args: str) -> int | None:
    """0 when the record answers the command line, None when the full path must run."""
    parsed = parse_compile(["-C", str(root), "compile", *args])
    assert parsed is not None
    return from_record(parsed)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = make_site_project(tmp_path / "p")
    for lang in ("fr", "ja"):
        translate(project, lang, "spring-summit", prefixer(f"{lang}: "))
        translate(project, lang, "site", prefixer(f"{lang}: "), fuzzy=True)
    assert compile_full(project.root)[0] == 0
    return project.root


def age(path: Path, seconds: int = 10) -> None:
    """Move a file's mtime into the past, as if written well before the record."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def test_unchanged_project_is_skipped_without_the_full_path(root: Path) -> None:
    assert quick(root) == 0
    assert quick(root, "-l", "fr") is None  # another request: not recorded yet
    assert compile_full(root, "-l", "fr")[0] == 0
    assert quick(root, "--lang=fr") == 0
    assert quick(root, "-lfr", "-l", "fr") == 0
    assert quick(root) == 0  # the earlier request is still recorded


def test_statistics_lines_are_the_full_paths(root: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    _, _, full = compile_full(root, "--statistics")
    assert full.count("\n") == 4
    capsys.readouterr()
    # --statistics only prints: the record of the plain compile answers it
    assert quick(root, "--statistics") == 0
    assert capsys.readouterr().err == full
    assert quick(root, "--statistics", "--use-fuzzy") is None  # --use-fuzzy is another request


def test_console_script_on_an_unchanged_project_never_imports_typer(root: Path) -> None:
    code = ("import sys\n"
            "from summit_i18n.cli import main\n"
            f"sys.argv = ['summit-i18n', '-C', {str(root)!r}, 'compile']\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    print(exc.code)\n"
            "print('typer' in sys.modules, 'babel' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["0", "False", "False"]


@pytest.mark.parametrize("change", [
    "edit", "touch", "new-catalog", "removed-catalog", "removed-mo", "config", "toml-appears",
])
def test_any_change_takes_the_full_path(root: Path, change: str) -> None:
    assert quick(root) == 0
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
        assert quick(root) == 0
        (root / "summit-i18n.toml").write_text("", encoding="utf-8")
    assert quick(root) is None
    code, out, _ = compile_full(root)
    assert code == 0
    if change in ("edit", "new-catalog", "removed-mo"):
        assert out  # the full path compiled something
    assert quick(root) == 0  # and recorded the new state


def test_refused_catalog_drops_the_record(root: Path) -> None:
    po = root / "locale/fr/LC_MESSAGES/spring-summit.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x\\n"\nmsgstr "y"\n',
                  encoding="utf-8")
    assert compile_full(root)[0] == 1
    assert not (root / ".summit-i18n/compile.json").exists()
    assert quick(root) is None


def test_file_written_in_the_records_clock_tick_is_not_trusted(root: Path) -> None:
    record = root / ".summit-i18n/compile.json"
    po = root / "locale/fr/LC_MESSAGES/spring-summit.po"
    assert quick(root) == 0
    # Give the catalog the record's own mtime and record that: racily clean, like git.
    stamp = record.stat().st_mtime_ns
    os.utime(po, ns=(stamp, stamp))
    data = json.loads(record.read_text(encoding="utf-8"))
    for catalog in data["requests"]["*|reviewed"]["catalogs"]:
        if catalog[0] == "locale/fr/LC_MESSAGES/spring-summit.po":
            catalog[1] = [po.stat().st_size, stamp]
    record.write_text(json.dumps(data), encoding="utf-8")
    os.utime(record, ns=(stamp, stamp))
    assert quick(root) is None
    # the same record one tick later is trusted: the rule, not the edit, refused it
    os.utime(record, ns=(stamp + 10**9, stamp + 10**9))
    assert quick(root) == 0


@pytest.mark.parametrize("argv", [
    ["compile", "--help"], ["compile", "--force"], ["compile", "-l"], ["--version"],
    ["status"], ["-C"], ["compile", "extra"], ["--directory=", "compile"],
])
def test_other_command_lines_are_left_to_typer(root: Path, argv: list[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root / "locale")
    assert quick_compile(["compile"]) == 0  # found upward from the current folder
    assert parse_compile(argv) is None
    assert quick_compile(argv) is None


def test_damaged_record_takes_the_full_path(root: Path) -> None:
    record = root / ".summit-i18n/compile.json"
    for damage in ("{", "[]", '{"format": 1, "version": "0.1.0", "requests": {"*|reviewed": 3}}',
                   '{"format": 1, "version": "0.1.0", "requests": {"*|reviewed": '
                   '{"config": 1, "folders": [], "catalogs": []}}}'):
        record.write_text(damage, encoding="utf-8")
        age(record, -10)
        assert quick(root) is None
    assert compile_full(root)[0] == 0
    assert quick(root) == 0


def console(cwd: Path, *args: str) -> tuple[int, str, str]:
    """The console script's own entry point in a fresh interpreter."""
    code = ("import sys\nfrom summit_i18n.cli import main\n"
            f"sys.argv = ['summit-i18n', *{list(args)!r}]\nmain()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=cwd, check=False)
    return done.returncode, done.stdout, done.stderr


def test_direct_path_prints_and_exits_as_the_typer_command(tmp_path: Path) -> None:
    """The same sequence of commands on two copies of a project: one through typer
    (CliRunner), one through the console script's direct path."""
    outputs: dict[str, list[tuple[int, str, str]]] = {}
    for way in ("typer", "direct"):
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
                    if way == "direct" else
                    (lambda r: (r.exit_code, r.stdout, r.stderr))(runner.invoke(
                        app, ["-C", str(tmp_path / "nowhere"), "compile"])))
        outputs[way] = seen
    assert outputs["direct"] == outputs["typer"]
    codes = [code for code, _, _ in outputs["direct"]]
    assert codes == [0, 0, 2, 1, 1, 2]
    assert "error: a format specification for argument 'jour'" in outputs["direct"][3][2]
