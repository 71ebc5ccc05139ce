"""The exceptions summit-i18n raises, each mapped to one exit code.

::

    SummitError                 exit 1 (generic failure)
    ├── UsageError              exit 2 (bad option, bad or missing configuration)
    │   ├── ConfigError         exit 2 (names the config file and key)
    │       └── ConfigErrors    exit 2 (several of those, one line each)
    ├── SourceError             exit 3 (bad input; carries path and line)
    ├── FileSystemError         exit 3 (a file or folder cannot be written: disk full,
    │                                   permission denied, a file where a folder should be)
    ├── BackendError            exit 4 (a translation service failed)
    └── LockTimeout             exit 2 (another run holds the project lock)

Check findings are results, not exceptions.  Every message is one line meant
for a person: ``path:line: error: what is wrong``.
"""

from __future__ import annotations

import errno
from pathlib import Path

__all__ = [
    "BackendError",
    "ConfigError",
    "ConfigErrors",
    "FileSystemError",
    "LockTimeout",
    "SourceError",
    "SummitError",
    "UsageError",
]


class SummitError(Exception):
    """Base of every error summit-i18n reports to a user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(SummitError):
    """The command was called wrongly, or the project is not set up."""

    exit_code = 2


class ConfigError(UsageError):
    """A configuration file has an unknown key or a bad value."""

    def __init__(self, path: Path | str, key: str, message: str) -> None:
        self.path = str(path)
        self.key = key
        super().__init__(f"{path}: error: {key}: {message}")


class ConfigErrors(ConfigError):
    """Every problem of a configuration file, reported at once (one line each).

    A :class:`ConfigError` too (the first problem's file and key), so a caller that
    catches that catches every configuration problem.
    """

    def __init__(self, errors: list[ConfigError]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        self.path = first.path
        self.key = first.key
        UsageError.__init__(self, "\n".join(str(e) for e in self.errors))


class SourceError(SummitError):
    """Bad input: a file that cannot be read as what it should be."""

    exit_code = 3

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.detail = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: error: {message}")


class FileSystemError(SummitError, OSError):
    """The file system refused: one line with the path and the system's reason.

    Also an :class:`OSError` (with the original ``errno``), for callers that catch those.
    """

    exit_code = 3

    def __init__(self, path: Path | str, action: str, exc: OSError) -> None:
        self.path = str(path)
        reason = exc.strerror or str(exc) or type(exc).__name__
        if exc.errno == errno.ENOSPC:
            reason += ": free some space and run the command again"
        where = exc.filename if isinstance(exc.filename, str) and exc.filename else self.path
        super().__init__(f"{_shown(where)}: error: cannot {action} ({reason})")
        self.errno = exc.errno


def _shown(path: str) -> str:
    """``path`` relative to the working folder when it lies below it."""
    try:
        rel = Path(path).absolute().relative_to(Path.cwd())
    except (ValueError, OSError):
        return path
    return rel.as_posix()


class BackendError(SummitError):
    """A machine-translation service failed (after retries)."""

    exit_code = 4


class LockTimeout(UsageError):
    """Another summit-i18n run holds the project lock for too long."""
