"""``summit-i18n compile``: .mo files, msgfmt's errors with exit 1, --statistics, skipping."""

from __future__ import annotations

import gettext
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from summit_i18n.cli import app
from tests.site_project import make_site_project, prefixer, translate

runner = CliRunner()


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-C", str(root), "compile", *args])
    return result.exit_code, result.stdout, result.stderr


def mo_of(path: Path) -> gettext.GNUTranslations:
    with path.open("rb") as fh:
        return gettext.GNUTranslations(fh)


def project_with_fr_ja(tmp_path: Path) -> Path:
    project = make_site_project(tmp_path / "p")
    for lang in ("fr", "ja"):
        translate(project, lang, "spring-summit", prefixer(f"{lang}: "))
        translate(project, lang, "site", prefixer(f"{lang}: "), fuzzy=True)
    return project.root


def test_compile_writes_mo_files_python_can_read(tmp_path: Path) -> None:
    root = project_with_fr_ja(tmp_path)
    code, out, err = invoke(root)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "locale/fr/LC_MESSAGES/site.mo", "locale/fr/LC_MESSAGES/spring-summit.mo",
        "locale/ja/LC_MESSAGES/site.mo", "locale/ja/LC_MESSAGES/spring-summit.mo"]
    mo = root / "locale/fr/LC_MESSAGES/spring-summit.mo"
    assert mo_of(mo).gettext("Speakers") == "fr: Speakers"
    # fuzzy (draft) UI strings are left out unless --use-fuzzy
    site = mo_of(root / "locale/fr/LC_MESSAGES/site.mo")
    assert site.gettext("Announcements") == "Announcements"


def test_second_run_skips_and_statistics_still_printed(tmp_path: Path) -> None:
    root = project_with_fr_ja(tmp_path)
    invoke(root)
    code, out, err = invoke(root, "-l", "fr", "--statistics")
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        "locale/fr/LC_MESSAGES/site.po: 0 translated messages, 21 fuzzy translations.",
        "locale/fr/LC_MESSAGES/spring-summit.po: 7 translated messages.",
    ]


def test_statistics_line_is_msgfmts(tmp_path: Path) -> None:
    root = project_with_fr_ja(tmp_path)
    po = root / "locale/ja/LC_MESSAGES/site.po"
    expected = subprocess.run(["msgfmt", "--statistics", "--use-fuzzy", "-o", "/dev/null",
                               str(po)], capture_output=True, text=True, check=True).stderr
    code, _, err = invoke(root, "-l", "ja", "--use-fuzzy", "--statistics")
    assert code == 0
    assert f"locale/ja/LC_MESSAGES/site.po: {expected.strip()}" in err.splitlines()
    t = mo_of(root / "locale/ja/LC_MESSAGES/site.mo")
    assert t.gettext("Announcements") == "ja: Announcements"


def test_refused_catalog_exit_1_and_no_mo(tmp_path: Path) -> None:
    root = project_with_fr_ja(tmp_path)
    invoke(root)
    po = root / "locale/fr/LC_MESSAGES/site.po"
    # Deliberately broken (msgfmt --check refuses it too, asserted below).
    text = po.read_text(encoding="utf-8").replace(
        'msgstr "fr: Published on %(date)s"', 'msgstr "fr: Publié le %(jour)s"')
    po.write_text(text.replace("#, fuzzy, python-format", "#, python-format"), encoding="utf-8")
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                          capture_output=True, check=False).returncode == 1
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "%(jour)s" in ln)
    code, out, err = invoke(root, "-l", "fr")
    assert code == 1
    assert out == ""
    assert err == (f"locale/fr/LC_MESSAGES/site.po:{line}: error: a format specification for "
                   "argument 'jour', as in 'msgstr', doesn't exist in 'msgid'\n"
                   "1 catalog(s) refused: 1 error(s); 1 other catalog(s) compiled or current\n")
    assert not (root / "locale/fr/LC_MESSAGES/site.mo").exists()


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    root = project_with_fr_ja(tmp_path)
    code, _, err = invoke(root, "-l", "de")
    assert code == 2
    assert "de not among this project's languages" in err
