"""``summit-i18n build``: the site, warnings on stderr, -o, up-to-date rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from summit_i18n.cli import app
from tests.site_project import make_site_project, prefixer, translate, translate_all

runner = CliRunner()


def invoke(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-C", str(root), "build", *args])
    return result.exit_code, result.stdout, result.stderr


def test_build_reports_pages_and_languages(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr",))
    translate_all(project, languages=("ja",), fuzzy=True)
    code, out, err = invoke(project.root)
    assert (code, err) == (0, "")
    assert out == "site/: 5 pages, 12 files written; languages: en (1), fr (1)\n"
    code, out, _ = invoke(project.root, "--use-fuzzy")
    assert code == 0
    assert out == "site/: 7 pages, 10 files written; languages: en (1), fr (1), ja (1)\n"
    code, out, _ = invoke(project.root, "--use-fuzzy")
    assert (code, out) == (0, "site/: up to date\n")
    assert (project.root / "site/ja/spring-summit/index.html").is_file()


def test_output_dir_and_warnings(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr",))
    msgid = "Read the [programme](https://example.org/programme) before you register."
    translate(project, "fr", "spring-summit",
              lambda m: "[Lisez](javascript:alert(1))" if m == msgid else f"FR: {m}")
    out_dir = tmp_path / "preview"
    code, out, err = invoke(project.root, "-o", str(out_dir))
    assert code == 0
    assert out.startswith(f"{out_dir}/: 5 pages")
    assert err.startswith("locale/fr/LC_MESSAGES/spring-summit.po:")
    assert ": warning: the translation lacks the English link" in err
    assert (out_dir / "fr" / "spring-summit" / "index.html").is_file()
    assert not (project.root / "site").exists()


def test_a_template_the_project_lacks_is_the_built_in_one(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    (project.root / "templates" / "root.html").unlink()
    index = project.root / "templates" / "index.html"
    index.write_text(index.read_text().replace("<h1>", '<h1 class="overridden">', 1))
    code, _, err = invoke(project.root)
    assert (code, err) == (0, "")
    root_page = (project.root / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in root_page  # the built-in root.html
    assert '<h1 class="overridden">' in (project.root / "site/en/index.html").read_text()
    shutil.rmtree(project.root / "templates")  # no templates/ at all: every page built in
    assert invoke(project.root, "-o", str(tmp_path / "again"))[0] == 0
    assert (tmp_path / "again" / "en" / "spring-summit" / "index.html").is_file()


def test_broken_template_reports_file_and_line(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate(project, "fr", "site", prefixer("FR "))
    index = project.root / "templates" / "index.html"
    index.write_text(index.read_text().replace("{% endif %}", "{% endfi %}", 1))
    code, _, err = invoke(project.root)
    assert code == 3
    assert err.startswith("templates/index.html:")
    assert ": error: " in err


def test_unreadable_catalog_is_a_warning_and_other_languages_build(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr", "ja"))
    # Deliberately broken: msgfmt rejects it too.
    broken = project.po_path("ja", "spring-summit")
    broken.write_text(broken.read_text(encoding="utf-8") + '\nmsgid "unterminated\n',
                      encoding="utf-8")
    code, out, err = invoke(project.root)
    assert code == 0
    assert "languages: en (1), fr (1)\n" in out
    assert err.startswith("locale/ja/LC_MESSAGES/spring-summit.po:")
    assert ": warning: " in err
    assert err.endswith("(its translations are not used)\n")
