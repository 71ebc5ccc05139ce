"""The record of the last successful ``compile``, so an unchanged project is skipped fast.

Principles: ``summit-i18n compile`` on a project where nothing changed should cost what
``make`` costs on a built tree — a few ``stat`` calls — not the start-up of the
command-line framework and the configuration (typer, Babel, pydantic: ~0.15 s).  After
every compile that refused nothing, the command writes ``.summit-i18n/compile.json``:
for each request (the ``-l`` languages and ``--use-fuzzy``) the size and mtime of the
configuration file, of each ``LC_MESSAGES`` folder (a new catalog changes it), of every
``.po`` and ``.mo``, and each catalog's statistics line.  Before anything else is
imported, :func:`unchanged` compares them with the files on disk; any difference — or a
file written in the same clock tick as the record (git's "racily clean" rule) — sends
the command down the full path, which decides by content (SHA-256) as before.

This module imports only the standard library: it runs before the rest of the package.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summit_i18n import __version__

__all__ = ["RECORD_NAME", "Compiled", "forget", "remember", "request_key", "unchanged"]

RECORD_NAME = "compile.json"
_FORMAT = 1
_MAX_REQUESTS = 16
_CONFIG_NAMES = ("summit-i18n.toml", "pyproject.toml")


@dataclass(frozen=True)
class Compiled:
    """One catalog the last compile left current: its files and ``--statistics`` line."""

    po_path: Path
    mo_path: Path
    shown: str
    statistics: str


def request_key(languages: Sequence[str] | None, use_fuzzy: bool) -> str:
    """The record's key for a command line: the ``-l`` values (any order) and the option."""
    langs = ",".join(sorted(set(languages))) if languages else "*"
    return f"{langs}|{'fuzzy' if use_fuzzy else 'reviewed'}"


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _record_path(root: Path) -> Path:
    return root / ".summit-i18n" / RECORD_NAME


def _load(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return None
    return data


def remember(root: Path, config_path: Path | None, key: str, folders: Sequence[Path],
             compiled: Sequence[Compiled]) -> None:
    """Record that ``compiled`` is the whole, current result of the request ``key``,
    whose catalogs are the ``*.po`` files of ``folders`` (present or not)."""
    from summit_i18n.fsutil import atomic_write_bytes  # the full path has it loaded already

    if config_path is None:
        return
    path = _record_path(root)
    data = _load(path)
    old = data.get("requests") if data is not None and data.get("version") == __version__ else None
    requests: dict[str, object] = dict(old) if isinstance(old, dict) else {}
    entry = {
        "config": [_rel(root, config_path), _stat(config_path)],
        "folders": [[_rel(root, f), _stat(f)] for f in sorted(set(folders))],
        "catalogs": [[_rel(root, c.po_path), _stat(c.po_path), _rel(root, c.mo_path),
                      _stat(c.mo_path), c.shown, c.statistics] for c in compiled],
    }
    requests.pop(key, None)
    requests[key] = entry  # most recent last; the oldest requests are dropped
    while len(requests) > _MAX_REQUESTS:
        del requests[next(iter(requests))]
    text = json.dumps({"format": _FORMAT, "version": __version__, "requests": requests},
                      indent=1) + "\n"
    # Always written, even when unchanged: its mtime must follow the files it vouches for.
    atomic_write_bytes(path, text.encode("utf-8"), only_if_changed=False)


def forget(root: Path) -> None:
    """Drop the record (a refused catalog: the next run must take the full path)."""
    _record_path(root).unlink(missing_ok=True)


def unchanged(start: Path, explicit: bool, key: str) -> list[tuple[str, str]] | None:
    """``(shown path, statistics line)`` per catalog when the recorded compile of ``key``
    is still current, else None (take the full path).

    The project is found as the configuration finds it: ``start`` itself when
    ``explicit`` (``-C DIR``), else the first folder upward holding a configuration file.
    """
    try:
        here = start.resolve()
    except OSError:
        return None
    candidates = [here] if explicit else [here, *here.parents]
    for folder in candidates:
        if any((folder / name).is_file() for name in _CONFIG_NAMES):
            return _current(folder, key)
    return None


def _current(root: Path, key: str) -> list[tuple[str, str]] | None:
    path = _record_path(root)
    record_stat = _stat(path)
    data = _load(path)
    if record_stat is None or data is None or data.get("version") != __version__:
        return None
    requests = data.get("requests")
    entry = requests.get(key) if isinstance(requests, dict) else None
    if not isinstance(entry, dict):
        return None
    written = record_stat[1]
    try:
        config_name, config_stat = entry["config"]
        if not _fresh(root / config_name, config_stat, written):
            return None
        # summit-i18n.toml wins over pyproject.toml: one that appeared since is another config
        if config_name != _CONFIG_NAMES[0] and (root / _CONFIG_NAMES[0]).is_file():
            return None
        for name, stat in entry["folders"]:
            if not _fresh(root / name, stat, written):
                return None
        lines: list[tuple[str, str]] = []
        for po, po_stat, mo, mo_stat, shown, statistics in entry["catalogs"]:
            if not (_fresh(root / po, po_stat, written) and _fresh(root / mo, mo_stat, written)):
                return None
            lines.append((str(shown), str(statistics)))
    except (TypeError, ValueError, KeyError):
        return None  # a record from another version or edited by hand
    return lines


def _fresh(path: Path, recorded: object, written: int) -> bool:
    """Same size and mtime as recorded (or still absent), and not written in the
    record's own clock tick."""
    now = _stat(path)
    if now is None or recorded is None:
        return now is None and recorded is None
    return now == recorded and now[1] < written


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
