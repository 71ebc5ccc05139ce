"""Atomic file writes and the project lock.

Principles: a file is either as it was or complete — never half written.  Every
write goes to a temporary file in the same directory, is fsync'ed, then renamed
over the target (and the directory fsync'ed).  A write that would not change the
bytes does not touch the file, so mtimes stay put and tools like make see no
change.  Commands that modify a project take one lock file, so two runs on one
project happen one after the other.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from filelock import FileLock
from filelock import Timeout as _FileLockTimeout

from summit_i18n.errors import LockTimeout

__all__ = ["atomic_write_bytes", "atomic_write_chunks", "atomic_write_text", "has_bytes",
           "has_chunks", "project_lock"]

LOCK_DIR = ".summit-i18n"
LOCK_NAME = "lock"


def has_bytes(path: Path, data: bytes) -> bool:
    """True when the file at ``path`` holds exactly ``data`` (False when absent).

    Compared a megabyte at a time: a large catalog is not read whole beside its new bytes.
    """
    try:
        if path.stat().st_size != len(data):
            return False
    except FileNotFoundError:
        return False
    view = memoryview(data)
    return has_chunks(path, (view[i:i + _CHUNK] for i in range(0, len(data), _CHUNK)))


def has_chunks(path: Path, chunks: Iterable[bytes | memoryview]) -> bool:
    """True when the file at ``path`` holds exactly the bytes ``chunks`` make up."""
    try:
        with path.open("rb") as fh:
            for chunk in chunks:
                if fh.read(len(chunk)) != chunk:
                    return False
            return fh.read(1) == b""
    except FileNotFoundError:
        return False


_CHUNK = 2**20


def atomic_write_bytes(path: Path, data: bytes, *, only_if_changed: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically; return whether the file changed."""
    if only_if_changed and has_bytes(path, data):
        return False

    def write(fh: BinaryIO) -> bool:
        fh.write(data)
        return True

    return _write_atomically(path, write)


def atomic_write_chunks(path: Path, chunks: Iterable[bytes]) -> bool:
    """Write the bytes ``chunks`` make up to ``path`` atomically, as they come; return
    whether the file changed (a file that already had these bytes is left untouched).

    For large outputs (a catalog of 10^5 messages): its bytes are never all in memory,
    and they are compared with the file's as they are written.
    """
    def write(fh: BinaryIO) -> bool:
        def written() -> Iterator[bytes]:
            for chunk in chunks:
                fh.write(chunk)
                yield chunk

        pieces = written()
        same = has_chunks(path, pieces)
        for _ in pieces:  # the rest, after a first difference
            pass
        return not same

    return _write_atomically(path, write)


def _write_atomically(path: Path, write: Callable[[BinaryIO], bool]) -> bool:
    """A temp file beside ``path``, filled by ``write``, renamed over ``path`` when
    ``write`` says the content changed (else removed): readers see the old file or
    the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            changed = write(fh)
            if changed:
                fh.flush()
                os.fsync(fh.fileno())
        if not changed:
            Path(tmp).unlink()
            return False
        Path(tmp).chmod(_mode_for(path))
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return True


def atomic_write_text(
    path: Path, text: str, *, encoding: str = "utf-8", only_if_changed: bool = True
) -> bool:
    """Encode ``text`` and write it atomically; return whether the file changed."""
    return atomic_write_bytes(path, text.encode(encoding), only_if_changed=only_if_changed)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def project_lock(root: Path, *, timeout: float = 600.0) -> Iterator[None]:
    """Hold the project's lock; wait up to ``timeout`` seconds for another run."""
    lock_dir = root / LOCK_DIR
    lock_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_dir / LOCK_NAME), timeout=timeout)
    try:
        lock.acquire()
    except _FileLockTimeout as exc:
        raise LockTimeout(
            f"{lock_dir / LOCK_NAME}: error: another summit-i18n run has held the project "
            f"lock for {timeout:.0f} s; try again when it has finished"
        ) from exc
    try:
        yield
    finally:
        lock.release()
