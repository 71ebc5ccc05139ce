"""The workspace: one lock (re-entrant, also for library callers), one list of catalogs,
one state store with one invalidation rule."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summit_i18n import workspace
from summit_i18n.cli import app
from summit_i18n.compile import compile_project
from summit_i18n.config import Project, find_project
from summit_i18n.errors import LockTimeout
from summit_i18n.render import build_site
from summit_i18n.update import update_project
from tests.site_project import make_site_project, prefixer, translate

runner = CliRunner()


def _project(root: Path, languages: str = '"fr"') -> Project:
    root.mkdir(parents=True, exist_ok=True)
    (root / "summit-i18n.toml").write_text(f"languages = [{languages}]\n", encoding="utf-8")
    return find_project(explicit=root)


# -- the lock --------------------------------------------------------------------------


def _hold_lock(root: str, seconds: float, ready: str) -> None:
    with workspace.locked(find_project(explicit=Path(root))):
        Path(ready).write_text("held")
        time.sleep(seconds)
        Path(ready).write_text("released")


def _holder(root: Path, seconds: float) -> tuple[multiprocessing.process.BaseProcess, Path]:
    ready = root / "ready"
    proc = multiprocessing.get_context("spawn").Process(
        target=_hold_lock, args=(str(root), seconds, str(ready)))
    proc.start()
    deadline = time.monotonic() + 20
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists()
    return proc, ready


def test_second_holder_waits_then_gives_up_clearly(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    proc, ready = _holder(project.root, 3.0)
    try:
        with pytest.raises(LockTimeout, match="another summit-i18n run"), \
                workspace.locked(project, timeout=0.2):
            pass
        with workspace.locked(project, timeout=30):
            # we only get the lock after the holder finished its critical section
            assert ready.read_text() == "released"
    finally:
        proc.join(30)
    assert proc.exitcode == 0


def test_the_lock_is_re_entrant_and_released_by_the_outermost(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    with workspace.locked(project):
        with workspace.locked(project), workspace.locked(find_project(explicit=project.root)):
            pass
        assert workspace._held  # still held after the inner ones
    assert not workspace._held
    proc, _ = _holder(project.root, 0.1)  # another process can take it now
    proc.join(30)
    assert proc.exitcode == 0


@pytest.mark.parametrize("stage", ["compile", "build", "update"])
def test_library_callers_are_serialized_too(tmp_path: Path, stage: str) -> None:
    """``compile_project`` and ``build_site`` called from Python wait for the lock."""
    site = make_site_project(tmp_path / "p")
    translate(site, "fr", "spring-summit", prefixer("fr: "))
    project = find_project(explicit=site.root)
    proc, ready = _holder(project.root, 2.0)
    try:
        if stage == "compile":
            compile_project(project, project.languages())
        elif stage == "build":
            build_site(project)
        else:
            update_project(project)
        assert ready.read_text() == "released", f"{stage} ran while another run held the lock"
    finally:
        proc.join(30)


# -- the catalogs ----------------------------------------------------------------------


def test_catalogs_are_the_templates_and_the_existing_catalogs(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", '"fr", "ja"')
    locale = project.locale_dir
    (locale / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (locale / "a.pot").write_text('msgid ""\nmsgstr ""\n')
    (locale / "b.pot").write_text('msgid ""\nmsgstr ""\n')
    (locale / "fr" / "LC_MESSAGES" / "a.po").write_text('msgid ""\nmsgstr ""\n')
    (locale / "fr" / "LC_MESSAGES" / "old.po").write_text('msgid ""\nmsgstr ""\n')
    (locale / "fr" / "LC_MESSAGES" / "notes.txt").write_text("")
    every = [(c.locale, c.domain, c.pot is not None) for c in workspace.catalogs(project)]
    assert every == [("fr", "a", True), ("fr", "b", True), ("fr", "old", False),
                     ("ja", "a", True), ("ja", "b", True)]
    existing = workspace.catalogs(project, existing=True)
    assert [(c.locale, c.domain) for c in existing] == [("fr", "a"), ("fr", "old")]
    assert existing[1].po == locale / "fr" / "LC_MESSAGES" / "old.po"
    assert existing[1].mo == locale / "fr" / "LC_MESSAGES" / "old.mo"
    assert workspace.no_template_warnings(project) == [
        "locale/fr/LC_MESSAGES/old.po: warning: no template locale/old.pot (the catalog is "
        "used as it is; `summit-i18n extract` writes the templates, `update` cannot merge it)"]


def _orphaned(tmp_path: Path) -> Path:
    """A project whose ``spring-summit`` template has gone, its catalogs kept."""
    site = make_site_project(tmp_path / "p")
    translate(site, "fr", "spring-summit", prefixer("fr: "))
    (site.root / "locale" / "spring-summit.pot").unlink()
    return site.root


def test_every_command_sees_a_catalog_without_a_template(tmp_path: Path) -> None:
    root = _orphaned(tmp_path)
    warning = "locale/fr/LC_MESSAGES/spring-summit.po: warning: no template"
    status = runner.invoke(app, ["-C", str(root), "status", "--format", "json"])
    assert status.exit_code == 0, status.output
    rows = {(r["language"], r["domain"]): r for r in json.loads(status.stdout)}
    assert rows[("fr", "spring-summit")]["reviewed"] == 7
    assert warning in status.stderr
    check = runner.invoke(app, ["-C", str(root), "check"])
    assert check.exit_code == 0, check.output
    assert warning in check.stderr
    compiled = runner.invoke(app, ["-C", str(root), "compile"])
    assert compiled.exit_code == 0, compiled.output
    assert warning in compiled.stderr
    assert "locale/fr/LC_MESSAGES/spring-summit.mo" in compiled.stdout
    built = runner.invoke(app, ["-C", str(root), "build"])
    assert built.exit_code == 0, built.output
    page = root / "site" / "fr" / "spring-summit" / "index.html"
    assert "fr: " in page.read_text(encoding="utf-8"), "published from the catalog"
    updated = runner.invoke(app, ["-C", str(root), "update"])
    assert updated.exit_code == 0, updated.output
    assert warning in updated.stderr


def test_check_counts_a_catalog_without_a_template(tmp_path: Path) -> None:
    from summit_i18n.checks import check_project

    root = _orphaned(tmp_path)
    report = check_project(find_project(explicit=root))
    assert "locale/fr/LC_MESSAGES/spring-summit.po" in report.files
    assert len(report.warnings) == 1


def test_status_without_any_catalog_is_an_error_not_an_empty_table(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    result = runner.invoke(app, ["-C", str(project.root), "status"])
    assert result.exit_code == 2
    assert "no catalogs and no templates in locale/" in result.stderr
    assert result.stdout == ""


# -- the state -------------------------------------------------------------------------


def _inputs(project: Project) -> tuple[Path, Path]:
    a, b = project.root / "a.txt", project.root / "b.txt"
    a.write_text("one")
    b.write_text("two")
    return a, b


def _reopen(state: workspace.State, project: Project) -> workspace.State:
    state.save()
    return workspace.State(project)


def test_a_record_is_current_until_an_input_changes(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    a, b = _inputs(project)
    state = workspace.State(project)
    assert state.current("k", inputs=[a], outputs=[b]) is None
    state.record("k", inputs=[a], outputs=[b], data={"n": 1})
    state = _reopen(state, project)
    assert state.current("k", inputs=[a], outputs=[b]) == {"n": 1}
    a.write_text("uno")
    assert workspace.State(project).current("k", inputs=[a], outputs=[b]) is None


@pytest.mark.parametrize("change", ["output", "options", "config", "code", "files", "absent"])
def test_one_rule_covers_outputs_options_configuration_and_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    project = _project(tmp_path / "p")
    a, b = _inputs(project)
    state = workspace.State(project)
    state.record("k", inputs=[a], outputs=[b], options={"fuzzy": False})
    state = _reopen(state, project)
    inputs, options = [a], {"fuzzy": False}
    if change == "output":
        b.write_text("deux")
    elif change == "options":
        options = {"fuzzy": True}
    elif change == "config":
        (project.root / "summit-i18n.toml").write_text('languages = ["fr"]\n# edited\n')
    elif change == "code":  # the tool's own code changed, its version did not
        monkeypatch.setattr(workspace, "_code", "another build of the same version")
    elif change == "files":
        inputs = [a, project.root / "c.txt"]
    else:
        b.unlink()
    assert workspace.State(project).current("k", inputs=inputs, outputs=[b],
                                            options=options) is None


def test_a_touched_file_with_the_same_bytes_is_still_current(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    a, b = _inputs(project)
    state = workspace.State(project)
    state.record("k", inputs=[a], outputs=[b], data={"n": 1})
    state = _reopen(state, project)
    os.utime(a, ns=(10**18, 10**18))  # as after a fresh checkout: new mtime, same bytes
    assert state.current("k", inputs=[a], outputs=[b]) == {"n": 1}
    state.save()  # the new mtime is remembered
    record = json.loads(state.path.read_text())["records"]["k"]
    assert record["files"][0][1][1] == 10**18


def test_an_edit_in_the_same_clock_tick_as_the_record_is_seen(tmp_path: Path) -> None:
    """Same size, same mtime, written no earlier than the record: the bytes are read."""
    project = _project(tmp_path / "p")
    a, b = _inputs(project)
    state = workspace.State(project)
    state.record("k", inputs=[a], outputs=[b])
    state.save()
    written = state.path.stat().st_mtime_ns
    a.write_text("ONE")  # same size
    os.utime(a, ns=(written, written))
    assert workspace.State(project).current("k", inputs=[a], outputs=[b]) is None


def test_a_fifo_input_is_never_current_and_never_opened(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    a, b = _inputs(project)
    state = workspace.State(project)
    state.record("k", inputs=[a], outputs=[b])
    state = _reopen(state, project)
    a.unlink()
    os.mkfifo(a)  # opening it would block this test forever
    assert state.current("k", inputs=[a], outputs=[b]) is None


@pytest.mark.parametrize("damage", ["{not json", '{"format": 99}', '{"format": 1, "records": '
                                    '{"k": {"base": 1, "files": 2}}}', "[]"])
def test_a_damaged_state_file_is_ignored_never_trusted(tmp_path: Path, damage: str) -> None:
    project = _project(tmp_path / "p")
    a, b = _inputs(project)
    state = workspace.State(project)
    state.record("k", inputs=[a], outputs=[b], data={"n": 1})
    state.save()
    state.path.write_text(damage)
    assert workspace.State(project).current("k", inputs=[a], outputs=[b]) is None


def test_the_stores_of_earlier_versions_are_removed(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    a, b = _inputs(project)
    old = project.root / workspace.STATE_DIR
    (old / "mo" / "fr").mkdir(parents=True)
    (old / "mo" / "fr" / "site.json").write_text("{}")
    (old / "build").mkdir()
    (old / "update-state.json").write_text("{}")
    (old / "compile.json").write_text("{}")
    (old / "cards").mkdir()  # data, not state: kept
    state = workspace.State(project)
    state.record("k", inputs=[a], outputs=[b])
    state.save()
    assert sorted(p.name for p in old.iterdir()) == ["cards", "lock", "state.json"]


def test_compile_and_build_redo_their_work_after_a_change_to_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version alone used to decide: an edit to the tool left stale output current."""
    site = make_site_project(tmp_path / "p")
    translate(site, "fr", "spring-summit", prefixer("fr: "))
    root = str(site.root)
    assert runner.invoke(app, ["-C", root, "compile"]).exit_code == 0
    assert runner.invoke(app, ["-C", root, "build"]).exit_code == 0
    again = runner.invoke(app, ["-C", root, "compile"])
    assert again.stdout == ""  # current: nothing compiled
    assert "up to date" in runner.invoke(app, ["-C", root, "build"]).stdout
    monkeypatch.setattr(workspace, "_code", "the same version, edited")
    assert "spring-summit.mo" in runner.invoke(app, ["-C", root, "compile"]).stdout
    assert "up to date" not in runner.invoke(app, ["-C", root, "build"]).stdout


