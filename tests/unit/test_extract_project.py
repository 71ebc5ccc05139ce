"""extract_project: domains, .pot headers, determinism, check mode, orphans."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from summit_i18n.config import find_project
from summit_i18n.errors import SourceError
from summit_i18n.extract import ExtractReport, extract_project
from summit_i18n.po import read_po

# Extraction of the project's own templates: the default ones would add to them
# (tests/unit/test_site_templates.py covers the defaults and their overrides).
pytestmark = pytest.mark.usefixtures("no_builtin_templates")

NOW = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
LATER = NOW + timedelta(days=3)
DOC = "---\ntitle: Hello\nslug: hello\n---\n\n# Hello\n\nA paragraph.\n"
TEMPLATE = ('{# i18n: Site name. #}\n<h1>{{ _("Summit") }}</h1>\n'
            "{% trans count=n %}One page{% pluralize %}{{ count }} pages{% endtrans %}\n"
            '{{ pgettext("menu", "Summit") }}\n<p>{{ _("Summit") }}</p>\n')

MakeProject = Callable[..., Path]


def run(root: Path, **kwargs: object) -> ExtractReport:
    return extract_project(find_project(explicit=root), **kwargs)  # type: ignore[arg-type]


def rows(report: ExtractReport) -> list[tuple[str, str, str, int]]:
    return [(r.domain, r.pot, r.status, r.messages) for r in report.domains]


def test_one_domain_per_document_plus_site(make_project: MakeProject,
                                          check_all_catalogs: Callable[[Path], int]) -> None:
    root = make_project({
        "source/hello.md": DOC,
        "source/guides/intro.md": "# Intro\n",
        "source/data.yaml": "not: markdown\n",
        "source/.draft.md": "# hidden\n",
        "templates/base.html": TEMPLATE,
    })
    report = run(root, now=NOW)
    assert rows(report) == [
        ("guides-intro", "locale/guides-intro.pot", "written", 1),
        ("hello", "locale/hello.pot", "written", 2),
        ("site", "locale/site.pot", "written", 4),  # 3 strings and the site name
    ]
    assert check_all_catalogs(root / "locale") == 3


def test_document_catalog_content_and_header(make_project: MakeProject) -> None:
    root = make_project({"source/hello.md": DOC},
                        config='site_name = "World Summit"\n')
    run(root, now=datetime(2024, 5, 1, 14, 30, tzinfo=timezone(timedelta(hours=2))))
    catalog = read_po(root / "locale/hello.pot")
    assert catalog.header is not None
    assert catalog.header.fuzzy
    assert catalog.header_value("Project-Id-Version") == "World Summit"
    assert catalog.header_value("POT-Creation-Date") == "2024-05-01 14:30+0200"
    assert catalog.header_value("PO-Revision-Date") == "YEAR-MO-DA HO:MI+ZONE"
    assert catalog.header_value("Content-Type") == "text/plain; charset=UTF-8"
    assert catalog.header_value("Plural-Forms") is None
    assert [(e.msgid, e.references) for e in catalog] == [
        ("Hello", ("source/hello.md:2", "source/hello.md:6")),
        ("A paragraph.", ("source/hello.md:8",)),
    ]


def test_site_catalog_plurals_context_notes(make_project: MakeProject) -> None:
    root = make_project({"templates/base.html": TEMPLATE,
                         "templates/page.html": '{{ _("Summit") }}'})
    run(root, now=NOW)
    catalog = read_po(root / "locale/site.pot")
    summary = [(e.msgctxt, e.msgid, e.msgid_plural, e.references, e.extracted_comments, e.flags)
               for e in catalog]
    assert summary == [
        (None, "Summit", None, ("templates/base.html:2", "templates/base.html:5",
                                "templates/page.html:1"), ("Site name.",), ()),
        (None, "One page", "%(count)s pages", ("templates/base.html:3",), (), ("python-format",)),
        ("menu", "Summit", None, ("templates/base.html:4",), (), ()),
        ("site name", "summit-i18n", None, ("summit-i18n.toml",), (SITE_NAME_NOTE,), ()),
    ]
    assert catalog.entries[1].msgstr_plural == {0: "", 1: ""}


SITE_NAME_NOTE = ("The name of the site, at the top of every page and in titles and feeds. "
                  "Use the official name in your language; if there is none, leave it "
                  "untranslated and the English is shown.")


def test_site_name_and_description_come_from_the_configuration(
        make_project: MakeProject, msgfmt_check: Callable[[Path], None]) -> None:
    root = make_project({"templates/base.html": TEMPLATE},
                        config='site_name = "World Summit"\n'
                               'site_description = "News of the 100% volunteer summit."\n')
    run(root, now=NOW)
    catalog = read_po(root / "locale/site.pot")
    configured = {e.msgctxt: (e.msgid, e.references, e.flags) for e in catalog
                  if e.msgctxt in ("site name", "site description")}
    assert configured == {
        "site name": ("World Summit", ("summit-i18n.toml",), ()),
        # Not a format string: the renderer never %-formats a configured value.
        "site description": ("News of the 100% volunteer summit.", ("summit-i18n.toml",), ()),
    }
    msgfmt_check(root / "locale/site.pot")


def test_second_run_writes_nothing(make_project: MakeProject) -> None:
    root = make_project({"source/hello.md": DOC, "templates/base.html": TEMPLATE})
    run(root, now=NOW)
    assert gc.isenabled()  # paused during extraction only
    pots = sorted((root / "locale").glob("*.pot"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in pots}
    report = run(root, now=LATER)
    assert [r.status for r in report.domains] == ["unchanged", "unchanged"]
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in pots} == before


def test_a_change_rewrites_with_the_new_date(make_project: MakeProject) -> None:
    root = make_project({"source/hello.md": DOC, "source/other.md": "# Other\n"})
    run(root, now=NOW)
    other = (root / "locale/other.pot").read_bytes()
    (root / "source/hello.md").write_text(DOC + "\nA new paragraph.\n")
    report = run(root, now=LATER)
    assert rows(report) == [("hello", "locale/hello.pot", "written", 3),
                            ("other", "locale/other.pot", "unchanged", 1)]
    assert read_po(root / "locale/hello.pot").header_value("POT-Creation-Date") == (
        "2024-05-04 12:30+0000")
    assert (root / "locale/other.pot").read_bytes() == other


def test_check_writes_nothing_and_reports_out_of_date(make_project: MakeProject) -> None:
    root = make_project({"source/hello.md": DOC})
    report = run(root, check=True, now=NOW)
    assert rows(report) == [("hello", "locale/hello.pot", "out of date", 2)]
    assert report.out_of_date() == list(report.domains)
    assert not (root / "locale").exists()
    assert not (root / ".summit-i18n").exists()  # no lock taken either
    run(root, now=NOW)
    assert [r.status for r in run(root, check=True, now=LATER).domains] == ["unchanged"]
    (root / "source/hello.md").write_text(DOC.replace("A paragraph.", "A changed paragraph."))
    assert [r.status for r in run(root, check=True).domains] == ["out of date"]


def test_orphaned_template_is_kept_and_reported(make_project: MakeProject) -> None:
    root = make_project({"source/hello.md": DOC, "source/gone.md": "# Gone\n"})
    run(root, now=NOW)
    (root / "source/gone.md").unlink()
    report = run(root, now=NOW)
    assert rows(report) == [("gone", "locale/gone.pot", "orphaned", 0),
                            ("hello", "locale/hello.pot", "unchanged", 2)]
    assert report.orphaned()[0].source is None
    assert (root / "locale/gone.pot").is_file()


def test_no_templates_folder_no_site_domain(make_project: MakeProject) -> None:
    root = make_project({"source/hello.md": DOC})
    assert [r.domain for r in run(root, now=NOW).domains] == ["hello"]


def test_empty_templates_folder_gives_an_empty_site_template(
        make_project: MakeProject, msgfmt_check: Callable[[Path], None]) -> None:
    root = make_project({"templates/static.html": "<p>No strings.</p>\n"})
    # No template string: only the site name (from the configuration).
    assert rows(run(root, now=NOW)) == [("site", "locale/site.pot", "written", 1)]
    msgfmt_check(root / "locale/site.pot")


def test_source_date_epoch(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project({"source/hello.md": DOC})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    run(root)
    assert read_po(root / "locale/hello.pot").header_value("POT-Creation-Date") == (
        "2024-05-01 12:30+0000")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"source/a.md": "---\nslug: same\n---\n", "source/b.md": "# B\n\n---\nslug: x\n",
          "source/c.md": "---\ntitle: C\nslug: same\n---\n"},
         "source/c.md:3: error: domain 'same' is also the domain of source/a.md: "
         "give one of them another slug"),
        ({"source/guides-intro.md": "# A\n", "source/guides/intro.md": "# B\n"},
         "source/guides-intro.md:1: error: domain 'guides-intro' is also the domain of "
         "source/guides/intro.md: give one of them another slug"),
        ({"source/a.md": "---\ntitle: A\nslug: ../escape\n---\n"},
         "source/a.md:3: error: slug '../escape' must be letters, digits, '.', '_' or '-' "
         "(it names the catalog files)"),
        ({"source/a.md": "---\nslug: site\n---\n"},
         "source/a.md:2: error: slug 'site' is reserved for the templates' strings"),
        ({"source/a.md": "---\ntitle: [broken\n---\n"},
         "source/a.md:2: error: front matter is not valid YAML (expected ',' or ']', but got "
         "'<stream end>')"),
        ({"templates/base.html": "{% block x %}\n"},
         "templates/base.html:1: error: Unexpected end of template. Jinja was looking for the "
         "following tags: 'endblock'. The innermost block that needs to be closed is 'block'."),
    ],
)
def test_bad_sources_write_nothing(make_project: MakeProject, files: dict[str, str],
                                   message: str) -> None:
    root = make_project(files)
    with pytest.raises(SourceError) as info:
        run(root, now=NOW)
    assert str(info.value) == message
    assert not (root / "locale").exists()


def test_undecodable_source(make_project: MakeProject) -> None:
    root = make_project({})
    (root / "source").mkdir()
    (root / "source/a.md").write_bytes(b"# Title\n\nCaf\xe9\n")
    with pytest.raises(SourceError) as info:
        run(root, now=NOW)
    assert str(info.value) == "source/a.md:3: error: not valid UTF-8 (byte 0xe9 at column 4)"


def test_dangling_link_is_reported_not_skipped(make_project: MakeProject) -> None:
    root = make_project({"source/a.md": "# A\n"})
    (root / "source/b.md").symlink_to(root / "missing.md")
    with pytest.raises(SourceError) as info:
        run(root, now=NOW)
    assert str(info.value) == "source/b.md: error: cannot read (No such file or directory)"
