"""review shows what is in the file: control characters escaped, never raw."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from summit_i18n.cli import app
from summit_i18n.config import find_project
from summit_i18n.review import ReviewSession, run_review
from tests.unit.catalogs import header

HOSTILE = "Bon\x1b]0;owned\x07jour \x1b[2J\u202etxt.exe\u202c \x9b31m"


def _project(make_project: Callable[..., Path]) -> Path:
    english = '#: source/demo.md:9\nmsgid "Hello \x1b[1mworld"\n'
    pot = f'{header(None)}\n{english}msgstr ""\n'
    po = f'{header("fr")}\n#: source/demo.md:9\n#, fuzzy\nmsgid "Hello \x1b[1mworld"\n' \
         f'msgstr "{HOSTILE}"\n'
    return make_project({"locale/p.pot": pot, "locale/fr/LC_MESSAGES/p.po": po},
                        config='languages = ["fr"]\nreviewer = "Ada"\n')


def test_review_shows_controls_escaped(make_project: Callable[..., Path]) -> None:
    root = _project(make_project)
    session = ReviewSession(find_project(explicit=root), "fr", "p")
    out = io.StringIO()
    run_review(session, Console(file=out, width=200, no_color=True, force_terminal=False),
               lambda prompt: "q")
    text = out.getvalue()
    for raw in ("\x1b", "\x07", "\u202e", "\u202c", "\x9b"):
        assert raw not in text
    assert "\\u001b]0;owned\\u0007" in text
    assert "\\u202etxt.exe" in text
    assert "[control-chars]" in text  # check's warning, shown with the draft


def test_check_prints_findings_escaped(make_project: Callable[..., Path]) -> None:
    root = _project(make_project)
    result = CliRunner().invoke(app, ["-C", str(root), "check"])
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream
        assert "\u202e" not in stream
    assert "[control-chars]" in result.stdout
    result = CliRunner().invoke(app, ["-C", str(root), "check", "--format", "json"])
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
