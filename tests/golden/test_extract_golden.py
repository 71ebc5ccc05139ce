"""Golden pairs: ``extract/<case>.md`` → ``extract/<case>.md.expect.pot`` (``--update-golden``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summit_i18n.config import find_project
from summit_i18n.extract import extract_project

CASES = Path(__file__).parent / "extract"
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
_DATE = re.compile(r'^"POT-Creation-Date: [^"\\]*\\n"$', re.MULTILINE)


def blank_date(text: str) -> str:
    return _DATE.sub(r'"POT-Creation-Date: \\n"', text)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("*.md")))
def test_extract_golden(
    case: str,
    make_project: Callable[..., Path],
    msgfmt_check: Callable[[Path], None],
    update_golden: bool,
) -> None:
    root = make_project({f"source/{case}": (CASES / case).read_text(encoding="utf-8")})
    report = extract_project(find_project(explicit=root), now=NOW)
    [row] = [r for r in report.domains if r.domain != "site"]  # site: the built-in templates
    pot = root / row.pot
    msgfmt_check(pot)
    actual = blank_date(pot.read_text(encoding="utf-8"))
    expected_file = CASES / f"{case}.expect.pot"
    if update_golden:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), f"no {expected_file.name}: run pytest --update-golden"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_expected_file_has_a_case() -> None:
    expected = {p.name.removesuffix(".expect.pot") for p in CASES.glob("*.expect.pot")}
    assert expected == {p.name for p in CASES.glob("*.md")}
