"""The built-in page templates, and a project's templates/ overriding them file by file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from summit_i18n.config import find_project
from summit_i18n.extract import extract_project
from summit_i18n.po import read_po
from summit_i18n.render import build_site
from summit_i18n.site_templates import BUILTIN_DIR, effective_templates

MakeProject = Callable[..., Path]
PAGES = ["announcement.html", "base.html", "index.html", "root.html"]
DOC = "---\ntitle: Hello\ndate: 2026-05-01\n---\n\nA paragraph.\n"
REPO = Path(__file__).resolve().parents[2]


def test_the_package_ships_every_page_template() -> None:
    assert sorted(p.name for p in BUILTIN_DIR.glob("*.html")) == PAGES


def test_a_project_without_templates_uses_the_built_in_ones(make_project: MakeProject) -> None:
    project = find_project(explicit=make_project({"source/hello.md": DOC}))
    templates = effective_templates(project)
    assert [(t.name, t.shown, t.builtin) for t in templates] == [
        (name, f"templates/{name}", True) for name in PAGES]


def test_overrides_file_by_file_in_extract_and_build(make_project: MakeProject) -> None:
    index = (BUILTIN_DIR / "index.html").read_text(encoding="utf-8")
    mine = index.replace('{{ _("Announcements") }}', '{{ _("Our news") }}')
    root = make_project({"source/hello.md": DOC, "templates/index.html": mine,
                         "templates/extra.html": '{{ _("An extra page string") }}\n'},
                        config='languages = ["fr"]\n')
    project = find_project(explicit=root)
    assert [(t.name, t.builtin) for t in effective_templates(project)] == [
        ("announcement.html", True), ("base.html", True), ("extra.html", False),
        ("index.html", False), ("root.html", True)]
    extract_project(project)
    site = {e.msgid: e.references for e in read_po(root / "locale/site.pot")}
    assert "Announcements" not in site  # the built-in index.html is overridden
    assert site["Our news"] == ("templates/index.html:10",)
    assert site["An extra page string"] == ("templates/extra.html:1",)
    share_line = next(n for n, line in enumerate(
        (BUILTIN_DIR / "announcement.html").read_text(encoding="utf-8").splitlines(), 1)
        if "Share This" in line)
    assert site["Share This"] == (f"templates/announcement.html:{share_line}",)  # built in
    build_site(project)
    assert "Our news" in (root / "site/en/index.html").read_text(encoding="utf-8")
    assert "Share This" in (root / "site/en/hello/index.html").read_text(encoding="utf-8")


def test_the_repositorys_catalogs_match_the_built_in_templates(tmp_path: Path) -> None:
    """This repository has no templates/ of its own: its site.pot is the built-in set's."""
    if not (REPO / "locale/site.pot").is_file():
        pytest.skip("no locale/site.pot in this checkout")
    shutil.copytree(REPO / "source", tmp_path / "source")
    shutil.copytree(REPO / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    report = extract_project(find_project(explicit=tmp_path), check=True)
    assert [r.status for r in report.domains if r.domain == "site"] == ["unchanged"]


def test_the_wheel_carries_the_templates(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is not installed")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("summit_i18n-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"summit_i18n/templates/{name}" for name in PAGES} <= names
    assert {"summit_i18n/render/assets/site.css", "summit_i18n/report_template.html"} <= names
