"""Translations are untrusted at every stage: formats, lengths, plural headers, controls."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from summit_i18n.catalog import Entry
from summit_i18n.checks import Context, check_catalog
from summit_i18n.checks.placeholders import check_placeholders
from summit_i18n.checks.untrusted import check_control_chars, check_length
from summit_i18n.config import Project
from summit_i18n.formats import unmatched_directives
from summit_i18n.limits import LengthBound
from summit_i18n.po import parse_po, read_po, write_po
from summit_i18n.render import build_site
from summit_i18n.render.ui import UiStrings
from tests.site_project import make_site_project, translate_all

PY = Context(flags=("python-format",))


@pytest.mark.parametrize(("english", "translation"), [
    ("%(x)s files", "%(x)999999999s fichiers"),
    ("%(x)s files", "%(x).999999999s fichiers"),
    ("%d files", "%0999999d fichiers"),
    ("%s files", "%-9s fichiers"),
    ("{x} files", "{x:>999999999} fichiers"),
    ("{x} files", "{x!r:^50} fichiers"),
])
def test_width_or_precision_the_english_lacks_is_a_check_error(english: str,
                                                               translation: str) -> None:
    found = list(check_placeholders(english, translation, PY))
    assert found, found
    assert "width, precision or flag" in found[0]


@pytest.mark.parametrize(("english", "translation"), [
    ("%5d files", "%5d fichiers"),
    ("%.2f%%", "%.2f %%"),
    ("{x:>3} files", "{x:>3} fichiers"),
    ("%(a)s and %(b)s", "%(b)s et %(a)s"),
])
def test_the_same_directives_pass(english: str, translation: str) -> None:
    assert list(check_placeholders(english, translation, PY)) == []


def test_a_repeated_directive_is_not_in_the_english() -> None:
    assert [p.text for p in unmatched_directives("%(x)s " * 3, "%(x)s")] == ["%(x)s", "%(x)s"]
    assert unmatched_directives("%(x)s", "%(x)s", "%(x)s %(x)s") == []


def test_length_bound() -> None:
    bound = LengthBound(10, 200)
    assert bound.limit("abc") == 230
    assert bound.exceeded("abc", "x" * 230) is None
    reason = bound.exceeded("abc", "x" * 231)
    assert reason is not None
    assert "231" in reason
    assert "230" in reason
    ctx = Context(length=bound)
    assert list(check_length("abc", "x" * 230, ctx)) == []
    (message,) = check_length("abc", "x" * 10_000, ctx)
    assert "max_length_ratio" in message


@pytest.mark.parametrize("control", ["\x1b[31m", "\x1b]0;owned\x07", "\x9b2J", "\u202e",
                                     "\u2066", "\r", "\x00"])
def test_control_characters_warned(control: str) -> None:
    (message,) = check_control_chars("Hello", f"Bon{control}jour", Context())
    assert "control characters" in message
    assert "\x1b" not in message
    assert "\u202e" not in message


def test_control_characters_the_english_has_pass() -> None:
    assert list(check_control_chars("a\tb\nc", "x\ty\nz", Context())) == []


def _po(tmp_path: Path, msgid: str, msgstr: str, *, flags: str = "python-format",
        plural_forms: str = "nplurals=2; plural=(n > 1);") -> Path:
    path = tmp_path / "fr" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {plural_forms}\\n"\n\n'
        f'#, {flags}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n')
    path.write_text(text, encoding="utf-8")
    return path


def test_check_reports_the_width_and_msgfmt_does_not(tmp_path: Path) -> None:
    path = _po(tmp_path, "Published on %(date)s", "Publié le %(date)999999999s")
    msgfmt = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, check=False)
    assert msgfmt.returncode == 0  # msgfmt lets it through: check must not
    findings = check_catalog(read_po(path), path=path, lang="fr")
    assert any(f.check == "placeholders" and f.severity == "error" for f in findings)


def _ui(tmp_path: Path, msgid: str, msgstr: str) -> UiStrings:
    catalog = read_po(_po(tmp_path, msgid, msgstr))
    return UiStrings.from_catalog(catalog, babel_locale="fr", use_fuzzy=False, path="x.po")


@pytest.mark.parametrize("msgstr", [
    "Publié le %(date)999999999s", "Publié le %(date).99999999s",
    "Publié le %(date)-99999s", "%(date)s" * 50, "Publié " + "x" * 5_000 + " %(date)s",
])
def test_rendering_refuses_what_check_would_report(tmp_path: Path, msgstr: str) -> None:
    ui = _ui(tmp_path, "Published on %(date)s", msgstr)
    out = ui.gettext("Published on %(date)s", date="14 mai")
    assert str(out) == '<span lang="en">Published on 14 mai</span>'
    assert len(ui.warnings) == 1
    assert ui.warnings[0].startswith("x.po:")
    assert "warning:" in ui.warnings[0]


def test_rendering_keeps_a_sound_translation(tmp_path: Path) -> None:
    ui = _ui(tmp_path, "Published on %(date)s", "Publié le %(date)s")
    assert str(ui.gettext("Published on %(date)s", date="14 mai")) == "Publié le 14 mai"
    assert ui.warnings == []


def _build_project(tmp_path: Path) -> tuple[Project, Path]:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr",))
    return project, project.po_path("fr", "site")


def test_build_bounds_what_a_ui_translation_can_write(tmp_path: Path) -> None:
    project, site_po = _build_project(tmp_path)
    catalog = read_po(site_po)
    entry = catalog.find("Published on %(date)s")
    assert isinstance(entry, Entry)
    entry.msgstr = "Publié le %(date)999999999s"
    write_po(catalog, site_po)
    report = build_site(project)
    page = (report.output_dir / "fr" / "spring-summit" / "index.html").read_text()
    assert "Published on" in page
    assert len(page) < 100_000
    assert any("site.po:" in w and "placeholder" in w for w in report.warnings)


def test_build_falls_back_on_a_long_document_translation(tmp_path: Path) -> None:
    project, _ = _build_project(tmp_path)
    po_path = project.po_path("fr", "spring-summit")
    catalog = read_po(po_path)
    entry = catalog.find("Speakers")
    assert isinstance(entry, Entry)
    entry.msgstr = "Orateurs " * 10_000
    write_po(catalog, po_path)
    report = build_site(project)
    page = (report.output_dir / "fr" / "spring-summit" / "index.html").read_text()
    assert "Orateurs Orateurs" not in page
    assert "Speakers" in page
    assert any("spring-summit.po:" in w and "characters long" in w for w in report.warnings)


@pytest.mark.parametrize("plural_forms", [
    "nplurals=2; plural=n/0;",
    "nplurals=2; plural=n%(n-n);",
    "nplurals=2; plural=" + "+".join(["n"] * 10_000) + ";",
    "nplurals=2; plural=" + "9" * 5_000 + ";",
    "nplurals=" + "9" * 5_000 + "; plural=0;",
    "nplurals=1000000000; plural=n;",
    "nplurals=2; plural=" + "(" * 3_000 + "n" + ")" * 3_000 + ";",
])
def test_build_falls_back_to_english_for_a_bad_plural_header(tmp_path: Path,
                                                             plural_forms: str) -> None:
    project, site_po = _build_project(tmp_path)
    catalog = read_po(site_po)
    catalog.set_header_value("Plural-Forms", plural_forms)
    write_po(catalog, site_po)
    report = build_site(project)
    bad = [w for w in report.warnings if "site.po:" in w and "Plural-Forms" in w]
    assert len(bad) == 1, report.warnings
    assert len(bad[0]) < 400
    page = (report.output_dir / "fr" / "spring-summit" / "index.html").read_text()
    assert "Published on" in page  # the site strings in English
    findings = check_catalog(read_po(site_po), path="site.po", lang="fr")
    header = [f for f in findings if f.check == "header"]
    assert len(header) == 1
    assert header[0].severity == "error"
    assert len(header[0].message) < 300


def test_parse_po_keeps_an_absurd_nplurals_harmless() -> None:
    data = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Plural-Forms: nplurals={"9" * 5000}; plural=0;\\n"\n').encode()
    assert parse_po(data, path="x.po").nplurals is None


def test_update_warns_about_a_bad_plural_header_and_keeps_its_forms_sane(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summit_i18n.cli import app

    project, site_po = _build_project(tmp_path)
    catalog = read_po(site_po)
    catalog.set_header_value("Plural-Forms", "nplurals=" + "9" * 5000 + "; plural=n;")
    write_po(catalog, site_po)
    result = CliRunner().invoke(app, ["-C", str(project.root), "update", "-l", "fr"])
    assert result.exit_code == 0, result.stderr
    (line,) = [w for w in result.stderr.splitlines() if "site.po" in w]
    assert "warning: Plural-Forms" in line
    assert len(line) < 400
    merged = read_po(site_po)
    assert all(len(e.msgstr_plural) == 2 for e in merged.entries if e.is_plural)
