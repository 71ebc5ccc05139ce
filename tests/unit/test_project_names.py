"""The repository's own announcement follows its glossary: the co-hosts' own names."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from summit_i18n.checks import check_catalog, check_project
from summit_i18n.config import find_project
from summit_i18n.glossary import project_glossary
from summit_i18n.po import parse_po, read_po
from summit_i18n.render import build_site

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ["fr", "ja", "ko", "zh_Hant", "zh_Hans"]
NAME_CHECKS = {"glossary", "official-names", "doubled"}


def test_the_shipped_catalogs_have_no_name_findings() -> None:
    report = check_project(find_project(explicit=REPO))
    assert len(report.files) >= 10
    assert not report.unreadable
    assert [str(f) for f in report.findings
            if f.severity == "error" or f.check in NAME_CHECKS] == []


@pytest.mark.parametrize(("lang", "title"), [
    ("fr", "Sommet mondial sur la prévention et la lutte contre le prélèvement forcé d’organes"),
    ("ja", "強制臓器摘出の撲滅と防止に関する世界サミット"),
    ("ko", "강제 장기적출 근절 및 방지를 위한 월드 서밋"),
    ("zh_Hant", "打擊及防制活摘器官之世界峰會"),
    ("zh_Hans", "打击及防制活摘器官之世界峰会"),
])
def test_the_title_is_the_glossarys(lang: str, title: str) -> None:
    project = find_project(explicit=REPO)
    term = next(t for t in project_glossary(project).terms
                if t.english == "World Summit on Combating and Preventing Forced Organ Harvesting")
    assert term.rendering(lang) == title
    catalog = read_po(REPO / "locale" / lang / "LC_MESSAGES" / "summit-announcement.po")
    (entry,) = [e for e in catalog.entries if e.msgid == term.english]
    assert entry.msgstr == title
    assert entry.fuzzy  # a draft until a native reviewer accepts it
    assert entry.machine_provenance() == "draft 2026-12-01"


@pytest.mark.parametrize(("lang", "good", "wrong"), [
    ("ja", "強制臓器摘出に反対する医師団", "臓器の強制摘出に反対する医師会"),
    ("fr", "(CAP Liberté de Conscience)", "(CAP Freedom of Conscience)"),
    ("ko", "강제 장기적출 근절 및 방지를 위한 월드 서밋",
     "강제장기적출 퇴치 및 예방을 위한 세계 서밋"),
    ("zh_Hant", "打擊及防制活摘器官之世界峰會", "打擊與預防強制摘取器官世界峰會"),
])
def test_putting_back_an_avoided_name_fails_check(lang: str, good: str, wrong: str) -> None:
    project = find_project(explicit=REPO)
    path = REPO / "locale" / lang / "LC_MESSAGES" / "summit-announcement.po"
    text = path.read_text(encoding="utf-8")
    assert good in text
    catalog = parse_po(text.replace(good, wrong).encode("utf-8"), path=str(path))
    errors = [f for f in check_catalog(catalog, path=path.name, expected_lang=lang,
                                       glossary=project_glossary(project))
              if f.severity == "error"]
    assert errors
    assert {f.check for f in errors} == {"official-names"}
    assert all(wrong.strip("()") in f.message for f in errors)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_changed_year_is_still_reported(lang: str) -> None:
    path = REPO / "locale" / lang / "LC_MESSAGES" / "summit-announcement.po"
    text = path.read_text(encoding="utf-8")
    assert text.count("2018") == 2  # the English and its translation
    head, _, tail = text.partition("2018")
    catalog = parse_po((head + "2018" + tail.replace("2018", "2017", 1)).encode("utf-8"),
                       path=str(path))
    found = [f for f in check_catalog(catalog, path=path.name, expected_lang=lang)
             if f.check == "numbers"]
    assert [f.message for f in found] == ["number 2018 of the English missing from the translation"]


def test_the_built_pages_show_the_corrected_names(tmp_path: Path) -> None:
    root = tmp_path / "project"
    for name in ("source", "templates", "locale"):  # templates/: none, the built-in ones
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.mo"))
    (root / "summit-i18n.toml").write_text(f"languages = {LANGUAGES!r}\n".replace("'", '"'),
                                           encoding="utf-8")
    project = find_project(explicit=root)
    build_site(project, use_fuzzy=True)
    glossary = project_glossary(project)
    title, dafoh = (next(t for t in glossary.terms if t.english == english) for english in (
        "World Summit on Combating and Preventing Forced Organ Harvesting",
        "Doctors Against Forced Organ Harvesting"))
    for lang in LANGUAGES:
        folder = lang.replace("_", "-")
        page = (root / "site" / folder / "summit-announcement" / "index.html").read_text(
            encoding="utf-8")
        text = html.unescape(page.replace("<wbr>", ""))  # phrase breaks in CJK headings
        for term in (title, dafoh):
            entry = term.entry(lang)
            assert entry is not None
            assert entry.text in text, (lang, entry.text)
            assert not [wrong for wrong in entry.avoid if wrong in text], lang
        assert "與與" not in text
