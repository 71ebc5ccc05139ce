"""``summit-i18n extract [--check]``: exit codes, stdout, stderr, no churn."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summit_i18n.cli import app

# Extraction of the project's own templates: the default ones would add to them
# (tests/unit/test_site_templates.py covers the defaults and their overrides).
own_templates_only = pytest.mark.usefixtures("no_builtin_templates")

runner = CliRunner()
DOC = "---\ntitle: Hello\n---\n\n# Hello\n\nOne.\n\nTwo.\n"
MakeProject = Callable[..., Path]


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-C", str(root), "extract", *args])
    return result.exit_code, result.stdout, result.stderr


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted((root / "locale").glob("*.pot"))}


@own_templates_only
def test_extract_writes_one_template_per_domain(make_project: MakeProject) -> None:
    root = make_project({"source/hello.md": DOC, "templates/base.html": '{{ _("Menu") }}\n'})
    code, out, err = invoke(root)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "locale/hello.pot: written (3 messages from source/hello.md)",
        # the template's string and the site name (from the configuration)
        "locale/site.pot: written (2 messages from templates/)",
    ]


@own_templates_only
def test_second_run_changes_nothing(make_project: MakeProject) -> None:
    root = make_project({"source/hello.md": DOC, "templates/base.html": '{{ _("Menu") }}\n'})
    invoke(root)
    before = snapshot(root)
    code, out, err = invoke(root)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "locale/hello.pot: unchanged (3 messages from source/hello.md)",
        "locale/site.pot: unchanged (2 messages from templates/)",
    ]
    assert snapshot(root) == before


@own_templates_only
def test_check_exit_codes(make_project: MakeProject) -> None:
    root = make_project({"source/hello.md": DOC})
    code, out, err = invoke(root, "--check")
    assert code == 1
    assert out == "locale/hello.pot: out of date (3 messages from source/hello.md)\n"
    assert err == "1 template(s) out of date: run `summit-i18n extract`\n"
    assert not (root / "locale").exists()
    invoke(root)
    assert invoke(root, "--check")[0] == 0
    (root / "source/hello.md").write_text(DOC + "\nThree.\n")
    before = snapshot(root)
    assert invoke(root, "--check")[0] == 1
    assert snapshot(root) == before


def test_orphaned_template_is_listed_and_kept(make_project: MakeProject) -> None:
    root = make_project({"source/hello.md": DOC, "source/old.md": "# Old\n"})
    invoke(root)
    (root / "source/old.md").unlink()
    code, out, _ = invoke(root, "--check")
    assert code == 0
    assert "locale/old.pot: orphaned (kept: no source has this domain)" in out.splitlines()
    assert (root / "locale/old.pot").is_file()


def test_bad_front_matter_is_exit_3_with_location(make_project: MakeProject) -> None:
    root = make_project({"source/ok.md": DOC,
                         "source/x.md": "---\ntitle: Fine\nsummary: [oops\ndate: 2024\n---\n"})
    code, out, err = invoke(root)
    assert code == 3
    assert out == ""
    assert err == ("source/x.md:4: error: front matter is not valid YAML "
                   "(expected ',' or ']', but got ':')\n")
    assert len(err.splitlines()) == 1
    assert not (root / "locale").exists()


def test_broken_template_is_exit_3_with_location(make_project: MakeProject) -> None:
    root = make_project({"templates/base.html": "<p>\n{{ _('x') \n"})
    code, out, err = invoke(root)
    assert (code, out) == (3, "")
    assert err.startswith("templates/base.html:2: error: ")


def test_the_summit_project(summit_project: Path,
                            check_all_catalogs: Callable[[Path], int]) -> None:
    code, out, err = invoke(summit_project)
    assert (code, err) == (0, "")
    assert "locale/summit-announcement.pot: " in out
    assert check_all_catalogs(summit_project / "locale") >= 1
    assert invoke(summit_project, "--check")[0] == 0


@own_templates_only
def test_empty_project_says_there_is_nothing_to_extract(make_project: MakeProject) -> None:
    code, out, err = invoke(make_project({}))
    assert (code, out) == (0, "")
    assert err == "nothing to extract: no Markdown document in source/ and no templates/ folder\n"
