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
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from summit_i18n.errors import FileSystemError, LockTimeout

__all__ = ["NotRegularFile", "atomic_write_bytes", "atomic_write_chunks", "atomic_write_text",
           "has_bytes", "has_chunks", "irregular", "project_lock", "read_regular"]

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


_ABSENT = ("missing", "a dangling symbolic link")


class NotRegularFile(OSError):
    """A FIFO, socket, device, folder or dangling link where a file was expected."""


def irregular(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file (nor a link to one), else None.

    Only ``stat`` calls: a FIFO is never opened (opening one blocks until a writer
    comes), a socket or a device neither.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a dangling symbolic link" if path.is_symlink() else "missing"
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def read_regular(path: Path, *, max_bytes: int | None = None) -> bytes:
    """The bytes of ``path``, which must be a regular file.

    Raises :class:`NotRegularFile` (an :class:`OSError` whose ``strerror`` says what
    the path is instead) without opening anything that is not a regular file, and
    :class:`OSError` when reading fails.  ``max_bytes`` is checked on the open file.
    """
    what = irregular(path)
    if what is not None and what not in _ABSENT:  # absent: open() says so, as usual
        raise NotRegularFile(errno.EINVAL, f"it is {what}, not a regular file", str(path))
    # O_NONBLOCK: should the path be swapped for a FIFO after the check, open() does not hang
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, "it is not a regular file", str(path))
        if max_bytes is not None and info.st_size > max_bytes:
            raise OSError(errno.EFBIG, f"is larger than {max_bytes:,} bytes", str(path))
        return fh.read()


def atomic_write_bytes(path: Path, data: bytes, *, only_if_changed: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically; return whether the file changed.

    Raises :class:`FileSystemError` (one line: the path, the system's reason) when
    the file system refuses: disk full, permission denied, a file where a folder
    should be or a folder where the file should be.
    """
    try:
        if only_if_changed and _holds(path, lambda: has_bytes(path, data)):
            return False
    except OSError as exc:
        raise FileSystemError(path, "write", exc) from None

    def write(fh: BinaryIO) -> bool:
        fh.write(data)
        return True

    return _write_atomically(path, write)


def _holds(path: Path, same: Callable[[], bool]) -> bool:
    """``same()`` when ``path`` is a regular file (a FIFO there is never opened)."""
    what = irregular(path)
    if what is None:
        return same()
    if what in _ABSENT:
        return False
    raise IsADirectoryError(errno.EISDIR, f"it is {what}, not a file", str(path))


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
        same = _holds(path, lambda: has_chunks(path, pieces))
        for _ in pieces:  # the rest, after a first difference
            pass
        return not same

    return _write_atomically(path, write)


def _write_atomically(path: Path, write: Callable[[BinaryIO], bool]) -> bool:
    """A temp file beside ``path``, filled by ``write``, renamed over ``path`` when
    ``write`` says the content changed (else removed): readers see the old file or
    the new one, never a part.  An :class:`OSError` becomes :class:`FileSystemError`."""
    try:
        return _write_in_place(path, write)
    except FileSystemError:
        raise
    except OSError as exc:
        raise FileSystemError(path, "write", exc) from None


def _write_in_place(path: Path, write: Callable[[BinaryIO], bool]) -> bool:
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
    from filelock import FileLock
    from filelock import Timeout as _FileLockTimeout

    lock_dir = root / LOCK_DIR
    lock = FileLock(str(lock_dir / LOCK_NAME), timeout=timeout)
    try:
        lock_dir.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except _FileLockTimeout as exc:
        raise LockTimeout(
            f"{lock_dir / LOCK_NAME}: error: another summit-i18n run has held the project "
            f"lock for {timeout:.0f} s; try again when it has finished"
        ) from exc
    except OSError as exc:
        raise FileSystemError(lock_dir / LOCK_NAME, "take the project lock", exc) from None
    try:
        yield
    finally:
        lock.release()
