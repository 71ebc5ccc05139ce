"""_display: what a terminal shows is what is in the file."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summit_i18n._display import excerpt, has_controls, markup_escape, visible
from summit_i18n.cli._output import printable
from tests.property.strategies import hostile_text

DANGEROUS = ["\x1b", "\x9b", "\x07", "\r", "\x00", "\x7f", "\u202e", "\u202a", "\u2066",
             "\u2069", "\u2028", "\ud800"]


@pytest.mark.parametrize("char", DANGEROUS)
def test_each_control_is_escaped(char: str) -> None:
    shown = visible(f"a{char}b")
    assert char not in shown
    assert shown == f"a\\u{ord(char):04x}b"


def test_newlines_tabs_and_letters_stay() -> None:
    text = "Résumé\tdu 日本語\nligne deux — ok"
    assert visible(text) == text


def test_escapes_read_back_in_json() -> None:
    text = "x\x1b]0;title\x07y\u202ez"
    assert json.loads(f'"{visible(text)}"') == text


def test_osc_title_sequence_is_inert() -> None:
    shown = visible("\x1b]0;pwned\x07\x1b[2J")
    assert shown == "\\u001b]0;pwned\\u0007\\u001b[2J"


def test_markup_escape_also_escapes_rich_markup() -> None:
    assert markup_escape("[bold]x\x1b[0m") == "\\[bold]x\\u001b[0m"


def test_has_controls_lists_each_once() -> None:
    assert has_controls("\x1b[1m\x1b[0m\u202e") == ["\\u001b", "\\u202e"]
    assert has_controls("plain\ttext\n") == []


def test_excerpt_is_short() -> None:
    assert excerpt("abc") == "'abc'"
    long = excerpt("x" * 1_000_000)
    assert len(long) < 100
    assert "1,000,000 characters" in long
    assert excerpt(["a", 1]) == "['a', 1]"
    assert excerpt({"k": list(range(10**5))}) == "a dict of 1 items"
    assert len(excerpt(10**5000)) < 100


@given(hostile_text())
def test_printable_never_lets_a_control_through(text: str) -> None:
    shown = printable(text)
    assert not any(c in shown for c in DANGEROUS)
    shown.encode("utf-8")  # always printable
    assert json.loads(json.dumps(shown)) == shown


@given(st.one_of(st.text(), hostile_text()))
def test_visible_is_lossless_and_idempotent(text: str) -> None:
    shown = visible(text)
    assert visible(shown) == shown
    if "\\" not in text:  # then every backslash in the output starts one of our escapes
        back = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), shown)
        assert back == text
