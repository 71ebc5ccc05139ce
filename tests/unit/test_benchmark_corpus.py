"""benchmarks/generate.py: the ``formats`` profile has two to three times the format strings
and plural entries of the default one, and both stay valid for msgfmt --check."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from benchmarks.generate import make_messages, write_corpus


def _shares(profile: str) -> tuple[float, float]:
    messages = make_messages(20_000, profile=profile)
    flagged = sum(1 for m in messages if m.flags) / len(messages)
    plural = sum(1 for m in messages if m.msgid_plural is not None) / len(messages)
    return flagged, plural


def test_formats_profile_has_two_to_three_times_the_formats_and_plurals() -> None:
    docs_flagged, docs_plural = _shares("docs")
    flagged, plural = _shares("formats")
    assert 0.15 < docs_flagged < 0.3
    assert 2 <= flagged / docs_flagged <= 3
    assert 2 <= plural / docs_plural <= 3


def test_profiles_are_deterministic_and_differ() -> None:
    assert make_messages(300, profile="formats") == make_messages(300, profile="formats")
    assert make_messages(300, profile="formats") != make_messages(300)
    assert make_messages(300) == make_messages(300, profile="docs")


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(KeyError):
        make_messages(10, profile="nonsense")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) not installed")
@pytest.mark.parametrize("profile", ["docs", "formats"])
def test_corpus_files_are_valid_gettext(tmp_path: Path, profile: str) -> None:
    for path in write_corpus(2_000, tmp_path, profile=profile):
        # the translation keeps every placeholder, so the format checks pass too
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
