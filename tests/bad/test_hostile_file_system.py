"""The file system: disk full, permissions, wrong kinds of files, links, ports.

Tests run as root, which bypasses permission bits: a refused permission is
simulated by making the system call fail with EACCES (monkeypatch), as a full disk
is with ENOSPC.  FIFOs are real: a command that opened one would block, so those
commands run in a subprocess with a time limit.
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summit_i18n import fsutil
from summit_i18n.cli import app
from summit_i18n.config import find_project, load_config
from summit_i18n.errors import ConfigError, FileSystemError, UsageError
from summit_i18n.render import build_site
from summit_i18n.render.serve import PreviewServer
from tests.site_project import make_site_project, translate_all

runner = CliRunner()


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summit_i18n", "-C", str(root), *args],
                          capture_output=True, text=True, timeout=120, check=False)


def _one_line(stderr: str, *needles: str) -> str:
    lines = [line for line in stderr.splitlines() if all(n in line for n in needles)]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_a_fifo_as_a_source_is_skipped_with_a_warning_never_opened(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    os.mkfifo(project.source_dir / "pipe.md")
    result = cli(project.root, "extract")
    assert result.returncode == 0, result.stderr
    line = _one_line(result.stderr, "source/pipe.md")
    assert "warning: skipped: it is a FIFO" in line
    result = cli(project.root, "build")
    assert result.returncode == 0, result.stderr
    _one_line(result.stderr, "source/pipe.md", "FIFO")


def test_a_socket_as_a_template_is_skipped(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(project.templates_dir / "partial.html"))
        result = cli(project.root, "extract")
    finally:
        sock.close()
    assert result.returncode == 0, result.stderr
    assert "socket" in _one_line(result.stderr, "templates/partial.html")


def test_a_fifo_as_a_catalog(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr",))
    po = project.po_path("fr", "spring-summit")
    po.unlink()
    os.mkfifo(po)
    result = cli(project.root, "build")
    assert result.returncode == 0, result.stderr
    assert "FIFO" in _one_line(result.stderr, "spring-summit.po")
    result = cli(project.root, "check")
    assert result.returncode == 3, result.stderr
    assert "FIFO" in _one_line(result.stderr, "spring-summit.po")
    result = cli(project.root, "compile")
    assert result.returncode != 0
    assert "FIFO" in _one_line(result.stderr, "spring-summit.po")


def test_a_fifo_as_a_template_catalog_is_an_error_in_update(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    os.mkfifo(project.locale_dir / "pipe.pot")
    result = cli(project.root, "update", "-l", "fr")
    assert result.returncode == 3, result.stderr
    assert "FIFO" in _one_line(result.stderr, "pipe.pot")


def test_disk_full_is_one_line_and_the_old_file_stays(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.po"
    target.write_text("old")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FileSystemError) as info:
        fsutil.atomic_write_text(target, "new")
    assert "a.po: error: cannot write (No space left on device" in str(info.value)
    assert info.value.exit_code == 3
    assert target.read_text() == "old"
    assert not list(tmp_path.glob(".*.tmp"))


def test_permission_denied_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(FileSystemError, match="cannot write \\(Permission denied\\)"):
        fsutil.atomic_write_text(tmp_path / "a.po", "new")


def test_build_reports_a_full_disk_through_the_cli(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_site_project(tmp_path / "p")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(app, ["-C", str(project.root), "build"])
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_where_a_folder_should_be(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    (project.locale_dir / "fr").write_text("not a folder")
    result = cli(project.root, "update", "-l", "fr")
    assert result.returncode == 3, result.stderr
    assert "locale/fr" in _one_line(result.stderr, "error")


def test_a_folder_where_a_file_should_be(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    (project.output_dir / "index.html").mkdir(parents=True)
    result = cli(project.root, "build")
    assert result.returncode == 3, result.stderr
    assert "site/index.html" in _one_line(result.stderr, "error")


def test_the_site_folder_is_a_file(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    project.output_dir.write_text("x")
    with pytest.raises(UsageError, match="not a folder"):
        build_site(project)


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UsageError) as info:
            PreviewServer(tmp_path, port)
    assert f"127.0.0.1:{port}" in str(info.value)
    assert "--port" in str(info.value)


# -- writing stays inside ------------------------------------------------------------


@pytest.mark.parametrize("output_dir", [".", "..", "../elsewhere", "source", "locale",
                                        "templates", "source/site", "locale/../locale",
                                        "./", "a/../..", ".git/site", ".summit-i18n"])
def test_output_dir_must_be_inside_and_apart_from_the_inputs(output_dir: str) -> None:
    with pytest.raises(ConfigError, match="output_dir"):
        load_config({"output_dir": output_dir}, Path("summit-i18n.toml"))


def test_output_dir_holding_an_input_folder_is_refused() -> None:
    with pytest.raises(ConfigError, match="output_dir"):
        load_config({"output_dir": "content", "source_dir": "content/en"},
                    Path("summit-i18n.toml"))


def test_output_dir_inside_the_project_is_fine() -> None:
    assert load_config({"output_dir": "build/site"}, Path("x.toml")).output_dir == "build/site"


def test_an_output_dir_that_links_out_of_the_project_is_refused(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    outside = tmp_path / "outside"
    outside.mkdir()
    project.output_dir.symlink_to(outside, target_is_directory=True)
    with pytest.raises(UsageError, match="leads out of the project"):
        build_site(project)
    assert list(outside.iterdir()) == []


def test_o_dir_cannot_be_the_root_or_hold_the_sources(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    for out in (project.root, project.source_dir, project.locale_dir / "x", tmp_path):
        with pytest.raises(UsageError):
            build_site(project, output_dir=out)


def test_build_never_writes_through_a_link_out_of_the_output_folder(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr",))
    outside = tmp_path / "outside"
    (outside / "fr").mkdir(parents=True)
    secret = outside / "index.html"
    secret.write_text("keep me")
    project.output_dir.mkdir()
    (project.output_dir / "fr").symlink_to(outside / "fr", target_is_directory=True)
    (project.output_dir / "index.html").symlink_to(secret)
    build_site(project)
    assert secret.read_text() == "keep me"
    assert list((outside / "fr").iterdir()) == []
    assert not (project.output_dir / "fr").is_symlink()
    assert (project.output_dir / "fr" / "index.html").is_file()
    assert not (project.output_dir / "index.html").is_symlink()
    find_project(explicit=project.root)


def test_a_fifo_as_a_page_template_never_blocks_build(tmp_path: Path) -> None:
    # The project's override is skipped with a warning (never opened) and the built-in
    # page is used, as extract does for site.pot.
    project = make_site_project(tmp_path / "p")
    page = project.templates_dir / "announcement.html"
    if page.exists():
        page.unlink()
    os.mkfifo(page)
    result = cli(project.root, "build")
    assert result.returncode == 0, result.stderr
    assert _one_line(result.stderr, "warning") == (
        "templates/announcement.html: warning: skipped: it is a FIFO (named pipe), "
        "not a regular file")
    assert (project.output_dir / "en" / "spring-summit" / "index.html").is_file()


def test_a_fifo_as_a_compiled_catalog_never_blocks_compile(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr",))
    assert cli(project.root, "compile", "-l", "fr").returncode == 0
    mo = project.mo_path("fr", "site")
    mo.unlink()
    os.mkfifo(mo)
    result = cli(project.root, "compile", "-l", "fr")
    assert result.returncode == 3, result.stderr
    assert "site.mo" in _one_line(result.stderr, "error")
