"""The translation cache: every answer a service gave, in SQLite at ``.summit-i18n/cache.sqlite``.

Principles: an answer is keyed by service, source and target code and the masked
text sent, so the same English is sent once across documents, languages that share
a code (LibreTranslate's ``zh`` serves both Chinese scripts) and runs; clearing
translations and running again sends nothing already answered.  Only accepted
answers are stored, never a key or a URL.  WAL mode and a busy timeout let two
processes share the file; each answer is committed as it arrives, so an
interrupted run keeps everything it was told.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

__all__ = ["CACHE_NAME", "TranslationCache"]

CACHE_NAME = "cache.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    service TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    text TEXT NOT NULL,
    result TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (service, source, target, text)
) WITHOUT ROWID
"""


def _enable_wal(db: sqlite3.Connection, timeout: float) -> None:
    """Switch the file to write-ahead logging, waiting for another process doing the
    same: SQLite answers "database is locked" at once there, without waiting for its
    busy timeout (two prefills started together on a new project)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


class TranslationCache:
    """A thread-safe handle on the cache file (one connection, one lock)."""

    def __init__(self, path: Path, *, readonly: bool = False, timeout: float = 30.0) -> None:
        self.path = path
        self.readonly = readonly
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None
        if readonly:
            if not path.is_file():
                self._db = None
                return
            uri = f"{path.resolve().as_uri()}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=timeout, check_same_thread=False,
                                       isolation_level=None)
            _enable_wal(self._db, timeout)
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)

    def get(self, key: tuple[str, str, str], text: str) -> str | None:
        if self._db is None:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT result FROM translations WHERE service=? AND source=? AND target=?"
                " AND text=?", (*key, text)).fetchone()
        return None if row is None else str(row[0])

    def put(self, key: tuple[str, str, str], text: str, result: str) -> None:
        if self._db is None or self.readonly:
            return
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)",
                (*key, text, result, time.time()))

    def __len__(self) -> int:
        if self._db is None:
            return 0
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        if self._db is not None:
            with self._lock:
                self._db.close()
            self._db = None

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
