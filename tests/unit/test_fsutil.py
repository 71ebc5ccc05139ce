"""Atomic writes and the project lock."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summit_i18n import fsutil


def test_atomic_write_creates_and_reports_change(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.po"
    assert fsutil.atomic_write_text(target, "x\n")
    assert target.read_text() == "x\n"
    assert not list(target.parent.glob(".*.tmp"))


def test_unchanged_bytes_do_not_touch_the_file(tmp_path: Path) -> None:
    target = tmp_path / "b.po"
    fsutil.atomic_write_bytes(target, b"same")
    os.utime(target, (1_000_000, 1_000_000))
    assert not fsutil.atomic_write_bytes(target, b"same")
    assert target.stat().st_mtime == 1_000_000
    assert fsutil.atomic_write_bytes(target, b"other")
    assert target.stat().st_mtime != 1_000_000


def test_mode_of_existing_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "b.po"
    target.write_text("old")
    target.chmod(0o640)
    fsutil.atomic_write_text(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "b.po"
    target.write_text("old")

    def boom(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        fsutil.atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(("on_disk", "data", "same"), [
    (b"", b"", True),
    (b"abc", b"abc", True),
    (b"abc", b"abd", False),
    (b"abc", b"abcd", False),
    (b"x" * (3 * 2**20 + 5), b"x" * (3 * 2**20 + 5), True),  # several chunks
    (b"x" * (2**20) + b"y" + b"x" * 10, b"x" * (2**20) + b"z" + b"x" * 10, False),
    (None, b"", False),
])
def test_has_bytes_compares_chunk_by_chunk(tmp_path: Path, on_disk: bytes | None, data: bytes,
                                           same: bool) -> None:
    path = tmp_path / "f"
    if on_disk is not None:
        path.write_bytes(on_disk)
    assert fsutil.has_bytes(path, data) is same


@pytest.mark.parametrize(("on_disk", "chunks", "changed"), [
    (None, [b"ab", b"cd"], True),
    (b"abcd", [b"ab", b"cd"], False),
    (b"Xbcd", [b"ab", b"cd"], True),  # differs in the first piece: the rest still written
    (b"abXd", [b"ab", b"cd"], True),
    (b"abc", [b"ab", b"cd"], True),
    (b"abcde", [b"ab", b"cd"], True),
    (b"", [], False),
])
def test_atomic_write_chunks_writes_all_and_only_when_changed(
        tmp_path: Path, on_disk: bytes | None, chunks: list[bytes], changed: bool) -> None:
    path = tmp_path / "f"
    if on_disk is not None:
        path.write_bytes(on_disk)
        os.utime(path, ns=(1, 1))
    assert fsutil.atomic_write_chunks(path, iter(chunks)) is changed
    assert path.read_bytes() == b"".join(chunks)
    assert (path.stat().st_mtime_ns == 1) is (not changed)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]  # no temp file left