def test_every_file_under_the_state_folder_has_one_writer(tmp_path: Path) -> None:
    """After the main job, ``.summit-i18n/`` holds the lock, the state and the cards."""
    site = make_site_project(tmp_path / "p")
    translate(site, "fr", "spring-summit", prefixer("fr: "))
    root = str(site.root)
    for args in (["update"], ["compile"], ["build"]):
        result = runner.invoke(app, ["-C", root, *args])
        assert result.exit_code == 0, result.output
    folder = site.root / workspace.STATE_DIR
    names = {p.name for p in folder.iterdir()}
    assert names <= {"lock", "state.json", "cards"}, names
    keys = json.loads((folder / "state.json").read_text())["records"]
    kinds = {k.split()[0] for k in keys}
    assert {"update", "compile", "build"} <= kinds <= {"extract", "update", "compile", "build",
                                                       "status"}
    shutil.rmtree(folder)  # the state is a cache: without it, the same outputs come back
    assert runner.invoke(app, ["-C", root, "build"]).exit_code == 0


def test_status_remembers_its_rows_until_a_catalog_or_the_glossary_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summit_i18n.status import project_status

    site = make_site_project(tmp_path / "p")
    translate(site, "fr", "spring-summit", prefixer("fr: "))
    project = find_project(explicit=site.root)
    first = [r.to_dict() for r in project_status(project)]
    read: list[str] = []
    real = workspace.read_catalog

    def counting(project: Project, path: Path, *, keep_source: bool = True) -> object:
        read.append(path.name)
        return real(project, path, keep_source=keep_source)

    monkeypatch.setattr(workspace, "read_catalog", counting)
    assert [r.to_dict() for r in project_status(project)] == first
    assert read == []
    po = site.root / "locale/fr/LC_MESSAGES/spring-summit.po"
    po.write_bytes(po.read_bytes().replace(b'msgstr "fr: Speakers"', b'msgstr ""'))
    again = {(r.language, r.domain): r for r in project_status(project)}
    assert read == ["spring-summit.po"]
    assert again[("fr", "spring-summit")].untranslated == 1
    read.clear()
    (site.root / "locale" / "glossary.yaml").write_text("terms: []\n", encoding="utf-8")
    project_status(project)
    assert len(read) == len(first), "every row depends on the glossary"


