"""Tests for summit_i18n.prefill.cache: keys, read-only use, two processes at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from summit_i18n.prefill.cache import TranslationCache

KEY = ("libre", "en", "fr")


def test_put_get_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "state" / "cache.sqlite"
    with TranslationCache(path) as cache:
        assert cache.get(KEY, "Hello") is None
        cache.put(KEY, "Hello", "Bonjour")
        cache.put(("libre", "en", "ja"), "Hello", "こんにちは")
        cache.put(KEY, "Hello", "Salut")  # a newer answer replaces the old one
        assert cache.get(KEY, "Hello") == "Salut"
        assert cache.get(("libre", "en", "ja"), "Hello") == "こんにちは"
        assert cache.get(("google", "en", "fr"), "Hello") is None
        assert len(cache) == 2
    with TranslationCache(path) as again:
        assert again.get(KEY, "Hello") == "Salut"


def test_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    TranslationCache(path).close()
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_readonly_never_creates_or_writes(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with TranslationCache(path, readonly=True) as cache:
        assert cache.get(KEY, "x") is None
        cache.put(KEY, "x", "y")
        assert len(cache) == 0
    assert not path.exists()
    with TranslationCache(path) as cache:
        cache.put(KEY, "x", "y")
    with TranslationCache(path, readonly=True) as cache:
        assert cache.get(KEY, "x") == "y"
        cache.put(KEY, "z", "w")
        assert cache.get(KEY, "z") is None


_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from summit_i18n.prefill.cache import TranslationCache
    name, path = sys.argv[1], Path(sys.argv[2])
    with TranslationCache(path) as cache:
        for i in range(300):
            cache.put(("libre", "en", "fr"), f"{name}-{i}", f"{name} answer {i}")
            cache.put(("libre", "en", "fr"), f"shared-{i}", f"shared {i}")
            assert cache.get(("libre", "en", "fr"), f"{name}-{i}") == f"{name} answer {i}"
""")


def test_two_processes_share_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, name, str(path)],
                              stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with TranslationCache(path) as cache:
        assert len(cache) == 900
        assert cache.get(KEY, "a-299") == "a answer 299"
        assert cache.get(KEY, "b-0") == "b answer 0"
        assert cache.get(KEY, "shared-7") == "shared 7"
