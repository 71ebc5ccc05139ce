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
    # 5 pages, their 5 share cards, 2 plain texts, 2 feeds, sitemap, robots.txt, 2 assets
    assert out == (
        "site/: 5 pages, 18 files written; languages: en (1), fr (1)\n"
        "held back: ja: spring-summit: 0 of 7 segments reviewed (0 %), threshold 80 %; "
        "7 more are drafts (--use-fuzzy publishes drafts)\n"
        "held back: ko: spring-summit: 0 of 7 segments reviewed (0 %), threshold 80 %\n"
        "held back: zh-Hant: spring-summit: 0 of 7 segments reviewed (0 %), threshold 80 %\n"
        "held back: zh-Hans: spring-summit: 0 of 7 segments reviewed (0 %), threshold 80 %\n")
    code, out, _ = invoke(project.root, "--use-fuzzy")
    assert code == 0
    assert out.startswith(
        "site/: 7 pages, 12 files written; languages: en (1), fr (1), ja (1)\n"
        "held back: ko: spring-summit: 0 of 7 segments translated (drafts included) (0 %), "
        "threshold 80 %\n")
    code, out, _ = invoke(project.root, "--use-fuzzy")
    assert code == 0
    assert out.startswith("site/: up to date\nheld back: ko: spring-summit: ")
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
    assert "held back: ja: spring-summit: 0 of 7 segments reviewed (0 %)" in out
    assert err.startswith("locale/ja/LC_MESSAGES/spring-summit.po:")
    assert ": warning: " in err
    assert err.endswith("(its translations are not used)\n")


def test_without_site_url_links_are_relative_with_one_warning(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    config = project.root / "summit-i18n.toml"
    config.write_text(config.read_text().replace('site_url = "https://summit.example/"\n', ""))
    translate_all(project, languages=("fr",))
    code, _, err = invoke(project.root)
    assert code == 0
    assert err.count("\n") == 1
    assert err.startswith("warning: site_url is not set: this is a preview with relative links")
    site = project.root / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    for file in files:
        data = file.read_bytes()
        assert b"127.0.0.1" not in data, file
        assert b"summit.example" not in data, file
    names = {p.relative_to(site).as_posix() for p in files}
    assert "sitemap.xml" not in names  # a sitemap is made of absolute URLs
    assert not any(n.endswith(".png") for n in names)  # og:image needs one too
    page = (site / "fr/spring-summit/index.html").read_text(encoding="utf-8")
    for absent in ('rel="canonical"', "hreflang=\"x-default\"", "og:url", "og:image",
                   "intent/post", "mailto:"):
        assert absent not in page
    assert (site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"


def test_site_url_option_makes_every_absolute_url_start_with_it(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr", "ja"))
    base = "https://example.org/news/summit/"
    code, _, err = invoke(project.root, "--site-url", base.rstrip("/"))
    assert (code, err) == (0, "")
    site = project.root / "site"
    import re

    for file in site.rglob("*"):
        if file.suffix not in (".html", ".xml", ".txt"):
            continue
        text = file.read_text(encoding="utf-8")
        assert "summit.example" not in text, file
        for url in re.findall(r"""(?:href|content|src)="(https?://[^"]+)"|<(?:loc|id)>([^<]+)<""",
                              text):
            found = url[0] or url[1]
            if "%3A%2F%2F" in found or found.startswith("https://example.org/programme"):
                continue  # a share page's address (ours inside it) or the document's own link
            if file.suffix == ".html" and not any(
                    found.startswith(p) for p in (base, "https://x.com/", "https://www.facebook",
                                                  "https://social-plugins.line.me/",
                                                  "https://t.me/", "https://api.whatsapp.com/",
                                                  "https://share.naver.com/",
                                                  "https://service.weibo.com/")):
                raise AssertionError(f"{file}: {found}")
            if file.suffix != ".html":
                assert found.startswith(base), (file, found)
    robots = (site / "robots.txt").read_text()
    assert robots.endswith(f"Sitemap: {base}sitemap.xml\n")


def test_bad_site_url_is_a_usage_error(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    code, _, err = invoke(project.root, "--site-url", "example.org")
    assert code == 2
    assert err.startswith("error: --site-url example.org: must be an absolute http:// or https://")


def test_no_empty_folders_after_a_language_is_held_back(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("ja",), fuzzy=True)
    assert invoke(project.root, "--use-fuzzy")[0] == 0
    assert (project.root / "site/ja/spring-summit/index.html").is_file()
    assert invoke(project.root)[0] == 0
    assert not (project.root / "site/ja").exists()
    empty = [p for p in (project.root / "site").rglob("*") if p.is_dir() and not any(p.iterdir())]
    assert empty == []