def test_status_does_not_wait_for_another_runs_lock(tmp_path: Path) -> None:
    from summit_i18n.status import project_status

    site = make_site_project(tmp_path / "p")
    project = find_project(explicit=site.root)
    proc, ready = _holder(site.root, 3.0)
    try:
        rows = project_status(project)  # counted, not remembered: the lock is held
        assert rows
        assert ready.read_text() == "held"
    finally:
        proc.join(30)
    state_file = site.root / workspace.STATE_DIR / workspace.STATE_NAME
    assert not state_file.exists() or '"status ' not in state_file.read_text(encoding="utf-8")


def test_the_glossary_file_name_status_watches_is_the_glossarys() -> None:
    from summit_i18n import glossary, status

    assert status.GLOSSARY_FILE == glossary.GLOSSARY_FILE


@pytest.mark.parametrize("change", ["source", "new-source", "template", "config", "pot-edited",
                                    "pot-appears", "pot-removed"])
def test_extract_reads_nothing_again_until_an_input_or_a_template_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    from summit_i18n.extract import extract_project, markdown

    site = make_site_project(tmp_path / "p")
    project = find_project(explicit=site.root)
    first = extract_project(project)
    parsed: list[str] = []
    real = markdown.parse_document

    def counting(text: str, **kw: object) -> object:
        parsed.append(str(kw.get("path")))
        return real(text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(markdown, "parse_document", counting)
    again = extract_project(project)
    assert parsed == []
    assert [(r.domain, r.status, r.messages) for r in again.domains] == [
        (r.domain, "unchanged", r.messages) for r in first.domains]
    root = site.root
    pot = root / "locale" / "spring-summit.pot"
    if change == "source":
        doc = next((root / "source").glob("*.md"))
        doc.write_text(doc.read_text(encoding="utf-8") + "\nOne more paragraph.\n",
                       encoding="utf-8")
    elif change == "new-source":
        (root / "source" / "autumn.md").write_text("# Autumn\n\nSoon.\n", encoding="utf-8")
    elif change == "template":
        (root / "templates").mkdir(exist_ok=True)
        (root / "templates" / "extra.html").write_text("{{ _('Extra') }}\n", encoding="utf-8")
    elif change == "config":
        config = root / "summit-i18n.toml"
        config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "pot-edited":
        pot.write_bytes(pot.read_bytes().replace(b'msgstr ""\n\n', b'msgstr ""\n\n\n', 1) + b"\n")
    elif change == "pot-appears":
        (root / "locale" / "old.pot").write_bytes(pot.read_bytes())
    else:
        pot.unlink()
    third = extract_project(find_project(explicit=root))
    assert parsed, "the sources were read again"
    if change in ("pot-edited", "pot-removed"):
        assert ("spring-summit", "written") in [(r.domain, r.status) for r in third.domains]
    if change == "pot-appears":
        assert ("old", "orphaned") in [(r.domain, r.status) for r in third.domains]


def test_the_update_package_gives_its_functions_whatever_was_imported_first() -> None:
    """Its modules load on demand: none may share a name with what the package gives."""
    import subprocess
    import sys

    code = ("import summit_i18n.update.project, summit_i18n.update.merging\n"
            "from summit_i18n.update import merge, update_project, MergeResult\n"
            "assert callable(merge) and merge.__module__ == 'summit_i18n.update.merging'\n"
            "assert callable(update_project) and isinstance(MergeResult, type)\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_build_whose_sources_were_only_touched_is_up_to_date_and_remembered(
    tmp_path: Path,
) -> None:
    site = make_site_project(tmp_path / "p")
    translate(site, "fr", "spring-summit", prefixer("fr: "))
    project = find_project(explicit=site.root)
    build_site(project)
    po = site.root / "locale/fr/LC_MESSAGES/spring-summit.po"
    os.utime(po, ns=(10**18, 10**18))  # a checkout: new mtime, same bytes
    again = build_site(project)
    assert again.unchanged_inputs
    assert again.written == 0
    record = json.loads((project.state_dir / "state.json").read_text())["records"]
    facts = dict(record["build site"]["files"])
    assert facts["locale/fr/LC_MESSAGES/spring-summit.po"][1] == 10**18
